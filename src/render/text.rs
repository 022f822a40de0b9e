//! Plain text: the title, the headings, the prose and each table as aligned columns (East Asian
//! characters count two columns), a merged cell's text at its top-left position.

use core::fmt::{self, Write};

use super::layout::{self, Block};
use super::{TextGrid, display_width};
use crate::error::WriteError;
use crate::report::Report;

/// The separator between two columns of a table.
const SEPARATOR: &str = "  ";

/// Renders a report as plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRenderer {
    /// Whether to include the prose of sections 一, 五 and 六 (the headings stay).
    pub prose: bool,
    /// Whether to start with the title line.
    pub title: bool,
}

impl Default for TextRenderer {
    fn default() -> Self {
        TextRenderer {
            prose: true,
            title: true,
        }
    }
}

impl TextRenderer {
    /// Writes `report` to `out`.
    ///
    /// # Errors
    ///
    /// [`fmt::Error`] when `out` fails.
    pub fn render(&self, report: &Report, out: &mut impl Write) -> fmt::Result {
        let mut first = true;
        let mut gap = |out: &mut dyn Write| -> fmt::Result {
            if !first {
                out.write_char('\n')?;
            }
            first = false;
            Ok(())
        };
        if self.title {
            gap(out)?;
            writeln!(out, "{}", layout::title(report))?;
            if let Some(line) = layout::published(report) {
                writeln!(out, "{line}")?;
            }
        }
        for block in layout::blocks(report) {
            match block {
                Block::Heading(_, heading) => {
                    gap(out)?;
                    writeln!(out, "{heading}")?;
                }
                Block::Prose(text) => {
                    if self.prose {
                        gap(out)?;
                        for line in text.lines() {
                            writeln!(out, "{}", line.trim_end())?;
                        }
                    }
                }
                Block::Table(table) => {
                    gap(out)?;
                    if let Some(caption) = table.caption {
                        writeln!(out, "{caption}")?;
                    }
                    write_grid(&TextGrid::new(report, &table), out)?;
                }
            }
        }
        Ok(())
    }

    /// Writes `report` to `out`, an [`std::io::Write`] (a file, standard output, a
    /// `Vec<u8>`), in UTF-8.
    ///
    /// # Errors
    ///
    /// [`WriteError::Io`] when `out` fails.
    pub fn write(&self, report: &Report, out: impl std::io::Write) -> Result<(), WriteError> {
        super::write_io(out, |w| self.render(report, w))
    }

    /// Renders `report` into a string.
    pub fn to_string(&self, report: &Report) -> String {
        let mut s = String::new();
        // Writing into a String cannot fail.
        let _ = self.render(report, &mut s);
        s
    }
}

/// Writes `report` as plain text with the default settings to `out`, an [`std::io::Write`].
///
/// # Errors
///
/// [`WriteError::Io`] when `out` fails.
pub fn write(report: &Report, out: impl std::io::Write) -> Result<(), WriteError> {
    TextRenderer::default().write(report, out)
}

/// Renders `report` as plain text with the default settings.
pub fn to_string(report: &Report) -> String {
    TextRenderer::default().to_string(report)
}

/// The width of each column: the widest single-column text, widened where a spanning text
/// needs more room than its columns give.
fn column_widths(grid: &TextGrid) -> Vec<usize> {
    let width = grid.rows.first().map_or(0, Vec::len);
    let mut widths = vec![0usize; width];
    let mut spanning = Vec::new();
    for line in &grid.rows {
        for (c, slot) in line.iter().enumerate() {
            if let Some((text, cols)) = slot {
                let w = display_width(text);
                if *cols <= 1 {
                    if let Some(slot) = widths.get_mut(c) {
                        *slot = (*slot).max(w);
                    }
                } else {
                    spanning.push((c, *cols, w));
                }
            }
        }
    }
    spanning.sort_by_key(|&(_, cols, _)| cols);
    for (c, cols, w) in spanning {
        let available = span_width(&widths, c, cols);
        if w > available {
            let last = c.saturating_add(cols).saturating_sub(1);
            if let Some(slot) = widths.get_mut(last) {
                *slot = slot.saturating_add(w.saturating_sub(available));
            }
        }
    }
    widths
}

/// The width `cols` columns from `c` give a text, separators included.
fn span_width(widths: &[usize], c: usize, cols: usize) -> usize {
    let sum = widths
        .iter()
        .skip(c)
        .take(cols)
        .fold(0usize, |a, &w| a.saturating_add(w));
    sum.saturating_add(SEPARATOR.len().saturating_mul(cols.saturating_sub(1)))
}

fn write_grid(grid: &TextGrid, out: &mut impl Write) -> fmt::Result {
    let widths = column_widths(grid);
    for line in &grid.rows {
        let mut s = String::new();
        let mut c = 0usize;
        while c < line.len() {
            if c > 0 {
                s.push_str(SEPARATOR);
            }
            match line.get(c) {
                Some(Some((text, cols))) => {
                    let cols = (*cols).max(1);
                    let pad = span_width(&widths, c, cols).saturating_sub(display_width(text));
                    if is_number(text) {
                        s.extend(core::iter::repeat_n(' ', pad));
                        s.push_str(text);
                    } else {
                        s.push_str(text);
                        s.extend(core::iter::repeat_n(' ', pad));
                    }
                    c = c.saturating_add(cols);
                }
                _ => {
                    let w = widths.get(c).copied().unwrap_or(0);
                    s.extend(core::iter::repeat_n(' ', w));
                    c = c.saturating_add(1);
                }
            }
        }
        writeln!(out, "{}", s.trim_end())?;
    }
    Ok(())
}

/// Whether `text` is a number (right-aligned in a column).
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().any(|b| b.is_ascii_digit())
}
