//! Prints what the structure-aware generator builds from a fuzz input, so that a slow unit or
//! a crash of `text_structured` or `narrative` can be read and made a regression test:
//! `cargo run --manifest-path fuzz/Cargo.toml --example show -- text_structured FILE`.
//!
//! For `narrative` it prints the edition and year, the cells CSV of the report it builds, a
//! blank line and the prose, in the target's order of reading the bytes.
//!
//! `show narrative-findings FILE...` prints, for each input, one line: the file and a hash of
//! the findings the `narrative` target's checks give on it (`check_text` with and without the
//! report, on the generated prose and on the bytes, and `check` of the report): two builds of
//! the library can be compared over a whole corpus, finding by finding.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a tool that fails loudly"
)]

use libfuzzer_sys::arbitrary::Unstructured;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("narrative-findings") {
        for file in args.iter().skip(2) {
            println!("{file} {:016x}", narrative_findings(&std::fs::read(file).unwrap()));
        }
        return;
    }
    let (target, file) = (args.get(1).expect("TARGET"), args.get(2).expect("FILE"));
    let data = std::fs::read(file).expect("the input");
    let mut u = Unstructured::new(&data);
    match target.as_str() {
        "text_structured" => print!("{}", zfxxgk_fuzz::report_text(&mut u).expect("text")),
        "narrative" => {
            let report = zfxxgk_fuzz::narrative_report(&mut u).expect("a report");
            println!("{:?} {}", report.edition, report.year);
            print!("{}", zfxxgk::cells::to_string(&report).unwrap());
            println!();
            let text = zfxxgk_fuzz::narrative_prose(&mut u);
            println!("{text}");
        }
        other => panic!("no generator for {other}"),
    }
}

/// A hash of every finding the `narrative` target's checks give on `data`.
fn narrative_findings(data: &[u8]) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    use zfxxgk::analysis::narrative::{check, check_text};
    let mut h = std::hash::DefaultHasher::new();
    let mut u = Unstructured::new(data);
    let raw = String::from_utf8_lossy(data);
    let Ok(mut report) = zfxxgk_fuzz::narrative_report(&mut u) else {
        format!("{:#?}", check_text(&raw, None)).hash(&mut h);
        return h.finish();
    };
    let text = zfxxgk_fuzz::narrative_prose(&mut u);
    for prose in [text.as_str(), raw.as_ref()] {
        format!("{:#?}", check_text(prose, Some(&report))).hash(&mut h);
        format!("{:#?}", check_text(prose, None)).hash(&mut h);
    }
    report.prose.overview = Some(text);
    format!("{:#?}", check(&report)).hash(&mut h);
    h.finish()
}
