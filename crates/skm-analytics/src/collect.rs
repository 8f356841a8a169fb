//! Several polars queries run together: side by side natively, one after the other on wasm32
//! (one thread).

use polars::prelude::*;

/// The results of `queries`, in their order.
pub(crate) fn collect_many(queries: Vec<LazyFrame>) -> PolarsResult<Vec<DataFrame>> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        collect_all(queries)
    }
    #[cfg(target_arch = "wasm32")]
    {
        queries.into_iter().map(LazyFrame::collect).collect()
    }
}
