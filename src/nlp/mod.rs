//! Text analysis: segmentation, temporal tagging and narrative time.
//!
//! [`segment`] finds paragraphs and sentences; [`temporal`] finds temporal
//! expressions and normalises them to TIMEX3 values against the publication
//! date; [`reference_time`] gives each sentence the time the story is at.

pub mod markers;
pub mod reference_time;
pub mod segment;
pub mod syntax;
pub mod temporal;
