//! Rows of Markdown tables made from PDFs: `| label | 1 | 0 | … |`. Separator lines are skipped;
//! leading cells that are not values are the row's labels. Converters drop a cell whose text
//! wrapped in the PDF and print it as loose lines before the table: those rows come without a
//! label, and the assembler places them by position.

use core::ops::Range;

use crate::read::{SourceRow, Spanned};
use crate::text::lines::{Source, is_value_token};

/// Whether `line` is a Markdown table line.
pub fn is_table_line(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// The row of one Markdown table line starting at byte `start`, or `None` for a separator
/// line or a line without values.
pub fn row(src: &Source<'_>, start: usize, line: &str) -> Option<SourceRow> {
    let trimmed = line.trim();
    if trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
        return None;
    }
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
    let spanned = |r: &Range<usize>| -> Option<Spanned> {
        let text = line.get(r.clone())?;
        let lead = text.len().saturating_sub(text.trim_start().len());
        let t = text.trim();
        let s = start.checked_add(r.start)?.checked_add(lead)?;
        src.spanned(s..s.checked_add(t.len())?)
    };
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
