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
use crate::place::work::tick;
use crate::read::{SourceRow, Spanned};
use crate::render::display_width;
use crate::text::lines::{Source, is_blank, is_page_marker, is_value_token, words};

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

/// Extents sorted by start, with the furthest end reached by each prefix: whether any of them
/// overlaps a given extent is a binary search, not a pass over all of them.
#[derive(Debug, Clone, Default)]
struct Spans {
    /// The starts, ascending.
    starts: Vec<usize>,
    /// `reach[i]`: the largest end among the extents `0..=i`.
    reach: Vec<usize>,
}

impl Spans {
    fn new(extents: impl Iterator<Item = Extent>) -> Spans {
        let mut all: Vec<Extent> = extents.collect();
        all.sort_unstable();
        let mut reach = Vec::with_capacity(all.len());
        let mut furthest = 0usize;
        for &(_, e) in &all {
            furthest = furthest.max(e);
            reach.push(furthest);
        }
        Spans {
            starts: all.iter().map(|&(s, _)| s).collect(),
            reach,
        }
    }

    /// Whether an extent overlaps `s..e`: among those starting before `e`, one ends after `s`.
    fn hit(&self, (s, e): Extent) -> bool {
        let before = self.starts.partition_point(|&hs| hs < e);
        before
            .checked_sub(1)
            .and_then(|i| self.reach.get(i))
            .is_some_and(|&r| r > s)
    }
}

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
    /// The cells' starts in display columns, in the order above (ascending).
    display_starts: Vec<usize>,
    /// The cells' starts in characters, in the order above.
    chars_starts: Vec<usize>,
    /// Whether `chars_starts` ascend (they do unless lines of the header disagree on the
    /// order of their cells), so that the bin of a position is a binary search.
    chars_ascend: bool,
    /// The display extents, for overlap queries.
    display_spans: Spans,
    /// The character extents, for overlap queries.
    chars_spans: Spans,
}

impl Header {
    /// Whether a cell of `other` stands where a cell of this header stands, counted both ways
    /// (one count alone is fooled by lines whose wide characters differ).
    fn overlaps(&self, other: &[HeaderCell]) -> bool {
        tick(other.len());
        other
            .iter()
            .any(|&(d, c)| self.display_spans.hit(d) && self.chars_spans.hit(c))
    }

    fn add(&mut self, cells: Vec<HeaderCell>) {
        let mut all: Vec<HeaderCell> = self
            .display
            .iter()
            .copied()
            .zip(self.chars.iter().copied())
            .chain(cells)
            .collect();
        tick(all.len());
        all.sort_unstable();
        self.display = all.iter().map(|&(d, _)| d).collect();
        self.chars = all.iter().map(|&(_, c)| c).collect();
        self.display_starts = self.display.iter().map(|&(s, _)| s).collect();
        self.chars_starts = self.chars.iter().map(|&(s, _)| s).collect();
        self.chars_ascend = self.chars_starts.windows(2).all(|w| match w {
            [a, b] => a <= b,
            _ => true,
        });
        self.display_spans = Spans::new(self.display.iter().copied());
        self.chars_spans = Spans::new(self.chars.iter().copied());
    }

    /// The bin that holds twice-middle `mid` under `m`: the last header cell whose start is at
    /// most the middle, `None` left of the first.
    fn column(&self, m: Measure, mid: usize) -> Option<usize> {
        let left_of = |st: &usize| st.checked_mul(2).is_some_and(|st2| st2 <= mid);
        let (starts, ascend) = match m {
            Measure::Display => (&self.display_starts, true),
            Measure::Chars => (&self.chars_starts, self.chars_ascend),
        };
        if ascend {
            starts.partition_point(left_of).checked_sub(1)
        } else {
            tick(starts.len());
            starts.iter().rposition(left_of)
        }
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

/// The extents under `m` of the pieces of `line` at `(byte offset, length)`: the extent of each
/// is the width of the line before it and its own width. Pieces in increasing order are
/// measured from the end of the one before, so that the line is read once, not once per piece;
/// `None` for a piece off the line's char boundaries.
fn extents(line: &str, pieces: &[(usize, usize)], m: Measure) -> Vec<Option<Extent>> {
    // The byte offset reached and the width of the line before it.
    let mut cursor = (0usize, 0usize);
    let mut out = Vec::with_capacity(pieces.len());
    for &(at, len) in pieces {
        let (from, before) = if at >= cursor.0 { cursor } else { (0, 0) };
        let extent = (|| {
            let gap = line.get(from..at)?;
            let piece = line.get(at..at.checked_add(len)?)?;
            tick(gap.len().saturating_add(piece.len()));
            let start = before.checked_add(m.width(gap))?;
            let end = start.checked_add(m.width(piece))?;
            cursor = (at.checked_add(len)?, end);
            Some((start, end))
        })();
        out.push(extent);
    }
    out
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
        if is_blank(line) || is_page_marker(line) {
            continue;
        }
        if words(line).any(|(_, tok)| is_value_token(tok)) {
            values_since = true;
            continue;
        }
        let toks: Vec<(usize, &str)> = words(line).collect();
        let leaves: Vec<(usize, usize)> = toks
            .iter()
            .filter(|(_, tok)| is_leaf(tok, &labels))
            .map(|&(at, tok)| (at, tok.len()))
            .collect();
        let display = extents(line, &leaves, Measure::Display);
        let chars = extents(line, &leaves, Measure::Chars);
        let cells: Vec<HeaderCell> = display
            .into_iter()
            .zip(chars)
            .filter_map(|(d, c)| Some((d?, c?)))
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
    /// The values of a row of the same page that gives every column a value: the nearest of
    /// them.
    Reference(&'h Centres),
}

/// The twice-middles of a reference row's values, and whether they ascend strictly (the values
/// of one line do), so that the nearest of them is found by halves.
#[derive(Debug, Clone)]
struct Centres {
    mids: Vec<usize>,
    ascending: bool,
}

impl Centres {
    fn new(mids: Vec<usize>) -> Centres {
        tick(mids.len());
        let ascending = mids.windows(2).all(|w| match w {
            [a, b] => a < b,
            _ => true,
        });
        Centres { mids, ascending }
    }

    /// The index of the centre nearest to `mid` (the first of equally near ones), `None`
    /// without centres.
    fn nearest(&self, mid: usize) -> Option<usize> {
        if self.ascending {
            nearest_ascending(&self.mids, mid)
        } else {
            tick(self.mids.len());
            self.mids
                .iter()
                .enumerate()
                .min_by_key(|&(_, &c)| c.abs_diff(mid))
                .map(|(i, _)| i)
        }
    }
}

/// Twice the middle of each value of a row under `m` (twice, to stay in whole numbers), or
/// `None` when one cannot be measured. The values of one line are measured in one pass over it.
fn middles(src: &Source<'_>, values: &[Spanned], m: Measure) -> Option<Vec<usize>> {
    let mut out = Vec::with_capacity(values.len());
    let mut k = 0usize;
    while let Some(first) = values.get(k) {
        // The values from `k` on that stand on the same line.
        let line_start = src.line_start(first.bytes.start);
        let line = src.full_line(first.bytes.start);
        let line_end = line_start.saturating_add(line.len());
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        for v in values.get(k..).unwrap_or(&[]) {
            // A byte from the line's start to its end (its line break) is on the line.
            let same_line = v.bytes.start >= line_start && v.bytes.start <= line_end;
            if !same_line {
                break;
            }
            pieces.push((v.bytes.start.checked_sub(line_start)?, v.bytes.len()));
        }
        for e in extents(line, &pieces, m) {
            let (s, e) = e?;
            out.push(s.checked_add(e)?);
        }
        k = k.saturating_add(pieces.len().max(1));
    }
    Some(out)
}

/// The index of the value of `centres` (ascending strictly) nearest to `mid`, the first of
/// two equally near: one of the two around `mid`, found by halves.
fn nearest_ascending(centres: &[usize], mid: usize) -> Option<usize> {
    let k = centres.partition_point(|&c| c < mid);
    let before = k.checked_sub(1).and_then(|b| Some((b, centres.get(b)?)));
    let after = centres.get(k).map(|c| (k, c));
    match (before, after) {
        (Some((b, cb)), Some((a, ca))) => Some(if cb.abs_diff(mid) <= ca.abs_diff(mid) {
            b
        } else {
            a
        }),
        (Some((b, _)), None) => Some(b),
        (None, Some((a, _))) => Some(a),
        (None, None) => None,
    }
}

/// The column of each value (given by its twice-middle `mids`) against `anchors` under `m`:
/// the header bin that holds it, or the reference value whose middle is nearest. `None` when a
/// value lies left of the first header cell or two values fall in one column.
fn assign(mids: &[usize], anchors: Anchors<'_>, m: Measure) -> Option<Vec<usize>> {
    tick(mids.len());
    let mut out: Vec<usize> = Vec::with_capacity(mids.len());
    for &mid in mids {
        let col = match anchors {
            Anchors::Header(h) => h.column(m, mid)?,
            Anchors::Reference(centres) => centres.nearest(mid)?,
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

/// The full rows of one header and page, measured once: whether each full row puts every
/// value in its own column is then a pass over that row, and whether all of them do against
/// a reference row is a comparison per column (see [`FullRows::agree_with`]).
struct FullRows<'s, 'r> {
    src: &'s Source<'s>,
    full: &'r [&'r SourceRow],
    n: usize,
    /// Per measure, measured when first asked for: the twice-middles of each full row (`None`
    /// when some full row cannot be measured: then no anchors agree with the full rows), and
    /// the smallest and largest twice-middle of each column over the full rows.
    measured: [core::cell::OnceCell<Measured>; 2],
}

/// The full rows under one measure (see [`FullRows`]).
type Measured = (Option<Vec<Vec<usize>>>, Vec<(usize, usize)>);

impl<'s, 'r> FullRows<'s, 'r> {
    fn new(src: &'s Source<'s>, full: &'r [&'r SourceRow], n: usize) -> FullRows<'s, 'r> {
        FullRows {
            src,
            full,
            n,
            measured: [core::cell::OnceCell::new(), core::cell::OnceCell::new()],
        }
    }

    fn measured(&self, m: Measure) -> Option<&Measured> {
        let cell = self.measured.get(Self::index(m))?;
        Some(cell.get_or_init(|| {
            let mids: Option<Vec<Vec<usize>>> = self
                .full
                .iter()
                .map(|r| middles(self.src, &r.values, m))
                .collect();
            let mut range: Vec<(usize, usize)> = vec![(usize::MAX, 0); self.n];
            for row in mids.iter().flatten() {
                for (r, &mid) in range.iter_mut().zip(row) {
                    *r = (r.0.min(mid), r.1.max(mid));
                }
            }
            (mids, range)
        }))
    }

    fn index(m: Measure) -> usize {
        match m {
            Measure::Display => 0,
            Measure::Chars => 1,
        }
    }

    /// Whether every full row puts value `j` in column `j` against `anchors` under `m`.
    fn agree(&self, anchors: Anchors<'_>, m: Measure, n: usize) -> bool {
        let Some((Some(rows), _)) = self.measured(m) else {
            return false;
        };
        if let Anchors::Reference(centres) = anchors {
            if let Some(agree) = self.agree_with(centres, m, n) {
                return agree;
            }
        }
        rows.iter()
            .all(|mids| assign(mids, anchors, m).is_some_and(|cols| cols.iter().copied().eq(0..n)))
    }

    /// [`FullRows::agree`] against reference `centres` ascending strictly: value `j` of a row
    /// is nearest to centre `j` exactly when it lies nearer to it than to centre `j − 1` (ties
    /// go to the first) and no further from it than from centre `j + 1`, an interval of
    /// positions, so it holds for every full row when it holds for the smallest and largest
    /// middle of the column. `None` for centres that do not ascend strictly, or a count other
    /// than `n`.
    fn agree_with(&self, centres: &Centres, m: Measure, n: usize) -> Option<bool> {
        if !centres.ascending || centres.mids.len() != n {
            return None;
        }
        let (mids, range) = self.measured(m)?;
        tick(n);
        let centres = &centres.mids;
        let holds = |j: usize, mid: usize| -> bool {
            let Some(c) = centres.get(j) else {
                return false;
            };
            let d = c.abs_diff(mid);
            let left = j
                .checked_sub(1)
                .and_then(|i| centres.get(i))
                .is_none_or(|l| l.abs_diff(mid) > d);
            let right = centres
                .get(j.saturating_add(1))
                .is_none_or(|r| r.abs_diff(mid) >= d);
            left && right
        };
        let any_rows = mids.as_ref().is_some_and(|rows| !rows.is_empty());
        if !any_rows {
            return Some(true);
        }
        Some(
            range
                .iter()
                .enumerate()
                .all(|(j, &(lo, hi))| holds(j, lo) && holds(j, hi)),
        )
    }
}

/// Places the values of short rows of `rows` (found in `range`, a table region of `table`) in
/// their columns by position, giving the columns between and after them empty values (blank
/// cells). Rows with as many values as the header has columns, or more, are left as they are.
///
/// On the header's own page the header's cells are the columns; on a later page (or where the
/// header does not fit the full rows) the nearest row of the same page that gives every column
/// a value is. The count of positions (display columns or characters) is the one every full
/// row of the page agrees with; a page whose full rows agree with neither is left as it is.
///
/// Every row is measured once, its header and page found by binary search, and the full rows
/// of a page compared with a reference row by the range of their middles per column, so the
/// work is in proportion to the rows' lines (times a logarithm), whatever the number of
/// headers, pages, rows or columns.
pub fn place(src: &Source<'_>, range: Range<usize>, table: TableKey, rows: &mut [SourceRow]) {
    let headers = headers(src, range.clone(), table);
    if headers.is_empty() {
        return;
    }
    let breaks = page_breaks(src, range);
    let page = |at: usize| breaks.partition_point(|&b| b <= at);
    let at = |row: &SourceRow| row.values.first().map(|v| v.bytes.start);
    // Headers come in the order of the source, each starting after the one before.
    let headers_ascend = headers.windows(2).all(|w| match w {
        [a, b] => a.from < b.from,
        _ => true,
    });
    let header_of = |at: usize| -> Option<usize> {
        if headers_ascend {
            headers.partition_point(|h| h.from < at).checked_sub(1)
        } else {
            tick(headers.len());
            headers.iter().rposition(|h| h.from < at)
        }
    };
    // Each row with values, by the header above it and its page.
    let mut segments: std::collections::BTreeMap<(usize, usize), Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        tick(1);
        let Some(a) = at(row) else { continue };
        let Some(k) = header_of(a) else { continue };
        segments.entry((k, page(a))).or_default().push(i);
    }
    for ((k, p), mine) in segments {
        let Some(header) = headers.get(k) else {
            continue;
        };
        let n = header.display.len();
        let full: Vec<&SourceRow> = mine
            .iter()
            .filter_map(|&i| rows.get(i))
            .filter(|r| r.values.len() == n)
            .collect();
        let measured = FullRows::new(src, &full, n);
        // The header's cells on its own page, in the measure every full row agrees with.
        let by_header = (page(header.from) == p)
            .then(|| {
                MEASURES
                    .into_iter()
                    .find(|&m| measured.agree(Anchors::Header(header), m, n))
            })
            .flatten();
        // The full rows by position, to find the nearest of a row by halves.
        let full_at: Vec<usize> = full.iter().filter_map(|r| at(r)).collect();
        let full_ascend = full_at.len() == full.len()
            && full_at.windows(2).all(|w| match w {
                [a, b] => a < b,
                _ => true,
            });
        let nearest_full = |line: usize| -> Option<usize> {
            if !full_ascend {
                tick(full.len());
                return full
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, r)| at(r).map_or(usize::MAX, |a| a.abs_diff(line)))
                    .map(|(i, _)| i);
            }
            nearest_ascending(&full_at, line)
        };
        // The reference rows' middles, measured once each.
        let mut reference_mids: std::collections::BTreeMap<(usize, usize), Option<Centres>> =
            std::collections::BTreeMap::new();
        let mut placed_rows: Vec<(usize, Vec<Spanned>)> = Vec::new();
        for &i in &mine {
            let Some(row) = rows.get(i) else {
                continue;
            };
            if row.values.is_empty() || row.values.len() >= n {
                continue;
            }
            let cols = match by_header {
                Some(m) => middles(src, &row.values, m)
                    .and_then(|mids| assign(&mids, Anchors::Header(header), m)),
                None => {
                    // The nearest full row of the page, in the measure all full rows agree with.
                    let Some(line) = at(row) else {
                        continue;
                    };
                    nearest_full(line).and_then(|r| {
                        let reference = full.get(r)?;
                        MEASURES.into_iter().find_map(|m| {
                            let centres = reference_mids
                                .entry((r, FullRows::index(m)))
                                .or_insert_with(|| {
                                    middles(src, &reference.values, m).map(Centres::new)
                                })
                                .as_ref()?;
                            if !measured.agree(Anchors::Reference(centres), m, n) {
                                return None;
                            }
                            // The first measure that agrees decides, placed or not.
                            Some(
                                middles(src, &row.values, m)
                                    .and_then(|mids| assign(&mids, Anchors::Reference(centres), m)),
                            )
                        })?
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
