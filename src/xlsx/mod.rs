//! XLSX (feature `xlsx`): write a report as one sheet in the official layout, and read that
//! layout back — also from a filled official template with extra title rows or notes.
//!
//! The sheet has the title `{issuer}{year}年政府信息公开工作年度报告`, the six section
//! headings, the prose of sections 一, 五 and 六 in one merged cell each, and the tables with
//! the official labels of the report's edition, header cells merged where the official tables
//! merge them. Numbers are numbers (amounts with their decimals), blank cells are empty cells,
//! marks and invalid text are text cells as written.
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
