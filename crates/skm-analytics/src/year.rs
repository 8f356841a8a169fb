//! The year's figures from the year's exports, as one call: what the dashboard's worker runs
//! and what `skm report` runs natively.

use jiff::civil::{Date, DateTime};
use skm_core::calendar::Calendar;
use skm_core::catalog::Catalog;
use skm_core::date::{epoch_days, from_epoch_days};
use skm_core::evaluation::MeetingRule;
use skm_core::period::Period;
use skm_core::year::{FileKind, Suggestion, YearFilter, YearReport, YearSource, FILE_KINDS};
use skm_core::{IkmOptions, PeriodKind, WeightConvention};

use crate::input::sheet::{read_sheet, RowSink};
use crate::input::Item;
use crate::sla::{read_sla, read_sla_and_count, sla_of, SlaData};
use crate::{
    analyse_ikm_by_service_and_period, analyse_meetings, read_responses, AnalyticsError, Input, Mapping, MeetingInputs,
    Population, RequestTable, ResponseTable, SlaContext, SlaInputs,
};

/// A file of the year and what it holds.
#[derive(Debug, Clone, Copy)]
pub struct YearFile<'a> {
    /// What the file holds.
    pub kind: FileKind,
    /// Its name and bytes.
    pub input: Input<'a>,
}

/// The office's standards, calendar and reading of form exports.
#[derive(Debug, Clone, Copy)]
pub struct YearContext<'a> {
    /// The service standards.
    pub catalog: &'a Catalog,
    /// The working calendar.
    pub calendar: &'a Calendar,
    /// Form and service-name mapping.
    pub mapping: &'a Mapping,
}

/// Which year, how to weigh, and what to restrict to.
#[derive(Debug, Clone, PartialEq)]
pub struct YearOptions {
    /// The year.
    pub year: i16,
    /// Weight convention of the IKM.
    pub weight: WeightConvention,
    /// Periods of the trend.
    pub trend: PeriodKind,
    /// Restriction to a period, a service, a channel.
    pub filter: YearFilter,
    /// Open requests and overdue actions are judged as of this local moment.
    pub as_of: DateTime,
    /// The fewest respondents a group needs when its population is not known.
    pub min_sample: u64,
}

impl YearOptions {
    /// The whole year as the regulation reads it: exact weights, a quarterly trend, no filter,
    /// judged as of the year's last second, the default minimum sample.
    pub fn whole_year(year: i16) -> YearOptions {
        YearOptions {
            year,
            weight: WeightConvention::Exact,
            trend: PeriodKind::Quarter,
            filter: YearFilter::default(),
            as_of: Self::as_of_for(year, DateTime::MAX),
            min_sample: skm_core::sample::DEFAULT_MIN_SAMPLE,
        }
    }

    /// The moment a year is judged as of: now, or the year's last second once it has ended.
    pub fn as_of_for(year: i16, now: DateTime) -> DateTime {
        let end = Date::new(year, 12, 31).map(|d| d.at(23, 59, 59, 0)).unwrap_or(now);
        now.min(end)
    }
}

/// What a file holds: by its name when that says, else by its header.
pub fn classify(input: &Input<'_>) -> Result<FileKind, AnalyticsError> {
    if let Some(kind) = FileKind::from_file_name(input.name) {
        return Ok(kind);
    }
    struct Header(Vec<String>);
    impl RowSink for Header {
        fn header(&mut self, header: &[String]) -> Result<(), AnalyticsError> {
            self.0 = header.iter().map(|h| h.trim().to_lowercase()).collect();
            // Enough read: stop here (the error is only a way to stop).
            Err(AnalyticsError::Empty { file: String::new() })
        }
        fn row(&mut self, _: u64, _: &[&str]) {}
    }
    let mut header = Header(Vec::new());
    let read = read_sheet(*input, &mut header);
    if header.0.is_empty() {
        read?;
        return Err(AnalyticsError::Empty { file: input.name.to_owned() });
    }
    let has = |name: &str| header.0.iter().any(|h| h == name);
    Ok(if has("request_id") && has("step") {
        FileKind::Steps
    } else if has("meeting_date") && has("action") {
        FileKind::Actions
    } else if has("attendees") {
        FileKind::Meetings
    } else if has("tier") && has("received_at") {
        FileKind::Complaints
    } else if has("received_at") {
        FileKind::Requests
    } else {
        FileKind::Responses
    })
}

/// The span of days the filter's period (or the whole year) covers, as days since 1970.
fn span(options: &YearOptions) -> Result<(i32, i32), AnalyticsError> {
    let bad = |what: &str| AnalyticsError::Mapping {
        file: "filter".to_owned(),
        message: format!("periode '{what}' tidak dikenali / period not understood"),
    };
    let (year, first, last) = match &options.filter.period {
        None => (options.year, 1, 12),
        Some(key) => {
            let period = Period::from_key(key).ok_or_else(|| bad(key))?;
            // A period of another year is a filter out of step with the year asked for: refused,
            // never shown under the year's label.
            if period.year != options.year {
                return Err(AnalyticsError::Mapping {
                    file: "filter".to_owned(),
                    message: format!(
                        "periode {key} bukan bagian dari tahun {} / period {key} is not part of the year {}",
                        options.year, options.year
                    ),
                });
            }
            let (first, last) = period.months();
            (period.year, first, last)
        }
    };
    let start = Date::new(year, first as i8, 1).map_err(|_| bad(&year.to_string()))?;
    let end = Date::new(year, last as i8, 1).map_err(|_| bad(&year.to_string()))?.last_of_month();
    Ok((epoch_days(start), epoch_days(end)))
}

/// The year's files read once (the responses, the requests counted for N, and the requests,
/// complaints and SOP steps judged): what a change of filter, weight or trend is computed from
/// without reading again, as the dashboard's worker keeps it.
#[derive(Debug, Clone, Default)]
pub struct YearData {
    responses: Option<ResponseTable>,
    request_table: Option<RequestTable>,
    sla: Option<SlaData>,
}

/// Reads the year's response, request, complaint and step files; open items are judged as of
/// `as_of`. `progress` hears each stage.
pub fn read_year(
    files: &[YearFile<'_>],
    ctx: YearContext<'_>,
    as_of: DateTime,
    progress: &mut dyn FnMut(FileKind),
) -> Result<YearData, AnalyticsError> {
    let of = |kind: FileKind| files.iter().filter(|f| f.kind == kind).map(|f| f.input).collect::<Vec<_>>();
    let (responses, requests) = (of(FileKind::Responses), of(FileKind::Requests));
    let mut data = YearData::default();
    if !responses.is_empty() {
        progress(FileKind::Responses);
        data.responses = Some(read_responses(&responses, ctx.mapping)?);
    }
    if !requests.is_empty() {
        progress(FileKind::Requests);
        let (complaints, steps) = (of(FileKind::Complaints), of(FileKind::Steps));
        let sla_ctx = SlaContext { catalog: ctx.catalog, calendar: ctx.calendar, mapping: ctx.mapping, as_of };
        let files = SlaInputs { requests: &requests, complaints: &complaints, steps: &steps };
        // Read once: judged for the SLA and, when there are responses, counted for their N.
        if data.responses.is_some() {
            let (sla, counted) = read_sla_and_count(files, sla_ctx)?;
            (data.sla, data.request_table) = (Some(sla), Some(counted));
        } else {
            data.sla = Some(read_sla(files, sla_ctx)?);
        }
    }
    Ok(data)
}

impl YearData {
    /// Judges the open requests and complaints again as of another moment.
    pub fn judge_open_as_of(&mut self, calendar: &Calendar, as_of: DateTime) -> Result<(), AnalyticsError> {
        match &mut self.sla {
            Some(sla) => sla.judge_open_as_of(calendar, as_of),
            None => Ok(()),
        }
    }
}

/// The year's IKM, SLA compliance and meetings from its files; `progress` hears each stage.
pub fn analyse_year(
    files: &[YearFile<'_>],
    ctx: YearContext<'_>,
    options: &YearOptions,
    progress: &mut dyn FnMut(FileKind),
) -> Result<YearReport, AnalyticsError> {
    analyse_year_with_responses(files, ctx, options, progress).map(|(report, _)| report)
}

/// [`analyse_year`], also giving the year's respondents it was computed from (empty without
/// response files), for the report's processing sheet.
pub fn analyse_year_with_responses(
    files: &[YearFile<'_>],
    ctx: YearContext<'_>,
    options: &YearOptions,
    progress: &mut dyn FnMut(FileKind),
) -> Result<(YearReport, ResponseTable), AnalyticsError> {
    // A filter out of step with the year is refused before anything is read.
    span(options)?;
    let data = read_year(files, ctx, options.as_of, progress)?;
    analyse_year_data(files, &data, ctx, options, progress)
}

/// The year's figures from its files already read (`data`, judged as of `options.as_of`); the
/// meeting files, which are small, are read here. Also gives the year's respondents.
pub fn analyse_year_data(
    files: &[YearFile<'_>],
    data: &YearData,
    ctx: YearContext<'_>,
    options: &YearOptions,
    progress: &mut dyn FnMut(FileKind),
) -> Result<(YearReport, ResponseTable), AnalyticsError> {
    let of = |kind: FileKind| files.iter().filter(|f| f.kind == kind).map(|f| f.input).collect::<Vec<_>>();
    let (first_day, last_day) = span(options)?;
    let filter = &options.filter;
    let service_ok = |s: &str| filter.service.as_deref().is_none_or(|f| f == s);

    let mut table = None;
    let (mut ikm, mut trend, mut suggestions) = (None, None, Vec::new());
    if let Some(all) = &data.responses {
        let mut t = all.clone();
        // Undated responses (some exports have no time) count for the year, not for a period.
        t.retain(|s, d| service_ok(s) && d.map_or(filter.period.is_none(), |d| (first_day..=last_day).contains(&d)));
        let population = data.request_table.as_ref().map_or(Population::Unknown, Population::Requests);
        let ikm_options = IkmOptions {
            weight: options.weight,
            by: Vec::new(),
            period: options.trend,
            min_sample: options.min_sample,
        };
        let (by_service, by_period) = analyse_ikm_by_service_and_period(&t, &ikm_options, population)?;
        (ikm, trend) = (Some(by_service), Some(by_period));
        suggestions = t
            .suggestions
            .iter()
            .filter_map(|(row, text)| {
                let row = usize::try_from(*row).ok()?;
                let date = t.date.get(row).copied().flatten().and_then(from_epoch_days);
                Some(Suggestion {
                    service: t.service.get(row)?.to_string(),
                    date: date.map(|d| d.to_string()),
                    text: text.clone(),
                })
            })
            .collect();
        suggestions.sort_by(|a, b| b.date.cmp(&a.date).then(a.service.cmp(&b.service)));
        table = Some(t);
    }

    let sla = match &data.sla {
        None => None,
        Some(sla) => {
            let sla_ctx =
                SlaContext { catalog: ctx.catalog, calendar: ctx.calendar, mapping: ctx.mapping, as_of: options.as_of };
            let keep = |item: &Item| {
                let day = epoch_days(item.received.date());
                service_ok(&item.service)
                    && filter.channel.as_deref().is_none_or(|c| item.channel.eq_ignore_ascii_case(c))
                    && (first_day..=last_day).contains(&day)
            };
            Some(sla_of(sla, sla_ctx, Some(options.year), &keep)?)
        }
    };

    let meetings_files = of(FileKind::Meetings);
    let meetings = match MeetingRule::from_catalog(ctx.catalog) {
        Some(rule) if !meetings_files.is_empty() => {
            progress(FileKind::Meetings);
            let actions = of(FileKind::Actions);
            let inputs = MeetingInputs { meetings: &meetings_files, actions: &actions, responses: table.as_ref() };
            Some(analyse_meetings(inputs, &rule, options.year, options.as_of.date())?)
        }
        _ => None,
    };

    let sources = files.iter().map(|f| YearSource { file: f.input.name.to_owned(), kind: f.kind }).collect();
    let missing = FILE_KINDS.into_iter().filter(|k| !files.iter().any(|f| f.kind == *k)).collect();
    let report = YearReport {
        year: options.year,
        filter: filter.clone(),
        sources,
        missing,
        ikm,
        trend,
        sla,
        meetings,
        suggestions,
    };
    Ok((report, table.unwrap_or_default()))
}
