//! Building a report in code, with every total computed.

use time::Date;

use crate::catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, Edition, IssuerKind, ProactiveColumn,
    ProactiveRow, application_rows, proactive_cells, proactive_columns,
};
use crate::cell::{Cell, Number};
use crate::error::BuildError;
use crate::report::{Address, Issuer, Report};

/// Builds a [`Report`] whose sums are right by construction.
///
/// Give the figures the body counted; [`ReportBuilder::build`] computes the rest:
/// - 总计 of every row of section 三 (the sum of the six applicant columns);
/// - the row （七）总计 (the sum of the outcome rows, per column);
/// - 四、结转下年度继续办理 when it is not given (本年新收 + 上年结转 − （七）总计), or checks it
///   when it is;
/// - 总计 of each block of section 四.
///
/// Every cell of the edition that is not given is 0: a generated report states every figure.
///
/// ```
/// use zfxxgk::{ApplicationRow, Edition, ReportBuilder, validate};
///
/// let report = ReportBuilder::new("某县某局", 2024, Edition::E2021)
///     .applications(ApplicationRow::Received, [3, 1, 0, 0, 0, 0])
///     .applications(ApplicationRow::Granted, [2, 1, 0, 0, 0, 0])
///     .applications(ApplicationRow::UnavailableNotHeld, [1, 0, 0, 0, 0, 0])
///     .build()?;
/// assert!(validate(&report).iter().all(|f| f.severity != zfxxgk::Severity::Error));
/// # Ok::<(), zfxxgk::BuildError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReportBuilder {
    report: Report,
    proactive: Vec<(ProactiveRow, ProactiveColumn, Number)>,
    applications: Vec<(ApplicationRow, [u64; 6])>,
    appeals: Vec<(AppealRow, [u64; 4])>,
}

impl ReportBuilder {
    /// Starts a report of `issuer` on `year` in `edition`.
    pub fn new(issuer: impl Into<Issuer>, year: u16, edition: Edition) -> Self {
        ReportBuilder {
            report: Report::new(issuer, year, edition),
            proactive: Vec::new(),
            applications: Vec::new(),
            appeals: Vec::new(),
        }
    }

    /// Sets the publication date.
    #[must_use]
    pub fn published(mut self, date: Date) -> Self {
        self.report.published = Some(date);
        self
    }

    /// Sets the kind of issuer.
    #[must_use]
    pub fn kind(mut self, kind: IssuerKind) -> Self {
        self.report.kind = Some(kind);
        self
    }

    /// Sets the prose of section 一, 总体情况.
    #[must_use]
    pub fn overview(mut self, text: impl Into<String>) -> Self {
        self.report.prose.overview = Some(text.into());
        self
    }

    /// Sets the prose of section 五, 存在的主要问题及改进情况.
    #[must_use]
    pub fn problems(mut self, text: impl Into<String>) -> Self {
        self.report.prose.problems = Some(text.into());
        self
    }

    /// Sets the prose of section 六, 其他需要报告的事项.
    #[must_use]
    pub fn other_matters(mut self, text: impl Into<String>) -> Self {
        self.report.prose.other = Some(text.into());
        self
    }

    /// Sets one cell of section 二.
    #[must_use]
    pub fn proactive(
        mut self,
        row: ProactiveRow,
        column: ProactiveColumn,
        value: impl Into<Number>,
    ) -> Self {
        self.proactive.push((row, column, value.into()));
        self
    }

    /// Sets one row of section 三 by its six applicant columns (自然人, 商业企业, 科研机构,
    /// 社会公益组织, 法律服务机构, 其他); 总计 is computed.
    #[must_use]
    pub fn applications(mut self, row: ApplicationRow, counts: [u64; 6]) -> Self {
        self.applications.push((row, counts));
        self
    }

    /// Sets one block of section 四 by 结果维持, 结果纠正, 其他结果, 尚未审结; 总计 is computed.
    #[must_use]
    pub fn appeals(mut self, row: AppealRow, counts: [u64; 4]) -> Self {
        self.appeals.push((row, counts));
        self
    }

    /// Computes the totals and returns the report.
    ///
    /// # Errors
    ///
    /// [`BuildError`] when a cell is not in the edition, a value is not of its cell's type, a
    /// computed row is given, a sum overflows, or a given 结转下年度继续办理 does not balance.
    pub fn build(self) -> Result<Report, BuildError> {
        let ReportBuilder {
            mut report,
            proactive,
            applications,
            appeals,
        } = self;
        let edition = report.edition;

        for (row, column) in proactive_cells(edition) {
            let zero = match column.cell_type() {
                crate::CellType::Amount => Number::Amount(rust_decimal::Decimal::ZERO),
                crate::CellType::Change => Number::Change(0),
                crate::CellType::Count => Number::Count(0),
            };
            report.proactive.set(row, column, Cell::value(zero));
        }
        for (row, column, value) in proactive {
            if !proactive_columns(edition, row).contains(&column) {
                return Err(BuildError::NotInEdition {
                    address: Address::Proactive(row, column),
                    edition,
                });
            }
            let typed = value
                .to_type(column.cell_type())
                .ok_or(BuildError::WrongType {
                    address: Address::Proactive(row, column),
                    value,
                })?;
            report.proactive.set(row, column, Cell::value(typed));
        }

        let rows = application_rows(edition);
        let mut given: Vec<(ApplicationRow, [u64; 6])> = rows
            .iter()
            .filter(|r| !matches!(r, ApplicationRow::Total | ApplicationRow::CarriedForward))
            .map(|&r| (r, [0; 6]))
            .collect();
        let mut carried_forward: Option<[u64; 6]> = None;
        for (row, counts) in applications {
            if row == ApplicationRow::Total {
                return Err(BuildError::Computed {
                    address: Address::Applications(row, ApplicantColumn::Total),
                });
            }
            if !rows.contains(&row) {
                return Err(BuildError::NotInEdition {
                    address: Address::Applications(row, ApplicantColumn::NaturalPerson),
                    edition,
                });
            }
            if row == ApplicationRow::CarriedForward {
                carried_forward = Some(counts);
            } else if let Some(slot) = given.iter_mut().find(|(r, _)| *r == row) {
                slot.1 = counts;
            }
        }

        let mut outcome_total = [0u64; 6];
        let mut inflow = [0u64; 6];
        for (row, counts) in &given {
            let (acc, sum_row) = if row.is_outcome() {
                (&mut outcome_total, ApplicationRow::Total)
            } else {
                (&mut inflow, ApplicationRow::CarriedForward)
            };
            for (column, (slot, &n)) in ApplicantColumn::PARTS
                .iter()
                .zip(acc.iter_mut().zip(counts.iter()))
            {
                *slot = slot.checked_add(n).ok_or(BuildError::Overflow {
                    address: Address::Applications(sum_row, *column),
                })?;
            }
        }
        let mut forward = [0u64; 6];
        for (i, slot) in forward.iter_mut().enumerate() {
            let column = ApplicantColumn::PARTS
                .get(i)
                .copied()
                .unwrap_or(ApplicantColumn::Total);
            let address = Address::Applications(ApplicationRow::CarriedForward, column);
            let inn = inflow.get(i).copied().unwrap_or(0);
            let out = outcome_total.get(i).copied().unwrap_or(0);
            let computed = inn.checked_sub(out);
            *slot = match (carried_forward.as_ref().and_then(|c| c.get(i)), computed) {
                (Some(&g), Some(c)) if g == c => g,
                (None, Some(c)) => c,
                (given, _) => {
                    return Err(BuildError::Unbalanced {
                        address,
                        inflow: inn,
                        outcome: out,
                        carried_forward: given.copied(),
                    });
                }
            };
        }
        given.push((ApplicationRow::Total, outcome_total));
        given.push((ApplicationRow::CarriedForward, forward));
        for (row, counts) in given {
            let mut total = 0u64;
            for (&column, &n) in ApplicantColumn::PARTS.iter().zip(counts.iter()) {
                report.applications.set(row, column, Cell::value(n));
                total = total.checked_add(n).ok_or(BuildError::Overflow {
                    address: Address::Applications(row, ApplicantColumn::Total),
                })?;
            }
            report
                .applications
                .set(row, ApplicantColumn::Total, Cell::value(total));
        }

        let mut blocks: Vec<(AppealRow, [u64; 4])> =
            AppealRow::ALL.iter().map(|&r| (r, [0; 4])).collect();
        for (row, counts) in appeals {
            if let Some(slot) = blocks.iter_mut().find(|(r, _)| *r == row) {
                slot.1 = counts;
            }
        }
        for (row, counts) in blocks {
            let mut total = 0u64;
            for (&column, &n) in AppealColumn::PARTS.iter().zip(counts.iter()) {
                report.appeals.set(row, column, Cell::value(n));
                total = total.checked_add(n).ok_or(BuildError::Overflow {
                    address: Address::Appeals(row, AppealColumn::Total),
                })?;
            }
            report
                .appeals
                .set(row, AppealColumn::Total, Cell::value(total));
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_are_computed() -> Result<(), BuildError> {
        let r = ReportBuilder::new("x", 2024, Edition::E2021)
            .applications(ApplicationRow::Received, [3, 1, 0, 0, 0, 2])
            .applications(ApplicationRow::CarriedOver, [1, 0, 0, 0, 0, 0])
            .applications(ApplicationRow::Granted, [2, 1, 0, 0, 0, 0])
            .applications(ApplicationRow::OtherOther, [1, 0, 0, 0, 0, 1])
            .appeals(AppealRow::Review, [1, 2, 3, 4])
            .build()?;
        let n = |row, col| r.applications.number(row, col).and_then(Number::as_count);
        assert_eq!(n(ApplicationRow::Received, ApplicantColumn::Total), Some(6));
        assert_eq!(
            n(ApplicationRow::Total, ApplicantColumn::NaturalPerson),
            Some(3)
        );
        assert_eq!(n(ApplicationRow::Total, ApplicantColumn::Total), Some(5));
        assert_eq!(
            n(
                ApplicationRow::CarriedForward,
                ApplicantColumn::NaturalPerson
            ),
            Some(1)
        );
        assert_eq!(
            n(ApplicationRow::CarriedForward, ApplicantColumn::Other),
            Some(1)
        );
        assert_eq!(
            n(ApplicationRow::CarriedForward, ApplicantColumn::Total),
            Some(2)
        );
        assert_eq!(
            r.appeals.number(AppealRow::Review, AppealColumn::Total),
            Some(Number::Count(10))
        );
        Ok(())
    }

    #[test]
    fn unbalanced_carried_forward_is_refused() {
        let r = ReportBuilder::new("x", 2024, Edition::E2021)
            .applications(ApplicationRow::Received, [1, 0, 0, 0, 0, 0])
            .applications(ApplicationRow::CarriedForward, [5, 0, 0, 0, 0, 0])
            .build();
        assert!(matches!(r, Err(BuildError::Unbalanced { .. })));
        let r = ReportBuilder::new("x", 2024, Edition::E2021)
            .applications(ApplicationRow::Granted, [1, 0, 0, 0, 0, 0])
            .build();
        assert!(matches!(r, Err(BuildError::Unbalanced { .. })));
    }

    #[test]
    fn cells_outside_the_edition_are_refused() {
        let r = ReportBuilder::new("x", 2024, Edition::E2021)
            .proactive(ProactiveRow::Procurement, ProactiveColumn::Amount, 1u64)
            .build();
        assert!(matches!(r, Err(BuildError::NotInEdition { .. })));
        let r = ReportBuilder::new("x", 2020, Edition::E2019)
            .applications(ApplicationRow::OtherOther, [1, 0, 0, 0, 0, 0])
            .build();
        assert!(matches!(r, Err(BuildError::NotInEdition { .. })));
        let r = ReportBuilder::new("x", 2020, Edition::E2019)
            .proactive(ProactiveRow::Regulations, ProactiveColumn::NewlyMade, -1i64)
            .build();
        assert!(matches!(r, Err(BuildError::WrongType { .. })));
    }

    #[test]
    fn overflow_is_an_error() {
        let r = ReportBuilder::new("x", 2024, Edition::E2021)
            .applications(ApplicationRow::Received, [u64::MAX, 1, 0, 0, 0, 0])
            .build();
        assert!(matches!(r, Err(BuildError::Overflow { .. })));
    }
}
