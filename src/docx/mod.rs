//! Word documents (DOCX, feature `docx`): read a report from the document staff publish, and
//! write one in the official layout.
//!
//! ```
//! use zfxxgk::{ApplicationRow, Edition, ReportBuilder, docx};
//!
//! let report = ReportBuilder::new("某县某局", 2024, Edition::E2021)
//!     .applications(ApplicationRow::Received, [3, 1, 0, 0, 0, 0])
//!     .applications(ApplicationRow::Granted, [3, 1, 0, 0, 0, 0])
//!     .build()?;
//! let bytes = docx::to_bytes(&report)?;
//! let reading = docx::read(&bytes)?;
//! assert_eq!(reading.report.issuer.as_str(), "某县某局");
//! assert_eq!(zfxxgk::cells::to_string(&reading.report)?, zfxxgk::cells::to_string(&report)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Reading** ([`read`]) opens the ZIP container (`zip`), takes `word/document.xml` (and
//! `word/numbering.xml`, for automatic heading numbers such as `一、`) and walks it once with a
//! streaming XML parser (`quick-xml`), checking its structure as it goes: an element that is not
//! closed where the part ends (a cut file still parses partway) is an error naming the element and
//! the byte where it was opened, never a half-read report. Each `w:tbl` becomes a grid of
//! [`crate::place::grid`] — `w:gridSpan` as a column span, `w:vMerge` (`restart`, then
//! `continue` below) counted into a row span, `w:gridBefore` as skipped columns, tables nested
//! in a cell as tables of their own — and the paragraphs outside tables become the text, with
//! list numbers (`w:numPr`) written out as the text reader sees them (`一、总体情况`). The end is
//! the one every reader of documents with tables shares, [`crate::place::read_tables`].
//!
//! Where a cell was read ([`crate::Origin`]): the line and bytes of the cell's text in the
//! document's *visible text* ([`Document::text`]: one line per paragraph, one line per table
//! row with its cells separated by tabs), which is what a person reads in the document — byte
//! offsets into `document.xml` would point into markup that is often one line of 250 KB.
//!
//! **Writing** ([`write()`], [`to_bytes`]) walks [`crate::render::layout`], as the HTML and XLSX
//! writers do: the title, the six section headings, the prose, and the tables with the merged
//! header cells of the official format (`gridSpan` and `vMerge`), on A4 portrait with column
//! widths that fit the page; 仿宋 for text and 宋体 for tables, named as East Asian fonts
//! (`w:eastAsia`, `w:hint="eastAsia"`) with their Latin names as alternatives, so an office
//! suite without them falls back to a CJK font rather than a Latin one.
//!
//! Legacy Word 97 `.doc` files are not read: [`crate::detect`] names the command that converts
//! them (`soffice --headless --convert-to docx FILE.doc`).

mod read;
mod write;

pub use read::{
    Document, Limits, MAX_BYTES, MAX_CELLS, MAX_ELEMENTS, MAX_NESTING, MAX_XML, document,
    document_with, read, read_with,
};
pub use write::{to_bytes, write};
