//! Prints what the structure-aware generator builds from a fuzz input, so that a slow unit or
//! a crash of `text_structured` or `narrative` can be read and made a regression test:
//! `cargo run --manifest-path fuzz/Cargo.toml --example show -- text_structured FILE`.
//!
//! For `narrative` it prints the edition and year, the cells CSV of the report it builds, a
//! blank line and the prose, in the target's order of reading the bytes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a tool that fails loudly"
)]

use libfuzzer_sys::arbitrary::Unstructured;

fn main() {
    let args: Vec<String> = std::env::args().collect();
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
