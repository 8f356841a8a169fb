//! The app's pages and how a URL path maps to them.

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: the list of services.
    Home,
    /// `/survei/<service-code>`: the survey of one service.
    Survey(String),
    /// `/dasbor`: the management dashboard.
    Dashboard,
    /// Anything else.
    NotFound,
}

impl Route {
    /// The page for a URL path.
    pub fn from_path(path: &str) -> Route {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] | ["index.html"] => Route::Home,
            ["survei", code] => Route::Survey((*code).to_owned()),
            ["dasbor"] | ["dashboard"] => Route::Dashboard,
            _ => Route::NotFound,
        }
    }

    /// The page the browser is on.
    pub fn current() -> Route {
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        Route::from_path(&path)
    }
}
