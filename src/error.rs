//! Errors: one small type per concern, and the crate's [`Error`] over them.

use crate::catalogue::{AppealRow, ApplicationRow, CellType, Edition, ReportField};
use crate::cell::Number;
use crate::report::Address;

/// What was given twice to a [`crate::ReportBuilder`]: one cell of section 二, or a whole row of
/// section 三 or 四.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Given {
    /// A cell of section 二 ([`crate::ReportBuilder::proactive`]).
    Cell(Address),
    /// A row of section 三 ([`crate::ReportBuilder::applications`]).
    Applications(ApplicationRow),
    /// A block of section 四 ([`crate::ReportBuilder::appeals`]).
    Appeals(AppealRow),
}

impl Given {
    /// The official labels of what was given, as a message names it.
    pub fn describe(self, edition: Edition) -> String {
        match self {
            Given::Cell(address) => address.describe(edition),
            Given::Applications(row) => row.full_label(),
            Given::Appeals(row) => row.full_label(),
        }
    }
}

/// Why [`crate::ReportBuilder::build`] refused a report.
///
/// `Display` writes the message: Chinese, with the official labels of the cell in the edition
/// of the report being built, and the value that was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// The cell is not part of the edition's layout.
    NotInEdition {
        /// The cell.
        address: Address,
        /// The report's edition.
        edition: Edition,
    },
    /// The value is not of the cell's type (a fraction in a count, an amount in a change).
    WrongType {
        /// The cell.
        address: Address,
        /// The value given.
        value: Number,
        /// The report's edition (it sets the labels of section 二).
        edition: Edition,
    },
    /// A whole number outside what the cell can hold: a negative count, or one larger than
    /// `u64::MAX` (a change outside `i64`).
    OutOfRange {
        /// The cell (for a row of counts, the cell of the column that was out of range).
        address: Address,
        /// The value given.
        value: i128,
        /// The report's edition (it sets the labels of section 二).
        edition: Edition,
    },
    /// Text given for a number that does not read as a number of the cell's type.
    Text {
        /// The cell.
        address: Address,
        /// The text given.
        text: String,
        /// The report's edition (it sets the labels of section 二).
        edition: Edition,
    },
    /// A cell of section 二, or a row of section 三 or 四, was given twice; the builder does
    /// not let the second silently replace the first.
    Duplicate {
        /// What was given twice.
        given: Given,
        /// The report's edition (it sets the labels of section 二).
        edition: Edition,
    },
    /// The publication date given by [`crate::ReportBuilder::published_ymd`] is not a date.
    Date {
        /// The year given.
        year: i32,
        /// The month given.
        month: u8,
        /// The day given.
        day: u8,
    },
    /// The cell is a total the builder computes; it cannot be given.
    Computed {
        /// The cell.
        address: Address,
    },
    /// A sum exceeds the largest count.
    Overflow {
        /// The cell whose sum overflowed.
        address: Address,
    },
    /// 本年新收 + 上年结转 − （七）总计 is negative, or differs from the given 结转下年度继续办理.
    Unbalanced {
        /// The 结转下年度继续办理 cell of the column.
        address: Address,
        /// 本年新收 + 上年结转 of the column.
        inflow: u64,
        /// （七）总计 of the column.
        outcome: u64,
        /// 结转下年度继续办理 as given, if given.
        carried_forward: Option<u64>,
    },
}

impl BuildError {
    /// The message, in Chinese with the official labels.
    fn message(&self) -> String {
        // Sections 三 and 四 have the same labels in both editions.
        let edition = Edition::E2021;
        match self {
            BuildError::NotInEdition { address, edition } => format!(
                "{}：{} 年版格式（{}）没有此单元格",
                address.describe(*edition),
                edition,
                edition.document()
            ),
            BuildError::WrongType {
                address,
                value,
                edition,
            } => format!(
                "{}：应为{}，实为 {value}",
                address.describe(*edition),
                address.cell_type().describe()
            ),
            BuildError::OutOfRange {
                address,
                value,
                edition,
            } => {
                let ty = address.cell_type();
                let (min, max) = match ty {
                    CellType::Change => (i128::from(i64::MIN), i128::from(i64::MAX)),
                    _ => (0, i128::from(u64::MAX)),
                };
                let range = if *value < min && min == 0 {
                    String::new()
                } else {
                    format!("（{min} 至 {max}）")
                };
                format!(
                    "{}：应为{}{range}，实为 {value}",
                    address.describe(*edition),
                    ty.describe()
                )
            }
            BuildError::Text {
                address,
                text,
                edition,
            } => format!(
                "{}：应为{}，实为「{text}」",
                address.describe(*edition),
                address.cell_type().describe()
            ),
            BuildError::Duplicate { given, edition } => {
                let what = match given {
                    Given::Cell(_) => "此单元格",
                    Given::Applications(_) | Given::Appeals(_) => "此行",
                };
                format!(
                    "{}：{what}给出了两次，应只给出一次（构建器不以后者覆盖前者）",
                    given.describe(*edition)
                )
            }
            BuildError::Date { year, month, day } => format!(
                "{}：应为有效的日期，实为 {year} 年 {month} 月 {day} 日",
                ReportField::Published.label()
            ),
            BuildError::Computed { address } => format!(
                "{}：此总计由构建器计算，不能给出",
                address.describe(edition)
            ),
            BuildError::Overflow { address } => format!(
                "{}：合计超出计数的上限（{}）",
                address.describe(edition),
                u64::MAX
            ),
            BuildError::Unbalanced {
                address,
                inflow,
                outcome,
                carried_forward,
            } => {
                let sum = format!(
                    "{} + {}",
                    ApplicationRow::Received.label(),
                    ApplicationRow::CarriedOver.label()
                );
                let total = ApplicationRow::Total.label();
                let cell = address.describe(edition);
                match (inflow.checked_sub(*outcome), carried_forward) {
                    (Some(expected), Some(given)) => format!(
                        "{cell}：应为 {expected}（{sum} = {inflow}，减去{total} {outcome}），实为 {given}"
                    ),
                    (Some(expected), None) => format!(
                        "{cell}：应为 {expected}（{sum} = {inflow}，减去{total} {outcome}）"
                    ),
                    (None, _) => {
                        format!("{cell}：应不小于 0，但 {sum} = {inflow}，小于{total} {outcome}")
                    }
                }
            }
        }
    }
}

impl core::fmt::Display for BuildError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for BuildError {}

/// Why a reader could not produce a report at all.
///
/// Problems a reader can work around (a malformed row, an unknown key, a value that is not a
/// number) are not errors: they come back as findings (see [`crate::Reading`]) beside the report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The input is not valid CSV at all.
    #[error("line {line}: expected CSV, found a record the CSV parser rejects: {message}")]
    Csv {
        /// 1-based line.
        line: u64,
        /// What the parser said.
        message: String,
    },
    /// The cells CSV lacks its header line.
    #[error("line 1: expected the header `table,row,column,value`, found `{found}`")]
    Header {
        /// The first line as read.
        found: String,
    },
    /// A field the report cannot do without (issuer, year) is missing or unreadable.
    #[error("{location}: expected {what}, found {found}")]
    Field {
        /// Where: `line 3` or `report/year`.
        location: String,
        /// What the field should be.
        what: &'static str,
        /// What was there.
        found: String,
    },
    /// The input is not valid JSON of a report.
    #[cfg(feature = "serde")]
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    #[error("line {line}, column {column}: expected a report as JSON: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The input's bytes are not UTF-8.
    #[error("byte {offset}: expected UTF-8 text")]
    Encoding {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The input is larger than the reader's limit.
    #[error("expected at most {limit} bytes, found {size}")]
    TooLarge {
        /// The limit in force.
        limit: usize,
        /// The input's size.
        size: usize,
    },
    /// A count the reader bounds (the cells of a sheet, the cells of a table) passed its
    /// limit; the reader stopped there.
    #[error("{location}: expected at most {limit} {what}, found more")]
    TooMany {
        /// Where: `sheet 年度报告`, `table 2`.
        location: String,
        /// What was counted.
        what: &'static str,
        /// The limit in force.
        limit: usize,
    },
    /// The input's shape has no reader in this build.
    #[error("expected a shape this build can read, found {shape}: {why}")]
    Unsupported {
        /// The shape's key (`xlsx`, `text`, …).
        shape: &'static str,
        /// Why it cannot be read.
        why: &'static str,
    },
    /// Nothing in the input looks like a report.
    #[error("expected a 政府信息公开工作年度报告, found {found}")]
    NotAReport {
        /// What was found instead.
        found: String,
    },
    /// The input is not a workbook the XLSX reader can open.
    #[error("expected an XLSX workbook, found one the reader rejects: {message}")]
    Workbook {
        /// What the workbook reader said.
        message: String,
    },
    /// The input is not a Word document the DOCX reader can read: not a ZIP archive, no
    /// `word/document.xml`, XML that does not parse, or a document cut short (an element still
    /// open where the part ends).
    #[error(
        "{part}{}: expected a DOCX document, found {found}",
        at.map_or_else(String::new, |b| format!(", byte {b}"))
    )]
    Docx {
        /// The part of the package: `word/document.xml`, or `zip` for the container.
        part: String,
        /// The byte of the part where the problem was found, if known.
        at: Option<u64>,
        /// What was found there.
        found: String,
    },
    /// A sheet lacks a part of the official layout where the reader looked for it.
    #[error("sheet {sheet}, cell {cell}: expected {expected}, found {found}")]
    Sheet {
        /// The sheet's name.
        sheet: String,
        /// The cell, as a spreadsheet names it (`C12`).
        cell: String,
        /// What the layout has there.
        expected: String,
        /// What the sheet has there.
        found: String,
    },
    /// A PDF the reader cannot read: encrypted, damaged past reading, without a text layer, or
    /// past one of the reader's limits.
    #[error("{}{message}", page.map(|p| format!("page {p}: ")).unwrap_or_default())]
    Pdf {
        /// The 1-based page, where the problem is on one page.
        page: Option<u32>,
        /// Which kind of problem.
        problem: PdfProblem,
        /// What is wrong.
        message: String,
    },
}

/// The kinds of [`ReadError::Pdf`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PdfProblem {
    /// The file is encrypted (`encrypted`).
    Encrypted,
    /// No page has text that can be read: a scan, or fonts without a Unicode map
    /// (`no-text-layer`).
    NoTextLayer,
    /// The file is damaged past reading, or not a PDF (`corrupt`).
    Damaged,
    /// A limit of the reader was passed (`too-large`).
    Limit,
}

impl ReadError {
    /// The stable ASCII id of what went wrong, for machines: `syntax`, `header`, `missing-field`,
    /// `encoding`, `too-large`, `too-many`, `unsupported-shape`, `not-a-report`, `corrupt`,
    /// `layout`, `encrypted`, `no-text-layer`. The ids are part of the JSON Lines contract (`docs/contract.md`) and never
    /// change; new ones may be added.
    pub const fn kind(&self) -> &'static str {
        match self {
            ReadError::Csv { .. } => "syntax",
            #[cfg(feature = "serde")]
            ReadError::Json { .. } => "syntax",
            ReadError::Header { .. } => "header",
            ReadError::Field { .. } => "missing-field",
            ReadError::Encoding { .. } => "encoding",
            ReadError::TooLarge { .. } => "too-large",
            ReadError::TooMany { .. } => "too-many",
            ReadError::Unsupported { .. } => "unsupported-shape",
            ReadError::NotAReport { .. } => "not-a-report",
            ReadError::Workbook { .. } | ReadError::Docx { .. } => "corrupt",
            ReadError::Sheet { .. } => "layout",
            ReadError::Pdf { problem, .. } => match problem {
                PdfProblem::Encrypted => "encrypted",
                PdfProblem::NoTextLayer => "no-text-layer",
                PdfProblem::Damaged => "corrupt",
                PdfProblem::Limit => "too-large",
            },
        }
    }

    /// Where in the input the error is, as far as the reader knows it.
    pub fn position(&self) -> Position {
        match self {
            ReadError::Csv { line, .. } => Position {
                line: usize::try_from(*line).ok(),
                ..Position::default()
            },
            #[cfg(feature = "serde")]
            ReadError::Json { line, column, .. } => Position {
                line: Some(*line),
                column: Some(*column),
                offset: None,
            },
            ReadError::Header { .. } => Position {
                line: Some(1),
                ..Position::default()
            },
            ReadError::Field { location, .. } => Position {
                line: location
                    .strip_prefix("line ")
                    .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                    .and_then(|n| n.parse().ok()),
                ..Position::default()
            },
            ReadError::Encoding { offset } => Position {
                offset: Some(*offset),
                ..Position::default()
            },
            ReadError::TooLarge { .. }
            | ReadError::TooMany { .. }
            | ReadError::Unsupported { .. }
            | ReadError::NotAReport { .. }
            | ReadError::Workbook { .. }
            // A DOCX error's byte is in a part of the package (`word/document.xml`), not in
            // the input's bytes: it is in the message.
            | ReadError::Docx { .. }
            | ReadError::Sheet { .. }
            | ReadError::Pdf { .. } => Position::default(),
        }
    }
}

/// Where an error is in the input: any of a 1-based line, a 1-based column (in characters) and
/// a 0-based byte offset, each where known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// 0-based byte offset.
    pub offset: Option<usize>,
}

/// Why a writer failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The underlying writer failed.
    #[error("writing failed: {0}")]
    Io(#[from] std::io::Error),
    /// Formatting failed.
    #[error("formatting failed")]
    Fmt(#[from] core::fmt::Error),
    /// The CSV writer failed.
    #[error("writing CSV failed: {0}")]
    Csv(String),
    /// A report could not be serialised.
    #[error("serialising failed: {0}")]
    Serialize(String),
    /// The XLSX writer failed.
    #[error("writing XLSX failed: {0}")]
    Xlsx(String),
}

/// Any error of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Building a report.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// Reading a report.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// Writing a report.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// Summing reports.
    #[error(transparent)]
    Sum(#[from] crate::analysis::sum::SumError),
}
