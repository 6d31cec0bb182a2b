//! A chapter file (front matter + Markdown) through the loader the build uses. Invariant: no
//! panic, and the HTML never carries a `javascript:` link or raw `<script` from the input.
#![no_main]
use libfuzzer_sys::fuzz_target;
use passend::config::Config;
use passend::diagnostics::Diagnostics;
use passend::source::SourceFile;
use std::collections::BTreeMap;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let config = Config::fallback(include_str!("../../passend.toml"));
    let file = SourceFile { path: PathBuf::from("content/plan/01-x.md"), rel: "content/plan/01-x.md".into(), text: text.to_string() };
    let targets: BTreeMap<String, String> = [("plan/02-y.md".to_string(), "/plan/y/".to_string())].into();
    let mut diags = Diagnostics::new();
    if let Some(chapter) = passend::content::load_chapter(&file, &config, &targets, &mut diags) {
        let html = chapter.body.html.to_ascii_lowercase();
        assert!(!html.contains("<script"), "raw script in {html}");
        assert!(!html.contains("href=\"javascript:"), "javascript link in {html}");
    }
    let _ = diags.to_text();
});
