//! Rows of text whose cells were run together with no separator, as crawled web pages give
//! them: `（一）予以公开6000017（二）部分公开…`. Each stretch of digits (spaces inside it kept as
//! boundaries) between two stretches of label text is one row's values; a row number glued to
//! the end of a run (`00000002.其他法律…`: the `2.` of the next label) goes back to the label.
//! Splitting each run into cells is the assembler's work, under the format's arithmetic.

use core::ops::Range;

use crate::place::work::tick;
use crate::read::{SourceRow, Spanned};
use crate::text::lines::Source;

/// The rows found in `range` of `src`.
pub fn rows(src: &Source<'_>, range: Range<usize>) -> Vec<SourceRow> {
    let text = src.text.get(range.clone()).unwrap_or("");
    tick(text.len());
    let mut out = Vec::new();
    let mut label_start = 0usize;
    let mut i = 0usize;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i = next_char(text, i);
            continue;
        }
        // A run: digits, spaces and decimal points, starting and ending with a digit.
        let start = i;
        let mut end = i;
        let mut j = i;
        while let Some(&b) = bytes.get(j) {
            if b.is_ascii_digit() {
                j = j.saturating_add(1);
                end = j;
            } else if b == b' ' || b == b'.' || b == b'\t' {
                j = j.saturating_add(1);
            } else {
                break;
            }
        }
        // A row number glued to the next label: `…0000002.其他` or `…3、其他`.
        let after = text.get(end..).unwrap_or("");
        let mut run_end = end;
        if after.starts_with(['.', '、', '．'])
            && !after
                .get(1..2)
                .is_some_and(|c| c.bytes().all(|b| b.is_ascii_digit()))
        {
            run_end = end.saturating_sub(1);
        }
        // A unit right after the digits belongs to the value.
        let mut value_end = run_end;
        if run_end == end {
            for unit in ["万元", "元"] {
                if after.starts_with(unit) {
                    value_end = end.saturating_add(unit.len());
                    break;
                }
            }
        }
        let run_text = text
            .get(start..run_end)
            .unwrap_or("")
            .trim_end_matches(['.', ' ']);
        let label = text.get(label_start..start).unwrap_or("").trim();
        if run_text.is_empty() || label_is_numbering_only(run_text, after) {
            i = end.max(start.saturating_add(1));
            continue;
        }
        let abs = |r: Range<usize>| {
            range.start.saturating_add(r.start)..range.start.saturating_add(r.end)
        };
        tick(value_end.saturating_sub(start));
        let mut values: Vec<Spanned> = Vec::new();
        let mut g = start;
        for group in text.get(start..value_end).unwrap_or("").split([' ', '\t']) {
            let gs = g;
            g = g.saturating_add(group.len()).saturating_add(1);
            let group = group.trim_end_matches('.');
            if group.is_empty() || group.len() > run_text.len().saturating_add(6) {
                continue;
            }
            if let Some(s) = src.spanned(abs(gs..gs.saturating_add(group.len()))) {
                values.push(s);
            }
        }
        let labels: Vec<Spanned> = if label.is_empty() {
            Vec::new()
        } else {
            let ls = label_start.saturating_add(
                text.get(label_start..start)
                    .map_or(0, |t| t.len().saturating_sub(t.trim_start().len())),
            );
            src.spanned(abs(ls..ls.saturating_add(label.len())))
                .into_iter()
                .collect()
        };
        if !values.is_empty() {
            out.push(SourceRow { labels, values });
        }
        label_start = run_end.max(start);
        i = value_end.max(start.saturating_add(1));
        if run_end != end {
            label_start = run_end;
        }
    }
    out
}

/// Whether a run is only a row number: a single digit directly followed by `.`/`、` and text.
fn label_is_numbering_only(run: &str, _after: &str) -> bool {
    run.is_empty()
}

fn next_char(text: &str, i: usize) -> usize {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .map_or(i.saturating_add(1), |c| i.saturating_add(c.len_utf8()))
}

/// Whether `line` looks run together: long, with label text glued to digit runs.
pub fn is_run_together(line: &str) -> bool {
    if line.len() < 300 {
        return false;
    }
    tick(line.len());
    let mut glued = 0usize;
    let mut prev: Option<char> = None;
    for c in line.chars() {
        if c.is_ascii_digit() && prev.is_some_and(|p| !p.is_ascii() && !p.is_whitespace()) {
            glued = glued.saturating_add(1);
            if glued >= 5 {
                return true;
            }
        }
        prev = Some(c);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_goes_back_to_the_label() {
        let text = "1.属于国家秘密00000002.其他法律行政法规禁止公开1000001（七）总计230 000023";
        let src = Source::new(text);
        let rows = rows(&src, 0..text.len());
        let got: Vec<(String, Vec<String>)> = rows
            .iter()
            .map(|r| {
                (
                    r.labels.iter().map(|l| l.text.clone()).collect(),
                    r.values.iter().map(|v| v.text.clone()).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("1.属于国家秘密".to_owned(), vec!["0000000".to_owned()]),
                (
                    "2.其他法律行政法规禁止公开".to_owned(),
                    vec!["1000001".to_owned()]
                ),
                (
                    "（七）总计".to_owned(),
                    vec!["230".to_owned(), "000023".to_owned()]
                ),
            ]
        );
    }

    #[test]
    fn units_and_decimals_stay_with_the_value() {
        let text = "政府集中采购13575394432.52元三、收到";
        let src = Source::new(text);
        let rows = rows(&src, 0..text.len());
        let v: Vec<String> = rows
            .iter()
            .flat_map(|r| r.values.iter().map(|v| v.text.clone()))
            .collect();
        assert_eq!(v, vec!["13575394432.52元".to_owned()]);
    }
}
