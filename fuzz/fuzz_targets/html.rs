//! The HTML reader (pages, fragments, HTML in JavaScript strings, UTF-8 or GBK) on arbitrary
//! bytes: it returns a reading or an error, never panics, and what it reads validates.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reading) = zfxxgk::html::read(data) {
        let _ = reading.check();
        let _ = zfxxgk::render::html::to_string(&reading.report);
    }
});
