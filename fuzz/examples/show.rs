//! Prints what the structure-aware generator builds from a fuzz input, so that a slow unit or
//! a crash of `text_structured` or `narrative` can be read and made a regression test:
//! `cargo run --manifest-path fuzz/Cargo.toml --example show -- text_structured FILE`.
//!
//! For `narrative` it prints the cells it fills (`key=value` lines, then a blank line) and the
//! prose, in the target's order of reading the bytes.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a tool that fails loudly")]

use libfuzzer_sys::arbitrary::Unstructured;
use zfxxgk::{Cell, CellType, Edition, Report};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (target, file) = (args.get(1).expect("TARGET"), args.get(2).expect("FILE"));
    let data = std::fs::read(file).expect("the input");
    let mut u = Unstructured::new(&data);
    match target.as_str() {
        "text_structured" => print!("{}", zfxxgk_fuzz::report_text(&mut u).expect("text")),
        "narrative" => {
            let edition = u.choose(&[Edition::E2019, Edition::E2021]).copied().unwrap();
            let year = u.int_in_range(2019u16..=2026).unwrap_or(2024);
            let mut report = Report::new("某县某局", year, edition);
            for a in report.addresses() {
                let Ok(n) = u.int_in_range(0u8..=24) else { break };
                if n < 20 {
                    report.set(a, Cell::from_text(&n.to_string(), a.cell_type()));
                } else if n == 20 {
                    report.set(a, Cell::from_text("/", CellType::Count));
                }
            }
            println!("{edition:?} {year}");
            print!("{}", zfxxgk::cells::to_string(&report).unwrap());
            println!();
            let mut text = String::new();
            while !u.is_empty() && text.len() < zfxxgk_fuzz::MAX_TEXT {
                match zfxxgk_fuzz::sentence(&mut u) {
                    Ok(s) => text.push_str(&s),
                    Err(_) => break,
                }
            }
            println!("{text}");
        }
        other => panic!("no generator for {other}"),
    }
}
