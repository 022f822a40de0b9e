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

/// Characters that may stand between a subject and its number.
const FILLER: &str = "的答复案件决定处理办理共计为有数量总申请";

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

/// Words that show a clause's 行政许可/处罚/强制 figure counts something else than decisions.
const NOT_DECISIONS: &[&str] = &[
    "申请", "受理", "信息", "公示", "公开", "事项", "清单", "职权", "权力", "目录",
];

/// Words before an outcome in its clause that narrow it.
const NARROWING: &[&str] = &["的", "因", "涉及", "属于"];

/// Units a compared figure may carry.
const COUNT_UNITS: &[char] = &['件', '宗', '起'];

/// One subject found in a sentence, with its char range.
#[derive(Debug, Clone, Copy)]
struct Mention {
    subject: Subject,
    start: usize,
    end: usize,
}

/// The subjects mentioned in the sentence, left to right, longest match first, not
/// overlapping. `year` is the report's year (for 结转至2026年).
fn mentions(s: &Sentence<'_>, year: u16) -> Vec<Mention> {
    let next_year = year.checked_add(1).map(|y| y.to_string());
    let chars: Vec<char> = s.chars.iter().map(|&(_, c)| c).collect();
    // A word may be broken by white space (a line break of PDF text: 转下一\n年度).
    let starts_with = |i: usize, w: &str| {
        let mut k = i;
        for (n, c) in w.chars().enumerate() {
            while n > 0 && chars.get(k).is_some_and(|c| c.is_whitespace()) {
                k = k.saturating_add(1);
            }
            if chars.get(k) != Some(&c) {
                return None;
            }
            k = k.saturating_add(1);
        }
        Some(k)
    };
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < chars.len() {
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
            for lead in ["结转至", "结转到", "转至", "转入"] {
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

/// Whether `filler` may stand between a subject and its number.
fn is_filler(filler: &str) -> bool {
    let mut rest: String = filler.chars().filter(|c| !c.is_whitespace()).collect();
    for w in FILLER_WORDS {
        rest = rest.replace(w, "");
    }
    rest.chars().count() <= FILLER_MAX && rest.chars().all(|c| FILLER.contains(c))
}

/// The clause (char range, split at ，；。 and the like) that holds char `i`.
fn clause_of(s: &Sentence<'_>, i: usize, stops: &str) -> (usize, usize) {
    let is_stop = |k: usize| s.char_at(k).is_some_and(|c| stops.contains(c));
    let start = (0..i)
        .rev()
        .find(|&k| is_stop(k))
        .map_or(0, |k| k.saturating_add(1));
    let end = (i..s.chars.len())
        .find(|&k| is_stop(k))
        .unwrap_or(s.chars.len());
    (start, end)
}

const CLAUSE_STOPS: &str = "，,；;。！？!?";
const PART_STOPS: &str = "；;。！？!?";

/// `narrative.table` for every figure of the sentence but 本年新收.
pub(super) fn check(s: &Sentence<'_>, nums: &[Num], report: &Report, out: &mut Vec<Finding>) {
    let found = mentions(s, report.year);
    let about_applications = s.slice(0, s.chars.len()).contains("申请");
    let outcomes: Vec<Subject> = found
        .iter()
        .map(|m| m.subject)
        .filter(|x| x.is_outcome())
        .collect();
    let listed_outcomes = outcomes
        .iter()
        .enumerate()
        .any(|(k, a)| outcomes.iter().skip(k.saturating_add(1)).any(|b| b != a));

    for (k, m) in found.iter().enumerate() {
        let mut subject = m.subject;
        // Results of appeals: the nearest 行政复议/行政诉讼 before them in the same part.
        if let Subject::AppealResult(c) = subject {
            let (part_start, _) = clause_of(s, m.start, PART_STOPS);
            let block = found
                .iter()
                .take(k)
                .rev()
                .take_while(|p| p.start >= part_start)
                .find_map(|p| match p.subject {
                    Subject::Review(None) => Some(Subject::Review(Some(c))),
                    Subject::Litigation(None) => Some(Subject::Litigation(Some(c))),
                    _ => None,
                });
            let Some(block) = block else { continue };
            subject = block;
        }
        let (a, b) = clause_of(s, m.start, CLAUSE_STOPS);
        let clause = s.slice(a, b);
        let before = s.slice(a, m.start);

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
            let narrowed = before.replace("其中", "");
            if NARROWING.iter().any(|w| narrowed.contains(w)) {
                continue;
            }
        }
        if matches!(subject, Subject::Decisions(_))
            && NOT_DECISIONS.iter().any(|w| clause.contains(w))
        {
            continue;
        }
        // Another time or a change.
        let rest = format!("{before}{}", s.slice(m.end, b));
        if OTHER_TIME.iter().any(|w| rest.contains(w)) {
            continue;
        }
        let other_year = nums.iter().any(|n| {
            n.start >= a
                && n.end <= b
                && !(n.start >= m.start && n.end <= m.end)
                && n.unit.is_none()
                && s.slice(n.end, b).trim_start().starts_with('年')
                && (1949..=2100).contains(&n.value)
                && n.value != u64::from(report.year)
        });
        if other_year {
            continue;
        }

        // The figure: after the subject, or before 结转下年度.
        let fits = |n: &&Num| {
            n.unit.is_some_and(|u| COUNT_UNITS.contains(&u)) && !n.qualified && !n.percent
        };
        let mut stated = nums
            .iter()
            .filter(fits)
            .find(|n| n.start >= m.end && n.end <= b && is_filler(s.slice(m.end, n.start)));
        if stated.is_none() && subject == Subject::CarriedForward {
            stated = nums.iter().filter(fits).rev().find(|n| {
                n.start >= a && n.after <= m.start && {
                    let gap: String = s
                        .slice(n.after, m.start)
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    gap.is_empty() || gap == "申请" || gap == "政府信息公开申请"
                }
            });
        }
        let Some(n) = stated else { continue };
        let cells = subject.cells(report.edition);
        if cells.is_empty() {
            continue;
        }
        if let Some(f) = compare(s, subject, &cells, n, clause, report) {
            out.push(f);
        }
    }
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
                    clause.trim()
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
                    clause.trim()
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
