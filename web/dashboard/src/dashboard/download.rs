//! Saving a chart (SVG, PNG) or its table (CSV) from the page, without a server round trip.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn save_blob(blob: &web_sys::Blob, file_name: &str) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

fn blob_of(text: &str, mime: &str) -> Result<web_sys::Blob, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
}

/// Saves text as a file (SVG, or CSV with a byte-order mark so Excel reads it as UTF-8).
pub fn save_text(text: &str, mime: &str, file_name: &str) {
    let text = if mime.starts_with("text/csv") { format!("\u{feff}{text}") } else { text.to_owned() };
    if let Err(e) = blob_of(&text, mime).and_then(|b| save_blob(&b, file_name)) {
        web_sys::console::error_1(&e);
    }
}

/// Saves an SVG as a PNG at twice its size, drawn by the browser.
pub fn save_png(svg: &str, file_name: &str) {
    let result = (|| -> Result<(), JsValue> {
        let blob = blob_of(svg, "image/svg+xml")?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let src = url.clone();
        let image = web_sys::HtmlImageElement::new()?;
        let name = file_name.to_owned();
        let loaded = image.clone();
        let onload = Closure::once_into_js(move || {
            let draw = || -> Result<(), JsValue> {
                let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
                let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
                let (w, h) = (loaded.natural_width().max(1), loaded.natural_height().max(1));
                canvas.set_width(w * 2);
                canvas.set_height(h * 2);
                let ctx: web_sys::CanvasRenderingContext2d =
                    canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
                ctx.scale(2.0, 2.0)?;
                ctx.draw_image_with_html_image_element(&loaded, 0.0, 0.0)?;
                let href = canvas.to_data_url_with_type("image/png")?;
                let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
                a.set_href(&href);
                a.set_download(&name);
                a.click();
                web_sys::Url::revoke_object_url(&url)
            };
            if let Err(e) = draw() {
                web_sys::console::error_1(&e);
            }
        });
        image.set_onload(Some(onload.unchecked_ref()));
        image.set_src(&src);
        Ok(())
    })();
    if let Err(e) = result {
        web_sys::console::error_1(&e);
    }
}

/// A table as CSV text; no cell of it runs as a formula when opened in a spreadsheet.
pub fn csv_of(rows: &[Vec<String>]) -> String {
    skm_csv::to_bytes(rows).ok().and_then(|b| String::from_utf8(b).ok()).unwrap_or_default()
}
