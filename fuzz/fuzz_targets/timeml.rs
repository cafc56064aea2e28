//! Fuzz target: see `fuzz/checks.rs` (`timeml`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::timeml_target(data));
