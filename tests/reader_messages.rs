//! The readers' own messages, pinned as text (insta snapshots): the `read.*` findings —
//! what it repaired, could not place or found ambiguous — for every raw file of the corpus, or
//! the error when a file is not read at all.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

fn raw_files() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(common::corpus().join("raw"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn render(input: &str) -> String {
    // Each file through the reader its shape calls for (046 is HTML; the others text).
    match zfxxgk::read::any(input.as_bytes(), None) {
        Ok(reading) => {
            let mut out = format!(
                "{} {} edition {}\n",
                reading.report.issuer, reading.report.year, reading.report.edition
            );
            for f in reading
                .findings
                .iter()
                .filter(|f| f.rule.id().starts_with("read."))
            {
                out.push_str(&format!(
                    "{} {} {} | {}\n",
                    f.severity, f.rule, f.location, f.message
                ));
            }
            out
        }
        Err(e) => format!("error: {e}\n"),
    }
}

#[test]
fn reader_messages_on_every_raw_file() {
    let files = raw_files();
    assert!(files.len() > 40, "the corpus is missing");
    for (name, raw) in files {
        insta::assert_snapshot!(format!("read-{name}"), render(&raw));
    }
}
