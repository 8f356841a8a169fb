//! A request as one `postMessage`: `{ json, files: [[id, ArrayBuffer], …] }`, the buffers
//! transferred to the worker rather than copied, and no file inside the JSON text.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::{FileId, Request};

/// The message of a request with the bytes of the files the worker does not have yet, and the
/// buffers to transfer with it.
pub fn encode(request: &Request, files: &[(FileId, &[u8])]) -> Result<(JsValue, Array), String> {
    let message = Object::new();
    let set = |key: &str, value: &JsValue| {
        Reflect::set(&message, &JsValue::from_str(key), value).map(|_| ()).map_err(|e| format!("{e:?}"))
    };
    set("json", &JsValue::from_str(&request.to_json()))?;
    let (list, transfer) = (Array::new(), Array::new());
    for (id, bytes) in files {
        // One copy out of the page's memory into a buffer of its own, which then moves.
        let buffer = Uint8Array::from(*bytes).buffer();
        list.push(&Array::of2(&JsValue::from(*id), &buffer));
        transfer.push(&buffer);
    }
    set("files", &list)?;
    Ok((message.into(), transfer))
}

/// The bytes of files handed over, by id.
pub type Files = Vec<(FileId, Vec<u8>)>;

/// The request and the files' bytes of a message made by [`encode`].
pub fn decode(message: &JsValue) -> Result<(Request, Files), String> {
    let invalid = |what: &str| format!("permintaan tidak sah / invalid request: {what}");
    let get = |key: &str| Reflect::get(message, &JsValue::from_str(key)).map_err(|_| invalid(key));
    let json = get("json")?.as_string().ok_or_else(|| invalid("json"))?;
    let request = Request::from_json(&json)?;
    let list: Array = get("files")?.dyn_into().map_err(|_| invalid("files"))?;
    let mut files = Vec::with_capacity(list.length() as usize);
    for entry in list.iter() {
        let entry: Array = entry.dyn_into().map_err(|_| invalid("files"))?;
        let id = entry.get(0).as_f64().filter(|id| id.fract() == 0.0 && (0.0..=f64::from(FileId::MAX)).contains(id));
        let id = id.ok_or_else(|| invalid("file id"))? as FileId;
        let buffer: js_sys::ArrayBuffer = entry.get(1).dyn_into().map_err(|_| invalid("file bytes"))?;
        files.push((id, Uint8Array::new(&buffer).to_vec()));
    }
    Ok((request, files))
}
