//! # zfxxgk — 政府信息公开工作年度报告
//!
//! The typed model of the annual report on government information disclosure that every
//! Chinese administrative body publishes under Art. 50 of the Regulation on Government
//! Information Disclosure (《中华人民共和国政府信息公开条例》), in both editions of the uniform
//! format (2019 and 2021); validation of its arithmetic and logical rules with cell-precise
//! findings; and readers and writers for the forms reports come in. The format and the keys
//! are specified in [`docs/spec/FORMAT.md`] and [`docs/spec/CELLS.md`], which ship with the
//! crate.
//!
//! [`docs/spec/FORMAT.md`]: https://docs.rs/crate/zfxxgk/latest/source/docs/spec/FORMAT.md
//! [`docs/spec/CELLS.md`]: https://docs.rs/crate/zfxxgk/latest/source/docs/spec/CELLS.md
//!
//! ## Generate a report and render it
//!
//! Give the figures the body counted; [`ReportBuilder`] computes every 总计 and 结转下年度继续办理,
//! so the report is right by construction. Render it in the official layout as text, Markdown
//! or HTML ([`render`]), or write it as data ([`cells`], `json`, `xlsx`).
//!
//! ```
//! use zfxxgk::{AppealRow, ApplicationRow, Edition, ProactiveColumn, ProactiveRow, ReportBuilder};
//!
//! let report = ReportBuilder::new("某县某局", 2024, Edition::E2021)
//!     .published_ymd(2025, 1, 20)
//!     .proactive(ProactiveRow::Licensing, ProactiveColumn::Decisions, 12)
//!     .proactive(ProactiveRow::Fees, ProactiveColumn::Amount, "0.35")
//!     .applications(ApplicationRow::Received, [3, 1, 0, 0, 0, 0])
//!     .applications(ApplicationRow::Granted, [2, 1, 0, 0, 0, 0])
//!     .applications(ApplicationRow::UnavailableNotHeld, [1, 0, 0, 0, 0, 0])
//!     .appeals(AppealRow::Review, [1, 0, 0, 0])
//!     .build()?;
//! assert!(report.check().is_empty());
//!
//! let text = zfxxgk::render::text::to_string(&report);
//! assert!(text.starts_with("某县某局2024年政府信息公开工作年度报告"));
//! // Or straight to a file, standard output, any `io::Write`:
//! zfxxgk::render::html::write(&report, std::io::sink())?;
//! # Ok::<(), zfxxgk::Error>(())
//! ```
//!
//! ## Read a file of unknown shape, check it, print the findings
//!
//! [`read::any`] tells the shape from the content ([`detect`]: cells CSV, JSON, HTML, Markdown,
//! text extracted from PDF or Word, XLSX) and reads it; [`Reading::check`] says everything
//! there is to say about it: what the reader repaired or could not place (`read.*`), the
//! tables ([`validate()`]) and the prose ([`analysis::narrative`]).
//!
//! ```
//! use zfxxgk::Severity;
//!
//! let bytes = std::fs::read("examples/data/pengyang-2020.cells.csv")?;
//! let shape = zfxxgk::detect::shape(&bytes, Some("pengyang-2020.cells.csv"));
//! assert_eq!(shape.key(), "cells");
//! let reading = zfxxgk::read::any(&bytes, Some(shape))?;
//! for finding in reading.check() {
//!     // warning[cell.blank] applications/withheld.state_secret: （三）不予公开 1.属于国家秘密：整行未填写
//!     println!("{finding}");
//! }
//! assert!(reading.check().iter().all(|f| f.severity != Severity::Error));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A report made or changed in code is checked with [`Report::check`] (the tables and the
//! prose); [`validate()`] is the tables only.
//!
//! ## Audit a folder
//!
//! One report after another, each read and checked on its own; a file that cannot be read is
//! said and the loop goes on. The `zfxxgk` command line (package `zfxxgk-cli`:
//! `zfxxgk check DIR`) does the same in parallel, with a summary by rule, JSON Lines output
//! and the checks across reports (`--series`, `--sum-of`).
//!
//! ```
//! use zfxxgk::Severity;
//!
//! let mut errors = 0;
//! for entry in std::fs::read_dir("examples/data")? {
//!     let path = entry?.path();
//!     let bytes = std::fs::read(&path)?;
//!     let name = path.file_name().and_then(|n| n.to_str());
//!     let shape = zfxxgk::detect::shape(&bytes, name);
//!     match zfxxgk::read::any(&bytes, Some(shape)) {
//!         Ok(reading) => {
//!             let findings = reading.check();
//!             errors += findings.iter().filter(|f| f.severity == Severity::Error).count();
//!             println!("{}: {} findings", path.display(), findings.len());
//!         }
//!         Err(e) => eprintln!("{}: {e}", path.display()),
//!     }
//! }
//! assert_eq!(errors, 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `serde` | yes | `json`: the report as JSON, read and written (serde, serde_json) |
//! | `html` | yes | `html`: the reader of web pages, also inside JavaScript, UTF-8 or GBK (scraper) |
//! | `xlsx` | no | `xlsx`: the workbook in the official layout, written and read (rust_xlsxwriter, calamine, zip) |
//! | `schema` | no | `schema`: the JSON Schemas of a report and of a line of the machine interface, draft 2020-12 or draft-07 (schemars); implies `serde` |
//!
//! Without a feature its reader is compiled out, and [`read::any`] refuses that shape with
//! [`ReadError::Unsupported`] naming the feature.
//!
//! ## Rules
//!
//! Every [`Finding`] has a stable rule id ([`Rule::id`]), a [`Location`] by the keys of
//! `CELLS.md`, the values it used and a Chinese message with the official labels. A rule with
//! a blank operand is not assessable (severity info), never computed with blank as 0.
//!
//! | rule id | what | severity | checked by |
//! |---|---|---|---|
//! | `applications.balance` | per column: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理 | error | [`validate()`] |
//! | `applications.row-total` | per row: 总计 = the six applicant columns | error | [`validate()`] |
//! | `applications.outcome-total` | per column: （七）总计 = the sum of the outcome rows | error | [`validate()`] |
//! | `appeals.total` | per block: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 | error | [`validate()`] |
//! | `cell.invalid` | a cell that is not a number of its type | error | [`validate()`] |
//! | `cell.blank` | a cell of the layout left blank or written `/` | warning | [`validate()`] |
//! | `structure.edition` | the edition does not fit the year, or the tables mix editions | warning | [`validate()`] |
//! | `structure.missing` | a blank issuer, a missing table or row | warning | [`validate()`] |
//! | `deadline.late` | published after the deadline of Art. 49 | warning | [`validate()`] |
//! | `narrative.sum` | a total stated in prose whose parts do not add up | warning | [`Report::check`] |
//! | `narrative.table` | a figure in prose contradicts the tables | warning | [`Report::check`] |
//! | `series.carry-over` | 上年结转 (year N) = 结转下年度继续办理 (year N−1) | warning | [`analysis::series`] |
//! | `series.in-force` | 2021: 现行有效件数 carries on | info | [`analysis::series`] |
//! | `series.item-count` | 2019: 上一年项目数量 carries on | info | [`analysis::series`] |
//! | `series.copied-prose` | the prose nearly repeats the previous year's | warning | [`analysis::series`] |
//! | `series.renamed` | the issuer's name differs from the previous report (a note, not in FORMAT.md) | info | [`analysis::series`] |
//! | `aggregate.mismatch` | a government's report differs from the sum of its units' | warning | [`analysis::sum`] |
//! | `read.repaired`, `read.unplaced`, `read.ambiguous` | what a reader repaired, could not place, or found ambiguous (notes, not in FORMAT.md) | info / warning | the readers, [`Reading::check`] |
//!
//! ## Modules
//!
//! The modules follow the report: [`catalogue`] holds every table, row and column of both
//! editions with its key and official label; [`report`] the model; [`mod@validate`] the rules, with
//! those on section 三 in [`validate::applications`] and section 四 in [`validate::appeals`];
//! [`cells`] and `json` the data formats; [`analysis`] the checks across reports (a series of
//! years, units and their government's totals) and of the prose.
//!
//! The readers of published material ([`text`], `html`, `xlsx`, `docx`) share what sits below them:
//! [`decode`] turns bytes into text, [`limits`] bounds the input, and [`place`] — tables as a
//! grid of cells ([`place::grid`]) and the assembler that places their rows into the report
//! ([`place::assemble`]) — is the one placement engine behind every shape. [`detect`] tells the
//! shapes apart and [`read::any`] reads any of them. [`contract`] is the machine interface the
//! CLI prints (one JSON line per input) and `schema` its JSON Schemas.
//!
//! Every form reads from `&str` or `&[u8]` as fits it (`read`, `read_with_limit`, and
//! `read_bytes` for the text forms), writes to any [`std::io::Write`] (`write`) and into memory
//! (`to_string` / `to_bytes`), with [`WriteError`] on failure.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod analysis;
pub mod builder;
pub mod catalogue;
pub mod cell;
pub mod cells;
mod chars;
pub mod contract;
pub mod decode;
pub mod detect;
#[cfg(feature = "docx")]
pub mod docx;
pub mod error;
pub mod finding;
#[cfg(feature = "html")]
#[cfg_attr(docsrs, doc(cfg(feature = "html")))]
pub mod html;
#[cfg(feature = "walk")]
#[cfg_attr(docsrs, doc(cfg(feature = "walk")))]
pub mod inputs;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod json;
pub mod labels;
pub mod limits;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod place;
pub mod read;
pub mod render;
pub mod report;
#[cfg(feature = "schema")]
#[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
pub mod schema;
pub mod text;
pub mod validate;
#[cfg(feature = "xlsx")]
#[cfg_attr(docsrs, doc(cfg(feature = "xlsx")))]
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
pub use cell::{Cell, Entry, Number, Origin, PageArea};
pub use error::{BuildError, Error, Given, PdfProblem, Position, ReadError, WriteError};
pub use finding::{Finding, Location, Operand, Rule, Severity, Source};
pub use read::Reading;
pub use report::{Address, Issuer, Report};
pub use validate::validate;

/// The decimal type of amounts ([`Number::Amount`]), re-exported so that a consumer needs no
/// direct dependency on `rust_decimal`.
pub use rust_decimal::Decimal;
/// The date type of [`Report::published`], re-exported so that a consumer needs no direct
/// dependency on `time`.
pub use time::Date;
