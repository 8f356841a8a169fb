//! Calls to the server's JSON API.

use gloo_storage::Storage;
use serde::Deserialize;
use skm_core::response::Submission;

pub use skm_core::unit::ServiceInfo;

/// The server's answer to a stored submission.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Created {
    pub id: String,
}

/// A refusal from the server.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ApiError {
    pub field: Option<String>,
    pub message_id: String,
    pub message_en: String,
}

/// Fetches the list of services.
pub async fn services() -> Result<Vec<ServiceInfo>, String> {
    let res = gloo_net::http::Request::get("/api/v1/services").send().await.map_err(|e| e.to_string())?;
    if !res.ok() {
        return Err(format!("HTTP {}", res.status()));
    }
    res.json().await.map_err(|e| e.to_string())
}

/// Why a submission was not acknowledged.
#[derive(Debug, Clone, PartialEq)]
pub enum SubmitError {
    /// The server refused it (invalid, conflict): sending it again will not help.
    Refused(ApiError),
    /// No answer, a server error or the rate limit: send it again later.
    Retry(ApiError),
}

/// Sends a submission; 201 (stored) and 200 (stored before) are both an acknowledgement.
pub async fn submit(submission: &Submission) -> Result<Created, SubmitError> {
    let network = |e: gloo_net::Error| {
        SubmitError::Retry(ApiError {
            field: None,
            message_id: format!("jaringan: {e}"),
            message_en: format!("network: {e}"),
        })
    };
    let mut request = gloo_net::http::Request::post("/api/v1/responses");
    if let Some(key) = crate::kiosk::device_key() {
        request = request.header("X-SKM-Kiosk-Key", &key);
    }
    let res = request.json(submission).map_err(network)?.send().await.map_err(network)?;
    let status = res.status();
    if status == 201 || status == 200 {
        return res.json().await.map_err(network);
    }
    let error = res.json().await.unwrap_or(ApiError {
        field: None,
        message_id: format!("server menjawab {status}"),
        message_en: format!("the server answered {status}"),
    });
    if status == 429 || status >= 500 {
        Err(SubmitError::Retry(error))
    } else {
        Err(SubmitError::Refused(error))
    }
}

/// Why the responses could not be fetched.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// The token was refused.
    Unauthorized,
    /// Anything else.
    Other(String),
}

/// Fetches a JSON document of the API.
pub async fn get_json<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, String> {
    let res = gloo_net::http::Request::get(path).send().await.map_err(|e| e.to_string())?;
    if !res.ok() {
        return Err(format!("{path}: HTTP {}", res.status()));
    }
    res.json().await.map_err(|e| e.to_string())
}

/// Fetches the units.
pub async fn units() -> Result<Vec<skm_core::unit::UnitInfo>, String> {
    get_json("/api/v1/units").await
}

/// Fetches the services a unit offers today.
pub async fn unit_services(unit: &str) -> Result<Vec<ServiceInfo>, String> {
    get_json(&format!("/api/v1/units/{}/services", encode(unit))).await
}

/// Fetches a unit's document and every version of its standards.
pub async fn unit_documents(unit: &str) -> Result<skm_core::unit::UnitDocuments, String> {
    get_json(&format!("/api/v1/units/{}/standards", encode(unit))).await
}

/// A code as one segment of a path.
fn encode(segment: &str) -> String {
    js_sys::encode_uri_component(segment).into()
}

/// Where the tab keeps the session's CSRF token (sent with every change).
pub const CSRF_KEY: &str = "skm.csrf";

fn csrf() -> Option<String> {
    gloo_storage::SessionStorage::get::<String>(CSRF_KEY).ok()
}

/// The signed-in account, if any (its CSRF token kept for the tab's changes).
pub async fn session() -> Result<Option<skm_core::access::SessionInfo>, String> {
    let res = gloo_net::http::Request::get("/api/v1/session").send().await.map_err(|e| e.to_string())?;
    match res.status() {
        200 => {
            let info: skm_core::access::SessionInfo = res.json().await.map_err(|e| e.to_string())?;
            let _ = gloo_storage::SessionStorage::set(CSRF_KEY, &info.csrf);
            Ok(Some(info))
        }
        401 => Ok(None),
        s => Err(format!("HTTP {s}")),
    }
}

/// Signs in with a username and password; the refusal in both languages (wrong, or locked for a
/// while) when it fails.
pub async fn sign_in(username: &str, password: &str) -> Result<skm_core::access::SessionInfo, String> {
    let body = skm_core::access::SignIn { username: username.to_owned(), password: password.to_owned() };
    let res = gloo_net::http::Request::post("/api/v1/session")
        .json(&body)
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if res.status() == 200 {
        let info: skm_core::access::SessionInfo = res.json().await.map_err(|e| e.to_string())?;
        let _ = gloo_storage::SessionStorage::set(CSRF_KEY, &info.csrf);
        return Ok(info);
    }
    let status = res.status();
    let refusal: ApiError = res.json().await.map_err(|_| format!("HTTP {status}"))?;
    Err(format!("{} / {}", refusal.message_id, refusal.message_en))
}

/// Signs out.
pub async fn sign_out() -> Result<(), String> {
    let mut request = gloo_net::http::Request::delete("/api/v1/session");
    if let Some(csrf) = csrf() {
        request = request.header("X-CSRF-Token", &csrf);
    }
    let res = request.send().await.map_err(|e| e.to_string())?;
    gloo_storage::SessionStorage::delete(CSRF_KEY);
    if res.ok() {
        Ok(())
    } else {
        Err(format!("HTTP {}", res.status()))
    }
}

/// Fetches the responses (a unit's, or all) as the canonical CSV, with an API token or (none
/// given) the session.
pub async fn responses_csv(token: &str, unit: Option<&str>) -> Result<String, FetchError> {
    let path = match unit {
        Some(u) => format!("/api/v1/units/{}/responses.csv", encode(u)),
        None => "/api/v1/responses.csv".to_owned(),
    };
    let mut request = gloo_net::http::Request::get(&path);
    // No token: the session cookie, if signed in, says who is asking.
    if !token.is_empty() {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let res = request.send().await.map_err(|e| FetchError::Other(e.to_string()))?;
    match res.status() {
        200 => res.text().await.map_err(|e| FetchError::Other(e.to_string())),
        401 => Err(FetchError::Unauthorized),
        s => Err(FetchError::Other(format!("HTTP {s}"))),
    }
}

/// Why a save on the admin page was not stored.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The token was refused.
    Unauthorized,
    /// The standard breaks the catalog's rules: every problem, with its field.
    Invalid(Vec<skm_core::editing::FieldProblem>),
    /// Anything else, in both languages.
    Other(ApiError),
}

/// A refusal that may list the problems of each field.
#[derive(Debug, Deserialize)]
struct Refusal {
    field: Option<String>,
    message_id: String,
    message_en: String,
    #[serde(default)]
    problems: Vec<skm_core::editing::FieldProblem>,
}

/// Sends a request as the signed-in account (with the session's CSRF token) or with an API
/// token: the JSON answer (`None` for 204), or why not.
async fn admin_call<B: serde::Serialize, R: serde::de::DeserializeOwned>(
    method: &str,
    token: &str,
    path: &str,
    body: Option<&B>,
) -> Result<Option<R>, SaveError> {
    let network = |e: gloo_net::Error| {
        SaveError::Other(ApiError {
            field: None,
            message_id: format!("jaringan: {e}"),
            message_en: format!("network: {e}"),
        })
    };
    let mut request = match method {
        "POST" => gloo_net::http::Request::post(path),
        "DELETE" => gloo_net::http::Request::delete(path),
        _ => gloo_net::http::Request::get(path),
    };
    if !token.is_empty() {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    if let Some(csrf) = csrf() {
        request = request.header("X-CSRF-Token", &csrf);
    }
    let sent = match body {
        Some(body) => request.json(body).map_err(network)?.send().await,
        None => request.send().await,
    };
    let res = sent.map_err(network)?;
    match res.status() {
        204 => Ok(None),
        200 | 201 => res.json().await.map(Some).map_err(network),
        401 => Err(SaveError::Unauthorized),
        status => {
            let refusal: Refusal = res.json().await.unwrap_or(Refusal {
                field: None,
                message_id: format!("server menjawab {status}"),
                message_en: format!("the server answered {status}"),
                problems: Vec::new(),
            });
            if refusal.problems.is_empty() {
                Err(SaveError::Other(ApiError {
                    field: refusal.field,
                    message_id: refusal.message_id,
                    message_en: refusal.message_en,
                }))
            } else {
                Err(SaveError::Invalid(refusal.problems))
            }
        }
    }
}

/// A 200/201 answer that must have a body.
fn body<R>(answer: Option<R>) -> Result<R, SaveError> {
    answer.ok_or_else(|| {
        SaveError::Other(ApiError {
            field: None,
            message_id: "jawaban kosong".to_owned(),
            message_en: "an empty answer".to_owned(),
        })
    })
}

/// Posts JSON with the admin token (or the session) and reads the server's `Saved`.
async fn post_admin<T: serde::Serialize>(
    token: &str,
    path: &str,
    payload: &T,
) -> Result<skm_core::editing::Saved, SaveError> {
    body(admin_call("POST", token, path, Some(payload)).await?)
}

/// The accounts the signed-in account may see.
pub async fn users() -> Result<Vec<skm_core::access::UserInfo>, SaveError> {
    body(admin_call::<(), _>("GET", "", "/api/v1/users", None).await?)
}

/// Sets a new password for an account (an `admin_pemda`).
pub async fn reset_user(username: &str, password: &str) -> Result<(), SaveError> {
    let payload = skm_core::access::ResetPassword { password: password.to_owned() };
    let path = format!("/api/v1/users/{}/reset", encode(username));
    admin_call::<_, serde_json::Value>("POST", "", &path, Some(&payload)).await.map(|_| ())
}

/// Disables an account (an `admin_pemda`).
pub async fn disable_user(username: &str) -> Result<(), SaveError> {
    let path = format!("/api/v1/users/{}/disable", encode(username));
    admin_call::<(), serde_json::Value>("POST", "", &path, None).await.map(|_| ())
}

/// Every API token with its last use.
pub async fn tokens() -> Result<Vec<skm_core::access::TokenInfo>, SaveError> {
    body(admin_call::<(), _>("GET", "", "/api/v1/tokens", None).await?)
}

/// Makes a token; its secret is in the answer only.
pub async fn add_token(new: &skm_core::access::NewToken) -> Result<skm_core::access::MadeToken, SaveError> {
    body(admin_call("POST", "", "/api/v1/tokens", Some(new)).await?)
}

/// Revokes a token by its prefix.
pub async fn revoke_token(prefix: &str) -> Result<(), SaveError> {
    let path = format!("/api/v1/tokens/{}/revoke", encode(prefix));
    admin_call::<(), serde_json::Value>("POST", "", &path, None).await.map(|_| ())
}

/// The audit log, oldest first.
pub async fn audit() -> Result<Vec<skm_core::access::AuditEntry>, SaveError> {
    body(admin_call::<(), _>("GET", "", "/api/v1/audit", None).await?)
}

/// The signed-in account changes its password (and must sign in again).
pub async fn change_password(current: &str, new: &str) -> Result<(), SaveError> {
    let payload = skm_core::access::ChangePassword { current: current.to_owned(), new: new.to_owned() };
    admin_call::<_, serde_json::Value>("POST", "", "/api/v1/session/password", Some(&payload)).await.map(|_| ())
}

/// Saves a service's standard of a unit as a new version.
pub async fn save_standard(
    token: &str,
    unit: &str,
    save: &skm_core::editing::SaveStandard,
) -> Result<skm_core::editing::Saved, SaveError> {
    post_admin(token, &format!("/api/v1/units/{}/standards", encode(unit)), save).await
}

/// Retires a service of a unit.
pub async fn retire_service(
    token: &str,
    unit: &str,
    service: &str,
    retire: &skm_core::editing::RetireService,
) -> Result<skm_core::editing::Saved, SaveError> {
    let path = format!("/api/v1/units/{}/services/{}/retire", encode(unit), encode(service));
    post_admin(token, &path, retire).await
}

/// A unit's records of one register (`follow-up`, `publications`, `populations`), for staff who
/// read its responses.
pub async fn records<R: serde::de::DeserializeOwned>(
    token: &str,
    unit: &str,
    register: &str,
) -> Result<Vec<R>, SaveError> {
    let path = format!("/api/v1/units/{}/{register}", encode(unit));
    body(admin_call::<(), _>("GET", token, &path, None).await?)
}

/// Adds a record to one of a unit's registers, or changes record `id`: the record as kept.
pub async fn save_record<D: serde::Serialize, R: serde::de::DeserializeOwned>(
    token: &str,
    unit: &str,
    register: &str,
    id: Option<i64>,
    draft: &D,
) -> Result<R, SaveError> {
    let path = match id {
        Some(id) => format!("/api/v1/units/{}/{register}/{id}", encode(unit)),
        None => format!("/api/v1/units/{}/{register}", encode(unit)),
    };
    body(admin_call("POST", token, &path, Some(draft)).await?)
}

/// The register of follow-up actions.
pub const FOLLOW_UP: &str = "follow-up";
/// The publication register.
pub const PUBLICATIONS: &str = "publications";
/// The services' populations per period.
pub const POPULATIONS: &str = "populations";

/// The sampling plan of a unit's current SKM period.
pub async fn sampling(token: &str, unit: &str) -> Result<skm_core::sampling::SamplingPlan, SaveError> {
    let path = format!("/api/v1/units/{}/sampling", encode(unit));
    body(admin_call::<(), _>("GET", token, &path, None).await?)
}

/// A unit's public results (`/api/v1/units/<unit>/results.json`).
pub async fn public_results(unit: &str) -> Result<skm_core::public::PublicResults, String> {
    get_json(&format!("/api/v1/units/{}/results.json", encode(unit))).await
}

/// Stores a paper form of a unit (an operator, a unit's admin): the stored response's ID, or why
/// not (409 when its serial number was entered already).
pub async fn enter_paper(unit: &str, entry: &skm_core::paper::PaperEntry) -> Result<serde_json::Value, SaveError> {
    let path = format!("/api/v1/units/{}/paper", encode(unit));
    body(admin_call("POST", "", &path, Some(entry)).await?)
}
