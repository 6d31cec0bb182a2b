//! The search query parser and the analyzer, as every query a parent types goes through them.
//! Invariant: no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use passend::search::analysis::{parse_query, stemmed_tokens, Synonyms};

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    let synonyms = Synonyms::new([vec!["dyslexie".to_string(), "leesproblemen".to_string()], vec!["adhd".to_string(), "druk".to_string()]]);
    let gemeenten = vec![vec!["lindeveld".to_string()], vec!["rietmer".to_string()]];
    let _ = parse_query(query, &synonyms, &gemeenten);
    let _ = stemmed_tokens(query);
});
