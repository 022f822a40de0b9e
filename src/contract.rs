//! The machine interface: what checking one input yields, in the shape every front door prints —
//! a line of `zfxxgk check --format json`, the body of `POST /v1/check`, a Python `Result`, a
//! finding object in the browser.
//!
//! One input gives one [`Line`]: the report's identity and every finding (the reader's notes,
//! the tables' rules and the prose checks), or why it could not be read. As JSON (feature
//! `serde`, [`Line::to_json`]):
//!
//! ```text
//! {"zfxxgk":"0.1.0","file":"a.txt","issuer":"…","year":2024,"edition":"2021","findings":[…]}
//! {"zfxxgk":"0.1.0","file":"b.pdf","error":{"kind":"not-a-report","message":"…","line":3}}
//! ```
//!
//! A finding read from text carries `"source": {"line", "column", "offset": [start, end]}`
//! (1-based line and column in characters, byte offsets into the input as decoded to UTF-8).
//! The error `kind` is a stable ASCII id ([`ReadError::kind`], plus `io` and
//! `unsupported-shape` from the front doors). `docs/contract.md` is the full contract, and the
//! JSON Schema of a line is [`crate::schema::line`] (feature `schema`).
//!
//! ```
//! use zfxxgk::contract;
//!
//! let csv = "table,row,column,value\nreport,issuer,,某县某局\nreport,year,,2024\n\
//!            report,edition,,2021\nappeals,review,upheld,2\nappeals,review,corrected,0\n\
//!            appeals,review,other,0\nappeals,review,pending,0\nappeals,review,total,3\n";
//! let line = contract::check("a.csv", csv.as_bytes(), None);
//! let findings = line.findings();
//! let wrong = findings.iter().find(|f| f.rule.id() == "appeals.total" && f.assessable);
//! // The cell the rule checks, where the CSV wrote it: line 9, column 22 (the value).
//! let source = wrong.and_then(|f| f.source.as_ref());
//! assert_eq!(source.map(|s| (s.line, s.column)), Some((9, 22)));
//!
//! let line = contract::check("b.txt", b"nothing here", None);
//! assert_eq!(line.error().map(|e| e.kind), Some("not-a-report"));
//! ```

use core::fmt;

use crate::catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, CellType, Edition, LITIGATION_HEADER,
    ORGANISATIONS_HEADER, OUTCOMES_HEADER, TableKey, application_rows, proactive_groups,
};
use crate::decode;
use crate::detect::{self, Shape};
use crate::error::{Position, ReadError};
use crate::finding::{Finding, Source};
use crate::read::Reading;
use crate::report::{Address, Report};

/// The version of this crate, which every JSON line carries as `"zfxxgk"`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why an input could not be read at all: the `error` object of a JSON line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// A stable ASCII id: one of [`ReadError::kind`]'s, or `io` (the input could not be opened
    /// or read), or `unsupported-shape` (a file of a type no reader knows).
    pub kind: &'static str,
    /// What went wrong, for people.
    pub message: String,
    /// Where in the input, as far as known.
    pub position: Position,
}

impl InputError {
    /// An error of `kind` with `message` and no position.
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        InputError {
            kind,
            message: message.into(),
            position: Position::default(),
        }
    }

    /// The error a reader returned.
    pub fn read(error: &ReadError) -> Self {
        InputError {
            kind: error.kind(),
            message: error.to_string(),
            position: error.position(),
        }
    }

    /// The input could not be opened or read.
    pub fn io(error: &std::io::Error) -> Self {
        InputError::new("io", format!("cannot read the input: {error}"))
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<&ReadError> for InputError {
    fn from(error: &ReadError) -> Self {
        InputError::read(error)
    }
}

/// What checking one input yielded.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Outcome {
    /// The input was read: the reading, and every finding about it.
    Checked {
        /// The report with the reader's own notes.
        reading: Box<Reading>,
        /// Every finding: the reader's, the tables' rules, the prose checks, and any added
        /// across reports (a series, a sum), in that order.
        findings: Vec<Finding>,
    },
    /// The input could not be read at all.
    Unreadable(InputError),
}

/// One input's line of the contract: its name and its [`Outcome`].
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The input's name as the caller gave it (a path as named, `-` for standard input, an
    /// uploaded file's name).
    pub file: String,
    /// What it yielded.
    pub outcome: Outcome,
}

impl Line {
    /// A line for an input that could not be read.
    pub fn unreadable(file: impl Into<String>, error: InputError) -> Self {
        Line {
            file: file.into(),
            outcome: Outcome::Unreadable(error),
        }
    }

    /// The report, if the input was read.
    pub fn report(&self) -> Option<&Report> {
        self.reading().map(|r| &r.report)
    }

    /// The reading, if the input was read.
    pub fn reading(&self) -> Option<&Reading> {
        match &self.outcome {
            Outcome::Checked { reading, .. } => Some(reading),
            Outcome::Unreadable(_) => None,
        }
    }

    /// The findings (none for an unreadable input).
    pub fn findings(&self) -> &[Finding] {
        match &self.outcome {
            Outcome::Checked { findings, .. } => findings,
            Outcome::Unreadable(_) => &[],
        }
    }

    /// The findings, to add those found across reports.
    pub fn findings_mut(&mut self) -> Option<&mut Vec<Finding>> {
        match &mut self.outcome {
            Outcome::Checked { findings, .. } => Some(findings),
            Outcome::Unreadable(_) => None,
        }
    }

    /// Why the input could not be read, if it could not.
    pub fn error(&self) -> Option<&InputError> {
        match &self.outcome {
            Outcome::Unreadable(e) => Some(e),
            Outcome::Checked { .. } => None,
        }
    }

    /// The line as one line of JSON, without the newline.
    ///
    /// # Errors
    ///
    /// Never in practice: every part of a line serialises; the `Result` is serde_json's.
    #[cfg(feature = "serde")]
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

/// Reads `bytes` (named `file`; `shape` forces the reader, else it is detected from the
/// content with the name's extension as a hint), runs the complete check and locates each
/// finding in the input: the one call behind every front door.
pub fn check(file: &str, bytes: &[u8], shape: Option<Shape>) -> Line {
    check_with_source(file, bytes, shape).0
}

/// [`check`], with the text the findings' positions point into, where there is one (as
/// [`source_text`], or the text a PDF's reader laid out): what a front door that quotes the
/// source needs, without decoding the input again.
pub fn check_with_source(file: &str, bytes: &[u8], shape: Option<Shape>) -> (Line, Option<String>) {
    let shape = shape.unwrap_or_else(|| detect::shape(bytes, Some(file)));
    match crate::read::any(bytes, Some(shape)) {
        Ok(reading) => {
            let mut findings = reading.check();
            // A PDF's positions point into the text its reader laid out.
            let text = reading.text.clone().or_else(|| source_text(bytes, shape));
            if let Some(text) = &text {
                locate(&mut findings, &reading.report, text);
            }
            let line = Line {
                file: file.to_owned(),
                outcome: Outcome::Checked {
                    reading: Box::new(reading),
                    findings,
                },
            };
            (line, text)
        }
        Err(e) => (Line::unreadable(file, InputError::read(&e)), None),
    }
}

/// The text that readers' positions point into, for the shapes read as text: the input
/// decoded as the readers decode it; for DOCX, the document's visible text
/// (`docx::Document::text`). `None` for shapes whose positions are not into the input (JSON
/// keeps the origins of an earlier reading; a workbook has no text; a PDF's positions point
/// into the text its reader laid out, [`Reading::text`]).
pub fn source_text(bytes: &[u8], shape: Shape) -> Option<String> {
    match shape {
        Shape::CellsCsv | Shape::Html | Shape::Markdown | Shape::Text => {
            Some(decode::decode(bytes).text)
        }
        // A DOCX reader's positions point into the document's visible text.
        #[cfg(feature = "docx")]
        Shape::Docx => crate::docx::document(bytes).ok().map(|d| d.text),
        _ => None,
    }
}

/// Sets [`Finding::source`] for each finding whose place in `text` is known: its own byte
/// range (reader notes, prose findings), else the origin of the cell it names. Linear in the
/// text and n log n in the findings: the findings are visited in the order of their offsets,
/// counting lines and characters once.
///
/// A reader note that names only a line (`read.unplaced` of a row it could not place) points
/// at the whole line.
pub fn locate(findings: &mut [Finding], report: &Report, text: &str) {
    let mut line_starts: Option<Vec<usize>> = None;
    let mut wanted: Vec<(usize, usize, usize)> = findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let loc = &f.location;
            let cell = || {
                let address =
                    Address::from_keys(&loc.table, loc.row.as_deref()?, loc.column.as_deref()?)?;
                Some(report.cell(address)?.origin.as_ref()?.bytes.clone())
            };
            let range = match (&loc.bytes, cell(), loc.line) {
                (Some(b), _, _) => b.clone(),
                (None, Some(b), _) => b,
                (None, None, Some(line)) => {
                    let starts = line_starts.get_or_insert_with(|| {
                        core::iter::once(0)
                            .chain(text.match_indices('\n').map(|(i, _)| i.saturating_add(1)))
                            .collect()
                    });
                    let start = *starts.get(line.checked_sub(1)?)?;
                    let end = starts
                        .get(line)
                        .map_or(text.len(), |next| next.saturating_sub(1));
                    start..end
                }
                (None, None, None) => return None,
            };
            let valid = range.start <= range.end
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end)
                && range.end <= text.len();
            valid.then_some((range.start, range.end, i))
        })
        .collect();
    wanted.sort_unstable();
    let mut at = 0usize;
    let mut line = 1usize;
    let mut column = 1usize;
    for (start, end, i) in wanted {
        if let Some(passed) = text.get(at..start) {
            for c in passed.chars() {
                if c == '\n' {
                    line = line.saturating_add(1);
                    column = 1;
                } else {
                    column = column.saturating_add(1);
                }
            }
            at = start;
        }
        if let Some(f) = findings.get_mut(i) {
            f.source = Some(Source {
                line,
                column,
                offset: start..end,
            });
        }
    }
}

/// The layout of one edition as a front door hands it to a form that draws the official
/// tables (`GET /v1/catalogue`, `catalogue()` in the browser): every table, its captioned
/// groups, their rows and columns with key, official label and cell type, in layout order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    /// The edition.
    pub edition: Edition,
    /// The tables of sections 二, 三 and 四.
    pub tables: Vec<CatalogueTable>,
}

/// One table of a [`Catalogue`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueTable {
    /// `proactive`, `applications` or `appeals`.
    pub key: &'static str,
    /// The section heading.
    pub label: &'static str,
    /// The captioned groups of rows and columns: five or four for section 二 (one per item of
    /// Art. 20), one for sections 三 and 四.
    pub groups: Vec<CatalogueGroup>,
}

/// A group of rows that share their columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueGroup {
    /// The caption (`第二十条第（一）项`), for section 二.
    pub caption: Option<&'static str>,
    /// The rows, in order.
    pub rows: Vec<CatalogueEntry>,
    /// The columns, in order.
    pub columns: Vec<CatalogueEntry>,
}

/// A row or a column of a [`Catalogue`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEntry {
    /// The CELLS.md key.
    pub key: &'static str,
    /// The official label in the edition.
    pub label: &'static str,
    /// The heading it sits under (`（三）不予公开`, `法人或其他组织`, `行政诉讼`), if any.
    pub group: Option<&'static str>,
    /// The type of its cells (columns; for rows, `None`).
    pub cell_type: Option<CellType>,
    /// Whether its cells are totals the format computes from others (总计, （七）总计,
    /// 结转下年度继续办理 by the balance).
    pub computed: bool,
}

/// The layout of `edition`.
pub fn catalogue(edition: Edition) -> Catalogue {
    let entry = |key, label, group, cell_type, computed| CatalogueEntry {
        key,
        label,
        group,
        cell_type,
        computed,
    };
    let proactive = CatalogueTable {
        key: TableKey::Proactive.key(),
        label: TableKey::Proactive.label(),
        groups: proactive_groups(edition)
            .iter()
            .map(|g| CatalogueGroup {
                caption: Some(g.caption),
                rows: g
                    .rows
                    .iter()
                    .map(|r| entry(r.key(), r.label_in(edition), None, None, false))
                    .collect(),
                columns: g
                    .columns
                    .iter()
                    .map(|c| {
                        entry(
                            c.key(),
                            c.label_in(edition),
                            None,
                            Some(c.cell_type()),
                            false,
                        )
                    })
                    .collect(),
            })
            .collect(),
    };
    let applications = CatalogueTable {
        key: TableKey::Applications.key(),
        label: TableKey::Applications.label(),
        groups: vec![CatalogueGroup {
            caption: None,
            rows: application_rows(edition)
                .iter()
                .map(|&r| {
                    let group = match r.group() {
                        Some(g) => Some(g.label()),
                        None if r.is_outcome() => Some(OUTCOMES_HEADER),
                        None => None,
                    };
                    let computed =
                        matches!(r, ApplicationRow::Total | ApplicationRow::CarriedForward);
                    entry(r.key(), r.label(), group, None, computed)
                })
                .collect(),
            columns: ApplicantColumn::ALL
                .iter()
                .map(|&c| {
                    let group = c.is_organisation().then_some(ORGANISATIONS_HEADER);
                    let computed = c == ApplicantColumn::Total;
                    entry(c.key(), c.label(), group, Some(CellType::Count), computed)
                })
                .collect(),
        }],
    };
    let appeals = CatalogueTable {
        key: TableKey::Appeals.key(),
        label: TableKey::Appeals.label(),
        groups: vec![CatalogueGroup {
            caption: None,
            rows: AppealRow::ALL
                .iter()
                .map(|&r| {
                    let group = (r != AppealRow::Review).then_some(LITIGATION_HEADER);
                    entry(r.key(), r.label(), group, None, false)
                })
                .collect(),
            columns: AppealColumn::ALL
                .iter()
                .map(|&c| {
                    let computed = c == AppealColumn::Total;
                    entry(c.key(), c.label(), None, Some(CellType::Count), computed)
                })
                .collect(),
        }],
    };
    Catalogue {
        edition,
        tables: vec![proactive, applications, appeals],
    }
}

#[cfg(feature = "serde")]
mod ser {
    use serde::ser::{Serialize, SerializeMap as _, Serializer};

    use super::{
        Catalogue, CatalogueEntry, CatalogueGroup, CatalogueTable, InputError, Line, Outcome,
        VERSION,
    };
    use crate::catalogue::CellType;

    impl Serialize for Catalogue {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("edition", self.edition.key())?;
            m.serialize_entry("document", self.edition.document())?;
            m.serialize_entry("tables", &self.tables)?;
            m.end()
        }
    }

    impl Serialize for CatalogueTable {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("key", self.key)?;
            m.serialize_entry("label", self.label)?;
            m.serialize_entry("groups", &self.groups)?;
            m.end()
        }
    }

    impl Serialize for CatalogueGroup {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            if let Some(c) = self.caption {
                m.serialize_entry("caption", c)?;
            }
            m.serialize_entry("rows", &self.rows)?;
            m.serialize_entry("columns", &self.columns)?;
            m.end()
        }
    }

    impl Serialize for CatalogueEntry {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("key", self.key)?;
            m.serialize_entry("label", self.label)?;
            if let Some(g) = self.group {
                m.serialize_entry("group", g)?;
            }
            if let Some(t) = self.cell_type {
                let key = match t {
                    CellType::Count => "count",
                    CellType::Change => "change",
                    CellType::Amount => "amount",
                };
                m.serialize_entry("type", key)?;
            }
            m.serialize_entry("computed", &self.computed)?;
            m.end()
        }
    }

    impl Serialize for InputError {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("kind", self.kind)?;
            m.serialize_entry("message", &self.message)?;
            if let Some(l) = self.position.line {
                m.serialize_entry("line", &l)?;
            }
            if let Some(c) = self.position.column {
                m.serialize_entry("column", &c)?;
            }
            if let Some(o) = self.position.offset {
                m.serialize_entry("offset", &o)?;
            }
            m.end()
        }
    }

    impl Serialize for Line {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("zfxxgk", VERSION)?;
            m.serialize_entry("file", &self.file)?;
            match &self.outcome {
                Outcome::Checked { reading, findings } => {
                    let r = &reading.report;
                    m.serialize_entry("issuer", r.issuer.as_str())?;
                    m.serialize_entry("year", &r.year)?;
                    m.serialize_entry("edition", r.edition.key())?;
                    m.serialize_entry("findings", findings)?;
                }
                Outcome::Unreadable(e) => m.serialize_entry("error", e)?,
            }
            m.end()
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test")]

    use super::*;
    use crate::finding::{Location, Rule};

    #[test]
    fn locate_counts_lines_and_characters() {
        let text = "一二三\nab 45\n";
        let report = Report::new("x", 2024, crate::Edition::E2021);
        let mut f = Finding::new(Rule::ReadUnplaced, Location::table("source"), String::new());
        let start = text.find("45").unwrap();
        f.location.bytes = Some(start..start + 2);
        let mut g = f.clone();
        g.location.bytes = Some(3..6);
        let mut findings = vec![f, g];
        locate(&mut findings, &report, text);
        let s = findings[0].source.as_ref().unwrap();
        assert_eq!(
            (s.line, s.column, s.offset.clone()),
            (2, 4, start..start + 2)
        );
        let s = findings[1].source.as_ref().unwrap();
        assert_eq!((s.line, s.column), (1, 2));
    }

    #[test]
    fn the_catalogue_lists_every_cell_of_the_edition_once() {
        for edition in [Edition::E2019, Edition::E2021] {
            let c = catalogue(edition);
            let mut n = 0usize;
            for t in &c.tables {
                for g in &t.groups {
                    n += g.rows.len() * g.columns.len();
                }
            }
            let year = if edition == Edition::E2019 {
                2020
            } else {
                2024
            };
            let report = crate::ReportBuilder::new("x", year, edition)
                .build()
                .unwrap();
            assert_eq!(n, report.addresses().len(), "{edition}");
        }
        let c = catalogue(Edition::E2021);
        assert_eq!(c.tables[1].groups[0].rows.len(), 25);
        assert_eq!(c.tables[2].groups[0].rows[1].group, Some("行政诉讼"));
    }

    #[test]
    fn locate_skips_ranges_outside_the_text() {
        let report = Report::new("x", 2024, crate::Edition::E2021);
        let mut f = Finding::new(Rule::ReadUnplaced, Location::table("source"), String::new());
        f.location.bytes = Some(1..2);
        let mut findings = vec![f];
        locate(&mut findings, &report, "一");
        assert_eq!(findings[0].source, None);
    }
}
