//! The rules on section 四, 政府信息公开行政复议、行政诉讼情况.

use crate::catalogue::{AppealColumn, AppealRow};
use crate::finding::{Finding, Location, Rule};
use crate::report::{Address, Report};

use super::{Sum, compare};

/// `appeals.total`: per block, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (FORMAT.md, rules
/// table).
pub fn totals(report: &Report, out: &mut Vec<Finding>) {
    for &row in AppealRow::ALL {
        let mut parts = Sum::default();
        parts.add_all(
            report,
            AppealColumn::PARTS
                .iter()
                .map(|&c| Address::Appeals(row, c)),
        );
        let mut total = Sum::default();
        total.add(report, Address::Appeals(row, AppealColumn::Total));
        compare(
            out,
            Rule::AppealsTotal,
            Location::cell(Address::Appeals(row, AppealColumn::Total)),
            &format!(
                "{} / 总计（应为结果维持、结果纠正、其他结果、尚未审结之和）",
                row.full_label()
            ),
            parts,
            total,
        );
    }
}
