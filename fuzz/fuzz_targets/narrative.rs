//! The prose check (`narrative.sum`, `narrative.table`) on prose the structure-aware
//! generator builds (sentences with totals, parts, subjects and figures, long runs of digits,
//! one clause repeated hundreds of times), and on the raw bytes as UTF-8: findings or none,
//! never a panic, and — with `-timeout=2` — never slow. Its findings' byte ranges lie in the
//! text.
#![no_main]

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use zfxxgk::{Cell, CellType, Edition, Report};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(edition) = u.choose(&[Edition::E2019, Edition::E2021]).copied() else {
        return;
    };
    let year = u.int_in_range(2019u16..=2026).unwrap_or(2024);
    let mut report = Report::new("某县某局", year, edition);
    // Some cells filled, some blank: comparisons run, and some are not assessable.
    for a in report.addresses() {
        let Ok(n) = u.int_in_range(0u8..=24) else { break };
        if n < 20 {
            report.set(a, Cell::from_text(&n.to_string(), a.cell_type()));
        } else if n == 20 {
            report.set(a, Cell::from_text("/", CellType::Count));
        }
    }
    let mut text = String::new();
    while !u.is_empty() && text.len() < zfxxgk_fuzz::MAX_TEXT {
        match zfxxgk_fuzz::sentence(&mut u) {
            Ok(s) => text.push_str(&s),
            Err(_) => break,
        }
    }
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
