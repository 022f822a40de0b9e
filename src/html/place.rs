//! Placing the rows of a page's tables into the report, through the text reader's assembler,
//! and reading issuer, year, publication date and prose from the page's visible text with
//! [`crate::text::meta::detect`].

use crate::catalogue::TableKey;
use crate::error::ReadError;
use crate::labels;
use crate::read::{Reading, SourceRow};
use crate::text::assemble::{self, Found};
use crate::text::meta;

use super::{Page, Table};

/// Builds the reading of a page.
pub(super) fn assemble(page: &Page) -> Result<Reading, ReadError> {
    let found: Vec<Found> = page.tables.iter().filter_map(found).collect();
    let mut visible = page.title.clone().unwrap_or_default();
    visible.push('\n');
    visible.push_str(&page.text);
    let meta = meta::detect(&visible);
    if meta.title.is_none() && found.is_empty() {
        let start: String = page.text.trim().chars().take(40).collect();
        return Err(ReadError::NotAReport {
            found: format!("「{start}」"),
        });
    }
    let Some(year) = meta.year else {
        return Err(ReadError::Field {
            location: "report/year".to_owned(),
            what: "the year reported on (标题或统计期限中的年度)",
            found: page
                .title
                .as_ref()
                .map_or_else(|| "nothing".to_owned(), |t| format!("title `{t}`")),
        });
    };
    let mut reading = meta.reading(year);
    assemble::assemble(&mut reading, &found, assemble::Options::default());
    Ok(reading)
}

/// The rows of one HTML table, with the report table they belong to, judged by their labels:
/// rows of section 三, section 二 (第二十条, 规章, 行政许可 …) or section 四 (行政复议,
/// 结果维持 …), the most matches deciding. Header rows (labels without values) only vote.
fn found(table: &Table) -> Option<Found> {
    let rows = table.source_rows();
    let mut votes = [0usize; 3];
    for label in rows.iter().flat_map(|r| r.labels.iter()) {
        let t = &label.text;
        let n = labels::normalize(t);
        let slot = if labels::application_row(t).is_some() || labels::applicant_column(t).is_some()
        {
            Some(1)
        } else if labels::appeal_row(t).is_some()
            || labels::appeal_column(t).is_some()
            || n.contains("行政诉讼")
        {
            Some(2)
        } else if labels::proactive_row(t).is_some()
            || labels::proactive_column(t).is_some()
            || n.contains("第二十条")
        {
            Some(0)
        } else {
            None
        };
        if let Some(v) = slot.and_then(|i| votes.get_mut(i)) {
            *v = v.saturating_add(1);
        }
    }
    let unlabelled_fifteen = rows
        .iter()
        .any(|r| r.labels.is_empty() && r.values.len() == 15);
    let best = votes
        .iter()
        .enumerate()
        .filter(|&(_, &v)| v > 0)
        .max_by_key(|&(_, &v)| v)
        .map(|(i, _)| i);
    let key = match best {
        Some(0) => TableKey::Proactive,
        Some(1) => TableKey::Applications,
        Some(_) => TableKey::Appeals,
        None if unlabelled_fifteen => TableKey::Appeals,
        None => return None,
    };
    let rows: Vec<SourceRow> = rows.into_iter().filter(|r| !r.values.is_empty()).collect();
    (!rows.is_empty()).then_some(Found { table: key, rows })
}
