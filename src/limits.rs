//! Size limits shared by every reader, below all of them so that none imports another's.

/// The largest input the readers accept by default: 16 MiB ([`crate::detect::read_any`],
/// [`crate::cells`], and the JSON and HTML readers). Published reports are well under
/// 1 MiB; the limit keeps a wrong file from exhausting memory. The text reader has its own,
/// lower limit on the decoded text (`text::MAX_INPUT`).
pub const DEFAULT_LIMIT: usize = 16 * 1024 * 1024;

/// The largest document (XLSX, PDF, DOCX) the readers accept by default: 64 MiB. A document
/// carries images and fonts beside the report (a PDF with a scanned seal, a Word file with a
/// logo) and is often larger than the text it holds; what it inflates to has its own bounds in
/// each reader.
pub const DOCUMENT_LIMIT: usize = 64 * 1024 * 1024;
