//! The text reader never panics and returns in bounded time: on arbitrary strings, on strings
//! made of the pieces reports are made of, and on the corpus raw files cut, with a span deleted
//! or with text inserted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use zfxxgk::text;

/// Far above a normal read (milliseconds), far below a runaway search.
const BOUND: Duration = Duration::from_secs(5);

fn corpus() -> &'static [String] {
    static FILES: OnceLock<Vec<String>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut paths: Vec<_> = std::fs::read_dir(common::corpus().join("raw"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    })
}

/// Reads `input`, failing the case on a read slower than [`BOUND`] (a panic fails it anyway).
fn reads_in_bounded_time(input: &str) -> Result<(), TestCaseError> {
    let start = Instant::now();
    let _ = text::read(input);
    let took = start.elapsed();
    prop_assert!(took < BOUND, "took {took:?} on {} bytes", input.len());
    Ok(())
}

/// The nearest char boundary at or below `fraction` of `text`.
fn boundary(text: &str, fraction: f64) -> usize {
    let mut i = ((text.len() as f64) * fraction) as usize;
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Pieces of real reports, to build inputs that reach deep into the reader.
const PIECES: &[&str] = &[
    "政府信息公开工作年度报告",
    "2021年",
    "二、主动公开政府信息情况",
    "第二十条第（一）项",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "（一）予以公开",
    "规章",
    "（七）总计",
    "本年制发件数",
    "本年新制作数量",
    "開",
    "報",
    "\t",
    " ",
    "\n",
    "\n\n",
    "0",
    "1",
    "12",
    "3119",
    "270020130",
    "96171.6",
    "万元",
    "- 4 -",
    "|",
    "|---|",
    "（",
    "、",
    ".",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_strings(input in "\\PC{0,600}") {
        reads_in_bounded_time(&input)?;
    }

    #[test]
    fn strings_of_report_pieces(picks in prop::collection::vec(0..PIECES.len(), 0..200)) {
        let input: String = picks.iter().map(|&i| PIECES[i]).collect();
        reads_in_bounded_time(&input)?;
    }

    #[test]
    fn mutated_corpus_files(
        file in 0usize..64,
        op in 0u8..3,
        a in 0.0f64..1.0,
        b in 0.0f64..1.0,
        insert in "\\PC{0,40}",
    ) {
        let files = corpus();
        let raw = &files[file % files.len()];
        let (lo, hi) = (boundary(raw, a.min(b)), boundary(raw, a.max(b)));
        let mutated = match op {
            0 => raw[..hi].to_owned(),
            1 => format!("{}{}", &raw[..lo], &raw[hi..]),
            _ => format!("{}{insert}{}", &raw[..lo], &raw[lo..]),
        };
        reads_in_bounded_time(&mutated)?;
    }
}
