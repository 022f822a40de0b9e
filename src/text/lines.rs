//! The source text as lines with byte offsets, and the row shape of line-oriented extractions:
//! tab-separated PDF text, pypdf text (one table row per line, values separated by spaces) and
//! `pdftotext -layout` text (columns by position, labels wrapped around the value line).

use core::ops::Range;

use crate::place::work::tick;
use crate::read::{SourceRow, Spanned};

/// The whole source with the byte offset of every line start, to turn byte offsets into lines.
#[derive(Debug)]
pub struct Source<'a> {
    /// The whole text.
    pub text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Source<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        tick(text.len());
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i.saturating_add(1)));
        Source { text, starts }
    }

    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The text at `bytes` with its line, or `None` when the range is not on char boundaries.
    pub fn spanned(&self, bytes: Range<usize>) -> Option<Spanned> {
        let text = self.text.get(bytes.clone())?;
        tick(text.len().saturating_add(1));
        Some(Spanned {
            text: text.to_owned(),
            line: self.line_of(bytes.start),
            bytes,
        })
    }

    /// The byte offset of the start of the line that holds byte `offset`.
    pub fn line_start(&self, offset: usize) -> usize {
        let i = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        self.starts.get(i).copied().unwrap_or(0)
    }

    /// The whole line that holds byte `offset`, without its line end.
    pub fn full_line(&self, offset: usize) -> &'a str {
        let i = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(i).copied().unwrap_or(0);
        let line = self.text.get(start..self.end_of(i)).unwrap_or("");
        tick(line.len().saturating_add(1));
        line.trim_end_matches('\r')
    }

    /// The end of line `i` (0-based): the byte of its line break, or the end of the text.
    fn end_of(&self, i: usize) -> usize {
        self.starts
            .get(i.saturating_add(1))
            .map_or(self.text.len(), |&next| next.saturating_sub(1))
    }

    /// The lines inside `range`, each as (start offset, text without the line end).
    pub fn lines(&self, range: Range<usize>) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        let text = self.text;
        // The line that holds range.start counts from range.start.
        let first = self
            .starts
            .partition_point(|&s| s <= range.start)
            .saturating_sub(1);
        // Each line ends at its line break, known from the next line's start. A range that
        // does not end on a char boundary has no lines.
        let last = if text.get(range.end..).is_some() {
            self.starts.len()
        } else {
            first
        };
        (first..last)
            .map(move |i| {
                let s = self.starts.get(i).copied().unwrap_or(usize::MAX);
                (s.max(range.start), self.end_of(i).min(range.end))
            })
            .take_while(move |&(s, _)| s < range.end)
            .filter_map(move |(s, e)| {
                let line = text.get(s..e)?;
                tick(line.len().saturating_add(1));
                Some((s, line.trim_end_matches('\r')))
            })
    }
}

/// Whether `line` is empty or white space only (`line.trim().is_empty()`), told by bytes up to
/// the first that is not ASCII white space (the indent of a layout line); white space of other
/// kinds (U+3000 …) is left to `trim`.
pub fn is_blank(line: &str) -> bool {
    let rest = crate::chars::after_ascii_indent(line);
    match rest.as_bytes().first() {
        None => true,
        Some(&b) if crate::chars::may_start_other_space(b) => rest.trim().is_empty(),
        Some(_) => false,
    }
}

/// Whether `line` is a page number such as `- 5 -`, `-4-` or `第 3 页`.
pub fn is_page_marker(line: &str) -> bool {
    // Without its white space the line is a dash, one or more ASCII digits and a dash; read
    // as it comes, without copying the line.
    let is_dash = |c: char| matches!(c, '-' | '—' | '－');
    // Leading spaces and tabs (a layout text indents most lines) are passed over as bytes.
    let indent = line
        .bytes()
        .position(|b| b != b' ' && b != b'\t')
        .unwrap_or(line.len());
    let mut chars = line
        .get(indent..)
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace());
    if !chars.next().is_some_and(is_dash) {
        return false;
    }
    let mut digits = false;
    let mut closed = false;
    for c in chars {
        if closed {
            return false;
        }
        if c.is_ascii_digit() {
            digits = true;
        } else if is_dash(c) {
            closed = true;
        } else {
            return false;
        }
    }
    closed && digits
}

pub use crate::place::value::{is_value_token, strip_unit};

/// How line-oriented rows are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineShape {
    /// Fields separated by tabs; empty fields are blank cells.
    Tabs,
    /// Fields separated by runs of white space.
    Spaces,
}

/// The rows of `range`: every line that ends in values is a row; text lines before it that
/// carry no values are kept as its leading label fragments when `carry_labels` is set (labels
/// wrapped over several lines), and the text of the value line itself is its last label.
pub fn rows(
    src: &Source<'_>,
    range: Range<usize>,
    shape: LineShape,
    carry_labels: bool,
) -> Vec<SourceRow> {
    /// At most this many label fragments are carried to the next row.
    const MAX_PENDING: usize = 12;
    let mut out = Vec::new();
    let mut pending: Vec<Spanned> = Vec::new();
    for (start, line) in src.lines(range) {
        if is_blank(line) || is_page_marker(line) {
            continue;
        }
        let fields = split_fields(line, shape);
        let first_value = fields
            .iter()
            .rposition(|(_, f)| {
                !(is_value_token(f) || (shape == LineShape::Tabs && f.trim().is_empty()))
            })
            .map_or(0, |i| i.saturating_add(1));
        let spans = |fields: &[(usize, &str)]| -> Vec<Spanned> {
            fields
                .iter()
                .filter_map(|&(off, f)| {
                    let s = start.checked_add(off)?;
                    src.spanned(s..s.checked_add(f.len())?)
                })
                .collect()
        };
        let value_fields = fields.get(first_value..).unwrap_or(&[]);
        // The label fields that carry text; their texts are copied only where they are kept.
        let label_fields: Vec<(usize, &str)> = fields
            .get(..first_value)
            .unwrap_or(&[])
            .iter()
            .filter(|(_, f)| !f.trim().is_empty())
            .copied()
            .collect();
        let has_value = value_fields.iter().any(|(_, f)| !f.trim().is_empty());
        if !has_value {
            if carry_labels {
                pending.extend(spans(&label_fields));
                let excess = pending.len().saturating_sub(MAX_PENDING);
                pending.drain(..excess);
            }
            continue;
        }
        let values = spans(value_fields);
        let mut all = core::mem::take(&mut pending);
        if !carry_labels {
            all.clear();
        }
        // The label of the value line itself, joined into one piece.
        if shape == LineShape::Tabs {
            all.extend(spans(&label_fields));
        } else if let (Some(&(first, _)), Some(&(last, text))) =
            (label_fields.first(), label_fields.last())
        {
            let joined = (|| {
                let s = start.checked_add(first)?;
                let e = start.checked_add(last)?.checked_add(text.len())?;
                src.spanned(s..e)
            })();
            if let Some(s) = joined {
                all.push(s);
            }
        }
        out.push(SourceRow {
            labels: all,
            values,
        });
    }
    out
}

/// The fields of a line with their byte offsets in the line.
fn split_fields(line: &str, shape: LineShape) -> Vec<(usize, &str)> {
    tick(line.len());
    match shape {
        LineShape::Tabs => {
            // A row of the format has at most eight fields (label and seven values).
            let mut out = Vec::with_capacity(8);
            let mut at = 0usize;
            for f in line.split('\t') {
                out.push((at, f));
                at = at.saturating_add(f.len()).saturating_add(1);
            }
            // Trailing empty fields carry nothing.
            while out.last().is_some_and(|(_, f)| f.trim().is_empty()) {
                out.pop();
            }
            out
        }
        LineShape::Spaces => {
            // A row of the format has at most eight fields (label and seven values).
            let mut out = Vec::with_capacity(8);
            out.extend(words(line));
            out
        }
    }
}

/// The words of `line`, the pieces between runs of white space (as `char::is_whitespace`
/// tells), with their byte offsets in the line; the same pieces as `str::split_whitespace`.
/// The scan goes by bytes: a space of a layout text is one byte, and the lead byte of a
/// character says whether it can be white space at all (the white space outside ASCII starts
/// with one of four lead bytes; CJK text never does), so only those few are decoded.
pub fn words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0usize;
    core::iter::from_fn(move || {
        // Past the white space, to the start of the next word.
        let start = loop {
            let (len, space) = char_at(line, at)?;
            if !space {
                break at;
            }
            at = at.saturating_add(len);
        };
        while let Some((len, false)) = char_at(line, at) {
            at = at.saturating_add(len);
        }
        line.get(start..at).map(|w| (start, w))
    })
}

/// The length in bytes of the character of `line` at byte `at` and whether it is white space;
/// `None` at the end of the line (or off a char boundary, which the scan of [`words`] never
/// is).
fn char_at(line: &str, at: usize) -> Option<(usize, bool)> {
    // One match on the lead byte: this is asked once per byte of every line (the facts are
    // those of `crate::chars`, spelt out here for the one branch).
    let lead = *line.as_bytes().get(at)?;
    match lead {
        b'\t'..=b'\r' | b' ' => Some((1, true)),
        0..=0x7F => Some((1, false)),
        0xC2 | 0xE1 | 0xE2 | 0xE3 => {
            let c = line.get(at..)?.chars().next()?;
            Some((c.len_utf8(), c.is_whitespace()))
        }
        0xC0..=0xDF => Some((2, false)),
        0xE0..=0xEF => Some((3, false)),
        _ => Some((4, false)),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// `words` by the definition: the pieces `split_whitespace` gives, with their offsets.
    fn words_by_chars(line: &str) -> Vec<(usize, &str)> {
        line.split_whitespace()
            .map(|w| {
                let at = (w.as_ptr() as usize).saturating_sub(line.as_ptr() as usize);
                (at, w)
            })
            .collect()
    }

    #[test]
    fn blank_lines_as_trim_tells() {
        for line in [
            "",
            " ",
            "\t \r",
            "\u{0B}",
            "\u{3000}",
            " \u{a0}\u{2003} ",
            " \u{3000}本",
            "a",
            "  - 4 -",
            "\u{200B}",
            "\u{85}",
            " \u{1680}x",
        ] {
            assert_eq!(super::is_blank(line), line.trim().is_empty(), "{line:?}");
        }
    }

    proptest! {
        #[test]
        fn words_are_split_whitespace(
            parts in proptest::collection::vec(prop_oneof![
                Just(" "), Just("  "), Just("\t"), Just("\u{0B}"), Just("\u{0C}"), Just("\r"),
                Just("\u{85}"), Just("\u{A0}"), Just("\u{1680}"), Just("\u{2000}"), Just("\u{200A}"),
                Just("\u{200B}"), Just("\u{2028}"), Just("\u{2029}"), Just("\u{202F}"),
                Just("\u{205F}"), Just("\u{3000}"), Just("\u{3001}"), Just("\u{E000}"), Just("\u{A9}"),
                Just("\u{1F600}"), Just("本年"), Just("12"), Just("a"), Just("—"), Just("\u{FEFF}"),
            ], 0..24)
        ) {
            let line: String = parts.concat();
            let got: Vec<(usize, &str)> = super::words(&line).collect();
            prop_assert_eq!(got, words_by_chars(&line));
        }
    }

    /// The page-marker test as it was written first (copying the line), to compare with.
    fn page_marker_by_copy(line: &str) -> bool {
        let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let inner = t
            .strip_prefix(['-', '—', '－'])
            .and_then(|s| s.strip_suffix(['-', '—', '－']));
        match inner {
            Some(d) => !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()),
            None => false,
        }
    }

    #[test]
    fn page_markers_as_before() {
        let parts = ["-", "—", "－", "1", "23", " ", "\u{3000}", "a", "页", "\t"];
        // Every line of up to four parts.
        let mut lines = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = lines
                .iter()
                .flat_map(|l| parts.iter().map(move |p| format!("{l}{p}")))
                .collect();
            lines.extend(longer);
        }
        lines.dedup();
        for line in &lines {
            assert_eq!(is_page_marker(line), page_marker_by_copy(line), "{line:?}");
        }
        assert!(is_page_marker("- 5 -"));
        assert!(is_page_marker("—12－"));
        assert!(!is_page_marker("--"));
    }

    use super::*;

    #[test]
    fn value_tokens_and_page_markers() {
        assert!(is_value_token("3119"));
        assert!(is_value_token("96171.6"));
        assert!(is_value_token("/"));
        assert!(is_value_token("251000元"));
        assert!(!is_value_token("1.属于国家秘密"));
        assert!(!is_value_token("（四）无"));
        assert!(is_page_marker("- 5 -"));
        assert!(is_page_marker("   -4-"));
        assert!(!is_page_marker("-"));
    }

    #[test]
    fn a_wrapped_label_joins_its_value_line() {
        let text = "（二）部分公开（区分处理的，只计这一情\n形，不计其他情形） 447 7 0 0 0 0 454\n";
        let src = Source::new(text);
        let rows = rows(&src, 0..text.len(), LineShape::Spaces, true);
        assert_eq!(rows.len(), 1);
        let row = rows.first().map(|r| (r.labels.len(), r.values.len()));
        assert_eq!(row, Some((2, 7)));
    }
}
