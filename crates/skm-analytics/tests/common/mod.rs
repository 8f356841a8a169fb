//! What the analytics test files share.

/// Declares tests that run natively (`#[test]`) and as wasm32 in headless Chromium.
macro_rules! both_targets {
    ($(fn $name:ident() $body:block)*) => {
        $(
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            fn $name() $body
        )*
    };
}
