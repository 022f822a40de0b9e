//! What every reader returns: the report it read and the findings it made while reading.

use crate::finding::{Finding, Location, Rule};
use crate::report::Report;

/// A report as a reader produced it, with what the reader repaired, could not place, or found
/// ambiguous (findings with the rules `read.repaired`, `read.unplaced`, `read.ambiguous`).
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The report.
    pub report: Report,
    /// The reader's own findings, in the order of the source.
    pub findings: Vec<Finding>,
}

impl Reading {
    /// A reading with no findings yet.
    pub fn new(report: Report) -> Self {
        Reading {
            report,
            findings: Vec::new(),
        }
    }

    /// Records a reader's finding at `line` of the source.
    pub fn note(
        &mut self,
        rule: Rule,
        mut location: Location,
        line: Option<usize>,
        message: String,
    ) {
        location.line = line;
        let mut f = Finding::new(rule, location, message);
        f.fingerprint_for(&self.report);
        self.findings.push(f);
    }

    /// The reader's findings followed by the validation findings: everything there is to say
    /// about the source.
    pub fn check(&self) -> Vec<Finding> {
        let mut out = self.findings.clone();
        for f in &mut out {
            f.fingerprint_for(&self.report);
        }
        out.extend(crate::validate(&self.report));
        out
    }
}
