//! `zfxxgk serve`: the checker as an HTTP API (axum on tokio), for the portals and filing
//! systems that call it over HTTP.
//!
//! Every answer is JSON in the shapes of the machine interface (`zfxxgk::contract`): a check
//! answers exactly the line `zfxxgk check --format json` prints for the same bytes and name;
//! every error is `{"error": {"kind", "message", …}}` with a status that means something.
//!
//! Layers, outermost first: one log line per request (method, path, status, bytes, ms; never
//! the query or the body), errors as JSON, CORS (only with `--cors`), the concurrency limit
//! (503 with `Retry-After` at once, never a queue), the timeout (504), the body limit (413 on
//! `Content-Length` at once, else while streaming). The CPU work runs on tokio's blocking pool
//! behind a semaphore of one permit per core, so a slow report never stalls the server.

mod api;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, HttpBody as _};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tokio::sync::Semaphore;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;

/// The settings of `zfxxgk serve`.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on (port 0: any free port, printed on stderr).
    pub listen: SocketAddr,
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// The most requests handled at once; more are answered 503 at once.
    pub max_concurrent: usize,
    /// How long a request may take before it is answered 504.
    pub timeout: Duration,
    /// The origins allowed to call the API from a browser (CORS); none by default.
    pub cors: Vec<String>,
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState {
    /// The largest request body, in bytes.
    pub(crate) max_body: usize,
    /// One permit per core: the CPU work waits for one, on the blocking pool.
    pub(crate) cpu: Arc<Semaphore>,
    /// The admission limit (`--max-concurrent`).
    admit: Arc<Semaphore>,
    /// `--timeout`.
    timeout: Duration,
    /// The documents computed once: the OpenAPI document, the schemas, the catalogue.
    pub(crate) documents: Arc<api::Documents>,
}

/// A JSON error answer: `{"error": {"kind", "message"}}` with its status.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) kind: &'static str,
    pub(crate) message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn bad_query(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "bad-query", message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(
            self.status,
            json!({"error": {"kind": self.kind, "message": self.message}}).to_string(),
        )
    }
}

/// A response with a JSON body.
pub(crate) fn json_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Builds the application: the routes with every layer.
///
/// # Errors
///
/// When a `--cors` origin is not a valid header value.
pub(crate) fn app(config: &Config) -> Result<Router, String> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let state = AppState {
        max_body: config.max_body,
        cpu: Arc::new(Semaphore::new(cores)),
        admit: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
        timeout: config.timeout,
        documents: Arc::new(api::Documents::new()),
    };
    let mut router = api::routes()
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(RequestBodyLimitLayer::new(config.max_body))
        .layer(middleware::from_fn_with_state(state.clone(), timeout))
        .layer(middleware::from_fn_with_state(state.clone(), admit));
    if !config.cors.is_empty() {
        let origins = config
            .cors
            .iter()
            .map(|o| HeaderValue::from_str(o).map_err(|e| format!("--cors {o}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE]),
        );
    }
    Ok(router
        .layer(middleware::from_fn(errors_as_json))
        .layer(middleware::from_fn(log))
        .with_state(state))
}

/// Runs the server until SIGTERM or SIGINT; then stops accepting, lets the requests in flight
/// finish (at most `--timeout` and 5 seconds more) and returns 0.
pub fn run(config: &Config) -> u8 {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(false)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("zfxxgk serve: cannot start the runtime: {e}");
            return 2;
        }
    };
    runtime.block_on(serve(config))
}

async fn serve(config: &Config) -> u8 {
    let app = match app(config) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("zfxxgk serve: {e}");
            return 2;
        }
    };
    let listener = match tokio::net::TcpListener::bind(config.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("zfxxgk serve: cannot listen on {}: {e}", config.listen);
            return 2;
        }
    };
    match listener.local_addr() {
        Ok(a) => eprintln!("zfxxgk serve: listening on http://{a}"),
        Err(e) => eprintln!("zfxxgk serve: listening (address unknown: {e})"),
    }
    let stopping = Arc::new(tokio::sync::Notify::new());
    let signalled = Arc::clone(&stopping);
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing the requests in flight");
        signalled.notify_one();
    });
    let grace = config.timeout.saturating_add(Duration::from_secs(5));
    let status = tokio::select! {
        r = server => match r {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("zfxxgk serve: {e}");
                2
            }
        },
        () = async {
            stopping.notified().await;
            tokio::time::sleep(grace).await;
        } => {
            tracing::warn!("requests still in flight after {grace:?}: stopping anyway");
            0
        }
    };
    tracing::info!("stopped");
    status
}

/// Resolves on SIGINT (Ctrl-C) or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// One structured line per request on stderr: method, path, status, bytes, ms. Never the
/// query or the body (they are the caller's content).
async fn log(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let response = next.run(req).await;
    let bytes = response.body().size_hint().exact();
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        bytes,
        ms = format_args!("{ms:.1}"),
        "request"
    );
    response
}

/// Answers 503 with `Retry-After` at once when `--max-concurrent` requests are in flight.
async fn admit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Ok(_permit) = Arc::clone(&state.admit).try_acquire_owned() else {
        let mut r = ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "too many requests in flight (--max-concurrent); retry later",
        )
        .into_response();
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return r;
    };
    next.run(req).await
}

/// Answers 504 when the request takes longer than `--timeout` (reading the body included).
async fn timeout(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(state.timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            format!(
                "the request took longer than {:?} (--timeout)",
                state.timeout
            ),
        )
        .into_response(),
    }
}

/// The answers of the framework's own layers (405, 413 on `Content-Length`, extractor
/// rejections) in the JSON error shape, keeping their status and headers.
async fn errors_as_json(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let (kind, default) = match status {
        StatusCode::METHOD_NOT_ALLOWED => ("method-not-allowed", "method not allowed here"),
        StatusCode::PAYLOAD_TOO_LARGE => ("too-large", "the body is larger than --max-body"),
        StatusCode::NOT_FOUND => ("not-found", "no such route"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported-media-type", "wrong Content-Type"),
        s if s.is_server_error() => ("internal", "internal error"),
        _ => ("bad-request", "bad request"),
    };
    let message = if text.is_empty() {
        default.to_owned()
    } else {
        text
    };
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = json!({"error": {"kind": kind, "message": message}}).to_string();
    Response::from_parts(parts, Body::from(body))
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not-found",
        "no such route; GET /openapi.json lists them",
    )
}

/// Parses a size: bytes, or with a unit `K`/`KB`/`KiB`, `M`/`MB`/`MiB`, `G`/`GB`/`GiB` (all
/// powers of 1024).
///
/// # Errors
///
/// A message for clap when the text is no size.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: usize = number
        .parse()
        .map_err(|_| format!("not a size: {text:?} (e.g. 16MiB, 512KiB, 1000000)"))?;
    let factor: usize = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("unknown size unit in {text:?} (B, KiB, MiB, GiB)")),
    };
    n.checked_mul(factor)
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("size out of range: {text:?}"))
}

/// Parses a duration: seconds, or with a unit `ms`, `s`, `m`.
///
/// # Errors
///
/// A message for clap when the text is no duration.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("not a duration: {text:?} (e.g. 10s, 500ms, 2m)"))?;
    let d = match unit.trim() {
        "ms" => Duration::from_millis(n),
        "" | "s" => Duration::from_secs(n),
        "m" | "min" => Duration::from_secs(n.saturating_mul(60)),
        _ => return Err(format!("unknown duration unit in {text:?} (ms, s, m)")),
    };
    if d.is_zero() {
        return Err("the timeout must be above zero".to_owned());
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn sizes_and_durations() {
        assert_eq!(parse_size("16MiB").unwrap(), 16 * 1024 * 1024);
        assert_eq!(parse_size("512k").unwrap(), 512 * 1024);
        assert_eq!(parse_size("1000").unwrap(), 1000);
        assert!(parse_size("0").is_err());
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
        assert_eq!(parse_duration("10s").unwrap(), Duration::from_secs(10));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("soon").is_err());
    }
}
