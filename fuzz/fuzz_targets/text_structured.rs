//! The text reader on report texts the structure-aware generator builds from the fuzzer's
//! bytes (headings, table rows with official labels, marks, digit runs, prose with figures,
//! repeated rows and sections), beside the byte mutator of the `text` target: a reading or an
//! error, never a panic; what it reads validates, checks its prose and renders.
#![no_main]

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(text) = zfxxgk_fuzz::report_text(&mut u) else {
        return;
    };
    if let Ok(reading) = zfxxgk::text::read(&text) {
        let _ = reading.check();
        let _ = zfxxgk::render::text::to_string(&reading.report);
    }
});
