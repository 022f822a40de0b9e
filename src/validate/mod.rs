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
    AppealColumn, AppealRow, ApplicantColumn, CellType, Edition, IssuerKind, ReportField, TableKey,
    proactive_groups,
};
use crate::cell::{Entry, Number};
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
    issuer(report, &mut out);
    cells(report, &mut out);
    applications::row_totals(report, &mut out);
    applications::outcome_totals(report, &mut out);
    applications::balance(report, &mut out);
    appeals::totals(report, &mut out);
    edition(report, &mut out);
    deadline(report, &mut out);
    for f in &mut out {
        f.fingerprint_for(report);
    }
    out
}

/// The sum of some cells, with the operands it used and whether any was blank.
#[derive(Debug, Default)]
pub(crate) struct Sum {
    pub total: u128,
    pub operands: Vec<Operand>,
    pub blank: Vec<String>,
}

impl Sum {
    /// Adds the cell at `address` with its label for messages.
    pub fn add(&mut self, report: &Report, address: Address) {
        let value = count_of(report, address);
        self.operands.push(Operand {
            location: Location::cell(address),
            value: value.map(|n| n.to_string()),
        });
        match value {
            Some(n) => {
                self.total = self.total.saturating_add(u128::from(n));
            }
            None => self.blank.push(address.describe(report.edition)),
        }
    }

    /// Adds every address.
    pub fn add_all(&mut self, report: &Report, addresses: impl IntoIterator<Item = Address>) {
        for a in addresses {
            self.add(report, a);
        }
    }

    /// Whether every operand held a number.
    pub fn complete(&self) -> bool {
        self.blank.is_empty()
    }
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
/// not-assessable note when either side has a blank.
pub(crate) fn compare(
    out: &mut Vec<Finding>,
    rule: Rule,
    location: Location,
    what: &str,
    expected: Sum,
    actual: Sum,
) {
    let complete = expected.complete() && actual.complete();
    let mut operands = expected.operands;
    operands.extend(actual.operands);
    if !complete {
        let mut blanks = expected.blank;
        blanks.extend(actual.blank);
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
    if expected.total != actual.total {
        let mut f = Finding::new(
            rule,
            location,
            format!("{what}：应为 {}，实为 {}", expected.total, actual.total),
        );
        f.expected = Some(expected.total.to_string());
        f.actual = Some(actual.total.to_string());
        f.operands = operands;
        out.push(f);
    }
}

/// `cell.invalid`, `cell.blank` and `structure.missing` (FORMAT.md, rules table).
fn cells(report: &Report, out: &mut Vec<Finding>) {
    let edition = report.edition;
    let replaced = applications::replaced_rows(report);

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

    // Rows of the layout, each with its addresses.
    let mut rows: Vec<(TableKey, &'static str, String, Vec<Address>)> = Vec::new();
    for g in proactive_groups(edition) {
        for &r in g.rows {
            let addrs = g
                .columns
                .iter()
                .map(|&c| Address::Proactive(r, c))
                .collect();
            rows.push((
                TableKey::Proactive,
                r.key(),
                format!("主动公开 {}", r.label_in(edition)),
                addrs,
            ));
        }
    }
    for row in report.application_rows() {
        if replaced.contains(&row) {
            continue;
        }
        let addrs = ApplicantColumn::ALL
            .iter()
            .map(|&c| Address::Applications(row, c))
            .collect();
        rows.push((TableKey::Applications, row.key(), row.full_label(), addrs));
    }
    for &row in AppealRow::ALL {
        let addrs = AppealColumn::ALL
            .iter()
            .map(|&c| Address::Appeals(row, c))
            .collect();
        rows.push((TableKey::Appeals, row.key(), row.full_label(), addrs));
    }

    for (table, row_key, row_label, addrs) in rows {
        if !present(table) {
            continue;
        }
        let given = addrs.iter().any(|&a| report.cell(a).is_some());
        if !given {
            out.push(Finding::new(
                Rule::StructureMissing,
                Location::row(table, row_key),
                format!("{row_label}：报告缺少此行"),
            ));
            continue;
        }
        let blank: Vec<Address> = addrs
            .iter()
            .copied()
            .filter(|&a| {
                report
                    .cell(a)
                    .is_none_or(|c| matches!(c.entry, Entry::Blank | Entry::Marked(_)))
            })
            .collect();
        if blank.len() == addrs.len() {
            out.push(Finding::new(
                Rule::CellBlank,
                Location::row(table, row_key),
                format!("{row_label}：整行未填写"),
            ));
        } else {
            for a in blank {
                let how = match report.cell(a).map(|c| &c.entry) {
                    Some(Entry::Marked(m)) => format!("写作「{m}」而非数字"),
                    _ => "未填写".to_owned(),
                };
                out.push(Finding::new(
                    Rule::CellBlank,
                    Location::cell(a),
                    format!("{}：{how}", a.describe(edition)),
                ));
            }
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
