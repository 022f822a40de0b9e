//! `zfxxgk serve` end to end: the real binary on an ephemeral loopback port.
#![cfg(feature = "serve")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use zfxxgk::contract;

mod common;
use common::{bin, corpus};

/// The server, killed when dropped; its stderr collected.
struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(bin())
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut first = String::new();
        stderr.read_line(&mut first).unwrap();
        let addr = first
            .trim()
            .strip_prefix("zfxxgk serve: listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line: {first:?}"))
            .to_owned();
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut line = String::new();
            while stderr.read_line(&mut line).is_ok_and(|n| n > 0) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        Server { child, addr, log }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Waits (bounded) until the log holds `needle`; returns the log.
    fn log_with(&self, needle: &str) -> String {
        let end = Instant::now() + Duration::from_secs(20);
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.contains(needle) || Instant::now() > end {
                return log;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

struct Answer {
    status: u16,
    content_type: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// The error body: status checked, `{"error": {"kind", "message"}}` with `kind`.
    fn error(&self, status: u16, kind: &str) -> Value {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        assert!(self.content_type.starts_with("application/json"));
        let v = self.json();
        assert_eq!(v["error"]["kind"], kind, "{v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
        v
    }
}

fn answer(mut r: ureq::http::Response<ureq::Body>) -> Answer {
    let headers = r
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect::<Vec<_>>();
    let content_type = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = r
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .unwrap();
    Answer {
        status: r.status().as_u16(),
        content_type,
        headers,
        body,
    }
}

fn post(url: &str, body: &[u8]) -> Answer {
    answer(
        agent()
            .post(url)
            .content_type("application/octet-stream")
            .send(body)
            .unwrap(),
    )
}

fn get(url: &str) -> Answer {
    answer(agent().get(url).call().unwrap())
}

const BOUNDARY: &str = "zfxxgk-test-boundary-7d3f";

fn multipart(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, bytes) in parts {
        out.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

fn post_multipart(url: &str, parts: &[(&str, &[u8])]) -> Answer {
    answer(
        agent()
            .post(url)
            .content_type(format!("multipart/form-data; boundary={BOUNDARY}"))
            .send(&multipart(parts)[..])
            .unwrap(),
    )
}

/// The corpus files: every raw text and every expected cells CSV.
fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for (dir, suffix) in [("raw", ".txt"), ("expected", ".cells.csv")] {
        for e in std::fs::read_dir(corpus(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.to_string_lossy().ends_with(suffix) {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 40, "the corpus is missing");
    files
}

/// `zfxxgk <args>` run in `dir`: its standard output.
fn cli(dir: &Path, args: &[&str]) -> Vec<u8> {
    Command::new(bin())
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
        .stdout
}

#[test]
fn every_corpus_report_answers_its_cli_line() {
    let server = Server::start(&[]);
    for dir in ["raw", "expected"] {
        let files: Vec<PathBuf> = corpus_files()
            .into_iter()
            .filter(|p| p.parent() == Some(corpus(dir).as_path()))
            .collect();
        let names: Vec<String> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let mut args = vec!["check", "--format", "json"];
        args.extend(names.iter().map(String::as_str));
        let cli_out = String::from_utf8(cli(&corpus(dir), &args)).unwrap();
        let cli_lines: Vec<&str> = cli_out.lines().collect();
        assert_eq!(cli_lines.len(), files.len());
        for ((path, name), cli_line) in files.iter().zip(&names).zip(cli_lines) {
            let bytes = std::fs::read(path).unwrap();
            let a = post(&server.url(&format!("/v1/check?name={name}")), &bytes);
            assert!(a.content_type.starts_with("application/json"));
            let body = a.text();
            // Byte for byte the CLI's line, with its newline.
            assert_eq!(body, format!("{cli_line}\n"), "{name}");
            let library = contract::check(name, &bytes, None);
            assert_eq!(body.trim_end(), library.to_json().unwrap(), "{name}");
            let expected = if library.error().is_some() { 422 } else { 200 };
            assert_eq!(a.status, expected, "{name}");
        }
    }
    // One line per request on stderr, without the query (the file name) or any content.
    let log = server.log_with("path=\"/v1/check\" status=200");
    assert!(
        log.contains("method=POST path=\"/v1/check\" status=200 bytes="),
        "{log}"
    );
    assert!(!log.contains("pingtan"), "the log shows a file name: {log}");
    assert!(!log.contains("平潭"), "the log shows report content: {log}");
}

#[test]
fn check_forces_the_shape_and_explains_unreadable_bodies() {
    let server = Server::start(&[]);
    let csv = std::fs::read(corpus("expected").join("003_pingtan-2021.cells.csv")).unwrap();
    // from=cells forces the cells reader.
    let as_cells = post(&server.url("/v1/check?from=cells&name=x"), &csv).json();
    assert_eq!(as_cells["edition"], "2021");
    let garbage = post(
        &server.url("/v1/check?name=g.txt"),
        b"nothing here\nat all\n",
    );
    assert_eq!(garbage.status, 422);
    let v = garbage.json();
    assert_eq!(v["file"], "g.txt");
    assert_eq!(v["error"]["kind"], "not-a-report");
    let expected = contract::check("g.txt", b"nothing here\nat all\n", None);
    assert_eq!(
        v,
        serde_json::from_str::<Value>(&expected.to_json().unwrap()).unwrap()
    );
    // A JSON body broken on line 2 says where.
    let broken = post(&server.url("/v1/check?from=json"), b"{\n  \"issuer\": ,\n}");
    assert_eq!(broken.status, 422);
    let e = &broken.json()["error"];
    assert_eq!(e["line"], 2, "{e}");
    assert_eq!(e["column"], 13, "{e}");
    post(&server.url("/v1/check?from=nonsense"), &csv).error(400, "bad-query");
}

#[test]
fn batch_answers_in_part_order_and_checks_across() {
    let server = Server::start(&[]);
    let raw = corpus("raw");
    let names = [
        "001_pingtan-2019.txt",
        "003_pingtan-2021.txt",
        "005_pingtan-2023.txt",
    ];
    let bytes: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(raw.join(n)).unwrap())
        .collect();
    let mut parts: Vec<(&str, &[u8])> = names
        .iter()
        .zip(&bytes)
        .map(|(n, b)| (*n, b.as_slice()))
        .collect();
    parts.insert(1, ("junk.txt", b"not a report"));
    let a = post_multipart(&server.url("/v1/check/batch"), &parts);
    assert_eq!(a.status, 200);
    let lines = a.json();
    let lines = lines.as_array().unwrap();
    assert_eq!(lines.len(), 4);
    for (line, (name, b)) in lines.iter().zip(&parts) {
        let expected = contract::check(name, b, None).to_json().unwrap();
        assert_eq!(*line, serde_json::from_str::<Value>(&expected).unwrap());
    }
    assert_eq!(lines[1]["error"]["kind"], "not-a-report");

    // --series: the same lines as the CLI's.
    let parts: Vec<(&str, &[u8])> = names
        .iter()
        .zip(&bytes)
        .map(|(n, b)| (*n, b.as_slice()))
        .collect();
    let a = post_multipart(&server.url("/v1/check/batch?series=true"), &parts);
    assert_eq!(a.status, 200);
    let mut args = vec!["check", "--format", "json", "--series"];
    args.extend(names);
    let cli_lines: Vec<Value> = String::from_utf8(cli(&raw, &args))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(a.json(), Value::Array(cli_lines.clone()));
    let series_rules = cli_lines
        .iter()
        .flat_map(|l| l["findings"].as_array().unwrap())
        .filter(|f| f["rule"].as_str().unwrap().starts_with("series."))
        .count();
    assert!(series_rules > 0, "no series finding to compare");

    // --sum-of needs every part readable.
    let junk: Vec<(&str, &[u8])> = vec![parts[0], ("junk.txt", b"not a report")];
    post_multipart(&server.url("/v1/check/batch?sum_of=true"), &junk).error(422, "across");
    post_multipart(
        &server.url("/v1/check/batch?series=true&sum_of=true"),
        &parts,
    )
    .error(400, "bad-query");
    post_multipart(&server.url("/v1/check/batch?series=perhaps"), &parts).error(400, "bad-query");
    post_multipart(&server.url("/v1/check/batch"), &[]).error(400, "bad-request");
    post(&server.url("/v1/check/batch"), b"not multipart").error(400, "bad-request");
}

#[test]
fn convert_answers_each_form_with_its_media_type() {
    let server = Server::start(&[]);
    let raw = corpus("raw");
    let name = "003_pingtan-2021.txt";
    let bytes = std::fs::read(raw.join(name)).unwrap();
    for (to, media, ext) in [
        ("json", "application/json", "json"),
        ("csv", "text/csv", "csv"),
        ("text", "text/plain", "txt"),
        ("md", "text/markdown", "md"),
        ("html", "text/html", "html"),
    ] {
        let a = post(
            &server.url(&format!("/v1/convert?to={to}&name={name}")),
            &bytes,
        );
        assert_eq!(a.status, 200, "{to}");
        assert!(
            a.content_type.starts_with(media),
            "{to}: {}",
            a.content_type
        );
        let disposition = a.header("content-disposition").unwrap();
        assert!(
            disposition.contains(&format!("filename=\"003_pingtan-2021.{ext}\"")),
            "{disposition}"
        );
        assert_eq!(a.body, cli(&raw, &["convert", "--to", to, name]), "{to}");
    }
    let a = post(&server.url("/v1/convert?to=xlsx"), &bytes);
    assert_eq!(a.status, 200);
    assert_eq!(
        a.content_type,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(a.body.starts_with(b"PK"), "not a zip");
    assert!(
        a.header("content-disposition")
            .unwrap()
            .contains("report.xlsx")
    );
    // The workbook reads back as the same table cells (the workbook does not carry every
    // field of the `report` table, e.g. `published`).
    let back = post(&server.url("/v1/convert?to=csv&from=xlsx"), &a.body);
    assert_eq!(back.status, 200, "{}", back.text());
    let tables = |t: String| -> Vec<String> {
        t.lines()
            .filter(|l| !l.starts_with("report,"))
            .map(str::to_owned)
            .collect()
    };
    let direct = tables(post(&server.url("/v1/convert?to=csv"), &bytes).text());
    assert!(direct.len() > 100);
    assert_eq!(tables(back.text()), direct);

    // The Word document: its media type, and it reads back as the same table cells.
    let d = post(&server.url("/v1/convert?to=docx&name=003.txt"), &bytes);
    assert_eq!(d.status, 200, "{}", d.text());
    assert_eq!(
        d.content_type,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(
        d.header("content-disposition")
            .unwrap()
            .contains("003.docx")
    );
    let back = post(&server.url("/v1/convert?to=csv&from=docx"), &d.body);
    assert_eq!(back.status, 200, "{}", back.text());
    assert_eq!(tables(back.text()), direct);

    let e = post(&server.url("/v1/convert?to=json"), b"garbage");
    assert_eq!(e.status, 422);
    assert_eq!(e.json()["error"]["kind"], "not-a-report");
    post(&server.url("/v1/convert?to=pdf"), &bytes).error(400, "bad-query");
    post(&server.url("/v1/convert"), &bytes).error(400, "bad-query");
}

#[test]
fn sum_answers_the_cli_sum() {
    let server = Server::start(&[]);
    let raw = corpus("raw");
    let a_name = "010_hongze-district-2023-pypdf.txt";
    let b_name = "005_pingtan-2023.txt";
    let a = std::fs::read(raw.join(a_name)).unwrap();
    let b = std::fs::read(raw.join(b_name)).unwrap();
    let summed = post_multipart(&server.url("/v1/sum"), &[(a_name, &a), (b_name, &b)]);
    assert_eq!(summed.status, 200, "{}", summed.text());
    assert_eq!(summed.body, cli(&raw, &["sum", a_name, b_name]));
    assert_eq!(summed.json()["issuer"], "2 个单位合计");

    let y2021 = std::fs::read(raw.join("003_pingtan-2021.txt")).unwrap();
    post_multipart(
        &server.url("/v1/sum"),
        &[(a_name, &a), ("y2021.txt", &y2021)],
    )
    .error(422, "cannot-sum");
    let junk = post_multipart(&server.url("/v1/sum"), &[(a_name, &a), ("junk", b"junk")]);
    assert_eq!(junk.status, 422);
    assert_eq!(junk.json()["file"], "junk");
    assert_eq!(junk.json()["error"]["kind"], "not-a-report");
}

#[test]
fn documents_schemas_catalogue_health_and_unknown_routes() {
    let server = Server::start(&[]);
    let tmp = std::env::temp_dir();
    for (path, args) in [
        ("/v1/schema/report", vec!["schema"]),
        ("/v1/schema/report?draft=7", vec!["schema", "--draft", "7"]),
        ("/v1/schema/findings", vec!["schema", "--findings"]),
        (
            "/v1/schema/findings?draft=7",
            vec!["schema", "--findings", "--draft", "7"],
        ),
    ] {
        let a = get(&server.url(path));
        assert_eq!(a.status, 200);
        let expected: Value = serde_json::from_slice(&cli(&tmp, &args)).unwrap();
        assert_eq!(a.json(), expected, "{path}");
    }
    get(&server.url("/v1/schema/report?draft=4")).error(400, "bad-query");

    let cat = get(&server.url("/v1/catalogue")).json();
    for (key, edition) in [
        ("2019", zfxxgk::catalogue::Edition::E2019),
        ("2021", zfxxgk::catalogue::Edition::E2021),
    ] {
        assert_eq!(
            cat[key],
            serde_json::to_value(contract::catalogue(edition)).unwrap()
        );
    }

    let api = get(&server.url("/openapi.json")).json();
    assert_eq!(api["openapi"], "3.1.0");
    for path in [
        "/v1/check",
        "/v1/check/batch",
        "/v1/convert",
        "/v1/sum",
        "/v1/schema/report",
        "/v1/schema/findings",
        "/v1/catalogue",
        "/openapi.json",
        "/healthz",
    ] {
        assert!(api["paths"][path].is_object(), "{path} undocumented");
    }
    // The line's schema is the library's, its references pointing into the components.
    let text = api.to_string();
    assert!(!text.contains("#/$defs/"));
    assert!(api["components"]["schemas"]["line.finding"].is_object());

    let health = get(&server.url("/healthz"));
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");

    get(&server.url("/v2/nothing")).error(404, "not-found");
    let wrong = get(&server.url("/v1/check"));
    wrong.error(405, "method-not-allowed");
    assert!(wrong.header("allow").unwrap().contains("POST"));
    post(&server.url("/healthz"), b"").error(405, "method-not-allowed");
}

/// Opens a request whose body is announced but not all sent: it stays in flight.
fn stalled(addr: &str, path: &str, announced: usize, sent: &[u8]) -> TcpStream {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {announced}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    s.write_all(sent).unwrap();
    s.flush().unwrap();
    s
}

/// A stalled request (as [`stalled`]) that holds the server's only slot (`--max-concurrent 1`):
/// returned once a probe is answered 503. A probe can reach the server before the stalled
/// request does and take the slot itself; the stalled request is then answered 503 at once, so
/// it is sent again.
fn holding_the_slot(server: &Server, path: &str, announced: usize, sent: &[u8]) -> TcpStream {
    let end = Instant::now() + Duration::from_secs(30);
    let mut s = stalled(&server.addr, path, announced, sent);
    loop {
        let probe = get(&server.url("/healthz"));
        if probe.status == 503 {
            return s;
        }
        assert!(
            Instant::now() < end,
            "the stalled request never held the slot: the probe answered {}; the log:\n{}",
            probe.status,
            server.log.lock().unwrap()
        );
        // Anything to read means the server has answered (and closed) the stalled request.
        s.set_nonblocking(true).unwrap();
        let answered = !matches!(
            s.peek(&mut [0; 1]),
            Err(ref e) if e.kind() == std::io::ErrorKind::WouldBlock
        );
        s.set_nonblocking(false).unwrap();
        if answered {
            s = stalled(&server.addr, path, announced, sent);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The status and body of the answer on a raw connection.
fn read_answer(mut s: TcpStream) -> (u16, String) {
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("").to_owned();
    (status, body)
}

#[test]
fn body_limit_checked_on_the_header_and_while_streaming() {
    let server = Server::start(&["--max-body", "1KiB"]);
    let big = vec![b'x'; 4096];
    post(&server.url("/v1/check"), &big).error(413, "too-large");
    post(&server.url("/v1/convert?to=json"), &big).error(413, "too-large");
    post_multipart(&server.url("/v1/check/batch"), &[("a", &big)]).error(413, "too-large");
    // Chunked, without a length: refused once 1 KiB has streamed in.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    write!(
        s,
        "POST /v1/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // The server may answer and close before the last chunks are sent: a refused write is
    // that answer arriving early, not a failure.
    for _ in 0..4 {
        let sent = write!(s, "400\r\n")
            .and_then(|()| s.write_all(&[b'y'; 1024]))
            .and_then(|()| write!(s, "\r\n"));
        if sent.is_err() {
            break;
        }
    }
    // The rest of the body never comes: the answer must not wait for it.
    let (status, body) = read_answer(s);
    assert_eq!(status, 413, "{body}");
    let v: Value = serde_json::from_str(body.trim()).unwrap_or_else(|_| {
        // A chunked answer: the JSON is inside the chunk.
        let inner = body.lines().nth(1).unwrap_or("");
        serde_json::from_str(inner).unwrap()
    });
    assert_eq!(v["error"]["kind"], "too-large");
}

#[test]
fn concurrency_limit_answers_503_with_retry_after() {
    let server = Server::start(&["--max-concurrent", "1", "--timeout", "5m"]);
    let _held = holding_the_slot(&server, "/v1/check", 100, b"0123456789");
    // While the stalled request holds the only slot, every other one is refused at once.
    let refused = get(&server.url("/healthz"));
    refused.error(503, "busy");
    assert_eq!(refused.header("retry-after"), Some("1"));
}

#[test]
fn timeout_answers_504() {
    let server = Server::start(&["--timeout", "300ms"]);
    let s = stalled(&server.addr, "/v1/check", 100, b"0123456789");
    let (status, body) = read_answer(s);
    assert_eq!(status, 504, "{body}");
    let v: Value = serde_json::from_str(body.trim()).unwrap();
    assert_eq!(v["error"]["kind"], "timeout");
}

#[test]
fn sigterm_finishes_the_request_in_flight_and_exits_0() {
    // One slot: while it is taken, the request is known to be in the server's hands. A long
    // timeout keeps the slot taken until the test sends the rest.
    let mut server = Server::start(&["--max-concurrent", "1", "--timeout", "5m"]);
    let report = std::fs::read(corpus("raw").join("003_pingtan-2021.txt")).unwrap();
    let (head, tail) = report.split_at(100);
    // Once the server holds the request, ask it to stop.
    let mut s = holding_the_slot(&server, "/v1/check?name=a.txt", report.len(), head);
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    server.log_with("shutting down");
    s.write_all(tail).unwrap();
    let (status, body) = read_answer(s);
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(body.trim()).unwrap();
    assert_eq!(v["file"], "a.txt");
    assert_eq!(v["edition"], "2021");
    let exit = server.child.wait().unwrap();
    assert_eq!(exit.code(), Some(0));
}
