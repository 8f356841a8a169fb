// Starts the analytics worker. The page fetches the worker's wasm itself, to show the progress
// of a download of several megabytes, from an address named by the content's hash, which the
// browser keeps across visits. Its first message is {script, wasm}: the glue script's address
// and the wasm's bytes. Later messages are the worker's requests, taken by the wasm's handler.
self.onmessage = (event) => {
  self.onmessage = null;
  const { script, wasm } = event.data;
  importScripts(script);
  // A failed start is thrown outside the promise, so the page's `error` handler hears of it.
  wasm_bindgen({ module_or_path: wasm }).catch((e) => setTimeout(() => { throw e; }));
};
