//! The routes of `zfxxgk serve`, their handlers and the OpenAPI document made from them.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::{IntoParams, OpenApi, ToSchema};
use zfxxgk::catalogue::Edition;
use zfxxgk::contract::{self, InputError, Line};
use zfxxgk::detect::Shape;
use zfxxgk::schema::Draft;

use super::{ApiError, AppState, json_response};
use crate::check::Across;
use crate::convert::OutputForm;

/// The routes, without their layers.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/check", post(check))
        .route("/v1/check/batch", post(batch))
        .route("/v1/convert", post(convert))
        .route("/v1/sum", post(sum))
        .route("/v1/schema/report", get(schema_report))
        .route("/v1/schema/findings", get(schema_findings))
        .route("/v1/catalogue", get(catalogue))
        .route("/openapi.json", get(openapi))
        .route("/healthz", get(healthz))
}

/// The answers that never change, made once at start.
pub(crate) struct Documents {
    openapi: String,
    catalogue: String,
    schemas: BTreeMap<(bool, bool), String>,
}

impl Documents {
    pub(crate) fn new() -> Self {
        let catalogue = json!({
            "2019": contract::catalogue(Edition::E2019),
            "2021": contract::catalogue(Edition::E2021),
        })
        .to_string();
        let mut schemas = BTreeMap::new();
        for findings in [false, true] {
            for seven in [false, true] {
                let draft = if seven {
                    Draft::Draft7
                } else {
                    Draft::Draft2020_12
                };
                let value = if findings {
                    zfxxgk::schema::line(draft)
                } else {
                    zfxxgk::schema::report(draft)
                };
                schemas.insert((findings, seven), value.to_string());
            }
        }
        Documents {
            openapi: openapi_document().to_string(),
            catalogue,
            schemas,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Query parameters

/// The query of `POST /v1/check` and `POST /v1/convert`'s input side.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct CheckQuery {
    /// Force the reader: `json`, `cells`, `html`, `markdown`, `text`, `xlsx` (… every key of
    /// the readers' shapes); by default detected from the content, with `name`'s extension
    /// as a hint.
    from: Option<String>,
    /// The file name, echoed back as `file` (default `-`, as for standard input).
    name: Option<String>,
}

/// The query of `POST /v1/check/batch`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct BatchQuery {
    /// Force the reader of every part (see `POST /v1/check`).
    from: Option<String>,
    /// The parts are one body's reports over the years (as `zfxxgk check --series`).
    series: Option<bool>,
    /// The last part is the government's own report, the others its units' (as
    /// `zfxxgk check --sum-of`).
    sum_of: Option<bool>,
}

/// The query of `POST /v1/convert`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ConvertQuery {
    /// The output form.
    to: OutputForm,
    /// Force the reader (see `POST /v1/check`).
    from: Option<String>,
    /// The file name: a hint for the reader, and the stem of the answer's file name.
    name: Option<String>,
}

/// The query of `POST /v1/sum`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SumQuery {
    /// Force the reader of every part (see `POST /v1/check`).
    from: Option<String>,
}

/// The query of the schema endpoints.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SchemaQuery {
    /// The JSON Schema draft: `2020-12` (default) or `7` (draft-07).
    #[param(value_type = Option<String>, example = "7")]
    draft: Option<String>,
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::bad_query(e.body_text()))
}

fn shape(from: Option<&str>) -> Result<Option<Shape>, ApiError> {
    match from {
        None => Ok(None),
        Some(key) => Shape::from_key(key).map(Some).ok_or_else(|| {
            ApiError::bad_query(format!(
                "from={key:?} is no shape; use json, cells, html, markdown, text, xlsx, pdf, docx"
            ))
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// Documentation types: the shapes of the bodies, for the OpenAPI document. `Line`, `Report`
// and the schemas are replaced by the library's own JSON Schemas in `openapi_document`.

/// One line of `zfxxgk check --format json` (replaced by `zfxxgk::schema::line`).
#[derive(ToSchema)]
#[allow(dead_code)]
struct CheckLine {}

/// A report as `zfxxgk::json` writes it (replaced by `zfxxgk::schema::report`).
#[derive(ToSchema)]
#[allow(dead_code)]
struct ReportJson {}

/// An error answer.
#[derive(ToSchema)]
#[allow(dead_code)]
struct ErrorBody {
    error: ErrorDetail,
}

/// Why the request failed.
#[derive(ToSchema)]
#[allow(dead_code)]
struct ErrorDetail {
    /// A stable ASCII id: `bad-query`, `bad-request`, `not-found`, `method-not-allowed`,
    /// `too-large`, `busy`, `timeout`, `cannot-sum`, `across`, `internal`.
    kind: String,
    /// What went wrong, for people.
    message: String,
}

/// Reports as `multipart/form-data`: each part one file (its file name, else its field name,
/// is the `file` of its line), in order.
#[derive(ToSchema)]
#[allow(dead_code)]
struct Upload {
    /// The report files.
    #[schema(value_type = Vec<String>, format = Binary)]
    files: Vec<Vec<u8>>,
}

/// `{"status": "ok", "zfxxgk": version}`.
#[derive(ToSchema)]
#[allow(dead_code)]
struct Health {
    /// Always `ok`.
    status: String,
    /// The version of zfxxgk.
    zfxxgk: String,
}

// ---------------------------------------------------------------------------------------------
// Handlers

/// Runs `f` on the blocking pool once a CPU permit is free.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let permit = std::sync::Arc::clone(&state.cpu)
        .acquire_owned()
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        f()
    })
    .await
    .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))
}

/// The whole body, at most `--max-body` bytes (413 past it, while streaming).
async fn body_bytes(state: &AppState, body: Body) -> Result<axum::body::Bytes, ApiError> {
    axum::body::to_bytes(body, state.max_body)
        .await
        .map_err(|e| {
            let too_large =
                std::iter::successors(Some(&e as &(dyn std::error::Error + 'static)), |e| {
                    e.source()
                })
                .any(|e| e.is::<http_body_util::LengthLimitError>());
            if too_large {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too-large",
                    format!(
                        "the body is larger than {} bytes (--max-body)",
                        state.max_body
                    ),
                )
            } else {
                ApiError::new(StatusCode::BAD_REQUEST, "bad-request", e.to_string())
            }
        })
}

/// The parts of a multipart body, in order: (name, bytes).
async fn parts(mut multipart: Multipart) -> Result<Vec<(String, Vec<u8>)>, ApiError> {
    let mut out = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(&e)),
        };
        let name = field
            .file_name()
            .or_else(|| field.name())
            .unwrap_or("-")
            .to_owned();
        let bytes = field.bytes().await.map_err(|e| multipart_error(&e))?;
        out.push((name, bytes.to_vec()));
    }
    if out.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "no files: send the reports as parts of multipart/form-data",
        ));
    }
    Ok(out)
}

fn multipart_error(e: &axum::extract::multipart::MultipartError) -> ApiError {
    let status = e.status();
    let kind = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "too-large"
    } else {
        "bad-request"
    };
    ApiError::new(status, kind, e.body_text())
}

fn line_response(line: &Line) -> Response {
    let status = if line.error().is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    match line.to_json() {
        Ok(mut s) => {
            s.push('\n');
            json_response(status, s)
        }
        Err(e) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
            .into_response(),
    }
}

/// Check one report.
///
/// The body is the report as uploaded, in any shape the readers know. The answer is exactly
/// the line `zfxxgk check --format json` prints for the same bytes under the same name (with
/// its newline): 200 when the report was read (whatever its findings), 422 when it could not
/// be read, with the error's kind and, where known, its line, column and offset.
#[utoipa::path(
    post, path = "/v1/check", tag = "check",
    params(CheckQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "One report, in any shape"),
    responses(
        (status = 200, description = "The report's line: identity and findings", body = CheckLine),
        (status = 422, description = "The body is no readable report: the error line", body = CheckLine),
        (status = 400, description = "Bad query parameters", body = ErrorBody),
        (status = 413, description = "The body is larger than --max-body", body = ErrorBody),
        (status = 503, description = "Too many requests in flight", body = ErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 504, description = "Past --timeout", body = ErrorBody),
    )
)]
async fn check(
    State(state): State<AppState>,
    q: Result<Query<CheckQuery>, QueryRejection>,
    body: Body,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let shape = shape(q.from.as_deref())?;
    let bytes = body_bytes(&state, body).await?;
    let name = q.name.unwrap_or_else(|| "-".to_owned());
    let line = blocking(&state, move || contract::check(&name, &bytes, shape)).await?;
    Ok(line_response(&line))
}

/// Check several reports, optionally across them.
///
/// Each part of the `multipart/form-data` body is one report. The answer is a JSON array of
/// their lines, in the order of the parts (each as `POST /v1/check` would answer it; an
/// unreadable part is an error line in its place, and the answer is still 200).
/// `series=true` and `sum_of=true` add the findings across files as `zfxxgk check --series`
/// and `--sum-of` do.
#[utoipa::path(
    post, path = "/v1/check/batch", tag = "check",
    params(BatchQuery),
    request_body(content = Upload, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "The lines, in the order of the parts", body = Vec<CheckLine>),
        (status = 400, description = "Bad query parameters, or no parts", body = ErrorBody),
        (status = 413, description = "The body is larger than --max-body", body = ErrorBody),
        (status = 422, description = "The check across files could not be made", body = ErrorBody),
        (status = 503, description = "Too many requests in flight", body = ErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 504, description = "Past --timeout", body = ErrorBody),
    )
)]
async fn batch(
    State(state): State<AppState>,
    q: Result<Query<BatchQuery>, QueryRejection>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let shape = shape(q.from.as_deref())?;
    let across = match (q.series.unwrap_or(false), q.sum_of.unwrap_or(false)) {
        (true, true) => {
            return Err(ApiError::bad_query(
                "series and sum_of cannot be asked together",
            ));
        }
        (true, false) => Across::Series,
        (false, true) => Across::SumOf,
        (false, false) => Across::Nothing,
    };
    let multipart = multipart
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad-request", e.body_text()))?;
    let parts = parts(multipart).await?;
    let lines = blocking(&state, move || -> Result<String, ApiError> {
        let mut lines: Vec<Line> = parts
            .iter()
            .map(|(name, bytes)| contract::check(name, bytes, shape))
            .collect();
        let refs: Vec<&Line> = lines.iter().collect();
        let extra = crate::across::findings(&refs, across)
            .map_err(|why| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "across", why))?;
        for (i, f) in extra {
            if let Some(findings) = lines.get_mut(i).and_then(Line::findings_mut) {
                findings.push(f);
            }
        }
        let mut out = String::from("[");
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let s = line.to_json().map_err(|e| {
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
            })?;
            out.push_str(&s);
        }
        out.push_str("]\n");
        Ok(out)
    })
    .await??;
    Ok(json_response(StatusCode::OK, lines))
}

/// Reads a report, or the error line of why it could not be read.
fn read(name: &str, bytes: &[u8], shape: Option<Shape>) -> Result<zfxxgk::Reading, Box<Response>> {
    let shape = shape.unwrap_or_else(|| zfxxgk::detect::shape(bytes, Some(name)));
    zfxxgk::read::any(bytes, Some(shape))
        .map_err(|e| Box::new(line_response(&Line::unreadable(name, InputError::read(&e)))))
}

fn write_error(e: &zfxxgk::WriteError) -> Box<Response> {
    Box::new(
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()).into_response(),
    )
}

/// The report in the form `to`, as bytes.
/// `attachment; filename="report.EXT"; filename*=UTF-8''<stem>.EXT`, the stem from `name`.
fn disposition(name: Option<&str>, ext: &str) -> HeaderValue {
    let stem = name
        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n))
        .map(|n| n.rsplit_once('.').map_or(n, |(s, _)| s))
        .filter(|s| !s.is_empty())
        .unwrap_or("report");
    let mut encoded = String::new();
    for b in format!("{stem}.{ext}").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let ascii: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}.{ext}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// Convert one report to another form.
///
/// The body is the report in any shape; the answer is the report in the form `to`, with its
/// media type and a `Content-Disposition` naming the file (`name`'s stem, else `report`).
/// 422 with the error line when the body is no readable report.
#[utoipa::path(
    post, path = "/v1/convert", tag = "convert",
    params(ConvertQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "One report, in any shape"),
    responses(
        (status = 200, description = "The converted report",
            headers(("Content-Disposition" = String, description = "attachment; the file name")),
            content(
                (ReportJson = "application/json"),
                (String = "text/csv"),
                (String = "text/plain"),
                (String = "text/markdown"),
                (String = "text/html"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            )),
        (status = 422, description = "The body is no readable report: the error line", body = CheckLine),
        (status = 400, description = "Bad query parameters", body = ErrorBody),
        (status = 413, description = "The body is larger than --max-body", body = ErrorBody),
        (status = 503, description = "Too many requests in flight", body = ErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 504, description = "Past --timeout", body = ErrorBody),
    )
)]
async fn convert(
    State(state): State<AppState>,
    q: Result<Query<ConvertQuery>, QueryRejection>,
    body: Body,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let shape = shape(q.from.as_deref())?;
    let bytes = body_bytes(&state, body).await?;
    let to = q.to;
    let name = q.name.clone().unwrap_or_else(|| "-".to_owned());
    let out = blocking(&state, move || -> Result<Vec<u8>, Box<Response>> {
        let reading = read(&name, &bytes, shape)?;
        to.write(&reading.report).map_err(|e| write_error(&e))
    })
    .await?;
    let out = match out {
        Ok(b) => b,
        Err(r) => return Ok(*r),
    };
    let (media, ext) = to.media();
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media)),
            (
                header::CONTENT_DISPOSITION,
                disposition(q.name.as_deref(), ext),
            ),
        ],
        out,
    )
        .into_response())
}

/// Sum reports of one year and edition, cell by cell.
///
/// Each part of the `multipart/form-data` body is one unit's report; the answer is the summed
/// report as JSON (issuer `N 个单位合计`). 422 with the error line of the first part that is
/// no readable report, or `cannot-sum` when the reports differ in year or edition.
#[utoipa::path(
    post, path = "/v1/sum", tag = "sum",
    params(SumQuery),
    request_body(content = Upload, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "The summed report", body = ReportJson),
        (status = 422, description = "A part is no readable report (its error line), or the reports cannot be summed (`cannot-sum`)", body = CheckLine),
        (status = 400, description = "Bad query parameters, or no parts", body = ErrorBody),
        (status = 413, description = "The body is larger than --max-body", body = ErrorBody),
        (status = 503, description = "Too many requests in flight", body = ErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 504, description = "Past --timeout", body = ErrorBody),
    )
)]
async fn sum(
    State(state): State<AppState>,
    q: Result<Query<SumQuery>, QueryRejection>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let shape = shape(q.from.as_deref())?;
    let multipart = multipart
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad-request", e.body_text()))?;
    let parts = parts(multipart).await?;
    let out = blocking(&state, move || -> Result<String, Box<Response>> {
        let mut readings = Vec::with_capacity(parts.len());
        for (name, bytes) in &parts {
            readings.push((name.as_str(), read(name, bytes, shape)?));
        }
        let named: Vec<(&str, &zfxxgk::Report)> =
            readings.iter().map(|(n, r)| (*n, &r.report)).collect();
        let summed = zfxxgk::analysis::sum::sum_named(&named).map_err(|e| {
            Box::new(
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "cannot-sum",
                    format!("cannot sum: {e}"),
                )
                .into_response(),
            )
        })?;
        let mut s = zfxxgk::json::to_string(&summed.report).map_err(|e| write_error(&e))?;
        s.push('\n');
        Ok(s)
    })
    .await?;
    Ok(match out {
        Ok(s) => json_response(StatusCode::OK, s),
        Err(r) => *r,
    })
}

fn schema_answer(state: &AppState, findings: bool, q: SchemaQuery) -> Result<Response, ApiError> {
    let seven = match q.draft.as_deref() {
        None | Some("2020-12") => false,
        Some("7") => true,
        Some(other) => {
            return Err(ApiError::bad_query(format!(
                "draft={other:?}: use 2020-12 or 7"
            )));
        }
    };
    Ok(state
        .documents
        .schemas
        .get(&(findings, seven))
        .map(|s| json_response(StatusCode::OK, s.clone()))
        .unwrap_or_else(|| {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "no schema")
                .into_response()
        }))
}

/// The JSON Schema of a report, as `zfxxgk schema` prints it.
#[utoipa::path(
    get, path = "/v1/schema/report", tag = "schema",
    params(SchemaQuery),
    responses(
        (status = 200, description = "The JSON Schema", body = Object),
        (status = 400, description = "Bad query parameters", body = ErrorBody),
    )
)]
async fn schema_report(
    State(state): State<AppState>,
    q: Result<Query<SchemaQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    schema_answer(&state, false, query(q)?)
}

/// The JSON Schema of one line of `zfxxgk check --format json` (the body of `POST /v1/check`).
#[utoipa::path(
    get, path = "/v1/schema/findings", tag = "schema",
    params(SchemaQuery),
    responses(
        (status = 200, description = "The JSON Schema", body = Object),
        (status = 400, description = "Bad query parameters", body = ErrorBody),
    )
)]
async fn schema_findings(
    State(state): State<AppState>,
    q: Result<Query<SchemaQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    schema_answer(&state, true, query(q)?)
}

/// Every table, group, row and column of both editions with its key, official label, type and
/// whether it is computed: what a filing form needs to draw itself. `{"2019": …, "2021": …}`.
#[utoipa::path(
    get, path = "/v1/catalogue", tag = "schema",
    responses((status = 200, description = "The catalogue of both editions", body = Object))
)]
async fn catalogue(State(state): State<AppState>) -> Response {
    json_response(StatusCode::OK, state.documents.catalogue.clone())
}

/// This document.
#[utoipa::path(
    get, path = "/openapi.json", tag = "schema",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object))
)]
async fn openapi(State(state): State<AppState>) -> Response {
    json_response(StatusCode::OK, state.documents.openapi.clone())
}

/// Whether the server is up.
#[utoipa::path(
    get, path = "/healthz", tag = "health",
    responses((status = 200, description = "Up", body = Health))
)]
async fn healthz() -> Response {
    json_response(
        StatusCode::OK,
        json!({"status": "ok", "zfxxgk": contract::VERSION}).to_string(),
    )
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "zfxxgk",
        description = "Checks, converts and sums 政府信息公开工作年度报告: the machine interface of `zfxxgk check --format json` over HTTP."
    ),
    paths(
        check,
        batch,
        convert,
        sum,
        schema_report,
        schema_findings,
        catalogue,
        openapi,
        healthz
    ),
    components(schemas(
        CheckLine,
        ReportJson,
        ErrorBody,
        ErrorDetail,
        Upload,
        Health,
        OutputForm
    ))
)]
struct ApiDoc;

/// The OpenAPI document: utoipa's, with `CheckLine` and `ReportJson` replaced by the library's
/// JSON Schemas (draft 2020-12, the dialect of OpenAPI 3.1), their `$defs` moved into the
/// components as `line.NAME` and `report.NAME`.
fn openapi_document() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_else(|_| json!({}));
    if let Some(o) = doc.as_object_mut() {
        o.insert(
            "info".into(),
            json!({
                "title": "zfxxgk",
                "version": contract::VERSION,
                "description": "Checks, converts and sums 政府信息公开工作年度报告: the machine interface of `zfxxgk check --format json` over HTTP.",
                "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"}
            }),
        );
    }
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return doc;
    };
    for (component, prefix, schema) in [
        (
            "CheckLine",
            "line",
            zfxxgk::schema::line(Draft::Draft2020_12),
        ),
        (
            "ReportJson",
            "report",
            zfxxgk::schema::report(Draft::Draft2020_12),
        ),
    ] {
        let mut schema = schema;
        rewrite_refs(&mut schema, prefix);
        if let Some(o) = schema.as_object_mut() {
            o.remove("$schema");
            if let Some(Value::Object(defs)) = o.remove("$defs") {
                for (name, def) in defs {
                    schemas.insert(format!("{prefix}.{name}"), def);
                }
            }
        }
        schemas.insert(component.to_owned(), schema);
    }
    doc
}

/// Points `#/$defs/NAME` at `#/components/schemas/PREFIX.NAME`.
fn rewrite_refs(value: &mut Value, prefix: &str) {
    match value {
        Value::Object(o) => {
            if let Some(Value::String(r)) = o.get_mut("$ref")
                && let Some(name) = r.strip_prefix("#/$defs/")
            {
                *r = format!("#/components/schemas/{prefix}.{name}");
            }
            for v in o.values_mut() {
                rewrite_refs(v, prefix);
            }
        }
        Value::Array(a) => {
            for v in a {
                rewrite_refs(v, prefix);
            }
        }
        _ => {}
    }
}
