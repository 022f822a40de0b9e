//! # zfxxgk — 政府信息公开工作年度报告
//!
//! The typed model of the annual report on government information disclosure that every
//! Chinese administrative body publishes under Art. 50 of the Regulation on Government
//! Information Disclosure (《中华人民共和国政府信息公开条例》), in both editions of the uniform
//! format (2019 and 2021); validation of its arithmetic and logical rules with cell-precise
//! findings; and readers and writers for the forms reports come in.
//!
//! ```
//! use zfxxgk::{cells, validate, Rule};
//!
//! let csv = "table,row,column,value\n\
//!            report,issuer,,某县某局\n\
//!            report,year,,2024\n\
//!            report,edition,,2021\n\
//!            appeals,review,upheld,2\n\
//!            appeals,review,corrected,1\n\
//!            appeals,review,other,0\n\
//!            appeals,review,pending,0\n\
//!            appeals,review,total,4\n";
//! let reading = cells::read(csv)?;
//! let findings = validate(&reading.report);
//! let wrong = findings.iter().find(|f| f.rule == Rule::AppealsTotal && f.assessable);
//! assert_eq!(wrong.and_then(|f| f.expected.as_deref()), Some("3"));
//! print!("{}", cells::to_string(&reading.report)?);
//! # Ok::<(), zfxxgk::Error>(())
//! ```
//!
//! The modules follow the report: [`catalogue`] holds every table, row and column of both
//! editions with its key and official label; [`report`] the model; [`mod@validate`] the rules, with
//! those on section 三 in [`validate::applications`] and section 四 in [`validate::appeals`];
//! [`cells`] and [`json`] the data formats; [`analysis`] the checks across reports (a series of
//! years, units and their government's totals) and of the prose.
//!
//! The readers of published material ([`text`], `html`, `xlsx`, `docx`) share what sits below them:
//! [`decode`] turns bytes into text, [`limits`] bounds the input, and [`place`] — tables as a
//! grid of cells ([`place::grid`]) and the assembler that places their rows into the report
//! ([`place::assemble`]) — is the one placement engine behind every shape. [`detect`] tells the
//! shapes apart and [`read::any`] reads any of them.

pub mod analysis;
pub mod builder;
pub mod catalogue;
pub mod cell;
pub mod cells;
pub mod contract;
pub mod decode;
pub mod detect;
#[cfg(feature = "docx")]
pub mod docx;
pub mod error;
pub mod finding;
#[cfg(feature = "html")]
pub mod html;
#[cfg(feature = "serde")]
pub mod json;
pub mod labels;
pub mod limits;
pub mod place;
pub mod read;
pub mod render;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
pub mod text;
pub mod validate;
#[cfg(feature = "xlsx")]
pub mod xlsx;

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use builder::ReportBuilder;
pub use catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, CellType, Edition, IssuerKind,
    ProactiveColumn, ProactiveRow, TableKey,
};
pub use cell::{Cell, Entry, Number, Origin};
pub use error::{BuildError, Error, Position, ReadError, WriteError};
pub use finding::{Finding, Location, Operand, Rule, Severity, Source};
pub use read::Reading;
pub use report::{Address, Issuer, Report};
pub use validate::validate;
