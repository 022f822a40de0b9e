//! Properties over generated reports of both editions, blanks, marks, invalid text and wrong
//! sums included: the data formats round-trip, the readers never panic, validation never panics.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use proptest::prelude::*;
use rust_decimal::Decimal;
use zfxxgk::{
    Address, ApplicantColumn, ApplicationRow, Cell, CellType, Edition, Entry, Number, Report,
    cells, json, validate,
};

fn entry(ty: CellType) -> impl Strategy<Value = Option<Entry>> {
    let number = match ty {
        CellType::Count => prop_oneof![0u64..20, any::<u64>()]
            .prop_map(Number::Count)
            .boxed(),
        CellType::Change => any::<i64>().prop_map(Number::Change).boxed(),
        _ => (0i64..1_000_000_000, 0u32..4)
            .prop_map(|(m, s)| Number::Amount(Decimal::new(m, s)))
            .boxed(),
    };
    prop_oneof![
        3 => number.prop_map(|n| Some(Entry::Value(n))),
        1 => Just(None),
        1 => Just(Some(Entry::Blank)),
        1 => prop_oneof![Just("/"), Just("-"), Just("无")].prop_map(|m| Some(Entry::Marked(m.to_owned()))),
        1 => "[a-z件万元]{1,4}".prop_map(|t| Some(Entry::Invalid(t))),
    ]
}

fn report() -> impl Strategy<Value = Report> {
    (
        prop_oneof![Just(Edition::E2019), Just(Edition::E2021)],
        2015u16..2030,
        any::<bool>(),
    )
        .prop_flat_map(|(edition, year, single_other)| {
            let mut r = Report::new("某县某局", year, edition);
            if edition == Edition::E2021 && single_other {
                for &c in ApplicantColumn::ALL {
                    r.applications.set(ApplicationRow::Other, c, Cell::blank());
                }
            }
            let addresses = r.addresses();
            let entries: Vec<_> = addresses.iter().map(|a| entry(a.cell_type())).collect();
            (Just(r), Just(addresses), entries)
        })
        .prop_map(|(mut r, addresses, entries)| {
            for (a, e) in addresses.into_iter().zip(entries) {
                if let Some(entry) = e {
                    r.set(
                        a,
                        Cell {
                            entry,
                            origin: None,
                        },
                    );
                }
            }
            r
        })
}

/// What the cells CSV can carry of a cell: its number, or nothing.
fn csv_view(r: &Report) -> Vec<(Address, Option<Number>)> {
    r.addresses()
        .into_iter()
        .map(|a| (a, r.cell(a).and_then(Cell::number)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn json_round_trips(r in report()) {
        let text = json::to_string(&r).unwrap();
        let back = json::read(&text).unwrap();
        prop_assert!(back.findings.is_empty());
        prop_assert_eq!(&back.report, &r);
        prop_assert_eq!(json::to_string(&back.report).unwrap(), text);
    }

    #[test]
    fn cells_csv_round_trips(r in report()) {
        let text = cells::to_string(&r).unwrap();
        let back = cells::read(&text).unwrap();
        prop_assert!(back.findings.is_empty(), "{:?}", back.findings);
        prop_assert_eq!(csv_view(&back.report), csv_view(&r));
        prop_assert_eq!(cells::to_string(&back.report).unwrap(), text);
    }

    #[test]
    fn validation_never_panics_and_fingerprints_everything(r in report()) {
        for f in validate(&r) {
            prop_assert_eq!(f.fingerprint.len(), 16);
            prop_assert!(!f.message.is_empty());
        }
    }

    #[test]
    fn readers_never_panic_on_arbitrary_text(s in "\\PC{0,400}") {
        let _ = cells::read(&s);
        let _ = json::read(&s);
        let _ = cells::read(&format!("table,row,column,value\n{s}"));
    }

    #[test]
    fn readers_never_panic_on_mutated_corpus_files(
        file in 0usize..14,
        at in any::<prop::sample::Index>(),
        cut in any::<bool>(),
        insert in "\\PC{0,8}",
    ) {
        let files = common::expected_cells();
        let text = std::fs::read_to_string(&files[file % files.len()].1).unwrap();
        let mut pos = at.index(text.len() + 1);
        while !text.is_char_boundary(pos) { pos -= 1; }
        let mutated = if cut {
            format!("{}{}", &text[..pos], insert)
        } else {
            format!("{}{}{}", &text[..pos], insert, &text[pos..])
        };
        if let Ok(reading) = cells::read(&mutated) {
            let _ = reading.check();
            let j = json::to_string(&reading.report).unwrap();
            let _ = json::read(&j).unwrap();
        }
    }
}
