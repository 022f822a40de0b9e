//! One body's reports over the years: the rules that link year N to year N−1
//! (`series.carry-over`, `series.in-force`, `series.item-count`) and the check for prose copied
//! from the previous report (`series.copied-prose`), FORMAT.md, rules table.
//!
//! [`check`] takes the reports as one body's series. Issuers rename themselves (平潭综合实验区
//! （管委会） became 平潭综合实验区管委会办公室 in 2023), so differing names are reported as an info
//! finding of its own, `series.renamed`, and the series is not split. The reports are ordered by year:
//!
//! - **A missing year breaks the chain.** Year N is compared with year N−1 only; when N−1 is
//!   missing, one not-assessable finding says so and nothing is compared across the gap.
//! - **Duplicate years** (two reports on one year) are reported, and neither is compared with
//!   anything.
//! - **Editions.** Carry-over holds in both editions and across the change between 2020 and
//!   2021; `series.in-force` is checked only where both years have 现行有效件数 (2021 edition),
//!   `series.item-count` only where both have 上一年项目数量 and 本年增/减 (2019 edition).
//!
//! Series facts that are not breaches of a rule (a gap, a duplicate year) are reported under
//! `series.carry-over`, the rule that links consecutive reports, with severity info; a new
//! name is `series.renamed` (info).
//!
//! ## Copied prose
//!
//! Each prose section (一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项) of a report is
//! compared with the same section of the issuer's previous report in the series (the nearest
//! earlier year, across a gap too: copying needs no chain of figures). The measure, in
//! [`similarity`], is robust to changed numbers and dates:
//!
//! 1. *Normalise*: every run of digits (ASCII or full-width) and Chinese numerals
//!    (〇零一二三四五六七八九十百千万亿两) becomes one placeholder `#`, so `2023年` and `2024年`, `12 条`
//!    and `十二条` read the same; white space is dropped. Each normalised character keeps the
//!    byte range of the text it came from.
//! 2. *Shingles*: the set of character 5-grams of the normalised text.
//! 3. *Containment*: the share of this year's shingles that occur in last year's,
//!    |S(N) ∩ S(N−1)| / |S(N)|. It asks "how much of this year's text was there last year",
//!    which an added paragraph last year cannot lower. Jaccard (|∩| / |∪|) is reported beside it.
//! 4. The *longest shared passage*: the longest common substring of the two normalised texts,
//!    mapped back to a byte range of this year's section (and quoted in the message).
//!
//! A section is flagged when its containment is at least [`COPIED_THRESHOLD`] (0.8) and it has
//! at least [`MIN_CHARS`] (60) normalised characters: short sections such as 无 or a standard
//! sentence are the same every year for good reason. The threshold is a judgement: the real 平潭
//! reports (2019, 2021, 2023, 2025), each written anew, share 0.3–14 % of their shingles with the
//! previous one in sections 一 and 五 (set phrases of the format and of the Party line; see
//! docs/narrative-review.md); a report updated only in its figures shares over 90 %.

use core::ops::Range;
use std::collections::{BTreeMap, HashSet};

use crate::catalogue::{
    ApplicantColumn, ApplicationRow, Edition, ProactiveColumn, ProactiveRow, ReportField,
    proactive_columns,
};
use crate::finding::{Finding, Location, Operand, Rule, Severity};
use crate::report::{Address, Report};

/// The containment at and above which a section counts as copied.
pub const COPIED_THRESHOLD: f64 = 0.8;

/// The least number of normalised characters a section needs to be checked for copying.
pub const MIN_CHARS: usize = 60;

/// The length of a shingle, in normalised characters.
pub const SHINGLE: usize = 5;

/// A finding about one report of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesFinding {
    /// The index, in the input, of the report of year N the finding is about.
    pub file: usize,
    /// The index of the report of year N−1 (or the previous report) it was compared with.
    pub previous: Option<usize>,
    /// The finding; its fingerprint is that of the report of year N.
    pub finding: Finding,
}

/// Checks `reports` (file name, report) as one body's series: `series.renamed`,
/// `series.carry-over`, `series.in-force`, `series.item-count` and `series.copied-prose`, in
/// year order.
///
/// ```
/// use zfxxgk::{ApplicationRow, Edition, ReportBuilder, Rule, analysis::series};
///
/// let y2023 = ReportBuilder::new("某县某局", 2023, Edition::E2021)
///     .applications(ApplicationRow::Received, [2, 0, 0, 0, 0, 0])
///     .applications(ApplicationRow::Granted, [1, 0, 0, 0, 0, 0])
///     .build()?; // 1 结转下年度继续办理
/// let y2024 = ReportBuilder::new("某县某局办公室", 2024, Edition::E2021)
///     .applications(ApplicationRow::CarriedOver, [3, 0, 0, 0, 0, 0])
///     .applications(ApplicationRow::Granted, [3, 0, 0, 0, 0, 0])
///     .build()?;
/// let findings = series::check(&[("2023.csv", &y2023), ("2024.csv", &y2024)]);
/// let rules: Vec<Rule> = findings.iter().map(|f| f.finding.rule).collect();
/// assert!(rules.contains(&Rule::SeriesRenamed));
/// assert!(rules.contains(&Rule::SeriesCarryOver)); // 上年结转 3, last year carried 1
/// # Ok::<(), zfxxgk::BuildError>(())
/// ```
pub fn check(reports: &[(&str, &Report)]) -> Vec<SeriesFinding> {
    let mut out = Vec::new();
    if reports.is_empty() {
        return out;
    }
    let mut by_year: BTreeMap<u16, Vec<usize>> = BTreeMap::new();
    for (i, (_, r)) in reports.iter().enumerate() {
        by_year.entry(r.year).or_default().push(i);
    }
    let get = |i: usize| reports.get(i).map(|&(n, r)| (n, r));

    names(reports, &by_year, &mut out);

    // Duplicates.
    for (&year, files) in &by_year {
        if files.len() < 2 {
            continue;
        }
        let names: Vec<&str> = files
            .iter()
            .filter_map(|&i| get(i))
            .map(|(n, _)| n)
            .collect();
        for &i in files {
            let Some((_, r)) = get(i) else { continue };
            let mut f = Finding::new(
                Rule::SeriesCarryOver,
                Location::report("year"),
                format!(
                    "报告年度 {year}：同一年度有 {} 份报告（{}），不与相邻年度核对",
                    files.len(),
                    names.join("、")
                ),
            );
            f.severity = Severity::Info;
            f.assessable = false;
            f.fingerprint_for(r);
            out.push(SeriesFinding {
                file: i,
                previous: None,
                finding: f,
            });
        }
    }

    let unique = |year: u16| match by_year.get(&year).map(Vec::as_slice) {
        Some(&[i]) => Some(i),
        _ => None,
    };
    let first_year = by_year.keys().next().copied();
    let mut previous_report: Option<usize> = None;
    for (&year, files) in &by_year {
        let &[i] = files.as_slice() else {
            previous_report = None;
            continue;
        };
        let Some((_, report)) = get(i) else { continue };
        let prior_year = year.checked_sub(1);
        let prior = prior_year.and_then(unique);
        match (prior, prior_year) {
            (Some(p), _) => {
                if let Some((_, prev)) = get(p) {
                    pair(i, p, prev, report, &mut out);
                }
            }
            (None, Some(py)) if Some(year) != first_year => {
                let why = if by_year.contains_key(&py) {
                    format!("{py} 年度有多份报告")
                } else {
                    format!("缺少 {py} 年度报告")
                };
                let mut f = Finding::new(
                    Rule::SeriesCarryOver,
                    Location::report("year"),
                    format!("报告年度 {year}：{why}，序列中断，不跨年核对上年结转等衔接关系"),
                );
                f.severity = Severity::Info;
                f.assessable = false;
                f.expected = Some(py.to_string());
                f.fingerprint_for(report);
                out.push(SeriesFinding {
                    file: i,
                    previous: None,
                    finding: f,
                });
            }
            _ => {}
        }
        if let Some(p) = previous_report
            && let Some((_, prev)) = get(p)
        {
            copied_prose(i, p, prev, report, &mut out);
        }
        previous_report = Some(i);
    }
    out
}

/// Reports issuer names that differ within the series (`series.renamed`, info, at
/// `report/issuer`).
fn names(
    reports: &[(&str, &Report)],
    by_year: &BTreeMap<u16, Vec<usize>>,
    out: &mut Vec<SeriesFinding>,
) {
    let mut last: Option<(u16, &str)> = None;
    for (&year, files) in by_year {
        for &i in files {
            let Some(&(_, r)) = reports.get(i) else {
                continue;
            };
            let name = r.issuer.as_str();
            if let Some((ly, ln)) = last
                && ln != name
            {
                let mut f = Finding::new(
                    Rule::SeriesRenamed,
                    Location::report("issuer"),
                    format!(
                        "{}：{ly} 年度为「{ln}」，{year} 年度为「{name}」；按同一机关的序列核对",
                        ReportField::Issuer.label()
                    ),
                );
                f.severity = Severity::Info;
                f.expected = Some(ln.to_owned());
                f.actual = Some(name.to_owned());
                f.fingerprint_for(r);
                out.push(SeriesFinding {
                    file: i,
                    previous: None,
                    finding: f,
                });
            }
            last = Some((year, name));
        }
    }
}

/// The number in a cell as an `i128`, if it holds one of the cell's type.
fn int_at(report: &Report, address: Address) -> Option<i128> {
    let n = report
        .cell(address)
        .and_then(crate::Cell::number)?
        .to_type(address.cell_type())?;
    match n {
        crate::Number::Count(c) => Some(i128::from(c)),
        crate::Number::Change(c) => Some(i128::from(c)),
        _ => None,
    }
}

/// One operand of a series rule: a cell of one year.
fn operand(report: &Report, address: Address) -> Operand {
    Operand {
        location: Location::cell(address),
        value: int_at(report, address).map(|n| n.to_string()),
    }
}

/// Emits a series rule's finding for year N: a breach when `expected` and `actual` are both
/// known and differ, a not-assessable note when an operand is blank.
#[allow(
    clippy::too_many_arguments,
    reason = "one private helper for three rules"
)]
fn emit(
    out: &mut Vec<SeriesFinding>,
    (file, previous): (usize, usize),
    report: &Report,
    rule: Rule,
    address: Address,
    what: String,
    expected: Option<i128>,
    actual: Option<i128>,
    operands: Vec<Operand>,
) {
    let mut f = match (expected, actual) {
        (Some(e), Some(a)) if e == a => return,
        (Some(e), Some(a)) => {
            let mut f = Finding::new(
                rule,
                Location::cell(address),
                format!("{what}：应为 {e}，实为 {a}"),
            );
            f.expected = Some(e.to_string());
            f.actual = Some(a.to_string());
            f
        }
        _ => {
            let blank: Vec<String> = operands
                .iter()
                .filter(|o| o.value.is_none())
                .map(|o| {
                    format!(
                        "{}/{}",
                        o.location.row.as_deref().unwrap_or(""),
                        o.location.column.as_deref().unwrap_or("")
                    )
                })
                .collect();
            let mut f = Finding::new(
                rule,
                Location::cell(address),
                format!("{what}：无法核对，有单元格为空（{}）", blank.join("、")),
            );
            f.severity = Severity::Info;
            f.assessable = false;
            f
        }
    };
    f.operands = operands;
    f.fingerprint_for(report);
    out.push(SeriesFinding {
        file,
        previous: Some(previous),
        finding: f,
    });
}

/// The rules between consecutive years: `prev` is year N−1 (file `p`), `report` year N (file `i`).
fn pair(i: usize, p: usize, prev: &Report, report: &Report, out: &mut Vec<SeriesFinding>) {
    let year = report.year;
    let py = prev.year;
    // series.carry-over: 上年结转 (N) = 结转下年度继续办理 (N−1), per column.
    for &column in ApplicantColumn::ALL {
        let here = Address::Applications(ApplicationRow::CarriedOver, column);
        let there = Address::Applications(ApplicationRow::CarriedForward, column);
        emit(
            out,
            (i, p),
            report,
            Rule::SeriesCarryOver,
            here,
            format!(
                "{year} 年度 {} / {}（应等于 {py} 年度 {}）",
                ApplicationRow::CarriedOver.label(),
                column.full_label(),
                ApplicationRow::CarriedForward.label()
            ),
            int_at(prev, there),
            int_at(report, here),
            vec![operand(prev, there), operand(report, here)],
        );
    }

    let has = |r: &Report, row: ProactiveRow, cols: &[ProactiveColumn]| {
        let have = proactive_columns(r.edition, row);
        cols.iter().all(|c| have.contains(c))
    };

    // series.in-force (2021): 现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N).
    for row in [ProactiveRow::Regulations, ProactiveRow::NormativeDocuments] {
        let cols = [
            ProactiveColumn::Issued,
            ProactiveColumn::Repealed,
            ProactiveColumn::InForce,
        ];
        if !(has(prev, row, &cols) && has(report, row, &cols)) {
            continue;
        }
        let here = Address::Proactive(row, ProactiveColumn::InForce);
        let before = here;
        let issued = Address::Proactive(row, ProactiveColumn::Issued);
        let repealed = Address::Proactive(row, ProactiveColumn::Repealed);
        let expected = int_at(prev, before)
            .zip(int_at(report, issued))
            .zip(int_at(report, repealed))
            .and_then(|((b, n), r)| b.checked_add(n)?.checked_sub(r));
        emit(
            out,
            (i, p),
            report,
            Rule::SeriesInForce,
            here,
            format!(
                "{year} 年度 主动公开 {} / {}（应等于 {py} 年度{}加{}减{}）",
                row.label_in(Edition::E2021),
                ProactiveColumn::InForce.label(),
                ProactiveColumn::InForce.label(),
                ProactiveColumn::Issued.label(),
                ProactiveColumn::Repealed.label()
            ),
            expected,
            int_at(report, here),
            vec![
                operand(prev, before),
                operand(report, issued),
                operand(report, repealed),
                operand(report, here),
            ],
        );
    }

    // series.item-count (2019): 上一年项目数量(N) = 上一年项目数量(N−1) + 本年增/减(N−1).
    for row in [
        ProactiveRow::Licensing,
        ProactiveRow::OtherServices,
        ProactiveRow::Penalties,
        ProactiveRow::CoerciveMeasures,
        ProactiveRow::Fees,
    ] {
        let cols = [ProactiveColumn::PreviousItems, ProactiveColumn::Change];
        if !(has(prev, row, &cols) && has(report, row, &cols)) {
            continue;
        }
        let here = Address::Proactive(row, ProactiveColumn::PreviousItems);
        let change = Address::Proactive(row, ProactiveColumn::Change);
        let expected = int_at(prev, here)
            .zip(int_at(prev, change))
            .and_then(|(b, c)| b.checked_add(c));
        emit(
            out,
            (i, p),
            report,
            Rule::SeriesItemCount,
            here,
            format!(
                "{year} 年度 主动公开 {} / {}（应等于 {py} 年度{}加{}）",
                row.label_in(Edition::E2019),
                ProactiveColumn::PreviousItems.label(),
                ProactiveColumn::PreviousItems.label(),
                ProactiveColumn::Change.label()
            ),
            expected,
            int_at(report, here),
            vec![
                operand(prev, here),
                operand(prev, change),
                operand(report, here),
            ],
        );
    }
}

/// How alike two texts are, by the measure of the module docs.
#[derive(Debug, Clone, PartialEq)]
pub struct Similarity {
    /// |S(a) ∩ S(b)| / |S(a)| over character 5-gram shingles of the normalised texts; 0 when
    /// `a` has no shingle.
    pub containment: f64,
    /// |S(a) ∩ S(b)| / |S(a) ∪ S(b)|; 0 when both are empty.
    pub jaccard: f64,
    /// The number of normalised characters of `a`.
    pub chars: usize,
    /// The longest passage the normalised texts share, as a byte range of `a`; empty when they
    /// share nothing or are too long to compare ([`PASSAGE_LIMIT`]).
    pub passage: Range<usize>,
    /// The same passage as a byte range of `b`.
    pub passage_in_b: Range<usize>,
}

/// The normalised characters of `text`, each with the byte range it came from.
fn normalise(text: &str) -> Vec<(char, Range<usize>)> {
    let mut out: Vec<(char, Range<usize>)> = Vec::new();
    for (start, c) in text.char_indices() {
        let end = start.saturating_add(c.len_utf8());
        if c.is_whitespace() {
            continue;
        }
        let numeral = c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "〇零一二三四五六七八九十百千万亿两".contains(c);
        if numeral {
            if let Some(last) = out.last_mut()
                && last.0 == '#'
            {
                last.1.end = end;
                continue;
            }
            out.push(('#', start..end));
        } else {
            out.push((c, start..end));
        }
    }
    out
}

/// The shingles of normalised characters.
fn shingles(chars: &[char]) -> HashSet<&[char]> {
    chars.windows(SHINGLE).collect()
}

/// The largest product of the two texts' lengths (in normalised characters) for which the
/// longest shared passage is computed; above it the passage is left empty (the computation is
/// quadratic).
pub const PASSAGE_LIMIT: usize = 64_000_000;

/// The longest common substring of `a` and `b`: (length, end in `a` exclusive, end in `b`
/// exclusive). Quadratic time, linear memory; nothing above [`PASSAGE_LIMIT`].
fn longest_common(a: &[char], b: &[char]) -> (usize, usize, usize) {
    let mut best = (0usize, 0usize, 0usize);
    if a.len()
        .checked_mul(b.len())
        .is_none_or(|p| p > PASSAGE_LIMIT)
    {
        return best;
    }
    let mut prev: Vec<usize> = vec![0; b.len()];
    let mut cur: Vec<usize> = vec![0; b.len()];
    for (i, ca) in a.iter().enumerate() {
        let mut diag = 0usize;
        for (j, (cb, slot)) in b.iter().zip(cur.iter_mut()).enumerate() {
            let up = prev.get(j).copied().unwrap_or(0);
            let v = if ca == cb { diag.saturating_add(1) } else { 0 };
            diag = up;
            *slot = v;
            if v > best.0 {
                best = (v, i.saturating_add(1), j.saturating_add(1));
            }
        }
        core::mem::swap(&mut prev, &mut cur);
    }
    best
}

/// How much of `a` is in `b`: shingle containment and Jaccard, and the longest shared passage.
pub fn similarity(a: &str, b: &str) -> Similarity {
    let na = normalise(a);
    let nb = normalise(b);
    let ca: Vec<char> = na.iter().map(|(c, _)| *c).collect();
    let cb: Vec<char> = nb.iter().map(|(c, _)| *c).collect();
    let sa = shingles(&ca);
    let sb = shingles(&cb);
    let common = sa.intersection(&sb).count();
    let union = sa.len().saturating_add(sb.len()).saturating_sub(common);
    let ratio = |x: usize, y: usize| {
        if y == 0 {
            0.0
        } else {
            // Shingle counts are far below 2^52: the conversion is exact.
            #[allow(clippy::cast_precision_loss, reason = "counts below 2^52")]
            let r = x as f64 / y as f64;
            r
        }
    };
    let (len, end_a, end_b) = longest_common(&ca, &cb);
    let span = |n: &[(char, Range<usize>)], end: usize| {
        let start = end.saturating_sub(len);
        match (n.get(start), end.checked_sub(1).and_then(|e| n.get(e))) {
            (Some(s), Some(e)) if len > 0 => s.1.start..e.1.end,
            _ => 0..0,
        }
    };
    Similarity {
        containment: ratio(common, sa.len()),
        jaccard: ratio(common, union),
        chars: ca.len(),
        passage: span(&na, end_a),
        passage_in_b: span(&nb, end_b),
    }
}

/// At most `max` characters of `text`, with `…` when cut.
fn excerpt(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// `series.copied-prose`: each prose section of `report` against the same section of `prev`.
fn copied_prose(i: usize, p: usize, prev: &Report, report: &Report, out: &mut Vec<SeriesFinding>) {
    let sections = [
        (
            ReportField::Overview,
            report.prose.overview.as_deref(),
            prev.prose.overview.as_deref(),
        ),
        (
            ReportField::Problems,
            report.prose.problems.as_deref(),
            prev.prose.problems.as_deref(),
        ),
        (
            ReportField::Other,
            report.prose.other.as_deref(),
            prev.prose.other.as_deref(),
        ),
    ];
    for (field, text, before) in sections {
        let (Some(text), Some(before)) = (text, before) else {
            continue;
        };
        let sim = similarity(text, before);
        if sim.chars < MIN_CHARS || sim.containment < COPIED_THRESHOLD {
            continue;
        }
        let passage = text.get(sim.passage.clone()).unwrap_or("");
        let mut f = Finding::new(
            Rule::SeriesCopiedProse,
            Location {
                bytes: Some(sim.passage.clone()),
                row: Some(field.key().to_owned()),
                ..Location::table("prose")
            },
            format!(
                "{}：应与 {} 年度报告有实质不同，实为 {:.0}% 的文字片段相同（Jaccard {:.2}），最长相同段落 {} 字：「{}」",
                field.label(),
                prev.year,
                sim.containment * 100.0,
                sim.jaccard,
                passage.chars().count(),
                excerpt(passage, 60)
            ),
        );
        f.expected = Some(format!("< {COPIED_THRESHOLD:.2}"));
        f.actual = Some(format!("{:.2}", sim.containment));
        f.fingerprint_for(report);
        out.push(SeriesFinding {
            file: i,
            previous: Some(p),
            finding: f,
        });
    }
}
