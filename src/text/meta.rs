//! What a report says about itself: issuer, year, publication date, which edition its labels
//! belong to, and the prose of sections 一, 五 and 六.
//!
//! Sources of each, in order of preference:
//!
//! - **issuer**: the `issuer:` line of a crawl's metadata header (the corpus convention), else
//!   the title `{issuer}{year}年(度)政府信息公开工作年度报告`, else the line before a title that
//!   starts with the year.
//! - **year**: the `year:` line, else the title, else the statistics period (`统计期限…2020 年`).
//! - **published**: a `发布时间`/`发布日期`/`成文日期` line, else a date among the last lines.
//! - **edition**: the labels the tables actually use ([`EDITION_EVIDENCE`]).

use core::ops::Range;

use time::{Date, Month};

use crate::catalogue::{Edition, ProactiveColumn, ProactiveRow};
use crate::read::Spanned;
use crate::text::lines::Source;

/// Labels that only one edition uses, as evidence of the edition a report follows.
pub const EDITION_EVIDENCE: &[(Edition, &str)] = &[
    (Edition::E2019, ProactiveColumn::NewlyMade.label()),
    (Edition::E2019, ProactiveColumn::NewlyPublished.label()),
    (Edition::E2019, ProactiveColumn::TotalPublished.label()),
    (Edition::E2019, ProactiveColumn::PreviousItems.label()),
    (Edition::E2019, ProactiveRow::Procurement.label()),
    (Edition::E2019, "第二十条第（九）项"),
    (Edition::E2021, ProactiveColumn::Issued.label()),
    (Edition::E2021, ProactiveColumn::Repealed.label()),
    (Edition::E2021, ProactiveColumn::InForce.label()),
    (Edition::E2021, "本年收费金额"),
    (Edition::E2021, "逾期不补正"),
    (Edition::E2021, "缴纳费用"),
];

/// A label found in the text that tells the edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The edition the label belongs to.
    pub edition: Edition,
    /// The label, as listed in [`EDITION_EVIDENCE`].
    pub label: &'static str,
    /// Where it was found.
    pub at: Spanned,
}

/// What the text says about the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    /// The issuing body.
    pub issuer: Option<Spanned>,
    /// The year reported on.
    pub year: Option<u16>,
    /// The publication date, where stated.
    pub published: Option<Date>,
    /// Edition evidence, in the order of the text.
    pub evidence: Vec<Evidence>,
    /// Section 一, 总体情况.
    pub overview: Option<Spanned>,
    /// Section 五, 存在的主要问题及改进情况.
    pub problems: Option<Spanned>,
    /// Section 六, 其他需要报告的事项.
    pub other: Option<Spanned>,
    /// Where the report's own text starts (after a metadata header).
    pub body: usize,
    /// Where the report's title was found.
    pub title: Option<Spanned>,
    /// Section 五 has no numbered heading and was found by its first sub-heading
    /// (`（一）主要问题`), which its text keeps.
    pub problems_unnumbered: bool,
}

impl Meta {
    /// Starts the reading of a report on `year` from what the text says about itself: issuer,
    /// edition (from the labels, else from the year), publication date and prose. The gaps are
    /// noted by [`Meta::note_gaps`].
    pub fn reading(&self, year: u16) -> crate::read::Reading {
        let edition = self.edition().unwrap_or_else(|| Edition::for_year(year));
        let issuer = self
            .issuer
            .as_ref()
            .map(|s| s.text.trim().to_owned())
            .unwrap_or_default();
        let mut reading =
            crate::read::Reading::new(crate::report::Report::new(issuer, year, edition));
        reading.report.published = self.published;
        reading.report.prose.overview = self.overview.as_ref().map(|s| s.text.clone());
        reading.report.prose.problems = self.problems.as_ref().map(|s| s.text.clone());
        reading.report.prose.other = self.other.as_ref().map(|s| s.text.clone());
        reading
    }

    /// Notes what the text did not say about itself: no issuer found (`read.unplaced`), no label
    /// that tells the edition, so it was taken from the year (`read.repaired`).
    pub fn note_gaps(&self, reading: &mut crate::read::Reading) {
        use crate::finding::{Location, Rule};
        if self.issuer.is_none() {
            reading.note(
                Rule::ReadUnplaced,
                Location::report("issuer"),
                None,
                "未找到发布机关（标题中没有机关名称）".to_owned(),
            );
        }
        if self.evidence.is_empty() {
            let (year, edition) = (reading.report.year, reading.report.edition);
            reading.note(
                Rule::ReadRepaired,
                Location::report("edition"),
                None,
                format!("表格中没有可判断格式版本的栏目名，按年度 {year} 取 {edition} 年版"),
            );
        }
    }

    /// The edition the evidence points to: the one with more labels found; `None` without
    /// evidence or on a tie.
    pub fn edition(&self) -> Option<Edition> {
        let n19 = self
            .evidence
            .iter()
            .filter(|e| e.edition == Edition::E2019)
            .count();
        let n21 = self.evidence.len().saturating_sub(n19);
        match n19.cmp(&n21) {
            core::cmp::Ordering::Greater => Some(Edition::E2019),
            core::cmp::Ordering::Less => Some(Edition::E2021),
            core::cmp::Ordering::Equal => None,
        }
    }

    /// Whether labels of both editions were found.
    pub fn mixed(&self) -> bool {
        let first = self.evidence.first().map(|e| e.edition);
        self.evidence.iter().any(|e| Some(e.edition) != first)
    }
}

/// The title words every report carries.
pub const TITLE: &str = "政府信息公开工作年度报告";

/// Headings of the prose sections with their variants (FORMAT.md).
static OVERVIEW: [Needle; 3] = [
    Needle::new("一、总体情况"),
    Needle::new("一、 总体情况"),
    Needle::new("一、概述"),
];
static PROBLEMS: [Needle; 3] = [
    Needle::new("五、存在的主要问题及改进情况"),
    Needle::new("五、政府信息公开工作存在的主要问题及改进情况"),
    Needle::new("五、存在的主要问题和改进情况"),
];
static OTHER: [Needle; 2] = [
    Needle::new("六、其他需要报告的事项"),
    Needle::new("五、其他需要报告的事项"),
];
/// The first sub-heading of section 五 where the section has no numbered heading of its own.
static PROBLEMS_UNNUMBERED: [Needle; 3] = [
    Needle::new("（一）主要问题"),
    Needle::new("(一)主要问题"),
    Needle::new("（一）存在的主要问题"),
];
/// Where section 二 starts (ends the overview).
static PROACTIVE: Needle = Needle::new("主动公开政府信息情况");

/// How many times [`detect`] searches the whole text: the edition labels, the headings of the
/// prose sections, the statistics period and the publication keys.
const SEARCHES: usize = EDITION_EVIDENCE.len()
    + OVERVIEW.len()
    + PROBLEMS.len()
    + OTHER.len()
    + PROBLEMS_UNNUMBERED.len()
    + 6;

/// Detects what `text` says about the report.
pub fn detect(text: &str) -> Meta {
    detect_in(&Source::new(text))
}

/// [`detect`] of a source already indexed by line.
pub(crate) fn detect_in(src: &Source<'_>) -> Meta {
    let text = src.text;
    let mut meta = Meta::default();
    let (header, body) = metadata_header(text);
    meta.body = body;
    for (key, range) in header {
        let value = text.get(range.clone()).unwrap_or("").trim();
        match key {
            "issuer" if !value.is_empty() => meta.issuer = src.spanned(trim_range(text, range)),
            "year" => meta.year = value.parse().ok().filter(|y| (1990..=2100).contains(y)),
            _ => {}
        }
    }
    let body_text = text.get(body..).unwrap_or("");
    crate::place::work::tick(text.len().saturating_mul(SEARCHES));

    // Title: the first line that carries the title words (or the words split over two lines).
    if let Some((at, issuer, year)) = title(src, body) {
        meta.title = src.spanned(at);
        if meta.issuer.is_none() {
            meta.issuer = issuer.and_then(|r| src.spanned(r));
        }
        if meta.year.is_none() {
            meta.year = year;
        }
    }
    if meta.year.is_none() {
        meta.year = period_year(body_text);
    }
    meta.published = published(text, body);

    for (&(edition, label), needle) in EDITION_EVIDENCE.iter().zip(edition_finders()) {
        if let Some(i) = needle.find(body_text.as_bytes()) {
            let s = body.saturating_add(i);
            if let Some(at) = src.spanned(s..s.saturating_add(label.len())) {
                meta.evidence.push(Evidence { edition, label, at });
            }
        }
    }
    meta.evidence.sort_by_key(|e| e.at.bytes.start);

    let find = |needles: &[Needle], from: usize| -> Option<Range<usize>> {
        needles
            .iter()
            .filter_map(|n| {
                let i = n.find(text.get(from..)?)?;
                let s = from.checked_add(i)?;
                Some(s..s.checked_add(n.text.len())?)
            })
            .min_by_key(|r| r.start)
    };
    let overview = find(&OVERVIEW, body);
    let proactive = section_two(text, overview.as_ref().map_or(body, |r| r.end));
    let mut problems = find(&PROBLEMS, body);
    if problems.is_none() {
        // No numbered heading: the sub-heading （一）主要问题 after the tables starts section 五,
        // and is kept as its first line.
        problems = find(
            &PROBLEMS_UNNUMBERED,
            proactive.unwrap_or(text.len()).max(body),
        )
        .map(|r| r.start..r.start);
        meta.problems_unnumbered = problems.is_some();
    }
    let other = find(&OTHER, problems.as_ref().map_or(body, |r| r.end));
    if let Some(h) = &overview {
        meta.overview = prose(src, h.end..proactive.unwrap_or(text.len()).max(h.end));
    }
    if let Some(h) = &problems {
        let end = other
            .as_ref()
            .map_or(text.len(), |o| heading_start(text, o.start).max(h.end));
        meta.problems = prose(src, h.end..end);
    }
    if let Some(h) = &other {
        meta.other = prose(src, h.end..text.len());
    }
    meta
}

/// A word the reader searches whole texts for, with its searcher (memchr's `memmem`) built on
/// first use and kept: building one costs about as much as searching a page.
pub(crate) struct Needle {
    /// The word.
    pub(crate) text: &'static str,
    finder: std::sync::OnceLock<memchr::memmem::Finder<'static>>,
}

impl Needle {
    /// The needle for `text`.
    pub(crate) const fn new(text: &'static str) -> Self {
        Self {
            text,
            finder: std::sync::OnceLock::new(),
        }
    }

    /// Where the word first occurs in `haystack` (as `str::find`).
    pub(crate) fn find(&self, haystack: &str) -> Option<usize> {
        self.finder
            .get_or_init(|| memchr::memmem::Finder::new(self.text))
            .find(haystack.as_bytes())
    }
}

/// The searchers of [`EDITION_EVIDENCE`]'s labels, in its order, built once.
fn edition_finders() -> &'static [memchr::memmem::Finder<'static>] {
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    FINDERS.get_or_init(|| {
        EDITION_EVIDENCE
            .iter()
            .map(|&(_, label)| memchr::memmem::Finder::new(label))
            .collect()
    })
}

/// Where section 二 starts, searching from `from`: the first `主动公开政府信息情况` numbered
/// 二 (`二、主动公开…`, or a line that starts with 二 such as `二、行政机关主动公开…`); else the
/// first that starts its line with at most a numbering before it (`(一)主动公开政府信息情况`
/// used as the heading of 二), from the start of that line. A mention inside a sentence (a
/// preface listing the sections) is never a heading.
fn section_two(text: &str, from: usize) -> Option<usize> {
    let keyword = PROACTIVE.text;
    let mut first: Option<usize> = None;
    let mut at = from;
    // The start of the line of the last mention, found by looking back no further than the
    // mention before it: many mentions on one long line are read once.
    let mut line_start = text
        .get(..from)?
        .rfind('\n')
        .map_or(0, |n| n.saturating_add(1));
    let mut looked_from = from;
    // The first char of the line that is not white space (once per line).
    let mut word_start: Option<usize> = None;
    while let Some(i) = text.get(at..).and_then(|t| PROACTIVE.find(t)) {
        let s = at.checked_add(i)?;
        crate::place::work::tick(s.saturating_sub(at).saturating_add(keyword.len()));
        if let Some(n) = text.get(looked_from..s)?.rfind('\n') {
            line_start = looked_from.saturating_add(n).saturating_add(1);
            word_start = None;
        }
        looked_from = s;
        let lead = *word_start.get_or_insert_with(|| {
            let rest = text.get(line_start..s).unwrap_or("");
            s.saturating_sub(rest.trim_start().len())
        });
        let before = text.get(lead.min(s)..s).unwrap_or("").trim_end();
        let hs = heading_start(text, s);
        if text.get(hs..s).is_some_and(|h| h.contains('二')) {
            return Some(hs);
        }
        if before.starts_with('二') {
            return Some(line_start);
        }
        let numbering_only = before.chars().nth(4).is_none()
            && before
                .chars()
                .all(|c| "()（）、.一二三四五六七八九十".contains(c) || c.is_ascii_digit());
        if first.is_none() && numbering_only {
            first = Some(line_start);
        }
        at = s.checked_add(keyword.len())?;
    }
    first
}

/// The start of the numbered heading that contains the keyword at `at` (`二、` before it).
pub(crate) fn heading_start(text: &str, at: usize) -> usize {
    let before = text.get(..at).unwrap_or("");
    let tail: String = before.chars().rev().take(3).collect::<String>();
    // tail is reversed: e.g. "、二 " → back up over the numbering and white space.
    let mut back = 0usize;
    for c in tail.chars() {
        if c.is_whitespace() || c == '、' || "一二三四五六七八九".contains(c) {
            back = back.saturating_add(c.len_utf8());
        } else {
            break;
        }
    }
    at.saturating_sub(back)
}

fn prose(src: &Source<'_>, range: Range<usize>) -> Option<Spanned> {
    let mut r = trim_range(src.text, range);
    // The `#`s of the next Markdown heading stand before its number, which ends the section:
    // they are not prose.
    let text = src.text.get(r.clone()).unwrap_or("");
    let last_line = text.rfind('\n').map_or(0, |i| i.saturating_add(1));
    if text
        .get(last_line..)
        .is_some_and(|l| !l.is_empty() && l.chars().all(|c| c == '#'))
    {
        r = trim_range(src.text, r.start..r.start.saturating_add(last_line));
    }
    if r.is_empty() {
        return None;
    }
    src.spanned(r)
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = text.get(range.clone()).unwrap_or("");
    let lead = s.len().saturating_sub(s.trim_start().len());
    let trail = s.len().saturating_sub(s.trim_end().len());
    let start = range.start.saturating_add(lead);
    let end = range.end.saturating_sub(trail).max(start);
    start..end
}

/// The `key: value` lines of a corpus metadata header (`source:`, `year:`, `issuer:`) and where
/// the body starts. Without such a header the body starts at 0.
fn metadata_header(text: &str) -> (Vec<(&'static str, Range<usize>)>, usize) {
    let mut out = Vec::new();
    let mut at = 0usize;
    for line in text.split_inclusive('\n').take(4) {
        let next = at.saturating_add(line.len());
        let mut found = false;
        for key in ["source", "year", "issuer"] {
            if let Some(v) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
                let vs = next.saturating_sub(v.len());
                out.push((key, vs..next));
                found = true;
            }
        }
        if !found {
            if out.is_empty() {
                return (Vec::new(), 0);
            }
            if line.trim().is_empty() {
                at = next;
            }
            break;
        }
        at = next;
    }
    (out, at)
}

/// A title line, the issuer range in it and the year it names.
type Title = (Range<usize>, Option<Range<usize>>, Option<u16>);

/// The searchers for the title words, built once: [`title`] looks for them in every line.
fn title_finders() -> &'static [memchr::memmem::Finder<'static>; 3] {
    static FINDERS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 3]> =
        std::sync::OnceLock::new();
    FINDERS.get_or_init(|| {
        [TITLE, "政府信息公开年度报告", "政府信息公开工作"].map(memchr::memmem::Finder::new)
    })
}

/// The title line, the issuer range in it and the year it names.
fn title(src: &Source<'_>, body: usize) -> Option<Title> {
    let text = src.text;
    let mut prev: Option<(usize, &str)> = None;
    for (start, line) in src.lines(body..text.len()).take(400) {
        let [compact, compact_short, split] = title_finders();
        let line_bytes = line.as_bytes();
        let compact_at = compact
            .find(line_bytes)
            .or_else(|| compact_short.find(line_bytes));
        let split_at = split.find(line_bytes).filter(|_| compact_at.is_none());
        if let Some(i) = compact_at.or(split_at) {
            let head = line.get(..i).unwrap_or("");
            let head = head.rsplit(['：', ':']).next().unwrap_or(head);
            // A Markdown heading or emphasis mark is not part of the issuer's name.
            let head = head.trim_start_matches(['#', '*', ' ', '\t']);
            let head_start = start.saturating_add(i).saturating_sub(head.len());
            let (issuer, year) = split_issuer_year(head, head_start);
            let issuer = issuer.or_else(|| {
                prev.map(|(s, l)| trim_range(text, s..s.saturating_add(l.len())))
                    .filter(|r| !r.is_empty())
            });
            let end = start.saturating_add(line.len());
            return Some((start..end, issuer, year));
        }
        if !line.trim().is_empty() {
            prev = Some((start, line));
        }
    }
    None
}

/// Splits `四川省某县2020年度` / `2024 年上海市科委` into the issuer range and the year.
fn split_issuer_year(head: &str, head_start: usize) -> (Option<Range<usize>>, Option<u16>) {
    let bytes = head.as_bytes();
    let mut found: Option<(usize, usize, u16)> = None;
    let mut i = 0usize;
    while i < bytes.len() {
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            let end = (i..bytes.len())
                .find(|&j| !bytes.get(j).is_some_and(u8::is_ascii_digit))
                .unwrap_or(bytes.len());
            if end.saturating_sub(i) == 4 {
                if let Some(y) = head.get(i..end).and_then(|s| s.parse::<u16>().ok()) {
                    let rest = head.get(end..).unwrap_or("").trim_start();
                    if rest.starts_with('年') && (1990..=2100).contains(&y) {
                        found = Some((i, end, y));
                    }
                }
            }
            i = end;
        } else {
            i = i.saturating_add(1);
        }
    }
    let Some((ys, ye, year)) = found else {
        let r = trim_range(head, 0..head.len());
        return ((!r.is_empty()).then(|| shift(r, head_start)), None);
    };
    let before = trim_range(head, 0..ys);
    if !before.is_empty() {
        return (Some(shift(before, head_start)), Some(year));
    }
    // Year first: `2024 年上海市科委`.
    let after_year = head.get(ye..).unwrap_or("");
    let skip = after_year.len().saturating_sub(
        after_year
            .trim_start()
            .trim_start_matches("年度")
            .trim_start_matches('年')
            .len(),
    );
    let r = trim_range(head, ye.saturating_add(skip)..head.len());
    ((!r.is_empty()).then(|| shift(r, head_start)), Some(year))
}

fn shift(r: Range<usize>, by: usize) -> Range<usize> {
    r.start.saturating_add(by)..r.end.saturating_add(by)
}

/// The year of the statistics period: `统计期限为 2020 年 1 月 1 日`.
fn period_year(text: &str) -> Option<u16> {
    static PERIOD: [Needle; 2] = [Needle::new("统计期限"), Needle::new("统计期间")];
    let [limit, span] = &PERIOD;
    let i = limit.find(text).or_else(|| span.find(text))?;
    let window: String = text.get(i..)?.chars().take(40).collect();
    dates(&window)
        .first()
        .map(|d| u16::try_from(d.year()).unwrap_or(0))
        .filter(|&y| y > 0)
}

/// The publication date: a `发布时间`/`发布日期`/`成文日期` line, else a date in the last lines.
fn published(text: &str, body: usize) -> Option<Date> {
    static KEYS: [Needle; 4] = [
        Needle::new("发布时间"),
        Needle::new("发布日期"),
        Needle::new("成文日期"),
        Needle::new("印发日期"),
    ];
    for key in &KEYS {
        if let Some(i) = text.get(body..).and_then(|t| key.find(t)) {
            let window: String = text
                .get(body.saturating_add(i)..)
                .unwrap_or("")
                .chars()
                .take(40)
                .collect();
            if let Some(d) = dates(&window).first() {
                return Some(*d);
            }
        }
    }
    let tail_start = text
        .char_indices()
        .rev()
        .nth(120)
        .map_or(0, |(i, _)| i)
        .max(body);
    dates(text.get(tail_start..).unwrap_or("")).last().copied()
}

/// Every date written `2020-01-20`, `2020/1/20` or `2020年1月20日` in `text`.
fn dates(text: &str) -> Vec<Date> {
    let chars: Vec<char> = text.chars().filter(|c| *c != ' ').collect();
    let mut out = Vec::new();
    let mut i = 0usize;
    let num = |from: usize, max: usize| -> (Option<u32>, usize) {
        let mut v: u32 = 0;
        let mut n = 0usize;
        while n < max {
            match chars
                .get(from.saturating_add(n))
                .and_then(|c| c.to_digit(10))
            {
                Some(d) => {
                    v = v.saturating_mul(10).saturating_add(d);
                    n = n.saturating_add(1);
                }
                None => break,
            }
        }
        ((n > 0).then_some(v), n)
    };
    while i < chars.len() {
        let (y, ny) = num(i, 4);
        if ny == 4 {
            let mut j = i.saturating_add(4);
            let sep = chars.get(j).copied();
            if matches!(sep, Some('-' | '/' | '年' | '.')) {
                j = j.saturating_add(1);
                let (m, nm) = num(j, 2);
                j = j.saturating_add(nm);
                let sep2 = chars.get(j).copied();
                let ok2 = match sep {
                    Some('年') => sep2 == Some('月'),
                    _ => sep2 == sep,
                };
                if nm > 0 && ok2 {
                    j = j.saturating_add(1);
                    let (d, nd) = num(j, 2);
                    if let (Some(y), Some(m), Some(d)) = (y, m, d) {
                        if nd > 0 {
                            let date = i32::try_from(y).ok().and_then(|y| {
                                let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
                                Date::from_calendar_date(y, month, u8::try_from(d).ok()?).ok()
                            });
                            if let Some(date) = date {
                                out.push(date);
                                i = j.saturating_add(nd);
                                continue;
                            }
                        }
                    }
                }
            }
            i = i.saturating_add(ny);
        } else {
            i = i.saturating_add(ny.max(1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_and_year_from_the_title() {
        let m = detect("某县某局2020年度政府信息公开工作年度报告\n发布日期：2021-01-20\n");
        assert_eq!(m.issuer.map(|s| s.text), Some("某县某局".to_owned()));
        assert_eq!(m.year, Some(2020));
        assert_eq!(
            m.published.map(|d| d.to_string()),
            Some("2021-01-20".to_owned())
        );
    }

    #[test]
    fn issuer_on_the_line_before_a_year_first_title() {
        let m = detect("\n彭阳县退役军人事务局\n\n2020 年政府信息公开工作年度报告\n");
        assert_eq!(
            m.issuer.map(|s| s.text),
            Some("彭阳县退役军人事务局".to_owned())
        );
        assert_eq!(m.year, Some(2020));
    }

    #[test]
    fn metadata_header_wins() {
        let m = detect(
            "source: x\nyear: 2019\nissuer: 平潭综合实验区（管委会）\n\n标题: 平潭综合实验区2019年度政府信息公开工作年度报告\n",
        );
        assert_eq!(
            m.issuer.map(|s| s.text),
            Some("平潭综合实验区（管委会）".to_owned())
        );
        assert_eq!(m.year, Some(2019));
    }

    #[test]
    fn dates_in_three_spellings() {
        assert_eq!(dates("2020-01-20 15:22").len(), 1);
        assert_eq!(dates("2021年1月5日").len(), 1);
        assert_eq!(dates("2021/13/5").len(), 0);
    }

    #[test]
    fn edition_from_labels() {
        let m = detect("本年制发件数 本年废止件数");
        assert_eq!(m.edition(), Some(Edition::E2021));
        assert!(!m.mixed());
    }
}
