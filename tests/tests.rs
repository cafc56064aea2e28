//! Integration tests, one target with a module per theme (as ripgrep does).

mod util;

mod cli;
mod events_general;
mod files;
mod fuzz;
mod gui;
mod gui_corrections;
mod hostile;
mod panics;
mod places;
mod plover_gsr;
mod project;
mod robustness;
mod seed_key;
mod syntax;
mod tempeval;
mod undo_property;
