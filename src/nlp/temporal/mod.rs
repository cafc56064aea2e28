//! TEMPORARY interface placeholder; replaced by the real tagger.
#![allow(missing_docs)]
use serde::Serialize;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType { Date, Time, Duration, Set }
impl TimexType { pub fn as_str(self) -> &'static str { match self { TimexType::Date => "DATE", TimexType::Time => "TIME", TimexType::Duration => "DURATION", TimexType::Set => "SET" } } }
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision { Unknown, Century, Decade, Year, Half, Quarter, Season, Month, Week, Day, PartOfDay, Hour, Minute, Second }
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution { Absolute, RelativeToDct, RelativeToNarrative, AnchoredToEvent, Underspecified, NotApplicable }
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex { pub span: (usize, usize), pub text: String, pub ttype: TimexType, pub value: String, pub precision: Precision, pub resolution: Resolution, pub modifier: Option<String>, pub anchor: Option<String> }
pub fn tag(_text: &str, _sentences: &[(usize, usize)], _dct: Option<chrono::NaiveDate>) -> Vec<Timex> { Vec::new() }
pub fn tag_text(text: &str, dct: Option<chrono::NaiveDate>) -> Vec<Timex> { tag(text, &[(0, text.len())], dct) }
pub fn value_range(_v: &str) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> { None }
