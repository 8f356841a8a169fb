//! The page's side of the analytics Web Worker: spawn, download its wasm with progress, queue
//! until ready, hand each file's bytes over once, deliver replies.

use std::cell::RefCell;
use std::collections::{HashSet, VecDeque};
use std::rc::Rc;

use skm_worker_protocol::{transfer, FileId, Reply, Request, WorkerAssets, WORKER_ASSETS, WORKER_SCRIPT};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};
use yew::Callback;

use crate::fetch::{fetch_with_progress, Received};

/// The bytes of the files a request names, by id.
pub type FileBytes = Vec<(FileId, Rc<Vec<u8>>)>;

/// A request and the bytes of every file it names.
struct Outgoing {
    request: Request,
    files: FileBytes,
}

/// What the page knows of the worker.
struct Shared {
    worker: Worker,
    ready: bool,
    /// Requests made before the worker was ready.
    queue: Vec<Outgoing>,
    /// The files whose bytes the worker was given.
    sent: HashSet<FileId>,
    /// Requests posted and not yet answered, in order (the worker answers in turn).
    in_flight: VecDeque<Outgoing>,
}

impl Shared {
    /// Posts a request with the bytes of the files the worker was not given yet.
    fn post(&mut self, out: Outgoing) -> Result<(), String> {
        let new: Vec<(FileId, &[u8])> = out
            .request
            .file_ids()
            .into_iter()
            .filter(|id| !self.sent.contains(id))
            .filter_map(|id| out.files.iter().find(|(f, _)| *f == id).map(|(f, b)| (*f, b.as_slice())))
            .collect();
        let (message, transferred) = transfer::encode(&out.request, &new)?;
        self.worker.post_message_with_transfer(&message, &transferred).map_err(|e| format!("{e:?}"))?;
        self.sent.extend(new.iter().map(|(id, _)| *id));
        self.in_flight.push_back(out);
        Ok(())
    }

    /// What a reply means for the page: `None` when it was handled here.
    fn receive(&mut self, reply: Reply) -> Option<Reply> {
        match reply {
            Reply::Ready => {
                self.ready = true;
                let queued = std::mem::take(&mut self.queue);
                let failed = queued.into_iter().map(|out| self.post(out)).find_map(Result::err);
                // The page hears of it too: its loading line ends.
                Some(failed.map_or(Reply::Ready, |message| Reply::Error { message }))
            }
            Reply::Progress { .. } => Some(reply),
            Reply::Missing { ids } => {
                // The worker let these go: the request goes again with their bytes.
                let out = self.in_flight.pop_front()?;
                if ids.iter().any(|id| !out.files.iter().any(|(f, _)| f == id)) {
                    return Some(Reply::Error {
                        message: "berkas hilang dari pekerja / a file went missing from the worker".into(),
                    });
                }
                self.sent.retain(|id| !ids.contains(id));
                self.post(out).err().map(|message| Reply::Error { message })
            }
            answer => {
                self.in_flight.pop_front();
                Some(answer)
            }
        }
    }
}

/// A running analytics worker; terminated when dropped.
pub struct WorkerClient {
    shared: Rc<RefCell<Shared>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerClient {
    /// Starts the worker and downloads its wasm, telling `on_loading` how far that is; replies go
    /// to `on_reply`.
    pub fn spawn(on_reply: Callback<Reply>, on_loading: Callback<Received>) -> Result<WorkerClient, String> {
        let worker = Worker::new(WORKER_SCRIPT).map_err(|e| format!("{e:?}"))?;
        let shared = Rc::new(RefCell::new(Shared {
            worker: worker.clone(),
            ready: false,
            queue: Vec::new(),
            sent: HashSet::new(),
            in_flight: VecDeque::new(),
        }));
        let on_message = {
            let (shared, on_reply) = (shared.clone(), on_reply.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let reply = match event.data().as_string() {
                    Some(text) => Reply::from_json(&text).unwrap_or_else(|message| Reply::Error { message }),
                    None => Reply::Error { message: "jawaban pekerja bukan teks / worker reply is not text".into() },
                };
                // Handled with the state borrowed, delivered after: the page may send at once.
                let deliver = shared.borrow_mut().receive(reply);
                if let Some(reply) = deliver {
                    on_reply.emit(reply);
                }
            })
        };
        let on_error = {
            let on_reply = on_reply.clone();
            Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
                on_reply.emit(Reply::Error {
                    message: format!("pekerja analitik gagal / analytics worker failed: {}", event.message()),
                });
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = boot(&worker, &on_loading).await {
                on_reply.emit(Reply::Error {
                    message: format!(
                        "mesin analitik tidak dapat dimuat / the analytics engine could not be loaded: {e}"
                    ),
                });
            }
        });
        Ok(WorkerClient { shared, _on_message: on_message, _on_error: on_error })
    }

    /// Sends a request now, or as soon as the worker is ready; `files` holds the bytes of every
    /// file it names (only those the worker does not hold yet travel).
    pub fn send(&self, request: &Request, files: FileBytes) -> Result<(), String> {
        let out = Outgoing { request: request.clone(), files };
        let mut shared = self.shared.borrow_mut();
        if shared.ready {
            shared.post(out)
        } else {
            shared.queue.push(out);
            Ok(())
        }
    }
}

/// Fetches the worker's wasm (from the browser's cache after the first visit) and hands it to
/// the worker with its glue script's address.
async fn boot(worker: &Worker, on_loading: &Callback<Received>) -> Result<(), String> {
    let assets: WorkerAssets = skm_web::api::get_json(WORKER_ASSETS).await?;
    on_loading.emit(Received { bytes: 0, of: assets.wasm_bytes });
    let wasm = fetch_with_progress(&assets.wasm, assets.wasm_bytes, &|r| on_loading.emit(r)).await?;
    let message = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&message, &key.into(), value).map(drop);
    set("script", &assets.script.as_str().into()).and_then(|()| set("wasm", &wasm)).map_err(|e| format!("{e:?}"))?;
    worker.post_message_with_transfer(&message, &js_sys::Array::of1(&wasm)).map_err(|e| format!("{e:?}"))
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        self.shared.borrow().worker.terminate();
    }
}
