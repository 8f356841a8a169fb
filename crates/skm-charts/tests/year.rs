//! Every chart of the year draws from the demo year's figures, with the figures on it.

use skm_analytics::{analyse_year, classify, Input, Mapping, YearContext, YearFile, YearOptions};
use skm_charts::*;
use skm_core::calendar::Calendar;
use skm_core::catalog::Catalog;
use skm_core::format::decimal_id;
use skm_core::year::YearReport;
use skm_core::Lang;

fn has_text(svg: &str, text: &str) -> bool {
    svg.contains(&format!(">\n{text}\n</text>")) || svg.contains(&format!(">{text}</text>"))
}

/// A group's value label: its IKM, its respondents, and a star when its sample is too small.
fn value(g: &skm_core::GroupResult) -> String {
    let star = if g.sample.as_ref().is_some_and(|c| !c.met) { "*" } else { "" };
    format!(
        "{} · n {}{star}",
        decimal_id(g.summary.ikm.unwrap(), 2),
        skm_core::format::integer_id(g.summary.respondents)
    )
}

fn demo_year() -> YearReport {
    let data = skm_demo::generate(skm_demo::DemoOptions::for_year(2026)).unwrap();
    let files = data.csv_files().unwrap();
    let year_files: Vec<YearFile> = files
        .iter()
        .map(|(name, bytes)| {
            let input = Input::new(name, bytes);
            YearFile { kind: classify(&input).unwrap(), input }
        })
        .collect();
    let (catalog, calendar, mapping) =
        (Catalog::builtin().unwrap(), Calendar::default_wib().unwrap(), Mapping::builtin().unwrap());
    let options = YearOptions::whole_year(2026);
    let ctx = YearContext { catalog: &catalog, calendar: &calendar, mapping: &mapping };
    analyse_year(&year_files, ctx, &options, &mut |_| {}).unwrap()
}

fn keep(name: &str, svg: &str) {
    if let Some(dir) = std::env::var_os("SKM_CHARTS_OUT") {
        let _ = std::fs::write(std::path::Path::new(&dir).join(format!("{name}.svg")), svg);
    }
}

#[test]
fn every_chart_of_the_year_draws_its_figures() {
    let year = demo_year();
    let catalog = Catalog::builtin().unwrap();
    let name = |code: &str| catalog.get(code).map_or_else(|| code.to_owned(), |s| s.name.clone());
    let ikm = year.ikm.as_ref().unwrap();

    let svg = ikm_per_service_svg(ikm, &name, Lang::Id, 900).unwrap();
    keep("services", &svg);
    for g in &ikm.groups {
        let code = g.key.service.as_deref().unwrap();
        assert!(has_text(&svg, &name(code)), "{code} missing");
        assert!(has_text(&svg, &value(g)), "{code}'s IKM and respondents missing");
    }

    let svg = ikm_trend_svg(year.trend.as_ref().unwrap(), Lang::Id, 900, 360).unwrap();
    keep("trend", &svg);
    assert!(has_text(&svg, "Triwulan I 2026") || svg.contains("Triwulan I"), "quarter labels");
    for g in &year.trend.as_ref().unwrap().groups {
        assert!(has_text(&svg, &value(g)), "{}", value(g));
    }

    for (i, breakdown) in ikm.overall.profile.iter().enumerate() {
        let svg = profile_svg(breakdown, Lang::Id, 460).unwrap();
        keep(&format!("profile-{i}"), &svg);
        assert!(svg.contains(breakdown.field.label().id));
    }

    let sla = year.sla.as_ref().unwrap();
    let svg = compliance_per_month_svg(sla, Lang::Id, 900, 360).unwrap();
    keep("sla-months", &svg);
    assert!(has_text(&svg, "Jan") && has_text(&svg, "Des"));
    assert!(svg.contains("Permohonan") && svg.contains("Pengaduan"));

    let svg = time_taken_svg(&sla.requests.services, &name, Lang::Id, 900).unwrap();
    keep("time-taken", &svg);
    assert!(svg.contains("≤ 25%") && (svg.contains("&gt; 200%") || svg.contains("> 200%")), "legend");
    for s in &sla.requests.services {
        assert!(has_text(&svg, &name(&s.service)));
        let completed: u64 = s.timing.iter().sum();
        assert!(completed > 0 && completed <= s.tally.total - s.tally.pending, "{}", s.service);
        // Met requests are the bands up to 100 %.
        assert!(s.timing[..4].iter().sum::<u64>() >= s.tally.met, "{}", s.service);
    }

    let steps = vec![skm_core::compliance::StepCompliance {
        service: "permohonan-informasi".into(),
        step: 3,
        activity: "Verifikasi berkas".into(),
        limit_minutes: 60,
        tally: Default::default(),
        delay_minutes: 120.0,
        delay_share: Some(62.5),
    }];
    let svg = bottleneck_svg(&steps, Lang::En, 900).unwrap();
    keep("bottleneck", &svg);
    assert!(svg.contains("3. Verifikasi berkas") && svg.contains("62.5%"), "English writes a decimal point");

    let meetings = year.meetings.as_ref().unwrap();
    let svg = meeting_calendar_svg(meetings, Lang::Id, 900).unwrap();
    keep("meetings", &svg);
    for m in ["Januari", "Juni", "Desember"] {
        assert!(has_text(&svg, m), "{m}");
    }
    let missed = meetings.months.iter().filter(|m| m.status == skm_core::evaluation::MonthStatus::Missed).count();
    assert_eq!(svg.matches("Tidak sesuai ·").count(), missed);
}

#[test]
fn a_group_short_of_its_sample_is_starred_and_explained() {
    let mut year = demo_year();
    let ikm = year.ikm.as_mut().unwrap();
    let first = &mut ikm.groups[0];
    first.sample = Some(skm_core::analysis::SampleCheck::minimum(500, first.summary.respondents));
    let svg = ikm_per_service_svg(ikm, &|c: &str| c.to_owned(), Lang::Id, 900).unwrap();
    assert!(has_text(&svg, &value(&ikm.groups[0])) && value(&ikm.groups[0]).ends_with('*'));
    assert!(svg.contains("* sampel belum cukup"), "the star is explained in the title");
    let en = ikm_per_service_svg(ikm, &|c: &str| c.to_owned(), Lang::En, 900).unwrap();
    assert!(en.contains("* sample too small"));
}
