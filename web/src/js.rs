//! The JavaScript bindings: each function takes and returns plain JavaScript values (a report
//! is the object of its JSON) and throws an `Error` with `kind`, `line`, `column`, `offset`.
//!
//! `read` keeps its last few readings, keyed by the report's JSON: `check` of a report exactly
//! as read is then the check of the reading — the reader's notes and every finding located in
//! the source, as `zfxxgk check --format json` gives for the file. A report changed since, or
//! built, is checked from its JSON.

use std::cell::RefCell;

use js_sys::{Error, JSON, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::{Failure, Read, Rendered};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A report: the object of its JSON (see `zfxxgk::json`). */
export type Report = {
  issuer: string; year: number; edition: "2019" | "2021";
  proactive?: Record<string, Record<string, unknown>>;
  applications?: Record<string, Record<string, unknown>>;
  appeals?: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
};
/** A finding, as in a line of `zfxxgk check --format json`. */
export type Finding = {
  rule: string; severity: "error" | "warning" | "info"; assessable: boolean;
  location: { table: string; row?: string; column?: string; line?: number };
  message: string; expected?: string; found?: string;
  source?: { line: number; column: number; offset: [number, number] };
  [field: string]: unknown;
};
/** The layout of an edition: every table, captioned group, row and column. */
export type Catalogue = {
  edition: string; document: string;
  tables: { key: string; label: string; groups: {
    caption?: string;
    rows: { key: string; label: string; group?: string; computed: boolean }[];
    columns: { key: string; label: string; group?: string; type: "count" | "change" | "amount"; computed: boolean }[];
  }[] }[];
};
/** A cell of the official layout: a label, or a data cell with its CELLS.md key. */
export type LayoutCell = { rows: number; cols: number; label: string;
  key?: string; type?: "count" | "change" | "amount"; computed?: boolean };
/** The official tables of an edition, as merged cells (HTML's rowspan/colspan). */
export type Layout = {
  edition: string; headings: string[];
  tables: { key: string; caption: string | null; width: number;
    head: LayoutCell[][]; body: LayoutCell[][] }[];
};
"#;

/// How many readings `read` keeps for `check`.
const KEPT: usize = 4;

thread_local! {
    static READINGS: RefCell<Vec<(String, Read)>> = const { RefCell::new(Vec::new()) };
}

/// The `Error` thrown for `e`.
fn fail(e: &Failure) -> JsValue {
    let error = Error::new(&e.message);
    let set = |name: &str, value: JsValue| {
        // Setting a property of a fresh Error cannot fail; nothing to report if it did.
        let _ = Reflect::set(&error, &JsValue::from_str(name), &value);
    };
    set("kind", JsValue::from_str(e.kind));
    let number = |n: usize| JsValue::from_f64(n as f64);
    if let Some(n) = e.position.line {
        set("line", number(n));
    }
    if let Some(n) = e.position.column {
        set("column", number(n));
    }
    if let Some(n) = e.position.offset {
        set("offset", number(n));
    }
    error.into()
}

fn failed(e: Failure) -> JsValue {
    fail(&e)
}

/// The JSON text of a value (a string is taken as JSON text already).
fn text_of(value: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    JSON::stringify(value).map(String::from)
}

fn object(json: &str) -> Result<JsValue, JsValue> {
    JSON::parse(json)
}

fn report_of(value: &JsValue) -> Result<zfxxgk::Report, JsValue> {
    let json = text_of(value)?;
    Ok(crate::parse_report(&json).map_err(failed)?.report)
}

/// Reads a report from `bytes`. `form` is a shape (`json`, `cells`, `html`, `markdown`,
/// `text`, `xlsx`) or a file name whose extension hints it; without it the shape is detected.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn read(bytes: &[u8], form: Option<String>) -> Result<JsValue, JsValue> {
    let read = crate::read(bytes, form.as_deref()).map_err(failed)?;
    let value = object(&crate::report_json(&read.reading.report).map_err(failed)?)?;
    let key = text_of(&value)?;
    READINGS.with(|kept| {
        let mut kept = kept.borrow_mut();
        kept.retain(|(k, _)| *k != key);
        if kept.len() >= KEPT {
            kept.remove(0);
        }
        kept.push((key, read));
    });
    Ok(value)
}

/// The complete check of `report`: the findings `zfxxgk check --format json` gives.
#[wasm_bindgen(unchecked_return_type = "Finding[]")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
) -> Result<JsValue, JsValue> {
    let json = text_of(&report)?;
    let as_read = READINGS.with(|kept| {
        kept.borrow()
            .iter()
            .find(|(k, _)| *k == json)
            .map(|(_, read)| crate::check_read(read))
    });
    let findings = match as_read {
        Some(f) => f,
        None => crate::parse_report(&json).map_err(failed)?.check(),
    };
    object(&crate::findings_json(&findings).map_err(failed)?)
}

/// A report built from `{issuer, year, edition?, cells}` (`cells`: `"table/row/column"` →
/// figure), every cell not given 0 and every total computed.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn build(
    #[wasm_bindgen(
        unchecked_param_type = "{issuer: string, year: number, edition?: string, cells?: Record<string, number | string>}"
    )]
    spec: JsValue,
) -> Result<JsValue, JsValue> {
    let json = text_of(&spec)?;
    let spec: serde_json::Value = serde_json::from_str(&json).map_err(|e| {
        failed(Failure::new(
            "invalid-argument",
            format!("build：参数不是对象：{e}"),
        ))
    })?;
    let report = crate::build(&spec).map_err(failed)?;
    object(&crate::report_json(&report).map_err(failed)?)
}

/// `report` with the totals of what is typed filled in, blanks kept blank (see
/// [`crate::complete`]); the totals named in `typed` (`table/row/column` keys) are kept as
/// typed and summed as given ([`crate::complete_keeping`]).
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn complete(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
    typed: Option<Vec<String>>,
) -> Result<JsValue, JsValue> {
    let mut report = report_of(&report)?;
    let keep = crate::addresses(typed.as_deref().unwrap_or_default()).map_err(failed)?;
    crate::complete_keeping(&mut report, &keep);
    object(&crate::report_json(&report).map_err(failed)?)
}

/// The `series.*` findings of `reports` as one body's years: one list per report.
#[wasm_bindgen(unchecked_return_type = "Finding[][]")]
pub fn series(
    #[wasm_bindgen(unchecked_param_type = "Report[]")] reports: JsValue,
) -> Result<JsValue, JsValue> {
    let list: js_sys::Array = reports
        .dyn_into()
        .map_err(|_| failed(Failure::new("invalid-argument", "series：参数应为报告数组")))?;
    let reports = list
        .iter()
        .map(|r| report_of(&r))
        .collect::<Result<Vec<_>, _>>()?;
    let found = crate::series(&reports);
    let json =
        serde_json::to_string(&found).map_err(|e| failed(Failure::new("write", e.to_string())))?;
    object(&json)
}

/// `report` rendered as `text`, `md`, `html`, `csv`, `json` (a string) or `xlsx`, `docx`
/// (bytes).
#[wasm_bindgen(unchecked_return_type = "string | Uint8Array")]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
    form: &str,
) -> Result<JsValue, JsValue> {
    let report = report_of(&report)?;
    Ok(match crate::render(&report, form).map_err(failed)? {
        Rendered::Text(t) => JsValue::from_str(&t),
        Rendered::Bytes(b) => Uint8Array::from(b.as_slice()).into(),
    })
}

/// The layout of `edition` (`"2019"`, `"2021"`): every table, captioned group, row and column
/// with key, official label, cell type and whether it is computed.
#[wasm_bindgen(unchecked_return_type = "Catalogue")]
pub fn catalogue(
    #[wasm_bindgen(unchecked_param_type = "string | number")] edition: JsValue,
) -> Result<JsValue, JsValue> {
    let key = match (edition.as_string(), edition.as_f64()) {
        (Some(s), _) => s,
        (None, Some(n)) => format!("{n}"),
        (None, None) => String::new(),
    };
    object(&crate::catalogue_json(&key).map_err(failed)?)
}

/// The official layout of `edition`'s tables: header and body rows of merged cells, each a
/// label or a data cell with its key (see [`crate::layout_json`]).
#[wasm_bindgen(unchecked_return_type = "Layout")]
pub fn layout(
    #[wasm_bindgen(unchecked_param_type = "string | number")] edition: JsValue,
) -> Result<JsValue, JsValue> {
    let key = match (edition.as_string(), edition.as_f64()) {
        (Some(s), _) => s,
        (None, Some(n)) => format!("{n}"),
        (None, None) => String::new(),
    };
    object(&crate::layout_json(&key).map_err(failed)?)
}

/// The version of zfxxgk behind this module.
#[wasm_bindgen]
pub fn version() -> String {
    zfxxgk::contract::VERSION.to_owned()
}
