//! The report: its identity, its prose and its three tables.
//!
//! A [`Report`] is any combination of cells, right or wrong: a report whose totals do not add
//! up still loads, renders and round-trips, because that is what auditors hold. Whether it is
//! right is the business of [`crate::validate()`]. Reports made in code should use
//! [`crate::ReportBuilder`], which computes every 总计 so they are right by construction.

use core::fmt;
use std::collections::BTreeMap;

use time::Date;

use crate::catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, Edition, IssuerKind, ProactiveColumn,
    ProactiveRow, TableKey, application_rows, proactive_cells,
};
use crate::cell::{Cell, Number};

/// The name of the body that issued a report, as the report writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Issuer(pub String);

impl Issuer {
    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Issuer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Issuer {
    fn from(s: &str) -> Self {
        Issuer(s.to_owned())
    }
}

impl From<String> for Issuer {
    fn from(s: String) -> Self {
        Issuer(s)
    }
}

/// The prose sections of a report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prose {
    /// Section 一, 总体情况.
    pub overview: Option<String>,
    /// Section 五, 存在的主要问题及改进情况.
    pub problems: Option<String>,
    /// Section 六, 其他需要报告的事项.
    pub other: Option<String>,
}

/// The cells of one table, keyed by row and column.
///
/// A cell that is absent is blank and was never given; [`Grid::get`] returns `None` for it. A
/// row is *present* when any of its cells was given, even blank: that is how a 2021-edition
/// report that writes a single （六）其他处理 row keeps that row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid<R: Ord, C: Ord> {
    cells: BTreeMap<(R, C), Cell>,
}

impl<R: Ord, C: Ord> Default for Grid<R, C> {
    fn default() -> Self {
        Grid {
            cells: BTreeMap::new(),
        }
    }
}

impl<R: Ord + Copy, C: Ord + Copy> Grid<R, C> {
    /// The cell at `row`, `column`, if it was given.
    pub fn get(&self, row: R, column: C) -> Option<&Cell> {
        self.cells.get(&(row, column))
    }

    /// The number at `row`, `column`, if the cell holds one.
    pub fn number(&self, row: R, column: C) -> Option<Number> {
        self.get(row, column).and_then(Cell::number)
    }

    /// Sets the cell at `row`, `column`, returning the cell it replaces.
    pub fn set(&mut self, row: R, column: C, cell: Cell) -> Option<Cell> {
        self.cells.insert((row, column), cell)
    }

    /// Removes the cell at `row`, `column`.
    pub fn remove(&mut self, row: R, column: C) -> Option<Cell> {
        self.cells.remove(&(row, column))
    }

    /// Whether any cell of `row` was given.
    pub fn has_row(&self, row: R) -> bool {
        self.cells.keys().any(|(r, _)| *r == row)
    }

    /// Every given cell, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (R, C, &Cell)> {
        self.cells.iter().map(|(&(r, c), cell)| (r, c, cell))
    }

    /// Every given cell, mutably.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (R, C, &mut Cell)> {
        self.cells.iter_mut().map(|(&(r, c), cell)| (r, c, cell))
    }

    /// The number of given cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether no cell was given.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

/// Section 二: proactive disclosure under Art. 20.
pub type Proactive = Grid<ProactiveRow, ProactiveColumn>;
/// Section 三: applications received and handled.
pub type Applications = Grid<ApplicationRow, ApplicantColumn>;
/// Section 四: administrative reviews and lawsuits.
pub type Appeals = Grid<AppealRow, AppealColumn>;

/// The address of one cell of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Address {
    /// A cell of section 二.
    Proactive(ProactiveRow, ProactiveColumn),
    /// A cell of section 三.
    Applications(ApplicationRow, ApplicantColumn),
    /// A cell of section 四.
    Appeals(AppealRow, AppealColumn),
}

impl Address {
    /// The table the cell is in.
    pub const fn table(self) -> TableKey {
        match self {
            Address::Proactive(..) => TableKey::Proactive,
            Address::Applications(..) => TableKey::Applications,
            Address::Appeals(..) => TableKey::Appeals,
        }
    }

    /// The canonical row key.
    pub const fn row_key(self) -> &'static str {
        match self {
            Address::Proactive(r, _) => r.key(),
            Address::Applications(r, _) => r.key(),
            Address::Appeals(r, _) => r.key(),
        }
    }

    /// The canonical column key.
    pub const fn column_key(self) -> &'static str {
        match self {
            Address::Proactive(_, c) => c.key(),
            Address::Applications(_, c) => c.key(),
            Address::Appeals(_, c) => c.key(),
        }
    }

    /// Parses the keys of the cells table; `None` when they name no cell of any edition.
    pub fn from_keys(table: &str, row: &str, column: &str) -> Option<Address> {
        match table {
            "proactive" => Some(Address::Proactive(
                ProactiveRow::from_key(row)?,
                ProactiveColumn::from_key(column)?,
            )),
            "applications" => Some(Address::Applications(
                ApplicationRow::from_key(row)?,
                ApplicantColumn::from_key(column)?,
            )),
            "appeals" => Some(Address::Appeals(
                AppealRow::from_key(row)?,
                AppealColumn::from_key(column)?,
            )),
            _ => None,
        }
    }

    /// The kind of number the cell holds.
    pub const fn cell_type(self) -> crate::CellType {
        match self {
            Address::Proactive(_, c) => c.cell_type(),
            _ => crate::CellType::Count,
        }
    }

    /// The official labels of the cell in `edition`, as a message names it:
    /// `三、收到和处理政府信息公开申请情况 / （一）予以公开 / 自然人`.
    pub fn describe(self, edition: Edition) -> String {
        match self {
            Address::Proactive(r, c) => {
                format!("主动公开 {} / {}", r.label_in(edition), c.label_in(edition))
            }
            Address::Applications(r, c) => format!("{} / {}", r.full_label(), c.full_label()),
            Address::Appeals(r, c) => format!("{} / {}", r.full_label(), c.label()),
        }
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}",
            self.table().key(),
            self.row_key(),
            self.column_key()
        )
    }
}

/// A value a reader found but could not place in the model, kept with what it knew of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// Where it was found: a line of a CSV, a line of text.
    pub line: Option<usize>,
    /// The table, row and column text the source gave for it, as written.
    pub key: String,
    /// The value, as written.
    pub raw: String,
}

/// One annual report on government information disclosure (政府信息公开工作年度报告).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The issuing body.
    pub issuer: Issuer,
    /// The year reported on (the calendar year before publication).
    pub year: u16,
    /// The edition of the format the report's tables follow.
    pub edition: Edition,
    /// The publication date, where known.
    pub published: Option<Date>,
    /// Whether the issuer is a department or a government, where known.
    pub kind: Option<IssuerKind>,
    /// The prose of sections 一, 五 and 六.
    pub prose: Prose,
    /// The unit the report wrote for 采购总金额 (2019 edition), such as `元` or `万元`, where it
    /// wrote one: the format gives none, so the amount is kept as stated and its unit beside it.
    pub procurement_unit: Option<String>,
    /// Section 二.
    pub proactive: Proactive,
    /// Section 三.
    pub applications: Applications,
    /// Section 四.
    pub appeals: Appeals,
    /// Values a reader found but could not place.
    pub unplaced: Vec<Unplaced>,
}

impl Report {
    /// An empty report (every cell blank) of `issuer` on `year` in `edition`.
    pub fn new(issuer: impl Into<Issuer>, year: u16, edition: Edition) -> Self {
        Report {
            issuer: issuer.into(),
            year,
            edition,
            published: None,
            kind: None,
            prose: Prose::default(),
            procurement_unit: None,
            proactive: Grid::default(),
            applications: Grid::default(),
            appeals: Grid::default(),
            unplaced: Vec::new(),
        }
    }

    /// Everything there is to say about this one report: the tables ([`crate::validate()`])
    /// and the prose ([`crate::analysis::narrative::check`]), in that order. Checks across
    /// reports (a series of years, a government and its units) are in [`crate::analysis`].
    ///
    /// ```
    /// use zfxxgk::{ApplicationRow, Edition, ReportBuilder, Rule};
    ///
    /// let report = ReportBuilder::new("某县某局", 2024, Edition::E2021)
    ///     .overview("本年共收到政府信息公开申请 5 件。")
    ///     .applications(ApplicationRow::Received, [3, 0, 0, 0, 0, 0])
    ///     .applications(ApplicationRow::Granted, [3, 0, 0, 0, 0, 0])
    ///     .build()?;
    /// let findings = report.check();
    /// // The tables are right; the prose says 5 where the table says 3.
    /// assert!(zfxxgk::validate(&report).is_empty());
    /// assert!(findings.iter().any(|f| f.rule == Rule::NarrativeTable));
    /// # Ok::<(), zfxxgk::BuildError>(())
    /// ```
    pub fn check(&self) -> Vec<crate::Finding> {
        let mut out = crate::validate(self);
        out.extend(crate::analysis::narrative::check(self));
        out
    }

    /// Forgets where every cell was read from, so that a report read from one form compares
    /// equal to the same figures read from another (or made by the builder).
    pub fn strip_origins(&mut self) {
        self.proactive
            .iter_mut()
            .for_each(|(_, _, c)| c.origin = None);
        self.applications
            .iter_mut()
            .for_each(|(_, _, c)| c.origin = None);
        self.appeals
            .iter_mut()
            .for_each(|(_, _, c)| c.origin = None);
    }

    /// Calls `f` on every given cell of the three tables.
    pub fn for_each_cell_mut(&mut self, mut f: impl FnMut(&mut Cell)) {
        self.proactive.iter_mut().for_each(|(_, _, c)| f(c));
        self.applications.iter_mut().for_each(|(_, _, c)| f(c));
        self.appeals.iter_mut().for_each(|(_, _, c)| f(c));
    }

    /// The cell at `address`, if given.
    pub fn cell(&self, address: Address) -> Option<&Cell> {
        match address {
            Address::Proactive(r, c) => self.proactive.get(r, c),
            Address::Applications(r, c) => self.applications.get(r, c),
            Address::Appeals(r, c) => self.appeals.get(r, c),
        }
    }

    /// Sets the cell at `address`, returning the cell it replaces.
    pub fn set(&mut self, address: Address, cell: Cell) -> Option<Cell> {
        match address {
            Address::Proactive(r, c) => self.proactive.set(r, c, cell),
            Address::Applications(r, c) => self.applications.set(r, c, cell),
            Address::Appeals(r, c) => self.appeals.set(r, c, cell),
        }
    }

    /// The application rows this report carries, in order: its edition's rows, plus a single
    /// （六）其他处理 row in a 2021-edition report that gives one, plus the three 2021 rows of
    /// （六） in a 2019-edition report that gives them.
    pub fn application_rows(&self) -> Vec<ApplicationRow> {
        let mut rows = Vec::with_capacity(26);
        rows.extend(self.application_rows_iter());
        rows
    }

    /// [`Report::application_rows`], without allocating (for validation).
    pub(crate) fn application_rows_iter(
        &self,
    ) -> impl Iterator<Item = ApplicationRow> + Clone + 'static {
        application_rows_where(self.edition, |r| self.applications.has_row(r))
    }

    /// Every cell address of this report's layout, in the order of the format: section 二, 三
    /// (see [`Report::application_rows`]), 四.
    pub fn addresses(&self) -> Vec<Address> {
        let mut out: Vec<Address> = proactive_cells(self.edition)
            .map(|(r, c)| Address::Proactive(r, c))
            .collect();
        for row in self.application_rows() {
            out.extend(
                ApplicantColumn::ALL
                    .iter()
                    .map(|&c| Address::Applications(row, c)),
            );
        }
        for &row in AppealRow::ALL {
            out.extend(AppealColumn::ALL.iter().map(|&c| Address::Appeals(row, c)));
        }
        out
    }

    /// Whether the tables mix the editions: a 2021-edition report with a single （六） row, or a
    /// 2019-edition report with the three 2021 rows of （六）, or section 二 cells of the other
    /// edition.
    pub fn mixes_editions(&self) -> bool {
        let other_single = self.applications.has_row(ApplicationRow::Other);
        let other_split = [
            ApplicationRow::OtherOverdueCorrection,
            ApplicationRow::OtherUnpaidFee,
            ApplicationRow::OtherOther,
        ]
        .iter()
        .any(|&r| self.applications.has_row(r));
        let foreign_proactive = self
            .proactive
            .iter()
            .any(|(r, c, _)| !crate::catalogue::proactive_columns(self.edition, r).contains(&c));
        match self.edition {
            Edition::E2019 => other_split || foreign_proactive,
            Edition::E2021 => other_single || foreign_proactive,
        }
    }
}

/// The application rows of a report of `edition` whose section 三 has the rows for which
/// `has_row` holds, in order (see [`Report::application_rows`]). `has_row` is asked at most four
/// times, here, not by the iterator.
pub(crate) fn application_rows_where(
    edition: Edition,
    has_row: impl Fn(ApplicationRow) -> bool,
) -> impl Iterator<Item = ApplicationRow> + Clone + 'static {
    use ApplicationRow as R;
    let single = edition == Edition::E2021 && has_row(R::Other);
    let [correction, unpaid, other] = if edition == Edition::E2019 {
        [R::OtherOverdueCorrection, R::OtherUnpaidFee, R::OtherOther].map(&has_row)
    } else {
        [false; 3]
    };
    application_rows(edition).iter().flat_map(move |&row| {
        match (edition, row) {
            (Edition::E2021, R::OtherOverdueCorrection) if single => {
                [Some(R::Other), Some(row), None, None]
            }
            (Edition::E2019, R::Other) => [
                Some(row),
                correction.then_some(R::OtherOverdueCorrection),
                unpaid.then_some(R::OtherUnpaidFee),
                other.then_some(R::OtherOther),
            ],
            _ => [Some(row), None, None, None],
        }
        .into_iter()
        .flatten()
    })
}
