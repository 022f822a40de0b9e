//! The PDF reader on arbitrary bytes: it returns a reading or an error, never panics or hangs,
//! and what it reads validates. Seeded with the three published PDFs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reading) = zfxxgk::pdf::read(data) {
        let _ = reading.check();
    }
});
