//! zfxxgk in the browser and in Node.js: the library behind a small JavaScript API, built with
//! wasm-bindgen (`web/build.sh` writes `web/pkg/` for browsers and `web/pkg-node/` for Node).
//!
//! | JavaScript | Rust behind it |
//! |---|---|
//! | `read(bytes, form?) → Report` | [`zfxxgk::read::any`], the report as [`zfxxgk::json::to_string`] writes it |
//! | `check(report) → Finding[]` | [`zfxxgk::Reading::check`], located in the source for a report as read |
//! | `build({issuer, year, edition, cells}) → Report` | [`zfxxgk::ReportBuilder`]: every total computed |
//! | `complete(report, typed?) → Report` | [`complete_keeping`]: the totals of what is typed, blanks kept blank, totals typed by hand kept |
//! | `series(reports) → Finding[][]` | [`zfxxgk::analysis::series::check`] |
//! | `render(report, form) → string \| Uint8Array` | the writers: `text md html csv json xlsx docx` |
//! | `catalogue(edition) → {tables}` | [`zfxxgk::contract::catalogue`] |
//! | `layout(edition) → {headings, tables}` | [`layout_json`]: the official tables as merged cells |
//!
//! A report is a plain object (the report's JSON); a finding is the object of a finding in a
//! line of `zfxxgk check --format json`. An error is a JavaScript `Error` with the `kind`,
//! `line`, `column` and `offset` of the machine interface's error object.
//!
//! This module holds the API as Rust functions over JSON text (tested on any target); the
//! JavaScript bindings are thin wrappers in [`js`].

use zfxxgk::catalogue::{AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, Edition};
use zfxxgk::cell::{Cell, Number};
use zfxxgk::contract::{self, InputError};
use zfxxgk::detect::Shape;
use zfxxgk::{Address, Finding, Reading, Report, ReportBuilder};

pub mod js;

/// Why a call failed: the machine interface's error (`kind`, message, position).
pub type Failure = InputError;

/// A report read from bytes: the reading (the report and the reader's notes) and the text the
/// reader's positions point into, if the input is text.
#[derive(Debug, Clone)]
pub struct Read {
    /// The reading.
    pub reading: Reading,
    /// The input as decoded, for the shapes read as text.
    pub text: Option<String>,
}

/// The shape `form` names: a shape key (`json`, `cells`, `html`, `markdown`, `text`, `xlsx`),
/// else a file name whose extension hints the shape, else detected from the content.
#[cfg(feature = "text")]
pub fn shape_of(bytes: &[u8], form: Option<&str>) -> Shape {
    match form.map(str::trim).filter(|f| !f.is_empty()) {
        Some(f) => Shape::from_key(f).unwrap_or_else(|| zfxxgk::detect::shape(bytes, Some(f))),
        None => zfxxgk::detect::shape(bytes, None),
    }
}

/// The shape `form` names in the core, which reads JSON and cells CSV only: a shape key or a
/// file name's extension (`json`, `cells`/`csv`; the others name the shape the core then
/// refuses), else JSON when the content starts with `{`, else cells CSV. (The library's
/// detection would link every reader in.)
#[cfg(not(feature = "text"))]
pub fn shape_of(bytes: &[u8], form: Option<&str>) -> Shape {
    let hint = form.map(str::trim).unwrap_or_default().to_ascii_lowercase();
    match hint.rsplit('.').next().unwrap_or_default() {
        "json" => return Shape::Json,
        "cells" | "csv" => return Shape::CellsCsv,
        "html" | "htm" => return Shape::Html,
        "md" | "markdown" => return Shape::Markdown,
        "text" | "txt" => return Shape::Text,
        "xlsx" => return Shape::Xlsx,
        "docx" => return Shape::Docx,
        "pdf" => return Shape::Pdf,
        _ => {}
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Shape::Json,
        _ => Shape::CellsCsv,
    }
}

/// Reads `bytes` in the shape `form` names (see [`shape_of`]).
///
/// # Errors
///
/// The reader's error, as the machine interface states it.
pub fn read(bytes: &[u8], form: Option<&str>) -> Result<Read, Failure> {
    let shape = shape_of(bytes, form);
    let reading = read_shape(bytes, shape).map_err(|e| InputError::read(&e))?;
    Ok(Read {
        text: contract::source_text(bytes, shape),
        reading,
    })
}

/// Every reader of the library ([`zfxxgk::read::any`]).
#[cfg(feature = "text")]
fn read_shape(bytes: &[u8], shape: Shape) -> Result<Reading, zfxxgk::ReadError> {
    zfxxgk::read::any(bytes, Some(shape))
}

/// The core reads JSON and cells CSV only, so that the other readers are not linked in.
#[cfg(not(feature = "text"))]
fn read_shape(bytes: &[u8], shape: Shape) -> Result<Reading, zfxxgk::ReadError> {
    match shape {
        Shape::Json => zfxxgk::json::read_bytes(bytes),
        Shape::CellsCsv => zfxxgk::cells::read_bytes(bytes),
        other => Err(zfxxgk::ReadError::Unsupported {
            shape: other.key(),
            why: "this build reads JSON and cells CSV only (features `text`, `readers`, `docx` off)",
        }),
    }
}

/// The report's JSON, as [`zfxxgk::json::to_string`] writes it.
///
/// # Errors
///
/// `write` when the report cannot be serialised.
pub fn report_json(report: &Report) -> Result<String, Failure> {
    zfxxgk::json::to_string(report).map_err(|e| InputError::new("write", e.to_string()))
}

/// Reads a report from its JSON.
///
/// # Errors
///
/// `json` with the line and column where the text is not a report's JSON.
pub fn parse_report(json: &str) -> Result<Reading, Failure> {
    zfxxgk::json::read(json).map_err(|e| InputError::read(&e))
}

/// The complete check of a read report: the reader's notes, the rules and the prose checks,
/// each located in `text` when the input was text — exactly the findings of
/// [`zfxxgk::contract::check`].
pub fn check_read(read: &Read) -> Vec<Finding> {
    let mut findings = read.reading.check();
    if let Some(text) = &read.text {
        contract::locate(&mut findings, &read.reading.report, text);
    }
    findings
}

/// The findings as a JSON array of finding objects.
///
/// # Errors
///
/// `write` when a finding cannot be serialised.
pub fn findings_json(findings: &[Finding]) -> Result<String, Failure> {
    serde_json::to_string(findings).map_err(|e| InputError::new("write", e.to_string()))
}

/// The edition named by `key` (`2019`, `2021`).
///
/// # Errors
///
/// `invalid-argument` for anything else.
pub fn edition(key: &str) -> Result<Edition, Failure> {
    Edition::from_key(key.trim()).ok_or_else(|| {
        InputError::new(
            "invalid-argument",
            format!("版式 `{key}` 不存在：应为 2019 或 2021"),
        )
    })
}

/// The layout of the edition `key` as JSON (see [`zfxxgk::contract::catalogue`]).
///
/// # Errors
///
/// `invalid-argument` for an unknown edition.
pub fn catalogue_json(key: &str) -> Result<String, Failure> {
    let c = contract::catalogue(edition(key)?);
    serde_json::to_string(&c).map_err(|e| InputError::new("write", e.to_string()))
}

/// The official layout of the edition `key` as JSON, for a page that draws the tables:
/// `{edition, headings, tables: [{key, caption?, width, head, body}]}` where `head` and `body`
/// are rows of the cells that start in them, left to right (as HTML lists them), each
/// `{label, rows, cols}` for a header or row label or `{key, label, type, computed, rows, cols}`
/// for a data cell (`key` the CELLS.md `table/row/column`, `label` the cell's official labels
/// as a message names it). It is the layout every writer of the library walks
/// ([`zfxxgk::render::layout`]), for the rows of the edition.
///
/// # Errors
///
/// `invalid-argument` for an unknown edition.
pub fn layout_json(key: &str) -> Result<String, Failure> {
    use serde_json::{Value, json};
    use zfxxgk::render::layout::{self, Block, Content, Span};
    let edition = edition(key)?;
    let year = if edition == Edition::E2019 {
        2020
    } else {
        2021
    };
    let report = Report::new("", year, edition);
    let computed = |a: Address| match a {
        Address::Applications(r, c) => {
            c == ApplicantColumn::Total
                || matches!(r, ApplicationRow::Total | ApplicationRow::CarriedForward)
        }
        Address::Appeals(_, c) => c == AppealColumn::Total,
        _ => false,
    };
    let span = |s: &Span| match s.content {
        Content::Label(text) => json!({"label": text, "rows": s.rows, "cols": s.cols}),
        Content::Data(a) => json!({
            "key": a.to_string(),
            "label": a.describe(edition),
            "type": type_key(a.cell_type()),
            "computed": computed(a),
            "rows": s.rows,
            "cols": s.cols,
        }),
    };
    let rows = |rows: &[Vec<Span>]| -> Value {
        rows.iter()
            .map(|r| r.iter().map(span).collect::<Vec<_>>())
            .collect()
    };
    let mut headings = Vec::new();
    let mut tables = Vec::new();
    for block in layout::blocks(&report) {
        match block {
            Block::Heading(_, text) => headings.push(text),
            Block::Table(t) => tables.push(json!({
                "key": t.key.key(),
                "caption": t.caption,
                "width": t.width,
                "head": rows(&t.head),
                "body": rows(&t.body),
            })),
            Block::Prose(_) => {}
        }
    }
    let out = json!({"edition": edition.key(), "headings": headings, "tables": tables});
    serde_json::to_string(&out).map_err(|e| InputError::new("write", e.to_string()))
}

/// The key of a cell type, as the catalogue writes it.
fn type_key(t: zfxxgk::CellType) -> &'static str {
    match t {
        zfxxgk::CellType::Change => "change",
        zfxxgk::CellType::Amount => "amount",
        _ => "count",
    }
}

fn invalid(message: String) -> Failure {
    InputError::new("invalid-argument", message)
}

/// Builds a report from `{issuer, year, edition?, cells}` where `cells` maps
/// `table/row/column` keys to figures (numbers, or strings such as `"7730.28"`). Every cell not
/// given is 0 and every total is computed ([`ReportBuilder`]); the edition follows the year
/// when not given.
///
/// # Errors
///
/// `invalid-argument` for a missing issuer or year, an unknown key, a figure not of its cell's
/// type; `build` for what the builder refuses (a computed cell given, an unbalanced
/// 结转下年度继续办理, an overflow).
pub fn build(spec: &serde_json::Value) -> Result<Report, Failure> {
    let issuer = spec
        .get("issuer")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| invalid("build：缺少 issuer（报告机关）".to_owned()))?;
    let year = spec
        .get("year")
        .and_then(serde_json::Value::as_u64)
        .and_then(|y| u16::try_from(y).ok())
        .ok_or_else(|| invalid("build：缺少 year（报告年度）".to_owned()))?;
    let edition = match spec.get("edition") {
        None | Some(serde_json::Value::Null) => Edition::for_year(year),
        Some(serde_json::Value::String(s)) => edition(s)?,
        Some(serde_json::Value::Number(n)) => edition(&n.to_string())?,
        Some(other) => {
            return Err(invalid(format!(
                "build：edition `{other}` 应为 2019 或 2021"
            )));
        }
    };
    let mut builder = ReportBuilder::new(issuer, year, edition);
    let mut applications: Vec<(ApplicationRow, [u64; 6])> = Vec::new();
    let mut appeals: Vec<(AppealRow, [u64; 4])> = Vec::new();
    let empty = serde_json::Map::new();
    let cells = match spec.get("cells") {
        None | Some(serde_json::Value::Null) => &empty,
        Some(serde_json::Value::Object(m)) => m,
        Some(_) => {
            return Err(invalid(
                "build：cells 应为 {\"表/行/列\": 数值} 对象".to_owned(),
            ));
        }
    };
    for (key, value) in cells {
        let address = address_of(key)?;
        let text = match value {
            serde_json::Value::Null => continue,
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(s) if s.trim().is_empty() => continue,
            serde_json::Value::String(s) => s.clone(),
            other => return Err(invalid(format!("{key}：`{other}` 不是数值"))),
        };
        let number = Number::parse(&text, address.cell_type())
            .ok_or_else(|| invalid(format!("{key}：`{text}` 不是该单元格类型的数值")))?;
        match address {
            Address::Proactive(row, column) => builder = builder.proactive(row, column, number),
            Address::Applications(row, column) => {
                let i = part_index(ApplicantColumn::PARTS, column).ok_or_else(|| computed(key))?;
                let n = number.as_count().ok_or_else(|| computed(key))?;
                let slot = match applications.iter_mut().find(|(r, _)| *r == row) {
                    Some((_, counts)) => counts,
                    None => {
                        applications.push((row, [0; 6]));
                        match applications.last_mut() {
                            Some((_, counts)) => counts,
                            None => continue,
                        }
                    }
                };
                if let Some(s) = slot.get_mut(i) {
                    *s = n;
                }
            }
            Address::Appeals(row, column) => {
                let i = part_index(AppealColumn::PARTS, column).ok_or_else(|| computed(key))?;
                let n = number.as_count().ok_or_else(|| computed(key))?;
                let slot = match appeals.iter_mut().find(|(r, _)| *r == row) {
                    Some((_, counts)) => counts,
                    None => {
                        appeals.push((row, [0; 4]));
                        match appeals.last_mut() {
                            Some((_, counts)) => counts,
                            None => continue,
                        }
                    }
                };
                if let Some(s) = slot.get_mut(i) {
                    *s = n;
                }
            }
            _ => return Err(invalid(format!("`{key}` 不是可填报的单元格"))),
        }
    }
    for (row, counts) in applications {
        builder = builder.applications(row, counts);
    }
    for (row, counts) in appeals {
        builder = builder.appeals(row, counts);
    }
    builder
        .build()
        .map_err(|e| InputError::new("build", e.to_string()))
}

fn computed(key: &str) -> Failure {
    invalid(format!("{key}：总计由 build 计算，不能给出"))
}

fn part_index<T: PartialEq>(parts: &[T], column: T) -> Option<usize> {
    parts.iter().position(|c| *c == column)
}

fn address_of(key: &str) -> Result<Address, Failure> {
    let mut it = key.split('/');
    let found = match (it.next(), it.next(), it.next(), it.next()) {
        (Some(t), Some(r), Some(c), None) => Address::from_keys(t, r, c),
        _ => None,
    };
    found.ok_or_else(|| invalid(format!("`{key}` 不是“表/行/列”单元格键（见 CELLS.md）")))
}

/// Fills the totals of what is typed, for a form while it is filled in: 总计 of each row of
/// section 三 and of each block of section 四 (the sum of its parts), the row （七）总计 (the sum
/// of the outcome rows) and 结转下年度继续办理 (本年新收 + 上年结转 − （七）总计). A total whose
/// parts are all blank stays blank; a part that is not a count (a mark, text) counts as 0;
/// 结转下年度继续办理 stays blank where the balance would be negative (the check then says
/// why). Every other cell is kept as it is.
pub fn complete(report: &mut Report) {
    complete_keeping(report, &[]);
}

/// [`complete`], except that the totals in `keep` (typed by hand) are kept as they are and
/// count as given in the totals computed from them: a typed （七）总计 gives 结转下年度继续办理,
/// a typed 结转下年度继续办理 of a column goes into the row's 总计.
pub fn complete_keeping(report: &mut Report, keep: &[Address]) {
    let rows = report.application_rows();
    let count = |cell: Option<&Cell>| -> Option<u64> {
        match cell {
            Some(c) if !c.is_blank() => Some(c.number().and_then(Number::as_count).unwrap_or(0)),
            _ => None,
        }
    };
    let sum = |acc: Option<u64>, n: Option<u64>| match (acc, n) {
        (None, n) => n,
        (Some(a), None) => Some(a),
        (Some(a), Some(b)) => Some(a.saturating_add(b)),
    };
    let value = |n: Option<u64>| n.map_or_else(Cell::blank, Cell::value);
    let kept = |row, column| keep.contains(&Address::Applications(row, column));
    // Outcome rows' totals first, then （七）总计, then 结转, then the row totals of those.
    for &column in ApplicantColumn::PARTS {
        let mut outcomes = None;
        let mut inflow = None;
        for &row in &rows {
            let n = count(report.applications.get(row, column));
            if row.is_outcome() {
                outcomes = sum(outcomes, n);
            } else if matches!(row, ApplicationRow::Received | ApplicationRow::CarriedOver) {
                inflow = sum(inflow, n);
            }
        }
        if !kept(ApplicationRow::Total, column) {
            report
                .applications
                .set(ApplicationRow::Total, column, value(outcomes));
        }
        let decided = count(report.applications.get(ApplicationRow::Total, column));
        let forward = match (inflow, decided) {
            (None, None) => None,
            (i, o) => i.unwrap_or(0).checked_sub(o.unwrap_or(0)),
        };
        if !kept(ApplicationRow::CarriedForward, column) {
            report
                .applications
                .set(ApplicationRow::CarriedForward, column, value(forward));
        }
    }
    for &row in &rows {
        if kept(row, ApplicantColumn::Total) {
            continue;
        }
        let total = ApplicantColumn::PARTS
            .iter()
            .map(|&c| count(report.applications.get(row, c)))
            .fold(None, sum);
        report
            .applications
            .set(row, ApplicantColumn::Total, value(total));
    }
    for &row in AppealRow::ALL {
        if keep.contains(&Address::Appeals(row, AppealColumn::Total)) {
            continue;
        }
        let total = AppealColumn::PARTS
            .iter()
            .map(|&c| count(report.appeals.get(row, c)))
            .fold(None, sum);
        report.appeals.set(row, AppealColumn::Total, value(total));
    }
}

/// The cell addresses of `keys` (`table/row/column`, CELLS.md).
///
/// # Errors
///
/// `invalid-argument` for a key that names no cell.
pub fn addresses(keys: &[String]) -> Result<Vec<Address>, Failure> {
    keys.iter().map(|k| address_of(k)).collect()
}

/// The findings across `reports` as one body's series (`series.*`): one list per report, in
/// the order given.
pub fn series(reports: &[Report]) -> Vec<Vec<Finding>> {
    let names: Vec<String> = reports
        .iter()
        .map(|r| format!("{}年度报告", r.year))
        .collect();
    let input: Vec<(&str, &Report)> = names.iter().map(String::as_str).zip(reports).collect();
    let mut out: Vec<Vec<Finding>> = reports.iter().map(|_| Vec::new()).collect();
    for sf in zfxxgk::analysis::series::check(&input) {
        if let Some(list) = out.get_mut(sf.file) {
            list.push(sf.finding);
        }
    }
    out
}

/// A rendering: text, or the bytes of a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    /// `text`, `md`, `html`, `csv`, `json`.
    Text(String),
    /// `xlsx`, `docx`.
    Bytes(Vec<u8>),
}

/// Renders `report` in `form`: `text`, `md` (`markdown`), `html`, `csv` (`cells`), `json`,
/// `xlsx`, `docx`.
///
/// # Errors
///
/// `invalid-argument` for an unknown form; `write` when the writer fails; `unsupported-shape`
/// for `xlsx` in a build without the readers, `docx` in a build without feature `docx`.
pub fn render(report: &Report, form: &str) -> Result<Rendered, Failure> {
    let write = |e: zfxxgk::WriteError| InputError::new("write", e.to_string());
    Ok(match form.trim() {
        "text" | "txt" => Rendered::Text(zfxxgk::render::text::to_string(report)),
        "md" | "markdown" => Rendered::Text(zfxxgk::render::markdown::to_string(report)),
        "html" => Rendered::Text(zfxxgk::render::html::to_string(report)),
        "csv" | "cells" => Rendered::Text(zfxxgk::cells::to_string(report).map_err(write)?),
        "json" => Rendered::Text(report_json(report)?),
        "xlsx" => Rendered::Bytes(xlsx(report)?),
        "docx" => Rendered::Bytes(docx(report)?),
        other => {
            return Err(invalid(format!(
                "render：不认识的形式 `{other}`（text md html csv json xlsx docx）"
            )));
        }
    })
}

#[cfg(feature = "readers")]
fn xlsx(report: &Report) -> Result<Vec<u8>, Failure> {
    zfxxgk::xlsx::to_bytes(report).map_err(|e| InputError::new("write", e.to_string()))
}

#[cfg(not(feature = "readers"))]
fn xlsx(_: &Report) -> Result<Vec<u8>, Failure> {
    Err(InputError::new(
        "unsupported-shape",
        "this build lacks the XLSX writer (feature `readers`)",
    ))
}

#[cfg(feature = "docx")]
fn docx(report: &Report) -> Result<Vec<u8>, Failure> {
    zfxxgk::docx::to_bytes(report).map_err(|e| InputError::new("write", e.to_string()))
}

#[cfg(not(feature = "docx"))]
fn docx(_: &Report) -> Result<Vec<u8>, Failure> {
    Err(InputError::new(
        "unsupported-shape",
        "this build lacks the DOCX writer (feature `docx`)",
    ))
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::panic,
        reason = "test"
    )]

    use super::*;

    const SEED: &str = include_str!("../../examples/data/pengyang-2020.cells.csv");

    #[test]
    fn check_of_a_read_report_is_the_contract_line() {
        let r = read(SEED.as_bytes(), Some("seed.csv")).unwrap();
        let line = contract::check("seed.csv", SEED.as_bytes(), None);
        assert_eq!(check_read(&r), line.findings());
        assert!(r.text.is_some());
    }

    #[test]
    fn read_errors_carry_the_kind() {
        let e = read(b"nothing here", Some("text")).unwrap_err();
        let want = if cfg!(feature = "text") {
            "not-a-report"
        } else {
            "unsupported-shape"
        };
        assert_eq!(e.kind, want);
        let e = read(b"{\"issuer\": 3", Some("json")).unwrap_err();
        assert_eq!(e.kind, "syntax");
        assert_eq!(e.position.line, Some(1));
    }

    #[test]
    fn build_computes_every_total() {
        let spec = serde_json::json!({
            "issuer": "某县某局", "year": 2024,
            "cells": {
                "applications/received/natural_person": 3,
                "applications/received/other": 2,
                "applications/granted/natural_person": 2,
                "appeals/review/upheld": 1,
                "appeals/review/corrected": "2",
            }
        });
        let r = build(&spec).unwrap();
        assert_eq!(r.edition, Edition::E2021);
        let n = |row, col| r.applications.number(row, col).and_then(Number::as_count);
        assert_eq!(n(ApplicationRow::Received, ApplicantColumn::Total), Some(5));
        assert_eq!(n(ApplicationRow::Total, ApplicantColumn::Total), Some(2));
        assert_eq!(
            n(ApplicationRow::CarriedForward, ApplicantColumn::Total),
            Some(3)
        );
        assert_eq!(
            r.appeals.number(AppealRow::Review, AppealColumn::Total),
            Some(Number::Count(3))
        );
        let bad = serde_json::json!({"issuer": "x", "year": 2024,
            "cells": {"applications/total/natural_person": 1}});
        assert_eq!(build(&bad).unwrap_err().kind, "build");
        let bad = serde_json::json!({"issuer": "x", "year": 2024,
            "cells": {"applications/received/total": 1}});
        assert_eq!(build(&bad).unwrap_err().kind, "invalid-argument");
        let bad = serde_json::json!({"issuer": "x", "year": 2024, "cells": {"nope/a/b": 1}});
        assert_eq!(build(&bad).unwrap_err().kind, "invalid-argument");
    }

    #[test]
    fn complete_fills_totals_and_keeps_blanks() {
        let mut r = Report::new("x", 2024, Edition::E2021);
        let c = ApplicantColumn::NaturalPerson;
        r.applications
            .set(ApplicationRow::Received, c, Cell::value(5u64));
        r.applications
            .set(ApplicationRow::CarriedOver, c, Cell::value(1u64));
        r.applications
            .set(ApplicationRow::Granted, c, Cell::value(4u64));
        complete(&mut r);
        let n = |row, col| r.applications.number(row, col).and_then(Number::as_count);
        assert_eq!(n(ApplicationRow::Total, c), Some(4));
        assert_eq!(n(ApplicationRow::CarriedForward, c), Some(2));
        assert_eq!(n(ApplicationRow::Received, ApplicantColumn::Total), Some(5));
        // A column nobody typed in stays blank, totals included.
        let other = ApplicantColumn::Other;
        assert!(
            r.applications
                .get(ApplicationRow::Total, other)
                .is_none_or(Cell::is_blank)
        );
        assert!(
            r.appeals
                .get(AppealRow::Review, AppealColumn::Total)
                .is_none_or(Cell::is_blank)
        );
        // More decided than came in: 结转 stays blank.
        r.applications
            .set(ApplicationRow::Granted, c, Cell::value(9u64));
        complete(&mut r);
        assert!(
            r.applications
                .get(ApplicationRow::CarriedForward, c)
                .is_none_or(Cell::is_blank)
        );
    }

    #[test]
    fn complete_keeps_typed_totals_and_sums_them() {
        let mut r = Report::new("x", 2024, Edition::E2021);
        let c = ApplicantColumn::NaturalPerson;
        r.applications
            .set(ApplicationRow::Received, c, Cell::value(5u64));
        r.applications
            .set(ApplicationRow::Granted, c, Cell::value(1u64));
        r.applications
            .set(ApplicationRow::CarriedForward, c, Cell::value(7u64));
        r.applications.set(
            ApplicationRow::Total,
            ApplicantColumn::Commercial,
            Cell::value(2u64),
        );
        let keep = addresses(&[
            "applications/carried_forward/natural_person".to_owned(),
            "applications/total/commercial".to_owned(),
        ])
        .unwrap();
        complete_keeping(&mut r, &keep);
        let n = |row, col| r.applications.number(row, col).and_then(Number::as_count);
        assert_eq!(n(ApplicationRow::CarriedForward, c), Some(7));
        assert_eq!(
            n(ApplicationRow::CarriedForward, ApplicantColumn::Total),
            Some(7)
        );
        assert_eq!(n(ApplicationRow::Total, ApplicantColumn::Total), Some(3));
        // A typed （七）总计 with nothing coming in: 结转 would be negative, so blank.
        assert_eq!(
            n(ApplicationRow::Total, ApplicantColumn::Commercial),
            Some(2)
        );
        assert!(
            r.applications
                .get(ApplicationRow::CarriedForward, ApplicantColumn::Commercial)
                .is_none_or(Cell::is_blank)
        );
        assert_eq!(
            addresses(&["x/y/z".to_owned()]).unwrap_err().kind,
            "invalid-argument"
        );
    }

    #[test]
    fn render_writes_each_form() {
        let r = read(SEED.as_bytes(), None).unwrap().reading.report;
        match render(&r, "csv").unwrap() {
            Rendered::Text(t) => assert_eq!(zfxxgk::cells::read(&t).unwrap().report, r),
            Rendered::Bytes(_) => panic!("csv is text"),
        }
        assert!(matches!(render(&r, "html").unwrap(), Rendered::Text(t) if t.contains("<table")));
        assert_eq!(render(&r, "pdf").unwrap_err().kind, "invalid-argument");
    }

    #[test]
    fn series_reports_the_carry_over() {
        let last = read(SEED.as_bytes(), None).unwrap().reading.report;
        let mut this = last.clone();
        this.year = 2021;
        this.edition = Edition::E2021;
        this.applications.set(
            ApplicationRow::CarriedOver,
            ApplicantColumn::NaturalPerson,
            Cell::value(999u64),
        );
        let found = series(&[last, this]);
        assert_eq!(found.len(), 2);
        // Across editions the comparison is stated but not assessed; it names the cell.
        assert!(found[1].iter().any(|f| f.rule.id() == "series.carry-over"
            && f.location.column.as_deref() == Some("natural_person")));
        assert!(
            found[0]
                .iter()
                .all(|f| f.rule.id() != "series.carry-over" || !f.assessable)
        );
    }

    #[test]
    fn layout_lists_every_cell_of_the_edition_once() {
        for edition in Edition::ALL {
            let l: serde_json::Value =
                serde_json::from_str(&layout_json(edition.key()).unwrap()).unwrap();
            let mut keys: Vec<String> = Vec::new();
            for t in l["tables"].as_array().unwrap() {
                for row in t["head"].as_array().unwrap() {
                    assert!(
                        row.as_array()
                            .unwrap()
                            .iter()
                            .all(|c| c.get("key").is_none())
                    );
                }
                for row in t["body"].as_array().unwrap() {
                    for c in row.as_array().unwrap() {
                        if let Some(k) = c["key"].as_str() {
                            keys.push(k.to_owned());
                        }
                    }
                }
            }
            let report = Report::new("x", 2024, *edition);
            let mut want: Vec<String> =
                report.addresses().iter().map(ToString::to_string).collect();
            want.sort();
            keys.sort();
            assert_eq!(keys, want, "{edition:?}");
            assert_eq!(l["headings"].as_array().unwrap().len(), 6);
        }
        let l: serde_json::Value = serde_json::from_str(&layout_json("2021").unwrap()).unwrap();
        let apps = &l["tables"].as_array().unwrap()[l["tables"].as_array().unwrap().len() - 2];
        assert_eq!(apps["key"], "applications");
        // The note over the label columns spans three rows and three columns.
        assert_eq!(apps["head"][0][0]["rows"], 3);
        assert_eq!(apps["head"][0][0]["cols"], 3);
        let first = &apps["body"][0];
        let cell = first.as_array().unwrap().last().unwrap();
        assert_eq!(cell["key"], "applications/received/total");
        assert_eq!(cell["computed"], true);
        assert_eq!(layout_json("1999").unwrap_err().kind, "invalid-argument");
    }

    #[cfg(feature = "docx")]
    #[test]
    fn docx_renders_and_reads_back() {
        let r = read(SEED.as_bytes(), None).unwrap().reading.report;
        let Rendered::Bytes(b) = render(&r, "docx").unwrap() else {
            panic!("docx is bytes")
        };
        let back = read(&b, Some("docx")).unwrap().reading.report;
        // The same cells (positions differ: they point into the document).
        assert_eq!(
            zfxxgk::cells::to_string(&back).unwrap(),
            zfxxgk::cells::to_string(&r).unwrap()
        );
    }

    #[cfg(not(feature = "text"))]
    #[test]
    fn the_core_reads_json_and_cells() {
        assert_eq!(shape_of(SEED.as_bytes(), None), Shape::CellsCsv);
        assert_eq!(shape_of(b"\xef\xbb\xbf {\"issuer\"", None), Shape::Json);
        assert_eq!(shape_of(b"", Some("a.JSON")), Shape::Json);
        assert_eq!(shape_of(b"{", Some("cells")), Shape::CellsCsv);
        let r = read(SEED.as_bytes(), None).unwrap().reading.report;
        let json = report_json(&r).unwrap();
        assert_eq!(read(json.as_bytes(), None).unwrap().reading.report, r);
        let e = read(b"<html></html>", Some("page.html")).unwrap_err();
        assert_eq!(e.kind, "unsupported-shape");
        assert_eq!(render(&r, "xlsx").unwrap_err().kind, "unsupported-shape");
        assert_eq!(render(&r, "docx").unwrap_err().kind, "unsupported-shape");
    }

    #[test]
    fn catalogue_of_an_edition() {
        let c: serde_json::Value = serde_json::from_str(&catalogue_json("2021").unwrap()).unwrap();
        assert_eq!(c["tables"].as_array().unwrap().len(), 3);
        assert_eq!(catalogue_json("2020").unwrap_err().kind, "invalid-argument");
    }
}
