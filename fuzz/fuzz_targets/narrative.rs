//! The prose check (`narrative.sum`, `narrative.table`) on prose the structure-aware
//! generator builds (sentences with totals, parts, subjects and figures, long runs of digits,
//! one clause repeated hundreds of times), and on the raw bytes as UTF-8: findings or none,
//! never a panic, and — with `-timeout=2` — never slow. Its findings' byte ranges lie in the
//! text.
#![no_main]

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(mut report) = zfxxgk_fuzz::narrative_report(&mut u) else {
        return;
    };
    let text = zfxxgk_fuzz::narrative_prose(&mut u);
    let raw = String::from_utf8_lossy(data);
    for prose in [text.as_str(), raw.as_ref()] {
        for f in zfxxgk::analysis::narrative::check_text(prose, Some(&report)) {
            let bytes = f.location.bytes.clone().unwrap_or(0..0);
            assert!(bytes.end <= prose.len(), "a finding outside the text");
            assert!(prose.is_char_boundary(bytes.start) && prose.is_char_boundary(bytes.end));
        }
        let _ = zfxxgk::analysis::narrative::check_text(prose, None);
    }
    report.prose.overview = Some(text);
    let _ = zfxxgk::analysis::narrative::check(&report);
});
