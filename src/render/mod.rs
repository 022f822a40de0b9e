//! Renderers of the official layout: plain text ([`text`]), Markdown ([`markdown`]) and HTML
//! ([`html`]).
//!
//! Each renderer is a value with settings and a `Default`; it writes to any [`core::fmt::Write`]
//! (`render`) or [`std::io::Write`] (`write`), and has a `to_string` convenience; each module
//! has `write` and `to_string` functions with the default settings. All of them walk the same document ([`layout`]): the title
//! `{issuer}{year}年政府信息公开工作年度报告`, the six sections under their canonical headings,
//! the prose where the report has it, and each table complete with the official labels of the
//! report's edition. Blank cells render empty; marks and invalid text as written; numbers as
//! numbers, amounts with their decimals.
//!
//! `impl Display for Report` uses the default [`text::TextRenderer`].
//!
//! ```
//! use zfxxgk::{Edition, Report, render};
//!
//! let report = Report::new("某县某局", 2024, Edition::E2021);
//! let text = render::text::to_string(&report);
//! assert!(text.starts_with("某县某局2024年政府信息公开工作年度报告"));
//! assert_eq!(text, report.to_string());
//! let page = render::html::to_string(&report);
//! assert!(page.contains("<table"));
//!
//! // Straight to a file, standard output or any `io::Write`.
//! let mut out = Vec::new();
//! render::markdown::write(&report, &mut out)?;
//! assert!(out.starts_with("# 某县某局".as_bytes()));
//! # Ok::<(), zfxxgk::WriteError>(())
//! ```

use core::fmt;
use std::io;

use crate::error::WriteError;
use crate::report::Report;

pub mod html;
pub mod layout;
pub mod markdown;
pub mod text;

/// A [`fmt::Write`] over an [`io::Write`] (buffered), keeping the I/O error that `fmt::Error`
/// cannot carry.
pub(crate) struct IoAdapter<W: io::Write> {
    inner: io::BufWriter<W>,
    error: Option<io::Error>,
}

impl<W: io::Write> fmt::Write for IoAdapter<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        io::Write::write_all(&mut self.inner, s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

/// Runs `render` into `out`, returning the I/O error when `out` failed.
pub(crate) fn write_io<W: io::Write>(
    out: W,
    render: impl FnOnce(&mut IoAdapter<W>) -> fmt::Result,
) -> Result<(), WriteError> {
    let mut adapter = IoAdapter {
        inner: io::BufWriter::new(out),
        error: None,
    };
    let result = render(&mut adapter);
    if let Some(e) = adapter.error {
        return Err(WriteError::Io(e));
    }
    result?;
    io::Write::flush(&mut adapter.inner)?;
    Ok(())
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        text::TextRenderer::default().render(self, f)
    }
}

/// The width of `s` in a monospaced terminal: East Asian wide and full-width characters count
/// two columns, others one.
pub(crate) fn display_width(s: &str) -> usize {
    // Most texts measured are the white space between the values of a line: ASCII, one column
    // a byte, checked a word at a time.
    if s.is_ascii() {
        return s.len();
    }
    s.chars()
        .map(|c| if is_wide(c) { 2usize } else { 1 })
        .fold(0usize, usize::saturating_add)
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// A table laid out on its full grid as text: each span's text at its top-left position with the
/// number of columns it spans; `None` at the positions a span covers otherwise. Shared by the
/// text and Markdown renderers.
pub(crate) struct TextGrid {
    /// Rows of positions.
    pub rows: Vec<Vec<Option<(String, usize)>>>,
}

impl TextGrid {
    /// Lays `table` out for `report`.
    pub fn new(report: &Report, table: &layout::Table) -> Self {
        let placed = layout::place(table);
        let rows = placed
            .grid
            .iter()
            .map(|line| {
                line.iter()
                    .map(|slot| match slot {
                        Some((span, true)) => Some((layout::text(report, span.content), span.cols)),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        TextGrid { rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_width_counts_wide_characters_twice_with_or_without_ascii() {
        // The definition, one character at a time, against the fast path for ASCII text.
        let by_chars = |s: &str| {
            s.chars()
                .map(|c| if is_wide(c) { 2 } else { 1 })
                .sum::<usize>()
        };
        for s in [
            "",
            " ",
            "   \t  ",
            "12 345",
            "中",
            "中a",
            "a 中 b",
            "（一）",
            "é",
            "𠀀x",
            "ｘ１",
        ] {
            assert_eq!(display_width(s), by_chars(s), "{s:?}");
        }
        assert_eq!(display_width("  12  "), 6);
        assert_eq!(display_width("总计 12"), 7);
    }
}
