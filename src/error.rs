//! Errors: one small type per concern, and the crate's [`Error`] over them.

use crate::catalogue::Edition;
use crate::cell::Number;
use crate::report::Address;

/// Why [`crate::ReportBuilder::build`] refused a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The cell is not part of the edition's layout.
    #[error("{address}: the {edition} edition has no such cell")]
    NotInEdition {
        /// The cell.
        address: Address,
        /// The report's edition.
        edition: Edition,
    },
    /// The value is not of the cell's type (a negative count, a fraction in a count).
    #[error("{address}: expected a {ty:?} value, found {value}", ty = address.cell_type())]
    WrongType {
        /// The cell.
        address: Address,
        /// The value given.
        value: Number,
    },
    /// The cell is a total the builder computes; it cannot be given.
    #[error("{address}: this total is computed by the builder and cannot be given")]
    Computed {
        /// The cell.
        address: Address,
    },
    /// A sum exceeds the largest count.
    #[error("{address}: the sum overflows a 64-bit count")]
    Overflow {
        /// The cell whose sum overflowed.
        address: Address,
    },
    /// 本年新收 + 上年结转 − （七）总计 is negative, or differs from the given 结转下年度继续办理.
    #[error(
        "{address}: expected 本年新收 + 上年结转 ({inflow}) = （七）总计 ({outcome}) + 结转下年度继续办理, found carried forward {}",
        carried_forward.map_or_else(|| "negative".to_owned(), |n| n.to_string())
    )]
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
}

impl ReadError {
    /// The stable ASCII id of what went wrong, for machines: `syntax`, `header`, `missing-field`,
    /// `encoding`, `too-large`, `too-many`, `unsupported-shape`, `not-a-report`, `corrupt`,
    /// `layout`. The ids are part of the JSON Lines contract (`docs/contract.md`) and never
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
            | ReadError::Sheet { .. } => Position::default(),
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
