//! Runs one operation of the library `N` times on one file, so that its cost can be counted in
//! instructions (repeatable on a loaded machine, where times are not):
//!
//! ```sh
//! cargo build --release --example instructions --features serde,html
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     --toggle-collect='instructions::measured' \
//!     target/release/examples/instructions validate tests/data/corpus/expected/008_huaian-city-2024-pypdf.cells.csv 100
//! ```
//!
//! `instructions OP FILE [N]` (N defaults to 1). OP is one of
//!
//! - `text::read`, `html::read`, `cells::read`: read FILE's bytes with that reader;
//! - `json::read`: read the JSON of the report in FILE (FILE is read once with
//!   [`zfxxgk::detect::read_any`] and written with `json::to_string`, outside the count);
//! - `validate`, `clone`, `narrative`: [`zfxxgk::validate()`], `Report::clone` or
//!   [`zfxxgk::analysis::narrative::check`] of the report in FILE (read once with `read_any`);
//! - `html::parse`, `html::tokenize`: of the markup `html::read` parses for FILE (the page, or
//!   the JavaScript string holding it, found and unescaped outside the count), the whole
//!   html5ever parse as the reader does it (`scraper::Html::parse_document`: tokenizer and tree
//!   builder) or html5ever's tokenizer alone, with a sink that drops every token (switching to
//!   raw text after `<script>`, `<style>` and `<title>` as the tree builder would): the floor
//!   of any reader built on html5ever.
//!
//! Only `measured` runs the operation: with `--toggle-collect='instructions::measured'`
//! callgrind counts it alone, and the count divided by N is the cost of one run. Without the
//! option, the difference between the totals of two values of N gives the same figure. The
//! program prints the number of findings (or cells) of the last run, so that the work cannot be
//! optimised away and a run can be checked.

use std::hint::black_box;
use std::process::ExitCode;

use zfxxgk::{Report, detect, json, validate};

/// The operation to count, with its prepared input.
enum Op {
    /// A reader over bytes.
    Read(
        fn(&[u8]) -> Result<zfxxgk::Reading, zfxxgk::ReadError>,
        Vec<u8>,
    ),
    /// `json::read` of a JSON text.
    Json(String),
    /// `validate`.
    Validate(Report),
    /// `Report::clone`.
    Clone(Report),
    /// The narrative check.
    Narrative(Report),
    /// html5ever's parse of markup into a DOM, as the HTML reader does it.
    Parse(String),
    /// html5ever's tokenizer alone over markup.
    Tokenize(String),
}

/// A token sink that drops every token: html5ever's tokenizer alone. After a start tag whose
/// content is raw text it tells the tokenizer so, as the tree builder would.
struct Drop;

impl html5ever::tokenizer::TokenSink for Drop {
    type Handle = ();

    fn process_token(
        &self,
        token: html5ever::tokenizer::Token,
        _line: u64,
    ) -> html5ever::tokenizer::TokenSinkResult<()> {
        use html5ever::tokenizer::states::RawKind;
        use html5ever::tokenizer::{TagKind, Token, TokenSinkResult};
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => match &*tag.name {
                "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                    TokenSinkResult::RawData(RawKind::Rawtext)
                }
                "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                "plaintext" => TokenSinkResult::Plaintext,
                _ => TokenSinkResult::Continue,
            },
            _ => TokenSinkResult::Continue,
        }
    }
}

/// Tokenizes `markup` with html5ever's tokenizer and a sink that drops every token.
fn tokenize(markup: &str) -> usize {
    let input = html5ever::tokenizer::BufferQueue::default();
    input.push_back(html5ever::tendril::StrTendril::from_slice(markup));
    let tokenizer = html5ever::tokenizer::Tokenizer::new(Drop, Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    markup.len()
}

/// Runs `op` `n` times; returns what the last run produced (findings or cells), for the output.
#[inline(never)]
fn measured(op: &Op, n: u64) -> usize {
    let mut last = 0;
    for _ in 0..n {
        last = match op {
            Op::Read(read, bytes) => match read(black_box(bytes)) {
                Ok(r) => r.report.addresses().len(),
                Err(_) => 0,
            },
            Op::Json(text) => match json::read(black_box(text)) {
                Ok(r) => r.report.applications.len(),
                Err(_) => 0,
            },
            Op::Validate(report) => validate(black_box(report)).len(),
            Op::Clone(report) => black_box(report).clone().applications.len(),
            Op::Narrative(report) => zfxxgk::analysis::narrative::check(black_box(report)).len(),
            Op::Parse(markup) => scraper::Html::parse_document(black_box(markup))
                .tree
                .nodes()
                .count(),
            Op::Tokenize(markup) => tokenize(black_box(markup)),
        };
        black_box(last);
    }
    last
}

fn report_of(bytes: &[u8], file: &str) -> Result<Report, String> {
    let shape = detect::shape(bytes, Some(file));
    detect::read_any(bytes, Some(shape))
        .map(|r| r.report)
        .map_err(|e| format!("{file}: {e}"))
}

fn prepare(op: &str, file: &str) -> Result<Op, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    Ok(match op {
        "text::read" => Op::Read(zfxxgk::text::read_bytes, bytes),
        "html::read" => Op::Read(zfxxgk::html::read, bytes),
        "cells::read" => Op::Read(zfxxgk::cells::read_bytes, bytes),
        "json::read" => {
            let report = report_of(&bytes, file)?;
            Op::Json(json::to_string(&report).map_err(|e| e.to_string())?)
        }
        "validate" => Op::Validate(report_of(&bytes, file)?),
        "clone" => Op::Clone(report_of(&bytes, file)?),
        "narrative" => Op::Narrative(report_of(&bytes, file)?),
        "html::parse" | "html::tokenize" => {
            let text = zfxxgk::decode::decode(&bytes).text;
            let markup = zfxxgk::html::markup(&text).into_owned();
            if op == "html::parse" {
                Op::Parse(markup)
            } else {
                Op::Tokenize(markup)
            }
        }
        _ => return Err(format!("unknown operation {op}")),
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (op, file, n) = match args.as_slice() {
        [op, file] => (op, file, Ok(1)),
        [op, file, n] => (op, file, n.parse::<u64>()),
        _ => {
            eprintln!(
                "usage: instructions validate|clone|narrative|json::read|text::read|html::read|cells::read|html::parse|html::tokenize FILE [N]"
            );
            return ExitCode::from(2);
        }
    };
    let Ok(n) = n else {
        eprintln!("N must be a whole number");
        return ExitCode::from(2);
    };
    match prepare(op, file) {
        Ok(prepared) => {
            let last = measured(&prepared, n);
            println!("{op} {file} x{n}: {last}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
