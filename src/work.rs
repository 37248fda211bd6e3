//! A count of work done, so tests can check that it grows linearly with the input.
//!
//! Timing in a test is flaky and says nothing on a shared machine; counting does not. Loops that
//! a long single line once made quadratic add what they examine here: the scanner's
//! bytes handed to a pattern, bytes walked to find a line end or to count columns, candidates
//! compared for overlap; `ab analyze`'s bytes searched for line ends. A test runs an input of
//! size N and 2N under [`measure`] and requires the count to no more than about double.
//!
//! The count is per thread and costs one addition, so it stays on in release builds.

use std::cell::Cell;

thread_local! {
    static UNITS: Cell<u64> = const { Cell::new(0) };
}

/// Adds `units` of work (bytes examined or candidates compared) to this thread's count.
pub(crate) fn add(units: usize) {
    UNITS.with(|count| count.set(count.get().saturating_add(units as u64)));
}

/// Runs `f` and returns its result with the work it did on this thread.
///
/// Work done on other threads is not counted: measure the scan of one text (as
/// [`crate::scan::detect_all`] does it), not [`crate::scan::scan`], which hands files to rayon.
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, u64) {
    let before = UNITS.with(Cell::get);
    let result = f();
    let after = UNITS.with(Cell::get);
    (result, after.saturating_sub(before))
}
