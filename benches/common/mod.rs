//! Reports generated with [`ReportBuilder`] for the benchmarks that need many of them: the
//! numbers vary with the index so no two reports are alike, and every total is computed.

use zfxxgk::{AppealRow, ApplicationRow, Edition, Report, ReportBuilder};

/// The `i`-th generated report: 2024, edition 2021, issuer `某县第{i}局`.
pub fn report(i: u64) -> Report {
    let received = [10 + i % 13, i % 5, i % 3, i % 2, i % 7 / 3, 1 + i % 4];
    let half = received.map(|n| n / 2);
    let quarter = received.map(|n| n / 4);
    let eighth = received.map(|n| n / 8);
    ReportBuilder::new(format!("某县第{i}局"), 2024, Edition::E2021)
        .applications(ApplicationRow::Received, received)
        .applications(ApplicationRow::CarriedOver, [i % 3, 0, 0, 0, 0, i % 2])
        .applications(ApplicationRow::Granted, half)
        .applications(ApplicationRow::PartiallyGranted, quarter)
        .applications(ApplicationRow::UnavailableNotHeld, eighth)
        .appeals(AppealRow::Review, [i % 4, i % 3, i % 2, i % 5])
        .appeals(AppealRow::LitigationDirect, [i % 2, 0, i % 3, 0])
        .appeals(AppealRow::LitigationAfterReview, [0, i % 2, 0, 1])
        .build()
        .unwrap()
}
