//! The checks across files (`--series`, `--sum-of`), shared by `zfxxgk check` and
//! `POST /v1/check/batch`: the findings they add, each with the index of the input it belongs to.

use zfxxgk::Finding;
use zfxxgk::contract::Line;

use crate::check::Across;

/// The findings `across` adds to `lines`, each with the index of the line it belongs to.
///
/// # Errors
///
/// Why the check across files could not be made (`--sum-of` without at least one unit's
/// report and the total's, all readable, or units that cannot be summed).
pub fn findings(lines: &[&Line], across: Across) -> Result<Vec<(usize, Finding)>, String> {
    let readable: Vec<(usize, &str, &zfxxgk::Report)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.report().map(|r| (i, l.file.as_str(), r)))
        .collect();
    let mut extra: Vec<(usize, Finding)> = Vec::new();
    match across {
        Across::Series => {
            let input: Vec<(&str, &zfxxgk::Report)> =
                readable.iter().map(|(_, n, r)| (*n, *r)).collect();
            for sf in zfxxgk::analysis::series::check(&input) {
                if let Some((i, _, _)) = readable.get(sf.file) {
                    extra.push((*i, sf.finding));
                }
            }
        }
        Across::SumOf => {
            if readable.len() != lines.len() || readable.len() < 2 {
                return Err(
                    "--sum-of needs at least one unit's report and the total's, all readable"
                        .to_owned(),
                );
            }
            let Some(((total_i, _, total), units)) = readable.split_last() else {
                return Err("--sum-of needs reports".to_owned());
            };
            let named: Vec<(&str, &zfxxgk::Report)> =
                units.iter().map(|(_, n, r)| (*n, *r)).collect();
            let summed = zfxxgk::analysis::sum::sum_named(&named)
                .map_err(|e| format!("cannot sum the units: {e}"))?;
            for f in summed.notes() {
                extra.push((*total_i, f));
            }
            for f in zfxxgk::analysis::sum::compare(&summed.report, total) {
                extra.push((*total_i, f));
            }
        }
        Across::Nothing => {}
    }
    Ok(extra)
}
