//! Prints the complete `text::read_bytes` of every file given (files, or folders read one level
//! deep), in path order, so that two builds can be compared reading by reading: an optimisation
//! of the text reader must leave every `Reading` — report, origins, prose, findings — as it was.
//!
//! ```sh
//! cargo build --release --example dump_readings
//! target/release/examples/dump_readings tests/data/corpus/raw > before.txt
//! # … change the reader, build again …
//! target/release/examples/dump_readings tests/data/corpus/raw > after.txt
//! cmp before.txt after.txt
//! ```
//!
//! With `HASH=1` in the environment each file gets one line, its path and a 64-bit hash of its
//! reading's `{:#?}` (`DefaultHasher`: compare builds of one toolchain), for large sets such as
//! a fuzzing corpus (`fuzz/corpus/text`).
//!
//! With `PROSE=1` each file's dump also holds the findings of the prose check: of
//! `narrative::check` on the report read, and of `narrative::check_text` on the whole file as
//! text (against that report, when it was read), so that an optimisation of the prose check
//! can be compared finding by finding too.

use std::hash::{Hash as _, Hasher as _};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut files: Vec<PathBuf> = Vec::new();
    for arg in std::env::args_os().skip(1) {
        let path = PathBuf::from(arg);
        if path.is_dir() {
            let entries = match std::fs::read_dir(&path) {
                Ok(e) => e,
                Err(e) => {
                    eprintln!("dump_readings: {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
            };
            files.extend(entries.filter_map(Result::ok).map(|e| e.path()));
        } else {
            files.push(path);
        }
    }
    files.sort();
    let hash = std::env::var_os("HASH").is_some();
    let prose = std::env::var_os("PROSE").is_some();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for f in files {
        let bytes = match std::fs::read(&f) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("dump_readings: {}: {e}", f.display());
                return ExitCode::FAILURE;
            }
        };
        let read = zfxxgk::text::read_bytes(&bytes);
        let mut reading = format!("{read:#?}");
        if prose {
            let report = read.as_ref().ok().map(|r| &r.report);
            if let Some(report) = report {
                let found = zfxxgk::analysis::narrative::check(report);
                reading.push_str(&format!("\nnarrative::check {found:#?}"));
            }
            let text = String::from_utf8_lossy(&bytes);
            let found = zfxxgk::analysis::narrative::check_text(&text, report);
            reading.push_str(&format!("\nnarrative::check_text {found:#?}"));
        }
        let written = if hash {
            let mut h = std::hash::DefaultHasher::new();
            reading.hash(&mut h);
            writeln!(out, "{} {:016x}", f.display(), h.finish())
        } else {
            writeln!(out, "== {}\n{reading}", f.display())
        };
        if let Err(e) = written {
            eprintln!("dump_readings: {e}");
            return ExitCode::FAILURE;
        }
    }
    match out.flush() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dump_readings: {e}");
            ExitCode::FAILURE
        }
    }
}
