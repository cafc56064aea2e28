//! Fuzz target: see `fuzz/checks.rs` (`temporal`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::temporal_target(data));
