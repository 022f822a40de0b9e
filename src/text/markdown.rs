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
    // The indent of a layout line is ASCII white space, passed over as bytes; white space of
    // other kinds (U+3000 …) is left to `trim_start`.
    let rest = crate::chars::after_ascii_indent(line);
    match rest.as_bytes().first() {
        Some(b'|') => true,
        Some(&b) if crate::chars::may_start_other_space(b) => rest.trim_start().starts_with('|'),
        _ => false,
    }
}

/// The rows of one Markdown table: consecutive table lines, each with the byte it starts at.
///
/// The values start right of the last column that holds a row label (text that is neither a
/// number nor a column header such as 自然人 or 结果维持) in any line of the table. In a data
/// line — numbers, marks or blanks from that column on, and none before it — the labels are
/// the non-blank cells left of that column and the values are all the cells from it on, blank
/// ones included, so a blank keeps its place. Other lines are read by [`row`].
pub fn rows(src: &Source<'_>, lines: &[(usize, &str)]) -> Vec<SourceRow> {
    // Each line once: its cells, their trimmed texts, and whether one is a column header.
    let parsed: Vec<Parsed<'_>> = lines
        .iter()
        .filter(|(_, l)| !is_separator(l))
        .map(|&(start, line)| {
            let cells = cells(line);
            let texts: Vec<&str> = cells
                .iter()
                .map(|r| {
                    let cell = line.get(r.clone()).unwrap_or("");
                    crate::place::work::tick(cell.len());
                    cell.trim()
                })
                .collect();
            let header = texts.iter().any(|t| is_column_header(t));
            Parsed {
                start,
                line,
                cells,
                texts,
                header,
            }
        })
        .collect();
    // Where the values start: right of the last column that holds a row label in any row that
    // is not a header row.
    let value_start = parsed
        .iter()
        .filter(|p| !p.header)
        .map(|p| {
            p.texts
                .iter()
                .rposition(|t| !t.is_empty() && !is_value_token(t))
                .map_or(0, |i| i.saturating_add(1))
        })
        .max();
    let mut out = Vec::new();
    for p in &parsed {
        let (start, line, cells) = (p.start, p.line, &p.cells);
        let Some(first) = value_start else {
            out.extend(row(src, start, line));
            continue;
        };
        let tail_ok = p
            .texts
            .iter()
            .skip(first)
            .all(|t| t.is_empty() || is_value_token(t))
            && !p.texts.iter().take(first).any(|t| is_value_token(t))
            && !p.header;
        let any_text = p.texts.iter().any(|t| !t.is_empty());
        if !tail_ok || !any_text || cells.len() <= first {
            out.extend(row(src, start, line));
            continue;
        }
        let labels = cells
            .get(..first)
            .unwrap_or(&[])
            .iter()
            .filter_map(|r| spanned(src, start, line, r))
            .filter(|s| !s.text.is_empty())
            .collect();
        let values = cells
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .filter_map(|r| spanned(src, start, line, r))
            .collect();
        out.push(SourceRow { labels, values });
    }
    out
}

/// One line of a table, read once by [`rows`].
struct Parsed<'a> {
    start: usize,
    line: &'a str,
    cells: Vec<Range<usize>>,
    /// The trimmed text of each cell.
    texts: Vec<&'a str>,
    /// Whether a cell is a column header ([`is_column_header`]).
    header: bool,
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
    fn table_lines_as_trim_start_tells() {
        for line in [
            "",
            "|",
            " | a |",
            "\t\t|",
            "\u{3000}|",
            "\u{a0} \u{2003}|",
            "\u{3000}本|",
            "a|",
            "  - 4 -",
            "\u{0B}|",
            "\r|",
            "\u{200B}|",
            "｜",
            "本年 | 1",
        ] {
            assert_eq!(
                is_table_line(line),
                line.trim_start().starts_with('|'),
                "{line:?}"
            );
        }
    }

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
