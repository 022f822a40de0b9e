//! Markdown (GitHub-flavoured): the title as `#`, the sections as `##`, each table as a pipe
//! table on its full grid. Pipe tables cannot merge cells: the first header row of the official
//! table is the Markdown header, the other header rows follow as the first body rows, and a
//! merged cell's text stands at its top-left position with the positions it covers left empty.

use core::fmt::{self, Write};

use super::TextGrid;
use super::layout::{self, Block};
use crate::error::WriteError;
use crate::report::Report;

/// Renders a report as Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkdownRenderer {
    /// Whether to include the prose of sections 一, 五 and 六 (the headings stay).
    pub prose: bool,
    /// Whether to start with the title as a level-1 heading.
    pub title: bool,
}

impl Default for MarkdownRenderer {
    fn default() -> Self {
        MarkdownRenderer {
            prose: true,
            title: true,
        }
    }
}

impl MarkdownRenderer {
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
            writeln!(out, "# {}", escape(&layout::title(report)))?;
            if let Some(line) = layout::published(report) {
                writeln!(out, "\n{}", escape(&line))?;
            }
        }
        for block in layout::blocks(report) {
            match block {
                Block::Heading(_, heading) => {
                    gap(out)?;
                    writeln!(out, "## {heading}")?;
                }
                Block::Prose(text) => {
                    if self.prose {
                        for paragraph in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                            gap(out)?;
                            writeln!(out, "{}", escape_line(paragraph))?;
                        }
                    }
                }
                Block::Table(table) => {
                    if let Some(caption) = table.caption {
                        gap(out)?;
                        writeln!(out, "**{caption}**")?;
                    }
                    gap(out)?;
                    write_table(&TextGrid::new(report, &table), out)?;
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

/// Writes `report` as Markdown with the default settings to `out`, an [`std::io::Write`].
///
/// # Errors
///
/// [`WriteError::Io`] when `out` fails.
pub fn write(report: &Report, out: impl std::io::Write) -> Result<(), WriteError> {
    MarkdownRenderer::default().write(report, out)
}

/// Renders `report` as Markdown with the default settings.
pub fn to_string(report: &Report) -> String {
    MarkdownRenderer::default().to_string(report)
}

fn write_table(grid: &TextGrid, out: &mut impl Write) -> fmt::Result {
    for (i, line) in grid.rows.iter().enumerate() {
        out.write_char('|')?;
        for slot in line {
            match slot {
                Some((text, _)) => write!(out, " {} |", escape(text))?,
                None => out.write_str("  |")?,
            }
        }
        out.write_char('\n')?;
        if i == 0 {
            out.write_char('|')?;
            for _ in line {
                out.write_str(" --- |")?;
            }
            out.write_char('\n')?;
        }
    }
    Ok(())
}

/// Escapes the ASCII punctuation Markdown gives a meaning to inside a line.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~' | '&'
        ) {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// Escapes a line of prose, including a start that would open a list, quote or heading.
fn escape_line(line: &str) -> String {
    let escaped = escape(line);
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    let list = escaped.starts_with(['-', '+', '='])
        || (digits > 0
            && escaped
                .get(digits..)
                .is_some_and(|r| r.starts_with(['.', ')'])));
    if list {
        let split = if digits > 0 { digits } else { 0 };
        let (head, tail) = escaped.split_at_checked(split).unwrap_or((&escaped, ""));
        if digits > 0 {
            format!("{head}\\{tail}")
        } else {
            format!("\\{escaped}")
        }
    } else {
        escaped
    }
}
