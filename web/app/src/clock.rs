//! The browser's clock, as the survey's receipt and the admin page's effective dates read it.

/// Today in the browser's own calendar.
pub fn today() -> jiff::civil::Date {
    let d = js_sys::Date::new_0();
    let (y, m, day) = (d.get_full_year(), d.get_month() + 1, d.get_date());
    jiff::civil::Date::new(
        i16::try_from(y).unwrap_or(2026),
        i8::try_from(m).unwrap_or(1),
        i8::try_from(day).unwrap_or(1),
    )
    .unwrap_or_default()
}
