//! Which shape an input has — cells CSV, JSON, HTML, Markdown, plain text, XLSX — and reading
//! any of them with the right reader.
//!
//! ```
//! use zfxxgk::detect::{shape, Shape};
//!
//! assert_eq!(shape(b"table,row,column,value\nreport,year,,2024\n", None), Shape::CellsCsv);
//! assert_eq!(shape(b"let content = \"<table><tr><td>1</td></tr></table>\";", None), Shape::Html);
//! assert_eq!(shape(b"| a | b |\n|---|---|\n| 1 | 2 |\n", None), Shape::Markdown);
//! assert_eq!(shape(b"PK\x03\x04\x14\x00", Some("report.bin")), Shape::Xlsx);
//! assert_eq!(shape(b"no markers at all", Some("report.html")), Shape::Html);
//! ```
//!
//! ## The rules, in order
//!
//! Content decides first; the rules look at the first [`SNIFF_LEN`] bytes (BOM removed; bytes
//! that are not UTF-8, such as GBK, are read leniently: the markers are ASCII).
//!
//! 1. The ZIP magic `PK\x03\x04` at the start → [`Shape::Xlsx`].
//! 2. The first non-blank line is the header `table,row,column,value` → [`Shape::CellsCsv`].
//! 3. The first non-blank character is `{` → [`Shape::Json`].
//! 4. `<table`, `<tr`, `<td`, `<html` or `<!doctype html` anywhere, in any case, also inside a
//!    JavaScript string (including the escaped form `\u003ctable`) → [`Shape::Html`].
//! 5. A Markdown table delimiter line (`|---|---|`, `| :-- | --: |`: only pipes, dashes, colons
//!    and spaces, at least one pipe and three dashes) → [`Shape::Markdown`].
//! 6. Otherwise the file name's extension is the hint: `.xlsx` → Xlsx, `.csv` → CellsCsv,
//!    `.json` → Json, `.html`/`.htm`/`.shtml`/`.xhtml` → Html, `.md`/`.markdown` → Markdown.
//! 7. Otherwise → [`Shape::Text`].

use core::fmt;

use crate::error::ReadError;
use crate::read::Reading;

/// How many leading bytes the content rules look at: 1 MiB (a report page is rarely larger, and
/// 046's table markup sits 5 KiB in).
pub const SNIFF_LEN: usize = 1024 * 1024;

/// The largest input [`read_any`] accepts: 16 MiB.
pub const DEFAULT_LIMIT: usize = 16 * 1024 * 1024;

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
}

impl Shape {
    /// Every shape.
    pub const ALL: &'static [Shape] = &[
        Shape::Json,
        Shape::CellsCsv,
        Shape::Html,
        Shape::Markdown,
        Shape::Text,
        Shape::Xlsx,
    ];

    /// The shape's key: `json`, `cells`, `html`, `markdown`, `text`, `xlsx`.
    pub const fn key(self) -> &'static str {
        match self {
            Shape::Json => "json",
            Shape::CellsCsv => "cells",
            Shape::Html => "html",
            Shape::Markdown => "markdown",
            Shape::Text => "text",
            Shape::Xlsx => "xlsx",
        }
    }

    /// The shape a key names (see [`Shape::key`]).
    pub fn from_key(key: &str) -> Option<Shape> {
        Shape::ALL.iter().copied().find(|s| s.key() == key)
    }

    /// The shape a file name's extension suggests (rule 6 above).
    pub fn from_file_name(name: &str) -> Option<Shape> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(Shape::Xlsx),
            "csv" => Some(Shape::CellsCsv),
            "json" => Some(Shape::Json),
            "html" | "htm" | "shtml" | "xhtml" => Some(Shape::Html),
            "md" | "markdown" => Some(Shape::Markdown),
            "txt" | "text" => Some(Shape::Text),
            _ => None,
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The shape of an input, by the rules above: content first, `file_name`'s extension as a
/// hint where the content shows no marker.
pub fn shape(bytes: &[u8], file_name: Option<&str>) -> Shape {
    if bytes.starts_with(b"PK\x03\x04") {
        return Shape::Xlsx;
    }
    let head = bytes.get(..SNIFF_LEN.min(bytes.len())).unwrap_or(bytes);
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let text = String::from_utf8_lossy(head);
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
    file_name
        .and_then(Shape::from_file_name)
        .unwrap_or(Shape::Text)
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

/// Reads a report in any shape: `shape` if given, else the one [`shape()`] detects.
///
/// # Errors
///
/// [`ReadError::TooLarge`] over [`DEFAULT_LIMIT`]; [`ReadError::Encoding`] for a cells CSV or
/// JSON that is not UTF-8; [`ReadError::Unsupported`] for a shape this build cannot read (XLSX;
/// JSON without the `serde` feature, HTML without the `html` feature); otherwise the errors of
/// the reader for the shape ([`crate::cells::read`], [`crate::json::read`],
/// [`crate::html::read`], [`crate::text::read`] for Markdown and text).
pub fn read_any(bytes: &[u8], shape: Option<Shape>) -> Result<Reading, ReadError> {
    if bytes.len() > DEFAULT_LIMIT {
        return Err(ReadError::TooLarge {
            limit: DEFAULT_LIMIT,
            size: bytes.len(),
        });
    }
    let shape = shape.unwrap_or_else(|| self::shape(bytes, None));
    match shape {
        Shape::CellsCsv => crate::cells::read(utf8(bytes)?),
        #[cfg(feature = "serde")]
        Shape::Json => crate::json::read(utf8(bytes)?),
        #[cfg(not(feature = "serde"))]
        Shape::Json => Err(ReadError::Unsupported {
            shape: shape.key(),
            why: "this build lacks the `serde` feature",
        }),
        #[cfg(feature = "html")]
        Shape::Html => crate::html::read(bytes),
        #[cfg(not(feature = "html"))]
        Shape::Html => Err(ReadError::Unsupported {
            shape: shape.key(),
            why: "this build lacks the `html` feature",
        }),
        Shape::Markdown | Shape::Text => crate::text::read(&text(bytes)?),
        #[cfg(feature = "xlsx")]
        Shape::Xlsx => crate::xlsx::read(bytes),
        #[cfg(not(feature = "xlsx"))]
        Shape::Xlsx => Err(ReadError::Unsupported {
            shape: shape.key(),
            why: "this build lacks the `xlsx` feature",
        }),
    }
}

/// Published text in UTF-8, or (with the `html` feature) in any encoding
/// [`crate::html::decode`] recognises.
#[cfg(feature = "html")]
fn text(bytes: &[u8]) -> Result<String, ReadError> {
    Ok(crate::html::decode(bytes).text)
}

/// Published text in UTF-8.
#[cfg(not(feature = "html"))]
fn text(bytes: &[u8]) -> Result<String, ReadError> {
    utf8(bytes).map(str::to_owned)
}

fn utf8(bytes: &[u8]) -> Result<&str, ReadError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    core::str::from_utf8(bytes).map_err(|e| ReadError::Encoding {
        offset: e.valid_up_to(),
    })
}
