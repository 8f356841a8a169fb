//! The form that creates or edits one service's standard: every part of the document as fields,
//! the core's validation beside each field as the admin types, and a save as a new version.

use std::rc::Rc;

use skm_core::catalog::{
    ComplaintChannelEntry, DocumentKind, Fee, Limit, RequestChannelEntry, ServiceStandard, SopDetails, SopStep,
    TimeLimit, ROLES,
};
use skm_core::editing::{field_problems, template, FieldProblem, SaveStandard, Saved};
use skm_core::Lang;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::fields::{id_of, At};
use super::words;
use crate::api::{self, SaveError};

/// The draft being edited.
#[derive(PartialEq)]
struct Draft(ServiceStandard);

/// One change to the draft.
struct Change(Box<dyn FnOnce(&mut ServiceStandard)>);

impl Reducible for Draft {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut standard = self.0.clone();
        (change.0)(&mut standard);
        Rc::new(Draft(standard))
    }
}

/// A callback that applies `f` with the value it is given to the draft.
fn edit<T: 'static>(draft: &UseReducerDispatcher<Draft>, f: impl Fn(&mut ServiceStandard, T) + 'static) -> Callback<T> {
    let (draft, f) = (draft.clone(), Rc::new(f));
    Callback::from(move |value: T| {
        let f = f.clone();
        draft.dispatch(Change(Box::new(move |s| f(s, value))));
    })
}

/// Where a save stands.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Idle,
    Saving,
    Saved(Saved),
    WrongToken,
    Failed(String),
}

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// Display language.
    pub lang: Lang,
    /// The unit's code.
    pub unit: String,
    /// Today in the unit's zone (ISO), the default day a change takes effect.
    pub today: String,
    /// The standard to start from (a template for a new service).
    pub standard: ServiceStandard,
    /// The admin token.
    pub token: String,
    /// After a save.
    pub on_saved: Callback<Saved>,
    /// Closes the form.
    pub on_close: Callback<()>,
}

/// The form.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let l = props.lang;
    let draft = {
        let start = props.standard.clone();
        use_reducer(move || Draft(start))
    };
    let effective = {
        let today = props.today.clone();
        use_state(move || today)
    };
    let status = use_state(|| Status::Idle);
    let server_problems = use_state(Vec::<FieldProblem>::new);
    let d = draft.dispatcher();
    let s = &draft.0;
    let live = field_problems(s);
    let problems: &[FieldProblem] = if live.is_empty() { &server_problems } else { &live };
    let at = At { lang: l, problems };

    let save = {
        let (draft, effective, status, server_problems) =
            (draft.clone(), effective.clone(), status.clone(), server_problems.clone());
        let (unit, token, on_saved) = (props.unit.clone(), props.token.clone(), props.on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *status == Status::Saving || !field_problems(&draft.0).is_empty() {
                return;
            }
            status.set(Status::Saving);
            let save = SaveStandard { standard: draft.0.clone(), effective_from: Some((*effective).clone()) };
            let (unit, token, status, server_problems, on_saved) =
                (unit.clone(), token.clone(), status.clone(), server_problems.clone(), on_saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::save_standard(&token, &unit, &save).await {
                    Ok(saved) => {
                        server_problems.set(Vec::new());
                        status.set(Status::Saved(saved.clone()));
                        on_saved.emit(saved);
                    }
                    Err(SaveError::Unauthorized) => status.set(Status::WrongToken),
                    Err(SaveError::Invalid(found)) => {
                        server_problems.set(found);
                        status.set(Status::Idle);
                    }
                    Err(SaveError::Other(e)) => {
                        status.set(Status::Failed(format!("{} / {}", e.message_id, e.message_en)))
                    }
                }
            });
        })
    };

    let identity = html! {
        <>
            { at.text("code", words::CODE, &s.code, edit(&d, |s, v: String| s.code = v.trim().to_owned())) }
            <div class="field">
                <label for="f-kind">{ words::KIND.get(l) }</label>
                <select id="f-kind" onchange={edit(&d, |s, v: String| {
                    s.kind = if v == "sop" { DocumentKind::Sop } else { DocumentKind::StandarPelayanan };
                }).reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value())}>
                    <option value="standar_pelayanan" selected={s.kind == DocumentKind::StandarPelayanan}>{ words::KIND_STANDARD.get(l) }</option>
                    <option value="sop" selected={s.kind == DocumentKind::Sop}>{ words::KIND_SOP.get(l) }</option>
                </select>
            </div>
            { at.text("number", words::NUMBER, &s.number, edit(&d, |s, v| s.number = v)) }
            { at.text("name", words::NAME, &s.name, edit(&d, |s, v| s.name = v)) }
            { at.text("name_en", words::NAME_EN, &s.name_en, edit(&d, |s, v| s.name_en = v)) }
            { at.text("unit", words::PUBLISHER, &s.unit, edit(&d, |s, v| s.unit = v)) }
        </>
    };

    let procedure = html! {
        <>
            { at.lines("requirements", words::REQUIREMENTS, &s.requirements, edit(&d, |s, v| s.requirements = v)) }
            { at.lines("procedure.flow", words::FLOW, &s.procedure.flow, edit(&d, |s, v| s.procedure.flow = v)) }
            { at.lines("procedure.steps", words::PROCEDURE, &s.procedure.steps, edit(&d, |s, v| s.procedure.steps = v)) }
            { at.limit("completion_time", words::COMPLETION, &s.completion_time, edit(&d, |s, v| s.completion_time = v)) }
        </>
    };

    let fee = at.optional(
        "fee",
        words::FEE,
        s.fee.is_some(),
        edit(&d, |s, on: bool| s.fee = on.then(|| Fee { text: "Gratis".to_owned(), amount_idr: 0 })),
        match &s.fee {
            Some(fee) => html! {
                <>
                    { at.text("fee.text", words::FEE, &fee.text, edit(&d, |s, v| if let Some(f) = &mut s.fee { f.text = v })) }
                    { at.number("fee.amount_idr", words::FEE_AMOUNT, Some(fee.amount_idr), edit(&d, |s, v: Option<u64>| {
                        if let Some(f) = &mut s.fee { f.amount_idr = v.unwrap_or(0) }
                    })) }
                </>
            },
            None => html! {},
        },
    );

    let request_channels = html! {
        <fieldset class="section" id={id_of("request_channels")}>
            <legend>{ words::REQUEST_CHANNELS.get(l) }</legend>
            { for words::REQUEST_CHANNEL_NAMES.iter().enumerate().map(|(n, (channel, name))| {
                let channel = *channel;
                let entry = s.request_channels.iter().find(|e| e.channel == channel);
                let id = format!("f-request-{n}");
                let toggle = edit(&d, move |s, on: bool| {
                    s.request_channels.retain(|e| e.channel != channel);
                    if on {
                        s.request_channels.push(RequestChannelEntry { channel, text: name.id.to_owned() });
                    }
                });
                let text = edit(&d, move |s, v: String| {
                    if let Some(e) = s.request_channels.iter_mut().find(|e| e.channel == channel) { e.text = v }
                });
                at.channel(&id, *name, entry.map(|e| e.text.as_str()), toggle, text)
            }) }
            { at.problems("request_channels", false) }
        </fieldset>
    };

    let complaints = at.optional(
        "complaints",
        words::COMPLAINTS,
        s.complaints.is_some(),
        edit(&d, |s, on: bool| s.complaints = if on { template(&s.unit).complaints } else { None }),
        match &s.complaints {
            Some(c) => html! {
                <>
                    <fieldset class="section" id={id_of("complaints.channels")}>
                        <legend>{ words::COMPLAINT_CHANNELS.get(l) }</legend>
                        { for words::COMPLAINT_CHANNEL_NAMES.iter().enumerate().map(|(n, (channel, name))| {
                            let channel = *channel;
                            let entry = c.channels.iter().find(|e| e.channel == channel);
                            let id = format!("f-complaint-{n}");
                            let toggle = edit(&d, move |s, on: bool| {
                                if let Some(c) = &mut s.complaints {
                                    c.channels.retain(|e| e.channel != channel);
                                    if on {
                                        c.channels.push(ComplaintChannelEntry { channel, text: name.id.to_owned() });
                                    }
                                }
                            });
                            let text = edit(&d, move |s, v: String| {
                                if let Some(e) = s.complaints.iter_mut().flat_map(|c| c.channels.iter_mut()).find(|e| e.channel == channel) {
                                    e.text = v;
                                }
                            });
                            at.channel(&id, *name, entry.map(|e| e.text.as_str()), toggle, text)
                        }) }
                        { at.problems("complaints.channels", false) }
                    </fieldset>
                    { at.lines("complaints.flow", words::COMPLAINT_FLOW, &c.flow, edit(&d, |s, v| if let Some(c) = &mut s.complaints { c.flow = v })) }
                    <fieldset class="section" id={id_of("complaints.tiers")}>
                        <legend>{ words::TIERS.get(l) }</legend>
                        { for c.tiers.iter().enumerate().map(|(i, t)| at.limit(
                            &format!("complaints.tiers[{i}].deadline"),
                            t.tier.label(),
                            &t.deadline,
                            edit(&d, move |s, v: TimeLimit| {
                                if let Some(t) = s.complaints.as_mut().and_then(|c| c.tiers.get_mut(i)) { t.deadline = v }
                            }),
                        )) }
                        { at.problems("complaints.tiers", false) }
                    </fieldset>
                </>
            },
            None => html! {},
        },
    );

    let texts = html! {
        <>
            { at.lines("legal_basis", words::LEGAL_BASIS, &s.legal_basis, edit(&d, |s, v| s.legal_basis = v)) }
            { at.lines("facilities", words::FACILITIES, &s.facilities, edit(&d, |s, v| s.facilities = v)) }
            { at.lines("staff_competence", words::COMPETENCE, &s.staff_competence, edit(&d, |s, v| s.staff_competence = v)) }
            { at.text("internal_supervision", words::SUPERVISION, s.internal_supervision.as_deref().unwrap_or_default(),
                edit(&d, |s, v: String| s.internal_supervision = Some(v).filter(|v| !v.trim().is_empty()))) }
            { at.text("product", words::PRODUCT, s.product.as_deref().unwrap_or_default(),
                edit(&d, |s, v: String| s.product = Some(v).filter(|v| !v.trim().is_empty()))) }
            { at.lines("service_guarantees", words::SERVICE_GUARANTEES, &s.service_guarantees, edit(&d, |s, v| s.service_guarantees = v)) }
            { at.lines("security_guarantees", words::SECURITY_GUARANTEES, &s.security_guarantees, edit(&d, |s, v| s.security_guarantees = v)) }
        </>
    };

    let evaluation = at.optional(
        "evaluation",
        words::EVALUATION,
        s.evaluation.is_some(),
        edit(&d, |s, on: bool| s.evaluation = if on { template(&s.unit).evaluation } else { None }),
        match &s.evaluation {
            Some(e) => html! {
                <>
                    { at.lines("evaluation.text", words::EVALUATION_TEXT, &e.text, edit(&d, |s, v| if let Some(e) = &mut s.evaluation { e.text = v })) }
                    { at.number("evaluation.meetings_per_month", words::MEETINGS, Some(u64::from(e.meetings_per_month)),
                        edit(&d, |s, v: Option<u64>| if let Some(e) = &mut s.evaluation {
                            e.meetings_per_month = v.and_then(|v| u32::try_from(v).ok()).unwrap_or(0);
                        })) }
                    <fieldset class="section" id={id_of("evaluation.required_roles")}>
                        <legend>{ words::ROLES.get(l) }</legend>
                        { for ROLES.iter().map(|role| {
                            let role = *role;
                            let id = format!("f-role-{}", role.code());
                            let toggle = edit(&d, move |s, on: bool| if let Some(e) = &mut s.evaluation {
                                e.required_roles.retain(|r| *r != role);
                                if on { e.required_roles.push(role); e.required_roles.sort(); }
                            });
                            html! {
                                <label class="check" for={id.clone()}>
                                    <input id={id.clone()} type="checkbox" checked={e.required_roles.contains(&role)}
                                        onchange={toggle.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked())} />
                                    { " " }{ role.label().get(l) }
                                </label>
                            }
                        }) }
                        { at.problems("evaluation.required_roles", false) }
                    </fieldset>
                    { at.number("evaluation.skm_per_year", words::SKM_PER_YEAR, e.skm_per_year.map(u64::from),
                        edit(&d, |s, v: Option<u64>| if let Some(e) = &mut s.evaluation {
                            e.skm_per_year = v.and_then(|v| u32::try_from(v).ok());
                        })) }
                </>
            },
            None => html! {},
        },
    );

    let today = props.today.clone();
    let sop = at.optional(
        "sop",
        words::SOP,
        s.sop.is_some(),
        edit(&d, move |s, on: bool| {
            s.sop = on.then(|| SopDetails {
                effective_date: today.clone(),
                approved_by: String::new(),
                related_procedures: Vec::new(),
                warnings: Vec::new(),
                records: Vec::new(),
                steps: Vec::new(),
                executor_note: None,
            });
        }),
        match &s.sop {
            Some(sop) => sop_fields(&at, &d, sop),
            None => html! {},
        },
    );

    let summary = if problems.is_empty() {
        html! { <p class="ok-line" id="editor-valid">{ words::NO_PROBLEMS.get(l) }</p> }
    } else {
        html! {
            <div id="editor-problems" role="status">
                <p class="error">{ format!("{} ({}):", words::PROBLEMS.get(l), problems.len()) }</p>
                <ul>
                    { for problems.iter().map(|p| html! {
                        <li data-field={p.field.clone()}>
                            <code>{ &p.field }</code>{ ": " }{ if l == Lang::Id { &p.message_id } else { &p.message_en } }
                        </li>
                    }) }
                </ul>
            </div>
        }
    };
    let status_line = match &*status {
        Status::Idle => html! {},
        Status::Saving => html! { <p class="muted" role="status">{ words::SAVING.get(l) }</p> },
        Status::Saved(saved) => {
            let head = if saved.new { words::SAVED } else { words::UNCHANGED };
            html! {
                <p id="editor-saved" role="status">
                    { format!("{} {}, {} {}", head.get(l), saved.version, words::IN_FORCE_FROM.get(l), saved.effective_from) }
                </p>
            }
        }
        Status::WrongToken => html! { <p class="error" role="alert">{ words::WRONG_TOKEN.get(l) }</p> },
        Status::Failed(why) => html! { <p class="error" role="alert">{ why }</p> },
    };
    let on_effective = {
        let effective = effective.clone();
        Callback::from(move |e: InputEvent| effective.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <form id="editor" class="editor" onsubmit={save} novalidate=true>
            { identity }
            { procedure }
            { fee }
            { request_channels }
            { complaints }
            { texts }
            { evaluation }
            { sop }
            <div class="editor-actions">
                <div class="field">
                    <label for="f-effective">{ words::EFFECTIVE.get(l) }</label>
                    <input id="f-effective" type="date" value={(*effective).clone()} oninput={on_effective} />
                    { at.problems("effective_from", false) }
                </div>
                { summary }
                { status_line }
                <div class="nav">
                    <button type="button" class="secondary" onclick={close}>{ words::CANCEL.get(l) }</button>
                    <button id="editor-save" type="submit" class="primary" disabled={*status == Status::Saving}>
                        { words::SAVE.get(l) }
                    </button>
                </div>
            </div>
        </form>
    }
}

/// The SOP's own sections and its steps, each step numbered by its place.
fn sop_fields(at: &At<'_>, d: &UseReducerDispatcher<Draft>, sop: &SopDetails) -> Html {
    let l = at.lang;
    let sop_edit = |f: fn(&mut SopDetails, Vec<String>)| {
        edit(d, move |s, v: Vec<String>| {
            if let Some(sop) = &mut s.sop {
                f(sop, v)
            }
        })
    };
    let add_step = edit(d, |s, _: MouseEvent| {
        if let Some(sop) = &mut s.sop {
            let number = u32::try_from(sop.steps.len()).unwrap_or(u32::MAX).saturating_add(1);
            sop.steps.push(SopStep {
                number,
                activity: String::new(),
                executor: words::SOP_ROLE_NAMES[3].0,
                inputs: Vec::new(),
                standard_time: TimeLimit {
                    text: String::new(),
                    limit: Limit::WorkingMinutes { amount: 15, at_least: None },
                    note: None,
                },
                output: None,
            });
        }
    });
    html! {
        <>
            { at.text("sop.effective_date", words::SOP_EFFECTIVE, &sop.effective_date,
                edit(d, |s, v| if let Some(sop) = &mut s.sop { sop.effective_date = v })) }
            { at.text("sop.approved_by", words::APPROVED_BY, &sop.approved_by,
                edit(d, |s, v| if let Some(sop) = &mut s.sop { sop.approved_by = v })) }
            { at.lines("sop.related_procedures", words::RELATED, &sop.related_procedures, sop_edit(|sop, v| sop.related_procedures = v)) }
            { at.lines("sop.warnings", words::WARNINGS, &sop.warnings, sop_edit(|sop, v| sop.warnings = v)) }
            { at.lines("sop.records", words::RECORDS, &sop.records, sop_edit(|sop, v| sop.records = v)) }
            <fieldset class="section" id={id_of("sop.steps")}>
                <legend>{ words::STEPS.get(l) }</legend>
                { for sop.steps.iter().enumerate().map(|(i, step)| {
                    let path = format!("sop.steps[{i}]");
                    let with_step = |f: fn(&mut SopStep, String)| edit(d, move |s, v: String| {
                        if let Some(step) = s.sop.as_mut().and_then(|sop| sop.steps.get_mut(i)) { f(step, v) }
                    });
                    let remove = edit(d, move |s, _: MouseEvent| if let Some(sop) = &mut s.sop {
                        if i < sop.steps.len() {
                            sop.steps.remove(i);
                        }
                        for (n, step) in sop.steps.iter_mut().enumerate() {
                            step.number = u32::try_from(n + 1).unwrap_or(u32::MAX);
                        }
                    });
                    let executor_id = format!("{}-executor", id_of(&path));
                    html! {
                        <fieldset class="step" id={id_of(&path)}>
                            <legend>{ format!("{} {}", words::STEP.get(l), step.number) }</legend>
                            { at.text(&format!("{path}.activity"), words::ACTIVITY, &step.activity, with_step(|st, v| st.activity = v)) }
                            <div class="field">
                                <label for={executor_id.clone()}>{ words::EXECUTOR.get(l) }</label>
                                <select id={executor_id} onchange={edit(d, move |s, v: String| {
                                    let role = v.parse::<usize>().ok().and_then(|n| words::SOP_ROLE_NAMES.get(n));
                                    if let (Some(step), Some((role, _))) = (s.sop.as_mut().and_then(|sop| sop.steps.get_mut(i)), role) {
                                        step.executor = *role;
                                    }
                                }).reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value())}>
                                    { for words::SOP_ROLE_NAMES.iter().enumerate().map(|(n, (role, name))| {
                                        html! { <option value={n.to_string()} selected={*role == step.executor}>{ name.get(l) }</option> }
                                    }) }
                                </select>
                            </div>
                            { at.lines(&format!("{path}.inputs"), words::INPUTS, &step.inputs, edit(d, move |s, v: Vec<String>| {
                                if let Some(step) = s.sop.as_mut().and_then(|sop| sop.steps.get_mut(i)) { step.inputs = v }
                            })) }
                            { at.limit(&format!("{path}.standard_time"), words::STEP_TIME, &step.standard_time, edit(d, move |s, v: TimeLimit| {
                                if let Some(step) = s.sop.as_mut().and_then(|sop| sop.steps.get_mut(i)) { step.standard_time = v }
                            })) }
                            { at.text(&format!("{path}.output"), words::OUTPUT, step.output.as_deref().unwrap_or_default(),
                                with_step(|st, v| st.output = Some(v).filter(|v| !v.trim().is_empty()))) }
                            { at.problems(&format!("{path}.number"), false) }
                            <button type="button" class="secondary" onclick={remove}>{ words::REMOVE.get(l) }</button>
                        </fieldset>
                    }
                }) }
                { at.problems("sop.steps", false) }
                <button id="add-step" type="button" class="secondary" onclick={add_step}>{ words::ADD_STEP.get(l) }</button>
            </fieldset>
        </>
    }
}
