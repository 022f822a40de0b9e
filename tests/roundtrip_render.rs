//! Round trips through the official layout: model → text / Markdown / HTML → reader → the same
//! model, over generated reports of both editions with blanks, marks and wrong sums.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use proptest::prelude::*;
use rust_decimal::Decimal;
use zfxxgk::{Address, Cell, CellType, Edition, Entry, Number, Report};

fn entry_with_blanks(ty: CellType, blank_weight: u32) -> impl Strategy<Value = Entry> {
    let number = match ty {
        CellType::Count => prop_oneof![0u64..20, 0u64..100_000]
            .prop_map(Number::Count)
            .boxed(),
        CellType::Change => (-50i64..50).prop_map(Number::Change).boxed(),
        _ => (0i64..100_000_000, 0u32..3)
            .prop_map(|(m, s)| Number::Amount(Decimal::new(m, s)))
            .boxed(),
    };
    prop_oneof![
        6 => number.prop_map(Entry::Value),
        blank_weight => Just(Entry::Blank),
    ]
}

fn report() -> impl Strategy<Value = Report> {
    report_with_blanks(1)
}

fn report_with_blanks(blank_weight: u32) -> impl Strategy<Value = Report> {
    (
        prop_oneof![Just(Edition::E2019), Just(Edition::E2021)],
        2019u16..2026,
    )
        .prop_flat_map(move |(edition, year)| {
            let r = Report::new("某县某局", year, edition);
            let addresses = r.addresses();
            let entries: Vec<_> = addresses
                .iter()
                .map(|a| entry_with_blanks(a.cell_type(), blank_weight))
                .collect();
            (Just(r), Just(addresses), entries)
        })
        .prop_map(|(mut r, addresses, entries)| {
            for (a, entry) in addresses.into_iter().zip(entries) {
                r.set(
                    a,
                    Cell {
                        entry,
                        origin: None,
                    },
                );
            }
            r
        })
}

/// The numbers of every cell of the layout, as a reader of published text can recover them.
fn figures(r: &Report) -> Vec<(Address, Option<Number>)> {
    r.addresses()
        .into_iter()
        .map(|a| {
            (
                a,
                r.cell(a)
                    .and_then(Cell::number)
                    .map(|n| n.to_type(a.cell_type()).unwrap_or(n)),
            )
        })
        .collect()
}

fn same(read: &Report, written: &Report) -> Result<(), TestCaseError> {
    prop_assert_eq!(&read.issuer, &written.issuer);
    prop_assert_eq!(read.year, written.year);
    prop_assert_eq!(read.edition, written.edition);
    let (a, b) = (figures(read), figures(written));
    for (x, y) in a.iter().zip(b.iter()) {
        prop_assert_eq!(x, y);
    }
    prop_assert_eq!(a.len(), b.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn html_round_trips(r in report()) {
        let page = zfxxgk::render::html::to_string(&r);
        let back = zfxxgk::html::read_str(&page).unwrap();
        same(&back.report, &r)?;
    }

    #[test]
    fn markdown_round_trips(r in report()) {
        let md = zfxxgk::render::markdown::to_string(&r);
        let back = zfxxgk::text::read(&md).unwrap();
        same(&back.report, &r)?;
    }

    // Plain text aligns its columns with spaces; the reader finds each value's column by its
    // position under the header cells, so a blank cell keeps its place.
    #[test]
    fn text_round_trips(r in report()) {
        let text = zfxxgk::render::text::to_string(&r);
        let back = zfxxgk::text::read(&text).unwrap();
        same(&back.report, &r)?;
    }
}

/// A 2021-edition report with a single （六）其他处理 row (FORMAT.md: real reports mix the
/// editions so), laid out as `Report::application_rows` gives it: the single row before the
/// three rows of （六）.
fn single_other(with_split_rows: bool) -> Report {
    use zfxxgk::{AppealRow, ApplicantColumn, ApplicationRow, ReportBuilder};
    let mut r = ReportBuilder::new("某县某局", 2022, Edition::E2021)
        .applications(ApplicationRow::Received, [3, 1, 0, 0, 0, 0])
        .applications(ApplicationRow::Granted, [1, 1, 0, 0, 0, 0])
        .appeals(AppealRow::Review, [1, 0, 0, 0])
        .build()
        .unwrap();
    let split = [
        ApplicationRow::OtherOverdueCorrection,
        ApplicationRow::OtherUnpaidFee,
        ApplicationRow::OtherOther,
    ];
    if !with_split_rows {
        for row in split {
            for &c in ApplicantColumn::ALL {
                r.applications.remove(row, c);
            }
        }
    }
    // 2 by natural persons, the 商业企业 cell left blank.
    for (&c, text) in ApplicantColumn::ALL
        .iter()
        .zip(["2", "", "0", "0", "0", "0", "2"])
    {
        r.applications.set(
            ApplicationRow::Other,
            c,
            Cell::from_text(text, CellType::Count),
        );
    }
    assert!(r.application_rows().contains(&ApplicationRow::Other));
    r
}

#[test]
fn text_round_trips_a_2021_report_with_a_single_other_row() {
    for with_split_rows in [false, true] {
        let r = single_other(with_split_rows);
        let text = zfxxgk::render::text::to_string(&r);
        let back = zfxxgk::text::read(&text).unwrap();
        assert_eq!(
            back.report.application_rows(),
            r.application_rows(),
            "rows read back (with the three rows of （六）: {with_split_rows})"
        );
        same(&back.report, &r).unwrap();
        assert!(
            back.report.unplaced.is_empty(),
            "{:?}",
            back.report.unplaced
        );
    }
}
