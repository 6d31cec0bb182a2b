//! A school profile (schools/<id>.toml) through parsing and validation. Invariant: no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use passend::config::Config;
use passend::diagnostics::Diagnostics;
use passend::source::SourceFile;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let config = Config::fallback(include_str!("../../passend.toml"));
    let file = SourceFile { path: PathBuf::from("schools/91AB00.toml"), rel: "schools/91AB00.toml".into(), text: text.to_string() };
    let mut diags = Diagnostics::new();
    let _ = passend::school::load_school(&file, &config, &mut diags);
    let _ = diags.to_json();
});
