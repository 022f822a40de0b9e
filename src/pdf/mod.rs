//! Reading reports published as PDF files, from their text layer.
//!
//! The reader opens the file with lopdf (object syntax, cross-reference tables) and then reads
//! the pages itself, within [`Limits`]:
//!
//! 1. **Glyphs and rules** ([`text`]): each page's content stream is interpreted for its text
//!    state, fonts (composite CID fonts with `W`/`DW` widths, simple fonts with `Widths`,
//!    `ToUnicode` CMaps) and Form XObjects, giving every glyph's text, origin, advance and size,
//!    and the ruling lines the tables are drawn with.
//! 2. **Lines and tables** ([`layout`]): glyphs become lines by baseline, with a tolerance taken
//!    from the font size; ruled regions become tables whose columns and merged cells come from
//!    the ruling lines; a table continued on the next page is joined to its first part; page
//!    numbers (`-3-`, `— 2 —`) are dropped.
//! 3. **Placing**: the tables' rows are placed as the HTML reader's are (by label, by position,
//!    by the format's arithmetic), and issuer, year, publication date and prose are read from
//!    the text lines as the text reader reads them ([`crate::text::meta`]).
//!
//! Every cell's [`Origin`](crate::cell::Origin) gives its page and box. What the reader cannot
//! read it says: an encrypted file, a file without a text layer (a scan: OCR is not
//! supported), a font without a Unicode map (its glyphs are counted as `read.unplaced`, never
//! guessed).
//!
//! **Stack.** lopdf parses nested arrays and dictionaries recursively, up to 100 levels. In an
//! optimised build that fits a 2 MiB thread stack (the release CLI refuses a file nesting
//! them 2 000 000 deep without trouble); in a debug build (no optimisation) one level
//! takes about 20 KiB, so a file nesting dictionaries about 100 deep overflows a 2 MiB thread
//! stack (Rust's default for spawned threads). Read untrusted PDFs in debug builds on a thread
//! with 8 MiB of stack or more.

pub mod font;
pub mod layout;
pub mod load;
mod place;
mod prescan;
pub mod text;

pub use load::Limits;

use crate::error::{PdfProblem, ReadError};
use crate::read::Reading;

/// Settings of the PDF reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Options {
    /// The limits in force.
    pub limits: Limits,
}

impl Options {
    /// The same options with other limits.
    #[must_use]
    pub const fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

/// Reads a report from the bytes of a PDF file with the default [`Options`].
///
/// # Errors
///
/// [`ReadError::TooLarge`] over [`Limits::file_size`]; [`ReadError::Pdf`] for a file that is
/// encrypted, damaged past reading, has no text layer, or passes one of the other [`Limits`];
/// [`ReadError::NotAReport`] and [`ReadError::Field`] as the text reader gives them.
pub fn read(bytes: &[u8]) -> Result<Reading, ReadError> {
    read_with(bytes, &Options::default())
}

/// [`read`] with explicit [`Options`].
///
/// # Errors
///
/// As [`read`].
pub fn read_with(bytes: &[u8], options: &Options) -> Result<Reading, ReadError> {
    let pages = pages(bytes, &options.limits)?;
    read_pages(&pages)
}

/// Reads a report from pages already interpreted ([`pages`]): lays them out and places their
/// tables; where no ruled table of the report is found, reads the glyphs by position.
///
/// # Errors
///
/// [`ReadError::NotAReport`] and [`ReadError::Field`] as the text reader gives them.
pub fn read_pages(pages: &[text::PageText]) -> Result<Reading, ReadError> {
    let doc = layout::Document::new(pages);
    place::assemble(&doc, pages)
}

/// The positioned glyphs and rules of every page.
///
/// # Errors
///
/// As [`read`], for the errors of opening the file and interpreting its pages.
pub fn pages(bytes: &[u8], limits: &Limits) -> Result<Vec<text::PageText>, ReadError> {
    if bytes.len() > limits.file_size {
        return Err(ReadError::TooLarge {
            limit: limits.file_size,
            size: bytes.len(),
        });
    }
    let pdf = |page: Option<u32>, problem: PdfProblem, message: String| ReadError::Pdf {
        page,
        problem,
        message,
    };
    let mut budget = load::Budget::new(limits);
    let doc = load::open(bytes, limits, &mut budget).map_err(|e| match e {
        load::OpenError::Limit(m) => pdf(None, PdfProblem::Limit, m),
        load::OpenError::Encrypted => pdf(
            None,
            PdfProblem::Encrypted,
            "the file is encrypted; decrypt it first (e.g. qpdf --decrypt IN OUT)".to_owned(),
        ),
        load::OpenError::Syntax(m) => pdf(
            None,
            PdfProblem::Damaged,
            format!("expected a PDF file, found one lopdf rejects: {m}"),
        ),
    })?;
    let ids: Vec<lopdf::ObjectId> = doc
        .page_iter()
        .take(limits.pages.saturating_add(1))
        .collect();
    if ids.len() > limits.pages {
        return Err(pdf(
            None,
            PdfProblem::Limit,
            format!("the file has more than {} pages (the limit)", limits.pages),
        ));
    }
    if ids.is_empty() {
        return Err(pdf(
            None,
            PdfProblem::Damaged,
            "the file has no pages".to_owned(),
        ));
    }
    let mut out = Vec::with_capacity(ids.len());
    for (i, id) in ids.into_iter().enumerate() {
        let number = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
        let page = text::page(&doc, number, id, limits, &mut budget)
            .map_err(|e| pdf(Some(number), PdfProblem::Limit, e.message()))?;
        out.push(page);
    }
    if out.iter().all(|p| p.glyphs.is_empty()) {
        let fonts: Vec<&(String, usize)> = out.iter().flat_map(|p| p.unmapped.iter()).collect();
        if let Some((font, _)) = fonts.first() {
            return Err(pdf(
                None,
                PdfProblem::NoTextLayer,
                format!(
                    "no text can be read: font {font} has no usable ToUnicode map (and no other font maps its glyphs to Unicode)"
                ),
            ));
        }
        return Err(pdf(
            None,
            PdfProblem::NoTextLayer,
            "no text layer: scanned image; OCR is not supported".to_owned(),
        ));
    }
    Ok(out)
}
