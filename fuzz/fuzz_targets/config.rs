//! `passend.toml` through loading and validation, and the fallback used when it has errors.
//! Invariant: no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use passend::config::Config;
use passend::diagnostics::Diagnostics;
use passend::source::SourceFile;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = SourceFile { path: PathBuf::from("passend.toml"), rel: "passend.toml".into(), text: text.to_string() };
    let mut diags = Diagnostics::new();
    if Config::load(&file, &mut diags).is_none() {
        let _ = Config::fallback(text);
    }
});
