//! JSON: the report and its findings, with serde.
//!
//! A report is one object:
//!
//! | field | JSON | meaning |
//! |---|---|---|
//! | `issuer` | string | the issuing body, as the report writes it |
//! | `year` | integer | the year reported on |
//! | `edition` | `"2019"` or `"2021"` | the edition of the format the tables follow |
//! | `published` | ISO date string, optional | the publication date |
//! | `kind` | `"department"` or `"government"`, optional | sets the deadline of Art. 49 |
//! | `overview`, `problems`, `other` | string, optional | the prose of sections 一, 五 and 六 |
//! | `procurement_unit` | string, optional | the unit the report wrote for 采购总金额 (`元`, `万元`) |
//! | `proactive`, `applications`, `appeals` | object of rows, each an object of cells | the tables, by the keys of CELLS.md, in the order of the format |
//! | `unplaced` | array, optional | values a reader could not place: `{"line", "key", "raw"}` |
//!
//! A cell is `null` (blank), an integer (a count or a change), a string (an amount such as
//! `"7730.28"`, never a float; or the text of a mark such as `"/"` or of an invalid entry), or
//! an object `{"value": …, "line": 12, "bytes": [340, 343]}` when the reader recorded where it
//! came from. A cell absent from its row was not given. JSON → model → JSON is the identity.

use std::collections::BTreeMap;
use std::io;

use serde::de::Error as _;
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::catalogue::{Edition, IssuerKind, TableKey};
use crate::cell::{Cell, Entry, Number, Origin};
use crate::error::{ReadError, WriteError};
use crate::finding::{Finding, Location, Operand, Rule, Severity};
use crate::read::Reading;
use crate::report::{Address, Report, Unplaced};

/// The largest JSON [`read`] accepts: 16 MiB (a report's JSON is about 30 KiB). Nesting is
/// bounded by the JSON parser (128 levels).
pub const MAX_INPUT: usize = crate::limits::DEFAULT_LIMIT;

/// Reads a report from JSON, refusing input larger than [`MAX_INPUT`].
///
/// ```
/// use zfxxgk::{Edition, Report, json};
///
/// let report = Report::new("某县某局", 2024, Edition::E2021);
/// let text = json::to_string(&report)?;
/// assert_eq!(json::read(&text)?.report, report);
/// # Ok::<(), zfxxgk::Error>(())
/// ```
///
/// # Errors
///
/// [`ReadError::TooLarge`] above [`MAX_INPUT`]; [`ReadError::Json`] with the line and column
/// where the text is not JSON of a report. Cells under unknown keys are not errors: they come
/// back as `read.unplaced` findings and are kept in [`Report::unplaced`].
pub fn read(input: &str) -> Result<Reading, ReadError> {
    read_with_limit(input, MAX_INPUT)
}

/// Reads a report as JSON from bytes, which must be UTF-8 (a byte order mark is skipped), refusing input
/// larger than [`MAX_INPUT`]. For other encodings (GBK, UTF-16) decode first with
/// [`crate::decode::decode`], or use [`crate::read::any`].
///
/// # Errors
///
/// [`ReadError::Encoding`] at the first byte that is not UTF-8; otherwise as [`read`].
pub fn read_bytes(bytes: &[u8]) -> Result<Reading, ReadError> {
    if bytes.len() > MAX_INPUT {
        return Err(ReadError::TooLarge {
            limit: MAX_INPUT,
            size: bytes.len(),
        });
    }
    let text = core::str::from_utf8(bytes).map_err(|e| ReadError::Encoding {
        offset: e.valid_up_to(),
    })?;
    read(text)
}

/// Reads a report from JSON, refusing input larger than `limit` bytes.
///
/// # Errors
///
/// As [`read`], with `limit` as the limit.
pub fn read_with_limit(input: &str, limit: usize) -> Result<Reading, ReadError> {
    if input.len() > limit {
        return Err(ReadError::TooLarge {
            limit,
            size: input.len(),
        });
    }
    let start = input.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !start.starts_with('{') {
        let skipped = input.len().saturating_sub(start.len());
        let before = input.get(..skipped).unwrap_or("");
        let line = before.matches('\n').count().saturating_add(1);
        let column = before
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            .saturating_add(1);
        let found: String = start.chars().take(12).collect();
        return Err(ReadError::Json {
            line,
            column,
            message: format!("expected an object `{{…}}`, found `{found}`"),
        });
    }
    let doc: ReportDoc = serde_json::from_str(input).map_err(|e| ReadError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    Ok(doc.into_reading())
}

/// Writes `report` as pretty JSON to `out`.
///
/// # Errors
///
/// [`WriteError`] when `out` fails.
pub fn write(report: &Report, out: impl io::Write) -> Result<(), WriteError> {
    serde_json::to_writer_pretty(out, report).map_err(|e| WriteError::Serialize(e.to_string()))
}

/// Writes `report` as pretty JSON into a string.
///
/// # Errors
///
/// [`WriteError`] when serialising fails.
pub fn to_string(report: &Report) -> Result<String, WriteError> {
    serde_json::to_string_pretty(report).map_err(|e| WriteError::Serialize(e.to_string()))
}

/// Writes `report` as pretty JSON into bytes (UTF-8).
///
/// # Errors
///
/// [`WriteError`] when serialising fails.
pub fn to_bytes(report: &Report) -> Result<Vec<u8>, WriteError> {
    serde_json::to_vec_pretty(report).map_err(|e| WriteError::Serialize(e.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

struct CellOut<'a>(&'a Cell);

impl Serialize for CellOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let value = EntryOut(&self.0.entry);
        match &self.0.origin {
            None => value.serialize(s),
            Some(o) => {
                let fields = if o.page.is_some() { 5 } else { 3 };
                let mut m = s.serialize_struct("Cell", fields)?;
                m.serialize_field("value", &value)?;
                m.serialize_field("line", &o.line)?;
                m.serialize_field("bytes", &[o.bytes.start, o.bytes.end])?;
                // A PDF's page and box, only where there is one (so the JSON of other sources
                // is unchanged); the reader of JSON ignores them.
                if let Some(a) = &o.page {
                    m.serialize_field("page", &a.page)?;
                    m.serialize_field("box", &[a.x0, a.y0, a.x1, a.y1])?;
                }
                m.end()
            }
        }
    }
}

struct EntryOut<'a>(&'a Entry);

impl Serialize for EntryOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Entry::Blank => s.serialize_none(),
            Entry::Value(Number::Count(n)) => s.serialize_u64(*n),
            Entry::Value(Number::Change(n)) => s.serialize_i64(*n),
            Entry::Value(Number::Amount(d)) => s.serialize_str(&d.to_string()),
            Entry::Marked(t) | Entry::Invalid(t) => s.serialize_str(t),
        }
    }
}

struct TableOut<'a> {
    report: &'a Report,
    table: TableKey,
}

impl<'a> Serialize for TableOut<'a> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Rows in the order of the format, then any given cell outside the layout.
        let mut rows: Vec<(&'static str, Vec<(&'static str, &Cell)>)> = Vec::new();
        let mut push = |address: Address, cell: &'a Cell| {
            let (r, c) = (address.row_key(), address.column_key());
            match rows.iter_mut().find(|(k, _)| *k == r) {
                Some((_, cells)) => {
                    if !cells.iter().any(|(k, _)| *k == c) {
                        cells.push((c, cell));
                    }
                }
                None => rows.push((r, vec![(c, cell)])),
            }
        };
        let layout = self.report.addresses();
        for &a in layout.iter().filter(|a| a.table() == self.table) {
            if let Some(cell) = self.report.cell(a) {
                push(a, cell);
            }
        }
        let given: Vec<(Address, &Cell)> = match self.table {
            TableKey::Proactive => self
                .report
                .proactive
                .iter()
                .map(|(r, c, cell)| (Address::Proactive(r, c), cell))
                .collect(),
            TableKey::Applications => self
                .report
                .applications
                .iter()
                .map(|(r, c, cell)| (Address::Applications(r, c), cell))
                .collect(),
            TableKey::Appeals => self
                .report
                .appeals
                .iter()
                .map(|(r, c, cell)| (Address::Appeals(r, c), cell))
                .collect(),
        };
        for (a, cell) in given {
            if !layout.contains(&a) {
                push(a, cell);
            }
        }
        let mut m = s.serialize_map(Some(rows.len()))?;
        for (row, cells) in rows {
            m.serialize_entry(row, &RowOut(cells))?;
        }
        m.end()
    }
}

struct RowOut<'a>(Vec<(&'static str, &'a Cell)>);

impl Serialize for RowOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, cell) in &self.0 {
            m.serialize_entry(k, &CellOut(cell))?;
        }
        m.end()
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("issuer", self.issuer.as_str())?;
        m.serialize_entry("year", &self.year)?;
        m.serialize_entry("edition", self.edition.key())?;
        if let Some(d) = self.published {
            m.serialize_entry("published", &d.to_string())?;
        }
        if let Some(k) = self.kind {
            m.serialize_entry("kind", k.key())?;
        }
        if let Some(t) = &self.prose.overview {
            m.serialize_entry("overview", t)?;
        }
        if let Some(t) = &self.prose.problems {
            m.serialize_entry("problems", t)?;
        }
        if let Some(t) = &self.prose.other {
            m.serialize_entry("other", t)?;
        }
        if let Some(u) = &self.procurement_unit {
            m.serialize_entry("procurement_unit", u)?;
        }
        for table in TableKey::ALL {
            m.serialize_entry(
                table.key(),
                &TableOut {
                    report: self,
                    table: *table,
                },
            )?;
        }
        if !self.unplaced.is_empty() {
            let list: Vec<UnplacedDoc> = self
                .unplaced
                .iter()
                .map(|u| UnplacedDoc {
                    line: u.line,
                    key: u.key.clone(),
                    raw: u.raw.clone(),
                })
                .collect();
            m.serialize_entry("unplaced", &list)?;
        }
        m.end()
    }
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
#[serde(untagged)]
enum ScalarDoc {
    Null,
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
}

/// A cell as JSON gives it: a scalar, or `{"value", "line", "bytes"}`.
///
/// This was `#[serde(untagged)]`, which buffers every cell and, for each scalar, builds (and
/// drops) an error per variant tried before the one that fits: most of the time of reading a
/// report went there. [`Loose`] reads the value once, and [`CellDoc::from_loose`] picks the
/// form; the results and error messages are the same (`tests::cell_doc_as_untagged`).
#[cfg_attr(test, derive(Debug, PartialEq))]
enum CellDoc {
    Scalar(ScalarDoc),
    Full {
        value: ScalarDoc,
        line: usize,
        bytes: [usize; 2],
    },
}

/// What `#[serde(untagged)]` said when no form fits; kept word for word.
const NO_CELL_FORM: &str = "data did not match any variant of untagged enum CellDoc";

impl<'de> Deserialize<'de> for CellDoc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The whole value is read before it is judged, as untagged did, so an error points
        // after it; only a malformed document fails while reading.
        let loose = Loose::deserialize(d)?;
        CellDoc::from_loose(loose).ok_or_else(|| D::Error::custom(NO_CELL_FORM))
    }
}

impl CellDoc {
    /// The cell `loose` is, if it is one: a scalar, or an object with `value` a scalar, `line`
    /// an unsigned integer and `bytes` two of them, each once (other fields are ignored).
    fn from_loose(loose: Loose) -> Option<CellDoc> {
        let fields = match loose {
            Loose::Scalar(s) => return Some(CellDoc::Scalar(s)),
            Loose::Map(fields) => fields,
            Loose::Seq(_) | Loose::Other => return None,
        };
        let (mut value, mut line, mut bytes) = (None, None, None);
        for (key, field) in fields {
            let slot = match key.as_str() {
                "value" => &mut value,
                "line" => &mut line,
                "bytes" => &mut bytes,
                _ => continue,
            };
            if slot.replace(field).is_some() {
                return None;
            }
        }
        let Some(Loose::Scalar(value)) = value else {
            return None;
        };
        let line = line?.index()?;
        let Some(Loose::Seq(pair)) = bytes else {
            return None;
        };
        let [start, end]: [Loose; 2] = pair.try_into().ok()?;
        Some(CellDoc::Full {
            value,
            line,
            bytes: [start.index()?, end.index()?],
        })
    }
}

/// Any JSON value, read without judging it: scalars as a cell holds them, arrays and objects
/// as their items.
enum Loose {
    Scalar(ScalarDoc),
    Seq(Vec<Loose>),
    Map(Vec<(String, Loose)>),
    /// `true` or `false`.
    Other,
}

impl Loose {
    /// The value as a `usize`, if it is a non-negative integer that fits.
    fn index(self) -> Option<usize> {
        match self {
            Loose::Scalar(ScalarDoc::Unsigned(n)) => usize::try_from(n).ok(),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> serde::de::Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Loose, E> {
        Ok(Loose::Scalar(ScalarDoc::Null))
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Loose, E> {
        Ok(Loose::Scalar(ScalarDoc::Null))
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Loose, E> {
        Ok(Loose::Scalar(ScalarDoc::Unsigned(n)))
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Loose, E> {
        // As untagged tried `u64` before `i64`.
        Ok(Loose::Scalar(match u64::try_from(n) {
            Ok(n) => ScalarDoc::Unsigned(n),
            Err(_) => ScalarDoc::Signed(n),
        }))
    }

    fn visit_f64<E: serde::de::Error>(self, f: f64) -> Result<Loose, E> {
        Ok(Loose::Scalar(ScalarDoc::Float(f)))
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Loose, E> {
        Ok(Loose::Scalar(ScalarDoc::Text(s.to_owned())))
    }

    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Loose, E> {
        Ok(Loose::Scalar(ScalarDoc::Text(s)))
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Loose, E> {
        Ok(Loose::Other)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Loose>()? {
            items.push(item);
        }
        Ok(Loose::Seq(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        let mut fields = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            fields.push((key, map.next_value::<Loose>()?));
        }
        Ok(Loose::Map(fields))
    }
}

#[derive(Serialize, Deserialize)]
struct UnplacedDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    key: String,
    raw: String,
}

type TableDoc = BTreeMap<String, BTreeMap<String, CellDoc>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportDoc {
    issuer: String,
    year: u16,
    #[serde(deserialize_with = "edition_from_str")]
    edition: Edition,
    #[serde(default, deserialize_with = "date_from_str")]
    published: Option<time::Date>,
    #[serde(default, deserialize_with = "kind_from_str")]
    kind: Option<IssuerKind>,
    #[serde(default)]
    overview: Option<String>,
    #[serde(default)]
    problems: Option<String>,
    #[serde(default)]
    other: Option<String>,
    #[serde(default)]
    procurement_unit: Option<String>,
    #[serde(default)]
    proactive: TableDoc,
    #[serde(default)]
    applications: TableDoc,
    #[serde(default)]
    appeals: TableDoc,
    #[serde(default)]
    unplaced: Vec<UnplacedDoc>,
}

fn edition_from_str<'de, D: Deserializer<'de>>(d: D) -> Result<Edition, D::Error> {
    let s = String::deserialize(d)?;
    Edition::from_key(&s).ok_or_else(|| {
        D::Error::custom(format!(
            "expected edition \"2019\" or \"2021\", found \"{s}\""
        ))
    })
}

fn kind_from_str<'de, D: Deserializer<'de>>(d: D) -> Result<Option<IssuerKind>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    s.map(|s| {
        IssuerKind::from_key(&s).ok_or_else(|| {
            D::Error::custom(format!(
                "expected kind \"department\" or \"government\", found \"{s}\""
            ))
        })
    })
    .transpose()
}

fn date_from_str<'de, D: Deserializer<'de>>(d: D) -> Result<Option<time::Date>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    let format = time::macros::format_description!("[year]-[month]-[day]");
    s.map(|s| {
        time::Date::parse(&s, format).map_err(|_| {
            D::Error::custom(format!(
                "expected an ISO date such as 2025-01-20, found \"{s}\""
            ))
        })
    })
    .transpose()
}

fn entry_from(doc: ScalarDoc, address: Address) -> Entry {
    let ty = address.cell_type();
    match doc {
        ScalarDoc::Null => Entry::Blank,
        ScalarDoc::Unsigned(n) => {
            let n = Number::Count(n);
            Entry::Value(n.to_type(ty).unwrap_or(n))
        }
        ScalarDoc::Signed(n) => {
            let n = Number::Change(n);
            Entry::Value(n.to_type(ty).unwrap_or(n))
        }
        ScalarDoc::Float(f) => {
            // A float is never how this crate writes a number; keep its text, exactly as the
            // JSON gave it as far as f64 allows, as an entry to be parsed by type.
            Cell::from_text(&f.to_string(), ty).entry
        }
        ScalarDoc::Text(t) => Cell::from_text(&t, ty).entry,
    }
}

impl ReportDoc {
    fn into_reading(self) -> Reading {
        let mut report = Report::new(self.issuer, self.year, self.edition);
        report.published = self.published;
        report.kind = self.kind;
        report.prose.overview = self.overview;
        report.prose.problems = self.problems;
        report.prose.other = self.other;
        report.procurement_unit = self.procurement_unit;
        report.unplaced = self
            .unplaced
            .into_iter()
            .map(|u| Unplaced {
                line: u.line,
                key: u.key,
                raw: u.raw,
            })
            .collect();
        let mut unknown = Vec::new();
        for (table, doc) in [
            (TableKey::Proactive, self.proactive),
            (TableKey::Applications, self.applications),
            (TableKey::Appeals, self.appeals),
        ] {
            for (row, cells) in doc {
                for (column, cell) in cells {
                    let (scalar, origin) = match cell {
                        CellDoc::Scalar(s) => (s, None),
                        CellDoc::Full { value, line, bytes } => {
                            (value, Some(Origin::text(line, bytes[0]..bytes[1])))
                        }
                    };
                    match Address::from_keys(table.key(), &row, &column) {
                        Some(address) => {
                            let cell = Cell {
                                entry: entry_from(scalar, address),
                                origin,
                            };
                            report.set(address, cell);
                        }
                        None => {
                            let raw = match scalar {
                                ScalarDoc::Null => String::new(),
                                ScalarDoc::Unsigned(n) => n.to_string(),
                                ScalarDoc::Signed(n) => n.to_string(),
                                ScalarDoc::Float(f) => f.to_string(),
                                ScalarDoc::Text(t) => t,
                            };
                            unknown.push((table, row.clone(), column, raw));
                        }
                    }
                }
            }
        }
        let mut reading = Reading::new(report);
        for (table, row, column, raw) in unknown {
            let key = format!("{},{row},{column}", table.key());
            reading.report.unplaced.push(Unplaced {
                line: None,
                key: key.clone(),
                raw: raw.clone(),
            });
            reading.note(
                Rule::ReadUnplaced,
                Location {
                    row: Some(row),
                    column: Some(column),
                    ..Location::table(table.key())
                },
                None,
                format!("{key}：未知的键，其值「{raw}」已原样保留"),
            );
        }
        reading
    }
}

impl<'de> Deserialize<'de> for Report {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(ReportDoc::deserialize(d)?.into_reading().report)
    }
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl Serialize for Location {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("table", &self.table)?;
        if let Some(r) = &self.row {
            m.serialize_entry("row", r)?;
        }
        if let Some(c) = &self.column {
            m.serialize_entry("column", c)?;
        }
        if let Some(l) = self.line {
            m.serialize_entry("line", &l)?;
        }
        if let Some(b) = &self.bytes {
            m.serialize_entry("bytes", &[b.start, b.end])?;
        }
        m.end()
    }
}

impl Serialize for crate::finding::Source {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("line", &self.line)?;
        m.serialize_entry("column", &self.column)?;
        m.serialize_entry("offset", &[self.offset.start, self.offset.end])?;
        m.end()
    }
}

impl Serialize for Operand {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Operand", 2)?;
        m.serialize_field("location", &self.location)?;
        m.serialize_field("value", &self.value)?;
        m.end()
    }
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("rule", &self.rule)?;
        m.serialize_entry("severity", &self.severity)?;
        m.serialize_entry("location", &self.location)?;
        if let Some(e) = &self.expected {
            m.serialize_entry("expected", e)?;
        }
        if let Some(a) = &self.actual {
            m.serialize_entry("actual", a)?;
        }
        if !self.operands.is_empty() {
            m.serialize_entry("operands", &self.operands)?;
        }
        m.serialize_entry("assessable", &self.assessable)?;
        m.serialize_entry("message", &self.message)?;
        m.serialize_entry("fingerprint", &self.fingerprint)?;
        if let Some(src) = &self.source {
            m.serialize_entry("source", src)?;
        }
        m.end()
    }
}

/// The result of checking one file, in the shape of CELLS.md:
/// `{"file", "issuer", "year", "edition", "findings": […]}`.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport<'a> {
    /// The file, as named on the command line.
    pub file: &'a str,
    /// The report's issuer.
    pub issuer: &'a str,
    /// The year reported on.
    pub year: u16,
    /// The edition, `"2019"` or `"2021"`.
    pub edition: &'static str,
    /// Every finding.
    pub findings: &'a [Finding],
}

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

/// The JSON Schema of a report, built from the catalogue: every table, row and column key of
/// both editions, with the official labels as descriptions.
#[cfg(feature = "schema")]
#[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(Report)
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Report {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Report".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::Schema::try_from(crate::schema::report(crate::schema::Draft::Draft2020_12))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test")]

    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::CellDoc as Visited;
    use super::ScalarDoc;

    /// The derived form `CellDoc` replaced, kept to compare with.
    #[derive(Deserialize, Debug)]
    #[serde(untagged)]
    enum CellDoc {
        Scalar(ScalarDoc),
        Full {
            value: ScalarDoc,
            line: usize,
            bytes: [usize; 2],
        },
    }

    impl From<CellDoc> for Visited {
        fn from(u: CellDoc) -> Self {
            match u {
                CellDoc::Scalar(s) => Visited::Scalar(s),
                CellDoc::Full { value, line, bytes } => Visited::Full { value, line, bytes },
            }
        }
    }

    /// The visitor gives what `#[serde(untagged)]` gave: the same cells, and the same error
    /// messages at the same line and column.
    #[test]
    fn cell_doc_as_untagged() {
        let cells = [
            "null",
            "0",
            "7",
            "18446744073709551615",
            "18446744073709551616",
            "-3",
            "-9223372036854775808",
            "1.5",
            "3.0",
            "1e3",
            "\"7730.28\"",
            "\"/\"",
            "\"\"",
            "\"\\u6570\"",
            "true",
            "false",
            "[]",
            "[1, 2, [3, 4]]",
            "[1, 2, [3, 4], 5]",
            "[1, 2]",
            "{}",
            "{\"value\": 3, \"line\": 12, \"bytes\": [340, 343]}",
            "{\"value\": null, \"line\": 1, \"bytes\": [0, 0]}",
            "{\"value\": \"/\", \"line\": 1, \"bytes\": [0, 1], \"other\": [true]}",
            "{\"value\": -1, \"line\": 1, \"bytes\": [0, 1], \"x\": 1, \"x\": 2}",
            "{\"value\": 3, \"line\": 12}",
            "{\"value\": 3, \"value\": 4, \"line\": 12, \"bytes\": [1, 2]}",
            "{\"value\": [3], \"line\": 12, \"bytes\": [1, 2]}",
            "{\"value\": 3, \"line\": -1, \"bytes\": [1, 2]}",
            "{\"value\": 3, \"line\": 1.0, \"bytes\": [1, 2]}",
            "{\"value\": 3, \"line\": 1, \"bytes\": [1, 2, 3]}",
            "{\"value\": 3, \"line\": 1, \"bytes\": {\"a\": 1}}",
            "{\"value\": 3, \"line\": 1, \"bytes\": [1, 2]",
            "[1, 2",
            "tru",
            "\"open",
            "{\"line\": 1, \"bytes\": [1, 2], \"value\": \"x\"}",
            "{\"value\": 3, \"line\": 1, \"bytes\": [1, -2]}",
            "{\"value\": {\"a\": 1}, \"line\": 1, \"bytes\": [1, 2]}",
            "{\"value\": true, \"line\": 1, \"bytes\": [1, 2]}",
            "{\"value\": 1, \"line\": 1, \"bytes\": [1, 2], \"bytes\": [1, 2]}",
            "[[[{\"a\": [null]}]]]",
        ];
        for cell in cells {
            let json = format!("{{\n  \"a\": {cell},\n  \"b\": 1\n}}");
            let new =
                serde_json::from_str::<BTreeMap<String, Visited>>(&json).map_err(|e| e.to_string());
            let old = serde_json::from_str::<BTreeMap<String, CellDoc>>(&json)
                .map(|m| {
                    m.into_iter()
                        .map(|(k, v)| (k, Visited::from(v)))
                        .collect::<BTreeMap<_, _>>()
                })
                .map_err(|e| e.to_string());
            assert_eq!(new, old, "{cell}");
        }
    }
}
