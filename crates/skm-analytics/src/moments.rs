//! The pairwise moments of the scores per group, aggregated by polars.
//!
//! Every quantity is an integer count or sum, so native and wasm32 builds agree to the bit; the
//! arithmetic on them happens once, in `skm-core`.

use polars::prelude::*;
use skm_core::ikm::Moments;
use skm_core::profile::ProfileField;
use skm_core::{PeriodKind, ELEMENTS};

use crate::input::ResponseTable;

/// The keys a set of groups is formed by.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KeySpec {
    /// Group by service.
    pub service: bool,
    /// Group by period of this kind.
    pub period: Option<PeriodKind>,
    /// Group by the answers of a profile question.
    pub profile: Option<ProfileField>,
}

/// The key values of one group, as read back from the table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct KeyValues {
    pub service: Option<String>,
    /// Year and index of the period; `None` for undated rows.
    pub period: Option<(i32, i32)>,
    pub profile: Option<String>,
}

/// The responses as a polars frame: service, date, u1–u9 (Int64, null when unanswered) and
/// the profile codes.
pub(crate) fn frame(table: &ResponseTable) -> PolarsResult<DataFrame> {
    let mut columns = vec![
        Column::new("service".into(), &table.service),
        Column::new("date".into(), &table.date).cast(&DataType::Date)?,
    ];
    for e in ELEMENTS {
        let scores: Vec<Option<i64>> = table.scores[e.index()].iter().map(|s| s.map(i64::from)).collect();
        columns.push(Column::new(e.column().into(), scores));
    }
    for (field, values) in [
        (ProfileField::Gender, &table.gender),
        (ProfileField::AgeBand, &table.age_band),
        (ProfileField::Education, &table.education),
        (ProfileField::Occupation, &table.occupation),
    ] {
        columns.push(Column::new(field.column().into(), values));
    }
    DataFrame::new(columns)
}

fn name(kind: &str, i: usize, k: usize) -> String {
    format!("{kind}_{i}_{k}")
}

/// The aggregations whose results fill a [`Moments`].
fn moment_aggs() -> Vec<Expr> {
    let u = |i: usize| col(ELEMENTS[i].column());
    let answered = |i: usize| u(i).is_not_null().cast(DataType::Int64);
    let mut aggs = vec![len().alias("respondents")];
    for i in 0..9 {
        for k in 0..9 {
            if k >= i {
                aggs.push((u(i) * u(k)).count().alias(name("both", i, k)));
                aggs.push((u(i) * u(k)).sum().alias(name("product", i, k)));
            }
            let sum = if i == k { u(i).sum() } else { (u(i) * answered(k)).sum() };
            aggs.push(sum.alias(name("sum", i, k)));
        }
    }
    aggs
}

fn u64_column(df: &DataFrame, column: &str) -> PolarsResult<Vec<u64>> {
    let series = df.column(column)?.as_materialized_series().cast(&DataType::UInt64)?;
    Ok(series.u64()?.into_iter().map(|v| v.unwrap_or(0)).collect())
}

fn moments_of(df: &DataFrame) -> PolarsResult<Vec<Moments>> {
    let mut all = vec![Moments::default(); df.height()];
    for (row, m) in u64_column(df, "respondents")?.into_iter().enumerate() {
        all[row].respondents = m;
    }
    for i in 0..9 {
        for k in 0..9 {
            for (row, v) in u64_column(df, &name("sum", i, k))?.into_iter().enumerate() {
                all[row].sum[i][k] = v;
            }
            if k < i {
                continue;
            }
            let both = u64_column(df, &name("both", i, k))?;
            let product = u64_column(df, &name("product", i, k))?;
            for (row, m) in all.iter_mut().enumerate() {
                m.both[i][k] = both[row];
                m.both[k][i] = both[row];
                m.product[i][k] = product[row];
                m.product[k][i] = product[row];
            }
        }
    }
    Ok(all)
}

/// The sub-period index (1–12) of the date column for a period kind; null for undated rows.
fn period_index(kind: PeriodKind) -> Expr {
    let month = col("date").dt().month().cast(DataType::Int32);
    match kind {
        PeriodKind::Year => month.is_not_null().cast(DataType::Int32),
        PeriodKind::Semester => month.gt(lit(6)).cast(DataType::Int32) + lit(1),
        PeriodKind::Quarter => col("date").dt().quarter().cast(DataType::Int32),
        PeriodKind::Month => month,
    }
}

fn strings(df: &DataFrame, column: &str) -> PolarsResult<Vec<Option<String>>> {
    Ok(df.column(column)?.str()?.into_iter().map(|v| v.map(str::to_owned)).collect())
}

fn ints(df: &DataFrame, column: &str) -> PolarsResult<Vec<Option<i32>>> {
    Ok(df.column(column)?.as_materialized_series().cast(&DataType::Int32)?.i32()?.into_iter().collect())
}

/// The moments of each group of the frame under the given keys (one group when there are none).
pub(crate) fn moments_by(df: &DataFrame, keys: KeySpec) -> PolarsResult<Vec<(KeyValues, Moments)>> {
    let mut by: Vec<Expr> = Vec::new();
    if keys.service {
        by.push(col("service"));
    }
    if let Some(kind) = keys.period {
        by.push(col("date").dt().year().cast(DataType::Int32).alias("period_year"));
        by.push(period_index(kind).alias("period_index"));
    }
    if let Some(field) = keys.profile {
        by.push(col(field.column()));
    }
    let lazy = df.clone().lazy();
    let out =
        if by.is_empty() { lazy.select(moment_aggs()) } else { lazy.group_by(by).agg(moment_aggs()) }.collect()?;
    let moments = moments_of(&out)?;
    let n = out.height();
    let services = if keys.service { strings(&out, "service")? } else { vec![None; n] };
    let years = if keys.period.is_some() { ints(&out, "period_year")? } else { vec![None; n] };
    let indexes = if keys.period.is_some() { ints(&out, "period_index")? } else { vec![None; n] };
    let profiles = match keys.profile {
        Some(field) => strings(&out, field.column())?,
        None => vec![None; n],
    };
    let mut groups = Vec::with_capacity(n);
    for (row, m) in moments.into_iter().enumerate() {
        if m.respondents == 0 {
            continue;
        }
        let key = KeyValues {
            service: services[row].clone(),
            period: years[row].zip(indexes[row]),
            profile: profiles[row].clone(),
        };
        groups.push((key, m));
    }
    Ok(groups)
}
