//! XLSX (feature `xlsx`): write a report as one sheet in the official layout, and read that
//! layout back — also from a filled official template with extra title rows or notes.
//!
//! The sheet has the title `{issuer}{year}年政府信息公开工作年度报告`, the six section
//! headings, the prose of sections 一, 五 and 六 in one merged cell each, and the tables with
//! the official labels of the report's edition, header cells merged where the official tables
//! merge them. Numbers are numbers (amounts with their decimals), blank cells are empty cells,
//! marks and invalid text are text cells as written.
//!
//! What the official layout has no place for is in a second sheet, [`META_SHEET_NAME`], one
//! row per fact under the header `key | value | raw | line`: `published` (ISO date) and `kind`
//! (`department` or `government`) with their value, and each unplaced value as `unplaced`, the
//! key it was found under, its raw text and its line. The reader takes them back; a workbook
//! without that sheet (a filled official template) reads as before.
//!
//! ```
//! use zfxxgk::{ApplicationRow, Edition, ReportBuilder, xlsx};
//!
//! let report = ReportBuilder::new("某县某局", 2024, Edition::E2021)
//!     .applications(ApplicationRow::Received, [3, 1, 0, 0, 0, 0])
//!     .applications(ApplicationRow::Granted, [3, 1, 0, 0, 0, 0])
//!     .build()?;
//! let bytes = xlsx::to_bytes(&report)?;
//! let reading = xlsx::read(&bytes)?;
//! assert_eq!(reading.report, report);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod read;
mod write;

pub use read::{MAX_BYTES, MAX_CELLS, MAX_UNZIPPED, cell_ref, read, read_with_limit};
#[allow(deprecated)]
pub use write::write_to;
pub use write::{to_bytes, write, write_file};

/// The name of the sheet the writer makes.
pub const SHEET_NAME: &str = "年度报告";

/// The name of the sheet of what the layout has no place for: the date of publication, the
/// kind of issuer and the unplaced values.
pub const META_SHEET_NAME: &str = "报告信息";

/// The header row of [`META_SHEET_NAME`].
pub const META_HEADER: [&str; 4] = ["key", "value", "raw", "line"];
