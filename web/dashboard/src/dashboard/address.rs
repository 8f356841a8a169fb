//! The view in the address (`/dasbor?unit=…&year=2026&period=2026-Q2&service=…&channel=…&view=ikm`):
//! a link opens exactly that view, and a reload keeps it.

use skm_core::period::Period;
use skm_core::year::YearFilter;
use web_sys::UrlSearchParams;

use super::View;

/// What the address says of the view; what it leaves out is the page's default.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Address {
    /// The unit shown; every unit when none.
    pub(crate) unit: Option<String>,
    /// The year.
    pub(crate) year: Option<i16>,
    /// Period, service and channel.
    pub(crate) filter: YearFilter,
    /// The tab.
    pub(crate) view: Option<View>,
}

/// Reads the address. A value that cannot be right (a year out of range, a period that is not a
/// period key, an unknown tab) is left out; a period's own year wins over another year.
pub(crate) fn read() -> Address {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let Ok(params) = UrlSearchParams::new_with_str(&search) else { return Address::default() };
    let get = |name: &str| params.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty() && v.len() <= 200);
    let period = get("period").and_then(|k| Period::from_key(&k));
    let year = get("year").and_then(|y| y.parse::<i16>().ok()).filter(|y| (2000..=2100).contains(y));
    Address {
        unit: get("unit"),
        year: period.map(|p| p.year).or(year),
        filter: YearFilter { period: period.map(Period::key), service: get("service"), channel: get("channel") },
        view: get("view").and_then(|v| View::from_name(&v)),
    }
}

/// Puts the view in the address, in place of the current entry (the back button leaves the page,
/// as before).
pub(crate) fn write(address: &Address) {
    let Some(window) = web_sys::window() else { return };
    let Ok(params) = UrlSearchParams::new() else { return };
    let add = |name: &str, value: Option<&str>| {
        if let Some(value) = value {
            params.append(name, value);
        }
    };
    add("unit", address.unit.as_deref());
    add("year", address.year.map(|y| y.to_string()).as_deref());
    add("period", address.filter.period.as_deref());
    add("service", address.filter.service.as_deref());
    add("channel", address.filter.channel.as_deref());
    add("view", address.view.filter(|v| *v != View::Overview).map(View::name));
    let path = window.location().pathname().unwrap_or_else(|_| "/dasbor".to_owned());
    let query = String::from(params.to_string());
    let url = if query.is_empty() { path } else { format!("{path}?{query}") };
    let current = window.location().href().unwrap_or_default();
    if !current.ends_with(&url) {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}
