//! Rows of Markdown tables made from PDFs: `| label | 1 | 0 | … |`. Separator lines are skipped;
//! leading cells that are not values are the row's labels. Converters drop a cell whose text
//! wrapped in the PDF and print it as loose lines before the table: those rows come without a
//! label, and the assembler places them by position.

use core::ops::Range;

use crate::labels::is_column_header;
use crate::read::{SourceRow, Spanned};
use crate::text::lines::{Source, is_value_token};

/// Whether `line` is a Markdown table line.
pub fn is_table_line(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// The rows of one Markdown table: consecutive table lines, each with the byte it starts at.
///
/// The values start right of the last column that holds a row label (text that is neither a
/// number nor a column header such as 自然人 or 结果维持) in any line of the table. In a data
/// line — numbers, marks or blanks from that column on, and none before it — the labels are
/// the non-blank cells left of that column and the values are all the cells from it on, blank
/// ones included, so a blank keeps its place. Other lines are read by [`row`].
pub fn rows(src: &Source<'_>, lines: &[(usize, &str)]) -> Vec<SourceRow> {
    let parsed: Vec<(usize, &str, Vec<Range<usize>>)> = lines
        .iter()
        .filter(|(_, l)| !is_separator(l))
        .map(|&(start, line)| (start, line, cells(line)))
        .collect();
    let text = |line: &str, r: &Range<usize>| {
        let cell = line.get(r.clone()).unwrap_or("");
        crate::place::work::tick(cell.len());
        cell.trim().to_owned()
    };
    // Where the values start: right of the last column that holds a row label in any row that
    // is not a header row.
    let value_start = parsed
        .iter()
        .filter(|(_, line, cells)| !cells.iter().any(|r| is_column_header(&text(line, r))))
        .map(|(_, line, cells)| {
            cells
                .iter()
                .rposition(|r| {
                    let t = text(line, r);
                    !t.is_empty() && !is_value_token(&t)
                })
                .map_or(0, |i| i.saturating_add(1))
        })
        .max();
    let mut out = Vec::new();
    for (start, line, cells) in &parsed {
        let Some(first) = value_start else {
            out.extend(row(src, *start, line));
            continue;
        };
        let tail_ok = cells.iter().skip(first).all(|r| {
            let t = text(line, r);
            t.is_empty() || is_value_token(&t)
        }) && !cells
            .iter()
            .take(first)
            .any(|r| is_value_token(&text(line, r)))
            && !cells.iter().any(|r| is_column_header(&text(line, r)));
        let any_text = cells.iter().any(|r| !text(line, r).is_empty());
        if !tail_ok || !any_text || cells.len() <= first {
            out.extend(row(src, *start, line));
            continue;
        }
        let labels = cells
            .get(..first)
            .unwrap_or(&[])
            .iter()
            .filter_map(|r| spanned(src, *start, line, r))
            .filter(|s| !s.text.is_empty())
            .collect();
        let values = cells
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .filter_map(|r| spanned(src, *start, line, r))
            .collect();
        out.push(SourceRow { labels, values });
    }
    out
}

fn is_separator(line: &str) -> bool {
    crate::place::work::tick(line.len());
    line.trim()
        .chars()
        .all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The byte ranges of the cells of a table line, between its `|`s.
fn cells(line: &str) -> Vec<Range<usize>> {
    crate::place::work::tick(line.len());
    let mut cells: Vec<Range<usize>> = Vec::new();
    let mut cell_start: Option<usize> = None;
    for (i, c) in line.char_indices() {
        if c == '|' {
            if let Some(s) = cell_start {
                cells.push(s..i);
            }
            cell_start = Some(i.saturating_add(1));
        }
    }
    cells
}

/// The trimmed text of the cell at `r` of the line starting at byte `start`, with its place.
fn spanned(src: &Source<'_>, start: usize, line: &str, r: &Range<usize>) -> Option<Spanned> {
    let text = line.get(r.clone())?;
    let lead = text.len().saturating_sub(text.trim_start().len());
    let t = text.trim();
    let s = start.checked_add(r.start)?.checked_add(lead)?;
    src.spanned(s..s.checked_add(t.len())?)
}

/// The row of one Markdown table line starting at byte `start`, or `None` for a separator
/// line or a line without values.
pub fn row(src: &Source<'_>, start: usize, line: &str) -> Option<SourceRow> {
    if is_separator(line) {
        return None;
    }
    let cells = cells(line);
    let spanned = |r: &Range<usize>| spanned(src, start, line, r);
    let texts: Vec<&str> = cells
        .iter()
        .map(|r| line.get(r.clone()).unwrap_or("").trim())
        .collect();
    let first_value = texts.iter().position(|t| is_value_token(t))?;
    let labels: Vec<Spanned> = cells
        .get(..first_value)
        .unwrap_or(&[])
        .iter()
        .filter_map(&spanned)
        .filter(|s| !s.text.is_empty())
        .collect();
    let values: Vec<Spanned> = cells
        .get(first_value..)
        .unwrap_or(&[])
        .iter()
        .filter_map(&spanned)
        .collect();
    Some(SourceRow { labels, values })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_values_and_separators() {
        let text = "| 3.其他 | 4 | 0 |  |\n|---|---|---|---|\n";
        let src = Source::new(text);
        let r = row(&src, 0, "| 3.其他 | 4 | 0 |  |");
        assert_eq!(
            r.as_ref().map(|r| (r.labels.len(), r.values.len())),
            Some((1, 3))
        );
        assert_eq!(row(&src, 0, "|---|---|---|---|"), None);
    }
}
