//! Tables as a grid of cells, the form every reader of tabular sources fills — HTML tables
//! today, DOCX and PDF tables next: each cell with its text and where that text stands in the
//! source ([`Spanned`]: line and byte range), its row and column, and how many rows and columns
//! it spans (merged cells). The grid is then cut into [`SourceRow`]s
//! ([`Table::source_rows`]) for the assembler ([`super::assemble`]).
//!
//! ```
//! use zfxxgk::place::grid::{Budget, Table};
//! use zfxxgk::read::Spanned;
//!
//! let at = |text: &str| Spanned { text: text.to_owned(), line: 1, bytes: 0..0 };
//! let mut budget = Budget::default();
//! let mut t = Table::with_rows(2);
//! t.push_cell(0, at("三、本年度办理结果"), 2, 1, &mut budget)?; // merged down two rows
//! t.push_cell(0, at("（一）予以公开"), 1, 1, &mut budget)?;
//! t.push_cell(0, at("5"), 1, 1, &mut budget)?;
//! t.push_cell(1, at("（二）部分公开"), 1, 1, &mut budget)?; // placed right of the merged cell
//! t.push_cell(1, at("0"), 1, 1, &mut budget)?;
//! assert_eq!(t.text(1, 0), Some("三、本年度办理结果"));
//! let rows = t.source_rows();
//! assert_eq!(rows[1].labels.len(), 2);
//! assert_eq!(rows[1].values[0].text, "0");
//! # Ok::<(), zfxxgk::place::grid::GridFull>(())
//! ```

use crate::place::value::is_value_token;
use crate::read::{SourceRow, Spanned};

/// The largest `colspan` honoured (the HTML standard clamps `colspan` at 1000); a larger span is
/// cut to this. A `rowspan` is cut at the table's last row.
pub const MAX_SPAN: usize = 1000;

/// The most grid positions the tables of one source may expand to, all tables together:
/// 1 000 000 (the official tables have a few hundred), the default of [`Budget`]. A source whose
/// spans would expand further is refused with [`crate::ReadError::TooMany`], so a hostile page or
/// document cannot make the reader allocate without bound.
pub const MAX_GRID: usize = 1_000_000;

/// The most bytes of cell text the merged cells of one source may repeat down the rows they
/// span, all tables together: 1 000 000, the other limit of [`Budget`]. A cell reaching down
/// through a row span (HTML `rowspan`, DOCX `vMerge`, a PDF cell merged down) is a label of
/// every row it reaches, so [`Table::source_rows`] copies its text into each of them and the
/// placement matches it there; a long text reaching down many rows (each copy as long as the
/// text) made reading quadratic in the source, seconds and gigabytes for half a megabyte.
/// Official tables repeat a few hundred bytes (三、本年度办理结果 down some twenty rows). A
/// source whose spans would repeat more is refused with [`crate::ReadError::TooMany`]. Counted
/// as the text's bytes times the rows it reaches beyond its own.
pub const MAX_SPANNED_TEXT: usize = 1_000_000;

/// One cell of a table as the source wrote it.
///
/// Non-exhaustive: where the text stands on a page (page number and box, for PDF) will be a
/// field of its own; cells are made by [`Table::push_cell`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TableCell {
    /// Its text, white space at both ends removed (HTML: `&nbsp;` too), line breaks inside the
    /// cell (`<br>`, paragraphs) as `\n`, with where the text stands in the source.
    pub text: Spanned,
    /// Its top row in the grid, 0-based.
    pub row: usize,
    /// Its left column in the grid, 0-based.
    pub column: usize,
    /// Rows it spans (at least 1).
    pub rowspan: usize,
    /// Columns it spans (at least 1).
    pub colspan: usize,
}

/// A table with its spans expanded: every grid position names the cell covering it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    cells: Vec<TableCell>,
    grid: Vec<Vec<Option<usize>>>,
    /// Where the next cell of `cursor.0` is looked for: (row, column).
    cursor: (usize, usize),
}

impl Table {
    /// An empty table of `rows` rows (HTML: its `<tr>`s; DOCX: its `<w:tr>`s), filled by
    /// [`Table::push_cell`]. A cell's rowspan is cut at the last of these rows;
    /// [`Table::push_row`] adds rows where a reader does not know their number up front.
    pub fn with_rows(rows: usize) -> Table {
        let mut t = Table::default();
        t.grid.resize(rows, Vec::new());
        t
    }

    /// Adds an empty row at the bottom; returns its index.
    pub fn push_row(&mut self) -> usize {
        self.grid.push(Vec::new());
        self.grid.len().saturating_sub(1)
    }

    /// Places the next cell of `row`, left to right as the source lists them: at the first grid
    /// column of `row` not covered by a cell above (a rowspan reaching down) at or right of where
    /// the row's previous cell ended (the start of the row for its first cell, or when cells of
    /// another row were pushed in between). `colspan` is clamped to `1..=`[`MAX_SPAN`];
    /// `rowspan` 0 means "to the last row" (as HTML's `rowspan="0"`), any other rowspan is
    /// clamped to the rows left from `row`. Returns the cell as placed.
    ///
    /// # Errors
    ///
    /// [`GridFull::Positions`] when the new grid positions would take `budget` past its limit,
    /// [`GridFull::SpannedText`] when the copies of the cell's text in the rows it reaches
    /// below its own would take `budget` past its limit of spanned text; the table is then
    /// incomplete and the reader refuses the source ([`crate::ReadError::TooMany`]).
    pub fn push_cell(
        &mut self,
        row: usize,
        text: Spanned,
        rowspan: usize,
        colspan: usize,
        budget: &mut Budget,
    ) -> Result<&TableCell, GridFull> {
        let mut c = if self.cursor.0 == row {
            self.cursor.1
        } else {
            0
        };
        while self
            .grid
            .get(row)
            .and_then(|l| l.get(c))
            .is_some_and(Option::is_some)
        {
            c = c.saturating_add(1);
        }
        let remaining = self.grid.len().saturating_sub(row);
        let colspan = colspan.clamp(1, MAX_SPAN);
        let rowspan = match rowspan {
            0 => remaining,
            n => n.clamp(1, remaining.max(1)),
        };
        let id = self.cells.len();
        let end = c.saturating_add(colspan);
        for rr in row..row.saturating_add(rowspan) {
            let Some(line) = self.grid.get_mut(rr) else {
                break;
            };
            if line.len() < end {
                budget.spend(end.saturating_sub(line.len()))?;
                line.resize(end, None);
            }
            for slot in line.iter_mut().take(end).skip(c) {
                if slot.is_none() {
                    *slot = Some(id);
                }
            }
        }
        budget.repeat(text.text.len(), rowspan.saturating_sub(1))?;
        self.cursor = (row, end);
        self.cells.push(TableCell {
            text,
            row,
            column: c,
            rowspan,
            colspan,
        });
        self.cells.last().ok_or(GridFull::Positions)
    }

    /// Number of rows.
    pub fn height(&self) -> usize {
        self.grid.len()
    }

    /// Number of grid columns of the widest row.
    pub fn width(&self) -> usize {
        self.grid.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The cells, in the order of the source.
    pub fn cells(&self) -> &[TableCell] {
        &self.cells
    }

    /// The cell covering grid position (`row`, `column`), if any.
    pub fn cell(&self, row: usize, column: usize) -> Option<&TableCell> {
        let id = (*self.grid.get(row)?.get(column)?)?;
        self.cells.get(id)
    }

    /// The text at grid position (`row`, `column`): a spanned cell's text appears at every
    /// position it covers.
    pub fn text(&self, row: usize, column: usize) -> Option<&str> {
        self.cell(row, column).map(|c| c.text.text.as_str())
    }

    /// Each row as a [`SourceRow`]. In a data row (every cell right of where the table's
    /// numbers start is a number, a mark or blank) the labels are the non-blank cells left of
    /// that column — including cells reaching down from rows above through `rowspan`, such as
    /// 三、本年度办理结果 — and the values are the row's own cells from that column on, one per
    /// cell however many columns it spans, blank ones as empty text, so a blank keeps its place.
    ///
    /// Other rows (headers) keep their leading text cells as labels and their numbers, if any,
    /// as values; leading blank cells are dropped only when text follows them (an empty corner
    /// cell of a header row).
    pub fn source_rows(&self) -> Vec<SourceRow> {
        // The first grid column that holds a number anywhere in the table: where the values
        // start. A data row's cells from there on are its values, blank ones included, so a
        // blank cell keeps its place. A blank cell does not decide it: a blank sub-label cell
        // (a single （六）其他处理 row beside its empty second label column) is not a value.
        let value_start = self
            .cells
            .iter()
            .filter(|c| is_value_text(&c.text.text))
            .map(|c| c.column)
            .min();
        let mut out = Vec::with_capacity(self.grid.len());
        for (r, line) in self.grid.iter().enumerate() {
            let mut ids: Vec<usize> = Vec::new();
            for id in line.iter().flatten() {
                if ids.last() != Some(id) {
                    ids.push(*id);
                }
            }
            let cells: Vec<&TableCell> = ids.iter().filter_map(|&i| self.cells.get(i)).collect();
            let data_row = value_start.is_some_and(|start| {
                cells.iter().all(|c| {
                    c.column < start || c.text.text.trim().is_empty() || is_value_text(&c.text.text)
                })
            });
            if let (true, Some(start)) = (data_row, value_start) {
                let mut row = SourceRow::default();
                for c in cells {
                    if c.column < start {
                        if !c.text.text.trim().is_empty() {
                            row.labels.push(c.text.clone());
                        }
                    } else if c.row == r {
                        row.values.push(c.text.clone());
                    }
                }
                out.push(row);
                continue;
            }
            let first_text = cells
                .iter()
                .find(|c| !c.text.text.trim().is_empty())
                .map(|c| !is_value_text(&c.text.text));
            let mut row = SourceRow::default();
            let mut in_labels = true;
            for c in cells {
                let own = c.row == r;
                let text = c.text.text.as_str();
                if in_labels {
                    if text.trim().is_empty() && (first_text == Some(true) || !own) {
                        continue;
                    }
                    if !is_value_text(text) {
                        row.labels.push(c.text.clone());
                        continue;
                    }
                    if !own {
                        continue;
                    }
                    in_labels = false;
                }
                if own {
                    row.values.push(c.text.clone());
                }
            }
            out.push(row);
        }
        out
    }
}

/// Whether a cell's text reads as a value: blank, or what the text reader takes for one cell's
/// value ([`is_value_token`]: a number with an optional sign, separators and unit, or a mark for
/// "none" such as `/`, `-`, `无`).
pub fn is_value_text(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || is_value_token(t)
}

/// How many grid positions the tables of one source may still expand to ([`MAX_GRID`] by
/// default), and how many bytes of cell text their row spans may still repeat
/// ([`MAX_SPANNED_TEXT`]): one budget is shared by all tables a reader fills from one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    used: usize,
    limit: usize,
    repeated: usize,
    repeat_limit: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(MAX_GRID)
    }
}

impl Budget {
    /// A budget of `limit` grid positions and [`MAX_SPANNED_TEXT`] bytes of spanned text.
    pub const fn new(limit: usize) -> Budget {
        Budget {
            used: 0,
            limit,
            repeated: 0,
            repeat_limit: MAX_SPANNED_TEXT,
        }
    }

    /// The same budget with `limit` bytes of cell text that row spans may repeat.
    #[must_use]
    pub const fn spanned_text(self, limit: usize) -> Budget {
        Budget {
            repeat_limit: limit,
            ..self
        }
    }

    /// The limit of spanned text, in bytes.
    pub const fn spanned_text_limit(&self) -> usize {
        self.repeat_limit
    }

    /// The bytes of cell text repeated by row spans so far.
    pub const fn spanned_text_used(&self) -> usize {
        self.repeated
    }

    /// The limit.
    pub const fn limit(&self) -> usize {
        self.limit
    }

    /// The grid positions spent so far.
    pub const fn used(&self) -> usize {
        self.used
    }

    fn spend(&mut self, n: usize) -> Result<(), GridFull> {
        self.used = self.used.saturating_add(n);
        if self.used > self.limit {
            Err(GridFull::Positions)
        } else {
            Ok(())
        }
    }

    /// Counts `copies` more copies of a text of `len` bytes.
    fn repeat(&mut self, len: usize, copies: usize) -> Result<(), GridFull> {
        self.repeated = self.repeated.saturating_add(len.saturating_mul(copies));
        if self.repeated > self.repeat_limit {
            Err(GridFull::SpannedText)
        } else {
            Ok(())
        }
    }
}

/// The tables of a source would pass a limit of their [`Budget`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum GridFull {
    /// Their spans would expand to more grid positions than the limit ([`MAX_GRID`] by
    /// default).
    Positions,
    /// Their row spans would repeat more bytes of cell text into the rows they reach than the
    /// limit ([`MAX_SPANNED_TEXT`] by default).
    SpannedText,
}

impl core::fmt::Display for GridFull {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            GridFull::Positions => "the tables expand to more grid positions than the limit",
            GridFull::SpannedText => {
                "the tables' row spans repeat more bytes of cell text than the limit"
            }
        })
    }
}

impl core::error::Error for GridFull {}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]
mod tests {
    use super::*;

    fn at(text: &str) -> Spanned {
        Spanned {
            text: text.to_owned(),
            line: 1,
            bytes: 0..text.len(),
        }
    }

    #[test]
    fn merged_cells_cover_their_positions_and_push_the_next_cell_right() {
        let mut b = Budget::default();
        let mut t = Table::with_rows(3);
        t.push_cell(0, at("a"), 0, 2, &mut b).unwrap(); // rowspan 0: to the last row
        t.push_cell(0, at("b"), 1, 1, &mut b).unwrap();
        let c = t.push_cell(1, at("c"), 1, 0, &mut b).unwrap(); // colspan 0 is 1
        assert_eq!((c.row, c.column, c.rowspan, c.colspan), (1, 2, 1, 1));
        let d = t.push_cell(2, at("d"), 9, 1, &mut b).unwrap(); // cut at the last row
        assert_eq!((d.column, d.rowspan), (2, 1));
        assert_eq!(t.cells()[0].rowspan, 3);
        assert_eq!((t.height(), t.width()), (3, 3));
        for r in 0..3 {
            assert_eq!(t.text(r, 0), Some("a"));
            assert_eq!(t.text(r, 1), Some("a"));
        }
        assert_eq!(t.text(2, 2), Some("d"));
        assert_eq!(t.cell(0, 3), None);
        assert_eq!(b.used(), 9);
    }

    #[test]
    fn spans_are_clamped_and_the_budget_is_shared() {
        let mut b = Budget::new(MAX_SPAN + 5);
        let mut t = Table::with_rows(1);
        let c = t.push_cell(0, at("x"), 1, usize::MAX, &mut b).unwrap();
        assert_eq!(c.colspan, MAX_SPAN);
        let mut u = Table::with_rows(1);
        u.push_cell(0, at("y"), 1, 5, &mut b).unwrap();
        assert_eq!(
            u.push_cell(0, at("z"), 1, 1, &mut b).err(),
            Some(GridFull::Positions)
        );
        assert_eq!(b.limit(), MAX_SPAN + 5);
    }

    #[test]
    fn text_repeated_down_the_rows_is_counted_across_tables() {
        // "ab" down 4 rows: 3 copies beyond its own row, 6 bytes.
        let mut b = Budget::default().spanned_text(10);
        let mut t = Table::with_rows(4);
        t.push_cell(0, at("ab"), 4, 1, &mut b).unwrap();
        t.push_cell(1, at("a long label in its own row"), 1, 1, &mut b)
            .unwrap();
        assert_eq!(b.spanned_text_used(), 6);
        let mut u = Table::with_rows(3);
        // rowspan 9 is cut at the last row: 2 copies, 10 bytes in all, at the limit.
        u.push_cell(0, at("c"), 0, 1, &mut b).unwrap();
        u.push_cell(0, at("d"), 9, 1, &mut b).unwrap();
        assert_eq!(b.spanned_text_used(), 10);
        assert_eq!(
            u.push_cell(1, at("e"), 2, 1, &mut b).err(),
            Some(GridFull::SpannedText)
        );
        assert_eq!(b.spanned_text_limit(), 10);
        assert_eq!(Budget::default().spanned_text_limit(), MAX_SPANNED_TEXT);
    }

    #[test]
    fn rows_can_be_added_as_they_come() {
        let mut b = Budget::default();
        let mut t = Table::default();
        let r = t.push_row();
        t.push_cell(r, at("第二十条第（一）项"), 1, 1, &mut b)
            .unwrap();
        t.push_cell(r, at("3"), 1, 1, &mut b).unwrap();
        let rows = t.source_rows();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].labels[0].text, "第二十条第（一）项");
        assert_eq!(rows[0].values[0].text, "3");
    }

    #[test]
    fn values_and_labels() {
        for v in ["", " ", "251000元", "1,234", "-3", "/", "无"] {
            assert!(is_value_text(v), "{v}");
        }
        for l in ["规章", "元", "第二十条第（一）项"] {
            assert!(!is_value_text(l), "{l}");
        }
    }
}
