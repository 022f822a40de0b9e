//! From the laid-out document to the reading: the document's text (lines, and table rows with
//! their cells separated by tabs) is what issuer, year, publication date and prose are read
//! from, and what every cell's line and byte range refer to; the tables' rows are placed by the
//! text reader's assembler, as the HTML reader's are; each placed cell then gets the page and
//! box it was read from.

use std::collections::HashMap;

use crate::catalogue::TableKey;
use crate::cell::PageArea;
use crate::error::ReadError;
use crate::finding::{Location, Rule};
use crate::labels;
use crate::read::{Reading, SourceRow, Spanned};
use crate::text::assemble::{self, Found};
use crate::text::meta;

use super::layout::{Block, Document, Table};
use super::text::PageText;

/// The document as text, and where each table cell's text stands in it.
struct Text {
    text: String,
    line: usize,
    /// Byte start of a cell's text → its page and box.
    areas: HashMap<usize, PageArea>,
}

impl Text {
    fn push_line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push('\n');
        self.line = self.line.saturating_add(1);
    }
}

/// Builds the reading of a laid-out document.
pub(super) fn assemble(doc: &Document, pages: &[PageText]) -> Result<Reading, ReadError> {
    let mut t = Text {
        text: String::new(),
        line: 1,
        areas: HashMap::new(),
    };
    let mut found: Vec<Found> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Line(l) => t.push_line(&l.text),
            Block::Table(table) => {
                let rows = source_rows(table, &mut t);
                if let Some(f) = classify(rows) {
                    match found.last_mut() {
                        Some(prev) if prev.table == f.table => prev.rows.extend(f.rows),
                        _ => found.push(f),
                    }
                }
            }
        }
    }
    if found.is_empty() {
        // No ruled table of the report: read the glyphs' positions as text laid out in
        // columns, as the text reader reads `pdftotext -layout`.
        return by_position(pages);
    }
    let meta = meta::detect(&t.text);
    if meta.title.is_none() && found.is_empty() {
        let start: String = t.text.trim().chars().take(40).collect();
        return Err(ReadError::NotAReport {
            found: format!("「{start}」"),
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
    meta.note_gaps(&mut reading);
    complete_issuer(&mut reading, &t.text);
    note_unmapped(&mut reading, pages);
    assemble::assemble(&mut reading, &found, assemble::Options::default());
    reading.report.for_each_cell_mut(|cell| {
        if let Some(o) = cell.origin.as_mut() {
            if let Some(area) = t.areas.get(&o.bytes.start) {
                o.page = Some(*area);
            }
        }
    });
    Ok(reading)
}

/// Writes a table's rows into the text and returns them as source rows: in a data row the
/// labels are the non-blank cells left of the column where the table's numbers start (cells
/// reaching down from rows above included), the values the row's own cells from there on, blank
/// ones kept; other rows keep their text cells as labels and their numbers as values.
fn source_rows(table: &Table, t: &mut Text) -> Vec<SourceRow> {
    let value_start = table
        .cells
        .iter()
        .filter(|c| !c.text.trim().is_empty() && is_value(&c.text))
        .map(|c| c.column)
        .min();
    let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); table.rows];
    for (i, c) in table.cells.iter().enumerate() {
        let end = c.row.saturating_add(c.rowspan).min(table.rows);
        for r in c.row..end {
            if let Some(v) = by_row.get_mut(r) {
                v.push(i);
            }
        }
    }
    let mut out = Vec::with_capacity(table.rows);
    for (r, ids) in by_row.iter_mut().enumerate() {
        ids.sort_by_key(|&i| table.cells.get(i).map_or(0, |c| c.column));
        // The row's own cells, written to the text.
        let mut spans: HashMap<usize, Spanned> = HashMap::new();
        let mut line = String::new();
        let start = t.text.len();
        for &i in ids.iter() {
            let Some(c) = table.cells.get(i) else {
                continue;
            };
            if c.row != r {
                continue;
            }
            if !line.is_empty() {
                line.push('\t');
            }
            let from = start.saturating_add(line.len());
            line.push_str(&c.text);
            let to = start.saturating_add(line.len());
            t.areas.insert(
                from,
                PageArea {
                    page: c.page,
                    x0: c.area[0],
                    y0: c.area[1],
                    x1: c.area[2],
                    y1: c.area[3],
                },
            );
            spans.insert(
                i,
                Spanned {
                    text: c.text.clone(),
                    line: t.line,
                    bytes: from..to,
                },
            );
        }
        t.push_line(&line);
        let span = |i: usize, t: &Text| -> Option<Spanned> {
            spans.get(&i).cloned().or_else(|| {
                // A cell reaching down from a row above: its text where it was written.
                let c = table.cells.get(i)?;
                Some(Spanned {
                    text: c.text.clone(),
                    line: t.line,
                    bytes: 0..0,
                })
            })
        };
        let cells: Vec<(usize, &super::layout::Cell)> = ids
            .iter()
            .filter_map(|&i| table.cells.get(i).map(|c| (i, c)))
            .collect();
        let data_row = value_start.is_some_and(|s| {
            cells
                .iter()
                .all(|(_, c)| c.column < s || c.text.trim().is_empty() || is_value(&c.text))
        });
        let mut row = SourceRow::default();
        if let (true, Some(s)) = (data_row, value_start) {
            for (i, c) in &cells {
                if c.column < s {
                    if !c.text.trim().is_empty() {
                        if let Some(sp) = span(*i, t) {
                            row.labels.push(sp);
                        }
                    }
                } else if c.row == r {
                    if let Some(sp) = span(*i, t) {
                        row.values.push(sp);
                    }
                }
            }
            out.push(row);
            continue;
        }
        let first_text = cells
            .iter()
            .find(|(_, c)| !c.text.trim().is_empty())
            .map(|(_, c)| !is_value(&c.text));
        let mut in_labels = true;
        for (i, c) in &cells {
            let own = c.row == r;
            let text = c.text.as_str();
            if in_labels {
                if text.trim().is_empty() && (first_text == Some(true) || !own) {
                    continue;
                }
                if !is_value(text) {
                    if let Some(sp) = span(*i, t) {
                        row.labels.push(sp);
                    }
                    continue;
                }
                if !own {
                    continue;
                }
                in_labels = false;
            }
            if own {
                if let Some(sp) = span(*i, t) {
                    row.values.push(sp);
                }
            }
        }
        out.push(row);
    }
    out
}

fn is_value(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || crate::text::lines::is_value_token(t)
}

/// The report table a ruled table's rows belong to, judged by their labels (the most matches
/// deciding); header rows only vote.
fn classify(rows: Vec<SourceRow>) -> Option<Found> {
    let mut votes = [0usize; 3];
    for label in rows.iter().flat_map(|r| r.labels.iter()) {
        let t = &label.text;
        let n = labels::normalize(t);
        let slot = if labels::application_row(t).is_some() || labels::applicant_column(t).is_some()
        {
            Some(1)
        } else if labels::appeal_row(t).is_some()
            || labels::appeal_column(t).is_some()
            || n.contains("行政诉讼")
        {
            Some(2)
        } else if labels::proactive_row(t).is_some()
            || labels::proactive_column(t).is_some()
            || n.contains("第二十条")
        {
            Some(0)
        } else {
            None
        };
        if let Some(v) = slot.and_then(|i| votes.get_mut(i)) {
            *v = v.saturating_add(1);
        }
    }
    let unlabelled_fifteen = rows
        .iter()
        .any(|r| r.labels.is_empty() && r.values.len() == 15);
    let best = votes
        .iter()
        .enumerate()
        .filter(|&(_, &v)| v > 0)
        .max_by_key(|&(_, &v)| v)
        .map(|(i, _)| i);
    let key = match best {
        Some(0) => TableKey::Proactive,
        Some(1) => TableKey::Applications,
        Some(_) => TableKey::Appeals,
        None if unlabelled_fifteen => TableKey::Appeals,
        None => return None,
    };
    let rows: Vec<SourceRow> = rows.into_iter().filter(|r| !r.values.is_empty()).collect();
    (!rows.is_empty()).then_some(Found { table: key, rows })
}

/// Completes an issuer the title names without its city or province (`洪泽区人民政府`) from the
/// report's opening sentence (`本报告由淮安市洪泽区人民政府办公室…编制`), where that sentence names
/// it with a prefix of at most six characters ending in 市, 省 or 州; reported as repaired.
fn complete_issuer(reading: &mut Reading, text: &str) {
    let issuer = reading.report.issuer.as_str().to_owned();
    if issuer.is_empty() {
        return;
    }
    let Some(at) = text.find("本报告由") else {
        return;
    };
    let rest = text
        .get(at.saturating_add("本报告由".len())..)
        .unwrap_or_default();
    let Some(end) = rest.find(issuer.as_str()) else {
        return;
    };
    let prefix = rest.get(..end).unwrap_or_default();
    let n = prefix.chars().count();
    let cjk = prefix
        .chars()
        .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    if !(1..=6).contains(&n) || !cjk || !prefix.ends_with(['市', '省', '州']) {
        return;
    }
    let full = format!("{prefix}{issuer}");
    reading.report.issuer = full.clone().into();
    reading.note(
        Rule::ReadRepaired,
        Location::report("issuer"),
        None,
        format!(
            "标题中的发布机关「{issuer}」没有所属地名，按正文「本报告由{full}…」读作「{full}」"
        ),
    );
}

/// Notes the glyphs no font map could turn into text, by page and font (`read.unplaced`).
fn note_unmapped(reading: &mut Reading, pages: &[PageText]) {
    for page in pages {
        for (font, count) in &page.unmapped {
            reading.note(
                Rule::ReadUnplaced,
                Location::table("source"),
                None,
                format!(
                    "第 {} 页：字体 {font} 没有可用的 ToUnicode 映射，{count} 个字形无法读出文字（未猜测）",
                    page.number
                ),
            );
        }
    }
}

/// Reads a document whose tables are not ruled: each page's glyphs become lines of text in
/// which every glyph stands at the column its x gives (half the page's usual font size per
/// column), so the columns of a table line up as in `pdftotext -layout`, and the text reader
/// reads that text. Each placed cell gets the page and box of the glyphs it was read from.
fn by_position(pages: &[PageText]) -> Result<Reading, ReadError> {
    let mut text = String::new();
    // Byte offset of each glyph written → (page, x0, y0, x1, y1).
    let mut at: Vec<(usize, PageArea)> = Vec::new();
    for page in pages {
        let mut sizes: Vec<f64> = page.glyphs.iter().map(|g| g.size).collect();
        sizes.sort_by(f64::total_cmp);
        let unit = (sizes.get(sizes.len() / 2).copied().unwrap_or(10.0) / 2.0).max(1.0);
        let glyphs: Vec<&super::text::Glyph> = page.glyphs.iter().collect();
        let left = glyphs.iter().map(|g| g.x).fold(f64::MAX, f64::min);
        for line in super::layout::glyph_lines(&glyphs) {
            if crate::text::lines::is_page_marker(
                &line.iter().map(|g| g.text.as_str()).collect::<String>(),
            ) {
                continue;
            }
            let mut column = 0usize;
            let mut end: Option<f64> = None;
            for g in line {
                let want = ((g.x - left) / unit).round().max(0.0);
                let want = if want < 10_000.0 {
                    want as usize
                } else {
                    10_000
                };
                // Glyphs that follow each other closely are one word; at a gap (and at the
                // line's start) the glyph goes to the column its x gives.
                let gap = end.is_none_or(|e| g.x - e > g.size * 0.4);
                let pad = if gap {
                    want.saturating_sub(column).max(usize::from(end.is_some()))
                } else {
                    0
                };
                for _ in 0..pad {
                    text.push(' ');
                }
                column = column.saturating_add(pad);
                at.push((
                    text.len(),
                    PageArea {
                        page: page.number,
                        x0: g.x,
                        y0: g.y,
                        x1: g.x + g.advance,
                        y1: g.y + g.size,
                    },
                ));
                text.push_str(&g.text);
                column = column.saturating_add(g.text.chars().count());
                end = Some(g.x + g.advance);
            }
            text.push('\n');
        }
    }
    let mut reading = crate::text::read(&text)?;
    complete_issuer(&mut reading, &text);
    note_unmapped(&mut reading, pages);
    reading.report.for_each_cell_mut(|cell| {
        let Some(o) = cell.origin.as_mut() else {
            return;
        };
        let from = at.partition_point(|(b, _)| *b < o.bytes.start);
        let mut area: Option<PageArea> = None;
        for (b, a) in at.get(from..).unwrap_or_default() {
            if *b >= o.bytes.end {
                break;
            }
            area = Some(match area {
                None => *a,
                Some(u) => PageArea {
                    page: u.page,
                    x0: u.x0.min(a.x0),
                    y0: u.y0.min(a.y0),
                    x1: u.x1.max(a.x1),
                    y1: u.y1.max(a.y1),
                },
            });
        }
        o.page = area;
    });
    Ok(reading)
}
