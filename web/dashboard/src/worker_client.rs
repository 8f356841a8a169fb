//! The page's side of the analytics Web Worker: spawn, queue until ready, deliver replies.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use skm_worker_protocol::{Reply, Request, WORKER_SCRIPT};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};
use yew::Callback;

/// A running analytics worker; terminated when dropped.
pub struct WorkerClient {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    queue: Rc<RefCell<Vec<String>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerClient {
    /// Starts the worker (this is when its wasm is downloaded); replies go to `on_reply`.
    pub fn spawn(on_reply: Callback<Reply>) -> Result<WorkerClient, String> {
        let worker = Worker::new(WORKER_SCRIPT).map_err(|e| format!("{e:?}"))?;
        let ready = Rc::new(Cell::new(false));
        let queue: Rc<RefCell<Vec<String>>> = Rc::default();
        let on_message = {
            let (ready, queue, worker, on_reply) = (ready.clone(), queue.clone(), worker.clone(), on_reply.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let reply = match event.data().as_string() {
                    Some(text) => Reply::from_json(&text).unwrap_or_else(|message| Reply::Error { message }),
                    None => Reply::Error { message: "jawaban pekerja bukan teks / worker reply is not text".into() },
                };
                if reply == Reply::Ready {
                    ready.set(true);
                    for message in queue.borrow_mut().drain(..) {
                        if let Err(e) = worker.post_message(&JsValue::from_str(&message)) {
                            on_reply.emit(Reply::Error { message: format!("{e:?}") });
                        }
                    }
                } else {
                    on_reply.emit(reply);
                }
            })
        };
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            on_reply.emit(Reply::Error {
                message: format!("pekerja analitik gagal / analytics worker failed: {}", event.message()),
            });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerClient { worker, ready, queue, _on_message: on_message, _on_error: on_error })
    }

    /// Sends a request now, or as soon as the worker is ready.
    pub fn send(&self, request: &Request) -> Result<(), String> {
        let message = request.to_json();
        if self.ready.get() {
            self.worker.post_message(&JsValue::from_str(&message)).map_err(|e| format!("{e:?}"))
        } else {
            self.queue.borrow_mut().push(message);
            Ok(())
        }
    }
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
