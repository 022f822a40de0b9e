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
//!    `<table>`'s cells, with their `rowspan`/`colspan`, are filled into a grid
//!    ([`crate::place::grid`], shared with the other readers of tables); `&nbsp;` and empty
//!    cells are blank, never 0; each row becomes a [`SourceRow`](crate::read::SourceRow) whose
//!    cells carry the line and byte range of their text in the decoded source (through the
//!    JavaScript string's escapes, where there was one).
//! 5. **Placing** ([`crate::place::read_tables`]): each table is given to the report table its
//!    labels point to, and its rows are placed by the placement engine
//!    ([`crate::place::assemble`]: by label, by position, by the format's arithmetic; units
//!    such as `251000元` stripped and reported; rows that fit nowhere kept in
//!    [`Report::unplaced`](crate::Report::unplaced) and reported).
//! 6. **Issuer, year, publication date, prose** from the page's title and visible text with
//!    [`crate::text::meta::detect`] (title, 发布日期 / 发布时间 / 成文日期).
//!
//! Every step is linear in the size of the input (a binary search by position adds a
//! logarithmic factor): [`read_counting`] counts the work of the reader's own scans, and
//! `tests/linear_html.rs` holds it to 4 × (1 + ε) for 4 × the input of adversarial pages.

mod js;
mod table;

use scraper::{Html, Node};

pub use crate::decode::{Decoded, DecodedBy, SNIFF_LEN, decode};
pub use crate::place::grid::{
    MAX_GRID, MAX_SPAN, MAX_SPANNED_TEXT, Table, TableCell, is_value_text,
};

use crate::error::ReadError;
use crate::finding::{Location, Rule};
use crate::place::grid::GridFull;
use crate::read::Reading;

/// The largest input [`read`] and [`read_str`] accept: 16 MiB. Published report pages are
/// well under 1 MiB; the limit keeps a wrong file from exhausting memory.
pub const DEFAULT_LIMIT: usize = crate::limits::DEFAULT_LIMIT;

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
    read_with_steps(bytes, options, &Steps::default())
}

/// [`read`], with the number of steps the reader's own scans took, for tests that the work
/// grows linearly with the page (`tests/linear_html.rs`).
///
/// What is counted: the bytes decoding may pass over (four passes at most); the bytes of the
/// scans that find the JavaScript string holding the HTML, join and unescape it; the bytes of
/// the scan for cell positions; every node and edge of the walks of the parsed document (text
/// extraction, table and row finding, each cell's text) and the bytes of the text and
/// attributes they read; every grid position a cell's `rowspan` and `colspan` cover and every
/// column passed to reach its place; and, for the placement and its label matching, the size of
/// the rows the tables give it (their labels' and values' text, one step per row and cell).
///
/// What is not counted: the html5ever parse itself (tokenizer and tree builder, through
/// `scraper`; linear by its design, and outside this crate), and the placement engine and
/// metadata detection beyond the size of their input (they have step counts of their own).
pub fn read_counting(bytes: &[u8]) -> (Result<Reading, ReadError>, u64) {
    let steps = Steps::counting_on();
    let result = read_with_steps(bytes, &Options::default(), &steps);
    (result, steps.get())
}

fn read_with_steps(bytes: &[u8], options: &Options, steps: &Steps) -> Result<Reading, ReadError> {
    check_size(bytes.len(), options.limit)?;
    // Decoding: a byte-order mark, or the UTF-8 check, a declared charset's decoder, GB18030,
    // and the fallback decoder, each a pass over the bytes (encoding_rs), and the charset
    // sniffing of the first SNIFF_LEN bytes.
    steps.add(bytes.len().saturating_mul(4));
    steps.add(SNIFF_LEN.min(bytes.len()));
    // UTF-8 as written, the common case, is read in place: nothing to report, nothing to copy.
    if let Some((text, how)) = crate::decode::as_utf8(bytes) {
        let notes = how
            .describe()
            .map(|m| (m, None, None))
            .into_iter()
            .collect();
        return read_decoded(text, notes, steps);
    }
    let decoded = decode(bytes);
    let mut notes = Vec::new();
    if let Some(message) = decoded.describe() {
        notes.push((message, None, None));
    }
    read_decoded(&decoded.text, notes, steps)
}

/// A count of work steps, shared by the reader's scans (see [`read_counting`]).
#[derive(Debug, Default)]
pub(crate) struct Steps {
    n: core::cell::Cell<u64>,
    /// Whether work done only to be counted (the size of the rows given to the placement) is
    /// to be done: off for [`read`].
    on: bool,
}

impl Steps {
    /// A count for [`read_counting`].
    fn counting_on() -> Self {
        Steps {
            n: core::cell::Cell::new(0),
            on: true,
        }
    }

    /// Whether this is [`read_counting`]'s count.
    fn counting(&self) -> bool {
        self.on
    }

    /// Adds `n` steps.
    pub(crate) fn add(&self, n: usize) {
        self.n.set(
            self.n
                .get()
                .saturating_add(u64::try_from(n).unwrap_or(u64::MAX)),
        );
    }

    /// The steps so far.
    pub(crate) fn get(&self) -> u64 {
        self.n.get()
    }
}

/// [`read`] with `limit` as the size limit (the same as [`read_with`] and
/// `Options::default().limit(limit)`), like the other readers' `read_with_limit`.
///
/// # Errors
///
/// As [`read`], with `limit` as the limit.
pub fn read_with_limit(bytes: &[u8], limit: usize) -> Result<Reading, ReadError> {
    read_with(bytes, &Options::default().limit(limit))
}

/// Reads a report from a page already decoded to text, with the default [`Options`].
///
/// # Errors
///
/// As [`read`].
pub fn read_str(text: &str) -> Result<Reading, ReadError> {
    check_size(text.len(), DEFAULT_LIMIT)?;
    read_decoded(text, Vec::new(), &Steps::default())
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

fn read_decoded(text: &str, mut notes: Vec<Note>, steps: &Steps) -> Result<Reading, ReadError> {
    let page = page_with_steps(text, steps);
    if let Some(at) = page.over_grid {
        return Err(ReadError::TooMany {
            location: format!("table {}", at.saturating_add(1)),
            what: "grid positions (cells expanded by rowspan and colspan, all tables together)",
            limit: MAX_GRID,
        });
    }
    if let Some(at) = page.over_spanned_text {
        return Err(ReadError::TooMany {
            location: format!("table {}", at.saturating_add(1)),
            what: "bytes of cell text repeated into the rows a rowspan reaches (all tables together)",
            limit: MAX_SPANNED_TEXT,
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
    // The placement and its label matching are linear in the rows they are given (they count
    // their own steps elsewhere); what the tables give them is counted here.
    if steps.counting() {
        steps.add(page.text.len());
        for table in &page.tables {
            for row in table.source_rows() {
                steps.add(1);
                for cell in row.labels.iter().chain(&row.values) {
                    steps.add(cell.text.len().saturating_add(1));
                }
            }
        }
    }
    let mut reading = crate::place::read_tables(page.title.as_deref(), &page.text, &page.tables)?;
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
    /// When the tables' `rowspan`s repeated more than [`MAX_SPANNED_TEXT`] bytes of cell text
    /// into the rows they reach, the 0-based index of the table where that happened; the
    /// tables from it on are left out and the reader refuses the page
    /// ([`ReadError::TooMany`]).
    pub over_spanned_text: Option<usize>,
}

/// Parses decoded text into a [`Page`]: as HTML where it starts with markup, else (or where the
/// markup has no table) the JavaScript string in it that holds table markup. Cell positions
/// refer to `text`.
pub fn page(text: &str) -> Page {
    page_with_steps(text, &Steps::default())
}

fn page_with_steps(text: &str, steps: &Steps) -> Page {
    let body = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    steps.add(text.len().saturating_sub(body.len()).saturating_add(1));
    if body.starts_with('<') {
        let page = parse(text, &table::Plain::new(text, steps), steps);
        if !page.tables.is_empty() || page.over_grid.is_some() || page.over_spanned_text.is_some() {
            return page;
        }
        return from_script(text, steps).unwrap_or(page);
    }
    from_script(text, steps).unwrap_or_else(|| parse(text, &table::Plain::new(text, steps), steps))
}

/// The markup [`page`] hands the HTML parser first for decoded `text`: `text` itself where it
/// starts with markup, else the value of the JavaScript string holding table markup, if any.
/// For measuring the parser's share of a read (`examples/instructions.rs`).
#[doc(hidden)]
pub fn markup(text: &str) -> std::borrow::Cow<'_, str> {
    let body = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if body.starts_with('<') {
        return std::borrow::Cow::Borrowed(text);
    }
    match js::find_html_string(text, &Steps::default()) {
        Some(u) => std::borrow::Cow::Owned(u.text),
        None => std::borrow::Cow::Borrowed(text),
    }
}

fn from_script(text: &str, steps: &Steps) -> Option<Page> {
    let u = js::find_html_string(text, steps)?;
    let locate = Unescaping {
        lines: table::Lines::new(text, steps),
        unescaped: &u,
    };
    let mut page = parse(&u.text, &locate, steps);
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

fn parse(html: &str, locate: &dyn table::Locate, steps: &Steps) -> Page {
    let doc = Html::parse_document(html);
    let mut page = Page::default();
    match table::tables(&doc, html, locate, steps) {
        Ok(tables) => page.tables = tables,
        Err((at, GridFull::SpannedText)) => page.over_spanned_text = Some(at),
        Err((at, _)) => page.over_grid = Some(at),
    }
    let mut skip_until: Option<ego_tree::NodeId> = None;
    for edge in doc.tree.root().traverse() {
        steps.add(1);
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
                                .filter_map(|n| {
                                    steps.add(1);
                                    n.value().as_text().map(|t| {
                                        steps.add(t.len());
                                        t.to_string()
                                    })
                                })
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
                    Node::Text(t) => {
                        steps.add(t.len());
                        if t.contains('\u{a0}') {
                            page.text.push_str(&t.replace('\u{a0}', " "));
                        } else {
                            page.text.push_str(t);
                        }
                    }
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
