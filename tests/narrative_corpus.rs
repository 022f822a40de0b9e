//! Runs `narrative::check_text` over a folder of raw reports and prints every finding, for the
//! precision review in `docs/narrative-review.md`. Set `ZFXXGK_CORPUS` to the corpus folder
//! (with `raw/` and `expected/`) and run with `--ignored --nocapture`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a review tool")]

use zfxxgk::analysis::narrative;
use zfxxgk::cells;

#[test]
#[ignore = "needs the corpus folder in ZFXXGK_CORPUS"]
fn review_corpus() {
    let Ok(root) = std::env::var("ZFXXGK_CORPUS") else {
        return;
    };
    let mut names: Vec<_> = std::fs::read_dir(format!("{root}/raw"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for name in names {
        let text = std::fs::read_to_string(format!("{root}/raw/{name}")).unwrap();
        // Skip the three metadata lines of non-seed files (not the seed, which has none).
        let body_start = if text.starts_with("source:") {
            text.match_indices('\n').nth(2).map_or(0, |(i, _)| i + 1)
        } else {
            0
        };
        let stem = name.trim_end_matches(".txt");
        let report = std::fs::read_to_string(format!("{root}/expected/{stem}.cells.csv"))
            .ok()
            .map(|csv| cells::read(&csv).unwrap().report);
        let body = &text[body_start..];
        for f in narrative::check_text(body, report.as_ref()) {
            let bytes = f.location.bytes.clone().unwrap();
            println!(
                "{name}\t{}\t{}\t[{}, {})\tline {}\t{}",
                f.rule,
                f.severity,
                bytes.start + body_start,
                bytes.end + body_start,
                f.location.line.unwrap() + text[..body_start].matches('\n').count(),
                f.message
            );
        }
    }
}

/// Every raw file of the corpus read with `read::any` (the ones that read), its prose checked
/// with `narrative::check` against the tables the reader found. Byte ranges are within the
/// section's text (`location.row` names it).
#[test]
#[ignore = "needs the corpus folder in ZFXXGK_CORPUS"]
fn review_corpus_read() {
    let Ok(root) = std::env::var("ZFXXGK_CORPUS") else {
        return;
    };
    let mut names: Vec<_> = std::fs::read_dir(format!("{root}/raw"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for name in names {
        let bytes = std::fs::read(format!("{root}/raw/{name}")).unwrap();
        let Ok(reading) = zfxxgk::read::any(&bytes, None) else {
            println!("{name}\tunread");
            continue;
        };
        for f in narrative::check(&reading.report) {
            let b = f.location.bytes.clone().unwrap();
            println!(
                "{name}\t{}\t{}\t{}\t[{}, {})\t{}\texp={:?} act={:?}\tops={:?}",
                f.rule,
                f.severity,
                f.location.row.as_deref().unwrap_or(""),
                b.start,
                b.end,
                f.message,
                f.expected,
                f.actual,
                f.operands
                    .iter()
                    .map(|o| (
                        o.location.row.clone(),
                        o.location.column.clone(),
                        o.value.clone()
                    ))
                    .collect::<Vec<_>>()
            );
        }
    }
}
