//! Work split over the cores natively; on wasm32 (one thread) and for small inputs, one pass.

use std::ops::Range;

/// The cores this process may use (1 where threads are not available, as on wasm32).
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `work` over `0..len` in consecutive ranges of at least `min` each, one per core, with the
/// results in order (as one call over the whole range would give them, when `work` maps each
/// index on its own).
pub(crate) fn in_parts<R: Send>(len: usize, min: usize, work: impl Fn(Range<usize>) -> Vec<R> + Sync) -> Vec<R> {
    let parts = cores().min(len / min.max(1));
    if parts <= 1 {
        return work(0..len);
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..parts).map(|i| scope.spawn(move || work(i * len / parts..(i + 1) * len / parts))).collect();
        let results: Vec<Vec<R>> =
            handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect();
        // Room for what the parts gave, which need not be one result per index.
        let mut out = Vec::with_capacity(results.iter().map(Vec::len).sum());
        for part in results {
            out.extend(part);
        }
        out
    })
}
