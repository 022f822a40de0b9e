//! Shape detection and the reader it picks, on arbitrary bytes: a reading or an error, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let shape = zfxxgk::detect::shape(data, None);
    let detected = zfxxgk::detect::read_any(data, None);
    let forced = zfxxgk::detect::read_any(data, Some(shape));
    assert_eq!(
        detected.is_ok(),
        forced.is_ok(),
        "detection is deterministic"
    );
    if let Ok(reading) = detected {
        let _ = reading.check();
    }
});
