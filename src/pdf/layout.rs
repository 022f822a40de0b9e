//! From positioned glyphs and ruling lines to the document's text lines and tables.
//!
//! - **Tables** are the ruled regions of a page: rules that touch or cross form one region;
//!   a region with at least two horizontal and two vertical rules is a table. Its column
//!   boundaries are the x's of its vertical rules, its row boundaries the y's of its horizontal
//!   rules; two neighbouring grid units with no rule between them are one merged cell (as a
//!   `colspan`/`rowspan` would make it). Each glyph belongs to the cell its centre falls in.
//! - **Lines** are the other glyphs grouped by baseline, with a tolerance of half the font size
//!   (a fixed tolerance in points would split large headings and join small print).
//! - A table that ends a page and one that starts the next with the same columns are one table.
//! - Page numbers (`-3-`, `— 2 —`, `第 2 页`) and running headers and footers (the same line at
//!   the same height on several pages) are not content.

use std::collections::HashMap;

use super::text::{Glyph, PageText, Rule};

/// The most rules of one page considered when finding tables; a page drawing more is read from
/// its first this many (tables need a few hundred).
pub const MAX_RULES: usize = 3000;

/// The most grid units (rows × columns before merging) a ruled region may have to be read as a
/// table: 20 000 (the official tables have a few hundred).
pub const MAX_UNITS: usize = 20_000;

/// How close (points) two rules must come to count as touching, and two boundaries to count as
/// one.
const SNAP: f64 = 1.5;

/// A line of text outside the tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 1-based page.
    pub page: u32,
    /// The text, glyphs in x order, a space where a gap of more than half the font size
    /// separates two glyphs.
    pub text: String,
    /// The box (x0, y0, x1, y1) in page space.
    pub area: [f64; 4],
}

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The text, lines of the cell joined without a separator.
    pub text: String,
    /// Top row in the table's grid, 0-based.
    pub row: usize,
    /// Left column, 0-based.
    pub column: usize,
    /// Rows spanned (at least 1).
    pub rowspan: usize,
    /// Columns spanned (at least 1).
    pub colspan: usize,
    /// 1-based page.
    pub page: u32,
    /// The cell's box (x0, y0, x1, y1) in page space.
    pub area: [f64; 4],
}

/// A ruled table, possibly continued over pages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The cells, row by row, left to right.
    pub cells: Vec<Cell>,
    /// Number of grid rows.
    pub rows: usize,
    /// Column boundaries (x) of its last part, for joining a continuation.
    xs: Vec<f64>,
    /// The page its last part is on.
    last_page: u32,
}

/// A block of the document in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A line of text.
    Line(Line),
    /// A table.
    Table(Table),
}

/// The document as text lines and tables, in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The blocks.
    pub blocks: Vec<Block>,
}

impl Document {
    /// Lays out the pages.
    pub fn new(pages: &[PageText]) -> Self {
        let mut per_page: Vec<Vec<(f64, Block)>> = pages.iter().map(page_blocks).collect();
        drop_running_lines(&mut per_page, pages);
        let mut blocks: Vec<Block> = Vec::new();
        for page in per_page {
            let mut first = true;
            for (_, block) in page {
                if let (true, Block::Table(next), Some(Block::Table(prev))) =
                    (first, &block, blocks.last_mut())
                {
                    if continues(prev, next) {
                        append(prev, next.clone());
                        first = false;
                        continue;
                    }
                }
                first = false;
                blocks.push(block);
            }
        }
        Document { blocks }
    }
}

fn continues(prev: &Table, next: &Table) -> bool {
    let first_page = next.cells.first().map_or(0, |c| c.page);
    first_page == prev.last_page.saturating_add(1)
        && prev.xs.len() == next.xs.len()
        && prev
            .xs
            .iter()
            .zip(&next.xs)
            .all(|(a, b)| (a - b).abs() <= 2.0 * SNAP)
}

/// Appends a table's continuation. A label cell cut by the page break — the continuation's
/// top cell in the same columns as a cell reaching the previous part's bottom, blank or not
/// starting with a numbering (`（五）`, `2.`, `三、`) — is joined to its first part.
fn append(prev: &mut Table, next: Table) {
    let offset = prev.rows;
    let values = value_start(&prev.cells);
    for mut c in next.cells {
        let open = (c.row == 0 && values.is_some_and(|v| c.column < v))
            .then(|| {
                prev.cells.iter_mut().find(|p| {
                    p.column == c.column
                        && p.colspan == c.colspan
                        && p.row.saturating_add(p.rowspan) == offset
                })
            })
            .flatten();
        if let Some(p) = open {
            if c.text.trim().is_empty() || !starts_numbered(&c.text) {
                p.text.push_str(&c.text);
                p.rowspan = p.rowspan.saturating_add(c.rowspan);
                continue;
            }
        }
        c.row = c.row.saturating_add(offset);
        prev.cells.push(c);
    }
    prev.cells.sort_by_key(|c| (c.row, c.column));
    prev.rows = prev.rows.saturating_add(next.rows);
    prev.xs = next.xs;
    prev.last_page = next.last_page;
}

/// The first column holding a number: where a table's values start.
fn value_start(cells: &[Cell]) -> Option<usize> {
    cells
        .iter()
        .filter(|c| {
            let t = c.text.trim();
            !t.is_empty() && crate::place::value::is_value_token(t)
        })
        .map(|c| c.column)
        .min()
}

/// Whether a label starts with a numbering: `（五）`, `(5)`, `2.`, `2、`, `三、`.
fn starts_numbered(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('（' | '(') => true,
        Some(c) if c.is_ascii_digit() => true,
        Some(c) if crate::labels::is_chinese_numeral(c) => {
            chars.next().is_some_and(|n| matches!(n, '、' | '.' | '．'))
        }
        _ => false,
    }
}

/// Drops page markers and running headers and footers: a line of the top or bottom eighth of a
/// page whose text stands at the same height on at least two other pages.
fn drop_running_lines(per_page: &mut [Vec<(f64, Block)>], pages: &[PageText]) {
    let key = |l: &Line| (l.text.clone(), (l.area[1] / 4.0).round() as i64);
    let mut seen: HashMap<(String, i64), usize> = HashMap::new();
    for page in per_page.iter() {
        for (_, b) in page {
            if let Block::Line(l) = b {
                let n = seen.entry(key(l)).or_insert(0);
                *n = n.saturating_add(1);
            }
        }
    }
    for (page, p) in per_page.iter_mut().zip(pages) {
        let h = p.height;
        page.retain(|(_, b)| match b {
            Block::Line(l) => {
                let marker = crate::text::lines::is_page_marker(&l.text);
                let edge = l.area[1] > h * 7.0 / 8.0 || l.area[3] < h / 8.0;
                let running = edge && seen.get(&key(l)).is_some_and(|&n| n >= 3);
                !(marker || running)
            }
            Block::Table(_) => true,
        });
    }
}

/// Union–find over indices.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Self {
        Sets((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        let mut guard = self.0.len();
        while let Some(&p) = self.0.get(i) {
            if p == i || guard == 0 {
                break;
            }
            let gp = self.0.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(i) {
                *slot = gp;
            }
            i = p;
            guard = guard.saturating_sub(1);
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            if let Some(slot) = self.0.get_mut(ra) {
                *slot = rb;
            }
        }
    }
}

fn touches(a: &Rule, b: &Rule) -> bool {
    a.x0 <= b.x1 + SNAP && b.x0 <= a.x1 + SNAP && a.y0 <= b.y1 + SNAP && b.y0 <= a.y1 + SNAP
}

/// Clusters sorted values: each run of values within `SNAP` of the previous becomes their mean.
fn boundaries(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((last, sum, n)) if x - *last <= SNAP => {
                *last = x;
                *sum += x;
                *n = n.saturating_add(1);
            }
            _ => out.push((x, x, 1)),
        }
    }
    out.into_iter().map(|(_, s, n)| s / n as f64).collect()
}

/// The index of the interval of `bounds` (ascending) holding `v`.
fn interval(bounds: &[f64], v: f64) -> Option<usize> {
    let i = bounds.partition_point(|&b| b <= v);
    (i > 0 && i < bounds.len()).then(|| i.saturating_sub(1))
}

/// A table's rules of one direction, sorted by where they run (x of a vertical rule, y of a
/// horizontal one), so that the rules along one boundary are a binary search away.
struct Along<'a> {
    rules: Vec<(f64, &'a Rule)>,
}

impl<'a> Along<'a> {
    fn new(rules: &[&'a Rule], vertical: bool) -> Self {
        let mut v: Vec<(f64, &Rule)> = rules
            .iter()
            .filter(|r| r.horizontal() != vertical)
            .map(|r| (if vertical { r.x0 } else { r.y0 }, *r))
            .collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        Along { rules: v }
    }

    /// Whether a rule at `at` covers the middle of the span `lo..hi` across it.
    fn covers(&self, vertical: bool, at: f64, lo: f64, hi: f64) -> bool {
        let mid = (lo + hi) / 2.0;
        let from = self.rules.partition_point(|(p, _)| *p < at - SNAP);
        let to = self.rules.partition_point(|(p, _)| *p <= at + SNAP);
        self.rules
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .any(|(_, r)| {
                if vertical {
                    r.y0 <= mid && mid <= r.y1
                } else {
                    r.x0 <= mid && mid <= r.x1
                }
            })
    }
}

/// The blocks of one page, each with its top y (for reading order, highest first).
fn page_blocks(page: &PageText) -> Vec<(f64, Block)> {
    let rules: Vec<Rule> = page.rules.iter().take(MAX_RULES).copied().collect();
    let mut sets = Sets::new(rules.len());
    for (i, a) in rules.iter().enumerate() {
        for (j, b) in rules.iter().enumerate().skip(i.saturating_add(1)) {
            if touches(a, b) {
                sets.union(i, j);
            }
        }
    }
    let mut groups: HashMap<usize, Vec<&Rule>> = HashMap::new();
    for (i, r) in rules.iter().enumerate() {
        groups.entry(sets.find(i)).or_default().push(r);
    }
    let mut groups: Vec<Vec<&Rule>> = groups.into_values().collect();
    groups.sort_by(|a, b| {
        let top = |g: &Vec<&Rule>| g.iter().map(|r| r.y1).fold(f64::MIN, f64::max);
        top(b).total_cmp(&top(a))
    });
    let mut used = vec![false; page.glyphs.len()];
    // The glyphs by the height of their centres, so that each table looks only at its band.
    let mut by_y: Vec<(f64, usize)> = page
        .glyphs
        .iter()
        .enumerate()
        .map(|(i, g)| (centre(g).1, i))
        .collect();
    by_y.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, Block)> = Vec::new();
    for group in groups {
        // Boundaries: the rules' positions, and the region's outer edges where its rules end
        // (a table cut by a page break often has its side rules drawn to the cut but no rule
        // along it).
        let mut ys: Vec<f64> = group
            .iter()
            .filter(|r| r.horizontal())
            .map(|r| r.y0)
            .collect();
        let mut xs: Vec<f64> = group
            .iter()
            .filter(|r| !r.horizontal())
            .map(|r| r.x0)
            .collect();
        let vertical = group.iter().filter(|r| !r.horizontal());
        if let (Some(lo), Some(hi)) = (
            vertical.clone().map(|r| r.y0).reduce(f64::min),
            vertical.map(|r| r.y1).reduce(f64::max),
        ) {
            ys.extend([lo, hi]);
        }
        let horizontal = group.iter().filter(|r| r.horizontal());
        if let (Some(lo), Some(hi)) = (
            horizontal.clone().map(|r| r.x0).reduce(f64::min),
            horizontal.map(|r| r.x1).reduce(f64::max),
        ) {
            xs.extend([lo, hi]);
        }
        let ys = boundaries(ys);
        let xs = boundaries(xs);
        // A table has at least two columns and two rows; a ruled box around prose (one
        // column) is not one, its text stays lines.
        if ys.len() < 3 || xs.len() < 3 {
            continue;
        }
        if let Some(table) = table(page, &by_y, &group, &xs, &ys, &mut used) {
            let top = ys.last().copied().unwrap_or(0.0);
            out.push((top, Block::Table(table)));
        }
    }
    let free: Vec<&Glyph> = page
        .glyphs
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| g)
        .collect();
    for line in lines(&free) {
        let top = line.area[3];
        out.push((
            top,
            Block::Line(Line {
                page: page.number,
                ..line
            }),
        ));
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out
}

/// Where a glyph's centre is.
fn centre(g: &Glyph) -> (f64, f64) {
    (g.x + g.advance / 2.0, g.y + g.size * 0.35)
}

fn table(
    page: &PageText,
    by_y: &[(f64, usize)],
    rules: &[&Rule],
    xs: &[f64],
    ys: &[f64],
    used: &mut [bool],
) -> Option<Table> {
    let cols = xs.len().saturating_sub(1);
    let rows = ys.len().saturating_sub(1);
    let units = cols.checked_mul(rows)?;
    if units == 0 || units > MAX_UNITS {
        return None;
    }
    let verticals = Along::new(rules, true);
    let horizontals = Along::new(rules, false);
    // Unit (r, c), r counted from the top: y interval rows-1-r.
    let unit = |r: usize, c: usize| r.saturating_mul(cols).saturating_add(c);
    let mut sets = Sets::new(units);
    for r in 0..rows {
        let yi = rows.saturating_sub(1).saturating_sub(r);
        let (y0, y1) = (ys.get(yi).copied()?, ys.get(yi.saturating_add(1)).copied()?);
        for c in 0..cols {
            let (x0, x1) = (xs.get(c).copied()?, xs.get(c.saturating_add(1)).copied()?);
            if c.saturating_add(1) < cols && !verticals.covers(true, x1, y0, y1) {
                sets.union(unit(r, c), unit(r, c.saturating_add(1)));
            }
            if r.saturating_add(1) < rows && !horizontals.covers(false, y0, x0, x1) {
                sets.union(unit(r, c), unit(r.saturating_add(1), c));
            }
        }
    }
    // Each set's extent.
    let mut extent: HashMap<usize, (usize, usize, usize, usize)> = HashMap::new();
    for r in 0..rows {
        for c in 0..cols {
            let root = sets.find(unit(r, c));
            let e = extent.entry(root).or_insert((r, c, r, c));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
        }
    }
    let mut glyphs: HashMap<usize, Vec<&Glyph>> = HashMap::new();
    let (left, right) = (xs.first().copied()?, xs.last().copied()?);
    let (bottom, top) = (ys.first().copied()?, ys.last().copied()?);
    let from = by_y.partition_point(|(y, _)| *y < bottom);
    let to = by_y.partition_point(|(y, _)| *y <= top);
    for &(_, i) in by_y.get(from..to).unwrap_or_default() {
        let (Some(g), Some(u)) = (page.glyphs.get(i), used.get_mut(i)) else {
            continue;
        };
        let (x, y) = centre(g);
        if x < left || x > right || y < bottom || y > top {
            continue;
        }
        let (Some(c), Some(yi)) = (interval(xs, x), interval(ys, y)) else {
            continue;
        };
        let r = rows.saturating_sub(1).saturating_sub(yi);
        *u = true;
        glyphs.entry(sets.find(unit(r, c))).or_default().push(g);
    }
    let mut cells: Vec<Cell> = extent
        .into_iter()
        .map(|(root, (r0, c0, r1, c1))| {
            let text = glyphs
                .get(&root)
                .map(|g| {
                    lines(g)
                        .into_iter()
                        .map(|l| l.text)
                        .collect::<Vec<_>>()
                        .join("")
                })
                .unwrap_or_default();
            let y_of = |r: usize| ys.get(rows.saturating_sub(r)).copied().unwrap_or(0.0);
            Cell {
                text,
                row: r0,
                column: c0,
                rowspan: r1.saturating_sub(r0).saturating_add(1),
                colspan: c1.saturating_sub(c0).saturating_add(1),
                page: page.number,
                area: [
                    xs.get(c0).copied().unwrap_or(0.0),
                    y_of(r1.saturating_add(1)),
                    xs.get(c1.saturating_add(1)).copied().unwrap_or(0.0),
                    y_of(r0),
                ],
            }
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.column));
    Some(Table {
        cells,
        rows,
        xs: xs.to_vec(),
        last_page: page.number,
    })
}

/// Groups glyphs into lines by baseline (tolerance: half the larger font size), top to bottom,
/// each line's glyphs left to right.
pub fn glyph_lines<'a>(glyphs: &[&'a Glyph]) -> Vec<Vec<&'a Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<(f64, f64, Vec<&Glyph>)> = Vec::new();
    for g in sorted {
        match groups.last_mut() {
            Some((y, size, list)) if (*y - g.y).abs() <= size.max(g.size) * 0.5 => {
                list.push(g);
                *size = size.max(g.size);
                let _ = y;
            }
            _ => groups.push((g.y, g.size, vec![g])),
        }
    }
    groups
        .into_iter()
        .map(|(_, _, mut list)| {
            list.sort_by(|a, b| a.x.total_cmp(&b.x));
            list
        })
        .collect()
}

/// [`glyph_lines`] as text lines: a space where a gap of more than half the font size
/// separates two glyphs.
pub fn lines(glyphs: &[&Glyph]) -> Vec<Line> {
    glyph_lines(glyphs)
        .into_iter()
        .map(|list| {
            let mut text = String::new();
            let mut end: Option<f64> = None;
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for g in &list {
                if let Some(e) = end {
                    if g.x - e > g.size * 0.5 && !text.ends_with(' ') {
                        text.push(' ');
                    }
                }
                text.push_str(&g.text);
                end = Some(g.x + g.advance);
                x0 = x0.min(g.x);
                x1 = x1.max(g.x + g.advance);
                y0 = y0.min(g.y);
                y1 = y1.max(g.y + g.size * 0.8);
            }
            Line {
                page: 0,
                text,
                area: [x0, y0, x1, y1],
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests fail loudly"
)]
mod tests {
    use super::*;

    fn h(y: f64, x0: f64, x1: f64) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }
    fn v(x: f64, y0: f64, y1: f64) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }
    fn glyph(text: &str, x: f64, y: f64) -> Glyph {
        Glyph {
            text: text.to_owned(),
            x,
            y,
            advance: 10.0,
            size: 10.0,
        }
    }

    /// A 2 × 3 grid whose top row has no rule between its first two columns.
    fn page(number: u32, top: f64) -> PageText {
        let (y0, y1, y2) = (top - 40.0, top - 20.0, top);
        PageText {
            number,
            height: 842.0,
            rules: vec![
                h(y0, 100.0, 400.0),
                h(y1, 100.0, 400.0),
                h(y2, 100.0, 400.0),
                v(100.0, y0, y2),
                v(200.0, y0, y1),
                v(300.0, y0, y2),
                v(400.0, y0, y2),
            ],
            glyphs: vec![
                glyph("合", 120.0, y1 + 5.0),
                glyph("并", 130.0, y1 + 5.0),
                glyph("3", 320.0, y1 + 5.0),
                glyph("甲", 120.0, y0 + 5.0),
                glyph("乙", 220.0, y0 + 5.0),
                glyph("4", 320.0, y0 + 5.0),
            ],
            ..PageText::default()
        }
    }

    #[test]
    fn merged_cells_come_from_missing_rules() {
        let doc = Document::new(&[page(1, 700.0)]);
        let [Block::Table(t)] = doc.blocks.as_slice() else {
            panic!("{doc:?}")
        };
        let texts: Vec<(&str, usize, usize, usize)> = t
            .cells
            .iter()
            .map(|c| (c.text.as_str(), c.row, c.column, c.colspan))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("合并", 0, 0, 2),
                ("3", 0, 2, 1),
                ("甲", 1, 0, 1),
                ("乙", 1, 1, 1),
                ("4", 1, 2, 1)
            ]
        );
        assert_eq!(t.cells[0].area, [100.0, 680.0, 300.0, 700.0]);
    }

    #[test]
    fn a_table_continued_on_the_next_page_is_one_table() {
        let mut first = page(1, 100.0);
        first.glyphs.push(glyph("前", 100.0, 400.0));
        let doc = Document::new(&[first, page(2, 780.0)]);
        let tables: Vec<&Table> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Line(_) => None,
            })
            .collect();
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows, 4);
        assert_eq!(tables[0].cells.last().unwrap().page, 2);
    }

    #[test]
    fn page_numbers_and_running_headers_are_not_content() {
        let pages: Vec<PageText> = (1..=3)
            .map(|n| PageText {
                number: n,
                height: 842.0,
                glyphs: vec![
                    glyph("某", 100.0, 800.0),
                    glyph("局", 110.0, 800.0),
                    glyph("正", 100.0, 400.0 + f64::from(n)),
                    glyph("-", 280.0, 40.0),
                    glyph(&n.to_string(), 290.0, 40.0),
                    glyph("-", 300.0, 40.0),
                ],
                ..PageText::default()
            })
            .collect();
        let doc = Document::new(&pages);
        let texts: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.text.as_str()),
                Block::Table(_) => None,
            })
            .collect();
        assert_eq!(texts, vec!["正", "正", "正"]);
    }

    #[test]
    fn a_line_is_grouped_by_a_tolerance_of_the_font_size() {
        // 4 pt off the baseline at 16 pt: one line; a fixed 3 pt would split it.
        let a = Glyph {
            size: 16.0,
            ..glyph("行", 100.0, 500.0)
        };
        let b = Glyph {
            size: 16.0,
            ..glyph("1", 300.0, 504.0)
        };
        let lines = lines(&[&a, &b]);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "行 1");
    }
}
