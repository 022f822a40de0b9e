//! Which shape an input has — cells CSV, JSON, HTML, Markdown, plain text, XLSX, and the
//! document formats PDF, DOCX, Word 97 (`.doc`), WPS and OFD — and reading any of them with the
//! right reader.
//!
//! ```
//! use zfxxgk::detect::{shape, Shape};
//!
//! assert_eq!(shape(b"table,row,column,value\nreport,year,,2024\n", None), Shape::CellsCsv);
//! assert_eq!(shape(b"let content = \"<table><tr><td>1</td></tr></table>\";", None), Shape::Html);
//! assert_eq!(shape(b"| a | b |\n|---|---|\n| 1 | 2 |\n", None), Shape::Markdown);
//! assert_eq!(shape(b"PK\x03\x04\x14\x00", Some("report.bin")), Shape::Xlsx);
//! assert_eq!(shape(b"%PDF-1.7\n", None), Shape::Pdf);
//! assert_eq!(shape(b"no markers at all", Some("report.html")), Shape::Html);
//! ```
//!
//! ## The rules, in order
//!
//! Content decides first; the rules look at the first [`SNIFF_LEN`] bytes (BOM removed, UTF-16
//! with a BOM decoded; other bytes that are not UTF-8, such as GBK, are read leniently: the
//! markers are ASCII).
//!
//! 1. The ZIP magic `PK\x03\x04` at the start: the ZIP's file names (in the local headers at
//!    the start and the central directory at the end, the first and last [`SNIFF_LEN`] bytes)
//!    decide: `word/document.xml` → [`Shape::Docx`], `xl/workbook.xml` → [`Shape::Xlsx`],
//!    `OFD.xml` → [`Shape::Ofd`]; a ZIP naming none of them is what its extension says when
//!    that is `.docx` or `.ofd`, else [`Shape::Xlsx`].
//! 2. The OLE compound file magic `D0 CF 11 E0 A1 B1 1A E1` at the start → [`Shape::Doc`]
//!    (Word 97–2003), or [`Shape::Wps`] when the file name ends in `.wps`.
//! 3. `%PDF-` in the first 1024 bytes → [`Shape::Pdf`].
//! 4. The first non-blank line is the header `table,row,column,value` → [`Shape::CellsCsv`].
//! 5. The first non-blank character is `{` → [`Shape::Json`].
//! 6. `<table`, `<tr`, `<td`, `<html` or `<!doctype html` anywhere, in any case, also inside a
//!    JavaScript string (including the escaped form `\u003ctable`) → [`Shape::Html`].
//! 7. A Markdown table delimiter line (`|---|---|`, `| :-- | --: |`: only pipes, dashes, colons
//!    and spaces, at least one pipe and three dashes) → [`Shape::Markdown`].
//! 8. Otherwise the file name's extension is the hint ([`Shape::from_file_name`]): `.xlsx` →
//!    Xlsx, `.csv` → CellsCsv, `.json` → Json, `.html`/`.htm`/`.shtml`/`.xhtml` → Html,
//!    `.md`/`.markdown` → Markdown, `.txt`/`.text` → Text, `.pdf` → Pdf, `.docx` → Docx,
//!    `.doc` → Doc, `.wps` → Wps, `.ofd` → Ofd.
//! 9. Otherwise → [`Shape::Text`].
//!
//! ## Readers
//!
//! Each shape has one row in a table: its key, its extensions, its reader. A reader compiled out
//! of this build (JSON without `serde`, HTML without `html`, XLSX without `xlsx`, DOCX without
//! `docx`) returns [`ReadError::Unsupported`] naming the feature. PDF has no reader yet; Word 97
//! `.doc` is refused with the command that converts it to DOCX; WPS and OFD are refused.

use core::fmt;

use crate::error::ReadError;
use crate::read::Reading;

/// How many leading bytes the content rules look at: 1 MiB (a report page is rarely larger, and
/// 046's table markup sits 5 KiB in).
pub const SNIFF_LEN: usize = 1024 * 1024;

pub use crate::limits::{DEFAULT_LIMIT, DOCUMENT_LIMIT};

/// The shapes reports come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// A report as JSON ([`crate::json`]).
    Json,
    /// The long-format cells CSV ([`crate::cells`]).
    CellsCsv,
    /// A web page or fragment, or HTML inside a JavaScript string.
    Html,
    /// Markdown, with pipe tables.
    Markdown,
    /// Plain text: crawled page text, PDF text.
    Text,
    /// An Excel workbook.
    Xlsx,
    /// A PDF document, read from its text layer (feature `pdf`).
    Pdf,
    /// A Word document, Office Open XML (no reader yet).
    Docx,
    /// A Word 97–2003 document (OLE compound file): not read; convert it to DOCX.
    Doc,
    /// A WPS Office document (`.wps`): not read.
    Wps,
    /// An OFD document (GB/T 33190, `.ofd`): not read.
    Ofd,
}

/// One shape's row of the table: what [`Shape::key`], [`Shape::from_file_name`] and
/// [`read_any`] look up.
struct Row {
    shape: Shape,
    key: &'static str,
    extensions: &'static [&'static str],
    read: fn(&[u8]) -> Result<Reading, ReadError>,
    /// The largest input [`read_any`] hands to the reader.
    limit: usize,
}

/// Every shape, with its key, extensions and reader, in the order of [`Shape::ALL`].
const SHAPES: &[Row] = &[
    Row {
        shape: Shape::Json,
        key: "json",
        extensions: &["json"],
        read: read_json,
        limit: DEFAULT_LIMIT,
    },
    Row {
        shape: Shape::CellsCsv,
        key: "cells",
        extensions: &["csv"],
        read: read_cells,
        limit: DEFAULT_LIMIT,
    },
    Row {
        shape: Shape::Html,
        key: "html",
        extensions: &["html", "htm", "shtml", "xhtml"],
        read: read_html,
        limit: DEFAULT_LIMIT,
    },
    Row {
        shape: Shape::Markdown,
        key: "markdown",
        extensions: &["md", "markdown"],
        read: read_text,
        limit: DEFAULT_LIMIT,
    },
    Row {
        shape: Shape::Text,
        key: "text",
        extensions: &["txt", "text"],
        read: read_text,
        limit: DEFAULT_LIMIT,
    },
    Row {
        shape: Shape::Xlsx,
        key: "xlsx",
        extensions: &["xlsx"],
        read: read_xlsx,
        limit: DOCUMENT_LIMIT,
    },
    Row {
        shape: Shape::Pdf,
        key: "pdf",
        extensions: &["pdf"],
        read: read_pdf,
        limit: DOCUMENT_LIMIT,
    },
    Row {
        shape: Shape::Docx,
        key: "docx",
        extensions: &["docx"],
        read: read_docx,
        limit: DOCUMENT_LIMIT,
    },
    Row {
        shape: Shape::Doc,
        key: "doc",
        extensions: &["doc"],
        read: read_doc,
        limit: DOCUMENT_LIMIT,
    },
    Row {
        shape: Shape::Wps,
        key: "wps",
        extensions: &["wps"],
        read: read_wps,
        limit: DOCUMENT_LIMIT,
    },
    Row {
        shape: Shape::Ofd,
        key: "ofd",
        extensions: &["ofd"],
        read: read_ofd,
        limit: DOCUMENT_LIMIT,
    },
];

impl Shape {
    /// Every shape.
    pub const ALL: &'static [Shape] = &[
        Shape::Json,
        Shape::CellsCsv,
        Shape::Html,
        Shape::Markdown,
        Shape::Text,
        Shape::Xlsx,
        Shape::Pdf,
        Shape::Docx,
        Shape::Doc,
        Shape::Wps,
        Shape::Ofd,
    ];

    /// The shape's row of the table.
    fn row(self) -> Option<&'static Row> {
        SHAPES.iter().find(|r| r.shape == self)
    }

    /// The shape's key: `json`, `cells`, `html`, `markdown`, `text`, `xlsx`, `pdf`, `docx`,
    /// `doc`, `wps`, `ofd`.
    pub const fn key(self) -> &'static str {
        let mut rest = SHAPES;
        while let [row, tail @ ..] = rest {
            if row.shape as u8 == self as u8 {
                return row.key;
            }
            rest = tail;
        }
        ""
    }

    /// The shape a key names (see [`Shape::key`]).
    pub fn from_key(key: &str) -> Option<Shape> {
        SHAPES.iter().find(|r| r.key == key).map(|r| r.shape)
    }

    /// The shape a file name's extension suggests (rule 8 above).
    pub fn from_file_name(name: &str) -> Option<Shape> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        SHAPES
            .iter()
            .find(|r| r.extensions.contains(&ext.as_str()))
            .map(|r| r.shape)
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The magic of an OLE compound file (Word 97–2003 `.doc`, old `.xls`, WPS).
const OLE_MAGIC: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

/// The shape of an input, by the rules above: content first, `file_name`'s extension as a
/// hint where the content shows no marker.
pub fn shape(bytes: &[u8], file_name: Option<&str>) -> Shape {
    let hint = file_name.and_then(Shape::from_file_name);
    if bytes.starts_with(b"PK\x03\x04") {
        return zip_shape(bytes, hint);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return if hint == Some(Shape::Wps) {
            Shape::Wps
        } else {
            Shape::Doc
        };
    }
    let first_kib = bytes.get(..1024.min(bytes.len())).unwrap_or(bytes);
    if contains(first_kib, b"%PDF-") {
        return Shape::Pdf;
    }
    let head = bytes.get(..SNIFF_LEN.min(bytes.len())).unwrap_or(bytes);
    let text = crate::decode::sniff(head);
    let trimmed = text.trim_start();
    if let Some(first) = trimmed.lines().next() {
        let header: String = first.chars().filter(|c| !c.is_whitespace()).collect();
        if header.eq_ignore_ascii_case("table,row,column,value") {
            return Shape::CellsCsv;
        }
    }
    if trimmed.starts_with('{') {
        return Shape::Json;
    }
    let lower = text.to_ascii_lowercase();
    if [
        "<table",
        "<tr",
        "<td",
        "<html",
        "<!doctype html",
        "\\u003ctable",
        "\\u003ctd",
    ]
    .iter()
    .any(|m| contains_tag(&lower, m))
    {
        return Shape::Html;
    }
    if text.lines().any(is_markdown_delimiter) {
        return Shape::Markdown;
    }
    hint.unwrap_or(Shape::Text)
}

/// Whether `marker` occurs in `lower` as a tag name (`<tr` not followed by a letter, so
/// `<track` is no table row).
fn contains_tag(lower: &str, marker: &str) -> bool {
    let mut rest = lower;
    while let Some(p) = rest.find(marker) {
        let after = rest.get(p.saturating_add(marker.len())..).unwrap_or("");
        if !after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return true;
        }
        rest = after;
    }
    false
}

/// A Markdown table delimiter line: `|---|:--:|`.
fn is_markdown_delimiter(line: &str) -> bool {
    let t = line.trim();
    t.contains('|')
        && t.matches('-').count() >= 3
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Which document a ZIP is, by the names of its files (rule 3).
fn zip_shape(bytes: &[u8], hint: Option<Shape>) -> Shape {
    let head = bytes.get(..SNIFF_LEN.min(bytes.len())).unwrap_or(bytes);
    let tail = bytes
        .get(bytes.len().saturating_sub(SNIFF_LEN)..)
        .unwrap_or(bytes);
    let names = |name: &[u8]| contains(head, name) || contains(tail, name);
    if names(b"word/document.xml") {
        Shape::Docx
    } else if names(b"xl/workbook.xml") {
        Shape::Xlsx
    } else if names(b"OFD.xml") {
        Shape::Ofd
    } else {
        match hint {
            Some(s @ (Shape::Docx | Shape::Ofd)) => s,
            _ => Shape::Xlsx,
        }
    }
}

/// Whether `needle` occurs in `hay`.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Reads a report in any shape: `shape` if given, else the one [`shape()`] detects.
///
/// ```
/// let page = "<html><head><title>某县某局2024年政府信息公开工作年度报告</title></head>\
///             <body><p>一、总体情况</p><p>本年度无依申请公开。</p></body></html>";
/// # #[cfg(feature = "html")] {
/// let reading = zfxxgk::read::any(page.as_bytes(), None)?;
/// assert_eq!(reading.report.issuer.as_str(), "某县某局");
/// assert_eq!(reading.report.year, 2024);
/// # }
/// # Ok::<(), zfxxgk::ReadError>(())
/// ```
///
/// # Errors
///
/// [`ReadError::TooLarge`] over [`DEFAULT_LIMIT`] for the text shapes (JSON, cells CSV, HTML,
/// Markdown, text) and over [`DOCUMENT_LIMIT`] for the documents (XLSX, PDF, DOCX, which carry
/// images and fonts beside the report); [`ReadError::Encoding`] for a cells CSV or
/// JSON that is not UTF-8; [`ReadError::Unsupported`] for a shape this build cannot read (JSON
/// without the `serde` feature, HTML without `html`, XLSX without `xlsx`, PDF without `pdf`,
/// DOCX without `docx`; Word 97 `.doc`, with the command that converts it; WPS and OFD);
/// otherwise the errors of the reader for the shape ([`crate::cells::read`],
/// [`crate::json::read`], [`crate::html::read`], `pdf::read`, `docx::read`,
/// [`crate::text::read_bytes`] for Markdown and text).
pub fn read_any(bytes: &[u8], shape: Option<Shape>) -> Result<Reading, ReadError> {
    if bytes.len() > DOCUMENT_LIMIT {
        return Err(ReadError::TooLarge {
            limit: DOCUMENT_LIMIT,
            size: bytes.len(),
        });
    }
    let shape = shape.unwrap_or_else(|| self::shape(bytes, None));
    let Some(row) = shape.row() else {
        return Err(ReadError::Unsupported {
            shape: "unknown",
            why: "no reader for this shape",
        });
    };
    if bytes.len() > row.limit {
        return Err(ReadError::TooLarge {
            limit: row.limit,
            size: bytes.len(),
        });
    }
    (row.read)(bytes)
}

/// A reader behind a cargo feature: the reader when the feature is on, else a function that
/// returns [`ReadError::Unsupported`] naming the feature.
macro_rules! gated {
    ($name:ident, $feature:literal, $key:literal, |$bytes:ident| $body:expr) => {
        #[cfg(feature = $feature)]
        fn $name($bytes: &[u8]) -> Result<Reading, ReadError> {
            $body
        }
        #[cfg(not(feature = $feature))]
        fn $name(_: &[u8]) -> Result<Reading, ReadError> {
            Err(ReadError::Unsupported {
                shape: $key,
                why: concat!("this build lacks the `", $feature, "` feature"),
            })
        }
    };
}

gated!(read_json, "serde", "json", |bytes| crate::json::read(utf8(
    bytes
)?));
gated!(read_html, "html", "html", |bytes| crate::html::read(bytes));
gated!(read_xlsx, "xlsx", "xlsx", |bytes| crate::xlsx::read(bytes));
gated!(read_docx, "docx", "docx", |bytes| crate::docx::read(bytes));

fn read_cells(bytes: &[u8]) -> Result<Reading, ReadError> {
    crate::cells::read(utf8(bytes)?)
}

fn read_text(bytes: &[u8]) -> Result<Reading, ReadError> {
    crate::text::read_bytes(bytes)
}

gated!(read_pdf, "pdf", "pdf", |bytes| crate::pdf::read(bytes));

fn read_doc(_: &[u8]) -> Result<Reading, ReadError> {
    Err(ReadError::Unsupported {
        shape: "doc",
        why: "a Word 97–2003 document cannot be read; convert it to DOCX first: soffice --headless --convert-to docx FILE.doc",
    })
}

fn read_wps(_: &[u8]) -> Result<Reading, ReadError> {
    Err(ReadError::Unsupported {
        shape: "wps",
        why: "a WPS document cannot be read; save it as DOCX or PDF in WPS Office first",
    })
}

fn read_ofd(_: &[u8]) -> Result<Reading, ReadError> {
    Err(ReadError::Unsupported {
        shape: "ofd",
        why: "an OFD document cannot be read; export its text or convert it to PDF first",
    })
}

fn utf8(bytes: &[u8]) -> Result<&str, ReadError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    core::str::from_utf8(bytes).map_err(|e| ReadError::Encoding {
        offset: e.valid_up_to(),
    })
}
