//! Counting the work of the readers' scans, so that tests can prove each scan linear without
//! timing anything ([`crate::text::read_counting`]).
//!
//! Each scan adds the size of what it reads — bytes of a line, values of a row, nodes of the
//! placement search — to a per-thread counter; [`counting`] reads the counter before and after
//! a call. A scan that reads its input once adds in proportion to the input; one that rereads
//! it per line or per value adds in proportion to the square, which a test of N and 4N inputs
//! sees. The counter is a plain `Cell` in a thread-local: a few instructions a scan.

use core::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Adds `n` steps to this thread's work count.
#[inline]
pub(crate) fn tick(n: usize) {
    let n = u64::try_from(n).unwrap_or(u64::MAX);
    STEPS.with(|s| s.set(s.get().saturating_add(n)));
}

/// Runs `f`, returning its result with the steps counted while it ran.
pub(crate) fn counting<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = STEPS.with(Cell::get);
    let out = f();
    let after = STEPS.with(Cell::get);
    (out, after.saturating_sub(before))
}
