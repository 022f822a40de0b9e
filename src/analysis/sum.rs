//! A government's units and its own totals: the element-wise sum of reports of the same year
//! and edition ([`sum`], [`sum_named`]), and the comparison of that sum with the government's
//! own report ([`compare`], rule `aggregate.mismatch` of FORMAT.md).
//!
//! Blank stays apart from 0 here too: a cell blank in every input is blank in the sum; a cell
//! blank in some inputs is the sum of the others, and each such cell is listed in
//! [`Summed::blanks`] with the inputs that left it blank. A cell counts as blank when it holds
//! no number of its cell's type (blank, a mark such as `/`, or unreadable text). Sums use
//! checked arithmetic: an overflow is a [`SumError::Overflow`], never a wrapped value.

use core::fmt;
use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::catalogue::Edition;
use crate::cell::{Cell, Number};
use crate::finding::{Finding, Location, Operand, Rule, Severity};
use crate::report::{Address, Report};

/// The sum of several reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summed {
    /// The summed report: issuer `N 个单位合计`, the inputs' year and edition, no prose.
    pub report: Report,
    /// The labels of the inputs, in input order.
    pub inputs: Vec<String>,
    /// Cells that some (not all) inputs left blank; their sum is the sum of the others.
    pub blanks: Vec<PartialBlank>,
}

/// A cell of the sum that some inputs left blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialBlank {
    /// The cell.
    pub address: Address,
    /// The indices (into the inputs) of the inputs that left it blank.
    pub inputs: Vec<usize>,
}

impl Summed {
    /// One not-assessable `aggregate.mismatch` note (severity info) per cell that some inputs
    /// left blank, naming those inputs: a total compared against such a cell may differ only
    /// because of them.
    pub fn notes(&self) -> Vec<Finding> {
        let edition = self.report.edition;
        self.blanks
            .iter()
            .map(|b| {
                let names: Vec<String> = b
                    .inputs
                    .iter()
                    .map(|&i| self.inputs.get(i).cloned().unwrap_or_else(|| i.to_string()))
                    .collect();
                let mut f = Finding::new(
                    Rule::AggregateMismatch,
                    Location::cell(b.address),
                    format!(
                        "{}：以下单位未填写，合计只含其余 {} 个单位：{}",
                        b.address.describe(edition),
                        self.inputs.len().saturating_sub(b.inputs.len()),
                        names.join("、")
                    ),
                );
                f.severity = Severity::Info;
                f.assessable = false;
                f.fingerprint_for(&self.report);
                f
            })
            .collect()
    }
}

/// Why reports could not be summed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SumError {
    /// No report was given.
    #[error("expected at least one report to sum, found none")]
    Empty,
    /// An input is of another year or edition than the first.
    #[error(
        "{label}: expected a report on {year} in the {edition} edition like {first}, found {found_year} in the {found_edition} edition"
    )]
    Mismatch {
        /// The label of the first input.
        first: String,
        /// The year of the first input.
        year: u16,
        /// The edition of the first input.
        edition: Edition,
        /// The label of the input that differs.
        label: String,
        /// Its year.
        found_year: u16,
        /// Its edition.
        found_edition: Edition,
    },
    /// A cell's sum exceeds what its type holds.
    #[error("{address}: the sum overflows (after adding {label})")]
    Overflow {
        /// The cell.
        address: Address,
        /// The label of the input whose value overflowed the sum.
        label: String,
    },
}

/// Sums reports of one year and edition, cell by cell, naming each input by its issuer.
///
/// # Errors
///
/// See [`sum_named`].
pub fn sum(reports: &[&Report]) -> Result<Summed, SumError> {
    let named: Vec<(String, &Report)> = reports
        .iter()
        .map(|r| (r.issuer.as_str().to_owned(), *r))
        .collect();
    let borrowed: Vec<(&str, &Report)> = named.iter().map(|(n, r)| (n.as_str(), *r)).collect();
    sum_named(&borrowed)
}

/// Sums reports of one year and edition, cell by cell; each input is named by its label (a
/// file name, say) in errors and in [`Summed::inputs`].
///
/// Every cell of any input's layout is in the sum: blank when every input leaves it blank,
/// otherwise the sum of the inputs that give a number, with the others in
/// [`Summed::blanks`].
///
/// # Errors
///
/// [`SumError::Empty`] for no input, [`SumError::Mismatch`] when an input is of another year or
/// edition than the first, [`SumError::Overflow`] when a sum does not fit its cell's type.
pub fn sum_named(reports: &[(&str, &Report)]) -> Result<Summed, SumError> {
    let Some(&(first_label, first)) = reports.first() else {
        return Err(SumError::Empty);
    };
    for &(label, r) in reports {
        if r.year != first.year || r.edition != first.edition {
            return Err(SumError::Mismatch {
                first: first_label.to_owned(),
                year: first.year,
                edition: first.edition,
                label: label.to_owned(),
                found_year: r.year,
                found_edition: r.edition,
            });
        }
    }

    let mut addresses: BTreeSet<Address> = BTreeSet::new();
    for &(_, r) in reports {
        addresses.extend(r.addresses());
    }

    let mut out = Report::new(
        format!("{} 个单位合计", reports.len()),
        first.year,
        first.edition,
    );
    let mut blanks = Vec::new();
    for &address in &addresses {
        let ty = address.cell_type();
        let mut total: Option<Number> = None;
        let mut blank_inputs = Vec::new();
        for (i, &(label, r)) in reports.iter().enumerate() {
            let value = r
                .cell(address)
                .and_then(Cell::number)
                .and_then(|n| n.to_type(ty));
            let Some(value) = value else {
                blank_inputs.push(i);
                continue;
            };
            let next = match total {
                None => Some(value),
                Some(acc) => add(acc, value),
            };
            total = Some(next.ok_or_else(|| SumError::Overflow {
                address,
                label: label.to_owned(),
            })?);
        }
        match total {
            Some(n) => {
                out.set(address, Cell::value(n));
                if !blank_inputs.is_empty() {
                    blanks.push(PartialBlank {
                        address,
                        inputs: blank_inputs,
                    });
                }
            }
            None => {
                out.set(address, Cell::blank());
            }
        }
    }

    Ok(Summed {
        report: out,
        inputs: reports.iter().map(|(l, _)| (*l).to_owned()).collect(),
        blanks,
    })
}

/// `a + b` for two numbers of one type, `None` on overflow or mixed types.
fn add(a: Number, b: Number) -> Option<Number> {
    match (a, b) {
        (Number::Count(x), Number::Count(y)) => x.checked_add(y).map(Number::Count),
        (Number::Change(x), Number::Change(y)) => x.checked_add(y).map(Number::Change),
        (Number::Amount(x), Number::Amount(y)) => x.checked_add(y).map(Number::Amount),
        _ => None,
    }
}

/// The number in `report`'s cell at `address` as a decimal, if it holds one of the cell's type.
fn decimal_at(report: &Report, address: Address) -> Option<Decimal> {
    report
        .cell(address)
        .and_then(Cell::number)
        .and_then(|n| n.to_type(address.cell_type()))
        .map(Number::as_decimal)
}

/// A count, change or amount as text, for `expected`/`actual`.
struct Shown(Option<Decimal>);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(d) => write!(f, "{}", d.normalize()),
            None => f.write_str("空"),
        }
    }
}

/// `aggregate.mismatch` (FORMAT.md, rules table): compares the sum of a government's units'
/// reports (`units_sum`, from [`sum`]) with the government's own report (`total`), cell by cell.
///
/// Each cell where both hold a number and the numbers differ is a warning with the units' sum
/// as `expected` and the total's number as `actual`. A cell that is blank on one side only is
/// not assessable (info); blank on both sides says nothing. Reports of different years or
/// editions are not compared: one not-assessable finding at `report/edition` (or `year`) says
/// so. Findings carry the fingerprint of `total`.
pub fn compare(units_sum: &Report, total: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    if units_sum.year != total.year || units_sum.edition != total.edition {
        let field = if units_sum.year == total.year {
            "edition"
        } else {
            "year"
        };
        let mut f = Finding::new(
            Rule::AggregateMismatch,
            Location::report(field),
            format!(
                "报告年度与格式版本：各单位之和为 {} 年度、{} 年版，本级报告为 {} 年度、{} 年版，无法逐格核对",
                units_sum.year, units_sum.edition, total.year, total.edition
            ),
        );
        f.severity = Severity::Info;
        f.assessable = false;
        f.expected = Some(format!("{}/{}", units_sum.year, units_sum.edition));
        f.actual = Some(format!("{}/{}", total.year, total.edition));
        f.fingerprint_for(total);
        out.push(f);
        return out;
    }

    let mut addresses: BTreeSet<Address> = units_sum.addresses().into_iter().collect();
    addresses.extend(total.addresses());
    let mut ordered: Vec<Address> = total.addresses();
    ordered.extend(
        addresses
            .iter()
            .filter(|a| !ordered.contains(a))
            .copied()
            .collect::<Vec<_>>(),
    );

    let edition = total.edition;
    for address in ordered {
        let expected = decimal_at(units_sum, address);
        let actual = decimal_at(total, address);
        let operands = vec![
            Operand {
                location: Location::cell(address),
                value: expected.map(|d| Shown(Some(d)).to_string()),
            },
            Operand {
                location: Location::cell(address),
                value: actual.map(|d| Shown(Some(d)).to_string()),
            },
        ];
        let mut f = match (expected, actual) {
            (None, None) => continue,
            (Some(e), Some(a)) if e == a => continue,
            (Some(e), Some(a)) => {
                let mut f = Finding::new(
                    Rule::AggregateMismatch,
                    Location::cell(address),
                    format!(
                        "{}：应为所属单位之和 {}，实为 {}",
                        address.describe(edition),
                        Shown(Some(e)),
                        Shown(Some(a))
                    ),
                );
                f.expected = Some(Shown(Some(e)).to_string());
                f.actual = Some(Shown(Some(a)).to_string());
                f
            }
            (e, a) => {
                let side = if e.is_none() {
                    "所属单位均未填写"
                } else {
                    "本级报告未填写"
                };
                let mut f = Finding::new(
                    Rule::AggregateMismatch,
                    Location::cell(address),
                    format!(
                        "{}：无法核对，{side}（所属单位之和 {}，本级报告 {}）",
                        address.describe(edition),
                        Shown(e),
                        Shown(a)
                    ),
                );
                f.severity = Severity::Info;
                f.assessable = false;
                f.expected = e.map(|d| Shown(Some(d)).to_string());
                f.actual = a.map(|d| Shown(Some(d)).to_string());
                f
            }
        };
        f.operands = operands;
        f.fingerprint_for(total);
        out.push(f);
    }
    out
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]
mod tests {
    use super::*;
    use crate::ReportBuilder;
    use crate::catalogue::{
        ApplicantColumn, ApplicationRow, CellType, ProactiveColumn, ProactiveRow,
    };

    fn unit(name: &str, received: [u64; 6]) -> Report {
        ReportBuilder::new(name, 2024, Edition::E2021)
            .applications(ApplicationRow::Received, received)
            .applications(ApplicationRow::Granted, received)
            .build()
            .unwrap()
    }

    const RECEIVED_TOTAL: Address =
        Address::Applications(ApplicationRow::Received, ApplicantColumn::Total);

    // FORMAT.md, rules table: `aggregate.mismatch` — a government's own report differs from the
    // sum of its units' reports, per cell.
    #[test]
    fn sums_cells_and_compares_with_the_total() {
        let a = unit("甲局", [1, 2, 0, 0, 0, 0]);
        let b = unit("乙局", [3, 0, 0, 0, 0, 1]);
        let summed = sum(&[&a, &b]).unwrap();
        assert_eq!(summed.report.cell(RECEIVED_TOTAL), Some(&Cell::value(7u64)));
        assert!(summed.blanks.is_empty());

        let right = unit("某县人民政府", [4, 2, 0, 0, 0, 1]);
        assert!(compare(&summed.report, &right).is_empty());

        let wrong = unit("某县人民政府", [5, 2, 0, 0, 0, 1]);
        let findings = compare(&summed.report, &wrong);
        let f = findings
            .iter()
            .find(|f| f.location == Location::cell(RECEIVED_TOTAL))
            .unwrap();
        assert_eq!(f.rule, Rule::AggregateMismatch);
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(
            (f.expected.as_deref(), f.actual.as_deref()),
            (Some("7"), Some("8"))
        );
        assert_eq!(
            f.message,
            "一、本年新收政府信息公开申请数量 / 总计：应为所属单位之和 7，实为 8"
        );
        // 自然人 and 总计 of 本年新收, （一）予以公开 and （七）总计.
        assert_eq!(findings.len(), 6);
    }

    #[test]
    fn blank_everywhere_stays_blank_and_partial_blanks_are_reported() {
        let mut a = unit("甲局", [1, 0, 0, 0, 0, 0]);
        let b = unit("乙局", [2, 0, 0, 0, 0, 0]);
        let mut c = unit("丙局", [0, 0, 0, 0, 0, 0]);
        let fees = Address::Proactive(ProactiveRow::Fees, ProactiveColumn::Amount);
        for r in [&mut a, &mut c] {
            r.set(RECEIVED_TOTAL, Cell::blank());
        }
        let mut b2 = b.clone();
        a.set(fees, Cell::blank());
        b2.set(fees, Cell::from_text("/", CellType::Amount));
        c.set(fees, Cell::blank());
        let summed = sum_named(&[("a.csv", &a), ("b.csv", &b2), ("c.csv", &c)]).unwrap();
        assert_eq!(summed.report.cell(fees), Some(&Cell::blank()));
        assert_eq!(summed.report.cell(RECEIVED_TOTAL), Some(&Cell::value(2u64)));
        assert_eq!(
            summed.blanks,
            vec![PartialBlank {
                address: RECEIVED_TOTAL,
                inputs: vec![0, 2]
            }]
        );
        let notes = summed.notes();
        assert_eq!(notes.len(), 1);
        assert!(!notes[0].assessable);
        assert_eq!(
            notes[0].message,
            "一、本年新收政府信息公开申请数量 / 总计：以下单位未填写，合计只含其余 1 个单位：a.csv、c.csv"
        );
    }

    #[test]
    fn amounts_add_as_decimals() {
        let fees = Address::Proactive(ProactiveRow::Fees, ProactiveColumn::Amount);
        let mut a = unit("甲局", [0; 6]);
        let mut b = unit("乙局", [0; 6]);
        a.set(fees, Cell::from_text("1.25", CellType::Amount));
        b.set(fees, Cell::from_text("0.75", CellType::Amount));
        let summed = sum(&[&a, &b]).unwrap();
        assert_eq!(
            summed
                .report
                .cell(fees)
                .and_then(Cell::number)
                .map(Number::as_decimal),
            Some(Decimal::new(2, 0))
        );
    }

    #[test]
    fn different_years_or_editions_are_an_error_naming_the_inputs() {
        let a = unit("甲局", [0; 6]);
        let b = ReportBuilder::new("乙局", 2023, Edition::E2021)
            .build()
            .unwrap();
        let err = sum_named(&[("a.csv", &a), ("b.csv", &b)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "b.csv: expected a report on 2024 in the 2021 edition like a.csv, found 2023 in the 2021 edition"
        );
        assert_eq!(sum(&[]), Err(SumError::Empty));
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        let mut a = unit("甲局", [0; 6]);
        let b = a.clone();
        a.set(RECEIVED_TOTAL, Cell::value(u64::MAX));
        let mut c = b.clone();
        c.set(RECEIVED_TOTAL, Cell::value(1u64));
        let err = sum_named(&[("a", &a), ("c", &c)]).unwrap_err();
        assert_eq!(
            err,
            SumError::Overflow {
                address: RECEIVED_TOTAL,
                label: "c".into()
            }
        );
    }

    #[test]
    fn different_year_total_is_not_compared() {
        let a = unit("甲局", [0; 6]);
        let b = ReportBuilder::new("某县人民政府", 2023, Edition::E2021)
            .build()
            .unwrap();
        let findings = compare(&a, &b);
        assert_eq!(findings.len(), 1);
        assert!(!findings[0].assessable);
    }
}
