//! `passend import`: any bytes as the text of a plan. Invariant: no panic (errors are fine).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = passend::import::convert("plan.txt", data);
});
