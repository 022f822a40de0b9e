//! The rules on section 三, 收到和处理政府信息公开申请情况.

use crate::catalogue::{APPLICATIONS_NOTE, ApplicantColumn, ApplicationRow, Edition, TableKey};
use crate::finding::{Finding, Location, Rule};
use crate::report::{Address, Report};

use super::{Cells, compare};

/// The three 2021-edition rows of （六）其他处理.
const OTHER_SPLIT: &[ApplicationRow] = &[
    ApplicationRow::OtherOverdueCorrection,
    ApplicationRow::OtherUnpaidFee,
    ApplicationRow::OtherOther,
];

/// The single 2019-edition row of （六）其他处理.
const OTHER_SINGLE: &[ApplicationRow] = &[ApplicationRow::Other];

/// The rows of （六） that the report's own layout replaces: in a 2021-edition report that gives
/// a single （六）其他处理 row and leaves the three 2021 rows without numbers, those three; in a
/// 2019-edition report that gives the three 2021 rows and leaves its single row without
/// numbers, the single row. Such rows are neither blank cells nor operands.
pub fn replaced_rows(report: &Report) -> Vec<ApplicationRow> {
    replaced(report.edition, &Cells::of(report)).to_vec()
}

/// [`replaced_rows`] of a report of `edition` with `cells`, without allocating.
pub(crate) fn replaced(edition: Edition, cells: &Cells) -> &'static [ApplicationRow] {
    let has_numbers = |row: ApplicationRow| {
        ApplicantColumn::ALL
            .iter()
            .any(|&c| cells.has_number(row, c))
    };
    let has_row = |row: ApplicationRow| cells.has_application_row(row);
    let split_numbers = OTHER_SPLIT.iter().any(|&r| has_numbers(r));
    let single_numbers = has_numbers(ApplicationRow::Other);
    match edition {
        Edition::E2021 if has_row(ApplicationRow::Other) && !split_numbers => OTHER_SPLIT,
        Edition::E2021 if has_row(ApplicationRow::Other) && !single_numbers => OTHER_SINGLE,
        Edition::E2019 if OTHER_SPLIT.iter().any(|&r| has_row(r)) && !single_numbers => {
            OTHER_SINGLE
        }
        Edition::E2019 if OTHER_SPLIT.iter().any(|&r| has_row(r)) => OTHER_SPLIT,
        _ => &[],
    }
}

/// The outcome rows that add up to （七）总计 in this report.
pub fn outcome_rows(report: &Report) -> Vec<ApplicationRow> {
    let cells = Cells::of(report);
    outcome_rows_except(report.edition, &cells, replaced(report.edition, &cells)).collect()
}

/// [`outcome_rows`] given the replaced rows, without allocating.
fn outcome_rows_except<'a>(
    edition: Edition,
    cells: &Cells,
    replaced: &'a [ApplicationRow],
) -> impl Iterator<Item = ApplicationRow> + Clone + 'a {
    cells
        .application_rows(edition)
        .filter(move |r| r.is_outcome() && !replaced.contains(r))
}

/// `applications.row-total`: per row, 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 +
/// 法律服务机构 + 其他 (FORMAT.md, rules table). A blank 总计 is not assessable, not an error.
pub fn row_totals(report: &Report, out: &mut Vec<Finding>) {
    let cells = Cells::of(report);
    row_totals_except(report, &cells, replaced(report.edition, &cells), out);
}

/// [`row_totals`] given the report's cells and replaced rows.
pub(crate) fn row_totals_except(
    report: &Report,
    cells: &Cells,
    replaced: &[ApplicationRow],
    out: &mut Vec<Finding>,
) {
    for row in cells.application_rows(report.edition) {
        if replaced.contains(&row) {
            continue;
        }
        let total = Address::Applications(row, ApplicantColumn::Total);
        compare(
            out,
            report,
            cells,
            Rule::ApplicationsRowTotal,
            || {
                let what = format!("{} / 总计（应为各类申请人之和）", row.full_label());
                (Location::cell(total), what)
            },
            ApplicantColumn::PARTS
                .iter()
                .map(move |&c| Address::Applications(row, c)),
            [total],
        );
    }
}

/// `applications.outcome-total`: per column, （七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+
/// （六） (2021: Σ（六）).
pub fn outcome_totals(report: &Report, out: &mut Vec<Finding>) {
    let cells = Cells::of(report);
    outcome_totals_except(report, &cells, replaced(report.edition, &cells), out);
}

/// [`outcome_totals`] given the report's cells and replaced rows.
pub(crate) fn outcome_totals_except(
    report: &Report,
    cells: &Cells,
    replaced: &[ApplicationRow],
    out: &mut Vec<Finding>,
) {
    let rows = outcome_rows_except(report.edition, cells, replaced);
    for &column in ApplicantColumn::ALL {
        let total = Address::Applications(ApplicationRow::Total, column);
        compare(
            out,
            report,
            cells,
            Rule::ApplicationsOutcomeTotal,
            || {
                let what = {
                    format!(
                        "（七）总计 / {}（应为各项办理结果之和）",
                        column.full_label()
                    )
                };
                (Location::cell(total), what)
            },
            rows.clone().map(move |r| Address::Applications(r, column)),
            [total],
        );
    }
}

/// `applications.balance`: per column, 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理, the
/// identity the table's own header note states.
pub fn balance(report: &Report, out: &mut Vec<Finding>) {
    balance_in(report, &Cells::of(report), out);
}

/// [`balance`] given the report's cells.
pub(crate) fn balance_in(report: &Report, cells: &Cells, out: &mut Vec<Finding>) {
    for &column in ApplicantColumn::ALL {
        compare(
            out,
            report,
            cells,
            Rule::ApplicationsBalance,
            || {
                let what = {
                    format!(
                        "{}列：一、本年新收 + 二、上年结转 应等于 （七）总计 + 四、结转下年度继续办理{APPLICATIONS_NOTE}",
                        column.full_label()
                    )
                };
                (Location::column(TableKey::Applications, column.key()), what)
            },
            [ApplicationRow::Received, ApplicationRow::CarriedOver]
                .map(|r| Address::Applications(r, column)),
            [ApplicationRow::Total, ApplicationRow::CarriedForward]
                .map(|r| Address::Applications(r, column)),
        );
    }
}
