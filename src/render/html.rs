//! HTML: a self-contained, printable page (or a fragment to embed) with no external resources.
//!
//! Each table has a `<thead>` with the official header rows and merges cells with `rowspan` and
//! `colspan` exactly where the official table does; each table of section 二 has a `<caption>`
//! naming its Art. 20 item, the tables of sections 三 and 四 are labelled by their section
//! heading. Row labels are `<th scope="row">`; every data cell carries its canonical address in
//! `data-cell` (`applications/received/natural_person`), so the page is also machine-readable.

use core::fmt::{self, Write};

use super::layout::{self, Block, Content, Span, Table};
use crate::cell::Entry;
use crate::error::WriteError;
use crate::report::Report;

/// The inline style sheet: readable on screen, black on white in print.
pub const STYLE: &str = "\
.zfxxgk{font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",\"Songti SC\",SimSun,serif;\
max-width:64rem;margin:1rem auto;padding:0 1rem;line-height:1.6;color:#000;background:#fff}
.zfxxgk h1{font-size:1.5rem;text-align:center;margin:1rem 0}
.zfxxgk h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.zfxxgk p{text-indent:2em;margin:.25rem 0}
.zfxxgk table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
.zfxxgk caption{text-align:left;font-weight:bold;padding:.25rem 0}
.zfxxgk th,.zfxxgk td{border:1px solid #000;padding:.2rem .4rem;vertical-align:middle}
.zfxxgk th{font-weight:normal;background:#f3f3f3}
.zfxxgk thead th,.zfxxgk thead td{text-align:center}
.zfxxgk tbody th{text-align:left}
.zfxxgk td{text-align:right;font-variant-numeric:tabular-nums;min-width:2.5em}
.zfxxgk td.note{font-size:.8rem;text-align:left}
@media print{.zfxxgk{max-width:none;margin:0;padding:0}.zfxxgk th{background:none}\
.zfxxgk tr{break-inside:avoid}.zfxxgk h2{break-after:avoid}}
";

/// Renders a report as HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HtmlRenderer {
    /// Whether to write a whole page (`<!DOCTYPE html>` … `</html>`) rather than a fragment
    /// (an `<article>`).
    pub page: bool,
    /// Whether to include the inline style sheet ([`STYLE`]).
    pub style: bool,
    /// Whether to include the prose of sections 一, 五 and 六 (the headings stay).
    pub prose: bool,
    /// Whether to start with the title as `<h1>`.
    pub title: bool,
}

impl Default for HtmlRenderer {
    fn default() -> Self {
        HtmlRenderer {
            page: true,
            style: true,
            prose: true,
            title: true,
        }
    }
}

impl HtmlRenderer {
    /// Writes `report` to `out`.
    ///
    /// # Errors
    ///
    /// [`fmt::Error`] when `out` fails.
    pub fn render(&self, report: &Report, out: &mut impl Write) -> fmt::Result {
        let title = layout::title(report);
        if self.page {
            out.write_str(
                "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
            )?;
            out.write_str(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            )?;
            writeln!(out, "<title>{}</title>", Escape(&title))?;
            if self.style {
                write!(out, "<style>\n{STYLE}</style>\n")?;
            }
            out.write_str("</head>\n<body>\n")?;
        } else if self.style {
            write!(out, "<style>\n{STYLE}</style>\n")?;
        }
        out.write_str("<article class=\"zfxxgk\" lang=\"zh-CN\">\n")?;
        if self.title {
            writeln!(out, "<h1>{}</h1>", Escape(&title))?;
            if let Some(line) = layout::published(report) {
                writeln!(out, "<p class=\"published\">{}</p>", Escape(&line))?;
            }
        }
        let mut open = false;
        let mut section = 0usize;
        for block in layout::blocks(report) {
            match block {
                Block::Heading(i, heading) => {
                    if open {
                        out.write_str("</section>\n")?;
                    }
                    section = i.saturating_add(1);
                    writeln!(
                        out,
                        "<section aria-labelledby=\"zfxxgk-s{section}\">\n<h2 id=\"zfxxgk-s{section}\">{}</h2>",
                        Escape(heading)
                    )?;
                    open = true;
                }
                Block::Prose(text) => {
                    if self.prose {
                        for paragraph in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                            writeln!(out, "<p>{}</p>", Escape(paragraph))?;
                        }
                    }
                }
                Block::Table(table) => write_table(report, &table, section, out)?,
            }
        }
        if open {
            out.write_str("</section>\n")?;
        }
        out.write_str("</article>\n")?;
        if self.page {
            out.write_str("</body>\n</html>\n")?;
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

/// Writes `report` as a whole HTML page with the default settings to `out`, an [`std::io::Write`].
///
/// # Errors
///
/// [`WriteError::Io`] when `out` fails.
pub fn write(report: &Report, out: impl std::io::Write) -> Result<(), WriteError> {
    HtmlRenderer::default().write(report, out)
}

/// Renders `report` as a whole HTML page with the default settings.
pub fn to_string(report: &Report) -> String {
    HtmlRenderer::default().to_string(report)
}

fn write_table(
    report: &Report,
    table: &Table,
    section: usize,
    out: &mut impl Write,
) -> fmt::Result {
    match table.caption {
        Some(caption) => writeln!(
            out,
            "<table data-table=\"{}\">\n<caption>{}</caption>",
            table.key.key(),
            Escape(caption)
        )?,
        None => writeln!(
            out,
            "<table data-table=\"{}\" aria-labelledby=\"zfxxgk-s{section}\">",
            table.key.key()
        )?,
    }
    out.write_str("<thead>\n")?;
    for row in &table.head {
        write_row(report, row, true, out)?;
    }
    out.write_str("</thead>\n<tbody>\n")?;
    for row in &table.body {
        write_row(report, row, false, out)?;
    }
    out.write_str("</tbody>\n</table>\n")
}

fn write_row(report: &Report, row: &[Span], head: bool, out: &mut impl Write) -> fmt::Result {
    out.write_str("<tr>")?;
    for span in row {
        let spans = Spans(span);
        match span.content {
            Content::Label(text) if head && text == crate::catalogue::APPLICATIONS_NOTE => {
                write!(out, "<td class=\"note\"{spans}>{}</td>", Escape(text))?;
            }
            Content::Label(text) => {
                let scope = match (head, span.cols > 1, span.rows > 1) {
                    (true, true, _) => "colgroup",
                    (true, false, _) => "col",
                    (false, _, true) => "rowgroup",
                    (false, _, false) => "row",
                };
                write!(out, "<th scope=\"{scope}\"{spans}>{}</th>", Escape(text))?;
            }
            Content::Data(address) => {
                let cell = report.cell(address);
                let class = match cell.map(|c| &c.entry) {
                    Some(Entry::Marked(_)) => " class=\"mark\"",
                    Some(Entry::Invalid(_)) => " class=\"invalid\"",
                    _ => "",
                };
                write!(
                    out,
                    "<td data-cell=\"{address}\"{class}{spans}>{}</td>",
                    Escape(&layout::text(report, span.content))
                )?;
            }
        }
    }
    out.write_str("</tr>\n")
}

/// The `rowspan` and `colspan` attributes of a span, where it spans more than one.
struct Spans<'a>(&'a Span);

impl fmt::Display for Spans<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.rows > 1 {
            write!(f, " rowspan=\"{}\"", self.0.rows)?;
        }
        if self.0.cols > 1 {
            write!(f, " colspan=\"{}\"", self.0.cols)?;
        }
        Ok(())
    }
}

/// Text escaped for HTML content and attribute values.
pub struct Escape<'a>(pub &'a str);

impl fmt::Display for Escape<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            let Some((head, tail)) = rest.split_at_checked(i) else {
                break;
            };
            f.write_str(head)?;
            let mut chars = tail.chars();
            let entity = match chars.next() {
                Some('&') => "&amp;",
                Some('<') => "&lt;",
                Some('>') => "&gt;",
                Some('"') => "&quot;",
                _ => "&#39;",
            };
            f.write_str(entity)?;
            rest = chars.as_str();
        }
        f.write_str(rest)
    }
}
