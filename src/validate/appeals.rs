//! The rules on section 四, 政府信息公开行政复议、行政诉讼情况.

use crate::catalogue::{AppealColumn, AppealRow};
use crate::finding::{Finding, Location, Rule};
use crate::report::{Address, Report};

use super::{Cells, compare};

/// `appeals.total`: per block, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (FORMAT.md, rules
/// table).
pub fn totals(report: &Report, out: &mut Vec<Finding>) {
    totals_in(report, &Cells::of(report), out);
}

/// [`totals`] given the report's cells.
pub(crate) fn totals_in(report: &Report, cells: &Cells, out: &mut Vec<Finding>) {
    for &row in AppealRow::ALL {
        let total = Address::Appeals(row, AppealColumn::Total);
        compare(
            out,
            report,
            cells,
            Rule::AppealsTotal,
            || {
                let what = {
                    format!(
                        "{} / 总计（应为结果维持、结果纠正、其他结果、尚未审结之和）",
                        row.full_label()
                    )
                };
                (Location::cell(total), what)
            },
            AppealColumn::PARTS
                .iter()
                .map(move |&c| Address::Appeals(row, c)),
            [total],
        );
    }
}
