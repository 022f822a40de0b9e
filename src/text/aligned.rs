//! Aligned text — `pdftotext -layout` output and this crate's plain-text renderer — read by
//! column position, so that a blank cell keeps its place.
//!
//! Splitting a line at runs of white space loses a blank cell: `3    1` under four columns could
//! be any two of them. The columns are where the table's header cells stand. Each table's
//! *leaf* header cells (the column labels of the catalogue: 自然人 … 总计, 结果维持 … 总计, the
//! columns of section 二) are found on the lines above its rows; their start positions cut the
//! line into one bin per column, from the start of one header cell to the start of the next.
//! A value belongs to the bin that holds its middle, which is right for values aligned left
//! (as `pdftotext -layout` writes them), right (as the renderer writes numbers) or centred
//! under their header.
//!
//! Positions are counted two ways: in display columns (East Asian characters count two, as
//! the renderer and a terminal align them) and in characters (as `pdftotext -layout` aligns
//! them). Rows that give every column a value show which count the table follows; a table
//! whose full rows disagree with its header under both counts is left as it is.
//!
//! Only rows with fewer values than the table has columns change: their values are placed in
//! their columns and the columns between them given empty values, which the assembler reads as
//! blank cells. Nothing is invented: a blank is what the source shows at that position.

use core::ops::Range;

use crate::catalogue::{
    AppealColumn, ApplicantColumn, Edition, PROACTIVE_CONTENT_HEADER, ProactiveColumn, TableKey,
};
use crate::read::{SourceRow, Spanned};
use crate::render::display_width;
use crate::text::lines::{Source, is_page_marker, is_value_token};

/// How positions in a line are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    /// Display columns: East Asian wide characters count two.
    Display,
    /// Characters.
    Chars,
}

const MEASURES: [Measure; 2] = [Measure::Display, Measure::Chars];

impl Measure {
    fn width(self, s: &str) -> usize {
        match self {
            Measure::Display => display_width(s),
            Measure::Chars => s.chars().count(),
        }
    }
}

/// A start and end position in a line, end exclusive.
type Extent = (usize, usize);

/// One leaf header cell: its extent in display columns and in characters.
type HeaderCell = (Extent, Extent);

/// The columns of one table: where its leaf header cells start, under both measures, and the
/// byte offset from which rows follow this header.
#[derive(Debug, Clone, Default)]
struct Header {
    /// Byte offset of the start of the header's last line: rows after it use this header.
    from: usize,
    /// Start and end of each leaf header cell in display columns, sorted by start.
    display: Vec<Extent>,
    /// Start and end of each leaf header cell in characters, in the same order.
    chars: Vec<Extent>,
}

impl Header {
    fn starts(&self, m: Measure) -> Vec<usize> {
        let spans = match m {
            Measure::Display => &self.display,
            Measure::Chars => &self.chars,
        };
        spans.iter().map(|&(s, _)| s).collect()
    }

    /// Whether a cell of `other` stands where a cell of this header stands, counted both ways
    /// (one count alone is fooled by lines whose wide characters differ).
    fn overlaps(&self, other: &[HeaderCell]) -> bool {
        let hit = |spans: &[Extent], (s, e): Extent| spans.iter().any(|&(hs, he)| s < he && hs < e);
        other
            .iter()
            .any(|&(d, c)| hit(&self.display, d) && hit(&self.chars, c))
    }

    fn add(&mut self, cells: Vec<HeaderCell>) {
        let mut all: Vec<HeaderCell> = self
            .display
            .iter()
            .copied()
            .zip(self.chars.iter().copied())
            .chain(cells)
            .collect();
        all.sort_unstable();
        self.display = all.iter().map(|&(d, _)| d).collect();
        self.chars = all.iter().map(|&(_, c)| c).collect();
    }
}

/// The leaf column labels of `table`, as the catalogue writes them (both editions for section
/// 二).
fn leaf_labels(table: TableKey) -> Vec<&'static str> {
    match table {
        TableKey::Proactive => ProactiveColumn::ALL
            .iter()
            .flat_map(|c| [c.label_in(Edition::E2019), c.label_in(Edition::E2021)])
            .collect(),
        TableKey::Applications => ApplicantColumn::ALL.iter().map(|c| c.label()).collect(),
        TableKey::Appeals => AppealColumn::ALL.iter().map(|c| c.label()).collect(),
    }
}

/// Whether `token` is a leaf header cell: one of `labels`, or the first line of one wrapped
/// over several lines (at least two characters of its start: `商业企` for 商业企业).
fn is_leaf(token: &str, labels: &[&str]) -> bool {
    labels
        .iter()
        .any(|l| *l == token || (token.chars().nth(1).is_some() && l.starts_with(token)))
}

/// The tokens of `line` separated by white space, with their byte offsets in the line.
fn tokens(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                if let Some(t) = line.get(s..i) {
                    out.push((s, t));
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        if let Some(t) = line.get(s..) {
            out.push((s, t));
        }
    }
    out
}

/// The extent of the token at byte `at` of `line`, `len` bytes long, under `m`.
fn extent(line: &str, at: usize, len: usize, m: Measure) -> Option<Extent> {
    let start = m.width(line.get(..at)?);
    let width = m.width(line.get(at..at.checked_add(len)?)?);
    Some((start, start.checked_add(width)?))
}

/// The headers of the tables in `range`, in the order of the source. A header is the run of
/// lines with leaf header cells and no values above a table's rows; a new one starts after
/// value lines, at a stub header (信息内容: every table of section 二 has its own), or where a
/// header cell stands where one already stands.
fn headers(src: &Source<'_>, range: Range<usize>, table: TableKey) -> Vec<Header> {
    let labels = leaf_labels(table);
    let mut out: Vec<Header> = Vec::new();
    let mut values_since = true;
    for (start, line) in src.lines(range) {
        let t = line.trim();
        if t.is_empty() || is_page_marker(t) {
            continue;
        }
        let toks = tokens(line);
        if toks.iter().any(|(_, tok)| is_value_token(tok)) {
            values_since = true;
            continue;
        }
        let cells: Vec<HeaderCell> = toks
            .iter()
            .filter(|(_, tok)| is_leaf(tok, &labels))
            .filter_map(|&(at, tok)| {
                Some((
                    extent(line, at, tok.len(), Measure::Display)?,
                    extent(line, at, tok.len(), Measure::Chars)?,
                ))
            })
            .collect();
        if cells.is_empty() {
            continue;
        }
        let stub = toks.iter().any(|(_, tok)| *tok == PROACTIVE_CONTENT_HEADER);
        let fresh = values_since || stub || out.last().is_none_or(|h| h.overlaps(&cells));
        if fresh {
            out.push(Header::default());
        }
        if let Some(h) = out.last_mut() {
            h.add(cells);
            h.from = start;
        }
        values_since = false;
    }
    out
}

/// What a row's values are placed against.
#[derive(Debug, Clone, Copy)]
enum Anchors<'h> {
    /// The table's header: bins from one header cell's start to the next's.
    Header(&'h Header),
    /// A row of the same page that gives every column a value: the nearest of its values.
    Reference(&'h SourceRow),
}

/// The extent of a value under `m`.
fn value_extent(src: &Source<'_>, v: &Spanned, m: Measure) -> Option<Extent> {
    let line_start = src.line_start(v.bytes.start);
    let line = src.full_line(v.bytes.start);
    let at = v.bytes.start.checked_sub(line_start)?;
    extent(line, at, v.bytes.len(), m)
}

/// The column of each value of `row` against `anchors` under `m`, by the value's middle: the
/// header bin that holds it, or the reference value whose middle is nearest. `None` when a
/// value lies left of the first header cell or two values fall in one column.
fn assign(
    src: &Source<'_>,
    row: &SourceRow,
    anchors: Anchors<'_>,
    m: Measure,
) -> Option<Vec<usize>> {
    // Twice the middle, to stay in whole numbers.
    let middle = |v: &Spanned| value_extent(src, v, m).and_then(|(s, e)| s.checked_add(e));
    let reference: Option<Vec<usize>> = match anchors {
        Anchors::Header(_) => None,
        Anchors::Reference(r) => Some(r.values.iter().map(middle).collect::<Option<_>>()?),
    };
    let mut out: Vec<usize> = Vec::with_capacity(row.values.len());
    for v in &row.values {
        let mid = middle(v)?;
        let col = match (anchors, &reference) {
            (Anchors::Header(h), _) => h
                .starts(m)
                .iter()
                .rposition(|&st| st.checked_mul(2).is_some_and(|st2| st2 <= mid))?,
            (Anchors::Reference(_), Some(centres)) => centres
                .iter()
                .enumerate()
                .min_by_key(|&(_, &c)| c.abs_diff(mid))
                .map(|(i, _)| i)?,
            (Anchors::Reference(_), None) => return None,
        };
        if out.last().is_some_and(|&prev| prev >= col) {
            return None;
        }
        out.push(col);
    }
    Some(out)
}

/// The byte offsets where a new page starts in `range`: page numbers (`-4-`) and form feeds.
/// `pdftotext -layout` lays each page out anew, so columns found on one page do not hold on the
/// next.
fn page_breaks(src: &Source<'_>, range: Range<usize>) -> Vec<usize> {
    src.lines(range)
        .filter(|(_, line)| is_page_marker(line) || line.contains('\u{c}'))
        .map(|(start, _)| start)
        .collect()
}

/// Places the values of short rows of `rows` (found in `range`, a table region of `table`) in
/// their columns by position, giving the columns between and after them empty values (blank
/// cells). Rows with as many values as the header has columns, or more, are left as they are.
///
/// On the header's own page the header's cells are the columns; on a later page (or where the
/// header does not fit the full rows) the nearest row of the same page that gives every column
/// a value is. The count of positions (display columns or characters) is the one every full
/// row of the page agrees with; a page whose full rows agree with neither is left as it is.
pub fn place(src: &Source<'_>, range: Range<usize>, table: TableKey, rows: &mut [SourceRow]) {
    let headers = headers(src, range.clone(), table);
    if headers.is_empty() {
        return;
    }
    let breaks = page_breaks(src, range);
    let page = |at: usize| breaks.partition_point(|&b| b <= at);
    let at = |row: &SourceRow| row.values.first().map(|v| v.bytes.start);
    // Each row with values, by the header above it and its page.
    let segment = |row: &SourceRow| -> Option<(usize, usize)> {
        let at = at(row)?;
        let k = headers.iter().rposition(|h| h.from < at)?;
        Some((k, page(at)))
    };
    let mut segments: Vec<(usize, usize)> = rows.iter().filter_map(segment).collect();
    segments.dedup();
    for (k, p) in segments {
        let Some(header) = headers.get(k) else {
            continue;
        };
        let n = header.display.len();
        let mine: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| segment(r) == Some((k, p)))
            .map(|(i, _)| i)
            .collect();
        let full: Vec<&SourceRow> = mine
            .iter()
            .filter_map(|&i| rows.get(i))
            .filter(|r| r.values.len() == n)
            .collect();
        let identity: Vec<usize> = (0..n).collect();
        let agree = |anchors: Anchors<'_>, m: Measure| {
            full.iter()
                .all(|r| assign(src, r, anchors, m).as_ref() == Some(&identity))
        };
        // The header's cells on its own page, in the measure every full row agrees with.
        let by_header = (page(header.from) == p)
            .then(|| {
                MEASURES
                    .into_iter()
                    .find(|&m| agree(Anchors::Header(header), m))
            })
            .flatten();
        let mut placed_rows: Vec<(usize, Vec<Spanned>)> = Vec::new();
        for &i in &mine {
            let Some(row) = rows.get(i) else {
                continue;
            };
            if row.values.is_empty() || row.values.len() >= n {
                continue;
            }
            let cols = match by_header {
                Some(m) => assign(src, row, Anchors::Header(header), m),
                None => {
                    // The nearest full row of the page, in the measure all full rows agree with.
                    let Some(line) = at(row) else {
                        continue;
                    };
                    let reference = full
                        .iter()
                        .min_by_key(|r| at(r).map_or(usize::MAX, |a| a.abs_diff(line)));
                    reference.and_then(|&reference| {
                        MEASURES
                            .into_iter()
                            .find(|&m| agree(Anchors::Reference(reference), m))
                            .and_then(|m| assign(src, row, Anchors::Reference(reference), m))
                    })
                }
            };
            let Some(cols) = cols else {
                continue;
            };
            if cols.last().is_none_or(|&c| c >= n) {
                continue;
            }
            placed_rows.push((i, spread(src, &row.values, &cols, n)));
        }
        for (i, values) in placed_rows {
            if let Some(row) = rows.get_mut(i) {
                row.values = values;
            }
        }
    }
}

/// `values` in `n` columns, value `j` in column `cols[j]`, an empty value (a blank cell) in
/// every other column, at the byte where the next value starts (or the last one ends).
fn spread(src: &Source<'_>, values: &[Spanned], cols: &[usize], n: usize) -> Vec<Spanned> {
    let line_end = values.last().map_or(0, |v| v.bytes.end);
    let mut taken = values.iter().zip(cols).peekable();
    let mut placed: Vec<Spanned> = Vec::with_capacity(n);
    for c in 0..n {
        match taken.next_if(|(_, col)| **col == c) {
            Some((v, _)) => placed.push(v.clone()),
            None => {
                let at = taken.peek().map_or(line_end, |(v, _)| v.bytes.start);
                if let Some(blank) = src.spanned(at..at) {
                    placed.push(blank);
                }
            }
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(row: &SourceRow) -> Vec<&str> {
        row.values.iter().map(|v| v.text.as_str()).collect()
    }

    #[test]
    fn a_blank_keeps_its_column() {
        let text = "信息内容  本年制发件数  本年废止件数  现行有效件数\n\
                    规章                 1                        11\n\
                    行政规范性文件       8            26\n";
        let src = Source::new(text);
        let mut rows = crate::text::lines::rows(
            &src,
            0..text.len(),
            crate::text::lines::LineShape::Spaces,
            true,
        );
        place(&src, 0..text.len(), TableKey::Proactive, &mut rows);
        let got: Vec<Vec<&str>> = rows.iter().map(texts).collect();
        assert_eq!(got, vec![vec!["1", "", "11"], vec!["8", "26", ""]]);
    }

    #[test]
    fn character_counted_alignment_is_recognised() {
        // pdftotext -layout counts characters: the values start under their header cells.
        let text = "信息内容          本年制发件数     本年废止件数   现行有效件数\n\
                    规章            1          0        11\n\
                    行政规范性文件                  26       66\n";
        let src = Source::new(text);
        let mut rows = crate::text::lines::rows(
            &src,
            0..text.len(),
            crate::text::lines::LineShape::Spaces,
            true,
        );
        place(&src, 0..text.len(), TableKey::Proactive, &mut rows);
        let got: Vec<Vec<&str>> = rows.iter().map(texts).collect();
        assert_eq!(got, vec![vec!["1", "0", "11"], vec!["", "26", "66"]]);
    }

    #[test]
    fn full_rows_that_disagree_leave_the_table_alone() {
        let text = "信息内容  本年制发件数  本年废止件数  现行有效件数\n\
                    规章  1  0  11\n\
                    行政规范性文件  8  26\n";
        let src = Source::new(text);
        let mut rows = crate::text::lines::rows(
            &src,
            0..text.len(),
            crate::text::lines::LineShape::Spaces,
            true,
        );
        place(&src, 0..text.len(), TableKey::Proactive, &mut rows);
        let got: Vec<Vec<&str>> = rows.iter().map(texts).collect();
        assert_eq!(got, vec![vec!["1", "0", "11"], vec!["8", "26"]]);
    }
}
