//! Fuzz target: see `fuzz/checks.rs` (`jsonl`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::jsonl_target(data));
