//! Tables of a page: each `<table>` walked in the DOM and its cells, with their `rowspan` and
//! `colspan`, filled into a [`Table`] of [`crate::place::grid`].

use core::ops::Range;

use scraper::{ElementRef, Html, Node};

use crate::place::grid::{Budget, MAX_GRID, Table};
use crate::read::Spanned;

/// Maps a byte range of the HTML text to a [`Spanned`] of the source.
pub(crate) trait Locate {
    /// The spanned text for `text` found at `range` of the HTML.
    fn spanned(&self, text: String, range: Range<usize>) -> Spanned;
}

/// Positions relative to the HTML text itself.
pub(crate) struct Plain(Lines);

impl Plain {
    /// Positions in `text`.
    pub(crate) fn new(text: &str) -> Self {
        Plain(Lines::new(text))
    }
}

impl Locate for Plain {
    fn spanned(&self, text: String, range: Range<usize>) -> Spanned {
        let line = self.0.line_of(range.start);
        Spanned {
            text,
            line,
            bytes: range,
        }
    }
}

/// The line starts of a text, so that the line of any byte is a binary search (counting the
/// line breaks before each cell again made reading a page quadratic in its size).
pub(crate) struct Lines {
    /// Byte offsets of the starts of the lines after the first.
    starts: Vec<usize>,
}

impl Lines {
    /// Indexes the line starts of `text`.
    pub(crate) fn new(text: &str) -> Self {
        let starts = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i.saturating_add(1))
            .collect();
        Lines { starts }
    }

    /// The 1-based line of byte `at`.
    pub(crate) fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_add(1)
    }
}

/// The tables of a parsed document, outermost first, in the order of the page, with cell
/// positions found in `html` (the text that was parsed) and mapped by `locate`; or, when the
/// spans of the page's tables expand to more than [`MAX_GRID`] grid positions, the 0-based
/// index of the table where that happened.
pub(crate) fn tables(doc: &Html, html: &str, locate: &dyn Locate) -> Result<Vec<Table>, usize> {
    let spans = cell_spans(html);
    let mut index = 0usize;
    let mut cell_pos: std::collections::HashMap<ego_tree::NodeId, Range<usize>> =
        std::collections::HashMap::new();
    for node in doc.tree.root().descendants() {
        if let Node::Element(e) = node.value() {
            if matches!(e.name(), "td" | "th") {
                if let Some(span) = spans.get(index) {
                    cell_pos.insert(node.id(), span.clone());
                }
                index = index.saturating_add(1);
            }
        }
    }
    let last = spans.last().map_or(0, |s| s.end);
    // Each table's own rows, found in one pass (walking every table's descendants made nested
    // tables quadratic).
    let mut order: Vec<ego_tree::NodeId> = Vec::new();
    let mut rows_of: std::collections::HashMap<ego_tree::NodeId, Vec<ElementRef<'_>>> =
        std::collections::HashMap::new();
    for node in doc.tree.root().descendants() {
        let Some(e) = ElementRef::wrap(node) else {
            continue;
        };
        match e.value().name() {
            "table" => order.push(e.id()),
            "tr" => {
                if let Some(t) = owner(e) {
                    rows_of.entry(t.id()).or_default().push(e);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut budget = Budget::new(MAX_GRID);
    for id in order {
        let Some(rows) = rows_of.remove(&id) else {
            continue;
        };
        let mut t = Table::with_rows(rows.len());
        for (r, tr) in rows.iter().enumerate() {
            for td in tr
                .child_elements()
                .filter(|e| matches!(e.value().name(), "td" | "th"))
            {
                let colspan = span(td.value().attr("colspan"), 1);
                let rowspan = span(td.value().attr("rowspan"), 1);
                let range = cell_pos.get(&td.id()).cloned().unwrap_or(last..last);
                let text = locate.spanned(cell_text(td), range);
                if t.push_cell(r, text, rowspan, colspan, &mut budget).is_err() {
                    return Err(out.len());
                }
            }
        }
        out.push(t);
    }
    Ok(out)
}

/// The nearest `<table>` around `e`.
fn owner(e: ElementRef<'_>) -> Option<ElementRef<'_>> {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "table")
}

fn span(attr: Option<&str>, default: usize) -> usize {
    attr.map(str::trim)
        .map(|a| {
            let digits: &str = a
                .find(|c: char| !c.is_ascii_digit())
                .and_then(|i| a.get(..i))
                .unwrap_or(a);
            digits.parse::<usize>().unwrap_or(default)
        })
        .unwrap_or(default)
}

/// The text of a cell: text nodes, `<br>` and block elements as line breaks, no-break and
/// ideographic spaces as spaces, trimmed.
fn cell_text(td: ElementRef<'_>) -> String {
    let mut s = String::new();
    // Depth first, in document order, with an explicit stack. A table nested in the cell is a
    // table of its own, read on its own: its text is not the cell's and it is not entered
    // (walking it made every enclosing cell repeat it, quadratic in the nesting).
    let mut stack: Vec<ego_tree::NodeRef<'_, Node>> = td.children().rev().collect();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => s.push_str(t),
            Node::Element(e) if e.name() == "table" => continue,
            Node::Element(e) if matches!(e.name(), "br" | "p" | "div" | "li") && !s.is_empty() => {
                s.push('\n');
            }
            _ => {}
        }
        stack.extend(node.children().rev());
    }
    let s: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\u{a0}' | '\u{3000}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    s.trim().to_owned()
}

/// For each `<td>`/`<th>` start tag of `html`, in order, the byte range of the cell's text
/// (its first to last character that is not markup or white space); an empty range just after
/// the start tag when the cell is blank. Comments, scripts and styles are skipped.
pub(crate) fn cell_spans(html: &str) -> Vec<Range<usize>> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(&ch) = b.get(i) {
        if ch != b'<' {
            i = i.saturating_add(1);
            continue;
        }
        if starts_ci(b, i, b"<!--") {
            i = find(b, b"-->", i).map_or(b.len(), |p| p.saturating_add(3));
        } else if starts_ci(b, i, b"<script") {
            i = find_ci(b, b"</script", i.saturating_add(1)).unwrap_or(b.len());
        } else if starts_ci(b, i, b"<style") {
            i = find_ci(b, b"</style", i.saturating_add(1)).unwrap_or(b.len());
        } else if tag_is(b, i, b"<td") || tag_is(b, i, b"<th") {
            let open_end = tag_end(b, i);
            out.push(text_span(html, open_end));
            i = open_end;
        } else {
            i = i.saturating_add(1);
        }
    }
    out
}

fn text_span(html: &str, from: usize) -> Range<usize> {
    let b = html.as_bytes();
    let mut i = from;
    let mut first: Option<usize> = None;
    let mut last = from;
    while let Some(&ch) = b.get(i) {
        match ch {
            b'<' => {
                if ["</td", "</th", "</tr", "</table", "<table"]
                    .iter()
                    .any(|p| starts_ci(b, i, p.as_bytes()))
                    || ["<td", "<th", "<tr"]
                        .iter()
                        .any(|p| tag_is(b, i, p.as_bytes()))
                {
                    break;
                }
                i = tag_end(b, i);
            }
            b'&' => {
                let semi = b
                    .get(i..i.saturating_add(12).min(b.len()))
                    .and_then(|w| w.iter().position(|&c| c == b';'))
                    .map_or(i, |p| p.saturating_add(i));
                let entity = html.get(i..=semi).unwrap_or("&");
                let blank = matches!(
                    entity.to_ascii_lowercase().as_str(),
                    "&nbsp;" | "&#160;" | "&#xa0;" | "&ensp;" | "&emsp;" | "&#12288;" | "&#x3000;"
                );
                if !blank {
                    first.get_or_insert(i);
                    last = semi.saturating_add(1);
                }
                i = semi.saturating_add(1);
            }
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => i = i.saturating_add(1),
            _ => {
                let c = html.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
                let len = c.len_utf8();
                if !matches!(c, '\u{a0}' | '\u{3000}') {
                    first.get_or_insert(i);
                    last = i.saturating_add(len);
                }
                i = i.saturating_add(len);
            }
        }
    }
    match first {
        Some(f) => f..last,
        None => from..from,
    }
}

/// The offset just after the `>` closing the tag that starts at `at` (quotes respected).
fn tag_end(b: &[u8], at: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut i = at.saturating_add(1);
    while let Some(&c) = b.get(i) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return i.saturating_add(1),
            None => {}
        }
        i = i.saturating_add(1);
    }
    b.len()
}

/// Whether a tag named by `prefix` (`<td`) starts at `at`: the prefix, then white space, `>`
/// or `/`.
fn tag_is(b: &[u8], at: usize, prefix: &[u8]) -> bool {
    starts_ci(b, at, prefix)
        && b.get(at.saturating_add(prefix.len()))
            .is_some_and(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
}

fn starts_ci(b: &[u8], at: usize, prefix: &[u8]) -> bool {
    b.get(at..at.saturating_add(prefix.len()))
        .is_some_and(|w| w.eq_ignore_ascii_case(prefix))
}

fn find(b: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p.saturating_add(from))
}

fn find_ci(b: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p.saturating_add(from))
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
    fn spans_point_at_the_cell_text() {
        let html = "<table><tr><td class=\"a\"><p> 12 </p></td><td>&nbsp;</td><th>本年新<br/>公开</th></tr></table>";
        let spans = cell_spans(html);
        assert_eq!(spans.len(), 3);
        assert_eq!(&html[spans[0].clone()], "12");
        assert!(spans[1].is_empty());
        assert_eq!(&html[spans[2].clone()], "本年新<br/>公开");
    }
}
