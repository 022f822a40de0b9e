//! Reading reports as they are really published: text extracted from PDFs and web pages.
//!
//! [`read`] takes the text as a tool gave it — tab-separated PDF text, pypdf or
//! `pdftotext -layout` text, crawled page text with the cells run together, Markdown made from
//! a PDF — and returns the report with what the reader repaired, could not place or found
//! ambiguous. The work is split as the report is:
//!
//! - [`meta`] finds the issuer, year, publication date, edition evidence and prose sections;
//! - the table sections are cut out by their headings, and each line-shaped part is read by
//!   [`lines`], each run-together part by [`runs`], each Markdown table by [`markdown`], into
//!   [`SourceRow`](crate::read::SourceRow)s;
//! - [`assemble`] places the rows by label, by position and by the format's arithmetic.
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

pub mod assemble;
pub mod lines;
pub mod markdown;
pub mod meta;
pub mod runs;

use core::ops::Range;

use crate::catalogue::TableKey;
use crate::error::ReadError;
use crate::read::Reading;

use assemble::{Found, Options};
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
    let meta = meta::detect(input);
    let src = Source::new(input);
    let regions = regions(input, meta.body);
    if meta.title.is_none() && regions.is_empty() {
        let found: String = input
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

    let mut found = Vec::new();
    let mut options = Options::default();
    for (table, range) in &regions {
        let mut rows = Vec::new();
        let text = input.get(range.clone()).unwrap_or("");
        let tabs = text.contains('\t');
        let md = text.lines().any(markdown::is_table_line);
        let shape = if tabs {
            LineShape::Tabs
        } else {
            LineShape::Spaces
        };
        let mut block_start: Option<usize> = None;
        let mut md_block: Vec<(usize, &str)> = Vec::new();
        let flush = |rows: &mut Vec<_>, from: Option<usize>, to: usize| {
            if let Some(s) = from {
                rows.extend(lines::rows(&src, s..to, shape, !md));
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
    assemble::assemble(&mut reading, &found, options);
    Ok(reading)
}

/// Heading keywords of the table sections, with a word that must follow soon after a real
/// heading (a preface that lists the sections names them too).
const TABLE_HEADINGS: &[(TableKey, &str, &[&str])] = &[
    (
        TableKey::Proactive,
        "主动公开政府信息情况",
        &["第二十条", "信息内容"],
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
const END_HEADINGS: &[&str] = &[
    "存在的主要问题",
    "主要问题及改进",
    "（一）主要问题",
    "其他需要报告的事项",
];

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
        for &(t, heading, follow) in TABLE_HEADINGS {
            if t != table {
                continue;
            }
            let mut at = from;
            while let Some(i) = text.get(at..).and_then(|s| s.find(heading)) {
                let s = at.saturating_add(i);
                let e = s.saturating_add(heading.len());
                let window_end = floor_char(text, e.saturating_add(600));
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
            END_HEADINGS
                .iter()
                .filter_map(|h| {
                    text.get(s..)
                        .and_then(|t| t.find(h))
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
