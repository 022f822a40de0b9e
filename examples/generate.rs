//! Generates the report of 彭阳县退役军人事务局 on 2020 (the report this project started from,
//! `tests/data/corpus/raw/000_499bb3d63922cf9c.txt` in the shared corpus) with the builder,
//! validates it, and prints it as JSON and as the cells CSV.
//!
//! Every figure of the published report is 0: the body made no rules, received no
//! applications and had no reviews or lawsuits in 2020. The builder states each of them and
//! computes every 总计, so the generated report is complete where the published one was cut off.
//!
//! Run: `cargo run --example generate` to print it, or
//! `cargo run --example generate --features xlsx -- OUT_DIR` to also write it into `OUT_DIR` in
//! every format: `pengyang-2020.json`, `.cells.csv`, `.txt`, `.md`, `.html` and, with the
//! `xlsx` feature, `.xlsx`.

use zfxxgk::{
    AppealRow, ApplicationRow, Edition, IssuerKind, ProactiveColumn, ProactiveRow, ReportBuilder,
    Severity, cells, json, validate,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let report = ReportBuilder::new("彭阳县退役军人事务局", 2020, Edition::E2019)
        .kind(IssuerKind::Department)
        .overview(
            "本年度，我局通过政府网站、微信公众号等形式公开政府信息，共计公开信息 24 条，\
             其中政府网站公开信息 12 条、微信公众号 14 条。未制定规章和规范性文件，\
             无行政处罚和行政强制处理事项。本年度，我局未收到依申请公开政府信息。",
        )
        // Section 二, 2019 edition: every figure of the published tables.
        .proactive(ProactiveRow::Regulations, ProactiveColumn::NewlyMade, 0u64)
        .proactive(
            ProactiveRow::Regulations,
            ProactiveColumn::NewlyPublished,
            0u64,
        )
        .proactive(
            ProactiveRow::Regulations,
            ProactiveColumn::TotalPublished,
            0u64,
        )
        .proactive(
            ProactiveRow::NormativeDocuments,
            ProactiveColumn::NewlyMade,
            0u64,
        )
        .proactive(
            ProactiveRow::NormativeDocuments,
            ProactiveColumn::NewlyPublished,
            0u64,
        )
        .proactive(
            ProactiveRow::NormativeDocuments,
            ProactiveColumn::TotalPublished,
            0u64,
        )
        .proactive(
            ProactiveRow::Licensing,
            ProactiveColumn::PreviousItems,
            0u64,
        )
        .proactive(ProactiveRow::Licensing, ProactiveColumn::Change, 0i64)
        .proactive(ProactiveRow::Licensing, ProactiveColumn::Decisions, 0u64)
        .proactive(
            ProactiveRow::Penalties,
            ProactiveColumn::PreviousItems,
            0u64,
        )
        .proactive(ProactiveRow::Penalties, ProactiveColumn::Change, 0i64)
        .proactive(ProactiveRow::Penalties, ProactiveColumn::Decisions, 0u64)
        .proactive(ProactiveRow::Fees, ProactiveColumn::PreviousItems, 0u64)
        .proactive(ProactiveRow::Fees, ProactiveColumn::Change, 0i64)
        .proactive(ProactiveRow::Procurement, ProactiveColumn::Projects, 0u64)
        // Section 三: no applications, none carried over.
        .applications(ApplicationRow::Received, [0, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::CarriedOver, [0, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::Granted, [0, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::PartiallyGranted, [0, 0, 0, 0, 0, 0])
        // Section 四: no reviews, no lawsuits.
        .appeals(AppealRow::Review, [0, 0, 0, 0])
        .appeals(AppealRow::LitigationDirect, [0, 0, 0, 0])
        .appeals(AppealRow::LitigationAfterReview, [0, 0, 0, 0])
        .build()?;

    let findings = validate(&report);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    eprintln!("validation: {} findings, {errors} errors", findings.len());
    for f in &findings {
        eprintln!("  {f}");
    }

    println!("{}", json::to_string(&report)?);
    print!("{}", cells::to_string(&report)?);

    if let Some(dir) = std::env::args_os().nth(1).map(std::path::PathBuf::from) {
        std::fs::create_dir_all(&dir)?;
        let stem = dir.join("pengyang-2020");
        let with = |ext: &str| stem.with_extension(ext);
        std::fs::write(with("json"), json::to_string(&report)?)?;
        std::fs::write(with("cells.csv"), cells::to_string(&report)?)?;
        std::fs::write(with("txt"), zfxxgk::render::text::to_string(&report))?;
        std::fs::write(with("md"), zfxxgk::render::markdown::to_string(&report))?;
        std::fs::write(with("html"), zfxxgk::render::html::to_string(&report))?;
        #[cfg(feature = "xlsx")]
        zfxxgk::xlsx::write_file(&report, with("xlsx"))?;
        eprintln!("written to {}", dir.display());
    }
    Ok(())
}
