//! Tables of a page: each `<table>` walked in the DOM and its cells, with their `rowspan` and
//! `colspan`, filled into a [`Table`] of [`crate::place::grid`].

use core::ops::Range;

use scraper::{ElementRef, Html, Node};

use super::Steps;
use crate::place::grid::{Budget, GridFull, MAX_GRID, Table};
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
    pub(crate) fn new(text: &str, steps: &Steps) -> Self {
        Plain(Lines::new(text, steps))
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
    pub(crate) fn new(text: &str, steps: &Steps) -> Self {
        steps.add(text.len());
        let starts = memchr::memchr_iter(b'\n', text.as_bytes())
            .map(|i| i.saturating_add(1))
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
/// spans of the page's tables expand to more than [`MAX_GRID`] grid positions or repeat more
/// than [`crate::place::grid::MAX_SPANNED_TEXT`] bytes of cell text, the 0-based index of the
/// table where that happened and which limit it passed.
pub(crate) fn tables(
    doc: &Html,
    html: &str,
    locate: &dyn Locate,
    steps: &Steps,
) -> Result<Vec<Table>, (usize, GridFull)> {
    let spans = cell_spans(html, steps);
    let last = spans.last().map_or(0, |s| s.end);
    // One walk of the document, in document order, with the open elements on a stack: each
    // `<table>` gets its rows (the `<tr>`s whose nearest table it is: the innermost table open
    // when the row opens), each row its `<td>`/`<th>` children with the position of their
    // text (the n-th cell of the document has the n-th span). Walking every table's
    // descendants made nested tables quadratic, and so did looking up each row's table
    // through its ancestors in deep foreign (SVG) content.
    let mut open: Vec<Open> = Vec::new();
    let mut open_tables: Vec<usize> = Vec::new();
    let mut found: Vec<Vec<Row<'_>>> = Vec::new();
    let mut index = 0usize;
    for edge in doc.tree.root().traverse() {
        steps.add(1);
        let node = match edge {
            ego_tree::iter::Edge::Open(node) => node,
            ego_tree::iter::Edge::Close(_) => {
                if let Some(Open::Table) = open.pop() {
                    open_tables.pop();
                }
                continue;
            }
        };
        let Some(e) = ElementRef::wrap(node) else {
            open.push(Open::Other);
            continue;
        };
        let entry = match e.value().name() {
            "table" => {
                open_tables.push(found.len());
                found.push(Vec::new());
                Open::Table
            }
            "tr" => match open_tables
                .last()
                .and_then(|&t| Some((t, found.get_mut(t)?)))
            {
                Some((t, rows)) => {
                    rows.push(Vec::new());
                    Open::Row(t, rows.len().saturating_sub(1))
                }
                None => Open::Other,
            },
            "td" | "th" => {
                let range = spans.get(index).cloned().unwrap_or(last..last);
                index = index.saturating_add(1);
                if let Some(&Open::Row(t, r)) = open.last() {
                    if let Some(row) = found.get_mut(t).and_then(|rows| rows.get_mut(r)) {
                        row.push((e, range));
                    }
                }
                Open::Other
            }
            _ => Open::Other,
        };
        open.push(entry);
    }
    let mut out = Vec::new();
    let mut budget = Budget::new(MAX_GRID);
    let mut stack = Vec::new();
    for rows in found {
        if rows.is_empty() {
            continue;
        }
        let mut t = Table::with_rows(rows.len());
        for (r, cells) in rows.into_iter().enumerate() {
            // Where the row's previous cell ended: the columns passed to place a cell are
            // counted from there.
            let mut end = 0usize;
            for (td, range) in cells {
                let colspan = span(attr(&td, "colspan"), 1, steps);
                let rowspan = span(attr(&td, "rowspan"), 1, steps);
                let text = locate.spanned(cell_text(td, steps, &mut stack), range);
                let cell = t
                    .push_cell(r, text, rowspan, colspan, &mut budget)
                    .map_err(|full| (out.len(), full))?;
                steps.add(
                    cell.rowspan
                        .saturating_mul(cell.colspan)
                        .saturating_add(cell.column.saturating_sub(end))
                        .saturating_add(1),
                );
                end = cell.column.saturating_add(cell.colspan);
            }
        }
        out.push(t);
    }
    Ok(out)
}

/// A row of a table as [`tables`] finds it: its cells with the byte range of their text.
type Row<'a> = Vec<(ElementRef<'a>, Range<usize>)>;

/// What an open element of the walk of [`tables`] is.
enum Open {
    /// A `<table>` (the last of the open tables).
    Table,
    /// A `<tr>`: row `.1` of table `.0`.
    Row(usize, usize),
    /// Anything else.
    Other,
}

fn span(attr: Option<&str>, default: usize, steps: &Steps) -> usize {
    steps.add(attr.map_or(1, str::len));
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
/// ideographic spaces as spaces, trimmed; not the text of a table or of a row's cell inside
/// it (each read on its own). `stack` is scratch space, kept between cells.
fn cell_text<'a>(
    td: ElementRef<'a>,
    steps: &Steps,
    stack: &mut Vec<ego_tree::NodeRef<'a, Node>>,
) -> String {
    let mut s = String::new();
    // Depth first, in document order, with an explicit stack. A table nested in the cell is a
    // table of its own, read on its own: its text is not the cell's and it is not entered
    // (walking it made every enclosing cell repeat it, quadratic in the nesting); so is a
    // cell nested in the cell.
    stack.clear();
    stack.extend(td.children().rev());
    while let Some(node) = stack.pop() {
        steps.add(1);
        match node.value() {
            Node::Text(t) => {
                steps.add(t.len());
                push_spaced(&mut s, t);
            }
            Node::Element(e) if e.name() == "table" => continue,
            // A cell inside the cell (only foreign content, such as SVG, and `<template>` can
            // put one there) is a cell of its own row, read on its own; walking it made every
            // enclosing cell repeat its text, quadratic in the nesting.
            Node::Element(e)
                if matches!(e.name(), "td" | "th")
                    && node
                        .parent()
                        .and_then(ElementRef::wrap)
                        .is_some_and(|p| p.value().name() == "tr") =>
            {
                continue;
            }
            Node::Element(e) if matches!(e.name(), "br" | "p" | "div" | "li") && !s.is_empty() => {
                s.push('\n');
            }
            _ => {}
        }
        stack.extend(node.children().rev());
    }
    steps.add(s.len());
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len().saturating_sub(s.trim_start().len());
    s.drain(..start);
    s
}

/// Appends `text` to `s` with no-break and ideographic spaces as spaces.
fn push_spaced(s: &mut String, text: &str) {
    if text.contains(['\u{a0}', '\u{3000}']) {
        s.extend(text.chars().map(|c| {
            if matches!(c, '\u{a0}' | '\u{3000}') {
                ' '
            } else {
                c
            }
        }));
    } else {
        s.push_str(text);
    }
}

/// The value of attribute `name` (lowercase, no namespace) of `e`: what `Element::attr` gives,
/// without making an atom of the name on every call.
fn attr<'a>(e: &'a ElementRef<'_>, name: &str) -> Option<&'a str> {
    e.value()
        .attrs
        .iter()
        .find(|(q, _)| q.prefix.is_none() && q.ns.is_empty() && &*q.local == name)
        .map(|(_, v)| &**v)
}

/// For each `<td>`/`<th>` start tag of `html`, in order, the byte range of the cell's text
/// (its first to last character that is not markup or white space); an empty range just after
/// the start tag when the cell is blank. Comments, scripts and styles are skipped.
pub(crate) fn cell_spans(html: &str, steps: &Steps) -> Vec<Range<usize>> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut memo = std::collections::HashMap::new();
    let mut i = 0usize;
    while let Some(&ch) = b.get(i) {
        let at = i;
        if ch != b'<' {
            // To the next tag.
            i = b
                .get(i..)
                .and_then(|rest| memchr::memchr(b'<', rest))
                .map_or(b.len(), |p| p.saturating_add(i));
            steps.add(i.saturating_sub(at));
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
            out.push(text_span(html, open_end, steps, &mut memo));
            i = open_end;
        } else {
            i = i.saturating_add(1);
        }
        steps.add(i.saturating_sub(at).saturating_add(1));
    }
    out
}

/// What the scan of [`text_span`] found from a position on: the start of its first character
/// of text and the end of its last, if it found any.
#[derive(Debug, Clone, Copy)]
struct Rest {
    first: Option<usize>,
    last: Option<usize>,
}

/// The byte range of the text of the cell whose start tag ends at `from`: its first to last
/// character that is not markup or white space, up to the next cell, row or table tag; an
/// empty range at `from` when there is none.
///
/// The scan from a position on is the same whoever starts it, so where it has passed a tag or
/// an entity holding a `<` — a quoted attribute value with cell tags in it, a tag running into
/// the next (`<x<td>`) — the cells found inside would scan the same text again (quadratic in
/// the number of such cells): from there on, what the scan found from each tag and each
/// landing place after a jump is kept in `memo`, and a later scan that reaches one of them
/// takes it from there. Before such a jump a scan stops at the next cell tag at the latest,
/// so those scans never overlap.
fn text_span(
    html: &str,
    from: usize,
    steps: &Steps,
    memo: &mut std::collections::HashMap<usize, Rest>,
) -> Range<usize> {
    let b = html.as_bytes();
    let mut i = from;
    let mut first: Option<usize> = None;
    let mut last = from;
    // After the first jump over a `<`: the places whose rest is to be kept, each with the
    // number of characters of text found before it, and those characters' (start, end).
    let mut crossed = false;
    let mut landed = false;
    let mut pending: Vec<(usize, usize)> = Vec::new();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut rest = Rest {
        first: None,
        last: None,
    };
    while let Some(&ch) = b.get(i) {
        if crossed && (landed || ch == b'<') {
            if let Some(&known) = memo.get(&i) {
                rest = known;
                break;
            }
            pending.push((i, found.len()));
        }
        landed = false;
        let mut token: Option<(usize, usize)> = None;
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
                let end = tag_end(b, i);
                crossed |= holds_lt(b, i, end);
                landed = true;
                i = end;
            }
            b'&' => {
                // The window searched for `;` and the entity's lowercase copy.
                steps.add(24);
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
                    token = Some((i, semi.saturating_add(1)));
                }
                crossed |= holds_lt(b, i, semi);
                landed = true;
                i = semi.saturating_add(1);
            }
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => i = i.saturating_add(1),
            _ => {
                // A character (`i` is always at the start of one): its length from its first
                // byte; no-break and ideographic spaces are blank.
                let len = match ch {
                    0x00..=0x7f => 1,
                    0xf0.. => 4,
                    0xe0.. => 3,
                    _ => 2,
                };
                let end = i.saturating_add(len);
                if !matches!(b.get(i..end), Some([0xc2, 0xa0] | [0xe3, 0x80, 0x80])) {
                    token = Some((i, end));
                }
                i = end;
            }
        }
        if let Some((start, end)) = token {
            first.get_or_insert(start);
            last = end;
            if crossed {
                found.push((start, end));
            }
        }
    }
    steps.add(i.saturating_sub(from).saturating_add(1));
    // Keep the rest of each pending place: its first character of text after it, and the
    // last of the whole scan.
    let last_found = found.last().map(|&(_, end)| end);
    for (at, before) in pending {
        let known = match found.get(before) {
            Some(&(start, _)) => Rest {
                first: Some(start),
                last: rest.last.or(last_found),
            },
            None => rest,
        };
        memo.insert(at, known);
    }
    steps.add(found.len());
    let first = first.or(rest.first);
    let last = rest.last.unwrap_or(last);
    match first {
        Some(f) => f..last,
        None => from..from,
    }
}

/// Whether `b[at + 1..end]` holds a `<`.
fn holds_lt(b: &[u8], at: usize, end: usize) -> bool {
    b.get(at.saturating_add(1)..end)
        .is_some_and(|w| w.contains(&b'<'))
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
        let spans = cell_spans(html, &Steps::default());
        assert_eq!(spans.len(), 3);
        assert_eq!(&html[spans[0].clone()], "12");
        assert!(spans[1].is_empty());
        assert_eq!(&html[spans[2].clone()], "本年新<br/>公开");
    }
}
