//! The analytics Web Worker: receives [`Request`]s with the bytes of new files (transferred
//! buffers, `skm_worker_protocol::transfer`), keeps the files between requests (`skm_worker_protocol::store`), and
//! answers [`Reply`]s as JSON.
//!
//! polars runs here, single-threaded, so the page stays responsive. Charts are not drawn here:
//! plotters measures text through the DOM, which a worker does not have.

use std::collections::HashMap;

use skm_analytics::{
    analyse_year_data, classify, read_year, Given, Input, Mapping, YearContext, YearData, YearFile, YearOptions,
};
use skm_core::calendar::Calendar;
use skm_core::catalog::Catalog;
use skm_core::pemda::{PemdaView, UnitFigures};
use skm_core::unit::UnitDocuments;
use skm_core::year::FileKind;
use skm_core::Period;
use skm_worker_protocol::store::{self, Store};
use skm_worker_protocol::{Reply, Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// The office's standards and calendar: the unit's from the server, or the built-in ones.
struct Office {
    catalog: Catalog,
    calendar: Calendar,
    mapping: Mapping,
}

impl Office {
    fn load() -> Result<Office, String> {
        Ok(Office {
            catalog: Catalog::builtin().map_err(|e| e.to_string())?,
            calendar: Calendar::default_wib().map_err(|e| e.to_string())?,
            mapping: Mapping::builtin().map_err(|e| e.to_string())?,
        })
    }

    /// A unit's office from its documents; its catalog as of `today`, with every version.
    fn of_unit(documents: &UnitDocuments, today: jiff::civil::Date, mapping: &Mapping) -> Result<Office, String> {
        let (unit, catalog) = documents.read(today)?;
        Ok(Office { catalog, calendar: unit.calendar, mapping: mapping.clone() })
    }
}

/// The year last computed, read: a change of filter, weight or trend on the same files and
/// office is computed from it without reading again.
struct Kept {
    files: Vec<skm_worker_protocol::FileData>,
    office: Option<UnitDocuments>,
    /// The office read from `office`.
    parsed: Option<Office>,
    today: jiff::civil::Date,
    responses_only: bool,
    data: YearData,
}

/// The years last computed: the dashboard's, and each unit's of the pemda view (by code).
#[derive(Default)]
struct KeptYears {
    shown: Option<Kept>,
    units: HashMap<String, Option<Kept>>,
}

/// Answers a request (its new files already kept); files it names that are not kept are asked
/// for again.
fn handle(
    request: Request,
    store: &mut Store,
    kept: &mut KeptYears,
    builtin: &Office,
    now: &dyn Fn() -> f64,
    post: &dyn Fn(&Reply),
) -> Reply {
    let ids = request.file_ids();
    let missing = store.missing(&ids);
    if !missing.is_empty() {
        return Reply::Missing { ids: missing };
    }
    store.use_and_trim(&ids, store::KEPT_BYTES);
    let store = &*store;
    match request {
        Request::Year { files, query, office, per_unit } => {
            let office = office.as_ref();
            let mut reply = year(&files, store, Some(&mut kept.shown), &query, office, builtin, per_unit, now, post);
            if let (true, Reply::Year { report, .. }) = (per_unit, &mut reply) {
                // The other kinds are not missing: they are judged per unit.
                report.missing.retain(|k| *k == FileKind::Responses);
            }
            reply
        }
        Request::Units { units, query } => {
            let start = now();
            let mut figures = Vec::with_capacity(units.len());
            // Units no longer on the server are let go.
            kept.units.retain(|code, _| units.iter().any(|u| &u.code == code));
            for unit in &units {
                let slot = kept.units.entry(unit.code.clone()).or_default();
                match year(&unit.files, store, Some(slot), &query, unit.office.as_ref(), builtin, false, now, &|_| {}) {
                    Reply::Year { report, .. } => figures.push(UnitFigures::of(&unit.code, &unit.name, &report)),
                    Reply::Error { message } => return Reply::Error { message: format!("{}: {message}", unit.name) },
                    _ => {}
                }
            }
            let view = PemdaView::new(query.year, figures);
            Reply::Units { view: Box::new(view), elapsed_ms: now() - start }
        }
    }
}

/// One year's figures from the files, by the unit's standards and calendar if given (only from
/// the responses with `responses_only`); with `kept`, what was read last time is used again when
/// the files and office are the same, and what is read now is kept.
#[allow(clippy::too_many_arguments)]
fn year(
    files: &[skm_worker_protocol::FileData],
    store: &Store,
    mut kept: Option<&mut Option<Kept>>,
    query: &skm_worker_protocol::YearQuery,
    office: Option<&UnitDocuments>,
    builtin: &Office,
    responses_only: bool,
    now: &dyn Fn() -> f64,
    post: &dyn Fn(&Reply),
) -> Reply {
    let start = now();
    let wall = jiff::Timestamp::from_millisecond(js_sys::Date::now() as i64).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let today = builtin.calendar.local(wall).date();
    let office_documents = office;
    let same = |k: &Kept| {
        k.files == files && k.office.as_ref() == office && k.today == today && k.responses_only == responses_only
    };
    let reused = kept.as_deref_mut().and_then(|slot| slot.take_if(|k| same(k)));
    // The unit's documents are parsed once for as long as they stay the same.
    let (reused, parsed) = match reused {
        Some(mut k) => {
            let parsed = k.parsed.take();
            (Some(k), parsed)
        }
        None => (None, None),
    };
    let of_unit = match (parsed, office) {
        (Some(parsed), _) => Some(parsed),
        (None, Some(documents)) => match Office::of_unit(documents, today, &builtin.mapping) {
            Ok(o) => Some(o),
            Err(message) => return Reply::Error { message },
        },
        (None, None) => None,
    };
    let office = of_unit.as_ref().unwrap_or(builtin);
    let mut year_files = Vec::with_capacity(files.len());
    for file in files {
        let Some(bytes) = store.get(file.id) else {
            return Reply::Missing { ids: vec![file.id] };
        };
        // The period the user gives the rows without a date, as `skm ikm --period-of` does.
        let period = file.period_of.as_deref().and_then(Period::from_key).map(|p| (p, "dasbor / dashboard"));
        let input = Input::new(&file.name, bytes).with_given(Given { period, ..Given::default() });
        let kind = match file.kind {
            Some(kind) => kind,
            None => match classify(&input) {
                Ok(kind) => kind,
                Err(e) => return Reply::Error { message: e.to_string() },
            },
        };
        if !responses_only || kind == FileKind::Responses {
            year_files.push(YearFile { kind, input });
        }
    }
    let options = YearOptions {
        year: query.year,
        weight: query.weight,
        trend: query.trend,
        filter: query.filter.clone(),
        as_of: YearOptions::as_of_for(query.year, office.calendar.local(wall)),
        min_sample: query.min_sample,
    };
    let ctx = YearContext { catalog: &office.catalog, calendar: &office.calendar, mapping: &office.mapping };
    let progress = &mut |stage| post(&Reply::Progress { stage });
    let data = match reused {
        Some(mut k) => match k.data.judge_open_as_of(&office.calendar, options.as_of) {
            Ok(()) => k.data,
            Err(e) => return Reply::Error { message: e.to_string() },
        },
        None => match read_year(&year_files, ctx, options.as_of, progress) {
            Ok(data) => data,
            Err(e) => return Reply::Error { message: e.to_string() },
        },
    };
    let reply = match analyse_year_data(&year_files, &data, ctx, &options, progress) {
        Ok((report, _)) => Reply::Year { report: Box::new(report), elapsed_ms: now() - start },
        Err(e) => Reply::Error { message: e.to_string() },
    };
    if let Some(slot) = kept {
        let (office, parsed) = (office_documents.cloned(), of_unit);
        *slot = Some(Kept { files: files.to_vec(), office, parsed, today, responses_only, data });
    }
    reply
}

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replier = scope.clone();
    let office = Office::load();
    let mut store = Store::default();
    let mut kept = KeptYears::default();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let clock = replier.performance();
        let now = move || clock.as_ref().map_or(0.0, |p| p.now());
        let post = |reply: &Reply| {
            if let Err(e) = replier.post_message(&JsValue::from_str(&reply.to_json())) {
                web_sys_log(&format!("skm-worker: reply could not be posted: {e:?}"));
            }
        };
        let reply = match (skm_worker_protocol::transfer::decode(&event.data()), &office) {
            (Ok((request, files)), Ok(office)) => {
                for (id, bytes) in files {
                    store.put(id, bytes);
                }
                handle(request, &mut store, &mut kept, office, &now, &post)
            }
            (Err(message), _) => Reply::Error { message },
            (_, Err(message)) => Reply::Error { message: message.clone() },
        };
        post(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    if let Err(e) = scope.post_message(&JsValue::from_str(&Reply::Ready.to_json())) {
        web_sys_log(&format!("skm-worker: ready could not be posted: {e:?}"));
    }
}

fn web_sys_log(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
}
