//! Reading reports as they are really published: text extracted from PDFs and web pages.
//!
//! [`read`] takes the text as a tool gave it — tab-separated PDF text, pypdf or
//! `pdftotext -layout` text, crawled page text with the cells run together, Markdown made from
//! a PDF — and returns the report with what the reader repaired, could not place or found
//! ambiguous. The work is split as the report is:
//!
//! - [`meta`] finds the issuer, year, publication date, edition evidence and prose sections;
//! - the table sections are cut out by their headings, and each line-shaped part is read by
//!   [`lines`], each run-together part by [`runs`], each Markdown table by [`markdown`], each
//!   table written one value per line (row by row or column by column) by [`columns`], into
//!   [`SourceRow`]s; rows of aligned text are then read by column
//!   position by [`aligned`], so that a blank cell keeps its column;
//! - the placement engine, [`crate::place::assemble`] (shared with the other readers), places
//!   the rows by label, by position and by the format's arithmetic.
//!
//! [`read_bytes`] takes the bytes of a file and decodes them first ([`crate::decode`]: UTF-8,
//! UTF-16 with a byte-order mark, GBK/GB18030), reporting any encoding but UTF-8.
//!
//! ```
//! let text = "某县某局2024年政府信息公开工作年度报告\n\
//!             四、政府信息公开行政复议、行政诉讼情况\n\
//!             1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n";
//! let reading = zfxxgk::text::read(text)?;
//! assert_eq!(reading.report.issuer.as_str(), "某县某局");
//! assert_eq!(reading.report.year, 2024);
//! # Ok::<(), zfxxgk::ReadError>(())
//! ```

pub mod aligned;
pub mod columns;
pub mod lines;
pub mod markdown;
pub mod meta;
pub mod order;
pub mod runs;
pub mod traditional;

/// Placing rows into the report: moved to [`crate::place::assemble`], below every reader.
#[deprecated(note = "moved to `zfxxgk::place::assemble`")]
pub mod assemble {
    pub use crate::place::assemble::*;
}

use core::ops::Range;

use crate::catalogue::{Edition, TableKey};
use crate::error::ReadError;
use crate::finding::{Location, Rule};
use crate::read::{Reading, SourceRow};

use crate::place::assemble as placing;
use crate::place::assemble::{Found, Options};
use columns::Orientation;
use lines::{LineShape, Source};

/// The largest input [`read`] accepts by default: 8 MiB, far above any annual report (the
/// longest in the corpus is under 100 KiB), small enough to bound the work on hostile input.
pub const MAX_INPUT: usize = 8 * 1024 * 1024;

/// Reads a report from published text with the default limit ([`MAX_INPUT`]).
///
/// # Errors
///
/// [`ReadError::TooLarge`] above the limit; [`ReadError::NotAReport`] when the text has neither
/// a report title nor any of the report's tables; [`ReadError::Field`] when no year can be
/// found. Everything else is reported in [`Reading::findings`].
pub fn read(input: &str) -> Result<Reading, ReadError> {
    read_with_limit(input, MAX_INPUT)
}

/// [`read`], with the number of steps the reader took: bytes of the lines it scanned, labels
/// and values it read, nodes of the placement search ([`crate::place::assemble`]). For tests
/// that the reader's work grows in proportion to its input (`tests/linear.rs`); the result is
/// exactly that of [`read`].
///
/// # Errors
///
/// As [`read`].
pub fn read_counting(input: &str) -> (Result<Reading, ReadError>, u64) {
    crate::place::work::counting(|| read(input))
}

/// Reads a report from the bytes of published text, decoded by [`crate::decode::decode`], with
/// the default limit ([`MAX_INPUT`], on the decoded text). Text decoded from anything but UTF-8
/// (GBK, UTF-16 …) is reported: a `read.repaired` finding naming the encoding, first among the
/// findings.
///
/// # Errors
///
/// As [`read`].
pub fn read_bytes(bytes: &[u8]) -> Result<Reading, ReadError> {
    // UTF-8 as written, the common case, is read in place: nothing to report, nothing to copy.
    if let Some((text, _)) = crate::decode::as_utf8(bytes) {
        return read(text);
    }
    let decoded = crate::decode::decode(bytes);
    let mut reading = read(&decoded.text)?;
    if decoded.is_utf8() {
        return Ok(reading);
    }
    if let Some(message) = decoded.describe_as("文本") {
        let placed = reading.findings.len();
        reading.note(Rule::ReadRepaired, Location::table("source"), None, message);
        reading.findings.rotate_left(placed);
    }
    Ok(reading)
}

/// Reads a report from published text, refusing input larger than `limit` bytes.
///
/// # Errors
///
/// As [`read`].
pub fn read_with_limit(input: &str, limit: usize) -> Result<Reading, ReadError> {
    if input.len() > limit {
        return Err(ReadError::TooLarge {
            limit,
            size: input.len(),
        });
    }
    // The source as matched: traditional characters of the format's words folded (same byte
    // offsets as `original`, whose text the issuer and prose keep).
    let original = input;
    let (folded, traditional) = traditional::fold(input);
    let input: &str = &folded;
    let src = Source::new(input);
    let meta = meta::detect_in(&src);
    let regions = regions(input, meta.body);
    let as_written = |s: &crate::read::Spanned| {
        original
            .get(s.bytes.clone())
            .map_or_else(|| s.text.clone(), str::to_owned)
    };
    if meta.title.is_none() && regions.is_empty() {
        let found: String = original
            .get(meta.body..)
            .unwrap_or("")
            .trim()
            .chars()
            .take(40)
            .collect();
        return Err(ReadError::NotAReport {
            found: format!("「{found}」"),
        });
    }
    let Some(year) = meta.year else {
        return Err(ReadError::Field {
            location: "report/year".to_owned(),
            what: "the year reported on (标题或统计期限中的年度)",
            found: "nothing".to_owned(),
        });
    };
    let mut reading = meta.reading(year);
    if let Some(issuer) = &meta.issuer {
        reading.report.issuer = as_written(issuer).trim().to_owned().into();
    }
    let prose = |s: &Option<crate::read::Spanned>| {
        s.as_ref()
            .map(|s| clean_prose(&as_written(s)))
            .filter(|t| !t.is_empty())
    };
    reading.report.prose.overview = prose(&meta.overview);
    reading.report.prose.problems = prose(&meta.problems);
    reading.report.prose.other = prose(&meta.other);
    if meta.problems_unnumbered {
        reading.note(
            Rule::ReadRepaired,
            Location::report("problems"),
            meta.problems.as_ref().map(|s| s.line),
            format!(
                "第 {} 行：第五部分（存在的主要问题及改进情况）没有编号标题，从表格后的「（一）主要问题」读起",
                meta.problems.as_ref().map_or(0, |s| s.line)
            ),
        );
    }
    if traditional > 0 {
        reading.note(
            Rule::ReadRepaired,
            Location::report("text"),
            None,
            format!(
                "正文用繁体字书写：按繁简对照表把 {traditional} 个繁体字读作简体后识别标题、各部分标题和栏目名（发布机关和文字部分保留原文）"
            ),
        );
    }
    meta.note_gaps(&mut reading);

    let mut found = Vec::new();
    let mut options = Options::default();
    // Section 三 first: the orientation its arithmetic shows is the one section 二 follows.
    let mut paragraph_rows: Vec<(TableKey, Vec<SourceRow>)> = Vec::new();
    let mut orientation = None;
    for (table, range) in &regions {
        if *table != TableKey::Applications {
            continue;
        }
        if let Some(runs) = columns::paragraph_runs(&src, range.clone()) {
            if let Some((o, rows)) = paragraph_applications(&mut reading, runs) {
                orientation = Some(o);
                paragraph_rows.push((*table, rows));
            }
        }
    }
    for (table, range) in &regions {
        if *table != TableKey::Proactive {
            continue;
        }
        if let Some(runs) = columns::paragraph_runs(&src, range.clone()) {
            let rows = paragraph_proactive(&mut reading, &runs, orientation);
            paragraph_rows.push((*table, rows));
        }
    }
    for (table, range) in &regions {
        if let Some(k) = paragraph_rows.iter().position(|(t, _)| t == table) {
            let (_, rows) = paragraph_rows.swap_remove(k);
            found.push(Found {
                table: *table,
                rows,
            });
            continue;
        }
        let mut rows = Vec::new();
        let text = input.get(range.clone()).unwrap_or("");
        let tabs = text.contains('\t');
        let md = src
            .lines(range.clone())
            .any(|(_, line)| markdown::is_table_line(line));
        let shape = if tabs {
            LineShape::Tabs
        } else {
            LineShape::Spaces
        };
        let mut block_start: Option<usize> = None;
        let mut md_block: Vec<(usize, &str)> = Vec::new();
        let flush = |rows: &mut Vec<_>, from: Option<usize>, to: usize| {
            if let Some(s) = from {
                let mut block = lines::rows(&src, s..to, shape, !md);
                if shape == LineShape::Spaces {
                    aligned::place(&src, s..to, *table, &mut block);
                }
                rows.extend(block);
            }
        };
        for (start, line) in src.lines(range.clone()) {
            let line_end = start.saturating_add(line.len()).min(range.end);
            if md && markdown::is_table_line(line) {
                flush(&mut rows, block_start.take(), start);
                md_block.push((start, line));
                continue;
            }
            if !md_block.is_empty() {
                rows.extend(markdown::rows(&src, &md_block));
                md_block.clear();
            }
            if runs::is_run_together(src.full_line(start)) {
                flush(&mut rows, block_start.take(), start);
                options.split_runs = true;
                rows.extend(runs::rows(&src, start..line_end));
            } else if block_start.is_none() {
                block_start = Some(start);
            }
        }
        rows.extend(markdown::rows(&src, &md_block));
        flush(&mut rows, block_start, range.end);
        found.push(Found {
            table: *table,
            rows,
        });
    }
    placing::assemble(&mut reading, &found, options);
    order::reorder_appeals(&mut reading, input);
    mixed_editions(&mut reading, &meta);
    Ok(reading)
}

/// Section 三 written one value per line: both orientations are built, and the one that
/// satisfies more of the format's identities is taken and reported. `None` when the runs do not
/// hold the rows of an edition (the region is then read line by line).
fn paragraph_applications(
    reading: &mut Reading,
    runs: Vec<columns::Run>,
) -> Option<(Orientation, Vec<SourceRow>)> {
    let first = runs.first().and_then(|r| r.values.first()).map(|v| v.line);
    let last = runs.last().and_then(|r| r.values.last()).map(|v| v.line);
    let (Some(by_rows), Some(by_columns)) = (
        columns::application_rows_borrowed(&runs, Orientation::Rows),
        columns::application_rows_borrowed(&runs, Orientation::Columns),
    ) else {
        let rows = columns::labelled_application_rows(&runs)?;
        reading.note(
            Rule::ReadRepaired,
            Location::table(TableKey::Applications.key()),
            first,
            format!(
                "第 {}–{} 行：第三部分表格的值每行一个，行名后的 7 个值读作该行",
                first.unwrap_or(0),
                last.unwrap_or(0)
            ),
        );
        return Some((Orientation::Rows, rows));
    };
    let (rows_held, rows_assessed) = placing::application_identities(&by_rows);
    let (cols_held, cols_assessed) = placing::application_identities(&by_columns);
    let orientation = if cols_held > rows_held {
        Orientation::Columns
    } else {
        Orientation::Rows
    };
    let differ = by_rows != by_columns;
    let count = runs
        .iter()
        .map(|r| r.values.len())
        .fold(0, usize::saturating_add);
    let parts: Vec<String> = runs
        .iter()
        .map(|r| r.values.len().checked_div(7).unwrap_or(0).to_string())
        .collect();
    let read_as = match orientation {
        Orientation::Columns => "按列读（每段先列出一列各行的值）",
        Orientation::Rows => "按行读",
    };
    reading.note(
        Rule::ReadRepaired,
        Location::table(TableKey::Applications.key()),
        first,
        format!(
            "第 {}–{} 行：第三部分表格的 {count} 个值每行一个，分 {} 段（{} 行），{read_as}：按列读时 {cols_held}/{cols_assessed} 个合计关系成立，按行读时 {rows_held}/{rows_assessed} 个",
            first.unwrap_or(0),
            last.unwrap_or(0),
            runs.len(),
            parts.join(" + "),
        ),
    );
    if cols_held == rows_held && differ {
        reading.note(
            Rule::ReadAmbiguous,
            Location::table(TableKey::Applications.key()),
            first,
            format!(
                "第 {}–{} 行：按行读和按列读满足的合计关系一样多（{cols_held} 个），取按行读",
                first.unwrap_or(0),
                last.unwrap_or(0),
            ),
        );
    }
    // The chosen reading again, its values moved out of the runs.
    Some((
        orientation,
        columns::into_application_source_rows(runs, orientation)?,
    ))
}

/// Section 二 written one value per line: each run of values fills the row labels queued before
/// it; a run of several rows of several columns is read in `orientation` (that of section 三),
/// row by row without one.
fn paragraph_proactive(
    reading: &mut Reading,
    runs: &[columns::Run],
    orientation: Option<Orientation>,
) -> Vec<SourceRow> {
    let (groups, left) = columns::proactive_groups(runs, reading.report.edition);
    let mut out = Vec::new();
    for group in groups {
        let n_rows = group.rows.len();
        let width = group.values.len().checked_div(n_rows).unwrap_or(0);
        let even = n_rows.checked_mul(width) == Some(group.values.len());
        let o = match orientation {
            Some(o) if n_rows > 1 && width > 1 && even => o,
            _ => Orientation::Rows,
        };
        let arranged = if even {
            columns::arrange(&group.values, n_rows, width, o)
        } else {
            None
        };
        if let (Some(arranged), true) = (&arranged, o == Orientation::Columns) {
            let line = group.values.first().map(|v| v.line);
            let names: Vec<String> = group
                .rows
                .iter()
                .map(|(_, l)| format!("「{}」", l.text))
                .collect();
            let values: Vec<&str> = group.values.iter().map(|v| v.text.as_str()).collect();
            reading.note(
                Rule::ReadRepaired,
                Location::table(TableKey::Proactive.key()),
                line,
                format!(
                    "第 {} 行起：第二十条{}的 {} 个值「{}」每行一个，按第三部分表格的读法按列读作 {} 行 × {width} 列",
                    line.unwrap_or(0),
                    names.join(""),
                    group.values.len(),
                    values.join(" "),
                    arranged.len(),
                ),
            );
        }
        match arranged {
            Some(arranged) => {
                for ((_, label), values) in group.rows.into_iter().zip(arranged) {
                    out.push(SourceRow {
                        labels: vec![label],
                        values,
                    });
                }
            }
            None => {
                // Rows of different widths: the values in the order of the rows.
                let mut values = group.values.into_iter();
                let edition = reading.report.edition;
                for (row, label) in group.rows {
                    let n = crate::catalogue::proactive_columns(edition, row).len();
                    out.push(SourceRow {
                        labels: vec![label],
                        values: values.by_ref().take(n).collect(),
                    });
                }
            }
        }
    }
    for run in left {
        out.push(SourceRow {
            labels: Vec::new(),
            values: run.values,
        });
    }
    out
}

/// `structure.edition` for labels of both editions ([`meta::Meta::mixed`]) where the cells do
/// not show it: the reader follows one edition (the one with more labels, else the year's) and
/// reads the other edition's labels into its cells, so the validator, which sees only cells,
/// cannot tell. Reported once, with the first label of each edition.
fn mixed_editions(reading: &mut Reading, meta: &meta::Meta) {
    if !meta.mixed() {
        return;
    }
    let seen = crate::validate(&reading.report)
        .iter()
        .any(|f| f.rule == Rule::StructureEdition);
    if seen {
        return;
    }
    let first = |e: Edition| {
        let all: Vec<&meta::Evidence> = meta.evidence.iter().filter(|x| x.edition == e).collect();
        all.first().map_or_else(String::new, |x| {
            format!(
                "{e} 年版的「{}」（第 {} 行）等 {} 个",
                x.label,
                x.at.line,
                all.len()
            )
        })
    };
    let edition = reading.report.edition;
    let how = if meta.edition().is_some() {
        "多数栏目名"
    } else {
        "年度"
    };
    let line = meta.evidence.first().map(|e| e.at.line);
    reading.note(
        Rule::StructureEdition,
        Location::report("edition"),
        line,
        format!(
            "格式版本混用：表格栏目名既有 {}，也有 {}；按{how}取 {edition} 年版读入",
            first(Edition::E2019),
            first(Edition::E2021),
        ),
    );
}

/// Web-page furniture that crawls leave after the last section (`附件下载`).
const PAGE_FURNITURE: &[&str] = &[
    "附件下载",
    "【打印本页】",
    "【关闭窗口】",
    "打印本页",
    "关闭窗口",
];

/// The prose of a section without page numbers (`- 5 -`) and trailing page furniture: the
/// words of the report, line breaks as the source has them.
fn clean_prose(text: &str) -> String {
    let kept: Vec<&str> = text.lines().filter(|l| !lines::is_page_marker(l)).collect();
    let mut out = kept.join("\n").trim().to_owned();
    while let Some(f) = PAGE_FURNITURE.iter().find(|f| out.ends_with(*f)) {
        out.truncate(out.len().saturating_sub(f.len()));
        out = out.trim_end().to_owned();
    }
    out
}

/// Heading keywords of the table sections, with a word that must follow soon after a real
/// heading (a preface that lists the sections names them too).
const TABLE_HEADINGS: &[(TableKey, &str, &[&str])] = &[
    (
        TableKey::Proactive,
        "主动公开政府信息情况",
        &["第二十条", crate::catalogue::PROACTIVE_CONTENT_HEADER],
    ),
    (
        TableKey::Applications,
        "收到和处理政府信息公开申请情况",
        &["申请人", "本年新收", "勾稽"],
    ),
    (TableKey::Appeals, "行政复议、行政诉讼情况", &["行政复议"]),
    (
        TableKey::Appeals,
        "被申请行政复议、提起行政诉讼情况",
        &["行政复议"],
    ),
    (TableKey::Appeals, "行政复议和行政诉讼情况", &["行政复议"]),
];

/// The end of the tables: the heading of section 五 (or 六).
static END_HEADINGS: [meta::Needle; 4] = [
    meta::Needle::new("存在的主要问题"),
    meta::Needle::new("主要问题及改进"),
    meta::Needle::new("（一）主要问题"),
    meta::Needle::new("其他需要报告的事项"),
];

/// The searchers of [`TABLE_HEADINGS`]' headings, in its order, built once.
fn heading_finders() -> &'static [memchr::memmem::Finder<'static>] {
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    FINDERS.get_or_init(|| {
        TABLE_HEADINGS
            .iter()
            .map(|&(_, heading, _)| memchr::memmem::Finder::new(heading))
            .collect()
    })
}

/// Where each table section lies: from its heading to the next table heading or the end.
fn regions(text: &str, body: usize) -> Vec<(TableKey, Range<usize>)> {
    let mut starts: Vec<(TableKey, usize)> = Vec::new();
    let mut from = body;
    for &table in &[
        TableKey::Proactive,
        TableKey::Applications,
        TableKey::Appeals,
    ] {
        let mut best: Option<usize> = None;
        for (&(t, heading, follow), finder) in TABLE_HEADINGS.iter().zip(heading_finders()) {
            if t != table {
                continue;
            }
            let mut at = from;
            while let Some(i) = text.get(at..).and_then(|s| finder.find(s.as_bytes())) {
                let s = at.saturating_add(i);
                let e = s.saturating_add(heading.len());
                let window_end = floor_char(text, e.saturating_add(600));
                crate::place::work::tick(window_end.saturating_sub(at));
                let window = text.get(e..window_end).unwrap_or("");
                if follow.iter().any(|f| window.contains(f)) {
                    best = Some(best.map_or(s, |b: usize| b.min(s)));
                    break;
                }
                at = e;
            }
        }
        if let Some(s) = best {
            starts.push((table, s));
            from = s;
        }
    }
    let mut out = Vec::new();
    for (k, &(table, s)) in starts.iter().enumerate() {
        let next = starts.get(k.saturating_add(1)).map(|&(_, n)| n);
        let end = next.unwrap_or_else(|| {
            crate::place::work::tick(
                text.len()
                    .saturating_sub(s)
                    .saturating_mul(END_HEADINGS.len()),
            );
            END_HEADINGS
                .iter()
                .filter_map(|h| {
                    text.get(s..)
                        .and_then(|t| h.find(t))
                        .map(|i| s.saturating_add(i))
                })
                .min()
                .map_or(text.len(), |e| meta::heading_start(text, e))
        });
        if end > s {
            out.push((table, s..end));
        }
    }
    out
}

fn floor_char(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while i > 0 && !text.is_char_boundary(i) {
        i = i.saturating_sub(1);
    }
    i
}
