//! The XLSX reader on arbitrary bytes: it returns a reading or an error, never panics, and
//! what it reads validates and writes back as a workbook.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reading) = zfxxgk::xlsx::read(data) {
        let _ = reading.check();
        let _ = zfxxgk::xlsx::to_bytes(&reading.report).expect("writing to memory");
    }
});
