//! The analytics Web Worker: receives [`Request`]s as JSON, answers [`Reply`]s as JSON.
//!
//! polars runs here, single-threaded, so the page stays responsive. Charts are not drawn here:
//! plotters measures text through the DOM, which a worker does not have.

use skm_worker_protocol::{Reply, Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn handle(text: &str, now: &dyn Fn() -> f64) -> Reply {
    match Request::from_json(text) {
        Ok(Request::Ikm { file, csv, options }) => {
            let start = now();
            let input = skm_analytics::Input { name: &file, bytes: csv.as_bytes() };
            match skm_analytics::ikm_of_files(&[input], &options) {
                Ok(analysis) => Reply::Ikm { analysis: Box::new(analysis), elapsed_ms: now() - start },
                Err(e) => Reply::Error { message: e.to_string() },
            }
        }
        Err(message) => Reply::Error { message },
    }
}

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replier = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let clock = replier.performance();
        let now = move || clock.as_ref().map_or(0.0, |p| p.now());
        let reply = match event.data().as_string() {
            Some(text) => handle(&text, &now),
            None => Reply::Error { message: "pesan harus berupa teks JSON / message must be JSON text".into() },
        };
        if let Err(e) = replier.post_message(&JsValue::from_str(&reply.to_json())) {
            web_sys_log(&format!("skm-worker: reply could not be posted: {e:?}"));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    if let Err(e) = scope.post_message(&JsValue::from_str(&Reply::Ready.to_json())) {
        web_sys_log(&format!("skm-worker: ready could not be posted: {e:?}"));
    }
}

fn web_sys_log(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
}
