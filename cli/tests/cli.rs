//! The `zfxxgk` command line, end to end.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod common;
use common::{tempdir, zfxxgk};

fn data() -> PathBuf {
    common::corpus("expected")
}

const EXPECTED_RULES: &[&str] = &[
    "applications.balance",
    "applications.row-total",
    "applications.outcome-total",
    "appeals.total",
    "structure.edition",
];

type Key = (String, String, String, String, String);

fn key_of(f: &serde_json::Value) -> Key {
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_owned();
    let loc = &f["location"];
    (
        s(&f["rule"]),
        s(&f["severity"]),
        s(&loc["table"]),
        s(&loc["row"]),
        s(&loc["column"]),
    )
}

// Every expected findings file of the corpus (the table arithmetic and edition rules) is
// reproduced exactly by `zfxxgk check --format json` on the matching cells CSV.
#[test]
fn check_reproduces_every_expected_findings_file() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".cells.csv"))
        .collect();
    files.sort();
    assert!(files.len() >= 14);
    let out = zfxxgk()
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(&files)
        .output()
        .unwrap();
    // 洪泽区 2023 has appeals.total errors: exit status 1.
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), files.len(), "one JSON line per file");
    let mut nonempty = 0;
    for (line, path) in lines.iter().zip(&files) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["file"].as_str().unwrap(), path.display().to_string());
        for field in ["issuer", "year", "edition", "findings"] {
            assert!(v.get(field).is_some(), "missing {field}");
        }
        let ours: BTreeSet<Key> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| EXPECTED_RULES.contains(&f["rule"].as_str().unwrap()))
            .filter(|f| f["severity"] != "info")
            .map(key_of)
            .collect();
        let expected_path = path
            .to_string_lossy()
            .replace(".cells.csv", ".findings.json");
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap()).unwrap();
        let expected: BTreeSet<Key> = expected.as_array().unwrap().iter().map(key_of).collect();
        assert_eq!(ours, expected, "{}", path.display());
        if !expected.is_empty() {
            nonempty += 1;
        }
    }
    assert_eq!(nonempty, 4, "010, 011, 050, 051 have findings");
}

#[test]
fn check_exits_0_on_a_clean_report_and_prints_labels() {
    let path = data().join("008_huaian-city-2024-pypdf.cells.csv");
    let out = zfxxgk().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("淮安市人民政府 2024 年度报告（2021 年版格式）— 0 个错误"),
        "{stdout}"
    );
}

#[test]
fn check_human_groups_findings_by_table_with_official_labels() {
    let path = data().join("010_hongze-district-2023-pypdf.cells.csv");
    let out = zfxxgk().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("  四、政府信息公开行政复议、行政诉讼情况\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("错误 appeals.total 行政复议 / 总计（应为结果维持、结果纠正、其他结果、尚未审结之和）：应为 11，实为 0"),
        "{stdout}"
    );
}

#[test]
fn an_unreadable_file_exits_2_names_it_and_the_others_are_still_checked() {
    let dir = tempdir("an_unreadable_file_exits_2_names_it_and_the_others_are_still_checked");
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "not,a,cells,file\n").unwrap();
    let good = data().join("008_huaian-city-2024-pypdf.cells.csv");
    let out = zfxxgk()
        .args(["check", "--format", "json"])
        .arg(&bad)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad.csv"), "{stderr}");
    assert!(
        stderr.contains("expected the header `table,row,column,value`"),
        "{stderr}"
    );
    // The unreadable file has its line too, first, with a stable kind and its position.
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], bad.display().to_string());
    assert_eq!(lines[0]["error"]["kind"], "header");
    assert_eq!(lines[0]["error"]["line"], 1);
    assert!(lines[0].get("findings").is_none());
    assert_eq!(lines[1]["issuer"], "淮安市人民政府");
    assert_eq!(lines[1]["zfxxgk"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn bad_cells_get_line_and_key_and_are_kept() {
    let dir = tempdir("bad_cells_get_line_and_key_and_are_kept");
    let path = dir.join("messy.csv");
    std::fs::write(
        &path,
        "table,row,column,value\nreport,issuer,,某局\nreport,year,,2024\nreport,edition,,2021\n\
         applications,received,natural_person,-3\napplications,received,commercial,12a\n\
         applications,recieved,other,4\nappeals,review\n",
    )
    .unwrap();
    let out = zfxxgk()
        .args(["check", "--all", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "cell.invalid is an error");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let by_rule = |r: &str| {
        findings
            .iter()
            .filter(|f| f["rule"] == r)
            .collect::<Vec<_>>()
    };
    let invalid = by_rule("cell.invalid");
    assert_eq!(invalid.len(), 2);
    assert_eq!(invalid[0]["location"]["line"], 5);
    assert_eq!(invalid[0]["actual"], "-3");
    assert!(
        invalid[0]["message"]
            .as_str()
            .unwrap()
            .contains("应为非负整数，实为「-3」")
    );
    let unplaced = by_rule("read.unplaced");
    assert_eq!(unplaced.len(), 2);
    let messages: Vec<&str> = unplaced
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("第 7 行") && m.contains("recieved")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("第 8 行") && m.contains("应有 4 个字段")),
        "{messages:?}"
    );
    // The unknown key's value survives a conversion to JSON.
    let out = zfxxgk()
        .args(["convert", "--to", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("\"key\": \"applications,recieved,other\""),
        "{stdout}"
    );
    assert!(stdout.contains("\"12a\""));
}

#[test]
fn convert_csv_to_json_and_back_is_the_identity() {
    let dir = tempdir("convert_csv_to_json_and_back_is_the_identity");
    let src = data().join("046_shanghai-govoffice-2019-js-html.cells.csv");
    let json_path = dir.join("r.json");
    zfxxgk()
        .args(["convert", "--to", "json", "-o"])
        .arg(&json_path)
        .arg(&src)
        .assert()
        .success();
    let out = zfxxgk()
        .args(["convert", "--to", "csv"])
        .arg(&json_path)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, std::fs::read(&src).unwrap());
}

#[test]
fn schema_names_every_key_of_the_catalogue() {
    let out = zfxxgk().arg("schema").output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let apps = &v["properties"]["applications"]["properties"];
    assert_eq!(apps.as_object().unwrap().len(), 26);
    assert_eq!(
        apps["other.unpaid_fee"]["properties"]["total"]["title"],
        "总计"
    );
    assert_eq!(
        v["properties"]["proactive"]["properties"]["fees"]["title"],
        "行政事业性收费"
    );
}

#[test]
fn a_folder_is_checked_with_a_summary_and_unreadable_files_do_not_stop_it() {
    let dir = tempdir("a_folder_is_checked_with_a_summary_and_unreadable_files_do_not_stop_it")
        .join("folder");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for stem in [
        "008_huaian-city-2024-pypdf",
        "010_hongze-district-2023-pypdf",
    ] {
        std::fs::copy(
            data().join(format!("{stem}.cells.csv")),
            dir.join(format!("sub/{stem}.csv")),
        )
        .unwrap();
    }
    std::fs::write(dir.join("broken.json"), "[1, 2]").unwrap();
    std::fs::write(dir.join("notes.txt"), "not a report").unwrap();
    let out = zfxxgk()
        .args(["check", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    // Every input has its line, in path order: broken.json, notes.txt, sub/008, sub/010.
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let files: Vec<&str> = lines.iter().map(|l| l["file"].as_str().unwrap()).collect();
    let mut sorted = files.clone();
    sorted.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
    assert_eq!(files, sorted);
    assert_eq!(lines.len(), 4, "{stdout}");
    assert_eq!(lines[0]["error"]["kind"], "syntax");
    assert_eq!(lines[1]["error"]["kind"], "not-a-report");
    assert!(lines[2]["findings"].is_array() && lines[3]["findings"].is_array());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("汇总：读取 2 个文件，2 个无法读取，0 个不是报告类型；2 个错误"),
        "{stderr}"
    );
    // The status says both: unreadable files, and error findings beside them.
    assert!(
        stderr.contains("退出状态 2：有文件无法读取，另有 2 条达到 --fail-on 的发现"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "broken.json: line 1, column 1: expected a report as JSON: expected an object"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("错误 appeals.total                2"),
        "{stderr}"
    );
}

#[test]
fn a_folder_converts_to_one_long_cells_table() {
    let dir = tempdir("a_folder_converts_to_one_long_cells_table").join("long");
    std::fs::create_dir_all(&dir).unwrap();
    for stem in ["000_499bb3d63922cf9c", "008_huaian-city-2024-pypdf"] {
        std::fs::copy(
            data().join(format!("{stem}.cells.csv")),
            dir.join(format!("{stem}.csv")),
        )
        .unwrap();
    }
    let out = zfxxgk()
        .args(["convert", "--to", "csv"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file,issuer,year,edition,table,row,column,value")
    );
    // 198 cells in the 2019 layout (22 + 23 × 7 + 15), 200 in the 2021 layout (10 + 25 × 7 + 15).
    assert_eq!(lines.clone().count(), 198 + 200);
    assert!(
        text.contains(
            "008_huaian-city-2024-pypdf.csv,淮安市人民政府,2024,2021,appeals,review,upheld,72\n"
        ),
        "{}",
        &text[..300]
    );
}

#[test]
fn series_findings_go_with_the_file_of_year_n() {
    let files: Vec<PathBuf> = [
        "007_pingtan-2025",
        "001_pingtan-2019",
        "003_pingtan-2021",
        "005_pingtan-2023",
    ]
    .iter()
    .map(|s| data().join(format!("{s}.cells.csv")))
    .collect();
    let out = zfxxgk()
        .args(["check", "--series", "--all", "--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.code().unwrap() <= 1,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let series = |v: &serde_json::Value| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"].as_str().unwrap().starts_with("series."))
            .count()
    };
    // 2019 is the first year: nothing to compare with. Each later year follows a gap of one
    // year (2020, 2022, 2024 are missing), which breaks the chain and is said.
    assert_eq!(lines[1]["year"], 2019);
    assert_eq!(series(&lines[1]), 0);
    for i in [0, 2, 3] {
        assert!(series(&lines[i]) >= 1, "{}", lines[i]);
    }
}

#[test]
fn sum_adds_units_and_sum_of_compares_the_total() {
    let unit = data().join("008_huaian-city-2024-pypdf.cells.csv");
    let out = zfxxgk()
        .args(["sum", "--to", "csv"])
        .arg(&unit)
        .arg(&unit)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("appeals,review,upheld,144\n"), "72 + 72");
    // The total's own report equals one unit, not the sum of two: every non-zero cell differs.
    let out = zfxxgk()
        .args(["check", "--sum-of", "--format", "json"])
        .arg(&unit)
        .arg(&unit)
        .arg(&unit)
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mismatches: Vec<&serde_json::Value> = lines[2]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "aggregate.mismatch" && f["severity"] == "warning")
        .collect();
    assert!(mismatches.iter().any(|f| f["location"]["row"] == "review"
        && f["location"]["column"] == "upheld"
        && f["expected"] == "144"
        && f["actual"] == "72"));
    assert!(
        lines[0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "aggregate.mismatch")
    );
    // Different years cannot be summed: a clear error naming the files.
    let other = data().join("003_pingtan-2021.cells.csv");
    let out = zfxxgk().arg("sum").arg(&unit).arg(&other).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("003_pingtan-2021.cells.csv"), "{stderr}");
}

fn raw() -> PathBuf {
    common::corpus("raw")
}

// `zfxxgk convert --to csv FILE.txt|.md|.html` prints the cells: for the complete reports of the
// corpus, exactly the expected cells CSV.
#[test]
fn published_text_markdown_and_html_convert_to_the_expected_cells() {
    for stem in [
        "008_huaian-city-2024-pypdf",
        "001_pingtan-2019",
        "012_shanghai-stcsm-2024-md",
        "046_shanghai-govoffice-2019-js-html",
        "050_hongze-district-2023-layout",
    ] {
        let out = zfxxgk()
            .args(["convert", "--to", "csv"])
            .arg(raw().join(format!("{stem}.txt")))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{stem}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let expected = std::fs::read_to_string(data().join(format!("{stem}.cells.csv"))).unwrap();
        let expected = zfxxgk::cells::read(&expected).unwrap().report;
        let got = zfxxgk::cells::read(&String::from_utf8(out.stdout).unwrap())
            .unwrap()
            .report;
        assert_eq!(
            (&got.issuer, got.year, got.edition),
            (&expected.issuer, expected.year, expected.edition),
            "{stem}"
        );
        // The uncertain cells of a report are not scored; every other cell must match.
        let uncertain =
            std::fs::read_to_string(data().join(format!("{stem}.uncertain"))).unwrap_or_default();
        assert_eq!(got.addresses(), expected.addresses(), "{stem}");
        for a in expected.addresses() {
            if uncertain.lines().any(|u| {
                u.trim() == format!("{},{},{}", a.table().key(), a.row_key(), a.column_key())
            }) {
                continue;
            }
            let text =
                |r: &zfxxgk::Report| r.cell(a).map(zfxxgk::Cell::csv_text).unwrap_or_default();
            assert_eq!(text(&got), text(&expected), "{stem} {a}");
        }
    }
}

#[test]
fn check_reads_published_text_and_finds_the_seed_prose_sum() {
    let out = zfxxgk()
        .args(["check", "--format", "json"])
        .arg(raw().join("000_499bb3d63922cf9c.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["issuer"], "彭阳县退役军人事务局");
    let sum = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "narrative.sum")
        .unwrap();
    assert_eq!(sum["expected"], "24");
}

#[test]
fn xlsx_round_trips_through_the_cli() {
    let dir = tempdir("xlsx_round_trips_through_the_cli");
    let book = dir.join("r.xlsx");
    let src = data().join("010_hongze-district-2023-pypdf.cells.csv");
    zfxxgk()
        .args(["convert", "--to", "xlsx", "-o"])
        .arg(&book)
        .arg(&src)
        .assert()
        .success();
    let out = zfxxgk()
        .args(["convert", "--to", "csv"])
        .arg(&book)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        std::fs::read_to_string(&src).unwrap()
    );
    let out = zfxxgk()
        .args(["convert", "--to", "xlsx"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "xlsx needs -o");
}

#[test]
fn docx_round_trips_through_the_cli() {
    let dir = tempdir("docx_round_trips_through_the_cli");
    let doc = dir.join("r.docx");
    let src = data().join("010_hongze-district-2023-pypdf.cells.csv");
    zfxxgk()
        .args(["convert", "--to", "docx", "-o"])
        .arg(&doc)
        .arg(&src)
        .assert()
        .success();
    let out = zfxxgk()
        .args(["convert", "--to", "csv"])
        .arg(&doc)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        std::fs::read_to_string(&src).unwrap()
    );
    // `check` quotes the row of the document a wrong total stands in.
    let out = zfxxgk().arg("check").arg(&doc).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("| 10    1    0    0    0    0    0    0    0    0    5    0    0    0    0"),
        "{text}"
    );
    let out = zfxxgk()
        .args(["convert", "--to", "docx"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "docx needs -o");
}

// FORMAT.md, section 二 (2019): 采购总金额 has "no unit in the format; reports write 元 or 万元";
// the amount is kept as stated with its unit beside it.
#[test]
fn the_procurement_unit_is_kept() {
    let out = zfxxgk()
        .args(["convert", "--to", "json"])
        .arg(raw().join("046_shanghai-govoffice-2019-js-html.txt"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["procurement_unit"], "元");
    assert_eq!(v["proactive"]["procurement"]["amount"]["value"], "251000");
}

// The human output quotes the source line with the cell marked.
#[test]
fn human_output_quotes_the_source_with_the_cell_marked() {
    let dir = tempdir("human_output_quotes_the_source_with_the_cell_marked");
    let path = dir.join("quote.csv");
    std::fs::write(
        &path,
        "table,row,column,value\nreport,issuer,,某局\nreport,year,,2024\nreport,edition,,2021\nappeals,review,upheld,12件\n",
    )
    .unwrap();
    let out = zfxxgk().arg("check").arg(&path).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("quote.csv:5:23"), "{stdout}");
    assert!(
        stdout.contains("5 | appeals,review,upheld,12件"),
        "{stdout}"
    );
    assert!(stdout.contains("^^^^ 此处：12件"), "{stdout}");
    // From published text: the zero 总计 of 洪泽区 2023's review block, on its PDF line.
    let out = zfxxgk()
        .arg("check")
        .arg(raw().join("010_hongze-district-2023-pypdf.txt"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("135 | 10 1 0 0 0 0 0 0 0 0 5 0 0 0 0"),
        "{stdout}"
    );
}

// A wide line — a web page's table on one line of 32,000 columns, a PDF's text without line
// breaks — is quoted as a window around the cell, and the mark stays under the cell: the text
// from the caret on is the source text at the finding's line and column.
#[test]
fn a_wide_line_is_quoted_as_a_window_with_the_cell_marked() {
    use unicode_width::UnicodeWidthStr as _;
    for (name, windowed) in [
        ("046_shanghai-govoffice-2019-js-html.txt", true),
        ("001_pingtan-2019.txt", true),
        ("010_hongze-district-2023-pypdf.txt", false),
    ] {
        let path = raw().join(name);
        let source = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = source.split('\n').collect();
        let out = zfxxgk().arg("check").arg(&path).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        // 046 printed 4.4 MB when each finding quoted the whole line.
        assert!(stdout.len() < 64 * 1024, "{name}: {} bytes", stdout.len());
        let printed: Vec<&str> = stdout.lines().collect();
        let mut quotes = 0;
        let mut cut = 0;
        for (i, l) in printed.iter().enumerate() {
            let Some(at) = l.trim_start().strip_prefix("--> ") else {
                continue;
            };
            let mut parts = at.rsplitn(3, ':');
            let column: usize = parts.next().unwrap().parse().unwrap();
            let line: usize = parts.next().unwrap().parse().unwrap();
            let (_, shown) = printed[i + 2].split_once(" | ").unwrap();
            let (_, marks) = printed[i + 3].split_once(" | ").unwrap();
            assert!(shown.width() <= 3 + 40 + 80 + 40 + 3, "{name}: {shown}");
            let before = marks.find('^').unwrap();
            // The shown text from the caret's column on.
            let mut width = 0;
            let from = shown
                .char_indices()
                .find(|&(k, _)| {
                    width = shown[..k].width();
                    width >= before
                })
                .map_or(shown.len(), |(k, _)| k);
            assert_eq!(width, before, "{name}: the caret is not at a char: {marks}");
            let cell = shown[from..].trim_end_matches("...");
            let text: String = lines[line - 1]
                .trim_end_matches('\r')
                .chars()
                .skip(column - 1)
                .collect::<String>()
                .replace('\t', "    ");
            assert!(
                text.starts_with(cell),
                "{name}:{line}:{column}: {cell:?} is not the source there"
            );
            quotes += 1;
            if shown.starts_with("...") || shown.ends_with("...") {
                cut += 1;
            }
        }
        assert!(quotes > 0, "{name}: {stdout}");
        assert_eq!(cut > 0, windowed, "{name}: {cut} of {quotes} quotes cut");
    }
}
