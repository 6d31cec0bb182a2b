//! The search query parser and the analyzer, as every query a parent types goes through them.
//! Invariant: no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use passend::search::analysis::{parse_query, spelling_key, stemmed_tokens, Everyday, Synonyms};

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    let synonyms = Synonyms::new([vec!["dyslexie".to_string(), "leesproblemen".to_string()], vec!["adhd".to_string(), "druk".to_string()]]);
    let gemeenten = vec![vec!["lindeveld".to_string()], vec!["rietmer".to_string()]];
    let everyday: Vec<Everyday> = Everyday::new(&["slim".to_string(), "verveelt zich".to_string()], &["hoogbegaafdheid".to_string()]).into_iter().collect();
    let _ = parse_query(query, &synonyms, &everyday, &gemeenten);
    let _ = spelling_key(query);
    let _ = stemmed_tokens(query);
});
