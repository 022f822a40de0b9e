//! Building a report in code, with every total computed.
//!
//! Counts may be given as any primitive integer type ([`Integer`]): `[3, 1, 0, 0, 0, 0]`
//! literals, `usize` lengths, `i64` columns of a database. A value a cell cannot hold (a
//! negative count, a number too large) does not interrupt the chain of calls: the builder
//! keeps the first such error and [`ReportBuilder::build`] returns it.

use rust_decimal::Decimal;
use time::{Date, Month};

use crate::catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, CellType, Edition, IssuerKind,
    ProactiveColumn, ProactiveRow, application_rows, proactive_cells, proactive_columns,
};
use crate::cell::{Cell, Number};
use crate::error::{BuildError, Given};
use crate::report::{Address, Issuer, Report};

mod sealed {
    pub trait Sealed {}
}

/// A primitive integer type the builder takes counts from: `u8`, `u16`, `u32`, `u64`, `usize`,
/// `i8`, `i16`, `i32`, `i64`, `isize`. Sealed: the builder's checks rely on every value fitting
/// an `i128`.
pub trait Integer: sealed::Sealed + Copy {
    /// The value, widened without loss.
    fn widen(self) -> i128;
}

macro_rules! integer {
    ($($t:ty),+) => {$(
        impl sealed::Sealed for $t {}
        impl Integer for $t {
            fn widen(self) -> i128 {
                i128::from(self)
            }
        }
    )+};
}

integer!(u8, u16, u32, u64, i8, i16, i32, i64);

impl sealed::Sealed for usize {}
impl Integer for usize {
    fn widen(self) -> i128 {
        // usize is at most 64 bits on every platform Rust supports; the fallback is unreachable.
        u64::try_from(self).map_or(i128::MAX, i128::from)
    }
}

impl sealed::Sealed for isize {}
impl Integer for isize {
    fn widen(self) -> i128 {
        i64::try_from(self).map_or(i128::MAX, i128::from)
    }
}

/// A value for one cell of section 二 ([`ReportBuilder::proactive`]): a whole number of any
/// [`Integer`] type, a [`Decimal`], a [`Number`], or text to parse as the cell's type
/// (`"7730.28"` for an amount).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value {
    /// A whole number.
    Whole(i128),
    /// A decimal.
    Decimal(Decimal),
    /// A number as the model holds it.
    Number(Number),
    /// Text, parsed as a number of the cell's type when the report is built.
    Text(String),
}

impl<T: Integer> From<T> for Value {
    fn from(n: T) -> Self {
        Value::Whole(n.widen())
    }
}

impl From<Decimal> for Value {
    fn from(d: Decimal) -> Self {
        Value::Decimal(d)
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Self {
        Value::Number(n)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl Value {
    /// The value as a number of `ty`, or why it is not one.
    fn to_number(&self, address: Address, edition: Edition) -> Result<Number, BuildError> {
        let ty = address.cell_type();
        let number = match self {
            Value::Whole(n) => {
                let out_of_range = || BuildError::OutOfRange {
                    address,
                    value: *n,
                    edition,
                };
                return match ty {
                    CellType::Count => u64::try_from(*n)
                        .map(Number::Count)
                        .map_err(|_| out_of_range()),
                    CellType::Change => i64::try_from(*n)
                        .map(Number::Change)
                        .map_err(|_| out_of_range()),
                    CellType::Amount => i64::try_from(*n)
                        .map(|n| Number::Amount(Decimal::from(n)))
                        .map_err(|_| out_of_range()),
                };
            }
            Value::Decimal(d) => Number::Amount(*d),
            Value::Number(n) => *n,
            Value::Text(text) => {
                return Number::parse(text, ty).ok_or_else(|| BuildError::Text {
                    address,
                    text: text.clone(),
                    edition,
                });
            }
        };
        number.to_type(ty).ok_or(BuildError::WrongType {
            address,
            value: number,
            edition,
        })
    }
}

/// Converts a row of counts, or names the first column that cannot hold its value.
fn counts<T: Integer, C: Copy, const N: usize>(
    values: [T; N],
    columns: &[C],
    address: impl Fn(C) -> Address,
    edition: Edition,
) -> Result<[u64; N], BuildError> {
    let mut out = [0u64; N];
    for ((slot, value), &column) in out.iter_mut().zip(values).zip(columns) {
        let wide = value.widen();
        *slot = u64::try_from(wide).map_err(|_| BuildError::OutOfRange {
            address: address(column),
            value: wide,
            edition,
        })?;
    }
    Ok(out)
}

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
/// Counts come from any primitive integer type; a value a cell cannot hold, a cell or row given
/// twice, or a publication date that is no date is a [`BuildError`], kept at the call and
/// returned by [`ReportBuilder::build`] (the first one, if there are several).
///
/// ```
/// use zfxxgk::{ApplicationRow, Edition, ProactiveColumn, ProactiveRow, ReportBuilder, Severity};
///
/// let report = ReportBuilder::new("某县某局", 2024, Edition::E2021)
///     .published_ymd(2025, 1, 20)
///     .proactive(ProactiveRow::Fees, ProactiveColumn::Amount, "12.5")
///     .applications(ApplicationRow::Received, [3, 1, 0, 0, 0, 0])
///     .applications(ApplicationRow::Granted, [2, 1, 0, 0, 0, 0])
///     .applications(ApplicationRow::UnavailableNotHeld, [1, 0, 0, 0, 0, 0])
///     .build()?;
/// assert!(report.check().iter().all(|f| f.severity != Severity::Error));
///
/// // A negative count is refused, naming the cell.
/// let err = ReportBuilder::new("某县某局", 2024, Edition::E2021)
///     .applications(ApplicationRow::Received, [3i64, -1, 0, 0, 0, 0])
///     .build()
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "一、本年新收政府信息公开申请数量 / 法人或其他组织·商业企业：应为非负整数，实为 -1"
/// );
/// # Ok::<(), zfxxgk::BuildError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReportBuilder {
    report: Report,
    proactive: Vec<(ProactiveRow, ProactiveColumn, Value)>,
    applications: Vec<(ApplicationRow, [u64; 6])>,
    appeals: Vec<(AppealRow, [u64; 4])>,
    /// The first error found at a call, returned by `build`.
    error: Option<BuildError>,
}

impl ReportBuilder {
    /// Starts a report of `issuer` on `year` in `edition`.
    pub fn new(issuer: impl Into<Issuer>, year: u16, edition: Edition) -> Self {
        ReportBuilder {
            report: Report::new(issuer, year, edition),
            proactive: Vec::new(),
            applications: Vec::new(),
            appeals: Vec::new(),
            error: None,
        }
    }

    /// Keeps `error` for `build` unless an earlier one is kept.
    fn fail(&mut self, error: BuildError) {
        if self.error.is_none() {
            self.error = Some(error);
        }
    }

    /// Sets the publication date.
    #[must_use]
    pub fn published(mut self, date: Date) -> Self {
        self.report.published = Some(date);
        self
    }

    /// Sets the publication date from its year, month (1–12) and day; a day that is not a date
    /// (`2025, 2, 30`) is a [`BuildError::Date`] at [`ReportBuilder::build`].
    ///
    /// ```
    /// let report = zfxxgk::ReportBuilder::new("某县某局", 2024, zfxxgk::Edition::E2021)
    ///     .published_ymd(2025, 1, 20)
    ///     .build()?;
    /// assert_eq!(report.published.map(|d| d.to_string()).as_deref(), Some("2025-01-20"));
    /// # Ok::<(), zfxxgk::BuildError>(())
    /// ```
    #[must_use]
    pub fn published_ymd(mut self, year: i32, month: u8, day: u8) -> Self {
        let date = Month::try_from(month)
            .ok()
            .and_then(|m| Date::from_calendar_date(year, m, day).ok());
        match date {
            Some(d) => self.report.published = Some(d),
            None => self.fail(BuildError::Date { year, month, day }),
        }
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

    /// Sets one cell of section 二: a count or a signed change from any integer type, an amount
    /// from a [`Decimal`] or from text (`"7730.28"`). A cell given twice is a
    /// [`BuildError::Duplicate`].
    #[must_use]
    pub fn proactive(
        mut self,
        row: ProactiveRow,
        column: ProactiveColumn,
        value: impl Into<Value>,
    ) -> Self {
        if self.error.is_some() {
            return self;
        }
        if self
            .proactive
            .iter()
            .any(|(r, c, _)| (*r, *c) == (row, column))
        {
            let edition = self.report.edition;
            self.fail(BuildError::Duplicate {
                given: Given::Cell(Address::Proactive(row, column)),
                edition,
            });
            return self;
        }
        self.proactive.push((row, column, value.into()));
        self
    }

    /// Sets one row of section 三 by its six applicant columns (自然人, 商业企业, 科研机构,
    /// 社会公益组织, 法律服务机构, 其他), from any integer type; 总计 is computed. A negative
    /// or too large count, or a row given twice, is a [`BuildError`] at
    /// [`ReportBuilder::build`].
    #[must_use]
    pub fn applications<T: Integer>(mut self, row: ApplicationRow, counts: [T; 6]) -> Self {
        if self.error.is_some() {
            return self;
        }
        let edition = self.report.edition;
        if self.applications.iter().any(|(r, _)| *r == row) {
            self.fail(BuildError::Duplicate {
                given: Given::Applications(row),
                edition,
            });
            return self;
        }
        match self::counts(
            counts,
            ApplicantColumn::PARTS,
            |c| Address::Applications(row, c),
            edition,
        ) {
            Ok(n) => self.applications.push((row, n)),
            Err(e) => self.fail(e),
        }
        self
    }

    /// Sets one block of section 四 by 结果维持, 结果纠正, 其他结果, 尚未审结, from any integer
    /// type; 总计 is computed. A negative or too large count, or a block given twice, is a
    /// [`BuildError`] at [`ReportBuilder::build`].
    #[must_use]
    pub fn appeals<T: Integer>(mut self, row: AppealRow, counts: [T; 4]) -> Self {
        if self.error.is_some() {
            return self;
        }
        let edition = self.report.edition;
        if self.appeals.iter().any(|(r, _)| *r == row) {
            self.fail(BuildError::Duplicate {
                given: Given::Appeals(row),
                edition,
            });
            return self;
        }
        match self::counts(
            counts,
            AppealColumn::PARTS,
            |c| Address::Appeals(row, c),
            edition,
        ) {
            Ok(n) => self.appeals.push((row, n)),
            Err(e) => self.fail(e),
        }
        self
    }

    /// Computes the totals and returns the report.
    ///
    /// # Errors
    ///
    /// [`BuildError`] when a value could not be taken at its call (out of range, not a number,
    /// given twice, not a date), a cell is not in the edition, a value is not of its cell's
    /// type, a computed row is given, a sum overflows, or a given 结转下年度继续办理 does not
    /// balance.
    pub fn build(self) -> Result<Report, BuildError> {
        let ReportBuilder {
            mut report,
            proactive,
            applications,
            appeals,
            error,
        } = self;
        if let Some(e) = error {
            return Err(e);
        }
        let edition = report.edition;

        for (row, column) in proactive_cells(edition) {
            let zero = match column.cell_type() {
                CellType::Amount => Number::Amount(Decimal::ZERO),
                CellType::Change => Number::Change(0),
                CellType::Count => Number::Count(0),
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
            let typed = value.to_number(Address::Proactive(row, column), edition)?;
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
        assert!(matches!(r, Err(BuildError::OutOfRange { value: -1, .. })));
        let r = ReportBuilder::new("x", 2020, Edition::E2019)
            .proactive(
                ProactiveRow::Regulations,
                ProactiveColumn::NewlyMade,
                Decimal::new(15, 1),
            )
            .build();
        assert!(matches!(r, Err(BuildError::WrongType { .. })));
    }

    #[test]
    fn counts_come_from_any_integer_type() -> Result<(), BuildError> {
        let n: usize = 2;
        let r = ReportBuilder::new("x", 2024, Edition::E2021)
            .applications(ApplicationRow::Received, [n, 0, 0, 0, 0, 1])
            .applications(ApplicationRow::Granted, [2u8, 0, 0, 0, 0, 1])
            .appeals(AppealRow::Review, [1i64, 0, 0, 0])
            .appeals(AppealRow::LitigationDirect, [0i8, 0, 3, 0])
            .proactive(ProactiveRow::Fees, ProactiveColumn::Amount, "7730.28")
            .proactive(ProactiveRow::Licensing, ProactiveColumn::Decisions, 5u16)
            .build()?;
        let total = r
            .applications
            .number(ApplicationRow::Received, ApplicantColumn::Total);
        assert_eq!(total, Some(Number::Count(3)));
        assert_eq!(
            r.proactive
                .number(ProactiveRow::Fees, ProactiveColumn::Amount),
            Some(Number::Amount(Decimal::new(773_028, 2)))
        );
        assert_eq!(
            r.appeals
                .number(AppealRow::LitigationDirect, AppealColumn::Total),
            Some(Number::Count(3))
        );
        let r = ReportBuilder::new("x", 2020, Edition::E2019)
            .proactive(ProactiveRow::Licensing, ProactiveColumn::Change, -4i32)
            .build()?;
        assert_eq!(
            r.proactive
                .number(ProactiveRow::Licensing, ProactiveColumn::Change),
            Some(Number::Change(-4))
        );
        Ok(())
    }

    #[test]
    fn a_bad_value_is_kept_for_build_naming_its_cell() {
        let err = ReportBuilder::new("x", 2024, Edition::E2021)
            .applications(ApplicationRow::Received, [0i32, 0, -2, 0, 0, 0])
            // A later good call does not clear it, a later bad one does not replace it.
            .applications(ApplicationRow::Granted, [0, 0, 0, 0, 0, 0])
            .appeals(AppealRow::Review, [-1, 0, 0, 0])
            .build();
        assert_eq!(
            err,
            Err(BuildError::OutOfRange {
                address: Address::Applications(ApplicationRow::Received, ApplicantColumn::Research),
                value: -2,
                edition: Edition::E2021,
            })
        );
        // Too large for a signed change.
        let err = ReportBuilder::new("x", 2020, Edition::E2019)
            .proactive(ProactiveRow::Licensing, ProactiveColumn::Change, u64::MAX)
            .build();
        assert!(
            matches!(err, Err(BuildError::OutOfRange { value, .. }) if value == i128::from(u64::MAX))
        );
        let err = ReportBuilder::new("x", 2024, Edition::E2021)
            .proactive(ProactiveRow::Fees, ProactiveColumn::Amount, "12,5")
            .build();
        assert!(matches!(err, Err(BuildError::Text { ref text, .. }) if text == "12,5"));
        let err = ReportBuilder::new("x", 2024, Edition::E2021)
            .published_ymd(2025, 2, 30)
            .build();
        assert_eq!(
            err,
            Err(BuildError::Date {
                year: 2025,
                month: 2,
                day: 30
            })
        );
    }

    #[test]
    fn a_row_or_cell_given_twice_is_refused() {
        let err = ReportBuilder::new("x", 2024, Edition::E2021)
            .applications(ApplicationRow::Granted, [1, 0, 0, 0, 0, 0])
            .applications(ApplicationRow::Granted, [2, 0, 0, 0, 0, 0])
            .build();
        assert_eq!(
            err,
            Err(BuildError::Duplicate {
                given: Given::Applications(ApplicationRow::Granted),
                edition: Edition::E2021
            })
        );
        let err = ReportBuilder::new("x", 2024, Edition::E2021)
            .appeals(AppealRow::Review, [1, 0, 0, 0])
            .appeals(AppealRow::Review, [1, 0, 0, 0])
            .build();
        assert!(matches!(
            err,
            Err(BuildError::Duplicate {
                given: Given::Appeals(AppealRow::Review),
                ..
            })
        ));
        let err = ReportBuilder::new("x", 2024, Edition::E2021)
            .proactive(ProactiveRow::Fees, ProactiveColumn::Amount, 1)
            .proactive(ProactiveRow::Fees, ProactiveColumn::Amount, 1)
            .build();
        assert!(matches!(
            err,
            Err(BuildError::Duplicate {
                given: Given::Cell(_),
                ..
            })
        ));
    }

    #[test]
    fn overflow_is_an_error() {
        let r = ReportBuilder::new("x", 2024, Edition::E2021)
            .applications(ApplicationRow::Received, [u64::MAX, 1, 0, 0, 0, 0])
            .build();
        assert!(matches!(r, Err(BuildError::Overflow { .. })));
    }
}
