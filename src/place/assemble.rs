//! Placing the rows a reader found into the report's three tables.
//!
//! Every reader of published text (plain text, Markdown, HTML) finds [`SourceRow`]s — label
//! texts and value texts with their spans — and hands them here, grouped by the table they were
//! found under ([`Found`]). The assembler places them:
//!
//! 1. **by label**: the row's last label, else all its labels joined, matched with
//!    [`crate::labels`] (the last numbered part first, so wrapped group headings such as
//!    `（三）不予公开` in front of `1.属于国家秘密` do not hide the row);
//! 2. **by position**: in section 三, rows without a usable label between two labelled rows
//!    take the missing rows between them in the order of the format, when their number is
//!    exactly the number of missing rows;
//! 3. **by the format's arithmetic**: where a source lost its cell boundaries
//!    ([`Options::split_runs`]), each digit run is split into the row's cells, keeping only the
//!    readings that satisfy the row total (section 三) or the block totals (section 四); when
//!    several remain, the outcome totals and the balance of each column choose, then
//!    plausibility (documented at each table), and `read.ambiguous` lists the alternatives.
//!
//! Every repair is a `read.repaired` finding, every row or value that cannot be placed a
//! `read.unplaced` finding with its raw text in [`crate::Report::unplaced`]. Digits are never
//! invented: a value is always the text of a source span.

use core::ops::Range;

use rust_decimal::Decimal;

use crate::catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, CellType, Edition, ProactiveColumn,
    ProactiveRow, TableKey, application_rows, proactive_columns,
};
use crate::cell::{Cell, Number, Origin};
use crate::finding::{Location, Rule};
use crate::labels;
use crate::place::value::strip_unit;
use crate::place::work::tick;
use crate::read::{Reading, SourceRow, Spanned};
use crate::report::{Address, Unplaced};

/// The longest digit run the assembler will split (longer runs are left unplaced).
pub const MAX_RUN_DIGITS: usize = 64;
/// The most split readings of one run that are examined before giving up.
pub const SEARCH_BUDGET: usize = 200_000;
/// The most alternatives kept and reported for one run.
const MAX_KEPT: usize = 32;

/// The rows a reader found under one table's heading, in the order of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The table whose heading they were found under.
    pub table: TableKey,
    /// The rows.
    pub rows: Vec<SourceRow>,
}

/// Settings of the assembler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// The source lost its cell boundaries: a value text may hold several cells' digits run
    /// together (`6000017`), to be split by the format's arithmetic. Off, a row with fewer
    /// values than cells is filled from the left and the rest left blank.
    pub split_runs: bool,
}

/// Places `found` into `reading.report` (whose edition must already be set), recording every
/// repair, ambiguity and unplaced value as a finding.
pub fn assemble(reading: &mut Reading, found: &[Found], options: Options) {
    // A row of fifteen values without a label under section 三 is the data row of section 四
    // whose heading was lost (the seed's garbled header).
    let width = AppealColumn::ALL.len().saturating_mul(AppealRow::ALL.len());
    let has_appeals = found.iter().any(|f| f.table == TableKey::Appeals);
    // Which rows under section 三 are such strays, each row looked at once.
    let strays: Vec<Vec<bool>> = if has_appeals {
        Vec::new()
    } else {
        found
            .iter()
            .map(|f| match f.table {
                TableKey::Applications => f
                    .rows
                    .iter()
                    .map(|r| {
                        application_label(r).is_none() && pieces(&r.values, width).len() == width
                    })
                    .collect(),
                _ => Vec::new(),
            })
            .collect()
    };
    let any_stray = strays.iter().flatten().any(|&s| s);
    // The tables as found, copied only when a stray row is to be moved.
    let mut copied: Vec<Found> = Vec::new();
    if any_stray {
        let mut moved: Vec<SourceRow> = Vec::new();
        for (f, flags) in found.iter().zip(&strays) {
            let mut rows = Vec::with_capacity(f.rows.len());
            for (k, r) in f.rows.iter().enumerate() {
                if flags.get(k).copied().unwrap_or(false) {
                    moved.push(r.clone());
                } else {
                    rows.push(r.clone());
                }
            }
            copied.push(Found {
                table: f.table,
                rows,
            });
        }
        let line = moved.first().and_then(first_line);
        reading.note(
            Rule::ReadRepaired,
            Location::table(TableKey::Appeals.key()),
            line,
            format!("{}：第三部分表格后一行 {width} 个值、没有标题，读作第四部分（行政复议、行政诉讼）的数据行", line_text(line)),
        );
        copied.push(Found {
            table: TableKey::Appeals,
            rows: moved,
        });
    }
    let tables: &[Found] = if any_stray { &copied } else { found };
    for f in tables {
        match f.table {
            TableKey::Proactive => proactive(reading, &f.rows, options),
            TableKey::Applications => applications(reading, &f.rows, options),
            TableKey::Appeals => appeals(reading, &f.rows, options),
        }
    }
}

// -------------------------------------------------------------------------------------------
// Values and runs
// -------------------------------------------------------------------------------------------

/// One cell's worth of source text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece<'a> {
    text: &'a str,
    line: usize,
    bytes: Range<usize>,
}

impl<'a> Piece<'a> {
    fn of(s: &'a Spanned) -> Piece<'a> {
        let lead = s.text.len().saturating_sub(s.text.trim_start().len());
        let t = crate::cell::trim(&s.text);
        let start = s.bytes.start.saturating_add(lead);
        Piece {
            text: t,
            line: s.line,
            bytes: start..start.saturating_add(t.len()),
        }
    }

    fn cell(&self, ty: CellType) -> (Cell, Option<&'static str>) {
        let (num, unit) = strip_unit(self.text);
        // Copied only when there are separators to drop.
        let cleaned: std::borrow::Cow<'_, str> = if num.contains(',') {
            num.chars().filter(|&c| c != ',').collect::<String>().into()
        } else {
            num.into()
        };
        let mut cell = Cell::from_text(&cleaned, ty);
        if !matches!(cell.entry, crate::Entry::Value(_)) {
            cell = Cell::from_text(self.text, ty);
        }
        let repaired =
            (*cleaned != *self.text && cell.number().is_some()).then_some(unit.unwrap_or(","));
        (
            cell.with_origin(Origin::text(self.line, self.bytes.clone())),
            repaired,
        )
    }
}

/// The values of a row as pieces, trailing blanks beyond `n` dropped.
fn pieces(values: &[Spanned], n: usize) -> Vec<Piece<'_>> {
    let mut v: Vec<Piece<'_>> = values.iter().map(Piece::of).collect();
    while v.len() > n && v.last().is_some_and(|p| p.text.is_empty()) {
        v.pop();
    }
    v
}

/// Whether a piece is a bare digit run (with at most one decimal point and an optional unit),
/// the stuff a run-together source is made of.
fn is_run(p: &Piece) -> bool {
    let t = strip_unit(p.text).0;
    !t.is_empty()
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && t.bytes().filter(|&b| b == b'.').count() <= 1
}

impl AsRef<str> for Piece<'_> {
    fn as_ref(&self) -> &str {
        self.text
    }
}

/// A split reading: the pieces, one per cell.
type Split<'a> = Vec<Piece<'a>>;

/// The outcome of splitting digit runs into `n` cells.
struct Splits<'a> {
    /// Accepted readings (the first [`MAX_KEPT`] in the order of the search).
    kept: Vec<Split<'a>>,
    /// Whether the search would take more than [`SEARCH_BUDGET`] steps, or the run was too
    /// long.
    exhausted: bool,
}

/// The longest cell a split makes (without the decimal part of the last one): 18 digits
/// always fit a `u64`.
const MAX_CELL_DIGITS: usize = 18;

/// The ends of the cells that can start at one position: at most one per length up to
/// [`MAX_CELL_DIGITS`], and the cell that takes a decimal part. A run is at most
/// [`MAX_RUN_DIGITS`] bytes, so an end fits a byte, and the whole list is returned in registers
/// rather than copied through memory at every step of the search.
#[derive(Debug, Clone, Copy, Default)]
struct Ends {
    ends: [u8; MAX_CELL_DIGITS + 1],
    len: u8,
}

// Every end of a cell in a run fits an `Ends` slot.
const _: () = assert!(MAX_RUN_DIGITS <= u8::MAX as usize);

impl Ends {
    fn push(&mut self, end: usize) {
        if let (Ok(end), Some(slot)) = (u8::try_from(end), self.ends.get_mut(usize::from(self.len)))
        {
            *slot = end;
            self.len = self.len.saturating_add(1);
        }
    }

    /// How many ends there are.
    fn count(&self) -> usize {
        usize::from(self.len)
    }

    /// The ends, in the order the search tries them.
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.ends
            .get(..usize::from(self.len))
            .unwrap_or(&[])
            .iter()
            .map(|&e| usize::from(e))
    }
}

/// The digit runs being split, with what the search asks of them at every step.
struct Search<'r, 's> {
    runs: &'r [Piece<'s>],
    /// Cells to fill.
    n: usize,
    /// `digits_after[i]`: the bytes of the runs after run `i`.
    digits_after: Vec<usize>,
    /// The decimal point of each run.
    dots: Vec<Option<usize>>,
    /// Where each run's positions start in the memo of [`Search::calls`].
    first_position: Vec<usize>,
}

impl<'r, 's> Search<'r, 's> {
    fn new(runs: &'r [Piece<'s>], n: usize) -> Search<'r, 's> {
        let mut digits_after = vec![0usize; runs.len()];
        let mut after = 0usize;
        for (d, r) in digits_after.iter_mut().zip(runs).rev() {
            *d = after;
            after = after.saturating_add(r.text.len());
        }
        let mut first_position = Vec::with_capacity(runs.len());
        let mut positions = 0usize;
        for r in runs {
            first_position.push(positions);
            positions = positions.saturating_add(r.text.len()).saturating_add(1);
        }
        Search {
            runs,
            n,
            digits_after,
            dots: runs.iter().map(|r| r.text.find('.')).collect(),
            first_position,
        }
    }

    /// The cells that can start at byte `pos` of run `ri` when `filled` cells are filled: each
    /// as (end of the cell, where the search goes on), in the order the search tries them;
    /// none when the cells left cannot hold the digits and runs left. This is the one rule of
    /// the split, shared by the count of the search ([`Search::calls`]) and the search itself.
    fn cells(&self, ri: usize, pos: usize, filled: usize) -> Ends {
        let mut out = Ends::default();
        let Some(run) = self.runs.get(ri) else {
            return out;
        };
        let text = run.text;
        let left = self.n.saturating_sub(filled);
        let runs_left = self.runs.len().saturating_sub(ri);
        let digits_left = text
            .len()
            .saturating_sub(pos)
            .saturating_add(self.digits_after.get(ri).copied().unwrap_or(0));
        if left < runs_left || left == 0 || digits_left < left {
            return out;
        }
        let dot = self.dots.get(ri).copied().flatten();
        let last_run = ri.saturating_add(1) == self.runs.len();
        let first = text.as_bytes().get(pos).copied();
        let max_end = dot.unwrap_or(text.len());
        let mut end = pos.saturating_add(1);
        while end <= max_end {
            // No leading zero: a cell starting with 0 is exactly "0".
            if first == Some(b'0') && end > pos.saturating_add(1) {
                break;
            }
            if end.saturating_sub(pos) > MAX_CELL_DIGITS {
                break;
            }
            let piece_end = if Some(end) == dot { text.len() } else { end };
            if Some(end) == dot && !(last_run && left == 1) {
                end = end.saturating_add(1);
                continue;
            }
            if text.get(pos..piece_end).is_some() {
                out.push(piece_end);
            }
            end = end.saturating_add(1);
        }
        out
    }

    /// How many steps the exhaustive search from (`ri`, `pos`, `filled`) takes — every state it
    /// enters, dead ends included — counted once per state (`memo`) and capped just above
    /// [`SEARCH_BUDGET`].
    fn calls(&self, ri: usize, pos: usize, filled: usize, memo: &mut [Option<usize>]) -> usize {
        let cap = SEARCH_BUDGET.saturating_add(1);
        let Some(run) = self.runs.get(ri) else {
            return 1;
        };
        if pos >= run.text.len() {
            return self
                .calls(ri.saturating_add(1), 0, filled, memo)
                .saturating_add(1)
                .min(cap);
        }
        let slot = self
            .first_position
            .get(ri)
            .and_then(|f| f.checked_add(pos))
            .and_then(|p| p.checked_mul(self.n.saturating_add(1)))
            .and_then(|p| p.checked_add(filled));
        if let Some(Some(known)) = slot.and_then(|s| memo.get(s)) {
            return *known;
        }
        let mut total = 1usize;
        let cells = self.cells(ri, pos, filled);
        tick(cells.count().saturating_add(1));
        for end in cells.iter() {
            total = total
                .saturating_add(self.calls(ri, end, filled.saturating_add(1), memo))
                .min(cap);
        }
        if let Some(m) = slot.and_then(|s| memo.get_mut(s)) {
            *m = Some(total);
        }
        total
    }

    /// Whether the cells left can still hold the digits left: each cell holds at most
    /// [`MAX_CELL_DIGITS`] digits, the last one also the decimal part of the last run. A state
    /// that fails has no reading below it, so the search need not enter it.
    fn can_finish(&self, ri: usize, pos: usize, filled: usize) -> bool {
        let Some(run) = self.runs.get(ri) else {
            return true;
        };
        let digits_left = run
            .text
            .len()
            .saturating_sub(pos)
            .saturating_add(self.digits_after.get(ri).copied().unwrap_or(0));
        let fraction = self
            .runs
            .last()
            .zip(self.dots.last().copied().flatten())
            .map_or(0, |(r, d)| r.text.len().saturating_sub(d));
        let room = self
            .n
            .saturating_sub(filled)
            .saturating_mul(MAX_CELL_DIGITS)
            .saturating_add(fraction);
        digits_left <= room
    }

    /// The search: every split in order, each offered to `accept`, until [`MAX_KEPT`] are kept.
    /// With a `budget`, every state counts against it, as in the exhaustive search, and the
    /// search gives up when it runs out; without one, it skips the states where no reading can
    /// be ([`Search::can_finish`]).
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        ri: usize,
        pos: usize,
        current: &mut Vec<(usize, Range<usize>)>,
        texts: &mut Vec<&'s str>,
        kept: &mut Vec<Split<'s>>,
        budget: &mut Option<usize>,
        accept: &mut dyn FnMut(&[&str]) -> bool,
    ) -> Walk {
        tick(1);
        match budget {
            Some(0) => return Walk::Exhausted,
            Some(b) => *b = b.saturating_sub(1),
            None => {}
        }
        let Some(run) = self.runs.get(ri) else {
            if texts.len() == self.n && accept(texts) {
                kept.push(
                    current
                        .iter()
                        .zip(texts.iter())
                        .filter_map(|((ri, r), t)| {
                            let run = self.runs.get(*ri)?;
                            Some(Piece {
                                text: t,
                                line: run.line,
                                bytes: run.bytes.start.saturating_add(r.start)
                                    ..run.bytes.start.saturating_add(r.end),
                            })
                        })
                        .collect(),
                );
            }
            return if kept.len() < MAX_KEPT {
                Walk::Done
            } else {
                Walk::Kept
            };
        };
        if pos >= run.text.len() {
            return self.walk(
                ri.saturating_add(1),
                0,
                current,
                texts,
                kept,
                budget,
                accept,
            );
        }
        if budget.is_none() && !self.can_finish(ri, pos, texts.len()) {
            return Walk::Done;
        }
        for end in self.cells(ri, pos, texts.len()).iter() {
            let Some(t) = run.text.get(pos..end) else {
                continue;
            };
            current.push((ri, pos..end));
            texts.push(t);
            let went = self.walk(ri, end, current, texts, kept, budget, accept);
            current.pop();
            texts.pop();
            if went != Walk::Done {
                return went;
            }
        }
        Walk::Done
    }
}

/// How a search ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Walk {
    /// Every state was seen.
    Done,
    /// [`MAX_KEPT`] readings were kept: the rest was not searched.
    Kept,
    /// The budget ran out.
    Exhausted,
}

/// Splits of at most this many cells (the rows of section 二) are counted before they are
/// searched: the exhaustive search of a long run into few cells is mostly dead ends, which the
/// count sees once per state and the search then skips. Longer splits (sections 三 and 四) are
/// searched with the budget, as the exhaustive search, and counted only when the search stops
/// early with [`MAX_KEPT`] readings; there are at most 26 of them in a report.
const COUNT_FIRST_CELLS: usize = 4;

/// Every way to split `runs` into exactly `n` cells: each run into one or more cells, no cell
/// with a leading zero (except `0` itself), a decimal part only in the very last cell; kept
/// when `accept` says so, the first [`MAX_KEPT`] in the order of the search.
///
/// The readings, and whether the exhaustive search would take more than [`SEARCH_BUDGET`]
/// steps (`exhausted`), are those of searching every split; the work is less. The search stops
/// as soon as [`MAX_KEPT`] readings are kept, and then, or before searching a split of few
/// cells ([`COUNT_FIRST_CELLS`]), the steps of the exhaustive search are counted once per state
/// (run, position, cells filled: a few thousand at most) instead of taken. A split of few cells
/// over the budget is thus not searched at all, and one within it skips the states whose cells
/// left cannot hold the digits left, where no reading can be.
fn split_runs<'s>(
    runs: &[Piece<'s>],
    n: usize,
    accept: &mut dyn FnMut(&[&str]) -> bool,
) -> Splits<'s> {
    let mut s = Splits {
        kept: Vec::new(),
        exhausted: false,
    };
    let digits: usize = runs
        .iter()
        .map(|r| r.text.len())
        .fold(0, usize::saturating_add);
    tick(runs.len());
    if digits > MAX_RUN_DIGITS.saturating_mul(2)
        || runs.iter().any(|r| r.text.len() > MAX_RUN_DIGITS)
    {
        s.exhausted = true;
        return s;
    }
    // Strip units: they stay outside every cell.
    let runs: Vec<Piece<'s>> = runs
        .iter()
        .map(|r| {
            let t = strip_unit(r.text).0;
            Piece {
                text: t,
                line: r.line,
                bytes: r.bytes.start..r.bytes.start.saturating_add(t.len()),
            }
        })
        .collect();
    let search = Search::new(&runs, n);
    let over_budget = || {
        let positions = runs
            .iter()
            .map(|r| r.text.len().saturating_add(1))
            .fold(0, usize::saturating_add);
        let mut memo = vec![None; positions.saturating_mul(n.saturating_add(1))];
        search.calls(0, 0, 0, &mut memo) > SEARCH_BUDGET
    };
    let count_first = n <= COUNT_FIRST_CELLS;
    if count_first && over_budget() {
        s.exhausted = true;
        return s;
    }
    let mut budget = (!count_first).then_some(SEARCH_BUDGET);
    let mut current = Vec::with_capacity(n);
    let mut texts = Vec::with_capacity(n);
    let went = search.walk(
        0,
        0,
        &mut current,
        &mut texts,
        &mut s.kept,
        &mut budget,
        accept,
    );
    s.exhausted = match went {
        Walk::Exhausted => true,
        // Stopped with the readings it keeps: would the whole search have fit the budget?
        Walk::Kept if !count_first => over_budget(),
        Walk::Kept | Walk::Done => false,
    };
    if s.exhausted {
        s.kept.clear();
    }
    s
}

fn count(p: &Piece) -> Option<u64> {
    p.text.parse::<u64>().ok()
}

fn show(split: &[Piece]) -> String {
    split.iter().map(|p| p.text).collect::<Vec<_>>().join(" ")
}

fn raw(row: &[Piece]) -> String {
    row.iter().map(|p| p.text).collect::<Vec<_>>().join(" ")
}

fn first_line(row: &SourceRow) -> Option<usize> {
    row.values.first().or(row.labels.first()).map(|s| s.line)
}

fn unplace(reading: &mut Reading, row: &SourceRow, table: TableKey, why: &str) {
    let key = row
        .labels
        .iter()
        .map(|l| l.text.trim())
        .collect::<Vec<_>>()
        .join(" ");
    // Blank cells (empty fields, or columns a value was placed past) carry no text to keep.
    let values = row
        .values
        .iter()
        .map(|v| crate::cell::trim(&v.text))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let line = first_line(row);
    reading.report.unplaced.push(Unplaced {
        line,
        key: format!("{} {key}", table.key()),
        raw: values.clone(),
    });
    reading.note(
        Rule::ReadUnplaced,
        Location::table(table.key()),
        line,
        format!(
            "{}：{why}，「{key}」的值「{values}」未能归位，原样保留",
            line_text(line)
        ),
    );
}

fn line_text(line: Option<usize>) -> String {
    line.map_or_else(|| "来源".to_owned(), |l| format!("第 {l} 行"))
}

/// Sets the cells of one row from `split` (one piece per column), noting units and separators
/// that were dropped.
fn put(reading: &mut Reading, addresses: &[Address], split: &[Piece]) {
    for (address, piece) in addresses.iter().zip(split) {
        let (cell, repaired) = piece.cell(address.cell_type());
        if let (
            Some(what),
            Address::Proactive(ProactiveRow::Procurement, ProactiveColumn::Amount),
        ) = (&repaired, address)
        {
            if what.contains('元') {
                reading.report.procurement_unit = Some(what.to_string());
            }
        }
        if let Some(what) = repaired {
            reading.note(
                Rule::ReadRepaired,
                Location::cell(*address),
                Some(piece.line),
                format!(
                    "第 {} 行：「{}」去掉「{what}」后读作 {}",
                    piece.line,
                    piece.text,
                    cell.csv_text()
                ),
            );
        }
        reading.report.set(*address, cell);
    }
}

/// Places one row's values into `addresses`: directly when the counts agree, by splitting runs
/// (readings filtered by `accept`, ranked by `rank`, lower first) when the source lost its cell
/// boundaries, else from the left. Returns the alternatives when the split was ambiguous, for
/// the caller to settle with wider arithmetic.
fn place_row<'s>(
    reading: &mut Reading,
    row: &'s SourceRow,
    table: TableKey,
    addresses: &[Address],
    options: Options,
    accept: &mut dyn FnMut(&[&str]) -> bool,
) -> Option<Vec<Split<'s>>> {
    let n = addresses.len();
    let values = pieces(&row.values, n);
    if values.len() == n {
        put(reading, addresses, &values);
        return None;
    }
    if options.split_runs && values.len() < n && !values.is_empty() && values.iter().all(is_run) {
        let s = split_runs(&values, n, accept);
        if s.exhausted {
            unplace(reading, row, table, "数字串过长或读法过多，未作拆分");
            return None;
        }
        return match s.kept.len() {
            0 => {
                unplace(reading, row, table, "数字串没有符合合计关系的拆分");
                None
            }
            _ => Some(s.kept),
        };
    }
    let line = first_line(row);
    if values.len() < n {
        put(reading, addresses, &values);
        let first_blank = addresses
            .get(values.len())
            .map(|a| a.to_string())
            .unwrap_or_default();
        reading.note(
            Rule::ReadRepaired,
            addresses.first().map_or_else(|| Location::table(table.key()), |a| Location::row(table, a.row_key())),
            line,
            format!(
                "{}：该行应有 {n} 个值，只读到 {} 个（「{}」），按从左到右填入，自 {first_blank} 起留空",
                line_text(line),
                values.len(),
                raw(&values)
            ),
        );
    } else {
        let (fit, extra) = values.split_at(n.min(values.len()));
        put(reading, addresses, fit);
        let extra_text = raw(extra);
        reading.report.unplaced.push(Unplaced {
            line,
            key: addresses
                .first()
                .map(|a| format!("{}/{}", a.table().key(), a.row_key()))
                .unwrap_or_default(),
            raw: extra_text.clone(),
        });
        reading.note(
            Rule::ReadUnplaced,
            addresses.first().map_or_else(
                || Location::table(table.key()),
                |a| Location::row(table, a.row_key()),
            ),
            line,
            format!(
                "{}：该行应有 {n} 个值，读到 {} 个，多出的「{extra_text}」未能归位",
                line_text(line),
                values.len()
            ),
        );
    }
    None
}

/// Records the split chosen for a run-together row, and its alternatives when there were any.
fn settle(
    reading: &mut Reading,
    addresses: &[Address],
    alternatives: &[Split],
    chosen: usize,
    basis: &str,
) {
    let Some(split) = alternatives.get(chosen) else {
        return;
    };
    put(reading, addresses, split);
    let Some(first) = addresses.first() else {
        return;
    };
    let location = Location::row(first.table(), first.row_key());
    let line = split.first().map(|p| p.line);
    let source: String = split.iter().map(|p| p.text).collect();
    reading.note(
        Rule::ReadRepaired,
        location.clone(),
        line,
        format!(
            "{}：连写的数字「{source}」拆分为 {}",
            line_text(line),
            show(split)
        ),
    );
    if alternatives.len() > 1 {
        let others: Vec<String> = alternatives
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != chosen)
            .take(5)
            .map(|(_, s)| show(s))
            .collect();
        reading.note(
            Rule::ReadAmbiguous,
            location,
            line,
            format!(
                "{}：连写的数字「{source}」有 {} 种读法，取 {}（{basis}），其他读法：{}",
                line_text(line),
                alternatives.len(),
                show(split),
                others.join("；")
            ),
        );
    }
}

// -------------------------------------------------------------------------------------------
// Section 二
// -------------------------------------------------------------------------------------------

fn proactive_label(row: &SourceRow) -> Option<ProactiveRow> {
    let last = row
        .labels
        .last()
        .and_then(|l| labels::proactive_row(&l.text));
    last.or_else(|| {
        let all: String = row.labels.iter().map(|l| l.text.as_str()).collect();
        labels::proactive_row(&all)
    })
}

/// Section 二. Without a total rule, a run split several ways is settled by plausibility:
/// 2019 本年增/减 is usually 0; 2021 现行有效件数 is at least 本年制发件数 and 本年废止件数, and
/// 2019 对外公开总数量 at least 本年新公开数量; then the most even digit lengths; then 制发 ≥
/// 废止; for 采购项目数量 / 采购总金额, the split whose amount per project is nearest to
/// ¥300,000.
fn proactive(reading: &mut Reading, rows: &[SourceRow], options: Options) {
    let edition = reading.report.edition;
    for row in rows {
        let Some(prow) = proactive_label(row) else {
            if row.values.iter().any(|v| !v.text.trim().is_empty()) {
                unplace(reading, row, TableKey::Proactive, "不能识别的第二十条行");
            }
            continue;
        };
        let mut columns = proactive_columns(edition, prow);
        if columns.is_empty() {
            let other = if edition == Edition::E2019 {
                Edition::E2021
            } else {
                Edition::E2019
            };
            columns = proactive_columns(other, prow);
        }
        let addresses: Vec<Address> = columns
            .iter()
            .map(|&c| Address::Proactive(prow, c))
            .collect();
        let alternatives = place_row(
            reading,
            row,
            TableKey::Proactive,
            &addresses,
            options,
            &mut |_| true,
        );
        if let Some(alts) = alternatives {
            let chosen = alts
                .iter()
                .enumerate()
                .min_by_key(|(_, s)| proactive_rank(columns, s))
                .map_or(0, |(i, _)| i);
            settle(
                reading,
                &addresses,
                &alts,
                chosen,
                "按第二十条各列的常见关系取最合理者",
            );
        }
    }
}

fn proactive_rank(columns: &[ProactiveColumn], split: &[Piece]) -> (usize, usize, usize, u64) {
    use ProactiveColumn as C;
    let val = |c: C| {
        columns
            .iter()
            .position(|&x| x == c)
            .and_then(|i| split.get(i))
            .and_then(|p| p.text.parse::<Decimal>().ok())
    };
    let mut soft = 0usize;
    let mut tie = 0usize;
    if let Some(ch) = val(C::Change) {
        if !ch.is_zero() {
            soft = soft.saturating_add(1);
        }
    }
    if let (Some(i), Some(f)) = (val(C::Issued), val(C::InForce)) {
        if f < i {
            soft = soft.saturating_add(1);
        }
    }
    if let (Some(r), Some(f)) = (val(C::Repealed), val(C::InForce)) {
        if f < r {
            soft = soft.saturating_add(1);
        }
    }
    if let (Some(i), Some(r)) = (val(C::Issued), val(C::Repealed)) {
        if i < r {
            tie = tie.saturating_add(1);
        }
    }
    if let (Some(p), Some(t)) = (val(C::NewlyPublished), val(C::TotalPublished)) {
        if t < p {
            soft = soft.saturating_add(1);
        }
    }
    let mut distance = 0u64;
    if let (Some(p), Some(a)) = (val(C::Projects), val(C::Amount)) {
        // |log10(amount / projects) − 5.5|, in hundredths.
        let per = if p.is_zero() {
            a
        } else {
            a.checked_div(p).unwrap_or(a)
        };
        let digits = per.trunc().to_string().trim_start_matches('-').len();
        distance = u64::try_from(digits).unwrap_or(u64::MAX).abs_diff(6);
    }
    let longest = split
        .iter()
        .map(|p| p.text.split('.').next().map_or(0, str::len))
        .max()
        .unwrap_or(0);
    if distance > 0 || columns.contains(&C::Projects) {
        return (
            soft,
            usize::try_from(distance).unwrap_or(usize::MAX),
            longest,
            0,
        );
    }
    (soft, longest, tie, 0)
}

// -------------------------------------------------------------------------------------------
// Section 三
// -------------------------------------------------------------------------------------------

fn application_label(row: &SourceRow) -> Option<ApplicationRow> {
    let last = row
        .labels
        .last()
        .and_then(|l| labels::application_row_in(&l.text));
    last.or_else(|| {
        let all: String = row.labels.iter().map(|l| l.text.as_str()).collect();
        labels::application_row_in(&all)
    })
}

fn row_addresses(row: ApplicationRow) -> Vec<Address> {
    ApplicantColumn::ALL
        .iter()
        .map(|&c| Address::Applications(row, c))
        .collect()
}

/// Whether a split of a section 三 row satisfies its row total.
fn row_total_holds<T: AsRef<str>>(split: &[T]) -> bool {
    let Some((total, parts)) = split.split_last() else {
        return false;
    };
    sum_is(parts, total)
}

/// Whether every text of `parts` and `total` is a count and the parts add up to the total.
fn sum_is<T: AsRef<str>>(parts: &[T], total: &T) -> bool {
    let Ok(total) = total.as_ref().parse::<u64>() else {
        return false;
    };
    let mut sum = Some(0u64);
    for p in parts {
        let Ok(x) = p.as_ref().parse::<u64>() else {
            return false;
        };
        sum = sum.and_then(|s| s.checked_add(x));
    }
    sum == Some(total)
}

/// Section 三: rows by label, then by position, then runs split under the row total; several
/// readings left are settled by the outcome totals and balances of the columns, then by
/// plausibility (fewest organisation cells that are not 0: most applicants are natural persons).
fn applications(reading: &mut Reading, rows: &[SourceRow], options: Options) {
    let edition = reading.report.edition;
    let data: Vec<&SourceRow> = rows
        .iter()
        .filter(|r| r.values.iter().any(|v| lines_value(&v.text)))
        .collect();
    let matched: Vec<Option<ApplicationRow>> = data.iter().map(|r| application_label(r)).collect();
    let single_other = matched.contains(&Some(ApplicationRow::Other));
    let split_other = matched.iter().any(|m| {
        matches!(
            m,
            Some(ApplicationRow::OtherOverdueCorrection | ApplicationRow::OtherUnpaidFee)
        )
    });
    // Both the single （六）其他处理 row and all three 2021 rows of （六）: the order
    // `Report::application_rows` lays such a report out in (the single row first).
    let both_other = single_other
        && [
            ApplicationRow::OtherOverdueCorrection,
            ApplicationRow::OtherUnpaidFee,
            ApplicationRow::OtherOther,
        ]
        .iter()
        .all(|r| matched.contains(&Some(*r)));
    // The order of the rows this report gives.
    let order: Vec<ApplicationRow> = if both_other {
        application_rows(Edition::E2021)
            .iter()
            .flat_map(|&r| {
                let single =
                    (r == ApplicationRow::OtherOverdueCorrection).then_some(ApplicationRow::Other);
                single.into_iter().chain([r])
            })
            .collect()
    } else {
        let use_2019 = if single_other && !split_other {
            true
        } else if split_other {
            false
        } else {
            edition == Edition::E2019
        };
        let base = if use_2019 {
            application_rows(Edition::E2019)
        } else {
            application_rows(Edition::E2021)
        };
        base.to_vec()
    };
    // 3.其他 in a 2019 order is the single row.
    let matched: Vec<Option<ApplicationRow>> = matched
        .into_iter()
        .map(|m| match m {
            Some(ApplicationRow::OtherOther) if !order.contains(&ApplicationRow::OtherOther) => {
                Some(ApplicationRow::Other)
            }
            Some(ApplicationRow::Other) if !order.contains(&ApplicationRow::Other) => {
                Some(ApplicationRow::OtherOther)
            }
            other => other,
        })
        .collect();
    // Anchors: labelled rows in increasing position.
    let mut pos: Vec<Option<usize>> = Vec::with_capacity(data.len());
    let mut last: Option<usize> = None;
    for m in &matched {
        let p = m.and_then(|r| order.iter().position(|&o| o == r));
        match (p, last) {
            (Some(p), Some(l)) if p <= l => pos.push(None),
            (Some(p), _) => {
                pos.push(Some(p));
                last = Some(p);
            }
            (None, _) => pos.push(None),
        }
    }
    // Unlabelled rows between anchors, by position.
    let mut assigned: Vec<Option<ApplicationRow>> = pos
        .iter()
        .map(|p| p.and_then(|i| order.get(i).copied()))
        .collect();
    let mut repaired_by_position = vec![false; data.len()];
    let mut i = 0usize;
    while i < data.len() {
        if pos.get(i).copied().flatten().is_some() {
            i = i.saturating_add(1);
            continue;
        }
        let gap_start = i;
        while i < data.len() && pos.get(i).copied().flatten().is_none() {
            i = i.saturating_add(1);
        }
        let before = gap_start
            .checked_sub(1)
            .and_then(|b| pos.get(b).copied().flatten());
        let after = pos.get(i).copied().flatten();
        let from = before.map_or(0, |b| b.saturating_add(1));
        let to = after.unwrap_or(order.len());
        // Candidates for position: rows whose value count could fill a whole row.
        let fits: Vec<usize> = (gap_start..i)
            .filter(|&k| {
                data.get(k).is_some_and(|r| {
                    let v = pieces(&r.values, ApplicantColumn::ALL.len());
                    v.len() == ApplicantColumn::ALL.len()
                        || (options.split_runs
                            && !v.is_empty()
                            && v.len() < ApplicantColumn::ALL.len())
                })
            })
            .collect();
        let slots = to.saturating_sub(from);
        if !fits.is_empty() && fits.len() == slots {
            for (k, slot) in fits.iter().zip(from..to) {
                if let Some(a) = assigned.get_mut(*k) {
                    *a = order.get(slot).copied();
                }
                if let Some(r) = repaired_by_position.get_mut(*k) {
                    *r = true;
                }
            }
        }
    }
    // Place, collecting ambiguous rows.
    let mut ambiguous: Vec<(ApplicationRow, Vec<Split>)> = Vec::new();
    for ((row, target), by_position) in data.iter().zip(&assigned).zip(&repaired_by_position) {
        let Some(target) = *target else {
            unplace(
                reading,
                row,
                TableKey::Applications,
                "无法确定属于第三部分表格的哪一行",
            );
            continue;
        };
        if reading.report.applications.has_row(target) {
            unplace(reading, row, TableKey::Applications, "同一行重复出现");
            continue;
        }
        if *by_position {
            let line = first_line(row);
            reading.note(
                Rule::ReadRepaired,
                Location::row(TableKey::Applications, target.key()),
                line,
                format!(
                    "{}：该行没有可识别的行名，按其在表中的位置读作「{}」",
                    line_text(line),
                    target.full_label()
                ),
            );
        }
        let addresses = row_addresses(target);
        if let Some(alts) = place_row(
            reading,
            row,
            TableKey::Applications,
            &addresses,
            options,
            &mut |s| row_total_holds(s),
        ) {
            ambiguous.push((target, alts));
        }
    }
    // Settle: column identities first, plausibility next.
    let mut choice: Vec<usize> = ambiguous
        .iter()
        .map(|(_, alts)| {
            alts.iter()
                .enumerate()
                .min_by_key(|(_, s)| application_rank(s))
                .map_or(0, |(i, _)| i)
        })
        .collect();
    // The cells placed so far: the loop below does not change them.
    let base = known_grid(reading);
    for _ in 0..2 {
        for k in 0..ambiguous.len() {
            let Some((target, alts)) = ambiguous.get(k) else {
                continue;
            };
            if alts.len() < 2 {
                continue;
            }
            let mut best: Option<(usize, (usize, usize, u64))> = None;
            for (ci, alt) in alts.iter().enumerate() {
                tick(ambiguous.len().saturating_mul(ApplicantColumn::ALL.len()));
                let mut grid = base.clone();
                for (j, (t, a)) in ambiguous.iter().enumerate() {
                    let pick = if j == k {
                        Some(alt)
                    } else {
                        choice.get(j).and_then(|&c| a.get(c))
                    };
                    if let Some(s) = pick {
                        for (col, p) in ApplicantColumn::ALL.iter().zip(s) {
                            grid.insert((*t, *col), count(p));
                        }
                    }
                }
                let broken = identities_broken(&grid, &order);
                let (orgs, np) = application_rank(alt);
                let key = (broken, orgs, np);
                if best.as_ref().is_none_or(|(_, b)| key < *b) {
                    best = Some((ci, key));
                }
            }
            if let (Some((ci, _)), Some(c)) = (best, choice.get_mut(k)) {
                *c = ci;
            }
            let _ = target;
        }
    }
    for ((target, alts), &c) in ambiguous.iter().zip(&choice) {
        settle(
            reading,
            &row_addresses(*target),
            alts,
            c,
            "按各列的办理结果合计、结转关系和行合计选定",
        );
    }
}

fn lines_value(text: &str) -> bool {
    let t = crate::cell::trim(text);
    !t.is_empty() && crate::place::value::is_value_token(t)
}

/// Plausibility of a section 三 split: organisation cells that are not 0 (fewer first), then
/// the natural-person cell (larger first).
fn application_rank(split: &[Piece]) -> (usize, u64) {
    let orgs = split
        .get(1..6)
        .unwrap_or(&[])
        .iter()
        .filter(|p| p.text != "0")
        .count();
    let np = split.first().and_then(count).unwrap_or(0);
    (orgs, u64::MAX.saturating_sub(np))
}

/// Section 三's counts by row and column (`None`: blank, not a count, or not placed), in one
/// array indexed by the row's and column's place in the format: copied, not rebuilt, for each
/// reading of an ambiguous row that is weighed.
#[derive(Debug, Clone)]
struct Known {
    cells: Vec<Option<u64>>,
}

impl Known {
    fn new() -> Known {
        Known {
            cells: vec![
                None;
                ApplicationRow::ALL
                    .len()
                    .saturating_mul(ApplicantColumn::ALL.len())
            ],
        }
    }

    fn index(r: ApplicationRow, c: ApplicantColumn) -> Option<usize> {
        let (row, col) = (r.ordinal(), c.ordinal());
        row.checked_mul(ApplicantColumn::ALL.len())?
            .checked_add(col)
    }

    fn insert(&mut self, (r, c): (ApplicationRow, ApplicantColumn), value: Option<u64>) {
        if let Some(cell) = Known::index(r, c).and_then(|i| self.cells.get_mut(i)) {
            *cell = value;
        }
    }

    fn get(&self, r: ApplicationRow, c: ApplicantColumn) -> Option<u64> {
        Known::index(r, c)
            .and_then(|i| self.cells.get(i))
            .copied()
            .flatten()
    }
}

fn known_grid(reading: &Reading) -> Known {
    let mut grid = Known::new();
    for (r, c, cell) in reading.report.applications.iter() {
        grid.insert(
            (r, c),
            cell.number()
                .and_then(|n| n.to_type(CellType::Count))
                .and_then(Number::as_count),
        );
    }
    grid
}

/// How many column identities (outcome total, balance) are assessable and broken.
fn identities_broken(grid: &Known, order: &[ApplicationRow]) -> usize {
    let get = |r: ApplicationRow, c: ApplicantColumn| grid.get(r, c);
    let mut broken = 0usize;
    for &c in ApplicantColumn::ALL {
        let outcomes: Option<u64> = order
            .iter()
            .filter(|r| r.is_outcome())
            .try_fold(0u64, |acc, &r| acc.checked_add(get(r, c)?));
        let total = get(ApplicationRow::Total, c);
        if let (Some(o), Some(t)) = (outcomes, total) {
            if o != t {
                broken = broken.saturating_add(1);
            }
        }
        let inflow = get(ApplicationRow::Received, c)
            .zip(get(ApplicationRow::CarriedOver, c))
            .and_then(|(a, b)| a.checked_add(b));
        let outflow = total
            .zip(get(ApplicationRow::CarriedForward, c))
            .and_then(|(a, b)| a.checked_add(b));
        if let (Some(i), Some(o)) = (inflow, outflow) {
            if i != o {
                broken = broken.saturating_add(1);
            }
        }
    }
    broken
}

/// How many of the format's identities a reading of section 三 satisfies: the row total of
/// each row, and, per column, the outcome total and the balance (FORMAT.md). Returns (held,
/// assessable): an identity with a cell that is not a count is not assessable.
pub fn application_identities<S: core::borrow::Borrow<Spanned>>(
    rows: &[(ApplicationRow, Vec<S>)],
) -> (usize, usize) {
    let mut held = 0usize;
    let mut assessed = 0usize;
    let mut tally = |ok: Option<bool>| {
        if let Some(ok) = ok {
            assessed = assessed.saturating_add(1);
            if ok {
                held = held.saturating_add(1);
            }
        }
    };
    let mut grid = Known::new();
    for (row, values) in rows {
        // The values as `Piece::of` trims them, each read as a count once.
        let counts: Vec<Option<u64>> = values
            .iter()
            .map(|v| crate::cell::trim(&v.borrow().text).parse::<u64>().ok())
            .collect();
        tick(counts.len());
        let all_counts = counts.iter().all(Option::is_some);
        // `row_total_holds` of the texts: the parts add up to the last value.
        tally(all_counts.then(|| {
            match counts.split_last() {
                Some((&total, parts)) => parts
                    .iter()
                    .try_fold(0u64, |s, &x| s.checked_add(x?))
                    .is_some_and(|sum| Some(sum) == total),
                None => false,
            }
        }));
        for (col, count) in ApplicantColumn::ALL.iter().zip(&counts) {
            grid.insert((*row, *col), *count);
        }
    }
    let order: Vec<ApplicationRow> = rows.iter().map(|(r, _)| *r).collect();
    let get = |r: ApplicationRow, c: ApplicantColumn| grid.get(r, c);
    for &c in ApplicantColumn::ALL {
        let outcomes: Option<u64> = order
            .iter()
            .filter(|r| r.is_outcome())
            .try_fold(0u64, |acc, &r| acc.checked_add(get(r, c)?));
        let total = get(ApplicationRow::Total, c);
        tally(outcomes.zip(total).map(|(o, t)| o == t));
        let inflow = get(ApplicationRow::Received, c)
            .zip(get(ApplicationRow::CarriedOver, c))
            .and_then(|(a, b)| a.checked_add(b));
        let outflow = total
            .zip(get(ApplicationRow::CarriedForward, c))
            .and_then(|(a, b)| a.checked_add(b));
        tally(inflow.zip(outflow).map(|(i, o)| i == o));
    }
    (held, assessed)
}

// -------------------------------------------------------------------------------------------
// Section 四
// -------------------------------------------------------------------------------------------

fn appeal_addresses(rows: &[AppealRow]) -> Vec<Address> {
    rows.iter()
        .flat_map(|&r| {
            AppealColumn::ALL
                .iter()
                .map(move |&c| Address::Appeals(r, c))
        })
        .collect()
}

/// Whether every block of a split of section 四 satisfies its total.
fn blocks_hold<T: AsRef<str>>(split: &[T]) -> bool {
    split
        .chunks(AppealColumn::ALL.len())
        .all(|block| match block.split_last() {
            Some((total, parts)) => sum_is(parts, total),
            None => false,
        })
}

/// Section 四: rows labelled with a block take their five values; otherwise the values of the
/// table, in order, are the 15 cells of the three blocks. Runs are split under the block totals;
/// several readings left are settled by the fewest digits in the largest cell.
fn appeals(reading: &mut Reading, rows: &[SourceRow], options: Options) {
    let data: Vec<&SourceRow> = rows
        .iter()
        .filter(|r| r.values.iter().any(|v| lines_value(&v.text)))
        .collect();
    let width = AppealColumn::ALL.len();
    let mut loose = SourceRow::default();
    for row in &data {
        let block = row.labels.last().and_then(|l| labels::appeal_row(&l.text));
        let n = pieces(&row.values, width).len();
        match block {
            Some(b) if n == width && !reading.report.appeals.has_row(b) => {
                put(
                    reading,
                    &appeal_addresses(&[b]),
                    &pieces(&row.values, width),
                );
            }
            _ => {
                loose.labels.extend(row.labels.iter().cloned());
                loose.values.extend(row.values.iter().cloned());
            }
        }
    }
    if loose.values.is_empty() {
        return;
    }
    let blocks: Vec<AppealRow> = AppealRow::ALL
        .iter()
        .copied()
        .filter(|&b| !reading.report.appeals.has_row(b))
        .collect();
    let addresses = appeal_addresses(&blocks);
    if let Some(alts) = place_row(
        reading,
        &loose,
        TableKey::Appeals,
        &addresses,
        options,
        &mut |s| blocks_hold(s),
    ) {
        let chosen = alts
            .iter()
            .enumerate()
            .min_by_key(|(_, s)| s.iter().map(|p| p.text.len()).max().unwrap_or(0))
            .map_or(0, |(i, _)| i);
        settle(reading, &addresses, &alts, chosen, "按各栏总计关系选定");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Piece<'_> {
        Piece {
            text,
            line: 1,
            bytes: 0..text.len(),
        }
    }

    #[test]
    fn a_run_splits_only_where_the_row_total_holds() {
        let s = split_runs(&[run("270020130")], 7, &mut |s| row_total_holds(s));
        let readings: Vec<String> = s.kept.iter().map(|k| show(k)).collect();
        assert!(readings.contains(&"27 0 0 2 0 1 30".to_owned()));
        assert!(readings.contains(&"2 7 0 0 20 1 30".to_owned()));
        assert_eq!(readings.len(), 2);
    }

    #[test]
    fn a_decimal_stays_in_the_last_cell() {
        let s = split_runs(&[run("13575394432.52")], 2, &mut |_| true);
        assert!(
            s.kept
                .iter()
                .all(|k| k.last().is_some_and(|p| p.text.ends_with(".52")))
        );
        let best = s
            .kept
            .iter()
            .min_by_key(|k| {
                proactive_rank(&[ProactiveColumn::Projects, ProactiveColumn::Amount], k)
            })
            .map(|k| show(k));
        assert_eq!(best.as_deref(), Some("135 75394432.52"));
    }

    #[test]
    fn a_long_run_is_bounded() {
        let long = "1".repeat(200);
        let s = split_runs(&[run(&long)], 7, &mut |_| true);
        assert!(s.exhausted);
        let many = "1".repeat(60);
        let s = split_runs(&[run(&many)], 15, &mut |_| true);
        assert!(s.exhausted || !s.kept.is_empty());
    }

    fn many<'a>(runs: &[&'a str]) -> Vec<Piece<'a>> {
        runs.iter().map(|r| run(r)).collect()
    }

    #[test]
    fn a_search_over_the_budget_stops_at_it() {
        // Seven cells from 40 digits: far more than SEARCH_BUDGET states, none accepted.
        let digits = "1".repeat(40);
        let runs = many(&[&digits]);
        let (s, steps) = crate::place::work::counting(|| split_runs(&runs, 7, &mut |_| false));
        assert!(s.exhausted && s.kept.is_empty());
        // One step per state entered: the budget's, and the one that found it spent.
        let budget = u64::try_from(SEARCH_BUDGET).unwrap_or(u64::MAX);
        assert_eq!(steps, budget + 2, "{steps}");
    }

    #[test]
    fn a_search_that_keeps_enough_is_counted_not_finished() {
        // Every split accepted: the search stops at MAX_KEPT readings and the count of the
        // exhaustive search (over the budget here) decides, in far fewer steps.
        let digits = "1".repeat(40);
        let runs = many(&[&digits]);
        let (s, steps) = crate::place::work::counting(|| split_runs(&runs, 7, &mut |_| true));
        assert!(s.exhausted, "the exhaustive search would exceed the budget");
        let budget = u64::try_from(SEARCH_BUDGET).unwrap_or(u64::MAX);
        assert!(steps < budget / 10, "{steps}");
        // Within the budget: the first MAX_KEPT readings, as the exhaustive search keeps them.
        let small = many(&["1111111111"]);
        let s = split_runs(&small, 7, &mut |_| true);
        assert!(!s.exhausted);
        assert_eq!(s.kept.len(), MAX_KEPT);
        assert_eq!(
            s.kept.first().map(|k| show(k)).as_deref(),
            Some("1 1 1 1 1 1 1111")
        );
    }

    #[test]
    fn a_split_of_few_cells_skips_its_dead_ends() {
        // 64 digits cannot fill three cells of at most 18 digits: the exhaustive search enters
        // every state of the dead ends; counted once per state, the search itself stops at once.
        let digits = "1".repeat(64);
        let runs = many(&[&digits]);
        let search = Search::new(&runs, 3);
        let mut memo = vec![None; 65 * 4];
        let exhaustive = search.calls(0, 0, 0, &mut memo);
        let (s, steps) = crate::place::work::counting(|| split_runs(&runs, 3, &mut |_| true));
        assert!(!s.exhausted && s.kept.is_empty());
        let exhaustive = u64::try_from(exhaustive).unwrap_or(u64::MAX);
        assert!(
            steps * 2 < exhaustive,
            "{steps} steps, {exhaustive} exhaustive"
        );
    }

    #[test]
    fn appeals_split_by_block_totals() {
        let s = split_runs(&[run("10203120001200000")], 15, &mut |s| blocks_hold(s));
        let readings: Vec<String> = s.kept.iter().map(|k| show(k)).collect();
        assert_eq!(readings, vec!["1 0 2 0 3 12 0 0 0 12 0 0 0 0 0".to_owned()]);
    }
}
