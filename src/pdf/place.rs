//! From the laid-out document to the reading: the document's text (lines, and table rows with
//! their cells separated by tabs) is what issuer, year, publication date and prose are read
//! from, and what every cell's line and byte range refer to; the tables' rows are placed by the
//! text reader's assembler, as the HTML reader's are; each placed cell then gets the page and
//! box it was read from.

use std::collections::HashMap;

use crate::cell::PageArea;
use crate::error::ReadError;
use crate::finding::{Location, Rule};
use crate::place::assemble::{self, Found};
use crate::place::grid::{self, Budget};
use crate::read::{Reading, Spanned};
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
    let mut budget = Budget::default();
    for block in &doc.blocks {
        match block {
            Block::Line(l) => t.push_line(&l.text),
            Block::Table(table) => {
                let g = grid(table, &mut t, &mut budget).map_err(|full| {
                    let location = format!("page {}", table.cells.first().map_or(0, |c| c.page));
                    match full {
                        grid::GridFull::SpannedText => ReadError::TooMany {
                            location,
                            what: "bytes of cell text repeated into the rows a merged cell \
                                   reaches (all tables together)",
                            limit: grid::MAX_SPANNED_TEXT,
                        },
                        _ => ReadError::TooMany {
                            location,
                            what: "grid positions (cells expanded by their merges, all tables \
                                   together)",
                            limit: grid::MAX_GRID,
                        },
                    }
                })?;
                if let Some(f) = crate::place::found(&g) {
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
    reading.text = Some(t.text);
    Ok(reading)
}

/// Writes a table's rows into the text (each row's own cells, separated by tabs) and returns
/// it as the grid the placement engine reads ([`crate::place::grid`]), each cell's text spanned
/// in that text; the limit passed when the grid would pass its budget.
fn grid(table: &Table, t: &mut Text, budget: &mut Budget) -> Result<grid::Table, grid::GridFull> {
    let merged = merge_blank_labels(table);
    let table = &merged;
    let mut out = grid::Table::with_rows(table.rows);
    let mut lines: Vec<String> = vec![String::new(); table.rows];
    let first_line = t.line;
    let first_byte = t.text.len();
    // Each row's line, and where each cell's text starts in it.
    let mut at: Vec<(usize, usize)> = Vec::with_capacity(table.cells.len());
    for c in &table.cells {
        let Some(line) = lines.get_mut(c.row) else {
            at.push((0, 0));
            continue;
        };
        if !line.is_empty() {
            line.push('\t');
        }
        at.push((c.row, line.len()));
        line.push_str(&c.text);
    }
    let mut starts = Vec::with_capacity(lines.len());
    for line in &lines {
        starts.push(t.text.len());
        t.push_line(line);
    }
    for (c, (row, offset)) in table.cells.iter().zip(at) {
        let from = starts
            .get(row)
            .copied()
            .unwrap_or(first_byte)
            .saturating_add(offset);
        let to = from.saturating_add(c.text.len());
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
        let text = Spanned {
            text: c.text.clone(),
            line: first_line.saturating_add(row),
            bytes: from..to,
        };
        out.push_cell(c.row, text, c.rowspan, c.colspan, budget)?;
    }
    Ok(out)
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
    reading.note(
        Rule::ReadRepaired,
        Location::table("source"),
        None,
        "PDF 中没有带框线的报告表格：按字形的位置把各页排成文本，按列的位置读表格".to_owned(),
    );
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
    reading.text = Some(text);
    Ok(reading)
}

/// A blank cell left of the column where the table's numbers start, beside a label cell of the
/// same rows, is part of that label (a single （六）其他处理 row leaves its second label column
/// empty behind a ruled line): merged into it, so that the blank is not taken for a value.
fn merge_blank_labels(table: &Table) -> Table {
    let mut out = table.clone();
    let Some(start) = table
        .cells
        .iter()
        .filter(|c| {
            let t = c.text.trim();
            !t.is_empty() && crate::place::value::is_value_token(t)
        })
        .map(|c| c.column)
        .min()
    else {
        return out;
    };
    let mut keep = vec![true; out.cells.len()];
    for i in 1..out.cells.len() {
        let (Some(prev), Some(c)) = (out.cells.get(i.saturating_sub(1)), out.cells.get(i)) else {
            continue;
        };
        let blank = c.text.trim().is_empty();
        let beside = prev.row == c.row
            && prev.rowspan == c.rowspan
            && prev.column.saturating_add(prev.colspan) == c.column
            && !prev.text.trim().is_empty()
            && keep.get(i.saturating_sub(1)).copied().unwrap_or(false);
        if blank && beside && c.column.saturating_add(c.colspan) <= start {
            let add = c.colspan;
            let right = c.area[2];
            if let Some(p) = out.cells.get_mut(i.saturating_sub(1)) {
                p.colspan = p.colspan.saturating_add(add);
                p.area[2] = right;
            }
            if let Some(k) = keep.get_mut(i) {
                *k = false;
            }
        }
    }
    let mut k = keep.into_iter();
    out.cells.retain(|_| k.next().unwrap_or(true));
    out
}
