//! Section 四's values in another order: text extracted from a PDF without its layout (plain
//! `pdftotext`) can give a table's values in blocks out of the row's order — the 淮安 2024 row
//! `72 64 178 37 351 | 13 4 8 1 26 | 12 1 1 6 20` comes out as `72 64 178 37`, `12 1 1 6`,
//! `351`, `13 4 8 1 26`, `20`, each block between header words. Read in the order written, the
//! totals fail; in another order of the same blocks, all three hold. A reading that makes a
//! report's own totals fail where another placement of the same values makes them hold is a
//! reading problem, not the report's: the placement that holds is taken and the choice reported
//! as `read.ambiguous`, naming both, never as an `appeals.total` error.
//!
//! Only a section 四 placed value after value in the order of the source is reconsidered, and
//! only by moving whole blocks (values not separated by any other text stay together); a row
//! written on one line — where a failed total is the report's own — is never touched.

use crate::catalogue::{AppealColumn, AppealRow, TableKey};
use crate::cell::{Cell, Number};
use crate::finding::{Location, Rule};
use crate::read::Reading;
use crate::report::Address;

/// The most blocks whose orders are tried (8! = 40 320 orders of 15 values).
pub const MAX_BLOCKS: usize = 8;

fn count(cell: &Cell) -> Option<u64> {
    match cell.number()? {
        Number::Count(n) => Some(n),
        _ => None,
    }
}

fn addresses() -> Vec<Address> {
    AppealRow::ALL
        .iter()
        .flat_map(|&r| {
            AppealColumn::ALL
                .iter()
                .map(move |&c| Address::Appeals(r, c))
        })
        .collect()
}

/// Whether the three totals hold for values in the format's order (5 per row, 总计 last).
fn holds(values: &[u64]) -> bool {
    values.chunks(5).all(|row| match row {
        [a, b, c, d, total] => {
            a.checked_add(*b)
                .and_then(|s| s.checked_add(*c))
                .and_then(|s| s.checked_add(*d))
                == Some(*total)
        }
        _ => false,
    })
}

/// Reconsiders the order of section 四's values read from `source` (see the module).
pub fn reorder_appeals(reading: &mut Reading, source: &str) {
    let addrs = addresses();
    let cells: Option<Vec<Cell>> = addrs
        .iter()
        .map(|&a| reading.report.cell(a).cloned())
        .collect();
    let Some(cells) = cells else { return };
    let Some(values) = cells.iter().map(count).collect::<Option<Vec<u64>>>() else {
        return;
    };
    if holds(&values) {
        return;
    }
    let Some(origins) = cells
        .iter()
        .map(|c| c.origin.as_ref().map(|o| o.bytes.clone()))
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    // Placed value after value in source order?
    if origins.windows(2).any(|w| match w {
        [a, b] => a.end > b.start,
        _ => true,
    }) {
        return;
    }
    // Blocks: a break wherever anything but white space stands between two values (so a row
    // on one line is one block).
    let mut blocks: Vec<Vec<usize>> = vec![vec![0]];
    for i in 1..origins.len() {
        let (Some(prev), Some(this)) = (origins.get(i.saturating_sub(1)), origins.get(i)) else {
            return;
        };
        let between = source.get(prev.end..this.start).unwrap_or("x");
        if between.chars().any(|c| !c.is_whitespace()) {
            blocks.push(vec![i]);
        } else if let Some(b) = blocks.last_mut() {
            b.push(i);
        }
    }
    if blocks.len() < 2 || blocks.len() > MAX_BLOCKS {
        return;
    }
    // Orders of the blocks, by Heap's algorithm; the one with the fewest blocks moved wins.
    let n = blocks.len();
    let mut order: Vec<usize> = (0..n).collect();
    let mut c = vec![0usize; n];
    let mut best: Option<(usize, Vec<usize>)> = None;
    let mut found = 0usize;
    let mut consider = |order: &[usize], best: &mut Option<(usize, Vec<usize>)>| {
        let seq: Vec<usize> = order
            .iter()
            .filter_map(|&b| blocks.get(b))
            .flatten()
            .copied()
            .collect();
        let vals: Option<Vec<u64>> = seq.iter().map(|&i| values.get(i).copied()).collect();
        if vals.is_some_and(|v| holds(&v)) {
            found = found.saturating_add(1);
            let moved = order.iter().enumerate().filter(|(i, b)| i != *b).count();
            if best.as_ref().is_none_or(|(m, _)| moved < *m) {
                *best = Some((moved, seq));
            }
        }
    };
    let mut i = 0usize;
    while i < n {
        let ci = c.get(i).copied().unwrap_or(0);
        if ci < i {
            if i.is_multiple_of(2) {
                order.swap(0, i);
            } else {
                order.swap(ci, i);
            }
            consider(&order, &mut best);
            if let Some(slot) = c.get_mut(i) {
                *slot = ci.saturating_add(1);
            }
            i = 0;
        } else {
            if let Some(slot) = c.get_mut(i) {
                *slot = 0;
            }
            i = i.saturating_add(1);
        }
    }
    let Some((_, seq)) = best else { return };
    let show = |vals: &mut dyn Iterator<Item = u64>| -> String {
        let v: Vec<String> = vals.map(|v| v.to_string()).collect();
        v.chunks(5)
            .map(|r| r.join(" "))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let written = show(&mut values.iter().copied());
    let chosen = show(&mut seq.iter().filter_map(|&i| values.get(i).copied()));
    let line = cells
        .first()
        .and_then(|c| c.origin.as_ref())
        .map(|o| o.line);
    for (&addr, &from) in addrs.iter().zip(&seq) {
        if let Some(cell) = cells.get(from) {
            reading.report.set(addr, cell.clone());
        }
    }
    let rows: Vec<String> = AppealRow::ALL.iter().map(|r| r.full_label()).collect();
    reading.note(
        Rule::ReadAmbiguous,
        Location::table(TableKey::Appeals.key()),
        line,
        format!(
            "{}：值按原文顺序读作「{written}」时合计不成立；原文中这些值分成 {} 段，换一种段的顺序读作「{chosen}」时 {} 的合计都成立（{} 种顺序成立），取后者",
            TableKey::Appeals.label(),
            blocks.len(),
            rows.join("、"),
            found
        ),
    );
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn totals() {
        assert!(holds(&[
            72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20
        ]));
        assert!(!holds(&[
            72, 64, 178, 37, 12, 1, 1, 6, 351, 13, 4, 8, 1, 26, 20
        ]));
        assert!(!holds(&[
            u64::MAX,
            1,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0
        ]));
    }
}
