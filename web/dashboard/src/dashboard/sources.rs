//! The data the dashboard computes from: the server's responses and the files the user picks or
//! drops, read in the browser and never uploaded.

use std::cell::Cell;
use std::rc::Rc;

use skm_core::year::FileKind;
use skm_worker_protocol::{FileData, FileId};
use wasm_bindgen_futures::JsFuture;

/// One file of data.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// File name as shown.
    pub name: String,
    /// What it holds, when the name says; otherwise the worker reads its header.
    pub kind: Option<FileKind>,
    /// Its bytes.
    pub bytes: Rc<Vec<u8>>,
    /// The id its bytes go by to the worker, its own among the page's sources.
    pub id: FileId,
}

thread_local! {
    /// The id of the next source.
    static NEXT_ID: Cell<FileId> = const { Cell::new(1) };
}

impl Source {
    /// A source from a name and bytes.
    pub fn new(name: &str, bytes: Vec<u8>) -> Source {
        let id = NEXT_ID.with(|next| {
            let id = next.get();
            next.set(id.wrapping_add(1));
            id
        });
        Source { name: name.to_owned(), kind: FileKind::from_file_name(name), bytes: Rc::new(bytes), id }
    }

    /// The file as a request names it.
    pub fn data(&self) -> FileData {
        FileData { name: self.name.clone(), kind: self.kind, id: self.id, period_of: None }
    }

    /// Its bytes under its id, for the worker.
    pub fn bytes(&self) -> (FileId, Rc<Vec<u8>>) {
        (self.id, self.bytes.clone())
    }
}

/// Reads the files the user picked or dropped.
pub async fn read_files(files: web_sys::FileList) -> Vec<Result<Source, String>> {
    let mut out = Vec::new();
    for i in 0..files.length() {
        let Some(file) = files.get(i) else { continue };
        let name = file.name();
        let read = JsFuture::from(file.array_buffer()).await;
        out.push(match read {
            Ok(buffer) => Ok(Source::new(&name, js_sys::Uint8Array::new(&buffer).to_vec())),
            Err(e) => Err(format!("{name}: tidak dapat dibaca / cannot be read: {e:?}")),
        });
    }
    out
}
