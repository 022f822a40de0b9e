//! Cells: what a report states in one place of a table, and where that came from.
//!
//! Blank, `0`, `/` and unreadable are different facts, so a [`Cell`] keeps them apart: an
//! [`Entry`] is a number, nothing, an explicit "none" mark, or text that is not a number of the
//! cell's type. Readers also record the [`Origin`] of what they read, so a finding can quote the
//! source.

use core::fmt;
use core::ops::Range;

use rust_decimal::Decimal;

use crate::catalogue::CellType;

/// A number as a report states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Number {
    /// A non-negative whole number.
    Count(u64),
    /// A signed whole number (本年增/减).
    Change(i64),
    /// A decimal amount.
    Amount(Decimal),
}

impl Number {
    /// The number as a decimal, whatever its kind, for arithmetic and comparison.
    pub fn as_decimal(self) -> Decimal {
        match self {
            Number::Count(n) => Decimal::from(n),
            Number::Change(n) => Decimal::from(n),
            Number::Amount(d) => d,
        }
    }

    /// The count, if this is a count.
    pub const fn as_count(self) -> Option<u64> {
        match self {
            Number::Count(n) => Some(n),
            _ => None,
        }
    }

    /// Converts `self` to the kind `ty` asks for, if the value fits (a count can be a change or
    /// an amount; a non-negative change can be a count; a whole amount can be a count).
    pub fn to_type(self, ty: CellType) -> Option<Number> {
        match (ty, self) {
            (CellType::Count, Number::Count(_))
            | (CellType::Change, Number::Change(_))
            | (CellType::Amount, Number::Amount(_)) => Some(self),
            (CellType::Count, Number::Change(n)) => u64::try_from(n).ok().map(Number::Count),
            (CellType::Count, Number::Amount(d)) => {
                if d.fract().is_zero() {
                    u64::try_from(d).ok().map(Number::Count)
                } else {
                    None
                }
            }
            (CellType::Change, Number::Count(n)) => i64::try_from(n).ok().map(Number::Change),
            (CellType::Change, Number::Amount(d)) => {
                if d.fract().is_zero() {
                    i64::try_from(d).ok().map(Number::Change)
                } else {
                    None
                }
            }
            (CellType::Amount, n) => Some(Number::Amount(n.as_decimal())),
        }
    }

    /// Parses `text` as a number of type `ty`: digits with an optional sign (a sign only for
    /// [`CellType::Change`]) and, for amounts, a decimal point. No other characters are allowed;
    /// readers strip thousands separators and units before calling this, and report it.
    pub fn parse(text: &str, ty: CellType) -> Option<Number> {
        let text = trim(text);
        match ty {
            CellType::Count => {
                if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                text.parse::<u64>().ok().map(Number::Count)
            }
            CellType::Change => {
                let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                text.parse::<i64>().ok().map(Number::Change)
            }
            CellType::Amount => {
                let ok = !text.is_empty()
                    && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && text.bytes().filter(|&b| b == b'.').count() <= 1
                    && text.bytes().any(|b| b.is_ascii_digit());
                if !ok {
                    return None;
                }
                text.parse::<Decimal>().ok().map(Number::Amount)
            }
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Count(n) => write!(f, "{n}"),
            Number::Change(n) => write!(f, "{n}"),
            Number::Amount(d) => write!(f, "{d}"),
        }
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Self {
        Number::Count(n)
    }
}

impl From<u32> for Number {
    fn from(n: u32) -> Self {
        Number::Count(u64::from(n))
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        Number::Change(n)
    }
}

impl From<Decimal> for Number {
    fn from(d: Decimal) -> Self {
        Number::Amount(d)
    }
}

/// What a cell states.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Entry {
    /// Nothing: the report leaves the cell empty, or the reader found nothing for it.
    #[default]
    Blank,
    /// A number.
    Value(Number),
    /// An explicit mark for "none" that is not a number: `/`, `-`, `—`, `无`. Kept as written.
    Marked(String),
    /// Text that is not a number of the cell's type (a negative count, a unit, a word). Kept as
    /// written; validation reports it as `cell.invalid`.
    Invalid(String),
}

/// Where a value was read from: the line and byte range of its text in the source, and, for a
/// value read from a PDF, the page and box it was drawn in (the line and bytes then refer to
/// the text the PDF reader laid out: its lines, and table rows with cells separated by tabs).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// 1-based line of the source.
    pub line: usize,
    /// Byte range of the value's text in the whole source, 0-based, end exclusive.
    pub bytes: Range<usize>,
    /// The page and box of a value read from a PDF.
    pub page: Option<PageArea>,
}

impl Origin {
    /// An origin in text: `line` and `bytes`, no page.
    pub const fn text(line: usize, bytes: Range<usize>) -> Self {
        Origin {
            line,
            bytes,
            page: None,
        }
    }
}

/// A box on a page of a PDF: the 1-based page and the corners in PDF points (origin at the
/// bottom left of the page, y up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageArea {
    /// 1-based page.
    pub page: u32,
    /// Left.
    pub x0: f64,
    /// Bottom.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Top.
    pub y1: f64,
}

impl Eq for PageArea {}

impl core::hash::Hash for PageArea {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.page.hash(state);
        for v in [self.x0, self.y0, self.x1, self.y1] {
            v.to_bits().hash(state);
        }
    }
}

/// One cell of a table: its entry, and where it was read from when a reader produced it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Cell {
    /// What the cell states.
    pub entry: Entry,
    /// Where it was read from, if it was read.
    pub origin: Option<Origin>,
}

impl Cell {
    /// A blank cell.
    pub const fn blank() -> Self {
        Cell {
            entry: Entry::Blank,
            origin: None,
        }
    }

    /// A cell holding `n`.
    pub fn value(n: impl Into<Number>) -> Self {
        Cell {
            entry: Entry::Value(n.into()),
            origin: None,
        }
    }

    /// Reads `text` as the cell of type `ty` that a report wrote: empty is blank, `/ - — 无` are
    /// marks, a number of the type is a value, anything else is kept as invalid text.
    pub fn from_text(text: &str, ty: CellType) -> Self {
        let t = trim(text);
        let entry = if t.is_empty() {
            Entry::Blank
        } else if is_none_mark(t) {
            Entry::Marked(t.to_owned())
        } else if let Some(n) = Number::parse(t, ty) {
            Entry::Value(n)
        } else {
            Entry::Invalid(t.to_owned())
        };
        Cell {
            entry,
            origin: None,
        }
    }

    /// The same cell with an origin.
    #[must_use]
    pub fn with_origin(mut self, origin: Origin) -> Self {
        self.origin = Some(origin);
        self
    }

    /// The number, if the cell holds one.
    pub const fn number(&self) -> Option<Number> {
        match self.entry {
            Entry::Value(n) => Some(n),
            _ => None,
        }
    }

    /// Whether the cell holds no number (blank, marked or invalid).
    pub const fn is_blank(&self) -> bool {
        !matches!(self.entry, Entry::Value(_))
    }

    /// The text of the cell as the cells CSV writes it (CELLS.md): the number, the mark or the
    /// unreadable text exactly as written, or empty for a blank — the same as
    /// [`source_text`](Cell::source_text), so that [`Cell::from_text`] reads it back as the
    /// same entry.
    pub fn csv_text(&self) -> String {
        self.source_text()
    }

    /// The text of the cell as it was written: the number, the mark or the invalid text, or
    /// empty for a blank.
    pub fn source_text(&self) -> String {
        match &self.entry {
            Entry::Value(n) => n.to_string(),
            Entry::Marked(s) | Entry::Invalid(s) => s.clone(),
            Entry::Blank => String::new(),
        }
    }
}

/// `text.trim()`, without its search when the text starts and ends with a printable ASCII
/// character (a number, most often), which is then the whole answer.
pub(crate) fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Whether `text` is one of the marks reports write for "none": `/`, `-`, `—`, `－`, `无`, `／`.
pub fn is_none_mark(text: &str) -> bool {
    // Most texts asked about are numbers or labels: turned away by their first byte, which for
    // a mark is that of one of the marks or of white space (ASCII, or U+0085/U+00A0 (0xC2),
    // U+1680 (0xE1), U+2000–U+205F (0xE2), U+3000 (0xE3)).
    if !text.as_bytes().first().is_some_and(|b| {
        matches!(
            b,
            b'/' | b'-' | b'\\' | 0xEF | 0xE2 | 0xE6 | 0xE3 | 0xC2 | 0xE1 | b'\t'..=b'\r' | b' '
        )
    }) {
        return false;
    }
    matches!(
        trim(text),
        "/" | "／" | "-" | "－" | "—" | "——" | "–" | "无" | "\\" | "、"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_is_str_trim() {
        for t in [
            "",
            " ",
            "12",
            " 12",
            "12 ",
            "\u{3000}12\u{3000}",
            "a\u{a0}",
            "无",
            " 无 ",
            "1\t",
            "-",
        ] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
    }

    #[test]
    fn none_marks_with_any_white_space_around_them() {
        let marks = ["/", "／", "-", "－", "—", "——", "–", "无", "\\", "、"];
        // Every white space char std's `trim` removes, before and after.
        let spaces: Vec<char> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        for m in marks {
            assert!(is_none_mark(m), "{m}");
            for &w in &spaces {
                assert!(is_none_mark(&format!("{w}{m}{w}")), "{w:?}{m}");
            }
        }
        for t in [
            "",
            " ",
            "0",
            "12",
            "无锡",
            "/2",
            "——件",
            "本年新收",
            "\u{3000}1",
        ] {
            assert!(!is_none_mark(t), "{t}");
        }
    }

    #[test]
    fn blank_zero_mark_and_invalid_are_different() {
        assert_eq!(Cell::from_text("", CellType::Count).entry, Entry::Blank);
        assert_eq!(
            Cell::from_text("0", CellType::Count).entry,
            Entry::Value(Number::Count(0))
        );
        assert_eq!(
            Cell::from_text("/", CellType::Count).entry,
            Entry::Marked("/".into())
        );
        assert_eq!(
            Cell::from_text("-3", CellType::Count).entry,
            Entry::Invalid("-3".into())
        );
        assert_eq!(
            Cell::from_text("-3", CellType::Change).entry,
            Entry::Value(Number::Change(-3))
        );
        assert_eq!(
            Cell::from_text("12件", CellType::Count).entry,
            Entry::Invalid("12件".into())
        );
    }

    #[test]
    fn the_csv_text_reads_back_as_the_same_entry() {
        for (text, ty) in [
            ("", CellType::Count),
            ("0", CellType::Count),
            ("/", CellType::Count),
            ("—", CellType::Amount),
            ("无", CellType::Change),
            ("-", CellType::Change),
            ("-3", CellType::Count),
            ("12件", CellType::Count),
            ("1,2 \"x\"\n3", CellType::Count),
            ("-3", CellType::Change),
        ] {
            let cell = Cell::from_text(text, ty);
            assert_eq!(cell.csv_text(), text, "{text}");
            assert_eq!(Cell::from_text(&cell.csv_text(), ty), cell, "{text}");
        }
    }

    #[test]
    fn amounts_keep_their_decimals() {
        let c = Cell::from_text("7730.28", CellType::Amount);
        assert_eq!(c.csv_text(), "7730.28");
        assert_eq!(Number::parse("1.2.3", CellType::Amount), None);
        assert_eq!(Number::parse(".", CellType::Amount), None);
    }

    #[test]
    fn counts_too_large_are_not_numbers() {
        assert_eq!(
            Number::parse("99999999999999999999999", CellType::Count),
            None
        );
    }
}
