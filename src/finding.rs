//! Findings: what validation says about a report, each with a stable rule id and a location.

use core::fmt;
use core::ops::Range;

use crate::catalogue::TableKey;
use crate::report::{Address, Report};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// For information: a rule that could not be assessed, a repair a reader made.
    Info,
    /// Probably wrong or incomplete; the report is still usable.
    Warning,
    /// The report breaks a rule of the format.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub const fn key(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Looks a severity up by its key.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

macro_rules! rules {
    ($( $(#[$m:meta])* $variant:ident => $id:literal, $sev:ident, $title:literal; )+) => {
        /// A rule of the format (`docs/spec/FORMAT.md`), or a note a reader makes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Rule { $( $(#[$m])* $variant, )+ }

        impl Rule {
            /// Every rule.
            pub const ALL: &'static [Rule] = &[ $( Rule::$variant, )+ ];

            /// The stable rule id.
            pub const fn id(self) -> &'static str {
                match self { $( Rule::$variant => $id, )+ }
            }

            /// The severity of a breach of the rule.
            pub const fn severity(self) -> Severity {
                match self { $( Rule::$variant => Severity::$sev, )+ }
            }

            /// What the rule checks, in Chinese.
            pub const fn title(self) -> &'static str {
                match self { $( Rule::$variant => $title, )+ }
            }

            /// Looks a rule up by its id.
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $( $id => Some(Rule::$variant), )+ _ => None }
            }
        }
    };
}

rules! {
    /// Per column: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理.
    ApplicationsBalance => "applications.balance", Error, "申请情况勾稽关系（第一项加第二项之和，等于第三项加第四项之和）";
    /// Per row: 总计 = the six applicant columns.
    ApplicationsRowTotal => "applications.row-total", Error, "申请情况各行总计等于各类申请人之和";
    /// Per column: （七）总计 = the sum of the outcome rows.
    ApplicationsOutcomeTotal => "applications.outcome-total", Error, "办理结果（七）总计等于各项办理结果之和";
    /// Per block: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    AppealsTotal => "appeals.total", Error, "行政复议、行政诉讼总计等于各结果之和";
    /// A cell that is not a number of its type.
    CellInvalid => "cell.invalid", Error, "单元格应为规定类型的数字";
    /// A cell of the layout left blank or unreadable.
    CellBlank => "cell.blank", Warning, "表格单元格未填写";
    /// The edition does not fit the year, or the tables mix editions.
    StructureEdition => "structure.edition", Warning, "报告格式版本与年度相符";
    /// A section, table, row or column of the edition is missing.
    StructureMissing => "structure.missing", Warning, "报告包含格式规定的全部表格和行列";
    /// 上年结转 of year N = 结转下年度继续办理 of year N−1.
    SeriesCarryOver => "series.carry-over", Warning, "上年结转与上一年度结转下年度继续办理一致";
    /// The issuer's name differs from the previous report of the series (a body renamed); a
    /// note of the series check, not a rule of the format.
    SeriesRenamed => "series.renamed", Info, "发布机关名称与上一年度报告不同";
    /// 现行有效件数 carries over (2021 edition).
    SeriesInForce => "series.in-force", Info, "现行有效件数与上一年度衔接";
    /// 上一年项目数量 carries over (2019 edition).
    SeriesItemCount => "series.item-count", Info, "上一年项目数量与上一年度衔接";
    /// A total stated in prose whose parts do not add up.
    NarrativeSum => "narrative.sum", Warning, "正文所述总数与分项之和一致";
    /// A figure in prose contradicts the tables.
    NarrativeTable => "narrative.table", Warning, "正文所述数字与表格一致";
    /// The prose nearly repeats the previous year's.
    SeriesCopiedProse => "series.copied-prose", Warning, "正文未照搬上一年度报告";
    /// A government's report differs from the sum of its units'.
    AggregateMismatch => "aggregate.mismatch", Warning, "本级报告与所属单位报告之和一致";
    /// Published after the deadline of Art. 49.
    DeadlineLate => "deadline.late", Warning, "按期发布年度报告（条例第四十九条）";
    /// A reader repaired what it read (a label variant, a split digit run); not a rule of the
    /// format.
    ReadRepaired => "read.repaired", Info, "读取时作了修正";
    /// A reader found a value it could not place; the raw text is kept.
    ReadUnplaced => "read.unplaced", Warning, "读取时有无法归位的内容";
    /// A reader found more than one reading that fits.
    ReadAmbiguous => "read.ambiguous", Warning, "读取结果不唯一";
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Where a finding points: a table, and where it applies a row and a column, by their
/// canonical keys; for prose, a byte range of the source text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// `proactive`, `applications`, `appeals`, `report` or `prose`.
    pub table: String,
    /// The row key, when the finding is about a row or a cell.
    pub row: Option<String>,
    /// The column key, when the finding is about a column or a cell.
    pub column: Option<String>,
    /// A byte range of the source text (prose findings, reader notes).
    pub bytes: Option<Range<usize>>,
    /// A 1-based line of the source, where known.
    pub line: Option<usize>,
}

impl Location {
    /// A whole table.
    pub fn table(table: &str) -> Self {
        Location {
            table: table.to_owned(),
            row: None,
            column: None,
            bytes: None,
            line: None,
        }
    }

    /// A cell.
    pub fn cell(address: Address) -> Self {
        Location {
            table: address.table().key().to_owned(),
            row: Some(address.row_key().to_owned()),
            column: Some(address.column_key().to_owned()),
            bytes: None,
            line: None,
        }
    }

    /// A whole row of a table.
    pub fn row(table: TableKey, row: &str) -> Self {
        Location {
            row: Some(row.to_owned()),
            ..Location::table(table.key())
        }
    }

    /// A whole column of a table.
    pub fn column(table: TableKey, column: &str) -> Self {
        Location {
            column: Some(column.to_owned()),
            ..Location::table(table.key())
        }
    }

    /// A `report` field: `report/edition`.
    pub fn report(field: &str) -> Self {
        Location {
            row: Some(field.to_owned()),
            ..Location::table("report")
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.table)?;
        if let Some(r) = &self.row {
            write!(f, "/{r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, "/{c}")?;
        }
        if let Some(l) = self.line {
            write!(f, " (line {l})")?;
        }
        Ok(())
    }
}

/// One value a rule used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operand {
    /// The cell.
    pub location: Location,
    /// Its value as the report states it; `None` when blank.
    pub value: Option<String>,
}

/// What validation found: a rule, where, what was expected and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// How serious: the rule's severity, or [`Severity::Info`] when it was not assessable.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// What the rule expected (a sum), when it computes one.
    pub expected: Option<String>,
    /// What the report states there.
    pub actual: Option<String>,
    /// The values the rule used.
    pub operands: Vec<Operand>,
    /// Whether the rule could be assessed (no blank operand).
    pub assessable: bool,
    /// The message, in Chinese with the official labels.
    pub message: String,
    /// A stable fingerprint of rule, location and report identity (issuer and year), so a
    /// reviewer's decision on the finding can be kept across runs.
    pub fingerprint: String,
    /// Where in the input the finding's cell or text stands, when it was read from text (see
    /// [`crate::contract::locate`]); `None` for cells without an origin.
    pub source: Option<Source>,
}

/// Where in the input a finding points: the JSON twin of the source line the human format
/// quotes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    /// 1-based line of the input.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// Byte range in the input (as decoded to UTF-8), 0-based, end exclusive.
    pub offset: Range<usize>,
}

impl Finding {
    /// A finding of `rule` at `location` with `message`, at the rule's severity, assessable.
    pub fn new(rule: Rule, location: Location, message: String) -> Self {
        Finding {
            rule,
            severity: rule.severity(),
            location,
            expected: None,
            actual: None,
            operands: Vec::new(),
            assessable: true,
            message,
            fingerprint: String::new(),
            source: None,
        }
    }

    /// Sets the fingerprint from the report's identity.
    pub fn fingerprint_for(&mut self, report: &Report) {
        self.fingerprint = fingerprint(
            self.rule,
            &self.location,
            report.issuer.as_str(),
            report.year,
        );
    }
}

/// `rule message`: the message already names its place with the official labels, in one
/// language (`appeals.total 行政复议 / 总计（…）：应为 11，实为 0`).
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.rule, self.message)
    }
}

/// The 64-bit FNV-1a hash of `bytes`, continued from `hash`.
fn fnv1a_from(hash: u64, bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(hash, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(PRIME))
}

/// The offset basis of 64-bit FNV-1a.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The 64-bit FNV-1a hash of `bytes`.
#[cfg(test)]
fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(FNV_OFFSET, bytes)
}

/// The fingerprint of a finding: 16 hex digits of the 64-bit FNV-1a hash of
/// `rule|table|row|column|issuer|year`. FNV-1a is fixed by its definition, so the value is the
/// same across platforms, versions of Rust and runs.
pub fn fingerprint(rule: Rule, location: &Location, issuer: &str, year: u16) -> String {
    let year = year.to_string();
    let parts = [
        rule.id(),
        &location.table,
        location.row.as_deref().unwrap_or(""),
        location.column.as_deref().unwrap_or(""),
        issuer,
        &year,
    ];
    // The parts joined by `|`, hashed as they come: FNV-1a reads its input byte by byte.
    let mut hash = FNV_OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash = fnv1a_from(hash, b"|");
        }
        hash = fnv1a_from(hash, part.as_bytes());
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_round_trip() {
        for &r in Rule::ALL {
            assert_eq!(Rule::from_id(r.id()), Some(r));
        }
    }

    #[test]
    fn fingerprint_is_stable_and_distinguishes() {
        let loc = Location::column(TableKey::Applications, "total");
        let a = fingerprint(Rule::ApplicationsBalance, &loc, "某局", 2024);
        // The value is pinned: changing the hash would orphan reviewers' decisions.
        assert_eq!(
            a,
            fingerprint(Rule::ApplicationsBalance, &loc, "某局", 2024)
        );
        assert_eq!(a.len(), 16);
        assert_ne!(
            a,
            fingerprint(Rule::ApplicationsBalance, &loc, "某局", 2023)
        );
        assert_ne!(
            a,
            fingerprint(Rule::ApplicationsOutcomeTotal, &loc, "某局", 2024)
        );
    }

    #[test]
    fn fnv_matches_its_definition() {
        // Published test vectors of FNV-1a 64.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
