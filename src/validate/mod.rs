//! Validation: every arithmetic and logical rule of the format that one report can be checked
//! against, as [`Finding`]s. Validation never fails and never panics; a rule that lacks an
//! operand is reported as not assessable (severity info), never computed with blank as 0.
//!
//! The rules on section 三 live in [`applications`], those on section 四 in [`appeals`]; the
//! cell, structure and deadline rules are here.

pub mod appeals;
pub mod applications;

use time::{Date, Month};

use crate::catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, CellType, Edition, IssuerKind,
    ProactiveColumn, ProactiveRow, ReportField, TableKey, proactive_groups,
};
use crate::cell::{Cell, Entry, Number};
use crate::finding::{Finding, Location, Operand, Rule, Severity};
use crate::report::{Address, Report};

/// Validates the tables and identity of `report` against every single-report rule of the
/// format: `structure.missing` (a blank issuer, a missing table or row), `cell.invalid`,
/// `cell.blank`, `applications.row-total`, `applications.outcome-total`,
/// `applications.balance`, `appeals.total`, `structure.edition` and `deadline.late`.
///
/// This is **the tables only**: the prose checks (`narrative.*`,
/// [`crate::analysis::narrative::check`]) are not run. For everything there is to say about one
/// report call [`Report::check`]; for a report just read, [`crate::Reading::check`], which adds
/// the reader's notes.
///
/// Findings come in that order; each carries its fingerprint.
///
/// ```
/// use zfxxgk::{ApplicationRow, Edition, ReportBuilder, Rule, validate};
///
/// let report = ReportBuilder::new("", 2024, Edition::E2021)
///     .applications(ApplicationRow::Received, [1, 0, 0, 0, 0, 0])
///     .applications(ApplicationRow::Granted, [1, 0, 0, 0, 0, 0])
///     .build()?;
/// let findings = validate(&report);
/// assert_eq!(findings.len(), 1);
/// assert_eq!(findings[0].rule, Rule::StructureMissing);
/// assert_eq!(findings[0].location.to_string(), "report/issuer");
/// # Ok::<(), zfxxgk::BuildError>(())
/// ```
pub fn validate(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    let slots = Cells::of(report);
    let replaced = applications::replaced(report.edition, &slots);
    issuer(report, &mut out);
    cells(report, &slots, replaced, &mut out);
    applications::row_totals_except(report, &slots, replaced, &mut out);
    applications::outcome_totals_except(report, &slots, replaced, &mut out);
    applications::balance_in(report, &slots, &mut out);
    appeals::totals_in(report, &slots, &mut out);
    edition(report, &mut out);
    deadline(report, &mut out);
    for f in &mut out {
        f.fingerprint_for(report);
    }
    out
}

/// What a rule needs of one cell, read once.
#[derive(Debug, Clone, Copy, Default)]
enum Slot {
    /// Not given.
    #[default]
    Absent,
    /// Given blank, or with a mark for "none".
    Empty,
    /// Given as text that is not a number.
    Invalid,
    /// A number that fits a count.
    Count(u64),
    /// A number that does not fit a count.
    Number,
}

impl Slot {
    fn of(cell: &Cell) -> Self {
        match &cell.entry {
            Entry::Blank | Entry::Marked(_) => Slot::Empty,
            Entry::Invalid(_) => Slot::Invalid,
            Entry::Value(n) => match n.to_type(CellType::Count).and_then(Number::as_count) {
                Some(n) => Slot::Count(n),
                None => Slot::Number,
            },
        }
    }
}

/// The cells of a report in arrays indexed by row and column, filled in one walk of its
/// tables: the rules look each cell up by index instead of searching the tables' trees, and
/// nothing is allocated (the arrays live on the stack).
pub(crate) struct Cells {
    proactive: [[Slot; ProactiveColumn::ALL.len()]; ProactiveRow::ALL.len()],
    applications: [[Slot; ApplicantColumn::ALL.len()]; ApplicationRow::ALL.len()],
    appeals: [[Slot; AppealColumn::ALL.len()]; AppealRow::ALL.len()],
}

/// The slot at `row`, `column` of `table` (the variants' declaration order is their index).
fn slot<const C: usize>(table: &[[Slot; C]], row: usize, column: usize) -> Slot {
    table
        .get(row)
        .and_then(|r| r.get(column))
        .copied()
        .unwrap_or_default()
}

/// Sets the slot at `row`, `column` of `table`.
fn set_slot<const C: usize>(table: &mut [[Slot; C]], row: usize, column: usize, value: Slot) {
    if let Some(s) = table.get_mut(row).and_then(|r| r.get_mut(column)) {
        *s = value;
    }
}

impl Cells {
    /// Reads every given cell of `report` once.
    pub(crate) fn of(report: &Report) -> Self {
        let mut cells = Cells {
            proactive: Default::default(),
            applications: Default::default(),
            appeals: Default::default(),
        };
        for (r, c, cell) in report.proactive.iter() {
            set_slot(&mut cells.proactive, r as usize, c as usize, Slot::of(cell));
        }
        for (r, c, cell) in report.applications.iter() {
            set_slot(
                &mut cells.applications,
                r as usize,
                c as usize,
                Slot::of(cell),
            );
        }
        for (r, c, cell) in report.appeals.iter() {
            set_slot(&mut cells.appeals, r as usize, c as usize, Slot::of(cell));
        }
        cells
    }

    fn get(&self, address: Address) -> Slot {
        match address {
            Address::Proactive(r, c) => slot(&self.proactive, r as usize, c as usize),
            Address::Applications(r, c) => slot(&self.applications, r as usize, c as usize),
            Address::Appeals(r, c) => slot(&self.appeals, r as usize, c as usize),
        }
    }

    /// The count at `address`, as [`count_of`] reads it.
    fn count(&self, address: Address) -> Option<u64> {
        match self.get(address) {
            Slot::Count(n) => Some(n),
            _ => None,
        }
    }

    /// Whether any cell of the application `row` was given.
    pub(crate) fn has_application_row(&self, row: ApplicationRow) -> bool {
        ApplicantColumn::ALL
            .iter()
            .any(|&c| !matches!(self.get(Address::Applications(row, c)), Slot::Absent))
    }

    /// Whether the application cell `row`, `column` holds a number of any kind.
    pub(crate) fn has_number(&self, row: ApplicationRow, column: ApplicantColumn) -> bool {
        matches!(
            self.get(Address::Applications(row, column)),
            Slot::Count(_) | Slot::Number
        )
    }

    /// The application rows of `report` (see [`Report::application_rows`]).
    pub(crate) fn application_rows(
        &self,
        edition: Edition,
    ) -> impl Iterator<Item = ApplicationRow> + Clone + 'static {
        crate::report::application_rows_where(edition, |r| self.has_application_row(r))
    }
}

/// The total of the counts at `addresses`, and whether every one of them held a count. Nothing
/// is allocated: a rule that holds costs its lookups and additions only.
fn total(cells: &Cells, addresses: impl IntoIterator<Item = Address>) -> (u128, bool) {
    let mut sum: u128 = 0;
    let mut complete = true;
    for a in addresses {
        match cells.count(a) {
            Some(n) => sum = sum.saturating_add(u128::from(n)),
            None => complete = false,
        }
    }
    (sum, complete)
}

/// The count in the cell at `address`, if it holds one that fits a count.
pub(crate) fn count_of(report: &Report, address: Address) -> Option<u64> {
    report
        .cell(address)
        .and_then(|c| c.number())
        .and_then(|n| n.to_type(CellType::Count))
        .and_then(Number::as_count)
}

/// Emits a sum rule's finding: a breach when both sides are complete and differ, a
/// not-assessable note when either side has a blank. `expected` and `actual` are the cells of
/// the two sides; `place` gives the finding's location and what its message calls the sum, and
/// it, the message and the operands are built only when there is a finding to report.
pub(crate) fn compare<E, A>(
    out: &mut Vec<Finding>,
    report: &Report,
    cells: &Cells,
    rule: Rule,
    place: impl FnOnce() -> (Location, String),
    expected: E,
    actual: A,
) where
    E: IntoIterator<Item = Address> + Clone,
    A: IntoIterator<Item = Address> + Clone,
{
    let (expected_total, expected_complete) = total(cells, expected.clone());
    let (actual_total, actual_complete) = total(cells, actual.clone());
    let complete = expected_complete && actual_complete;
    if complete && expected_total == actual_total {
        return;
    }
    let (location, what) = place();
    let addresses = || expected.clone().into_iter().chain(actual.clone());
    let operands = addresses()
        .map(|a| Operand {
            location: Location::cell(a),
            value: cells.count(a).map(|n| n.to_string()),
        })
        .collect();
    if !complete {
        let blanks: Vec<String> = addresses()
            .filter(|&a| cells.count(a).is_none())
            .map(|a| a.describe(report.edition))
            .collect();
        let mut f = Finding::new(
            rule,
            location,
            format!("{what}：无法核对，以下单元格为空：{}", blanks.join("、")),
        );
        f.severity = Severity::Info;
        f.assessable = false;
        f.operands = operands;
        out.push(f);
        return;
    }
    let mut f = Finding::new(
        rule,
        location,
        format!("{what}：应为 {expected_total}，实为 {actual_total}"),
    );
    f.expected = Some(expected_total.to_string());
    f.actual = Some(actual_total.to_string());
    f.operands = operands;
    out.push(f);
}

/// `cell.blank` and `structure.missing` for one row of the layout, whose cells are `addrs`:
/// the row missing, wholly blank, or its blank cells one by one. `label` names the row in
/// messages and is built only for a finding.
fn row_cells(
    out: &mut Vec<Finding>,
    report: &Report,
    slots: &Cells,
    table: TableKey,
    row_key: &'static str,
    label: impl FnOnce() -> String,
    addrs: impl Iterator<Item = Address> + Clone,
) {
    let mut cells: usize = 0;
    let mut given: usize = 0;
    let mut blank: usize = 0;
    let is_blank = |a: Address| matches!(slots.get(a), Slot::Absent | Slot::Empty);
    for a in addrs.clone() {
        cells = cells.saturating_add(1);
        match slots.get(a) {
            Slot::Absent => blank = blank.saturating_add(1),
            Slot::Empty => {
                given = given.saturating_add(1);
                blank = blank.saturating_add(1);
            }
            _ => given = given.saturating_add(1),
        }
    }
    if given == 0 {
        out.push(Finding::new(
            Rule::StructureMissing,
            Location::row(table, row_key),
            format!("{}：报告缺少此行", label()),
        ));
        return;
    }
    if blank == cells {
        out.push(Finding::new(
            Rule::CellBlank,
            Location::row(table, row_key),
            format!("{}：整行未填写", label()),
        ));
        return;
    }
    for a in addrs.filter(|&a| is_blank(a)) {
        let how = match report.cell(a).map(|c| &c.entry) {
            Some(Entry::Marked(m)) => format!("写作「{m}」而非数字"),
            _ => "未填写".to_owned(),
        };
        out.push(Finding::new(
            Rule::CellBlank,
            Location::cell(a),
            format!("{}：{how}", a.describe(report.edition)),
        ));
    }
}

/// `cell.invalid`, `cell.blank` and `structure.missing` (FORMAT.md, rules table).
fn cells(report: &Report, slots: &Cells, replaced: &[ApplicationRow], out: &mut Vec<Finding>) {
    let edition = report.edition;

    let mut tables_present = [
        (TableKey::Proactive, !report.proactive.is_empty()),
        (TableKey::Applications, !report.applications.is_empty()),
        (TableKey::Appeals, !report.appeals.is_empty()),
    ];
    for (table, present) in &mut tables_present {
        if !*present {
            out.push(Finding::new(
                Rule::StructureMissing,
                Location::table(table.key()),
                format!("{}：报告缺少此表", table.label()),
            ));
        }
    }
    let present = |t: TableKey| tables_present.iter().any(|(k, p)| *k == t && *p);

    // Rows of the layout, each with its addresses, in the order of the format.
    if present(TableKey::Proactive) {
        for g in proactive_groups(edition) {
            for &r in g.rows {
                row_cells(
                    out,
                    report,
                    slots,
                    TableKey::Proactive,
                    r.key(),
                    || format!("主动公开 {}", r.label_in(edition)),
                    g.columns.iter().map(move |&c| Address::Proactive(r, c)),
                );
            }
        }
    }
    if present(TableKey::Applications) {
        for row in slots.application_rows(edition) {
            if replaced.contains(&row) {
                continue;
            }
            row_cells(
                out,
                report,
                slots,
                TableKey::Applications,
                row.key(),
                || row.full_label(),
                ApplicantColumn::ALL
                    .iter()
                    .map(move |&c| Address::Applications(row, c)),
            );
        }
    }
    if present(TableKey::Appeals) {
        for &row in AppealRow::ALL {
            row_cells(
                out,
                report,
                slots,
                TableKey::Appeals,
                row.key(),
                || row.full_label(),
                AppealColumn::ALL
                    .iter()
                    .map(move |&c| Address::Appeals(row, c)),
            );
        }
    }

    // Every given cell: invalid text, or a number that is not of the cell's type.
    let given = report
        .proactive
        .iter()
        .map(|(r, c, cell)| (Address::Proactive(r, c), cell))
        .chain(
            report
                .applications
                .iter()
                .map(|(r, c, cell)| (Address::Applications(r, c), cell)),
        )
        .chain(
            report
                .appeals
                .iter()
                .map(|(r, c, cell)| (Address::Appeals(r, c), cell)),
        );
    for (a, cell) in given {
        let ty = a.cell_type();
        let bad = match &cell.entry {
            Entry::Invalid(text) => Some(text.clone()),
            Entry::Value(n) if n.to_type(ty).is_none() => Some(n.to_string()),
            _ => None,
        };
        if let Some(text) = bad {
            let mut f = Finding::new(
                Rule::CellInvalid,
                Location {
                    line: cell.origin.as_ref().map(|o| o.line),
                    bytes: cell.origin.as_ref().map(|o| o.bytes.clone()),
                    ..Location::cell(a)
                },
                format!(
                    "{}：应为{}，实为「{text}」",
                    a.describe(edition),
                    ty.describe()
                ),
            );
            f.actual = Some(text);
            out.push(f);
        }
    }
}

/// `structure.missing` at `report/issuer`: a report must name the body that issued it
/// (Art. 50; FORMAT.md, the `report` rows).
fn issuer(report: &Report, out: &mut Vec<Finding>) {
    if report.issuer.as_str().trim().is_empty() {
        out.push(Finding::new(
            Rule::StructureMissing,
            Location::report(ReportField::Issuer.key()),
            format!("{}：报告未写明", ReportField::Issuer.label()),
        ));
    }
}

/// `structure.edition` (FORMAT.md: year ≤ 2020 with the 2021 edition, ≥ 2021 with the 2019
/// edition, or mixed editions).
fn edition(report: &Report, out: &mut Vec<Finding>) {
    let due = Edition::for_year(report.year);
    let mut reasons = Vec::new();
    if due != report.edition {
        reasons.push(format!(
            "{} 年度报告应使用 {} 年版格式（{}），实为 {} 年版",
            report.year,
            due,
            due.document(),
            report.edition
        ));
    }
    if report.mixes_editions() {
        let what = match report.edition {
            Edition::E2019 => "2019 年版表格中出现 2021 年版的行列（如（六）其他处理的三个分项）",
            Edition::E2021 => "2021 年版表格中出现 2019 年版的行列（如单行的（六）其他处理）",
        };
        reasons.push(format!("格式版本混用：{what}"));
    }
    if !reasons.is_empty() {
        let mut f = Finding::new(
            Rule::StructureEdition,
            Location::report("edition"),
            reasons.join("；"),
        );
        f.expected = Some(due.key().to_owned());
        f.actual = Some(report.edition.key().to_owned());
        out.push(f);
    }
}

/// The kind of issuer: as stated, or guessed from a name ending in 人民政府.
pub fn issuer_kind(report: &Report) -> Option<IssuerKind> {
    report.kind.or_else(|| {
        let name = report.issuer.as_str().trim();
        (name.ends_with("人民政府") || name.ends_with("管委会") || name.ends_with("管理委员会"))
            .then_some(IssuerKind::Government)
    })
}

/// `deadline.late` (Art. 49: departments by 31 January, a government's own report by 31 March
/// of the next year). Assessed only where the publication date is known.
fn deadline(report: &Report, out: &mut Vec<Finding>) {
    let Some(published) = report.published else {
        return;
    };
    let Some(next) = report.year.checked_add(1).map(i32::from) else {
        return;
    };
    let (Ok(jan31), Ok(mar31)) = (
        Date::from_calendar_date(next, Month::January, 31),
        Date::from_calendar_date(next, Month::March, 31),
    ) else {
        return;
    };
    let kind = issuer_kind(report);
    let (deadline, who) = match kind {
        Some(IssuerKind::Department) => (jan31, "政府部门"),
        Some(IssuerKind::Government) => (mar31, "人民政府"),
        None if published > mar31 => (mar31, "任何机关"),
        None => {
            if published > jan31 {
                let mut f = Finding::new(
                    Rule::DeadlineLate,
                    Location::report("published"),
                    format!(
                        "发布日期 {published}：晚于政府部门的期限 {jan31}，早于人民政府的期限 {mar31}；机关类型不明，无法核对"
                    ),
                );
                f.severity = Severity::Info;
                f.assessable = false;
                out.push(f);
            }
            return;
        }
    };
    if published > deadline {
        let mut f = Finding::new(
            Rule::DeadlineLate,
            Location::report("published"),
            format!("发布日期：{who}应于 {deadline} 前发布，实为 {published}"),
        );
        f.expected = Some(deadline.to_string());
        f.actual = Some(published.to_string());
        out.push(f);
    }
}

#[cfg(test)]
mod tests;
