//! The corpus as a test suite: every complete report of `tests/data/corpus` is read from its
//! raw text and compared, cell by cell and finding by finding, with its expected files; every
//! excerpt must read without panicking. Known differences are listed, with their reason, in
//! `tests/data/known-differences.txt`; a listed difference that no longer occurs fails the test
//! too, so the list only shrinks (a ratchet).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "test harness: failing loudly is the point"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use zfxxgk::{Cell, Severity, cells, text};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

/// The complete reports the readers must read, each by the reader its shape detects
/// (`zfxxgk::read::any`): text and Markdown by the text reader, 046 by the HTML reader.
const COMPLETE: &[&str] = &[
    "000_499bb3d63922cf9c",
    "001_pingtan-2019",
    "003_pingtan-2021",
    "005_pingtan-2023",
    "007_pingtan-2025",
    "008_huaian-city-2024-pypdf",
    "009_huaian-city-2024-pdfminer",
    "010_hongze-district-2023-pypdf",
    "011_hongze-district-2024-pypdf",
    "012_shanghai-stcsm-2024-md",
    #[cfg(feature = "html")]
    "046_shanghai-govoffice-2019-js-html",
    "049_huaian-city-2024-layout",
    "050_hongze-district-2023-layout",
    "051_hongze-district-2024-layout",
];

fn corpus(dir: &str) -> PathBuf {
    Path::new(DATA).join("corpus").join(dir)
}

/// `file → (key → reason)`; key is `table/row/column` or `findings`.
fn known() -> BTreeMap<String, BTreeMap<String, String>> {
    let text =
        fs::read_to_string(Path::new(DATA).join("known-differences.txt")).unwrap_or_default();
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, char::is_whitespace);
        let file = parts.next().unwrap().to_owned();
        let key = parts.next().unwrap_or("").to_owned();
        let reason = parts.next().unwrap_or("").trim().to_owned();
        out.entry(file).or_default().insert(key, reason);
    }
    out
}

type FindingKey = (String, String, String, String, String);

fn expected_findings(name: &str) -> BTreeSet<FindingKey> {
    let text =
        fs::read_to_string(corpus("expected").join(format!("{name}.findings.json"))).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let s = |x: &serde_json::Value| x.as_str().unwrap_or("").to_owned();
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let l = &f["location"];
            (
                s(&f["rule"]),
                s(&f["severity"]),
                s(&l["table"]),
                s(&l["row"]),
                s(&l["column"]),
            )
        })
        .collect()
}

fn compared_rule(rule: &str) -> bool {
    rule.starts_with("applications.") || rule == "appeals.total" || rule == "structure.edition"
}

#[test]
fn complete_reports_read_cell_for_cell() {
    let known = known();
    let mut problems = Vec::new();
    let mut used: BTreeSet<(String, String)> = BTreeSet::new();
    let mut table = String::new();
    for name in COMPLETE {
        let raw = fs::read_to_string(corpus("raw").join(format!("{name}.txt"))).unwrap();
        let expected_csv =
            fs::read_to_string(corpus("expected").join(format!("{name}.cells.csv"))).unwrap();
        let expected = cells::read(&expected_csv).unwrap().report;
        let uncertain: BTreeSet<String> =
            fs::read_to_string(corpus("expected").join(format!("{name}.uncertain")))
                .unwrap_or_default()
                .lines()
                .map(|l| l.trim().replace(',', "/"))
                .filter(|l| !l.is_empty())
                .collect();
        let listed = known.get(*name).cloned().unwrap_or_default();
        let mut differ = |key: String, what: String, problems: &mut Vec<String>| {
            if listed.contains_key(&key) {
                used.insert(((*name).to_owned(), key));
            } else {
                problems.push(format!("{name}: {key}: {what}"));
            }
        };
        let reading = match zfxxgk::read::any(raw.as_bytes(), None) {
            Ok(r) => r,
            Err(e) => {
                differ(
                    "read".to_owned(),
                    format!("read failed: {e}"),
                    &mut problems,
                );
                continue;
            }
        };
        let got = &reading.report;
        let mut right = 0usize;
        let mut total = 0usize;
        for (key, want, have) in [
            (
                "report/issuer",
                expected.issuer.to_string(),
                got.issuer.to_string(),
            ),
            (
                "report/year",
                expected.year.to_string(),
                got.year.to_string(),
            ),
            (
                "report/edition",
                expected.edition.to_string(),
                got.edition.to_string(),
            ),
        ] {
            total += 1;
            if want == have {
                right += 1;
            } else {
                differ(
                    key.to_owned(),
                    format!("expected `{want}`, read `{have}`"),
                    &mut problems,
                );
            }
        }
        for address in expected.addresses() {
            let key = address.to_string();
            if uncertain.contains(&key) {
                continue;
            }
            total += 1;
            let want = expected
                .cell(address)
                .map(Cell::csv_text)
                .unwrap_or_default();
            let have = got.cell(address).map(Cell::csv_text).unwrap_or_default();
            if want == have {
                right += 1;
            } else {
                differ(
                    key,
                    format!("expected `{want}`, read `{have}`"),
                    &mut problems,
                );
            }
        }
        let want = expected_findings(name);
        let have: BTreeSet<FindingKey> = reading
            .check()
            .into_iter()
            .filter(|f| {
                compared_rule(f.rule.id())
                    && matches!(f.severity, Severity::Error | Severity::Warning)
            })
            .map(|f| {
                let l = f.location;
                (
                    f.rule.id().to_owned(),
                    f.severity.key().to_owned(),
                    l.table,
                    l.row.unwrap_or_default(),
                    l.column.unwrap_or_default(),
                )
            })
            .collect();
        if want != have {
            differ(
                "findings".to_owned(),
                format!("expected {want:?}, found {have:?}"),
                &mut problems,
            );
        }
        table.push_str(&format!("{name:40} {right:4} / {total:4}\n"));
    }
    println!("cells right / cells expected\n{table}");
    for (file, keys) in &known {
        for key in keys.keys() {
            if !used.contains(&(file.clone(), key.clone())) {
                problems.push(format!(
                    "{file}: {key}: listed in known-differences.txt but now reads right: remove it"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_excerpt_reads_without_panic() {
    let mut summary = String::new();
    for entry in fs::read_dir(corpus("raw")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with("-excerpt.txt") {
            continue;
        }
        let raw = fs::read_to_string(&path).unwrap();
        match text::read(&raw) {
            Ok(r) => summary.push_str(&format!(
                "{name}: {} {} edition {}, {} cells\n",
                r.report.issuer,
                r.report.year,
                r.report.edition,
                r.report.proactive.len() + r.report.applications.len() + r.report.appeals.len()
            )),
            Err(e) => summary.push_str(&format!("{name}: {e}\n")),
        }
    }
    println!("{summary}");
}

/// `pdftotext -layout` aligns by characters: a cell blanked out of a real layout file keeps its
/// column (section 三, the 商业企业 cell of 一、本年新收, the 自然人 cells of 二、上年结转 and, a page
/// later, of 3.补正后申请内容仍不明确; section 二, the 本年废止件数 cell of 规章).
#[test]
fn a_blank_in_layout_text_keeps_its_column() {
    use zfxxgk::{ApplicantColumn as C, ApplicationRow as R, ProactiveColumn as P, ProactiveRow};
    let name = "049_huaian-city-2024-layout";
    let raw = fs::read_to_string(corpus("raw").join(format!("{name}.txt"))).unwrap();
    let blank = |raw: &str, line: &str, value: &str, nth: usize| -> String {
        let start = raw.find(line).unwrap();
        let end = start + raw[start..].find('\n').unwrap();
        let mut row = raw[start..end].to_owned();
        let at = row.match_indices(value).nth(nth).unwrap().0;
        row.replace_range(at..at + value.len(), &" ".repeat(value.len()));
        format!("{}{}{}", &raw[..start], row, &raw[end..])
    };
    let text = blank(&raw, "一、本年新收政府信息公开申请数量", "53", 0);
    let text = blank(&text, "二、上年结转政府信息公开申请数量", "34", 0);
    let text = blank(&text, "规章            1", "0", 0);
    // On the next page, whose columns lie elsewhere: the nearest full row of the page aligns.
    let text = blank(&text, "3.补正后申请内容仍不明确", "1", 0);
    let reading = text::read(&text).unwrap();
    let got = |a: zfxxgk::Address| reading.report.cell(a).map(Cell::csv_text);
    use zfxxgk::Address::{Applications as A, Proactive as Pr};
    assert_eq!(got(A(R::Received, C::Commercial)).as_deref(), Some(""));
    assert_eq!(got(A(R::Received, C::Research)).as_deref(), Some("0"));
    assert_eq!(got(A(R::Received, C::Total)).as_deref(), Some("3119"));
    assert_eq!(
        got(A(R::CarriedOver, C::NaturalPerson)).as_deref(),
        Some("")
    );
    assert_eq!(got(A(R::CarriedOver, C::Commercial)).as_deref(), Some("0"));
    assert_eq!(got(A(R::CarriedOver, C::Total)).as_deref(), Some("34"));
    assert_eq!(
        got(A(R::UnavailableUnclear, C::NaturalPerson)).as_deref(),
        Some("")
    );
    assert_eq!(
        got(A(R::UnavailableUnclear, C::Commercial)).as_deref(),
        Some("0")
    );
    assert_eq!(
        got(A(R::UnavailableUnclear, C::Total)).as_deref(),
        Some("1")
    );
    let regulations = |c| got(Pr(ProactiveRow::Regulations, c));
    assert_eq!(regulations(P::Issued).as_deref(), Some("1"));
    assert_eq!(regulations(P::Repealed).as_deref(), Some(""));
    assert_eq!(regulations(P::InForce).as_deref(), Some("11"));
}
