//! The `tension-timeline` binary: a thin launcher over the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    tension_timeline::cli::main()
}
