//! The cells CSV reader on arbitrary bytes; what it reads must validate and round-trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(reading) = zfxxgk::cells::read(text) {
        let _ = reading.check();
        let csv = zfxxgk::cells::to_string(&reading.report).expect("writing to memory");
        let again = zfxxgk::cells::read(&csv).expect("what the writer wrote reads");
        assert_eq!(
            zfxxgk::cells::to_string(&again.report).expect("writing"),
            csv
        );
        let json = zfxxgk::json::to_string(&reading.report).expect("serialising");
        let back = zfxxgk::json::read(&json).expect("what the writer wrote reads");
        assert_eq!(back.report, reading.report);
    }
});
