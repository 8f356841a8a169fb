//! The app's pages and how a URL path maps to them.

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: the list of services.
    Home,
    /// `/survei/<unit>/<service>`: the survey of one service of a unit; `/survei/<service>` (the
    /// older address, still on printed QR codes) has no unit, and the server redirects it where
    /// the code is one unit's.
    Survey {
        /// The unit's code, when the address names it.
        unit: Option<String>,
        /// The service's code.
        service: String,
    },
    /// `/dasbor`: the management dashboard.
    Dashboard,
    /// `/admin`: the units' service standards, edited (the dashboard's wasm draws it).
    Admin,
    /// `/kertas`: the operator's screen for paper forms (the dashboard's wasm draws it).
    Paper,
    /// Anything else.
    NotFound,
}

impl Route {
    /// The page for a URL path.
    pub fn from_path(path: &str) -> Route {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] | ["index.html"] => Route::Home,
            ["survei", service] => Route::Survey { unit: None, service: (*service).to_owned() },
            ["survei", unit, service] => {
                Route::Survey { unit: Some((*unit).to_owned()), service: (*service).to_owned() }
            }
            ["dasbor"] | ["dashboard"] => Route::Dashboard,
            ["admin"] => Route::Admin,
            ["kertas"] => Route::Paper,
            _ => Route::NotFound,
        }
    }

    /// The page the browser is on.
    pub fn current() -> Route {
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        Route::from_path(&path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_addresses_with_and_without_the_unit() {
        let survey = |unit: Option<&str>, service: &str| Route::Survey {
            unit: unit.map(str::to_owned),
            service: service.to_owned(),
        };
        assert_eq!(Route::from_path("/survei/publikasi-media-sosial"), survey(None, "publikasi-media-sosial"));
        assert_eq!(
            Route::from_path("/survei/diskominfo-ketapang/informasi-dokumentasi-publik/"),
            survey(Some("diskominfo-ketapang"), "informasi-dokumentasi-publik")
        );
        assert_eq!(Route::from_path("/survei/a/b/c"), Route::NotFound);
        assert_eq!(Route::from_path("/"), Route::Home);
        assert_eq!(Route::from_path("/admin/"), Route::Admin);
        assert_eq!(Route::from_path("/kertas"), Route::Paper);
    }
}
