//! JSON Schemas of what this crate writes: a report ([`report`], the form of [`crate::json`])
//! and a line of the machine interface ([`line()`], the form of [`crate::contract::Line`]), in
//! draft 2020-12 or, for the validators much government IT runs, draft-07.
//!
//! Both are built from the catalogue: every table, row and column key of both editions, with
//! the official labels as titles. Shared shapes are written once under `$defs` (draft-07:
//! `definitions`) and referred to. The report schema refuses what the JSON reader refuses or
//! reports: an unknown row or column key, a negative count.
//!
//! ```
//! use zfxxgk::schema::{self, Draft};
//!
//! let s = schema::report(Draft::Draft7);
//! assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
//! assert!(s["definitions"]["count"].is_object());
//! let l = schema::line(Draft::Draft2020_12);
//! assert!(l["$defs"]["finding"]["properties"]["source"].is_object());
//! ```

use serde_json::{Map, Value, json};

use crate::catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, CellType, ProactiveColumn,
    ProactiveRow,
};
use crate::finding::{Rule, Severity};

/// Which JSON Schema dialect to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Draft {
    /// Draft 2020-12 (`$defs`), the current one.
    #[default]
    Draft2020_12,
    /// Draft-07 (`definitions`), which most Java validators support.
    Draft7,
}

impl Draft {
    /// The dialect's `$schema` URI.
    pub const fn uri(self) -> &'static str {
        match self {
            Draft::Draft2020_12 => "https://json-schema.org/draft/2020-12/schema",
            Draft::Draft7 => "http://json-schema.org/draft-07/schema#",
        }
    }

    /// Where shared definitions go: `$defs` or `definitions`.
    const fn defs(self) -> &'static str {
        match self {
            Draft::Draft2020_12 => "$defs",
            Draft::Draft7 => "definitions",
        }
    }

    fn reference(self, name: &str) -> Value {
        json!({"$ref": format!("#/{}/{name}", self.defs())})
    }
}

/// A cell of type `number` (a JSON scalar schema): null = blank, a number of the type, a string
/// (an amount, a mark or invalid text kept as written), or an object with where it was read.
fn cell(number: Value) -> Value {
    json!({
        "anyOf": [
            {"type": "null"},
            number,
            {"type": "string"},
            {"type": "object", "required": ["value"], "properties": {
                "value": {"anyOf": [{"type": "null"}, number, {"type": "string"}]},
                "line": {"type": "integer", "minimum": 1},
                "bytes": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2},
                "page": {"type": "integer", "minimum": 1},
                "box": {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4}
            }}
        ]
    })
}

fn cell_def(ty: CellType) -> &'static str {
    match ty {
        CellType::Count => "count",
        CellType::Change => "change",
        CellType::Amount => "amount",
    }
}

/// A table's schema: an object of rows, each an object of cells; no other keys.
fn table(draft: Draft, rows: Vec<(&str, String)>, cols: &[(&str, String, CellType)]) -> Value {
    let mut row_props = Map::new();
    for (row, label) in rows {
        let mut col_props = Map::new();
        for (col, col_label, ty) in cols {
            let mut c = draft.reference(cell_def(*ty));
            if let (Some(o), Draft::Draft2020_12) = (c.as_object_mut(), draft) {
                // Beside `$ref`, draft-07 ignores every other keyword; 2020-12 keeps them.
                o.insert("title".into(), Value::String(col_label.clone()));
            }
            col_props.insert((*col).to_owned(), c);
        }
        row_props.insert(
            row.to_owned(),
            json!({"type": "object", "title": label, "properties": col_props, "additionalProperties": false}),
        );
    }
    json!({"type": "object", "properties": row_props, "additionalProperties": false})
}

/// The JSON Schema of a report as [`crate::json`] writes and reads it.
pub fn report(draft: Draft) -> Value {
    let mut doc = report_body(draft);
    if let Some(o) = doc.as_object_mut() {
        o.insert("$schema".into(), Value::String(draft.uri().to_owned()));
        o.insert(draft.defs().into(), Value::Object(report_defs()));
    }
    doc
}

fn report_defs() -> Map<String, Value> {
    let mut defs = Map::new();
    defs.insert(
        "count".into(),
        cell(json!({"type": "integer", "minimum": 0})),
    );
    defs.insert("change".into(), cell(json!({"type": "integer"})));
    defs.insert(
        "amount".into(),
        cell(json!({"type": "number", "minimum": 0})),
    );
    defs
}

fn report_body(draft: Draft) -> Value {
    let proactive_cols: Vec<(&str, String, CellType)> = ProactiveColumn::ALL
        .iter()
        .map(|c| (c.key(), c.label().to_owned(), c.cell_type()))
        .collect();
    let proactive = table(
        draft,
        ProactiveRow::ALL
            .iter()
            .map(|r| (r.key(), r.label().to_owned()))
            .collect(),
        &proactive_cols,
    );
    let applicant_cols: Vec<(&str, String, CellType)> = ApplicantColumn::ALL
        .iter()
        .map(|c| (c.key(), c.full_label(), CellType::Count))
        .collect();
    let applications = table(
        draft,
        ApplicationRow::ALL
            .iter()
            .map(|r| (r.key(), r.full_label()))
            .collect(),
        &applicant_cols,
    );
    let appeal_cols: Vec<(&str, String, CellType)> = AppealColumn::ALL
        .iter()
        .map(|c| (c.key(), c.label().to_owned(), CellType::Count))
        .collect();
    let appeals = table(
        draft,
        AppealRow::ALL
            .iter()
            .map(|r| (r.key(), r.full_label()))
            .collect(),
        &appeal_cols,
    );
    json!({
        "title": "政府信息公开工作年度报告",
        "type": "object",
        "required": ["issuer", "year", "edition"],
        "additionalProperties": false,
        "properties": {
            "issuer": {"type": "string", "description": "发布机关"},
            "year": {"type": "integer", "minimum": 0, "maximum": 65535, "description": "报告年度"},
            "edition": {"enum": ["2019", "2021"], "description": "格式版本"},
            "published": {"type": "string", "format": "date", "description": "发布日期"},
            "kind": {"enum": ["department", "government"], "description": "机关类型"},
            "overview": {"type": "string", "description": "一、总体情况"},
            "problems": {"type": "string", "description": "五、存在的主要问题及改进情况"},
            "other": {"type": "string", "description": "六、其他需要报告的事项"},
            "procurement_unit": {"type": "string", "description": "采购总金额的单位（如 元、万元）"},
            "proactive": proactive,
            "applications": applications,
            "appeals": appeals,
            "unplaced": {"type": "array", "items": {"type": "object", "required": ["key", "raw"], "properties": {
                "line": {"type": "integer"}, "key": {"type": "string"}, "raw": {"type": "string"}
            }}}
        }
    })
}

/// The JSON Schema of one line of `zfxxgk check --format json` ([`crate::contract::Line`]):
/// a checked report with its findings, or an unreadable input with its error.
pub fn line(draft: Draft) -> Value {
    let rules: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    let severities: Vec<&str> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|s| s.key())
        .collect();
    let location = json!({
        "type": "object",
        "required": ["table"],
        "additionalProperties": false,
        "properties": {
            "table": {"enum": ["report", "proactive", "applications", "appeals", "prose", "source"]},
            "row": {"type": "string"},
            "column": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "bytes": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}
        }
    });
    let source = json!({
        "type": "object",
        "required": ["line", "column", "offset"],
        "additionalProperties": false,
        "properties": {
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "offset": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2},
            "page": {"type": "integer", "minimum": 1}
        }
    });
    let finding = json!({
        "type": "object",
        "required": ["rule", "severity", "location", "assessable", "message", "fingerprint"],
        "additionalProperties": false,
        "properties": {
            "rule": {"enum": rules},
            "severity": {"enum": severities},
            "location": draft.reference("location"),
            "expected": {"type": "string"},
            "actual": {"type": "string"},
            "operands": {"type": "array", "items": {
                "type": "object",
                "required": ["location", "value"],
                "additionalProperties": false,
                "properties": {
                    "location": draft.reference("location"),
                    "value": {"type": ["string", "null"]}
                }
            }},
            "assessable": {"type": "boolean"},
            "message": {"type": "string"},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
            "source": draft.reference("source")
        }
    });
    let error = json!({
        "type": "object",
        "required": ["kind", "message"],
        "additionalProperties": false,
        "properties": {
            "kind": {"type": "string", "pattern": "^[a-z][a-z-]*$"},
            "message": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "offset": {"type": "integer", "minimum": 0}
        }
    });
    let mut defs = Map::new();
    defs.insert("location".into(), location);
    defs.insert("source".into(), source);
    defs.insert("finding".into(), finding);
    defs.insert("error".into(), error);
    let mut doc = json!({
        "$schema": draft.uri(),
        "title": "zfxxgk check: one line per input",
        "oneOf": [
            {
                "type": "object",
                "required": ["zfxxgk", "file", "issuer", "year", "edition", "findings"],
                "additionalProperties": false,
                "properties": {
                    "zfxxgk": {"type": "string"},
                    "file": {"type": "string"},
                    "issuer": {"type": "string"},
                    "year": {"type": "integer", "minimum": 0, "maximum": 65535},
                    "edition": {"enum": ["2019", "2021"]},
                    "findings": {"type": "array", "items": draft.reference("finding")}
                }
            },
            {
                "type": "object",
                "required": ["zfxxgk", "file", "error"],
                "additionalProperties": false,
                "properties": {
                    "zfxxgk": {"type": "string"},
                    "file": {"type": "string"},
                    "error": draft.reference("error")
                }
            }
        ]
    });
    if let Some(o) = doc.as_object_mut() {
        o.insert(draft.defs().into(), Value::Object(defs));
    }
    doc
}
