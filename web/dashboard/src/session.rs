//! The staff session the dashboard's pages share: the account signed in in this browser (its
//! cookie, read once at start) and the sign-in form's action.

use skm_core::access::SessionInfo;
use yew::prelude::*;

use crate::api;

/// The signed-in account, `None` until the server says who the cookie is (or that none is).
#[hook]
pub fn use_session() -> UseStateHandle<Option<SessionInfo>> {
    let me = use_state(|| None::<SessionInfo>);
    {
        let me = me.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(Some(info)) = api::session().await {
                    me.set(Some(info));
                }
            });
        });
    }
    me
}

/// Signs in with the username and password typed: the account into `me`, or the reason into
/// `notice`.
pub fn sign_in(
    me: &UseStateHandle<Option<SessionInfo>>,
    username: &UseStateHandle<String>,
    password: &UseStateHandle<String>,
    notice: &UseStateHandle<String>,
) -> Callback<SubmitEvent> {
    let (me, username, password, notice) = (me.clone(), username.clone(), password.clone(), notice.clone());
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let (me, notice, username, password) = (me.clone(), notice.clone(), (*username).clone(), (*password).clone());
        wasm_bindgen_futures::spawn_local(async move {
            match api::sign_in(&username, &password).await {
                Ok(info) => {
                    notice.set(String::new());
                    me.set(Some(info));
                }
                Err(message) => notice.set(message),
            }
        });
    })
}
