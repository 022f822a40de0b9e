//! Reading reports published as web pages: a whole government page or a fragment of one, or the
//! HTML held inside a JavaScript string, in UTF-8 or GBK/GB18030.
//!
//! ```
//! let page = "<html><head><title>某县某局2024年政府信息公开工作年度报告</title></head><body>\
//!     <p>发布日期：2025-01-20</p>\
//!     <table><tr><td>一、本年新收政府信息公开申请数量</td>\
//!     <td>3</td><td>1</td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td><td>4</td></tr></table>\
//!     </body></html>";
//! let reading = zfxxgk::html::read_str(page)?;
//! assert_eq!(reading.report.issuer.as_str(), "某县某局");
//! assert_eq!(reading.report.year, 2024);
//! # Ok::<(), zfxxgk::ReadError>(())
//! ```
//!
//! What the reader does, in order, and which of it it reports:
//!
//! 1. **Size.** Input larger than [`DEFAULT_LIMIT`] (or [`Options::limit`]) is refused with
//!    [`ReadError::TooLarge`].
//! 2. **Decoding** ([`decode`]): a byte-order mark; else a `charset` declared in the first
//!    [`SNIFF_LEN`] bytes (`<meta charset="gbk">`, `content="text/html; charset=gb2312"`); else
//!    UTF-8 if the bytes are valid UTF-8; else GB18030 (which covers GBK and GB2312). Anything
//!    but plain UTF-8 is reported (`read.repaired`), as is a declared charset the bytes
//!    contradict and any byte sequence that had to be replaced.
//! 3. **Where the HTML is** ([`page`]): input that starts with markup is parsed as HTML; input
//!    that does not (a script, a JSON or JS data file) is searched for a JavaScript string
//!    holding table markup, and its value — escapes `\"`, `\n`, `\uXXXX` resolved, strings
//!    joined with `+` — is parsed instead (reported). A page whose own markup has no table falls
//!    back to such a string in its scripts.
//! 4. **Tables** ([`Table`]): parsed with a standards-conforming HTML parser (html5ever, through
//!    `scraper`), so unclosed tags and garbage are survived as browsers survive them; each
//!    `<table>`'s `rowspan`/`colspan` are expanded into a grid; `&nbsp;` and empty cells are
//!    blank, never 0; each row becomes a [`SourceRow`](crate::read::SourceRow) whose cells
//!    carry the line and byte range of their text in the decoded source (through the
//!    JavaScript string's escapes, where there was one).
//! 5. **Placing**: each table is given to the report table its labels point to, and its rows
//!    are placed by the text reader's assembler ([`crate::text::assemble`]: by label, by
//!    position, by the format's arithmetic; units such as `251000元` stripped and reported;
//!    rows that fit nowhere kept in [`Report::unplaced`](crate::Report::unplaced) and reported).
//! 6. **Issuer, year, publication date, prose** from the page's title and visible text with
//!    [`crate::text::meta::detect`] (title, 发布日期 / 发布时间 / 成文日期).

mod js;
mod place;
mod table;

use scraper::{Html, Node};

pub use table::{MAX_GRID, MAX_SPAN, Table, TableCell, is_value_text};

use crate::error::ReadError;
use crate::finding::{Location, Rule};
use crate::read::Reading;

/// The largest input [`read`] and [`read_str`] accept: 16 MiB. Published report pages are
/// well under 1 MiB; the limit keeps a wrong file from exhausting memory.
pub const DEFAULT_LIMIT: usize = crate::detect::DEFAULT_LIMIT;

/// How many leading bytes are searched for a declared `charset`.
pub const SNIFF_LEN: usize = 4096;

/// Settings of the HTML reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The largest input accepted, in bytes ([`DEFAULT_LIMIT`] by default).
    pub limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limit: DEFAULT_LIMIT,
        }
    }
}

impl Options {
    /// The same options with another size limit.
    #[must_use]
    pub const fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }
}

/// Reads a report from the bytes of a web page or fragment, in any of the encodings [`decode`]
/// knows, with the default [`Options`].
///
/// # Errors
///
/// [`ReadError::TooLarge`] over [`DEFAULT_LIMIT`]; [`ReadError::Field`] when the page names no
/// issuer or year in its title; [`ReadError::NotAReport`] when it has neither a title naming a
/// report nor a table of values. Everything else is reported in [`Reading::findings`].
pub fn read(bytes: &[u8]) -> Result<Reading, ReadError> {
    read_with(bytes, &Options::default())
}

/// [`read`] with explicit [`Options`].
///
/// # Errors
///
/// As [`read`], with `options.limit` as the limit.
pub fn read_with(bytes: &[u8], options: &Options) -> Result<Reading, ReadError> {
    check_size(bytes.len(), options.limit)?;
    let decoded = decode(bytes);
    let mut notes = Vec::new();
    if let Some(message) = decoded.describe() {
        notes.push((message, None, None));
    }
    read_decoded(&decoded.text, notes)
}

/// Reads a report from a page already decoded to text, with the default [`Options`].
///
/// # Errors
///
/// As [`read`].
pub fn read_str(text: &str) -> Result<Reading, ReadError> {
    check_size(text.len(), DEFAULT_LIMIT)?;
    read_decoded(text, Vec::new())
}

fn check_size(size: usize, limit: usize) -> Result<(), ReadError> {
    if size > limit {
        Err(ReadError::TooLarge { limit, size })
    } else {
        Ok(())
    }
}

/// A reader's note before the report exists: message, line, byte range.
type Note = (String, Option<usize>, Option<core::ops::Range<usize>>);

fn read_decoded(text: &str, mut notes: Vec<Note>) -> Result<Reading, ReadError> {
    let page = page(text);
    if let Some(at) = page.over_grid {
        return Err(ReadError::TooMany {
            location: format!("table {}", at.saturating_add(1)),
            what: "grid positions (cells expanded by rowspan and colspan, all tables together)",
            limit: MAX_GRID,
        });
    }
    if let Some(script) = &page.script {
        notes.push((
            format!(
                "第 {} 行：报告的 HTML 在 JavaScript 字符串中，已还原 {} 处转义后读取",
                script.line, script.escapes
            ),
            Some(script.line),
            Some(script.bytes.clone()),
        ));
    }
    let mut reading = place::assemble(&page)?;
    // The decoding and unescaping notes come first, as they came first in the reading.
    let placed = reading.findings.len();
    for (message, line, bytes) in notes {
        let location = Location {
            bytes,
            ..Location::table("source")
        };
        reading.note(Rule::ReadRepaired, location, line, message);
    }
    reading.findings.rotate_left(placed);
    Ok(reading)
}

/// How [`decode`] chose the encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodedBy {
    /// A byte-order mark.
    Bom,
    /// A `charset` declared in the page.
    Declared,
    /// The bytes are valid UTF-8 and nothing said otherwise.
    Utf8,
    /// Not valid UTF-8, nothing declared (or the declaration was wrong): decoded as GB18030.
    Trial,
}

/// Text decoded from bytes, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used (`UTF-8`, `GBK`, `gb18030`, …, as the WHATWG Encoding Standard names
    /// it).
    pub encoding: &'static str,
    /// How it was chosen.
    pub by: DecodedBy,
    /// The charset the page declared, when it declared one and it was not used.
    pub declared_unused: Option<&'static str>,
    /// Whether some bytes were not valid in the encoding and were replaced with U+FFFD.
    pub malformed: bool,
}

impl Decoded {
    /// What a reader reports about the decoding, when there is something to report.
    fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        match self.by {
            DecodedBy::Utf8 => {}
            DecodedBy::Bom => parts.push(format!("按字节顺序标记以 {} 解码", self.encoding)),
            DecodedBy::Declared => {
                parts.push(format!("按页面声明的字符集以 {} 解码", self.encoding))
            }
            DecodedBy::Trial => parts.push(format!(
                "页面未声明字符集且不是有效的 UTF-8，试以 {} 解码",
                self.encoding
            )),
        }
        if let Some(d) = self.declared_unused {
            parts.push(format!("页面声明的字符集 {d} 与内容不符，未采用"));
        }
        if self.malformed {
            parts.push("有无法解码的字节，已替换为 U+FFFD".to_owned());
        }
        (!parts.is_empty()).then(|| parts.join("；"))
    }
}

/// Decodes the bytes of a page: a byte-order mark; else a `charset` declared in the first
/// [`SNIFF_LEN`] bytes; else UTF-8 when valid; else GB18030 (a superset of GBK and GB2312).
/// A declared charset that leaves malformed bytes where GB18030 or UTF-8 leaves none is
/// overruled.
pub fn decode(bytes: &[u8]) -> Decoded {
    use encoding_rs::{Encoding, GB18030, UTF_8};

    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, malformed) = enc.decode_without_bom_handling(body);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            by: DecodedBy::Bom,
            declared_unused: None,
            malformed,
        };
    }
    let declared = declared_charset(bytes.get(..SNIFF_LEN.min(bytes.len())).unwrap_or(bytes));
    let utf8 = core::str::from_utf8(bytes).ok();
    if let Some(enc) = declared {
        let (text, malformed) = enc.decode_without_bom_handling(bytes);
        if !malformed {
            return Decoded {
                text: text.into_owned(),
                encoding: enc.name(),
                by: DecodedBy::Declared,
                declared_unused: None,
                malformed,
            };
        }
    }
    let unused = declared.filter(|&e| e != UTF_8).map(Encoding::name);
    if let Some(text) = utf8 {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            by: DecodedBy::Utf8,
            declared_unused: unused,
            malformed: false,
        };
    }
    let (text, malformed) = GB18030.decode_without_bom_handling(bytes);
    if !malformed {
        return Decoded {
            text: text.into_owned(),
            encoding: GB18030.name(),
            by: DecodedBy::Trial,
            declared_unused: declared.filter(|&e| e != GB18030).map(Encoding::name),
            malformed,
        };
    }
    let enc = declared.unwrap_or(UTF_8);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        by: if declared.is_some() {
            DecodedBy::Declared
        } else {
            DecodedBy::Utf8
        },
        declared_unused: None,
        malformed: true,
    }
}

/// The encoding a page declares with `charset=…` in its head, if it names one encoding_rs
/// knows. UTF-16 declarations are read as UTF-8, as browsers do.
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0usize;
    while let Some(p) = lower
        .get(from..)
        .and_then(|h| h.windows(7).position(|w| w == b"charset"))
    {
        let mut i = from.saturating_add(p).saturating_add(7);
        while lower
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'=' | b'"' | b'\''))
        {
            i = i.saturating_add(1);
        }
        let start = i;
        while lower
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
        {
            i = i.saturating_add(1);
        }
        if let Some(enc) = lower
            .get(start..i)
            .and_then(encoding_rs::Encoding::for_label_no_replacement)
        {
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                },
            );
        }
        from = i.max(from.saturating_add(1));
    }
    None
}

/// Where the HTML of a page came from a JavaScript string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    /// 1-based line of the source where the string starts.
    pub line: usize,
    /// Byte range of the string (quotes included) in the source.
    pub bytes: core::ops::Range<usize>,
    /// How many escape sequences were resolved.
    pub escapes: usize,
}

/// A page as the reader sees it: its title, its visible text and its tables.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    /// The `<title>`, if any, trimmed.
    pub title: Option<String>,
    /// The visible text: block elements on lines of their own, table cells separated by tabs;
    /// scripts and styles left out.
    pub text: String,
    /// The tables, outermost first, in the order of the page.
    pub tables: Vec<Table>,
    /// Where the HTML was a JavaScript string, that string.
    pub script: Option<Script>,
    /// When the tables' spans expanded past [`MAX_GRID`] grid positions, the 0-based index of
    /// the table where that happened; the tables from it on are left out and the reader
    /// refuses the page ([`ReadError::TooMany`]).
    pub over_grid: Option<usize>,
}

/// Parses decoded text into a [`Page`]: as HTML where it starts with markup, else (or where the
/// markup has no table) the JavaScript string in it that holds table markup. Cell positions
/// refer to `text`.
pub fn page(text: &str) -> Page {
    let starts_with_markup = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with('<');
    if starts_with_markup {
        let page = parse(text, &table::Plain::new(text));
        if !page.tables.is_empty() || page.over_grid.is_some() {
            return page;
        }
        return from_script(text).unwrap_or(page);
    }
    from_script(text).unwrap_or_else(|| parse(text, &table::Plain::new(text)))
}

fn from_script(text: &str) -> Option<Page> {
    let u = js::find_html_string(text)?;
    let locate = Unescaping {
        lines: table::Lines::new(text),
        unescaped: &u,
    };
    let mut page = parse(&u.text, &locate);
    page.script = Some(Script {
        line: locate.lines.line_of(u.span.start),
        bytes: u.span.clone(),
        escapes: u.escapes,
    });
    Some(page)
}

struct Unescaping<'a> {
    lines: table::Lines,
    unescaped: &'a js::Unescaped,
}

impl table::Locate for Unescaping<'_> {
    fn spanned(&self, text: String, range: core::ops::Range<usize>) -> crate::read::Spanned {
        let start = self.unescaped.source_offset(range.start);
        let end = if range.is_empty() {
            start
        } else {
            self.unescaped
                .source_offset(range.end.saturating_sub(1))
                .saturating_add(1)
        };
        crate::read::Spanned {
            text,
            line: self.lines.line_of(start),
            bytes: start..end.max(start),
        }
    }
}

fn parse(html: &str, locate: &dyn table::Locate) -> Page {
    let doc = Html::parse_document(html);
    let mut page = Page::default();
    match table::tables(&doc, html, locate) {
        Ok(tables) => page.tables = tables,
        Err(at) => page.over_grid = Some(at),
    }
    let mut skip_until: Option<ego_tree::NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skip_until.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(e) => match e.name() {
                        "script" | "style" | "noscript" | "template" => {
                            skip_until = Some(node.id());
                        }
                        "title" => {
                            let t: String = node
                                .descendants()
                                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                                .collect();
                            if page.title.is_none() && !t.trim().is_empty() {
                                page.title = Some(t.trim().to_owned());
                            }
                            skip_until = Some(node.id());
                        }
                        "td" | "th" => page.text.push('\t'),
                        "p" | "div" | "br" | "tr" | "table" | "li" | "h1" | "h2" | "h3" | "h4"
                        | "h5" | "h6" | "section" | "article" | "header" | "footer" => {
                            page.text.push('\n');
                        }
                        _ => {}
                    },
                    Node::Text(t) => page.text.push_str(&t.replace('\u{a0}', " ")),
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skip_until == Some(node.id()) {
                    skip_until = None;
                }
            }
        }
    }
    page
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]
mod tests {
    use super::*;

    #[test]
    fn charset_declarations() {
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
            ),
            Some(encoding_rs::GBK)
        );
        assert_eq!(
            declared_charset(b"<meta charset='UTF-8'>"),
            Some(encoding_rs::UTF_8)
        );
        assert_eq!(declared_charset(b"<p>charset</p>"), None);
    }

    #[test]
    fn decoding_is_reported_unless_plain_utf8() {
        let d = decode("<p>报告</p>".as_bytes());
        assert_eq!(
            (d.encoding, d.by, d.describe()),
            ("UTF-8", DecodedBy::Utf8, None)
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>年度报告</p>");
        let d = decode(&gbk);
        assert_eq!(d.text, "<p>年度报告</p>");
        assert_eq!(d.by, DecodedBy::Trial);
        assert!(d.describe().unwrap().contains("gb18030"));
    }
}
