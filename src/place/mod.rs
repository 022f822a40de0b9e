//! Placing what readers found into the report, below every reader: the same engine whichever
//! shape a report came in.
//!
//! - [`grid`]: tables as a grid of cells with their merges, the form readers of tabular sources
//!   (HTML; DOCX and PDF next) fill, cut into [`SourceRow`]s;
//! - [`value`]: whether a cell's text is a value or a label;
//! - [`assemble`]: placing [`SourceRow`]s into the report's three tables
//!   by label, by position and by the format's arithmetic (the text reader hands its rows here
//!   too);
//! - [`found`] and [`read_tables`]: which report table a grid is, and the whole reading of a
//!   document from its tables and visible text.

pub mod assemble;
pub mod grid;
pub mod value;
pub(crate) mod work;

use crate::catalogue::TableKey;
use crate::error::ReadError;
use crate::labels;
use crate::read::{Reading, SourceRow};
use crate::text::meta;

use assemble::Found;
use grid::Table;

/// Reads a report from a document's tables and visible text: each table given to the report
/// table its labels point to ([`found`]) and its rows placed by [`assemble::assemble`]; issuer,
/// year, publication date and prose read from `title` and `text` with [`meta::detect`]. What
/// every reader of a document with tables (HTML, DOCX, PDF) ends with.
///
/// # Errors
///
/// [`ReadError::NotAReport`] when there is neither a title naming a report nor a table of
/// values; [`ReadError::Field`] when no year can be found.
pub fn read_tables(
    title: Option<&str>,
    text: &str,
    tables: &[Table],
) -> Result<Reading, ReadError> {
    let found: Vec<Found> = tables.iter().filter_map(found).collect();
    let mut visible = title.unwrap_or_default().to_owned();
    visible.push('\n');
    visible.push_str(text);
    let meta = meta::detect(&visible);
    if meta.title.is_none() && found.is_empty() {
        let start: String = text.trim().chars().take(40).collect();
        return Err(ReadError::NotAReport {
            found: format!("「{start}」"),
        });
    }
    let Some(year) = meta.year else {
        return Err(ReadError::Field {
            location: "report/year".to_owned(),
            what: "the year reported on (标题或统计期限中的年度)",
            found: title.map_or_else(|| "nothing".to_owned(), |t| format!("title `{t}`")),
        });
    };
    let mut reading = meta.reading(year);
    meta.note_gaps(&mut reading);
    assemble::assemble(&mut reading, &found, assemble::Options::default());
    Ok(reading)
}

/// The rows of one table, with the report table they belong to, judged by their labels: rows of
/// section 三, section 二 (第二十条, 规章, 行政许可 …) or section 四 (行政复议, 结果维持 …), the
/// most matches deciding; a table without such labels whose rows have 15 values is section 四.
/// Header rows (labels without values) only vote. `None` for a table that is none of the
/// report's, or has no row with values.
pub fn found(table: &Table) -> Option<Found> {
    let rows = table.source_rows();
    let mut votes = [0usize; 3];
    for label in rows.iter().flat_map(|r| r.labels.iter()) {
        // Normalised once: each lookup below would normalise it again.
        let n = labels::normalize_cow(&label.text);
        let n = n.as_ref();
        let slot = if labels::application_row_normalized(n).is_some()
            || labels::applicant_column_normalized(n).is_some()
        {
            Some(1)
        } else if labels::appeal_row_normalized(n).is_some()
            || labels::appeal_column_normalized(n).is_some()
            || n.contains("行政诉讼")
        {
            Some(2)
        } else if labels::proactive_row_normalized(n).is_some()
            || labels::proactive_column_normalized(n).is_some()
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
