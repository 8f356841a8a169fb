//! The staff's own part of `/admin`: one's password; the accounts (seen by a unit's admin, reset
//! and disabled by an `admin_pemda`); the API tokens and the audit log (an `admin_pemda`). The
//! server decides every one of these; the page only leaves out what the role cannot use.

use skm_core::access::{AuditEntry, NewToken, Scope, SessionInfo, StaffRole, TokenInfo, TokenPermission, UserInfo};
use skm_core::Lang;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::words;
use crate::api::{self, SaveError};
use crate::dashboard::text_input;

/// Props of [`StaffPanel`].
#[derive(Properties, PartialEq)]
pub struct StaffProps {
    /// Display language.
    pub lang: Lang,
    /// The signed-in account.
    pub me: SessionInfo,
    /// After a password change (the session has ended).
    pub on_signed_out: Callback<()>,
}

fn said(e: SaveError, l: Lang) -> String {
    match e {
        SaveError::Unauthorized => words::WRONG_TOKEN.get(l).to_owned(),
        SaveError::Invalid(p) => p.into_iter().map(|p| p.message_en).collect::<Vec<_>>().join("; "),
        SaveError::Other(e) => format!("{} / {}", e.message_id, e.message_en),
    }
}

fn scope_text(scope: &Scope) -> String {
    match scope {
        Scope::All => "*".to_owned(),
        Scope::Units(units) => units.join(", "),
    }
}

/// The panel.
#[component]
pub fn StaffPanel(props: &StaffProps) -> Html {
    let l = props.lang;
    let pemda = props.me.role == StaffRole::AdminPemda;
    let sees_users = pemda || props.me.role == StaffRole::AdminUnit;
    let users = use_state(Vec::<UserInfo>::new);
    let tokens = use_state(Vec::<TokenInfo>::new);
    let audit = use_state(Vec::<AuditEntry>::new);
    let reloads = use_state(|| 0u32);
    let message = use_state(String::new);
    let current = use_state(String::new);
    let new_password = use_state(String::new);
    let reset_user = use_state(String::new);
    let reset_password = use_state(String::new);
    let token_units = use_state(|| "*".to_owned());
    let token_permission = use_state(|| TokenPermission::Read);
    let token_note = use_state(String::new);
    let made = use_state(|| None::<String>);
    {
        let (users, tokens, audit) = (users.clone(), tokens.clone(), audit.clone());
        use_effect_with(*reloads, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if sees_users {
                    if let Ok(list) = api::users().await {
                        users.set(list);
                    }
                }
                if pemda {
                    if let Ok(list) = api::tokens().await {
                        tokens.set(list);
                    }
                    if let Ok(list) = api::audit().await {
                        audit.set(list);
                    }
                }
            });
        });
    }
    // Runs a change, then says how it went and reads the lists again.
    let act = {
        let (message, reloads) = (message.clone(), reloads.clone());
        move |change: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), SaveError>>>>| {
            let (message, reloads) = (message.clone(), reloads.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match change.await {
                    Ok(()) => message.set(words::DONE.get(l).to_owned()),
                    Err(e) => message.set(said(e, l)),
                }
                reloads.set(*reloads + 1);
            });
        }
    };

    let change_password = {
        let (current, new_password, message, on_signed_out) =
            (current.clone(), new_password.clone(), message.clone(), props.on_signed_out.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (old, new) = ((*current).clone(), (*new_password).clone());
            let (message, on_signed_out) = (message.clone(), on_signed_out.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::change_password(&old, &new).await {
                    Ok(()) => {
                        message.set(words::PASSWORD_CHANGED.get(l).to_owned());
                        on_signed_out.emit(());
                    }
                    Err(e) => message.set(said(e, l)),
                }
            });
        })
    };
    let reset = {
        let (reset_user, reset_password, act) = (reset_user.clone(), reset_password.clone(), act.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (name, password) = ((*reset_user).clone(), (*reset_password).clone());
            act(Box::pin(async move { api::reset_user(&name, &password).await }));
        })
    };
    let make_token = {
        let (units, permission, note, made, message) =
            (token_units.clone(), token_permission.clone(), token_note.clone(), made.clone(), message.clone());
        let reloads = reloads.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let new = NewToken {
                units: units.split(',').map(str::trim).filter(|u| !u.is_empty()).map(str::to_owned).collect(),
                permission: *permission,
                note: (*note).clone(),
            };
            let (made, message, reloads) = (made.clone(), message.clone(), reloads.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::add_token(&new).await {
                    Ok(token) => made.set(Some(token.token)),
                    Err(e) => message.set(said(e, l)),
                }
                reloads.set(*reloads + 1);
            });
        })
    };

    let account = html! {
        <section id="my-account">
            <h2>{ words::MY_ACCOUNT.get(l) }</h2>
            <form class="signin" onsubmit={change_password}>
                <div class="field">
                    <label for="current-password">{ words::CURRENT_PASSWORD.get(l) }</label>
                    <input id="current-password" type="password" autocomplete="current-password" oninput={text_input(&current)} />
                </div>
                <div class="field">
                    <label for="new-password">{ words::NEW_PASSWORD.get(l) }</label>
                    <input id="new-password" type="password" autocomplete="new-password" oninput={text_input(&new_password)} />
                </div>
                <button id="change-password" class="secondary" type="submit">{ words::CHANGE_PASSWORD.get(l) }</button>
            </form>
        </section>
    };
    let user_rows = users.iter().map(|u| {
        let disable = {
            let (act, name) = (act.clone(), u.username.clone());
            Callback::from(move |_: MouseEvent| {
                let sure = web_sys::window().and_then(|w| w.confirm_with_message(words::DISABLE_CONFIRM.get(l)).ok());
                if sure == Some(true) {
                    let name = name.clone();
                    act(Box::pin(async move { api::disable_user(&name).await }));
                }
            })
        };
        let state = if u.disabled { words::DISABLED } else { words::ACTIVE };
        html! {
            <tr data-user={u.username.clone()}>
                <td>{ &u.username }</td><td>{ u.role.code() }</td><td>{ u.units.join(", ") }</td><td>{ state.get(l) }</td>
                <td>if pemda && !u.disabled {
                    <button type="button" class="secondary disable" onclick={disable}>{ words::DISABLE.get(l) }</button>
                }</td>
            </tr>
        }
    });
    let users_part = html! {
        <section id="users">
            <h2>{ words::USERS.get(l) }</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label={words::USERS.get(l)}>
                <table class="data">
                    <thead><tr>
                        <th>{ skm_web::texts::USERNAME.get(l) }</th><th>{ words::ROLE.get(l) }</th>
                        <th>{ words::UNITS.get(l) }</th><th>{ words::STATE.get(l) }</th><th></th>
                    </tr></thead>
                    <tbody>{ for user_rows }</tbody>
                </table>
            </div>
            if pemda {
                <form class="signin" onsubmit={reset}>
                    <div class="field">
                        <label for="reset-user">{ words::RESET_FOR.get(l) }</label>
                        <select id="reset-user" onchange={
                            let reset_user = reset_user.clone();
                            Callback::from(move |e: Event| reset_user.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
                        }>
                            <option value="" selected={reset_user.is_empty()}>{ "–" }</option>
                            { for users.iter().map(|u| html! { <option value={u.username.clone()}>{ &u.username }</option> }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="reset-password">{ words::NEW_PASSWORD.get(l) }</label>
                        <input id="reset-password" type="password" autocomplete="new-password" oninput={text_input(&reset_password)} />
                    </div>
                    <button id="reset-submit" class="secondary" type="submit">{ words::RESET.get(l) }</button>
                </form>
            }
        </section>
    };
    let token_rows = tokens.iter().map(|t| {
        let revoke = {
            let (act, prefix) = (act.clone(), t.prefix.clone());
            Callback::from(move |_: MouseEvent| {
                let prefix = prefix.clone();
                act(Box::pin(async move { api::revoke_token(&prefix).await }));
            })
        };
        let state = t
            .revoked_at
            .as_ref()
            .map_or_else(|| words::ACTIVE.get(l).to_owned(), |at| format!("{} {at}", words::REVOKED.get(l)));
        html! {
            <tr data-token={t.prefix.clone()}>
                <td><code>{ format!("{}…", t.prefix) }</code></td><td>{ t.permission.code() }</td>
                <td>{ scope_text(&t.scope) }</td><td>{ t.last_used.clone().unwrap_or_else(|| "–".to_owned()) }</td>
                <td>{ state }</td><td>{ &t.note }</td>
                <td>if t.revoked_at.is_none() {
                    <button type="button" class="secondary revoke" onclick={revoke}>{ words::REVOKE.get(l) }</button>
                }</td>
            </tr>
        }
    });
    let on_permission = {
        let token_permission = token_permission.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            token_permission.set(TokenPermission::from_code(&value).unwrap_or(TokenPermission::Read));
        })
    };
    let tokens_part = html! {
        <section id="tokens">
            <h2>{ words::TOKENS.get(l) }</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label={words::TOKENS.get(l)}>
                <table class="data">
                    <thead><tr>
                        <th>{ "Token" }</th><th>{ words::PERMISSION.get(l) }</th><th>{ words::UNITS.get(l) }</th>
                        <th>{ words::LAST_USED.get(l) }</th><th>{ words::STATE.get(l) }</th><th>{ words::NOTE.get(l) }</th><th></th>
                    </tr></thead>
                    <tbody>{ for token_rows }</tbody>
                </table>
            </div>
            <form class="signin" onsubmit={make_token}>
                <div class="field">
                    <label for="token-units">{ words::TOKEN_UNITS.get(l) }</label>
                    <input id="token-units" type="text" value={(*token_units).clone()} oninput={text_input(&token_units)} />
                </div>
                <div class="field">
                    <label for="token-permission">{ words::PERMISSION.get(l) }</label>
                    <select id="token-permission" onchange={on_permission}>
                        <option value="read" selected={*token_permission == TokenPermission::Read}>{ "read" }</option>
                        <option value="write" selected={*token_permission == TokenPermission::Write}>{ "write" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="token-note">{ words::NOTE.get(l) }</label>
                    <input id="token-note" type="text" value={(*token_note).clone()} oninput={text_input(&token_note)} />
                </div>
                <button id="make-token" class="secondary" type="submit">{ words::MAKE_TOKEN.get(l) }</button>
            </form>
            if let Some(secret) = &*made {
                <p>{ words::NEW_TOKEN.get(l) }{ " " }<code id="new-token">{ secret }</code></p>
            }
        </section>
    };
    let audit_rows = audit.iter().rev().take(50).map(|e| {
        html! {
            <tr>
                <td>{ &e.at }</td><td>{ &e.actor }</td><td>{ &e.address }</td><td>{ &e.action }</td>
                <td>{ &e.target }</td><td>{ &e.outcome }</td>
            </tr>
        }
    });
    let audit_part = html! {
        <section id="audit">
            <h2>{ words::AUDIT.get(l) }</h2>
            <p>
                <a id="audit-csv" href="/api/v1/audit.csv" download="audit.csv">{ words::DOWNLOAD_CSV.get(l) }</a>{ " · " }
                <a id="audit-xlsx" href="/api/v1/audit.xlsx" download="audit.xlsx">{ words::DOWNLOAD_XLSX.get(l) }</a>
            </p>
            <p class="muted">{ words::AUDIT_LATEST.get(l) }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={words::AUDIT.get(l)}>
                <table id="audit-table" class="data">
                    <thead><tr>
                        <th>{ words::WHEN.get(l) }</th><th>{ words::WHO.get(l) }</th><th>{ "IP" }</th>
                        <th>{ words::WHAT.get(l) }</th><th>{ words::TARGET.get(l) }</th><th>{ words::OUTCOME.get(l) }</th>
                    </tr></thead>
                    <tbody>{ for audit_rows }</tbody>
                </table>
            </div>
        </section>
    };
    html! {
        <div class="staff">
            if !message.is_empty() { <p id="staff-message" role="status">{ (*message).clone() }</p> }
            { account }
            if sees_users { { users_part } }
            if pemda { { tokens_part } { audit_part } }
        </div>
    }
}
