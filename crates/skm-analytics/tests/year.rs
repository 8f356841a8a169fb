//! The year in one call gives the same figures as the IKM, SLA and meeting analyses run one by
//! one on the demo year, and its filters restrict each of them.
#![cfg(not(target_arch = "wasm32"))]

use jiff::civil::date;
use skm_analytics::{
    analyse_ikm, analyse_meetings, analyse_sla, analyse_year, analyse_year_data, classify, ikm_of_files, read_requests,
    read_responses, read_year, Input, Mapping, MeetingInputs, Population, SlaContext, SlaInputs, YearContext, YearFile,
    YearOptions,
};
use skm_core::calendar::Calendar;
use skm_core::catalog::Catalog;
use skm_core::evaluation::MeetingRule;
use skm_core::year::{FileKind, YearFilter, YearReport};
use skm_core::{GroupBy, IkmOptions, PeriodKind, WeightConvention};

struct Demo {
    files: Vec<(String, Vec<u8>)>,
}

fn demo() -> Demo {
    let data = skm_demo::generate(skm_demo::DemoOptions::for_year(2026)).unwrap();
    let files = data.csv_files().unwrap().into_iter().map(|(name, bytes)| (name.to_owned(), bytes)).collect();
    Demo { files }
}

fn options(filter: YearFilter) -> YearOptions {
    YearOptions {
        year: 2026,
        weight: WeightConvention::Exact,
        trend: PeriodKind::Quarter,
        filter,
        as_of: date(2026, 12, 31).at(23, 59, 59, 0),
        min_sample: skm_core::sample::DEFAULT_MIN_SAMPLE,
    }
}

/// The demo's files, each with its kind as `classify` tells it.
fn year_files(demo: &Demo) -> Vec<YearFile<'_>> {
    demo.files
        .iter()
        .map(|(name, bytes)| {
            let input = Input::new(name, bytes);
            YearFile { kind: classify(&input).unwrap(), input }
        })
        .collect()
}

fn year(demo: &Demo, filter: YearFilter) -> YearReport {
    let files = year_files(demo);
    let (catalog, calendar, mapping) =
        (Catalog::builtin().unwrap(), Calendar::default_wib().unwrap(), Mapping::builtin().unwrap());
    let ctx = YearContext { catalog: &catalog, calendar: &calendar, mapping: &mapping };
    let mut stages = Vec::new();
    let report = analyse_year(&files, ctx, &options(filter), &mut |k| stages.push(k)).unwrap();
    assert_eq!(stages, [FileKind::Responses, FileKind::Requests, FileKind::Meetings]);
    report
}

fn input<'a>(demo: &'a Demo, name: &str) -> Input<'a> {
    let (name, bytes) = demo.files.iter().find(|(n, _)| n == name).unwrap();
    Input::new(name, bytes)
}

#[test]
fn the_year_equals_each_analysis_run_alone() {
    let demo = demo();
    let report = year(&demo, YearFilter::default());
    assert_eq!(report.missing, [FileKind::Steps]);

    let ikm = ikm_of_files(&[input(&demo, "responses.csv")], &IkmOptions::default()).unwrap();
    let ours = report.ikm.as_ref().unwrap();
    assert_eq!(ours.overall.summary, ikm.overall.summary);
    assert_eq!(ours.groups.len(), 5, "one group per service");
    assert!(!report.suggestions.is_empty());

    let (catalog, calendar, mapping) =
        (Catalog::builtin().unwrap(), Calendar::default_wib().unwrap(), Mapping::builtin().unwrap());
    let ctx = SlaContext {
        catalog: &catalog,
        calendar: &calendar,
        mapping: &mapping,
        as_of: date(2026, 12, 31).at(23, 59, 59, 0),
    };
    let files = SlaInputs {
        requests: &[input(&demo, "requests.csv")],
        complaints: &[input(&demo, "complaints.csv")],
        steps: &[],
    };
    let sla = analyse_sla(files, ctx, Some(2026)).unwrap();
    assert_eq!(report.sla.as_ref().unwrap(), &sla);

    let table = read_responses(&[input(&demo, "responses.csv")], &mapping).unwrap();
    // The requests counted for N in the same reading as they are judged: as counted alone.
    let requests = read_requests(&[input(&demo, "requests.csv")], &mapping).unwrap();
    let by_service = IkmOptions { by: vec![GroupBy::Service], period: PeriodKind::Quarter, ..IkmOptions::default() };
    let alone = analyse_ikm(&table, &by_service, Population::Requests(&requests)).unwrap();
    assert_eq!(ours, &alone);
    let rule = MeetingRule::from_catalog(&catalog).unwrap();
    let inputs = MeetingInputs {
        meetings: &[input(&demo, "meetings.csv")],
        actions: &[input(&demo, "actions.csv")],
        responses: Some(&table),
    };
    let meetings = analyse_meetings(inputs, &rule, 2026, date(2026, 12, 31)).unwrap();
    assert_eq!(report.meetings.as_ref().unwrap(), &meetings);
}

#[test]
fn the_filters_restrict_every_chapter() {
    let demo = demo();
    let all = year(&demo, YearFilter::default());
    let ikm = all.ikm.as_ref().unwrap();
    let sla = all.sla.as_ref().unwrap();

    let service = "internet-jaringan".to_owned();
    let one = year(&demo, YearFilter { service: Some(service.clone()), ..YearFilter::default() });
    let group = ikm.groups.iter().find(|g| g.key.service.as_ref() == Some(&service)).unwrap();
    assert_eq!(one.ikm.as_ref().unwrap().overall.summary, group.summary);
    let per_service = sla.requests.services.iter().find(|s| s.service == service).unwrap();
    assert_eq!(one.sla.as_ref().unwrap().requests.overall, per_service.tally);
    assert!(one.suggestions.iter().all(|s| s.service == service));

    let q3 = year(&demo, YearFilter { period: Some("2026-Q3".into()), ..YearFilter::default() });
    let trend = all.trend.as_ref().unwrap();
    let q3_group = trend.groups.iter().find(|g| g.key.period.as_ref().is_some_and(|p| p.key() == "2026-Q3")).unwrap();
    assert_eq!(q3.ikm.as_ref().unwrap().overall.summary.respondents, q3_group.summary.respondents);
    let q3_requests: u64 = sla
        .requests
        .months
        .iter()
        .filter(|m| matches!(m.month.as_deref(), Some("2026-07" | "2026-08" | "2026-09")))
        .map(|m| m.tally.total)
        .sum();
    assert_eq!(q3.sla.as_ref().unwrap().requests.overall.total, q3_requests);

    let channel = sla.requests.channels.first().and_then(|c| c.channel.clone()).unwrap();
    let by_channel = year(&demo, YearFilter { channel: Some(channel.clone()), ..YearFilter::default() });
    let expected = sla.requests.channels.iter().find(|c| c.channel.as_ref() == Some(&channel)).unwrap();
    assert_eq!(by_channel.sla.as_ref().unwrap().requests.overall.total, expected.tally.total);
}

#[test]
fn figures_from_the_files_read_once_equal_those_read_again() {
    let demo = demo();
    let files = year_files(&demo);
    let (catalog, calendar, mapping) =
        (Catalog::builtin().unwrap(), Calendar::default_wib().unwrap(), Mapping::builtin().unwrap());
    let ctx = YearContext { catalog: &catalog, calendar: &calendar, mapping: &mapping };
    // Read once, as of mid-year, as the worker does when the page opens.
    let mut data = read_year(&files, ctx, date(2026, 6, 30).at(9, 0, 0, 0), &mut |_| {}).unwrap();
    let filters = [
        YearFilter::default(),
        YearFilter { service: Some("internet-jaringan".into()), ..YearFilter::default() },
        YearFilter { period: Some("2026-Q2".into()), ..YearFilter::default() },
        YearFilter { channel: Some("whatsapp".into()), ..YearFilter::default() },
    ];
    let moments = [(6, 30), (9, 1), (12, 31), (3, 2)].map(|(m, d)| date(2026, m, d).at(14, 30, 0, 0));
    for (as_of, filter) in moments.iter().zip(filters) {
        let mut options = options(filter);
        options.as_of = *as_of;
        options.weight = WeightConvention::Rounded011;
        data.judge_open_as_of(&calendar, *as_of).unwrap();
        let (kept, _) = analyse_year_data(&files, &data, ctx, &options, &mut |_| {}).unwrap();
        let again = analyse_year(&files, ctx, &options, &mut |_| {}).unwrap();
        assert_eq!(serde_json::to_string(&kept).unwrap(), serde_json::to_string(&again).unwrap());
    }
}
