// Starts the dashboard's wasm. Loaded by the page on /dasbor right after /skm-dashboard.js,
// whose `wasm_bindgen` (wasm-bindgen's no-modules output) is a global binding of classic
// scripts, not a property of `window`, so it is called from a script, not from Rust.
wasm_bindgen("/skm-dashboard_bg.wasm");
