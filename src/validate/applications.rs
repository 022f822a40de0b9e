//! The rules on section 三, 收到和处理政府信息公开申请情况.

use crate::catalogue::{APPLICATIONS_NOTE, ApplicantColumn, ApplicationRow, Edition, TableKey};
use crate::finding::{Finding, Location, Rule};
use crate::report::{Address, Report};

use super::{Sum, compare};

const OTHER_SPLIT: [ApplicationRow; 3] = [
    ApplicationRow::OtherOverdueCorrection,
    ApplicationRow::OtherUnpaidFee,
    ApplicationRow::OtherOther,
];

/// The rows of （六） that the report's own layout replaces: in a 2021-edition report that gives
/// a single （六）其他处理 row and leaves the three 2021 rows without numbers, those three; in a
/// 2019-edition report that gives the three 2021 rows and leaves its single row without
/// numbers, the single row. Such rows are neither blank cells nor operands.
pub fn replaced_rows(report: &Report) -> Vec<ApplicationRow> {
    let has_numbers = |row: ApplicationRow| {
        ApplicantColumn::ALL
            .iter()
            .any(|&c| report.applications.number(row, c).is_some())
    };
    let split_numbers = OTHER_SPLIT.iter().any(|&r| has_numbers(r));
    let single_numbers = has_numbers(ApplicationRow::Other);
    match report.edition {
        Edition::E2021 if report.applications.has_row(ApplicationRow::Other) && !split_numbers => {
            OTHER_SPLIT.to_vec()
        }
        Edition::E2021 if report.applications.has_row(ApplicationRow::Other) && !single_numbers => {
            vec![ApplicationRow::Other]
        }
        Edition::E2019
            if OTHER_SPLIT.iter().any(|&r| report.applications.has_row(r)) && !single_numbers =>
        {
            vec![ApplicationRow::Other]
        }
        Edition::E2019 if OTHER_SPLIT.iter().any(|&r| report.applications.has_row(r)) => {
            OTHER_SPLIT.to_vec()
        }
        _ => Vec::new(),
    }
}

/// The outcome rows that add up to （七）总计 in this report.
pub fn outcome_rows(report: &Report) -> Vec<ApplicationRow> {
    let replaced = replaced_rows(report);
    report
        .application_rows()
        .into_iter()
        .filter(|r| r.is_outcome() && !replaced.contains(r))
        .collect()
}

/// `applications.row-total`: per row, 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 +
/// 法律服务机构 + 其他 (FORMAT.md, rules table). A blank 总计 is not assessable, not an error.
pub fn row_totals(report: &Report, out: &mut Vec<Finding>) {
    let replaced = replaced_rows(report);
    for row in report.application_rows() {
        if replaced.contains(&row) {
            continue;
        }
        let mut parts = Sum::default();
        parts.add_all(
            report,
            ApplicantColumn::PARTS
                .iter()
                .map(|&c| Address::Applications(row, c)),
        );
        let mut total = Sum::default();
        total.add(report, Address::Applications(row, ApplicantColumn::Total));
        compare(
            out,
            Rule::ApplicationsRowTotal,
            Location::cell(Address::Applications(row, ApplicantColumn::Total)),
            &format!("{} / 总计（应为各类申请人之和）", row.full_label()),
            parts,
            total,
        );
    }
}

/// `applications.outcome-total`: per column, （七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+
/// （六） (2021: Σ（六）).
pub fn outcome_totals(report: &Report, out: &mut Vec<Finding>) {
    let rows = outcome_rows(report);
    for &column in ApplicantColumn::ALL {
        let mut parts = Sum::default();
        parts.add_all(
            report,
            rows.iter().map(|&r| Address::Applications(r, column)),
        );
        let mut total = Sum::default();
        total.add(report, Address::Applications(ApplicationRow::Total, column));
        compare(
            out,
            Rule::ApplicationsOutcomeTotal,
            Location::cell(Address::Applications(ApplicationRow::Total, column)),
            &format!(
                "（七）总计 / {}（应为各项办理结果之和）",
                column.full_label()
            ),
            parts,
            total,
        );
    }
}

/// `applications.balance`: per column, 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理, the
/// identity the table's own header note states.
pub fn balance(report: &Report, out: &mut Vec<Finding>) {
    for &column in ApplicantColumn::ALL {
        let mut inflow = Sum::default();
        inflow.add_all(
            report,
            [ApplicationRow::Received, ApplicationRow::CarriedOver]
                .map(|r| Address::Applications(r, column)),
        );
        let mut outflow = Sum::default();
        outflow.add_all(
            report,
            [ApplicationRow::Total, ApplicationRow::CarriedForward]
                .map(|r| Address::Applications(r, column)),
        );
        compare(
            out,
            Rule::ApplicationsBalance,
            Location::column(TableKey::Applications, column.key()),
            &format!(
                "{}列：一、本年新收 + 二、上年结转 应等于 （七）总计 + 四、结转下年度继续办理{APPLICATIONS_NOTE}",
                column.full_label()
            ),
            inflow,
            outflow,
        );
    }
}
