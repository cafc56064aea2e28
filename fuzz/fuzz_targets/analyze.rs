//! Fuzz target: see `fuzz/checks.rs` (`analyze`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::analyze_target(data));
