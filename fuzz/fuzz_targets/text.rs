//! The text reader (PDF text, crawled page text, layout text, Markdown) on arbitrary UTF-8:
//! it returns a reading or an error, never panics, and what it reads validates and renders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(reading) = zfxxgk::text::read(text) {
        let _ = reading.check();
        let _ = zfxxgk::render::text::to_string(&reading.report);
    }
});
