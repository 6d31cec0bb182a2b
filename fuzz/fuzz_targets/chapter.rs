//! A chapter file (front matter + Markdown) through the loader the build uses. Invariant: no
//! panic, and the HTML never carries a `javascript:` link, raw `<script` or a control character
//! (unless the input had one raw, which the build refuses before this point).
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
        // Inside tags only: every `<` of the text is escaped, so each `<` starts a real tag.
        // (Text such as `href="javascript:` stays text: pulldown-cmark leaves `"` unescaped
        // outside attributes, which HTML allows; the first version of this check tripped on it.)
        let tags = html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or(""));
        for tag in tags {
            assert!(!tag.contains("=\"javascript:") && !tag.contains("='javascript:"), "javascript: in <{tag}> of {html}");
        }
        // Control characters never reach a page: raw ones are refused when the file is read
        // (`source::read_text`, not called here), written ones (`&#27;`) by the renderer.
        let stray = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
        assert!(text.contains(stray) || !html.contains(stray), "control character in {html:?}");
    }
    let _ = diags.to_text();
});
