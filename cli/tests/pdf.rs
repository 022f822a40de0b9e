//! `zfxxgk check` on the published PDFs: read directly, the findings quote the page, the cell's
//! box and its row as the reader laid it out; a folder of PDFs is walked.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{originals, zfxxgk};

#[test]
fn check_reads_a_pdf_and_quotes_the_page_and_row() {
    let out = zfxxgk()
        .arg("check")
        .arg(originals().join("hongze-district-2023.pdf"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("淮安市洪泽区人民政府 2023 年度报告（2021 年版格式）— 2 个错误"),
        "{stdout}"
    );
    assert!(stdout.contains("应为 11，实为 0"), "{stdout}");
    assert!(
        stdout.contains("hongze-district-2023.pdf 第 4 页（x "),
        "{stdout}"
    );
    assert!(stdout.contains("| 10    1    0    0    0    0"), "{stdout}");
}

#[test]
fn check_walks_a_folder_of_pdfs() {
    let out = zfxxgk().arg("check").arg(originals()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("汇总：读取 4 个文件，1 个无法读取"),
        "{stdout}"
    );
    // The 2024 report rewritten with object streams reads as the published file.
    assert!(
        stdout.contains(
            "hongze-district-2024-object-streams.pdf: 淮安市洪泽区人民政府 2024 年度报告（2021 年版格式）— 0 个错误，2 个警告"
        ),
        "{stdout}"
    );
    // The one unreadable file of the folder is the unfilled Word template (no issuer, no year).
    assert!(
        stdout.contains("无法读取 ") && stdout.contains("政务公开年报模版.docx"),
        "{stdout}"
    );
    assert!(
        stdout.contains("淮安市人民政府 2024 年度报告（2021 年版格式）— 0 个错误"),
        "{stdout}"
    );
}
