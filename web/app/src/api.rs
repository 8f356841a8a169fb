//! Calls to the server's JSON API.

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
async fn get_json<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, String> {
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

/// Fetches the responses (a unit's, or all) as the canonical CSV with the admin token.
pub async fn responses_csv(token: &str, unit: Option<&str>) -> Result<String, FetchError> {
    let path = match unit {
        Some(u) => format!("/api/v1/units/{}/responses.csv", encode(u)),
        None => "/api/v1/responses.csv".to_owned(),
    };
    let res = gloo_net::http::Request::get(&path)
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|e| FetchError::Other(e.to_string()))?;
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

/// Posts JSON with the admin token and reads the server's `Saved`.
async fn post_admin<T: serde::Serialize>(
    token: &str,
    path: &str,
    body: &T,
) -> Result<skm_core::editing::Saved, SaveError> {
    let network = |e: gloo_net::Error| {
        SaveError::Other(ApiError {
            field: None,
            message_id: format!("jaringan: {e}"),
            message_en: format!("network: {e}"),
        })
    };
    let res = gloo_net::http::Request::post(path)
        .header("Authorization", &format!("Bearer {token}"))
        .json(body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    match res.status() {
        200 | 201 => res.json().await.map_err(network),
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
