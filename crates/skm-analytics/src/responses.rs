//! The IKM of the canonical responses CSV, overall and per service.
//!
//! Header: `id,submitted_at,service,u1,…,u9,gender,age,education,occupation,suggestion`
//! (see docs/data-formats.md). A row with a score outside 1–4 is rejected whole and counted.

use std::io::Cursor;
use std::sync::Arc;

use polars::prelude::*;
use skm_core::ikm::{ElementTally, IkmReport, ServiceIkm};
use skm_core::response::CSV_HEADER;
use skm_core::{IkmSummary, WeightConvention, ELEMENTS};

use crate::AnalyticsError;

fn polars_err(file: &str) -> impl Fn(PolarsError) -> AnalyticsError + '_ {
    move |source| AnalyticsError::Polars { file: file.to_owned(), source }
}

/// Computes the IKM of a canonical responses CSV given as bytes; `file` names it in errors.
pub fn ikm_from_csv(file: &str, csv: &[u8], weight: WeightConvention) -> Result<IkmReport, AnalyticsError> {
    let err = polars_err(file);
    let score_fields = ELEMENTS.iter().map(|e| Field::new(e.column().into(), DataType::Int64));
    let schema = Schema::from_iter(std::iter::once(Field::new("service".into(), DataType::String)).chain(score_fields));
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_schema_overwrite(Some(Arc::new(schema)))
        .into_reader_with_file_handle(Cursor::new(csv))
        .finish()
        .map_err(&err)?;
    for column in std::iter::once("service").chain(ELEMENTS.iter().map(|e| e.column())) {
        if df.column(column).is_err() {
            return Err(AnalyticsError::MissingColumn {
                file: file.to_owned(),
                column: column.to_owned(),
                expected: CSV_HEADER.join(","),
            });
        }
    }
    let rows_read = df.height() as u64;
    let in_range = ELEMENTS
        .iter()
        .map(|e| col(e.column()).is_null().or(col(e.column()).gt_eq(lit(1)).and(col(e.column()).lt_eq(lit(4)))))
        .reduce(|a, b| a.and(b))
        .unwrap_or_else(|| lit(true));
    let accepted = df.lazy().filter(in_range);

    let mut aggs = vec![len().alias("respondents")];
    for e in ELEMENTS {
        aggs.push(col(e.column()).count().alias(format!("{}_n", e.column())));
        aggs.push(col(e.column()).sum().alias(format!("{}_sum", e.column())));
    }
    let overall = accepted.clone().select(aggs.clone()).collect().map_err(&err)?;
    let per_service = accepted
        .group_by([col("service")])
        .agg(aggs)
        .sort(["service"], SortMultipleOptions::default())
        .collect()
        .map_err(&err)?;

    let overall_summary = summary_at(&overall, 0, weight).map_err(&err)?;
    let services = per_service.column("service").map_err(&err)?.str().map_err(&err)?.clone();
    let mut by_service = Vec::with_capacity(per_service.height());
    for (row, service) in services.into_iter().enumerate() {
        by_service.push(ServiceIkm {
            service: service.unwrap_or("").to_owned(),
            summary: summary_at(&per_service, row, weight).map_err(&err)?,
        });
    }
    Ok(IkmReport {
        rows_read,
        rows_rejected: rows_read.saturating_sub(overall_summary.respondents),
        overall: overall_summary,
        by_service,
    })
}

fn u64_at(df: &DataFrame, column: &str, row: usize) -> PolarsResult<u64> {
    let series = df.column(column)?.as_materialized_series().cast(&DataType::UInt64)?;
    Ok(series.u64()?.get(row).unwrap_or(0))
}

fn summary_at(df: &DataFrame, row: usize, weight: WeightConvention) -> PolarsResult<IkmSummary> {
    let mut tallies = [ElementTally::default(); 9];
    for e in ELEMENTS {
        tallies[e.index()] = ElementTally {
            answers: u64_at(df, &format!("{}_n", e.column()), row)?,
            sum: u64_at(df, &format!("{}_sum", e.column()), row)?,
        };
    }
    Ok(IkmSummary::from_tallies(u64_at(df, "respondents", row)?, tallies, weight))
}
