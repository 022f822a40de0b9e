//! The machine interface of `zfxxgk check --format json`, as integrators rely on it: the same
//! bytes whatever the thread count, a line for every input, the exit status, standard input,
//! closed pipes, the schema every line validates against.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

mod common;
use common::{tempdir, zfxxgk};

fn corpus() -> PathBuf {
    common::corpus("")
}

/// A folder with every corpus file, some twice under other names, a file no reader knows and
/// one that is not a report.
fn mixed_folder() -> PathBuf {
    let dir = tempdir("mixed");
    for sub in ["raw", "expected"] {
        for entry in std::fs::read_dir(corpus().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            if name.ends_with(".txt") || name.ends_with(".csv") {
                std::fs::create_dir_all(dir.join(sub)).unwrap();
                std::fs::copy(&path, dir.join(sub).join(&name)).unwrap();
                std::fs::copy(&path, dir.join(format!("copy-{name}"))).unwrap();
            }
        }
    }
    std::fs::write(dir.join("picture.png"), b"\x89PNG\r\n").unwrap();
    std::fs::write(dir.join("a-note.txt"), "nothing to see").unwrap();
    dir
}

fn run_json(args: &[&str], dir: &Path) -> std::process::Output {
    zfxxgk()
        .args(["check", "--format", "json"])
        .args(args)
        .arg(dir)
        .output()
        .unwrap()
}

#[test]
fn two_runs_with_one_and_two_threads_print_identical_bytes() {
    let dir = mixed_folder();
    let one = run_json(&["--jobs", "1"], &dir);
    let two = run_json(&["--jobs", "2"], &dir);
    let again = run_json(&["--jobs", "2"], &dir);
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(two.stdout, again.stdout);
    assert_eq!(one.status.code(), two.status.code());
    // Every file of the folder has its line, in path order.
    let text = String::from_utf8(one.stdout).unwrap();
    let files: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["file"].as_str().unwrap().to_owned()
        })
        .collect();
    let mut on_disk: Vec<PathBuf> = walk(&dir);
    on_disk.sort();
    let on_disk: Vec<String> = on_disk.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(files, on_disk);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_file_of_no_report_type_is_a_line_and_counted_not_silently_skipped() {
    let dir = tempdir("types");
    std::fs::copy(
        corpus().join("expected/008_huaian-city-2024-pypdf.cells.csv"),
        dir.join("a.csv"),
    )
    .unwrap();
    std::fs::write(dir.join("b.png"), b"\x89PNG").unwrap();
    let out = run_json(&[], &dir);
    // Files of no report type do not make the run fail: the report in it was read.
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["error"]["kind"], "unsupported-shape");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("1 个不是报告类型"), "{stderr}");
    assert!(stderr.contains("不是报告类型 "), "{stderr}");
}

#[test]
fn a_folder_without_reports_exits_2() {
    let dir = tempdir("empty");
    let out = run_json(&[], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("no reports found")
    );
}

#[test]
fn fail_on_warning_makes_warnings_exit_1() {
    // 011 has warnings (structure.edition) and no error.
    let file = corpus().join("expected/011_hongze-district-2024-pypdf.cells.csv");
    let default = zfxxgk().arg("check").arg(&file).output().unwrap();
    assert_eq!(default.status.code(), Some(0));
    let strict = zfxxgk()
        .args(["check", "--fail-on", "warning"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn standard_input_is_read_with_detection_or_from() {
    let csv =
        std::fs::read(corpus().join("expected/010_hongze-district-2023-pypdf.cells.csv")).unwrap();
    let out = zfxxgk()
        .args(["check", "--format", "json", "-"])
        .write_stdin(csv.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "010 has appeals.total errors");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["file"], "-");
    assert_eq!(v["issuer"], "淮安市洪泽区人民政府");
    let forced = zfxxgk()
        .args(["check", "--format", "json", "--from", "json", "-"])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&forced.stdout).unwrap();
    assert_eq!(v["error"]["kind"], "syntax");
    assert_eq!(v["error"]["line"], 1);
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = mixed_folder();
    let mut child = StdCommand::new(common::bin())
        .args(["check", "--format", "json", "--jobs", "2"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, as `| head -1` does, and close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.code().is_some(), "ended by a signal: {status:?}");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_zfxxgk()"),
        ("zsh", "#compdef zfxxgk"),
        ("fish", "complete -c zfxxgk"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = zfxxgk().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(marker), "{shell}");
        assert!(
            text.contains("fail-on"),
            "{shell}: the check flags are completed"
        );
    }
}

fn validator(args: &[&str]) -> jsonschema::Validator {
    let out = zfxxgk().arg("schema").args(args).output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn every_line_on_the_corpus_validates_against_the_findings_schema() {
    let dir = mixed_folder();
    let out = run_json(&["--all"], &dir);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut checked = 0;
    let mut errors = 0;
    for draft in [&["--findings"][..], &["--findings", "--draft", "7"][..]] {
        let v = validator(draft);
        for line in text.lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            let problems: Vec<String> = v.iter_errors(&value).map(|e| e.to_string()).collect();
            assert!(problems.is_empty(), "{line}: {problems:?}");
            checked += 1;
            errors += usize::from(value.get("error").is_some());
        }
    }
    assert!(checked > 60, "{checked}");
    assert!(errors >= 4, "the error lines are checked too");
    // The schema is not vacuous: a finding without a rule, or an unknown key, is refused.
    let v = validator(&["--findings"]);
    let bad = serde_json::json!({"zfxxgk": "0", "file": "a", "issuer": "x", "year": 2024,
        "edition": "2021", "findings": [{"severity": "error"}]});
    assert!(!v.is_valid(&bad));
    let extra = serde_json::json!({"zfxxgk": "0", "file": "a", "error": {"kind": "io", "message": "m"}, "x": 1});
    assert!(!v.is_valid(&extra));
}

#[test]
fn the_report_schema_uses_defs_and_refuses_what_the_reader_refuses() {
    let out = zfxxgk().arg("schema").output().unwrap();
    assert!(out.stdout.len() < 100_000, "{} bytes", out.stdout.len());
    for draft in [&[][..], &["--draft", "7"][..]] {
        let v = validator(draft);
        // Every expected report of the corpus, as JSON, validates.
        for entry in std::fs::read_dir(corpus().join("expected")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("csv") {
                continue;
            }
            let out = zfxxgk()
                .args(["convert", "--to", "json"])
                .arg(&path)
                .output()
                .unwrap();
            let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert!(v.is_valid(&value), "{}", path.display());
        }
        let base = serde_json::json!({"issuer": "x", "year": 2024, "edition": "2021",
            "applications": {"received": {"natural_person": 3}}});
        assert!(v.is_valid(&base));
        let negative = serde_json::json!({"issuer": "x", "year": 2024, "edition": "2021",
            "applications": {"received": {"natural_person": -3}}});
        assert!(!v.is_valid(&negative));
        let unknown_row = serde_json::json!({"issuer": "x", "year": 2024, "edition": "2021",
            "applications": {"recieved": {"natural_person": 3}}});
        assert!(!v.is_valid(&unknown_row));
        let unknown_column = serde_json::json!({"issuer": "x", "year": 2024, "edition": "2021",
            "appeals": {"review": {"won": 3}}});
        assert!(!v.is_valid(&unknown_column));
        let change = serde_json::json!({"issuer": "x", "year": 2020, "edition": "2019",
            "proactive": {"licensing": {"change": -2}}});
        assert!(v.is_valid(&change), "本年增/减 may be negative");
    }
}

#[test]
fn a_finding_read_from_text_carries_its_source_position() {
    let file = corpus().join("raw/010_hongze-district-2023-pypdf.txt");
    let out = zfxxgk()
        .args(["check", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let totals: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "appeals.total")
        .collect();
    assert_eq!(totals.len(), 2);
    for f in totals {
        let src = &f["source"];
        let (start, end) = (
            src["offset"][0].as_u64().unwrap() as usize,
            src["offset"][1].as_u64().unwrap() as usize,
        );
        // The offsets hold the value the finding names, and line/column agree with them.
        assert_eq!(&text[start..end], f["actual"].as_str().unwrap());
        let line = src["line"].as_u64().unwrap() as usize;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(text[..start].matches('\n').count() + 1, line);
        assert_eq!(
            text[line_start..start].chars().count() + 1,
            src["column"].as_u64().unwrap() as usize
        );
    }
}

#[test]
fn convert_writes_whole_files_and_names_the_path_it_cannot_write() {
    let dir = tempdir("atomic");
    let src = corpus().join("expected/008_huaian-city-2024-pypdf.cells.csv");
    let target = dir.join("out.json");
    std::fs::write(&target, "old").unwrap();
    let ok = zfxxgk()
        .args(["convert", "--to", "json", "-o"])
        .arg(&target)
        .arg(&src)
        .output()
        .unwrap();
    assert!(ok.status.success());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("淮安市人民政府")
    );
    // No temporary file is left beside it.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    // A folder that does not exist: the error names the path, nothing is written.
    let missing = dir.join("no/such/folder/out.json");
    let bad = zfxxgk()
        .args(["convert", "--to", "json", "-o"])
        .arg(&missing)
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8(bad.stderr).unwrap();
    assert!(stderr.contains(&missing.display().to_string()), "{stderr}");
    assert!(!missing.exists());
}

#[test]
fn quiet_prints_only_the_summary() {
    let dir = tempdir("quiet");
    std::fs::copy(
        corpus().join("expected/010_hongze-district-2023-pypdf.cells.csv"),
        dir.join("a.csv"),
    )
    .unwrap();
    let out = zfxxgk().args(["check", "-q"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("汇总：读取 1 个文件"), "{stdout}");
    assert!(!stdout.contains("年度报告（"), "{stdout}");
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let file = corpus().join("expected/010_hongze-district-2023-pypdf.cells.csv");
    let plain = zfxxgk().arg("check").arg(&file).output().unwrap();
    assert!(!plain.stdout.contains(&0x1b), "not a terminal: no colour");
    let always = zfxxgk()
        .args(["check", "--color", "always"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(always.stdout.contains(&0x1b));
    let mut cmd = zfxxgk();
    cmd.env("NO_COLOR", "1")
        .args(["check", "--color", "auto"])
        .arg(&file);
    assert!(!cmd.output().unwrap().stdout.contains(&0x1b));
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_read_is_reported_and_the_run_goes_on() {
    let dir = tempdir("vanished");
    std::fs::copy(
        corpus().join("expected/008_huaian-city-2024-pypdf.cells.csv"),
        dir.join("b.csv"),
    )
    .unwrap();
    // A link whose file is gone, as a file that vanished between the walk and the read.
    std::os::unix::fs::symlink(dir.join("gone.csv"), dir.join("a.csv")).unwrap();
    let out = run_json(&[], &dir);
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["error"]["kind"], "io");
    assert_eq!(lines[1]["issuer"], "淮安市人民政府");
}

#[cfg(unix)]
#[test]
fn ctrl_c_prints_the_summary_of_what_was_checked_and_exits_130() {
    use std::io::BufRead as _;
    let dir = tempdir("interrupt");
    let text = std::fs::read(corpus().join("raw/008_huaian-city-2024-pypdf.txt")).unwrap();
    for i in 0..3000 {
        std::fs::write(dir.join(format!("r{i:04}.txt")), &text).unwrap();
    }
    let mut child = StdCommand::new(common::bin())
        .args(["check", "--format", "json", "--jobs", "1"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.contains("淮安市人民政府"));
    let killed = StdCommand::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(130), "{stderr}");
    let printed = 1 + rest.lines().count();
    assert!(printed < 3000, "stopped early: {printed}");
    // The summary counts exactly the lines that were printed.
    assert!(
        stderr.contains(&format!("汇总：读取 {printed} 个文件")),
        "{printed} {stderr}"
    );
    assert!(stderr.contains("退出状态 130"), "{stderr}");
}
