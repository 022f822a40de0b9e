//! Analysis across reports: a body's series of years ([`series`]), a government's units and
//! its own totals ([`sum`]), and the prose against itself and the tables ([`narrative`]).
//!
//! Like [`mod@crate::validate`], analysis returns [`Finding`](crate::Finding)s and never panics; a
//! rule that lacks an operand is reported as not assessable (severity info), never computed
//! with blank as 0. The one fallible operation, [`sum::sum`], returns a [`sum::SumError`] that
//! names the inputs it could not add.

pub mod narrative;
pub mod series;
pub mod sum;
