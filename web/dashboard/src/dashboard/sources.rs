//! The data the dashboard computes from: the server's responses and the files the user picks or
//! drops, read in the browser and never uploaded.

use std::rc::Rc;

use skm_core::year::FileKind;
use skm_worker_protocol::FileData;
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
}

impl Source {
    /// A source from a name and bytes.
    pub fn new(name: &str, bytes: Vec<u8>) -> Source {
        Source { name: name.to_owned(), kind: FileKind::from_file_name(name), bytes: Rc::new(bytes) }
    }

    /// The file as the worker takes it.
    pub fn data(&self) -> FileData {
        FileData::new(&self.name, self.kind, &self.bytes)
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
