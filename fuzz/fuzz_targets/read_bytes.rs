//! Fuzz target: see `fuzz/checks.rs` (`read_bytes`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::read_bytes_target(data));
