//! The DOCX reader on arbitrary bytes: it returns a reading or an error, never panics, and
//! what it reads validates and writes back as a DOCX document that reads to the same cells.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reading) = zfxxgk::docx::read(data) {
        let _ = reading.check();
        let bytes = zfxxgk::docx::to_bytes(&reading.report).expect("writing to memory");
        let back = zfxxgk::docx::read(&bytes).expect("a written document reads");
        assert_eq!(
            zfxxgk::cells::to_string(&back.report).ok(),
            zfxxgk::cells::to_string(&reading.report).ok()
        );
    }
});
