//! `narrative.table` for the figures other than 本年新收: the conditions under which a figure
//! is compared, and the cells it is compared with, are in the docs of the parent module.

use crate::catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, Edition, OutcomeGroup,
    ProactiveColumn, ProactiveRow, application_rows, proactive_columns,
};
use crate::finding::{Finding, Location, Operand, Rule, Severity};
use crate::report::{Address, Report};

use super::{Num, Sentence};

/// What a figure in prose counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// 现行有效 规章 / 行政规范性文件 (2021 edition).
    InForce(ProactiveRow),
    /// 行政许可 / 行政处罚 / 行政强制 decisions.
    Decisions(ProactiveRow),
    /// 行政复议 (`None`) or one of its results.
    Review(Option<AppealColumn>),
    /// 行政诉讼, both blocks (`None` for the total), or one of its results.
    Litigation(Option<AppealColumn>),
    /// A result of 行政复议 or 行政诉讼 not yet tied to its block.
    AppealResult(AppealColumn),
    /// 上年结转.
    CarriedOver,
    /// 结转下年度.
    CarriedForward,
    /// （一）予以公开.
    Granted,
    /// （二）部分公开.
    PartiallyGranted,
    /// （一）+（二）.
    GrantedOrPartially,
    /// A group of outcome rows.
    Group(OutcomeGroup),
}

impl Subject {
    /// What the prose says, for messages.
    fn what(self) -> String {
        match self {
            Subject::InForce(row) => format!("现行有效{}件数", row.label()),
            Subject::Decisions(row) => format!("{}处理决定数", row.label()),
            Subject::Review(None) => "行政复议件数".to_owned(),
            Subject::Litigation(None) => "行政诉讼件数".to_owned(),
            Subject::Review(Some(c)) => format!("行政复议{}件数", c.label()),
            Subject::Litigation(Some(c)) | Subject::AppealResult(c) => {
                format!("行政诉讼{}件数", c.label())
            }
            Subject::CarriedOver => "上年结转申请数".to_owned(),
            Subject::CarriedForward => "结转下年度申请数".to_owned(),
            Subject::Granted => "予以公开件数".to_owned(),
            Subject::PartiallyGranted => "部分公开件数".to_owned(),
            Subject::GrantedOrPartially => "予以公开及部分公开件数".to_owned(),
            Subject::Group(g) => {
                let label = g.label();
                format!("{}件数", label.rsplit('）').next().unwrap_or(label))
            }
        }
    }

    fn is_outcome(self) -> bool {
        matches!(
            self,
            Subject::Granted
                | Subject::PartiallyGranted
                | Subject::GrantedOrPartially
                | Subject::Group(_)
        )
    }

    /// The cells the figure is compared with (their sum), in `edition`; empty when the edition
    /// has no such cell.
    fn cells(self, edition: Edition) -> Vec<Address> {
        let total = |row: ApplicationRow| Address::Applications(row, ApplicantColumn::Total);
        match self {
            Subject::InForce(row) => {
                if proactive_columns(edition, row).contains(&ProactiveColumn::InForce) {
                    vec![Address::Proactive(row, ProactiveColumn::InForce)]
                } else {
                    Vec::new()
                }
            }
            Subject::Decisions(row) => {
                if proactive_columns(edition, row).contains(&ProactiveColumn::Decisions) {
                    vec![Address::Proactive(row, ProactiveColumn::Decisions)]
                } else {
                    Vec::new()
                }
            }
            Subject::Review(c) => vec![Address::Appeals(
                AppealRow::Review,
                c.unwrap_or(AppealColumn::Total),
            )],
            Subject::Litigation(c) => {
                let c = c.unwrap_or(AppealColumn::Total);
                vec![
                    Address::Appeals(AppealRow::LitigationDirect, c),
                    Address::Appeals(AppealRow::LitigationAfterReview, c),
                ]
            }
            Subject::AppealResult(_) => Vec::new(),
            Subject::CarriedOver => vec![total(ApplicationRow::CarriedOver)],
            Subject::CarriedForward => vec![total(ApplicationRow::CarriedForward)],
            Subject::Granted => vec![total(ApplicationRow::Granted)],
            Subject::PartiallyGranted => vec![total(ApplicationRow::PartiallyGranted)],
            Subject::GrantedOrPartially => vec![
                total(ApplicationRow::Granted),
                total(ApplicationRow::PartiallyGranted),
            ],
            Subject::Group(g) => {
                let rows = application_rows(edition);
                let mut out: Vec<Address> = rows
                    .iter()
                    .filter(|r| r.group() == Some(g))
                    .map(|&r| total(r))
                    .collect();
                // The 2019 edition's single （六）其他处理 row has no heading of its own.
                if g == OutcomeGroup::OtherHandling && rows.contains(&ApplicationRow::Other) {
                    out.push(total(ApplicationRow::Other));
                }
                out
            }
        }
    }
}

/// The words of each subject, longest first where one contains another.
const WORDS: &[(&str, Subject)] = &[
    (
        "现行有效的行政规范性文件",
        Subject::InForce(ProactiveRow::NormativeDocuments),
    ),
    (
        "现行有效行政规范性文件",
        Subject::InForce(ProactiveRow::NormativeDocuments),
    ),
    (
        "现行有效的规范性文件",
        Subject::InForce(ProactiveRow::NormativeDocuments),
    ),
    (
        "现行有效规范性文件",
        Subject::InForce(ProactiveRow::NormativeDocuments),
    ),
    (
        "现行有效的政府规章",
        Subject::InForce(ProactiveRow::Regulations),
    ),
    (
        "现行有效政府规章",
        Subject::InForce(ProactiveRow::Regulations),
    ),
    (
        "现行有效的规章",
        Subject::InForce(ProactiveRow::Regulations),
    ),
    ("现行有效规章", Subject::InForce(ProactiveRow::Regulations)),
    ("行政许可", Subject::Decisions(ProactiveRow::Licensing)),
    ("行政处罚", Subject::Decisions(ProactiveRow::Penalties)),
    (
        "行政强制",
        Subject::Decisions(ProactiveRow::CoerciveMeasures),
    ),
    ("行政复议", Subject::Review(None)),
    ("行政诉讼", Subject::Litigation(None)),
    ("结果维持", Subject::AppealResult(AppealColumn::Upheld)),
    ("结果纠正", Subject::AppealResult(AppealColumn::Corrected)),
    ("其他结果", Subject::AppealResult(AppealColumn::Other)),
    ("尚未审结", Subject::AppealResult(AppealColumn::Pending)),
    ("上一年度结转", Subject::CarriedOver),
    ("上年度结转", Subject::CarriedOver),
    ("上年结转", Subject::CarriedOver),
    ("结转下一年度", Subject::CarriedForward),
    ("结转到下一年度", Subject::CarriedForward),
    ("结转至下一年度", Subject::CarriedForward),
    ("结转下年度", Subject::CarriedForward),
    ("结转到下年度", Subject::CarriedForward),
    ("结转至下年度", Subject::CarriedForward),
    ("转入下一年度", Subject::CarriedForward),
    ("转入下年度", Subject::CarriedForward),
    ("转下一年度", Subject::CarriedForward),
    ("转下年度", Subject::CarriedForward),
    ("顺延到下一年度", Subject::CarriedForward),
    ("顺延到下年度", Subject::CarriedForward),
    ("顺延至下一年度", Subject::CarriedForward),
    ("顺延至下年度", Subject::CarriedForward),
    ("予以公开及部分公开", Subject::GrantedOrPartially),
    ("予以公开和部分公开", Subject::GrantedOrPartially),
    ("予以公开、部分公开", Subject::GrantedOrPartially),
    ("予以公开", Subject::Granted),
    ("部分公开", Subject::PartiallyGranted),
    ("不予公开", Subject::Group(OutcomeGroup::Withheld)),
    ("无法提供", Subject::Group(OutcomeGroup::Unavailable)),
    ("不予处理", Subject::Group(OutcomeGroup::NotProcessed)),
    ("其他处理", Subject::Group(OutcomeGroup::OtherHandling)),
];

/// Whether `c` is one of the characters that may stand between a subject and its number:
/// 的答复案件决定处理办理共计为有数量总申请.
fn is_filler_char(c: char) -> bool {
    matches!(
        c,
        '的' | '答'
            | '复'
            | '案'
            | '件'
            | '决'
            | '定'
            | '处'
            | '理'
            | '办'
            | '共'
            | '计'
            | '为'
            | '有'
            | '数'
            | '量'
            | '总'
            | '申'
            | '请'
    )
}

/// Whether `c` is a character of a word of [`FILLER_WORDS`]: 政府信息公开.
fn is_filler_word_char(c: char) -> bool {
    matches!(c, '政' | '府' | '信' | '息' | '公' | '开')
}

/// Words that may stand between a subject and its number besides [`FILLER`].
const FILLER_WORDS: &[&str] = &["政府信息公开", "信息公开"];

/// The longest filler, in characters.
const FILLER_MAX: usize = 6;

/// Words that put a clause's figure in another time or make it a change.
const OTHER_TIME: &[&str] = &[
    "上年",
    "去年",
    "上一年",
    "前年",
    "同比",
    "环比",
    "较",
    "相比",
    "累计",
    "以来",
    "历年",
    "增长",
    "下降",
    "减少",
    "增加",
    "新增",
    "同期",
];

/// Whether a word of [`OTHER_TIME`] may start with `c`: their first chars (a unit test holds
/// this list to the words).
fn may_start_other_time(c: char) -> bool {
    matches!(
        c,
        '上' | '去'
            | '前'
            | '同'
            | '环'
            | '较'
            | '相'
            | '累'
            | '以'
            | '历'
            | '增'
            | '下'
            | '减'
            | '新'
    )
}

/// Words that show a clause's 行政许可/处罚/强制 figure counts something else than decisions.
const NOT_DECISIONS: &[&str] = &[
    "申请", "受理", "信息", "公示", "公开", "事项", "清单", "职权", "权力", "目录",
];

/// Words before an outcome in its clause that narrow it.
const NARROWING: &[&str] = &["的", "因", "涉及", "属于"];

/// Whether a word of [`NARROWING`] may start with `c` (a unit test holds this list to the
/// words).
fn may_start_narrowing(c: char) -> bool {
    matches!(c, '的' | '因' | '涉' | '属')
}

/// Units a compared figure may carry.
const COUNT_UNITS: &[char] = &['件', '宗', '起'];

/// One subject found in a sentence, with its char range.
#[derive(Debug, Clone, Copy)]
struct Mention {
    subject: Subject,
    start: usize,
    end: usize,
}

/// The chars of a sentence without their byte offsets.
#[derive(Clone, Copy)]
struct Chars<'a>(&'a [(usize, char)]);

impl Chars<'_> {
    /// The char at index `i`.
    fn get(&self, i: usize) -> Option<&char> {
        self.0.get(i).map(|(_, c)| c)
    }
}

/// The subjects mentioned in the sentence, left to right, longest match first, not
/// overlapping. `year` is the report's year (for 结转至2026年).
fn mentions(s: &Sentence<'_>, year: u16) -> Vec<Mention> {
    let next_year = year.checked_add(1).map(|y| y.to_string());
    let chars = Chars(s.chars);
    // A word may be broken by white space (a line break of PDF text: 转下一\n年度).
    s.tick(chars.0.len());
    let starts_with = |i: usize, w: &str| {
        let mut k = i;
        for (n, c) in w.chars().enumerate() {
            while n > 0 && chars.get(k).is_some_and(|c| c.is_whitespace()) {
                s.tick(1);
                k = k.saturating_add(1);
            }
            s.tick(1);
            if chars.get(k) != Some(&c) {
                return None;
            }
            k = k.saturating_add(1);
        }
        Some(k)
    };
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(&c) = chars.get(i) {
        // Most chars start no subject's words: they are passed over with one comparison.
        if !may_start_mention(c) {
            i = i.saturating_add(1);
            continue;
        }
        let mut found: Option<Mention> = None;
        for &(w, subject) in WORDS {
            if let Some(end) = starts_with(i, w) {
                found = Some(Mention {
                    subject,
                    start: i,
                    end,
                });
                break;
            }
        }
        // 结转至2026年(度): the next year by its number.
        if found.is_none()
            && let Some(ny) = &next_year
        {
            for &lead in CARRIED_LEADS {
                let Some(k) = starts_with(i, lead) else {
                    continue;
                };
                let mut k = k;
                while chars.get(k).is_some_and(|c| c.is_whitespace()) {
                    k = k.saturating_add(1);
                }
                let Some(k) = starts_with(k, ny) else {
                    continue;
                };
                let Some(mut k) = starts_with(k, "年") else {
                    continue;
                };
                if chars.get(k) == Some(&'度') {
                    k = k.saturating_add(1);
                }
                found = Some(Mention {
                    subject: Subject::CarriedForward,
                    start: i,
                    end: k,
                });
                break;
            }
        }
        match found {
            Some(m) => {
                i = m.end.max(i.saturating_add(1));
                out.push(m);
            }
            None => i = i.saturating_add(1),
        }
    }
    out
}

/// Whether a word of [`WORDS`], or one of [`CARRIED_LEADS`], may start with `c`: their first
/// chars (a unit test holds this list to the words).
fn may_start_mention(c: char) -> bool {
    matches!(
        c,
        '现' | '行' | '结' | '其' | '尚' | '上' | '转' | '顺' | '予' | '部' | '不' | '无'
    )
}

/// The words before the next year's number in 结转至2026年.
const CARRIED_LEADS: &[&str] = &["结转至", "结转到", "转至", "转入"];

/// Whether `filler` may stand between a subject and its number.
fn is_filler(filler: &str) -> bool {
    let mut rest: String = filler.chars().filter(|c| !c.is_whitespace()).collect();
    for w in FILLER_WORDS {
        rest = rest.replace(w, "");
    }
    rest.chars().count() <= FILLER_MAX && rest.chars().all(is_filler_char)
}

/// Whether the chars `from..to` are filler ([`is_filler`]). They are first read one by one,
/// up to the first that can be no part of a filler (every subject's words have one), so the
/// text copied and searched is never longer than a run of filler chars.
fn gap_is_filler(s: &Sentence<'_>, from: usize, to: usize) -> bool {
    let may_be_filler = |c: char| c.is_whitespace() || is_filler_char(c) || is_filler_word_char(c);
    if !(from..to).all(|i| s.char_at(i).is_some_and(may_be_filler)) {
        return false;
    }
    is_filler(s.slice(from, to))
}

/// The clauses of a sentence (split at the chars of `stops`), found in one pass.
struct Clauses {
    /// The char index of each stop, in order.
    stops: Vec<usize>,
    len: usize,
}

impl Clauses {
    fn new(s: &Sentence<'_>, is_stop: fn(char) -> bool) -> Self {
        s.tick(s.chars.len());
        let stops = s
            .chars
            .iter()
            .enumerate()
            .filter(|&(_, &(_, c))| is_stop(c))
            .map(|(i, _)| i)
            .collect();
        Clauses {
            stops,
            len: s.chars.len(),
        }
    }

    /// The clause (char range) that holds char `i`: from after the last stop before `i` to
    /// the first stop at or after it.
    fn of(&self, s: &Sentence<'_>, i: usize) -> (usize, usize) {
        s.tick(self.stops.len().max(1).ilog2() as usize);
        let k = self.stops.partition_point(|&p| p < i);
        let start = k
            .checked_sub(1)
            .and_then(|p| self.stops.get(p))
            .map_or(0, |&p| p.saturating_add(1));
        let end = self.stops.get(k).copied().unwrap_or(self.len);
        (start, end)
    }
}

/// Whether `c` ends a clause: ，,；;。！？!?.
fn is_clause_stop(c: char) -> bool {
    matches!(c, '，' | ',') || is_part_stop(c)
}

/// Whether `c` ends a part of a sentence (of appeals and their results): ；;。！？!?.
fn is_part_stop(c: char) -> bool {
    matches!(c, '；' | ';' | '。' | '！' | '？' | '!' | '?')
}

/// What every subject of one clause needs to know of it, found once per clause.
struct ClauseFacts<'a> {
    start: usize,
    end: usize,
    /// The clause as a message quotes it.
    quoted: String,
    /// It says 申请, 信息, 公开 or another word of [`NOT_DECISIONS`].
    not_decisions: bool,
    /// The end of the first word of [`OTHER_TIME`] and the start of the last one (chars).
    other_time: Option<(usize, usize)>,
    /// The end (after its last char) of the first word of [`NARROWING`] in the clause read
    /// without 其中.
    narrowing_end: Option<usize>,
    /// The numbers that are another year than the report's (2023年), by start.
    other_years: Vec<&'a Num>,
}

impl<'a> ClauseFacts<'a> {
    fn new(s: &Sentence<'_>, nums: &'a [Num], (a, b): (usize, usize), year: u16) -> Self {
        let clause = s.slice(a, b);
        let chars: Vec<char> = clause.chars().collect();
        let not_decisions = NOT_DECISIONS.iter().any(|w| clause.contains(w));
        // Every word of OTHER_TIME, by char position.
        let mut first_end: Option<usize> = None;
        let mut last_start: Option<usize> = None;
        for (i, &c) in chars.iter().enumerate() {
            s.tick(1);
            if !may_start_other_time(c) {
                continue;
            }
            for w in OTHER_TIME {
                s.tick(1);
                if starts_with_at(&chars, i, w) {
                    let end = i.saturating_add(w.chars().count());
                    first_end = Some(first_end.map_or(end, |e| e.min(end)));
                    last_start = Some(i);
                }
            }
        }
        let other_time = first_end
            .zip(last_start)
            .map(|(e, l)| (a.saturating_add(e), a.saturating_add(l)));
        // The clause without 其中 (as str::replace removes it), each kept char with its index.
        let mut kept: Vec<(usize, char)> = Vec::with_capacity(chars.len());
        let mut i = 0usize;
        while let Some(&c) = chars.get(i) {
            s.tick(1);
            if c == '其' && chars.get(i.saturating_add(1)) == Some(&'中') {
                i = i.saturating_add(2);
                continue;
            }
            kept.push((i, c));
            i = i.saturating_add(1);
        }
        let kept_chars: Vec<char> = kept.iter().map(|&(_, c)| c).collect();
        let mut narrowing_end: Option<usize> = None;
        for (k, &c) in kept_chars.iter().enumerate() {
            s.tick(1);
            if !may_start_narrowing(c) {
                continue;
            }
            for w in NARROWING {
                s.tick(1);
                if starts_with_at(&kept_chars, k, w) {
                    let last = k.saturating_add(w.chars().count()).saturating_sub(1);
                    if let Some(&(orig, _)) = kept.get(last) {
                        let end = a.saturating_add(orig).saturating_add(1);
                        narrowing_end = Some(narrowing_end.map_or(end, |e| e.min(end)));
                    }
                }
            }
        }
        let other_years = s
            .nums_within(nums, a, b)
            .iter()
            .filter(|n| {
                s.tick(1);
                n.unit.is_none()
                    && (1949..=2100).contains(&n.value)
                    && n.value != u64::from(year)
                    && followed_by_year(s, n.end, b)
            })
            .collect();
        ClauseFacts {
            start: a,
            end: b,
            quoted: super::quote(clause),
            not_decisions,
            other_time,
            narrowing_end,
            other_years,
        }
    }

    /// Whether the clause, the subject's own words (chars `m_start..m_end`) aside, says
    /// another time or a change: a word of [`OTHER_TIME`] before them, after them, or made by
    /// the text on either side of them read as one.
    fn other_time(&self, s: &Sentence<'_>, m_start: usize, m_end: usize) -> bool {
        let Some((first_end, last_start)) = self.other_time else {
            return false;
        };
        if first_end <= m_start || last_start >= m_end {
            return true;
        }
        // A word across the subject: at most two chars of each side (the longest word has
        // three).
        let joined = format!(
            "{}{}",
            s.slice(m_start.saturating_sub(2).max(self.start), m_start),
            s.slice(m_end, m_end.saturating_add(2).min(self.end))
        );
        OTHER_TIME.iter().any(|w| joined.contains(w))
    }

    /// Whether a number of another year stands in the clause outside the chars
    /// `m_start..m_end`.
    fn other_year(&self, s: &Sentence<'_>, m_start: usize, m_end: usize) -> bool {
        s.tick(self.other_years.len().max(1).ilog2() as usize);
        let lo = self.other_years.partition_point(|n| n.start < m_start);
        let inside = self
            .other_years
            .get(lo..)
            .unwrap_or(&[])
            .iter()
            .take_while(|n| {
                s.tick(1);
                n.start < m_end
            })
            .filter(|n| n.end <= m_end)
            .count();
        self.other_years.len() > inside
    }
}

/// Whether `chars` has the word `w` at index `i`.
fn starts_with_at(chars: &[char], i: usize, w: &str) -> bool {
    let mut k = i;
    for c in w.chars() {
        if chars.get(k) != Some(&c) {
            return false;
        }
        k = k.saturating_add(1);
    }
    true
}

/// Whether 年 follows char `i` (after white space) before char `end`.
fn followed_by_year(s: &Sentence<'_>, i: usize, end: usize) -> bool {
    let mut k = i;
    while k < end {
        match s.char_at(k) {
            Some(c) if c.is_whitespace() => k = k.saturating_add(1),
            Some('年') => return true,
            _ => return false,
        }
    }
    false
}

/// `narrative.table` for every figure of the sentence but 本年新收.
pub(super) fn check(s: &Sentence<'_>, nums: &[Num], report: &Report, out: &mut Vec<Finding>) {
    // Every figure compared is a number that fits: without one there is nothing to look for.
    s.tick(nums.len());
    if !nums.iter().any(fits) {
        return;
    }
    let found = mentions(s, report.year);
    if found.is_empty() {
        return;
    }
    let about_applications = s.has(0, s.chars.len(), &super::SHENQING);
    s.tick(found.len());
    let first_outcome = found.iter().map(|m| m.subject).find(|x| x.is_outcome());
    let listed_outcomes = found
        .iter()
        .map(|m| m.subject)
        .filter(|x| x.is_outcome())
        .any(|x| Some(x) != first_outcome);
    let clauses = Clauses::new(s, is_clause_stop);
    let parts = Clauses::new(s, is_part_stop);
    let mut facts: Option<ClauseFacts<'_>> = None;
    // The last 行政复议 or 行政诉讼 mentioned.
    let mut last_block: Option<Mention> = None;

    for (k, m) in found.iter().enumerate() {
        s.tick(1);
        let block_before = last_block;
        if matches!(m.subject, Subject::Review(None) | Subject::Litigation(None)) {
            last_block = Some(*m);
        }
        let mut subject = m.subject;
        // Results of appeals: the nearest 行政复议/行政诉讼 before them in the same part.
        if let Subject::AppealResult(c) = subject {
            let (part_start, _) = parts.of(s, m.start);
            let block = block_before
                .filter(|p| p.start >= part_start)
                .and_then(|p| match p.subject {
                    Subject::Review(None) => Some(Subject::Review(Some(c))),
                    Subject::Litigation(None) => Some(Subject::Litigation(Some(c))),
                    _ => None,
                });
            let Some(block) = block else { continue };
            subject = block;
        }
        let (a, b) = clauses.of(s, m.start);
        let clause = match facts.take() {
            Some(f) if f.start == a && f.end == b => f,
            _ => ClauseFacts::new(s, nums, (a, b), report.year),
        };
        let facts = facts.insert(clause);

        // Not a negation (不予以公开) nor the second of two subjects (复议和诉讼).
        let prev = m.start.checked_sub(1).and_then(|p| s.char_at(p));
        if prev.is_some_and(|c| "不未没非".contains(c)) {
            continue;
        }
        if prev.is_some_and(|c| "和及与、或".contains(c))
            && k.checked_sub(1)
                .and_then(|p| found.get(p))
                .is_some_and(|p| p.end.saturating_add(1) == m.start)
        {
            continue;
        }
        if subject.is_outcome() {
            if !(about_applications || listed_outcomes) {
                continue;
            }
            // 的, 因, 涉及 or 属于 before the outcome in its clause (其中 aside).
            if facts.narrowing_end.is_some_and(|e| e <= m.start) {
                continue;
            }
        }
        if matches!(subject, Subject::Decisions(_)) && facts.not_decisions {
            continue;
        }
        // Another time or a change.
        if facts.other_time(s, m.start, m.end) || facts.other_year(s, m.start, m.end) {
            continue;
        }

        // The figure: after the subject, or before 结转下年度. The numbers come in text
        // order, and a number between the subject and a later one is no filler, so only the
        // first number after the subject (the last before it) can be the figure.
        let next = nums.get(s.first_num_from(nums, m.end));
        let mut stated = next.filter(|n| n.end <= b && fits(n) && gap_is_filler(s, m.end, n.start));
        if stated.is_none() && subject == Subject::CarriedForward {
            s.tick(nums.len().max(1).ilog2() as usize);
            let before = nums
                .partition_point(|n| n.after <= m.start)
                .checked_sub(1)
                .and_then(|i| nums.get(i));
            stated = before.filter(|n| fits(n) && n.start >= a && carried_gap(s, n.after, m.start));
        }
        let Some(n) = stated else { continue };
        let cells = subject.cells(report.edition);
        if cells.is_empty() {
            continue;
        }
        if let Some(f) = compare(s, subject, &cells, n, &facts.quoted, report) {
            out.push(f);
        }
    }
}

/// Whether `n` may be a figure compared with the tables: a count in [`COUNT_UNITS`], not
/// qualified, not a percentage.
fn fits(n: &Num) -> bool {
    n.unit.is_some_and(|u| COUNT_UNITS.contains(&u)) && !n.qualified && !n.percent
}

/// Whether the chars `from..to` (between a count and 结转下年度 after it) are, white space
/// aside, nothing, 申请 or 政府信息公开申请. Read from the end, and no further than the
/// longest of these.
fn carried_gap(s: &Sentence<'_>, from: usize, to: usize) -> bool {
    const LONGEST: &str = "政府信息公开申请";
    let longest = LONGEST.chars().count();
    let mut gap: Vec<char> = Vec::new();
    let mut k = to;
    while k > from {
        k = k.saturating_sub(1);
        match s.char_at(k) {
            Some(c) if c.is_whitespace() => {}
            Some(c) => {
                gap.push(c);
                if gap.len() > longest {
                    return false;
                }
            }
            None => return false,
        }
    }
    let gap: String = gap.iter().rev().collect();
    gap.is_empty() || gap == "申请" || gap == LONGEST
}

/// Compares the stated figure `n` with the sum of `cells`.
fn compare(
    s: &Sentence<'_>,
    subject: Subject,
    cells: &[Address],
    n: &Num,
    clause: &str,
    report: &Report,
) -> Option<Finding> {
    let values: Vec<Option<u64>> = cells
        .iter()
        .map(|&c| crate::validate::count_of(report, c))
        .collect();
    let table: Option<u64> = values
        .iter()
        .try_fold(0u64, |acc, v| acc.checked_add((*v)?));
    let desc = describe(cells);
    let unit = n.unit.unwrap_or('件');
    let mut f = match table {
        Some(t) if t == n.value => return None,
        Some(t) => {
            let mut f = Finding::new(
                Rule::NarrativeTable,
                s.location(),
                format!(
                    "第 {} 行：正文所述{}应与表格 {desc} 一致（{t} 件），实为 {} {unit}（「{}」）",
                    s.line(),
                    subject.what(),
                    n.value,
                    clause
                ),
            );
            f.expected = Some(t.to_string());
            f.actual = Some(n.value.to_string());
            f
        }
        None => {
            let mut f = Finding::new(
                Rule::NarrativeTable,
                s.location(),
                format!(
                    "第 {} 行：无法核对，表格 {desc} 有空单元格（「{}」）",
                    s.line(),
                    clause
                ),
            );
            f.severity = Severity::Info;
            f.assessable = false;
            f
        }
    };
    f.operands = cells
        .iter()
        .zip(&values)
        .map(|(&c, v)| Operand {
            location: Location::cell(c),
            value: v.map(|v| v.to_string()),
        })
        .chain(core::iter::once(Operand {
            location: Location {
                bytes: Some(s.bytes(n.start, n.end)),
                ..Location::table("prose")
            },
            value: Some(n.value.to_string()),
        }))
        .collect();
    Some(f)
}

/// The cells, as a message names them: `行政复议 / 总计`, or their sum with ` + `.
fn describe(cells: &[Address]) -> String {
    let one = |a: &Address| match *a {
        Address::Proactive(r, c) => format!("{} / {}", r.label(), c.label()),
        Address::Applications(r, c) => format!("{} / {}", r.full_label(), c.label()),
        Address::Appeals(r, c) => format!("{} / {}", r.full_label(), c.label()),
    };
    // The rows of one heading of section 三: the heading names them.
    let groups: Vec<Option<OutcomeGroup>> = cells
        .iter()
        .map(|a| match *a {
            Address::Applications(r, ApplicantColumn::Total) => r
                .group()
                .or((r == ApplicationRow::Other).then_some(OutcomeGroup::OtherHandling)),
            _ => None,
        })
        .collect();
    if cells.len() > 1
        && let Some(Some(g)) = groups.first()
        && groups.iter().all(|x| *x == Some(*g))
    {
        return format!(
            "{} 各行 / {} 之和",
            g.label(),
            ApplicantColumn::Total.label()
        );
    }
    let names: Vec<String> = cells.iter().map(one).collect();
    if names.len() > 1 {
        format!("{} 之和", names.join(" + "))
    } else {
        names.join("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every char that can matter: ASCII, CJK punctuation and full-width forms, and the CJK
    /// unified ideographs.
    fn all_chars() -> impl Iterator<Item = char> {
        (0u32..0x80)
            .chain(0x3000..0x3040)
            .chain(0x4e00..0xa000)
            .chain(0xff00..0xff70)
            .filter_map(char::from_u32)
    }

    /// Whether `c` is the first char of one of `words`.
    fn starts_one(words: impl IntoIterator<Item = &'static str>, c: char) -> bool {
        words.into_iter().any(|w| w.starts_with(c))
    }

    #[test]
    fn first_char_filters_are_the_words_first_chars() {
        let subjects = || {
            WORDS
                .iter()
                .map(|&(w, _)| w)
                .chain(CARRIED_LEADS.iter().copied())
        };
        for c in all_chars() {
            assert_eq!(may_start_mention(c), starts_one(subjects(), c), "{c}");
            assert_eq!(
                may_start_other_time(c),
                starts_one(OTHER_TIME.iter().copied(), c),
                "{c}"
            );
            assert_eq!(
                may_start_narrowing(c),
                starts_one(NARROWING.iter().copied(), c),
                "{c}"
            );
        }
    }

    #[test]
    fn char_sets_are_the_documented_strings() {
        for c in all_chars() {
            assert_eq!(
                is_filler_char(c),
                "的答复案件决定处理办理共计为有数量总申请".contains(c),
                "{c}"
            );
            assert_eq!(
                is_filler_word_char(c),
                FILLER_WORDS.iter().any(|w| w.contains(c)),
                "{c}"
            );
            assert_eq!(is_clause_stop(c), "，,；;。！？!?".contains(c), "{c}");
            assert_eq!(is_part_stop(c), "；;。！？!?".contains(c), "{c}");
        }
    }
}
