//! The dashboard's views of a year: overview, IKM, service times, meetings, suggestions. Every
//! figure comes from the worker's `YearReport`; every chart from `skm-charts`.

use skm_core::profile::ProfileField;
use std::rc::Rc;

use skm_core::compliance::{ComplianceRow, Tally};
use skm_core::format::{decimal, figure, integer};
use skm_core::year::{FileKind, YearReport};
use skm_core::Lang;
use yew::prelude::*;

use super::chart::ChartCard;
use crate::api::ServiceInfo;
use crate::texts;

/// Props of every view.
#[derive(Properties, PartialEq)]
pub struct ViewProps {
    /// The year's figures.
    pub report: Rc<YearReport>,
    /// Service names, by code.
    pub services: Rc<Vec<ServiceInfo>>,
    /// Display language.
    pub lang: Lang,
    /// The width a full-width chart is drawn at, in CSS pixels (what it is shown at).
    pub width: u32,
}

impl ViewProps {
    pub(super) fn name(&self, code: &str) -> String {
        self.services
            .iter()
            .find(|s| s.code == code)
            .map_or_else(|| code.to_owned(), |s| s.name_in(self.lang).to_owned())
    }
}

/// A percentage with one decimal in `lang`'s way, or a dash.
pub(super) fn percent(value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{}%", decimal(v, 1, lang)))
}

fn chart(
    id: &'static str,
    file: &'static str,
    svg: Result<String, skm_charts::ChartError>,
    table: Vec<Vec<String>>,
    l: Lang,
) -> Html {
    let svg = Rc::new(svg.map_err(|e| e.to_string()));
    html! { <ChartCard id={id} file={file} svg={svg} table={Rc::new(table)} lang={l} /> }
}

/// The message in place of a view or chart whose filter leaves nothing to show.
pub(super) fn nothing_chosen(l: Lang) -> Html {
    html! { <p class="muted nothing-chosen" role="status">{ texts::NOTHING_CHOSEN.get(l) }</p> }
}

pub(super) fn no_data(kinds: &[FileKind], l: Lang) -> Html {
    html! {
        <div class="no-data">
            <p class="muted">{ texts::NO_DATA.get(l) }{ "." }</p>
            { super::templates::how_to_fill(kinds, l) }
        </div>
    }
}

/// The overview: IKM per service, SLA per service, meetings of the year.
#[component]
pub fn Overview(props: &ViewProps) -> Html {
    let l = props.lang;
    let r = &props.report;
    let ikm_card = match &r.ikm {
        Some(a) => {
            let o = &a.overall.summary;
            let interval = a.overall.ci.as_ref().map_or_else(String::new, |ci| {
                format!("{}: {}–{}", texts::CI_95.get(l), decimal(ci.low, 2, l), decimal(ci.high, 2, l))
            });
            let grade = skm_core::format::grade(o.grade, l);
            let sample = a.overall.sample.as_ref().and_then(|c| c.remark(l));
            html! {
                <>
                    <div class="card">
                        <div class="card-label">{ texts::IKM_UNIT.get(l) }</div>
                        <div id="ikm-value" class="card-value">{ figure(o.ikm, 2, l) }</div>
                        <div id="ikm-grade" class="card-sub">{ texts::GRADE.get(l) }{ ": " }{ grade }</div>
                        <div id="ikm-ci" class="card-sub">{ interval }</div>
                        if let Some(remark) = sample {
                            <div id="ikm-sample" class="card-sub warning">{ remark }</div>
                        }
                    </div>
                    <div class="card">
                        <div class="card-label">{ texts::RESPONDENTS.get(l) }</div>
                        <div id="respondents" class="card-value">{ integer(o.respondents, l) }</div>
                        <div class="card-sub">{ texts::WEIGHT.get(l) }{ ": " }{ o.weight.label().get(l) }</div>
                    </div>
                </>
            }
        }
        None => html! {},
    };
    let sla_cards = match &r.sla {
        Some(s) => html! {
            <>
                <div class="card">
                    <div class="card-label">{ texts::REQUESTS_ON_TIME.get(l) }</div>
                    <div id="sla-requests" class="card-value">{ percent(s.requests.overall.compliance, l) }</div>
                    <div class="card-sub">{ tally_line(&s.requests.overall, l) }</div>
                </div>
                if let Some(c) = &s.complaints {
                    <div class="card">
                        <div class="card-label">{ texts::COMPLAINTS_ON_TIME.get(l) }</div>
                        <div id="sla-complaints" class="card-value">{ percent(c.overall.compliance, l) }</div>
                        <div class="card-sub">{ tally_line(&c.overall, l) }</div>
                    </div>
                }
            </>
        },
        None => html! {},
    };
    let meetings_card = match &r.meetings {
        Some(m) => html! {
            <div class="card">
                <div class="card-label">{ texts::MEETINGS_HELD.get(l) }</div>
                <div id="meetings-held" class="card-value">{ format!("{}/{}", m.months_compliant, m.months_elapsed) }</div>
                <div class="card-sub">{ percent(m.compliance, l) }</div>
            </div>
        },
        None => html! {},
    };
    let services_chart = r.ikm.as_ref().map(|a| {
        if a.groups.iter().all(|g| g.summary.ikm.is_none()) {
            return nothing_chosen(l);
        }
        let name = |code: &str| props.name(code);
        let mut table = vec![vec![
            "service".into(),
            "respondents".into(),
            "ikm".into(),
            "ci_low".into(),
            "ci_high".into(),
            "grade".into(),
            "sample_required".into(),
            "sample_met".into(),
        ]];
        table.extend(a.groups.iter().map(|g| {
            vec![
                g.key.service.clone().unwrap_or_default(),
                g.summary.respondents.to_string(),
                g.summary.ikm.map_or_else(String::new, |v| format!("{v:.2}")),
                g.ci.as_ref().map_or_else(String::new, |c| format!("{:.2}", c.low)),
                g.ci.as_ref().map_or_else(String::new, |c| format!("{:.2}", c.high)),
                g.summary.grade.map_or("", |g| g.letter()).to_owned(),
                g.sample.as_ref().map_or_else(String::new, |c| c.required.to_string()),
                g.sample.as_ref().map_or_else(String::new, |c| c.met.to_string()),
            ]
        }));
        chart("services-chart", "ikm-per-layanan", skm_charts::ikm_per_service_svg(a, &name, l, props.width), table, l)
    });
    // One row per service: its IKM and its SLA compliance side by side.
    let mut codes: Vec<String> = Vec::new();
    if let Some(a) = &r.ikm {
        codes.extend(a.groups.iter().filter_map(|g| g.key.service.clone()));
    }
    if let Some(s) = &r.sla {
        codes.extend(s.requests.services.iter().map(|s| s.service.clone()));
    }
    codes.sort();
    codes.dedup();
    let rows = codes.iter().map(|code| {
        let group = r.ikm.as_ref().and_then(|a| a.groups.iter().find(|g| g.key.service.as_deref() == Some(code)));
        let sla = r.sla.as_ref().and_then(|s| s.requests.services.iter().find(|s| &s.service == code));
        html! {
            <tr id={format!("svc-{code}")}>
                <td>{ props.name(code) }</td>
                <td class="num respondents">{ group.map_or_else(|| "–".to_owned(), |g| integer(g.summary.respondents, l)) }</td>
                <td class="num ikm">{ figure(group.and_then(|g| g.summary.ikm), 2, l) }</td>
                <td class="grade">{ group.and_then(|g| g.summary.grade).map_or("–", |g| g.letter()) }</td>
                <td class="sample warning">{ group.and_then(|g| g.sample.as_ref()).and_then(|c| c.remark(l)).unwrap_or_default() }</td>
                <td class="num sla">{ percent(sla.and_then(|s| s.tally.compliance), l) }</td>
                <td class="promise">{ sla.map_or("", |s| s.promise.as_str()) }</td>
            </tr>
        }
    });
    let missing = (!r.missing.is_empty()).then(|| {
        html! { <section id="missing">{ super::templates::how_to_fill(&r.missing, l) }</section> }
    });
    html! {
        <section id="view-overview">
            <section class="cards">{ ikm_card }{ sla_cards }{ meetings_card }</section>
            { for missing }
            { for services_chart }
            if !codes.is_empty() {
                <table id="service-table" class="data">
                    <thead><tr>
                        <th>{ texts::SERVICE.get(l) }</th><th class="num">{ texts::RESPONDENTS.get(l) }</th>
                        <th class="num">{ "IKM" }</th><th>{ texts::GRADE.get(l) }</th><th>{ texts::SAMPLE.get(l) }</th>
                        <th class="num">{ texts::ON_TIME.get(l) }</th><th>{ texts::PROMISE.get(l) }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            if let Some(m) = &r.meetings {
                { chart("overview-meetings-chart", "rapat-evaluasi", skm_charts::meeting_calendar_svg(m, l, props.width), meeting_table(m), l) }
            }
        </section>
    }
}

fn tally_line(t: &Tally, l: Lang) -> String {
    format!(
        "{} {} · {} {} · {} {}",
        integer(t.met, l),
        texts::ON_TIME.get(l).to_lowercase(),
        integer(t.breached, l),
        texts::LATE.get(l).to_lowercase(),
        integer(t.pending, l),
        texts::PENDING.get(l).to_lowercase()
    )
}

/// The IKM: per element with the grade bands, per period, and the respondents' profile.
#[component]
pub fn IkmView(props: &ViewProps) -> Html {
    let l = props.lang;
    let Some(a) = &props.report.ikm else { return no_data(&[FileKind::Responses], l) };
    let o = &a.overall.summary;
    if o.respondents == 0 {
        return nothing_chosen(l);
    }
    let mut elements = vec![vec![
        "element".into(),
        "name".into(),
        "answers".into(),
        "nrr".into(),
        "nrr_weighted".into(),
        "grade".into(),
    ]];
    elements.extend(o.elements.iter().map(|e| {
        vec![
            e.element.id().to_owned(),
            e.element.text().name.get(l).to_owned(),
            e.answers.to_string(),
            e.nrr.map_or_else(String::new, |v| format!("{v:.3}")),
            e.weighted_nrr.map_or_else(String::new, |v| format!("{v:.4}")),
            e.grade.map_or("", |g| g.letter()).to_owned(),
        ]
    }));
    let trend = props.report.trend.as_ref().map(|t| {
        let mut table = vec![vec![
            "period".into(),
            "respondents".into(),
            "ikm".into(),
            "ci_low".into(),
            "ci_high".into(),
            "sample_required".into(),
            "sample_met".into(),
        ]];
        table.extend(t.groups.iter().map(|g| {
            vec![
                g.key.period.map_or_else(String::new, |p| p.key()),
                g.summary.respondents.to_string(),
                g.summary.ikm.map_or_else(String::new, |v| format!("{v:.2}")),
                g.ci.as_ref().map_or_else(String::new, |c| format!("{:.2}", c.low)),
                g.ci.as_ref().map_or_else(String::new, |c| format!("{:.2}", c.high)),
                g.sample.as_ref().map_or_else(String::new, |c| c.required.to_string()),
                g.sample.as_ref().map_or_else(String::new, |c| c.met.to_string()),
            ]
        }));
        chart("trend-chart", "ikm-per-periode", skm_charts::ikm_trend_svg(t, l, props.width, 360), table, l)
    });
    // Two profile charts side by side once the content is 2 × 24rem + the gap wide (style.css).
    let content = props.width + super::width::FRAME;
    let profile_width = if content >= 784 { (content - 16) / 2 - super::width::FRAME } else { props.width };
    let profiles = a.overall.profile.iter().map(|p| {
        let mut table =
            vec![vec!["answer".into(), "respondents".into(), "share".into(), "ikm".into(), "sample_met".into()]];
        table.extend(p.rows.iter().map(|r| {
            vec![
                r.value.clone().unwrap_or_default(),
                r.respondents.to_string(),
                format!("{:.1}", r.share),
                r.ikm.map_or_else(String::new, |v| format!("{v:.2}")),
                r.sample_met.to_string(),
            ]
        }));
        let id = match p.field {
            ProfileField::Gender => "profile-gender",
            ProfileField::AgeBand => "profile-age",
            ProfileField::Education => "profile-education",
            ProfileField::Occupation => "profile-occupation",
            ProfileField::Channel => "profile-channel",
        };
        html! { <div class="profile-chart">{ chart(id, id, skm_charts::profile_svg(p, l, profile_width), table, l) }</div> }
    });
    html! {
        <section id="view-ikm">
            { chart("nrr-chart", "nrr-per-unsur", skm_charts::nrr_per_element_svg(o, l, props.width, 440), elements, l) }
            <table id="elements" class="data">
                <thead><tr>
                    <th>{ texts::ELEMENT.get(l) }</th><th></th><th class="num">{ texts::ANSWERS.get(l) }</th>
                    <th class="num">{ "NRR" }</th><th>{ texts::GRADE.get(l) }</th>
                </tr></thead>
                <tbody>
                    { for o.elements.iter().map(|e| html! {
                        <tr>
                            <td>{ e.element.id() }</td>
                            <td>{ e.element.text().name.get(l) }</td>
                            <td class="num">{ integer(e.answers, l) }</td>
                            <td class="num">{ figure(e.nrr, 3, l) }</td>
                            <td>{ e.grade.map_or("–", |g| g.letter()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { for trend }
            <div class="profile-charts">{ for profiles }</div>
        </section>
    }
}

fn compliance_rows(rows: &[ComplianceRow], key: impl Fn(&ComplianceRow) -> String) -> Vec<Vec<String>> {
    let mut table = vec![vec![
        "key".into(),
        "total".into(),
        "met".into(),
        "breached".into(),
        "pending".into(),
        "compliance".into(),
    ]];
    table.extend(rows.iter().map(|r| {
        let t = &r.tally;
        vec![
            key(r),
            t.total.to_string(),
            t.met.to_string(),
            t.breached.to_string(),
            t.pending.to_string(),
            t.compliance.map_or_else(String::new, |v| format!("{v:.1}")),
        ]
    }));
    table
}

/// Service times: per month, per service, complaints per tier, the SOP bottleneck, the breaches.
#[component]
pub fn SlaView(props: &ViewProps) -> Html {
    let l = props.lang;
    let Some(s) = &props.report.sla else {
        return no_data(&[FileKind::Requests, FileKind::Complaints, FileKind::Steps], l);
    };
    if s.requests.overall.total == 0 && s.complaints.as_ref().is_none_or(|c| c.overall.total == 0) {
        return nothing_chosen(l);
    }
    let months = compliance_rows(&s.requests.months, |r| r.month.clone().unwrap_or_default());
    let tiers = s.complaints.as_ref().map(|c| {
        html! {
            <table id="complaint-tiers" class="data">
                <thead><tr><th>{ texts::TIER.get(l) }</th><th class="num">{ texts::TOTAL.get(l) }</th><th class="num">{ texts::ON_TIME.get(l) }</th></tr></thead>
                <tbody>{ for c.tiers.iter().map(|t| html! {
                    <tr>
                        <td>{ t.tier.as_deref().and_then(skm_core::catalog::ComplaintTier::from_code)
                            .map_or_else(|| t.tier.clone().unwrap_or_default(), |c| c.label().get(l).to_owned()) }</td>
                        <td class="num">{ integer(t.tally.total, l) }</td>
                        <td class="num">{ percent(t.tally.compliance, l) }</td>
                    </tr>
                }) }</tbody>
            </table>
        }
    });
    let bottleneck = (!s.steps.is_empty()).then(|| {
        let mut table = vec![vec![
            "service".into(),
            "step".into(),
            "activity".into(),
            "limit_minutes".into(),
            "compliance".into(),
            "delay_share".into(),
        ]];
        table.extend(s.steps.iter().map(|st| {
            vec![
                st.service.clone(),
                st.step.to_string(),
                st.activity.clone(),
                st.limit_minutes.to_string(),
                st.tally.compliance.map_or_else(String::new, |v| format!("{v:.1}")),
                st.delay_share.map_or_else(String::new, |v| format!("{v:.1}")),
            ]
        }));
        chart("bottleneck-chart", "hambatan-sop", skm_charts::bottleneck_svg(&s.steps, l, props.width), table, l)
    });
    let timing = {
        let name = |code: &str| props.name(code);
        let mut header = vec!["service".to_owned()];
        header.extend((0..=skm_core::sla::TIMING_BANDS.len()).map(skm_core::sla::timing_band_label));
        let mut table = vec![header];
        table.extend(
            s.requests
                .services
                .iter()
                .map(|sv| std::iter::once(sv.service.clone()).chain(sv.timing.iter().map(u64::to_string)).collect()),
        );
        chart(
            "time-taken-chart",
            "waktu-terhadap-janji",
            skm_charts::time_taken_svg(&s.requests.services, &name, l, props.width),
            table,
            l,
        )
    };
    // The worst first, over every service.
    let mut worst: Vec<&skm_core::compliance::Breach> = s.breaches.iter().collect();
    worst.sort_by(|a, b| b.late_minutes.total_cmp(&a.late_minutes));
    let when = |t: &str| skm_core::format::moment_short(t, l);
    let breaches = worst.into_iter().take(20).map(|b| {
        html! {
            <tr>
                <td>{ &b.id }</td>
                <td>{ props.name(&b.service) }</td>
                <td>{ when(&b.received) }</td>
                <td>{ when(&b.deadline) }</td>
                <td>{ b.completed.as_deref().map_or_else(|| "–".into(), when) }</td>
                <td class="num">{ decimal(b.late_minutes / 60.0, 1, l) }</td>
            </tr>
        }
    });
    html! {
        <section id="view-sla">
            { chart("sla-months-chart", "kepatuhan-per-bulan", skm_charts::compliance_per_month_svg(s, l, props.width, 360), months, l) }
            <table id="sla-services" class="data">
                <thead><tr>
                    <th>{ texts::SERVICE.get(l) }</th><th>{ texts::PROMISE.get(l) }</th><th class="num">{ texts::TOTAL.get(l) }</th>
                    <th class="num">{ texts::ON_TIME.get(l) }</th><th class="num">{ texts::LATE.get(l) }</th>
                    <th class="num">{ texts::PENDING.get(l) }</th><th class="num">{ "%" }</th>
                    <th class="num">{ texts::MEDIAN_HOURS.get(l) }</th>
                </tr></thead>
                <tbody>{ for s.requests.services.iter().map(|sv| html! {
                    <tr id={format!("sla-{}", sv.service)}>
                        <td>{ props.name(&sv.service) }</td>
                        <td>{ &sv.promise }</td>
                        <td class="num">{ integer(sv.tally.total, l) }</td>
                        <td class="num">{ integer(sv.tally.met, l) }</td>
                        <td class="num">{ integer(sv.tally.breached, l) }</td>
                        <td class="num">{ integer(sv.tally.pending, l) }</td>
                        <td class="num compliance">{ percent(sv.tally.compliance, l) }</td>
                        <td class="num">{ figure(sv.tally.median_minutes.map(|m| m / 60.0), 1, l) }</td>
                    </tr>
                }) }</tbody>
            </table>
            { timing }
            { for tiers }
            { for bottleneck }
            if !s.breaches.is_empty() {
                <h2>{ texts::BREACHES.get(l) }</h2>
                <table id="breaches" class="data">
                    <thead><tr>
                        <th>{ "ID" }</th><th>{ texts::SERVICE.get(l) }</th><th>{ texts::RECEIVED.get(l) }</th>
                        <th>{ texts::DEADLINE.get(l) }</th><th>{ texts::DONE.get(l) }</th><th class="num">{ texts::LATE_BY.get(l) }</th>
                    </tr></thead>
                    <tbody>{ for breaches }</tbody>
                </table>
            }
        </section>
    }
}

fn meeting_table(m: &skm_core::evaluation::MeetingReport) -> Vec<Vec<String>> {
    let mut table = vec![vec!["month".into(), "meetings".into(), "compliant".into(), "missing_roles".into()]];
    table.extend(m.months.iter().map(|mo| {
        let roles: Vec<&str> = mo.missing_roles.iter().map(|r| r.code()).collect();
        vec![mo.month.clone(), mo.meetings.to_string(), mo.compliant.to_string(), roles.join(";")]
    }));
    table
}

/// The evaluation meetings as a calendar, with the follow-up actions.
#[component]
pub fn MeetingsView(props: &ViewProps) -> Html {
    let l = props.lang;
    let Some(m) = &props.report.meetings else { return no_data(&[FileKind::Meetings, FileKind::Actions], l) };
    let actions = m.actions.as_ref().map(|a| {
        html! {
            <div class="card" id="actions">
                <div class="card-label">{ texts::ACTIONS.get(l) }{ ": " }{ integer(a.total, l) }</div>
                <div class="card-value small">{ format!("{} · {} · {} · {}", a.done_on_time, a.done_late, a.overdue, a.open) }</div>
                <div class="card-sub">{ texts::ACTIONS_LINE.get(l) }</div>
            </div>
        }
    });
    html! {
        <section id="view-meetings">
            { chart("meetings-chart", "rapat-evaluasi", skm_charts::meeting_calendar_svg(m, l, props.width), meeting_table(m), l) }
            <section class="cards">
                <div class="card">
                    <div class="card-label">{ texts::LONGEST_GAP.get(l) }</div>
                    <div id="longest-gap" class="card-value">{ m.longest_gap_months }</div>
                </div>
                { for actions }
            </section>
        </section>
    }
}
