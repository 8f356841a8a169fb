//! The width the charts are drawn at: the width they are shown at, measured in the page and again
//! on every resize, so a chart's text keeps the size it was drawn with (12 px and more) on a
//! phone as on a laptop.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The narrowest and the widest a chart is drawn.
const NARROWEST: u32 = 280;
/// The widest: a wider screen shows the chart scaled up a little, never its text smaller.
pub const WIDEST: u32 = 900;
/// Below this chart width (a phone) the filters fold into one line, so the figures are on the
/// first screen.
pub(super) const FOLD_BELOW: u32 = 600;
/// A chart's frame: its padding and border, both sides (`.chart` in style.css).
pub(super) const FRAME: u32 = 18;

/// The width of the dashboard's content less a chart's frame, within `NARROWEST..=WIDEST`.
fn measure() -> u32 {
    let inner = web_sys::window().and_then(|w| {
        let main = w.document()?.query_selector("main.dashboard").ok()??;
        let style = w.get_computed_style(&main).ok()??;
        let px = |name: &str| {
            style
                .get_property_value(name)
                .ok()
                .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        Some(f64::from(main.client_width()) - px("padding-left") - px("padding-right"))
    });
    let width = inner.filter(|w| *w > 0.0).map_or(f64::from(WIDEST), |w| w - f64::from(FRAME));
    (width.floor() as u32).clamp(NARROWEST, WIDEST)
}

/// The charts' width, updated when the window is resized.
#[hook]
pub fn use_chart_width() -> u32 {
    let width = use_state_eq(|| WIDEST);
    {
        let width = width.clone();
        use_effect_with((), move |_| {
            width.set(measure());
            let on_resize = Closure::<dyn Fn()>::new({
                let width = width.clone();
                move || {
                    let now = measure();
                    if *width != now {
                        width.set(now);
                    }
                }
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref());
                }
            }
        });
    }
    *width
}
