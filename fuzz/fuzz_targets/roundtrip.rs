//! Whatever a reader accepts must validate, check, render in every form and survive the data
//! round trips: JSON → model is the identity, and the cells CSV is a fixed point.
//!
//! The first byte picks the reader (cells CSV, JSON, text, HTML, XLSX, detected); the rest is
//! its input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zfxxgk::{ReadError, Reading, cells, detect, html, json, render, text, validate, xlsx};

fn read(data: &[u8]) -> Result<Reading, ReadError> {
    let Some((&pick, input)) = data.split_first() else {
        return Err(ReadError::NotAReport {
            found: String::new(),
        });
    };
    let utf8 = || {
        std::str::from_utf8(input).map_err(|e| ReadError::Encoding {
            offset: e.valid_up_to(),
        })
    };
    match pick % 6 {
        0 => cells::read(utf8()?),
        1 => json::read(utf8()?),
        2 => text::read(utf8()?),
        3 => html::read(input),
        4 => xlsx::read(input),
        _ => detect::read_any(input, None),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(reading) = read(data) else {
        return;
    };
    let report = &reading.report;
    let _ = validate(report);
    let _ = reading.check();
    let _ = render::text::to_string(report);
    let _ = render::markdown::to_string(report);
    let _ = render::html::to_string(report);
    let _ = report.to_string();
    let _ = xlsx::to_bytes(report).expect("writing XLSX to memory");

    let js = json::to_string(report).expect("serialising");
    let back = json::read(&js).expect("what the JSON writer wrote reads");
    assert_eq!(&back.report, report, "JSON round trip");

    let csv = cells::to_string(report).expect("writing CSV to memory");
    let again = cells::read(&csv).expect("what the CSV writer wrote reads");
    let csv2 = cells::to_string(&again.report).expect("writing CSV to memory");
    assert_eq!(csv2, csv, "cells CSV round trip");
});
