//! The DOCX reader: `word/document.xml` walked once into visible text and table grids.

use std::collections::HashMap;
use std::io::{Cursor, Read as _};

use quick_xml::events::{BytesStart, Event};

use crate::error::ReadError;
use crate::place::grid::{Budget, GridFull, MAX_GRID, MAX_SPANNED_TEXT, Table};
use crate::read::{Reading, Spanned};

/// The largest DOCX file the reader opens: 64 MiB (a report's document is well under 1 MiB;
/// [`crate::read::any`] stops at 16 MiB before this).
pub const MAX_BYTES: usize = crate::limits::DOCUMENT_LIMIT;

/// The most bytes unpacked from the XML parts read (`word/document.xml` and
/// `word/numbering.xml` together): 64 MiB (the official template's document is 250 KB). A part
/// that unpacks to more (a "zip bomb") is refused when the limit is passed, without unpacking
/// the rest.
pub const MAX_XML: usize = 64 * 1024 * 1024;

/// The most XML elements read from those parts: 4 000 000 (the template has about 12 000).
pub const MAX_ELEMENTS: usize = 4_000_000;

/// The most table cells (`w:tc`) of a document, all tables together: 100 000 (the official
/// tables have about 300).
pub const MAX_CELLS: usize = 100_000;

/// The most levels of tables nested in table cells: 16 (reports have none).
pub const MAX_NESTING: usize = 16;

/// The reader's limits; [`Limits::default`] has the constants of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest file, in bytes ([`MAX_BYTES`]).
    pub bytes: usize,
    /// The most bytes of XML unpacked ([`MAX_XML`]).
    pub xml: usize,
    /// The most XML elements ([`MAX_ELEMENTS`]).
    pub elements: usize,
    /// The most table cells ([`MAX_CELLS`]).
    pub cells: usize,
    /// The most levels of nested tables ([`MAX_NESTING`]).
    pub nesting: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            bytes: MAX_BYTES,
            xml: MAX_XML,
            elements: MAX_ELEMENTS,
            cells: MAX_CELLS,
            nesting: MAX_NESTING,
        }
    }
}

impl Limits {
    /// The same limits with another file size limit.
    #[must_use]
    pub const fn bytes(mut self, n: usize) -> Self {
        self.bytes = n;
        self
    }
    /// The same limits with another limit on unpacked XML.
    #[must_use]
    pub const fn xml(mut self, n: usize) -> Self {
        self.xml = n;
        self
    }
    /// The same limits with another limit on XML elements.
    #[must_use]
    pub const fn elements(mut self, n: usize) -> Self {
        self.elements = n;
        self
    }
    /// The same limits with another limit on table cells.
    #[must_use]
    pub const fn cells(mut self, n: usize) -> Self {
        self.cells = n;
        self
    }
    /// The same limits with another limit on nested tables.
    #[must_use]
    pub const fn nesting(mut self, n: usize) -> Self {
        self.nesting = n;
        self
    }
}

/// A Word document as the reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The visible text: each paragraph outside tables on a line of its own (list numbers
    /// written out), each table row on a line with its cells' text separated by tabs. Cell
    /// positions ([`Spanned`]) point into this text.
    pub text: String,
    /// The tables, outermost first, in the order of the document.
    pub tables: Vec<Table>,
}

const DOCUMENT: &str = "word/document.xml";
const NUMBERING: &str = "word/numbering.xml";

/// Reads a report from the bytes of a DOCX document, with the default [`Limits`].
///
/// # Errors
///
/// [`ReadError::TooLarge`] beyond [`MAX_BYTES`]; [`ReadError::Docx`] when the bytes are not a
/// ZIP archive holding `word/document.xml`, the XML does not parse, or the document is cut
/// short; [`ReadError::TooMany`] past a limit of [`Limits`] or the grid limit [`MAX_GRID`];
/// [`ReadError::NotAReport`] when the document has neither a report's title nor its tables;
/// [`ReadError::Field`] when no year can be found — naming the issuer too where it is missing
/// as well, as in an unfilled template.
pub fn read(bytes: &[u8]) -> Result<Reading, ReadError> {
    read_with(bytes, &Limits::default())
}

/// [`read`] with explicit [`Limits`].
///
/// # Errors
///
/// As [`read`].
pub fn read_with(bytes: &[u8], limits: &Limits) -> Result<Reading, ReadError> {
    let doc = document_with(bytes, limits)?;
    crate::place::read_tables(None, &doc.text, &doc.tables).map_err(|e| unfilled(e, &doc))
}

/// The visible text and tables of a DOCX document, with the default [`Limits`].
///
/// # Errors
///
/// As [`read`], except the errors of placing the tables ([`ReadError::NotAReport`],
/// [`ReadError::Field`]).
pub fn document(bytes: &[u8]) -> Result<Document, ReadError> {
    document_with(bytes, &Limits::default())
}

/// [`document`] with explicit [`Limits`].
///
/// # Errors
///
/// As [`document`].
pub fn document_with(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.len() > limits.bytes {
        return Err(ReadError::TooLarge {
            limit: limits.bytes,
            size: bytes.len(),
        });
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Docx {
        part: "zip".to_owned(),
        at: None,
        found: format!("no ZIP archive the reader can open ({e})"),
    })?;
    let mut budget = limits.xml;
    let xml = unpack(&mut zip, DOCUMENT, &mut budget, limits)?.ok_or_else(|| ReadError::Docx {
        part: "zip".to_owned(),
        at: None,
        found: format!("no {DOCUMENT} in the archive"),
    })?;
    let numbering = match unpack(&mut zip, NUMBERING, &mut budget, limits)? {
        Some(xml) => Numbering::parse(&xml, limits)?,
        None => Numbering::default(),
    };
    Walker::new(limits, numbering).walk(&xml)
}

/// The part `name`, unpacked, if the archive has it; what it unpacks to is taken from `budget`.
fn unpack(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut usize,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, ReadError> {
    let part = match zip.by_name(name) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(ReadError::Docx {
                part: name.to_owned(),
                at: None,
                found: format!("a part the ZIP reader cannot open ({e})"),
            });
        }
    };
    let too_big = || ReadError::TooMany {
        location: name.to_owned(),
        what: "bytes of XML unpacked",
        limit: limits.xml,
    };
    if usize::try_from(part.size()).map_or(true, |s| s > *budget) {
        return Err(too_big());
    }
    let mut xml = Vec::new();
    let cap = u64::try_from(*budget).unwrap_or(u64::MAX).saturating_add(1);
    part.take(cap)
        .read_to_end(&mut xml)
        .map_err(|e| ReadError::Docx {
            part: name.to_owned(),
            at: u64::try_from(xml.len()).ok(),
            found: format!("a part that does not unpack ({e})"),
        })?;
    if xml.len() > *budget {
        return Err(too_big());
    }
    *budget = budget.saturating_sub(xml.len());
    Ok(Some(xml))
}

/// The qualified name of an element, as WordprocessingML writes it (`w:tbl`).
fn qname<'a>(e: &'a BytesStart<'_>) -> &'a [u8] {
    e.name().into_inner()
}

/// The value of attribute `name` of `e`, unescaped.
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    let a = e.try_get_attribute(name).ok().flatten()?;
    // Unescaped by hand: `unescape_value` is missing when another crate turns on quick-xml's
    // `encoding` feature (calamine does).
    let raw = core::str::from_utf8(&a.value).ok()?;
    quick_xml::escape::unescape(raw)
        .ok()
        .map(|v| v.into_owned())
}

/// A number attribute (`w:val`), if it reads as one.
fn number_attr(e: &BytesStart<'_>, name: &[u8]) -> Option<usize> {
    attr(e, name)?.trim().parse().ok()
}

/// An XML error of `part` at `at`.
fn xml_error(part: &str, at: u64, e: &quick_xml::Error) -> ReadError {
    ReadError::Docx {
        part: part.to_owned(),
        at: Some(at),
        found: format!("XML the parser rejects: {e}"),
    }
}

/// A vertical merge mark of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

/// A cell as the document lists it.
#[derive(Debug)]
struct RawCell {
    paragraphs: Vec<String>,
    span: usize,
    vmerge: VMerge,
    /// `w:hMerge` continue: the cell is part of the cell before it (legacy horizontal merge).
    hcontinue: bool,
    text: Spanned,
}

#[derive(Debug, Default)]
struct RawRow {
    before: usize,
    cells: Vec<RawCell>,
}

/// A table being read.
#[derive(Debug)]
struct Open {
    /// Where the table's slot is in the document's list (outermost first).
    slot: usize,
    rows: Vec<RawRow>,
    row: Option<RawRow>,
    cell: Option<RawCell>,
}

/// What kind of structural element is open, for the check that the document is complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Body,
    Table,
    Row,
    Cell,
    Paragraph,
    /// `w:t`, whose text is the document's.
    Text,
    /// `w:r`, a run: where `w:tab` and `w:br` are characters (in `w:tabs` they are tab stops).
    Run,
    Other,
}

impl Kind {
    fn of(name: &[u8]) -> Kind {
        match name {
            b"w:document" => Kind::Document,
            b"w:body" => Kind::Body,
            b"w:tbl" => Kind::Table,
            b"w:tr" => Kind::Row,
            b"w:tc" => Kind::Cell,
            b"w:p" => Kind::Paragraph,
            b"w:t" => Kind::Text,
            b"w:r" => Kind::Run,
            _ => Kind::Other,
        }
    }
}

/// One paragraph being read, with its list number.
#[derive(Debug, Default)]
struct Para {
    text: String,
    num_id: Option<usize>,
    level: usize,
}

struct Walker<'l> {
    limits: &'l Limits,
    numbering: Numbering,
    out: Document,
    slots: Vec<Option<Table>>,
    tables: Vec<Open>,
    paras: Vec<Para>,
    /// Open elements: kind and the byte where each was opened.
    open: Vec<(Kind, u64)>,
    in_text: usize,
    in_run: usize,
    /// Depth inside an element whose content is skipped (`mc:Fallback`, `w:del`).
    skip: usize,
    elements: usize,
    cells: usize,
    line: usize,
    budget: Budget,
    seen_body: bool,
}

impl<'l> Walker<'l> {
    fn new(limits: &'l Limits, numbering: Numbering) -> Self {
        Walker {
            limits,
            numbering,
            out: Document::default(),
            slots: Vec::new(),
            tables: Vec::new(),
            paras: Vec::new(),
            open: Vec::new(),
            in_text: 0,
            in_run: 0,
            skip: 0,
            elements: 0,
            cells: 0,
            line: 1,
            budget: Budget::new(MAX_GRID),
            seen_body: false,
        }
    }

    fn walk(mut self, xml: &[u8]) -> Result<Document, ReadError> {
        let mut reader = quick_xml::Reader::from_reader(xml);
        reader.config_mut().check_end_names = true;
        loop {
            let at = reader.buffer_position();
            let event = reader
                .read_event()
                .map_err(|e| xml_error(DOCUMENT, reader.error_position(), &e))?;
            match event {
                Event::Start(e) => {
                    self.count(at)?;
                    let name = qname(&e);
                    if self.skip > 0 || matches!(name, b"mc:Fallback" | b"w:del" | b"w:moveFrom") {
                        self.skip = self.skip.saturating_add(1);
                        self.open.push((Kind::Other, at));
                        continue;
                    }
                    let kind = Kind::of(name);
                    self.open.push((kind, at));
                    self.start(&e, kind, at)?;
                }
                Event::Empty(e) => {
                    self.count(at)?;
                    if self.skip == 0 {
                        let kind = Kind::of(qname(&e));
                        self.start(&e, kind, at)?;
                        self.end(kind, at)?;
                    }
                }
                Event::End(_) => {
                    let Some((kind, _)) = self.open.pop() else {
                        return Err(ReadError::Docx {
                            part: DOCUMENT.to_owned(),
                            at: Some(at),
                            found: "an end tag with no element open".to_owned(),
                        });
                    };
                    if self.skip > 0 {
                        self.skip = self.skip.saturating_sub(1);
                        continue;
                    }
                    self.end(kind, at)?;
                }
                Event::Text(t) => {
                    if self.in_text > 0 && self.skip == 0 {
                        let text = t.decode().map_err(|e| xml_error(DOCUMENT, at, &e.into()))?;
                        self.push_text(&text);
                    }
                }
                Event::CData(t) => {
                    if self.in_text > 0 && self.skip == 0 {
                        let text = t.decode().map_err(|e| xml_error(DOCUMENT, at, &e.into()))?;
                        self.push_text(&text);
                    }
                }
                Event::GeneralRef(r) => {
                    if self.in_text > 0 && self.skip == 0 {
                        let resolved = match r.resolve_char_ref() {
                            Ok(Some(c)) => Some(c.to_string()),
                            Ok(None) => {
                                let name =
                                    r.decode().map_err(|e| xml_error(DOCUMENT, at, &e.into()))?;
                                quick_xml::escape::resolve_predefined_entity(&name)
                                    .map(str::to_owned)
                            }
                            Err(e) => return Err(xml_error(DOCUMENT, at, &e)),
                        };
                        let Some(s) = resolved else {
                            return Err(ReadError::Docx {
                                part: DOCUMENT.to_owned(),
                                at: Some(at),
                                found: "an entity XML does not define".to_owned(),
                            });
                        };
                        self.push_text(&s);
                    }
                }
                Event::Eof => break,
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
        let end = u64::try_from(xml.len()).unwrap_or(u64::MAX);
        if let Some(&(kind, opened)) = self
            .open
            .iter()
            .rev()
            .find(|(k, _)| !matches!(k, Kind::Other))
            .or_else(|| self.open.last())
        {
            let what = match kind {
                Kind::Document => "<w:document>",
                Kind::Body => "<w:body>",
                Kind::Table => "a table (<w:tbl>)",
                Kind::Row => "a table row (<w:tr>)",
                Kind::Cell => "a table cell (<w:tc>)",
                Kind::Paragraph => "a paragraph (<w:p>)",
                Kind::Text => "a text (<w:t>)",
                Kind::Run => "a run (<w:r>)",
                Kind::Other => "an element",
            };
            return Err(ReadError::Docx {
                part: DOCUMENT.to_owned(),
                at: Some(end),
                found: format!(
                    "the end of the part with {what} opened at byte {opened} not closed: the file is cut short"
                ),
            });
        }
        if !self.seen_body {
            return Err(ReadError::Docx {
                part: DOCUMENT.to_owned(),
                at: None,
                found: "no document body (<w:body>)".to_owned(),
            });
        }
        self.out.tables = self.slots.into_iter().flatten().collect();
        Ok(self.out)
    }

    fn count(&mut self, at: u64) -> Result<(), ReadError> {
        self.elements = self.elements.saturating_add(1);
        if self.elements > self.limits.elements {
            return Err(ReadError::TooMany {
                location: format!("{DOCUMENT}, byte {at}"),
                what: "XML elements",
                limit: self.limits.elements,
            });
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart<'_>, kind: Kind, at: u64) -> Result<(), ReadError> {
        match kind {
            Kind::Body => self.seen_body = true,
            Kind::Table => {
                if self.tables.len() >= self.limits.nesting {
                    return Err(ReadError::TooMany {
                        location: format!("{DOCUMENT}, byte {at}"),
                        what: "levels of tables nested in table cells",
                        limit: self.limits.nesting,
                    });
                }
                let slot = self.slots.len();
                self.slots.push(None);
                self.tables.push(Open {
                    slot,
                    rows: Vec::new(),
                    row: None,
                    cell: None,
                });
            }
            Kind::Row => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(RawRow::default());
                }
            }
            Kind::Cell => {
                self.cells = self.cells.saturating_add(1);
                if self.cells > self.limits.cells {
                    return Err(ReadError::TooMany {
                        location: format!("{DOCUMENT}, byte {at}"),
                        what: "table cells",
                        limit: self.limits.cells,
                    });
                }
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(RawCell {
                        paragraphs: Vec::new(),
                        span: 1,
                        vmerge: VMerge::None,
                        hcontinue: false,
                        text: Spanned {
                            text: String::new(),
                            line: 0,
                            bytes: 0..0,
                        },
                    });
                }
            }
            Kind::Paragraph => self.paras.push(Para::default()),
            Kind::Text => self.in_text = self.in_text.saturating_add(1),
            Kind::Run => self.in_run = self.in_run.saturating_add(1),
            Kind::Document => {}
            Kind::Other => self.other(e),
        }
        Ok(())
    }

    /// Properties and run content that matter to the reading.
    fn other(&mut self, e: &BytesStart<'_>) {
        match qname(e) {
            b"w:tab" | b"w:ptab" => self.push_run_char('\t'),
            b"w:br" | b"w:cr" => self.push_run_char('\n'),
            b"w:noBreakHyphen" | b"w:softHyphen" => self.push_run_char('-'),
            b"w:gridSpan" => {
                if let Some(c) = self.current_cell() {
                    c.span = number_attr(e, b"w:val").unwrap_or(1).max(1);
                }
            }
            b"w:vMerge" => {
                let restart = attr(e, b"w:val").is_some_and(|v| v == "restart");
                if let Some(c) = self.current_cell() {
                    c.vmerge = if restart {
                        VMerge::Restart
                    } else {
                        VMerge::Continue
                    };
                }
            }
            b"w:hMerge" => {
                let restart = attr(e, b"w:val").is_some_and(|v| v == "restart");
                if let Some(c) = self.current_cell() {
                    c.hcontinue = !restart;
                }
            }
            b"w:gridBefore" => {
                let n = number_attr(e, b"w:val").unwrap_or(0);
                if let Some(r) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    r.before = n.min(crate::place::grid::MAX_SPAN);
                }
            }
            b"w:numId" => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = number_attr(e, b"w:val");
                }
            }
            b"w:ilvl" => {
                if let Some(p) = self.paras.last_mut() {
                    p.level = number_attr(e, b"w:val").unwrap_or(0);
                }
            }
            _ => {}
        }
    }

    fn current_cell(&mut self) -> Option<&mut RawCell> {
        self.tables.last_mut()?.cell.as_mut()
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    /// A tab or break inside a run (a `w:tab` of a paragraph's `w:tabs` is a tab stop).
    fn push_run_char(&mut self, c: char) {
        if self.in_run == 0 {
            return;
        }
        if let Some(p) = self.paras.last_mut() {
            p.text.push(c);
        }
    }

    fn end(&mut self, kind: Kind, at: u64) -> Result<(), ReadError> {
        match kind {
            Kind::Paragraph => {
                let Some(p) = self.paras.pop() else {
                    return Ok(());
                };
                let label = p
                    .num_id
                    .and_then(|id| self.numbering.label(id, p.level))
                    .unwrap_or_default();
                let mut text = label;
                text.push_str(&p.text);
                match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    // A paragraph of a cell (a text box's paragraphs inside a cell's paragraph
                    // end first and join the cell too).
                    Some(c) => c.paragraphs.push(text),
                    None => self.append_line(&text),
                }
            }
            Kind::Cell => {
                if let Some(t) = self.tables.last_mut() {
                    if let (Some(mut c), Some(r)) = (t.cell.take(), t.row.as_mut()) {
                        let joined = c.paragraphs.join("\n");
                        c.text.text = clean(&joined);
                        c.paragraphs.clear();
                        r.cells.push(c);
                    }
                }
            }
            Kind::Row => self.end_row(),
            Kind::Table => self.end_table(at)?,
            Kind::Text => self.in_text = self.in_text.saturating_sub(1),
            Kind::Run => self.in_run = self.in_run.saturating_sub(1),
            Kind::Document | Kind::Body | Kind::Other => {}
        }
        Ok(())
    }

    /// Appends a line of visible text.
    fn append_line(&mut self, text: &str) {
        self.out.text.push_str(text);
        self.out.text.push('\n');
        self.line = self
            .line
            .saturating_add(text.matches('\n').count())
            .saturating_add(1);
    }

    /// A row ends: its line of visible text is written and each cell's text located in it.
    fn end_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(mut row) = t.row.take() else {
            return;
        };
        let mut line = self.line;
        for (i, c) in row.cells.iter_mut().enumerate() {
            if i > 0 {
                self.out.text.push('\t');
            }
            let start = self.out.text.len();
            self.out.text.push_str(&c.text.text);
            c.text.line = line;
            c.text.bytes = start..self.out.text.len();
            line = line.saturating_add(c.text.text.matches('\n').count());
        }
        self.out.text.push('\n');
        self.line = line.saturating_add(1);
        t.rows.push(row);
    }

    /// A table ends: its vertical merges are counted into row spans and its cells placed on a
    /// grid.
    fn end_table(&mut self, at: u64) -> Result<(), ReadError> {
        let Some(open) = self.tables.pop() else {
            return Ok(());
        };
        let slot = open.slot;
        let table = grid(open.rows, &mut self.budget).map_err(|full| {
            let location = format!("{DOCUMENT}, table ending at byte {at}");
            match full {
                GridFull::SpannedText => ReadError::TooMany {
                    location,
                    what: "bytes of cell text repeated into the rows a vMerge reaches (all tables \
                           together)",
                    limit: MAX_SPANNED_TEXT,
                },
                _ => ReadError::TooMany {
                    location,
                    what: "grid positions (cells expanded by gridSpan and vMerge, all tables \
                           together)",
                    limit: MAX_GRID,
                },
            }
        })?;
        if let (Some(s), Some(table)) = (self.slots.get_mut(slot), table) {
            *s = Some(table);
        }
        Ok(())
    }
}

/// A cell's text as the grid keeps it: no-break and ideographic spaces as spaces, trimmed.
fn clean(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\u{a0}' | '\u{3000}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    s.trim().to_owned()
}

/// The grid of a table's rows: each `vMerge` restart cell spans down over the `continue` cells
/// below it that start at its grid column; `continue` cells are covered (their text, if any,
/// joins the merged cell's, so nothing is lost); a `continue` with nothing to continue is a
/// cell of its own. `None` for a table without rows.
fn grid(mut rows: Vec<RawRow>, budget: &mut Budget) -> Result<Option<Table>, GridFull> {
    if rows.is_empty() {
        return Ok(None);
    }
    // Legacy horizontal merges: a continuing cell widens the one before it.
    for row in &mut rows {
        let mut merged: Vec<RawCell> = Vec::with_capacity(row.cells.len());
        for c in row.cells.drain(..) {
            match merged.last_mut() {
                Some(prev) if c.hcontinue => {
                    prev.span = prev.span.saturating_add(c.span);
                    join_text(prev, &c.text.text);
                }
                _ => merged.push(c),
            }
        }
        row.cells = merged;
    }
    // (row, cell) of each cell's merge head and its row span.
    let mut spans: Vec<Vec<usize>> = rows.iter().map(|r| vec![1; r.cells.len()]).collect();
    let mut covered: Vec<Vec<bool>> = rows.iter().map(|r| vec![false; r.cells.len()]).collect();
    // Open vertical merges by grid column: (row, cell index).
    let mut active: HashMap<usize, (usize, usize)> = HashMap::new();
    let mut carried: Vec<((usize, usize), String)> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut col = row.before;
        let mut next: HashMap<usize, (usize, usize)> = HashMap::new();
        for (i, c) in row.cells.iter().enumerate() {
            match c.vmerge {
                VMerge::Restart => {
                    next.insert(col, (r, i));
                }
                VMerge::Continue => {
                    if let Some(&(hr, hi)) = active.get(&col) {
                        if let Some(n) = spans.get_mut(hr).and_then(|s| s.get_mut(hi)) {
                            *n = n.saturating_add(1);
                        }
                        if let Some(k) = covered.get_mut(r).and_then(|s| s.get_mut(i)) {
                            *k = true;
                        }
                        if !c.text.text.is_empty() {
                            carried.push(((hr, hi), c.text.text.clone()));
                        }
                        next.insert(col, (hr, hi));
                    }
                }
                VMerge::None => {}
            }
            col = col.saturating_add(c.span);
        }
        active = next;
    }
    for ((hr, hi), text) in carried {
        if let Some(c) = rows.get_mut(hr).and_then(|r| r.cells.get_mut(hi)) {
            join_text(c, &text);
        }
    }
    let mut table = Table::with_rows(rows.len());
    for (r, row) in rows.into_iter().enumerate() {
        if row.before > 0 {
            let at = row.cells.first().map_or(0, |c| c.text.bytes.start);
            let line = row.cells.first().map_or(0, |c| c.text.line);
            let blank = Spanned {
                text: String::new(),
                line,
                bytes: at..at,
            };
            table.push_cell(r, blank, 1, row.before, budget)?;
        }
        for (i, c) in row.cells.into_iter().enumerate() {
            if covered
                .get(r)
                .and_then(|s| s.get(i))
                .copied()
                .unwrap_or(false)
            {
                continue;
            }
            let rowspan = spans.get(r).and_then(|s| s.get(i)).copied().unwrap_or(1);
            table.push_cell(r, c.text, rowspan, c.span, budget)?;
        }
    }
    Ok(Some(table))
}

/// Adds `text` to a cell's text on a line of its own (the cell's position keeps pointing at its
/// own text).
fn join_text(c: &mut RawCell, text: &str) {
    if text.is_empty() {
        return;
    }
    if !c.text.text.is_empty() {
        c.text.text.push('\n');
    }
    c.text.text.push_str(text);
}

/// When no year could be found: the error names the issuer as well where it is missing too, and
/// says whether the document is an unfilled form (tables of the report, every cell blank).
fn unfilled(e: ReadError, doc: &Document) -> ReadError {
    let ReadError::Field { location, .. } = &e else {
        return e;
    };
    if location != "report/year" {
        return e;
    }
    let meta = crate::text::meta::detect(&doc.text);
    let found: Vec<_> = doc.tables.iter().filter_map(crate::place::found).collect();
    let values = found
        .iter()
        .flat_map(|f| f.rows.iter())
        .flat_map(|r| r.values.iter())
        .count();
    let filled = found
        .iter()
        .flat_map(|f| f.rows.iter())
        .flat_map(|r| r.values.iter())
        .filter(|v| !v.text.trim().is_empty())
        .count();
    let title = doc
        .text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let shown: String = title.chars().take(40).collect();
    let form = if found.is_empty() {
        String::new()
    } else if filled == 0 {
        format!(
            "an unfilled form ({} tables of the report, all {values} cells blank), ",
            found.len()
        )
    } else {
        format!(
            "{} tables of the report ({filled} of {values} cells filled), ",
            found.len()
        )
    };
    match meta.issuer {
        None => ReadError::Field {
            location: "report/issuer, report/year".to_owned(),
            what: "the issuing body and the year reported on (标题「某县某局2024年政府信息公开工作年度报告」)",
            found: format!("{form}no issuer and no year, title `{shown}`"),
        },
        Some(issuer) => ReadError::Field {
            location: "report/year".to_owned(),
            what: "the year reported on (标题或统计期限中的年度)",
            found: format!(
                "{form}issuer `{}` but no year, title `{shown}`",
                issuer.text
            ),
        },
    }
}

/// One level of a list definition (`w:lvl`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: usize,
    format: String,
    text: String,
}

/// Automatic numbering (`word/numbering.xml`): list instances, their levels and counters.
#[derive(Debug, Default)]
struct Numbering {
    /// `w:num` → `w:abstractNum`.
    nums: HashMap<usize, usize>,
    /// (`w:abstractNum`, level) → its definition.
    levels: HashMap<(usize, usize), Level>,
    /// Counters of each list instance, per level.
    counters: HashMap<usize, Vec<Option<usize>>>,
}

/// The most levels a list has (`w:ilvl` 0 to 8).
const LEVELS: usize = 9;

impl Numbering {
    fn parse(xml: &[u8], limits: &Limits) -> Result<Numbering, ReadError> {
        let mut n = Numbering::default();
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut abstract_id: Option<usize> = None;
        let mut num_id: Option<usize> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut elements = 0usize;
        loop {
            let at = reader.buffer_position();
            let event = reader
                .read_event()
                .map_err(|e| xml_error(NUMBERING, reader.error_position(), &e))?;
            match event {
                Event::Start(e) | Event::Empty(e) => {
                    elements = elements.saturating_add(1);
                    if elements > limits.elements {
                        return Err(ReadError::TooMany {
                            location: format!("{NUMBERING}, byte {at}"),
                            what: "XML elements",
                            limit: limits.elements,
                        });
                    }
                    match qname(&e) {
                        b"w:abstractNum" => abstract_id = number_attr(&e, b"w:abstractNumId"),
                        b"w:num" => num_id = number_attr(&e, b"w:numId"),
                        b"w:abstractNumId" => {
                            if let (Some(id), Some(a)) = (num_id, number_attr(&e, b"w:val")) {
                                n.nums.insert(id, a);
                            }
                        }
                        b"w:lvl" => {
                            level = number_attr(&e, b"w:ilvl").filter(|&l| l < LEVELS).map(|l| {
                                (
                                    l,
                                    Level {
                                        start: 1,
                                        ..Level::default()
                                    },
                                )
                            });
                        }
                        b"w:start" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.start = number_attr(&e, b"w:val").unwrap_or(1);
                            }
                        }
                        b"w:numFmt" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.format = attr(&e, b"w:val").unwrap_or_default();
                            }
                        }
                        b"w:lvlText" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.text = attr(&e, b"w:val").unwrap_or_default();
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.name().into_inner() {
                    b"w:lvl" => {
                        if let (Some(a), Some((i, l))) = (abstract_id, level.take()) {
                            n.levels.insert((a, i), l);
                        }
                    }
                    b"w:abstractNum" => abstract_id = None,
                    b"w:num" => num_id = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(n)
    }

    /// The label of the next paragraph of list `num` at `level` (`一、`, `（二）`, `3.`), with
    /// the counters advanced; `None` for a list the part does not define or a bullet.
    fn label(&mut self, num: usize, level: usize) -> Option<String> {
        let abstract_id = *self.nums.get(&num)?;
        if level >= LEVELS {
            return None;
        }
        let def = self.levels.get(&(abstract_id, level))?.clone();
        if def.format == "bullet" || def.format == "none" && def.text.is_empty() {
            return None;
        }
        let counters = self
            .counters
            .entry(num)
            .or_insert_with(|| vec![None; LEVELS]);
        let value = match counters.get(level).copied().flatten() {
            Some(v) => v.saturating_add(1),
            None => def.start,
        };
        if let Some(c) = counters.get_mut(level) {
            *c = Some(value);
        }
        for c in counters.iter_mut().skip(level.saturating_add(1)) {
            *c = None;
        }
        let counters = counters.clone();
        let mut out = String::new();
        let mut chars = def.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let l = usize::try_from(d).unwrap_or(1).saturating_sub(1);
                    let format = self
                        .levels
                        .get(&(abstract_id, l))
                        .map(|x| x.format.as_str())
                        .unwrap_or("decimal");
                    let v = counters.get(l).copied().flatten().unwrap_or(1);
                    out.push_str(&format_number(v, format));
                }
                _ => out.push(c),
            }
        }
        Some(out)
    }
}

/// `n` in the list number format `format` (`w:numFmt`); decimal for the formats not known.
fn format_number(n: usize, format: &str) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    let counting = |digits: &[char; 10], ten: char| -> String {
        let d = |i: usize| digits.get(i).copied().unwrap_or('〇');
        match n {
            0..=9 => d(n).to_string(),
            10..=99 => {
                let (t, u) = (n / 10, n % 10);
                let mut s = String::new();
                if t > 1 {
                    s.push(d(t));
                }
                s.push(ten);
                if u > 0 {
                    s.push(d(u));
                }
                s
            }
            _ => n.to_string(),
        }
    };
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => counting(&DIGITS, '十'),
        "chineseLegalSimplified" | "ideographLegalTraditional" => counting(&LEGAL, '拾'),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|v| DIGITS.get(usize::try_from(v).unwrap_or(0)))
                    .copied()
                    .unwrap_or(c)
            })
            .collect(),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|v| char::from_u32(0xFF10_u32.saturating_add(v)))
                    .unwrap_or(c)
            })
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            let v = u32::try_from(n).unwrap_or(1);
            char::from_u32(0x2460_u32.saturating_add(v).saturating_sub(1))
                .map_or_else(|| n.to_string(), |c| c.to_string())
        }
        "ideographEnclosedCircle" if (1..=10).contains(&n) => {
            let v = u32::try_from(n).unwrap_or(1);
            char::from_u32(0x3220_u32.saturating_add(v).saturating_sub(1))
                .map_or_else(|| n.to_string(), |c| c.to_string())
        }
        "lowerLetter" | "upperLetter" if (1..=26).contains(&n) => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let v = u8::try_from(n).unwrap_or(1).saturating_sub(1);
            char::from(base.saturating_add(v)).to_string()
        }
        "lowerRoman" | "upperRoman" if (1..4000).contains(&n) => {
            let s = roman(n);
            if format == "lowerRoman" {
                s.to_lowercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n = n.saturating_sub(v);
        }
    }
    s
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]
mod tests {
    use super::*;

    #[test]
    fn chinese_list_numbers() {
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(21, "chineseCounting"), "二十一");
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(2, "lowerLetter"), "b");
    }

    #[test]
    fn list_labels_count_per_level() {
        let xml = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            </w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let mut n = Numbering::parse(xml.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(n.label(3, 0).as_deref(), Some("一、"));
        assert_eq!(n.label(3, 1).as_deref(), Some("（一）"));
        assert_eq!(n.label(3, 1).as_deref(), Some("（二）"));
        assert_eq!(n.label(3, 0).as_deref(), Some("二、"));
        assert_eq!(n.label(3, 1).as_deref(), Some("（一）"));
        assert_eq!(n.label(9, 0), None);
    }
}
