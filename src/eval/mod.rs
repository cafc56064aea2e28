//! TempEval-3 Task A scorer (timex extent, type and value), as the official toolkit computes it.
//!
//! Matching is greedy and one-to-one in document order: each system timex (by start)
//! takes the first unmatched gold timex that overlaps it on at least one non-space
//! character and starts no earlier than the gold timex matched just before. Counts are
//! summed over documents (micro average).

pub mod events;
pub mod key;
pub mod places;
pub mod syntax;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::ingest::timeml::{GoldTimex, read_timeml};
use crate::nlp::segment::segment_text;
use crate::nlp::temporal::{Timex, tag};

/// Errors from [`evaluate_dir`].
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Raw TempEval-3 Task A counts, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Number of gold timexes.
    pub n_gold: usize,
    /// Number of system timexes.
    pub n_sys: usize,
    /// Matched (overlapping) pairs.
    pub tp_relaxed: usize,
    /// Matched pairs with identical extent.
    pub tp_strict: usize,
    /// Matched pairs with equal type.
    pub type_ok: usize,
    /// Matched pairs with equal value.
    pub value_ok: usize,
}

/// Ratio `a / b`, defined as 0 when `b` is 0.
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Harmonic mean of `p` and `r` (0 if both are 0).
pub(crate) fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Scores {
    /// Relaxed precision.
    pub fn relaxed_p(&self) -> f64 {
        ratio(self.tp_relaxed, self.n_sys)
    }
    /// Relaxed recall.
    pub fn relaxed_r(&self) -> f64 {
        ratio(self.tp_relaxed, self.n_gold)
    }
    /// Relaxed F1.
    pub fn relaxed_f1(&self) -> f64 {
        if self.n_gold == 0 && self.n_sys == 0 {
            return 1.0;
        }
        f1(self.relaxed_p(), self.relaxed_r())
    }
    /// Strict precision.
    pub fn strict_p(&self) -> f64 {
        ratio(self.tp_strict, self.n_sys)
    }
    /// Strict recall.
    pub fn strict_r(&self) -> f64 {
        ratio(self.tp_strict, self.n_gold)
    }
    /// Strict F1.
    pub fn strict_f1(&self) -> f64 {
        if self.n_gold == 0 && self.n_sys == 0 {
            return 1.0;
        }
        f1(self.strict_p(), self.strict_r())
    }
    /// Type accuracy over relaxed matches.
    pub fn type_acc(&self) -> f64 {
        ratio(self.type_ok, self.tp_relaxed)
    }
    /// Value accuracy over relaxed matches.
    pub fn value_acc(&self) -> f64 {
        ratio(self.value_ok, self.tp_relaxed)
    }
    /// Type F1 = type accuracy × relaxed F1.
    pub fn type_f1(&self) -> f64 {
        self.type_acc() * self.relaxed_f1()
    }
    /// Value F1 = value accuracy × relaxed F1 (the TempEval-3 ranking metric).
    pub fn value_f1(&self) -> f64 {
        self.value_acc() * self.relaxed_f1()
    }
    /// Add another set of counts to this one.
    pub fn add(&mut self, o: &Scores) {
        self.n_gold += o.n_gold;
        self.n_sys += o.n_sys;
        self.tp_relaxed += o.tp_relaxed;
        self.tp_strict += o.tp_strict;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pc = |x: f64| x * 100.0;
        writeln!(
            f,
            "gold {}  sys {}  tp_relaxed {}  tp_strict {}  type_ok {}  value_ok {}",
            self.n_gold, self.n_sys, self.tp_relaxed, self.tp_strict, self.type_ok, self.value_ok
        )?;
        writeln!(f, "           P      R      F1")?;
        writeln!(
            f,
            "strict  {:6.2} {:6.2} {:6.2}",
            pc(self.strict_p()),
            pc(self.strict_r()),
            pc(self.strict_f1())
        )?;
        writeln!(
            f,
            "relaxed {:6.2} {:6.2} {:6.2}",
            pc(self.relaxed_p()),
            pc(self.relaxed_r()),
            pc(self.relaxed_f1())
        )?;
        writeln!(
            f,
            "type    acc {:6.2}  F1 {:6.2}",
            pc(self.type_acc()),
            pc(self.type_f1())
        )?;
        write!(
            f,
            "value   acc {:6.2}  F1 {:6.2}",
            pc(self.value_acc()),
            pc(self.value_f1())
        )
    }
}

/// A system timex as seen by the scorer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SysTimex {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Type string (DATE, TIME, DURATION, SET).
    pub ttype: String,
    /// Value string.
    pub value: String,
}

impl From<&Timex> for SysTimex {
    fn from(t: &Timex) -> Self {
        SysTimex {
            start: t.span.0,
            end: t.span.1,
            ttype: t.ttype.as_str().to_string(),
            value: t.value.clone(),
        }
    }
}

/// Whether `[a0,a1)` and `[b0,b1)` share at least one non-whitespace character of `text`.
fn overlaps(text: &str, a: (usize, usize), b: (usize, usize)) -> bool {
    let s = a.0.max(b.0);
    let e = a.1.min(b.1);
    s < e
        && text
            .get(s..e)
            .is_some_and(|t| t.chars().any(|c| !c.is_whitespace()))
}

/// Greedy one-to-one matching; returns (gold index, system index) pairs.
/// Both slices must be sorted by start.
pub fn match_timexes(text: &str, gold: &[GoldTimex], sys: &[SysTimex]) -> Vec<(usize, usize)> {
    let mut used = vec![false; gold.len()];
    let mut pairs = Vec::new();
    let mut min_start = 0;
    for (si, s) in sys.iter().enumerate() {
        let hit = gold.iter().enumerate().find(|(gi, g)| {
            !used[*gi] && g.start >= min_start && overlaps(text, (g.start, g.end), (s.start, s.end))
        });
        if let Some((gi, g)) = hit {
            used[gi] = true;
            min_start = g.start;
            pairs.push((gi, si));
        }
    }
    pairs
}

/// Score one document's system output against its gold timexes.
pub fn score_doc(text: &str, gold: &[GoldTimex], sys: &[SysTimex]) -> Scores {
    let pairs = match_timexes(text, gold, sys);
    let mut sc = Scores {
        n_gold: gold.len(),
        n_sys: sys.len(),
        tp_relaxed: pairs.len(),
        ..Scores::default()
    };
    for &(gi, si) in &pairs {
        let (g, s) = (&gold[gi], &sys[si]);
        sc.tp_strict += usize::from(g.start == s.start && g.end == s.end);
        sc.type_ok += usize::from(g.ttype == s.ttype);
        sc.value_ok += usize::from(g.value == s.value);
    }
    sc
}

/// One disagreement between gold and system, for development listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorItem {
    /// Document file name.
    pub doc: String,
    /// Gold `(text, type, value)`, if any.
    pub gold: Option<(String, String, String)>,
    /// System `(text, type, value)`, if any.
    pub sys: Option<(String, String, String)>,
    /// The sentence-ish context around the expression.
    pub context: String,
}

impl fmt::Display for ErrorItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |x: &Option<(String, String, String)>| match x {
            Some((t, ty, v)) => format!("{t:?} {ty} {v}"),
            None => "-".to_string(),
        };
        write!(
            f,
            "{}\tG: {}\tS: {}\t| {}",
            self.doc,
            show(&self.gold),
            show(&self.sys),
            self.context
        )
    }
}

/// Full result of evaluating a directory.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Summed counts.
    pub scores: Scores,
    /// Every miss, spurious timex and mismatched pair.
    pub errors: Vec<ErrorItem>,
    /// Total bytes of TEXT tagged.
    pub bytes: usize,
    /// Seconds spent inside the tagger.
    pub tag_seconds: f64,
}

/// Up to `radius` bytes of context around `[s,e)`, on one line.
fn context(text: &str, s: usize, e: usize, radius: usize) -> String {
    let mut a = s.saturating_sub(radius);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (e + radius).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}[{}]{}", &text[a..s], &text[s..e], &text[e..b]).replace(['\n', '\r'], " ")
}

/// Collect the errors of one document.
fn doc_errors(name: &str, text: &str, gold: &[GoldTimex], sys: &[SysTimex]) -> Vec<ErrorItem> {
    let pairs = match_timexes(text, gold, sys);
    let g_of = |g: &GoldTimex| (g.text.clone(), g.ttype.clone(), g.value.clone());
    let s_of = |s: &SysTimex| {
        (
            text[s.start..s.end].to_string(),
            s.ttype.clone(),
            s.value.clone(),
        )
    };
    let mut out = Vec::new();
    let mut push = |g: Option<&GoldTimex>, s: Option<&SysTimex>| {
        let (a, b) = match (g, s) {
            (Some(g), _) => (g.start, g.end),
            (None, Some(s)) => (s.start, s.end),
            (None, None) => (0, 0),
        };
        out.push(ErrorItem {
            doc: name.to_string(),
            gold: g.map(g_of),
            sys: s.map(s_of),
            context: context(text, a, b, 60),
        });
    };
    for &(gi, si) in &pairs {
        let (g, s) = (&gold[gi], &sys[si]);
        if g.start != s.start || g.end != s.end || g.ttype != s.ttype || g.value != s.value {
            push(Some(g), Some(s));
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if !pairs.iter().any(|p| p.0 == gi) {
            push(Some(g), None);
        }
    }
    for (si, s) in sys.iter().enumerate() {
        if !pairs.iter().any(|p| p.1 == si) {
            push(None, Some(s));
        }
    }
    out
}

/// Sorted list of `*.tml` files in `dir`.
fn tml_files(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let io = |source| EvalError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let p = entry.map_err(io)?.path();
        if p.extension().is_some_and(|e| e == "tml") {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

/// Tag every `*.tml` document of `dir` (its TEXT, with its DCT) and score it, keeping errors.
pub fn evaluate_dir_full(dir: &Path) -> Result<Evaluation, EvalError> {
    let mut ev = Evaluation::default();
    for path in tml_files(dir)? {
        let src = std::fs::read_to_string(&path).map_err(|source| EvalError::Io {
            path: path.clone(),
            source,
        })?;
        let doc = read_timeml(&src);
        let t0 = Instant::now();
        let spans: Vec<(usize, usize)> = segment_text(&doc.text).iter().map(|s| s.span).collect();
        let tagged = tag(&doc.text, &spans, doc.dct);
        ev.tag_seconds += t0.elapsed().as_secs_f64();
        ev.bytes += doc.text.len();
        let mut sys: Vec<SysTimex> = tagged.iter().map(SysTimex::from).collect();
        sys.sort_by_key(|s| (s.start, s.end));
        ev.scores.add(&score_doc(&doc.text, &doc.timexes, &sys));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ev.errors
            .extend(doc_errors(&name, &doc.text, &doc.timexes, &sys));
    }
    Ok(ev)
}

/// Tag every `*.tml` document of `dir` and return the summed TempEval-3 counts.
pub fn evaluate_dir(dir: &Path) -> Result<Scores, EvalError> {
    evaluate_dir_full(dir).map(|e| e.scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, s: usize, e: usize, ty: &str, v: &str) -> GoldTimex {
        GoldTimex {
            start: s,
            end: e,
            text: text[s..e].to_string(),
            ttype: ty.into(),
            value: v.into(),
        }
    }

    fn s(s: usize, e: usize, ty: &str, v: &str) -> SysTimex {
        SysTimex {
            start: s,
            end: e,
            ttype: ty.into(),
            value: v.into(),
        }
    }

    #[test]
    fn worked_example_arithmetic() {
        let sc = Scores {
            n_gold: 138,
            n_sys: 130,
            tp_relaxed: 121,
            tp_strict: 109,
            type_ok: 110,
            value_ok: 104,
        };
        let r2 = |x: f64| (x * 10000.0).round() / 100.0;
        assert_eq!(r2(sc.relaxed_f1()), 90.30);
        assert_eq!(r2(sc.strict_f1()), 81.34);
        assert_eq!(r2(sc.value_f1()), 77.61);
        assert_eq!(r2(sc.type_f1()), 82.09);
        assert_eq!(r2(sc.relaxed_p()), 93.08);
        assert_eq!(r2(sc.strict_r()), 78.99);
    }

    #[test]
    fn tiny_document() {
        //          0         1         2         3         4         5
        //          0123456789012345678901234567890123456789012345678901234
        let text = "On Friday he left; last week too; in 1998 and a day.";
        let gold = vec![
            g(text, 3, 9, "DATE", "1998-01-09"), // Friday
            g(text, 19, 28, "DATE", "1998-W01"), // last week
            g(text, 37, 41, "DATE", "1998"),     // 1998
            g(text, 46, 51, "DURATION", "P1D"),  // a day
        ];
        let sys = vec![
            s(0, 9, "DATE", "1998-01-09"), // relaxed match, wrong extent
            s(24, 28, "DURATION", "P1W"),  // relaxed, wrong type and value
            s(25, 28, "DATE", "1998-W01"), // overlaps an already matched gold: FP
            s(37, 41, "DATE", "1998"),     // exact
            s(42, 45, "DATE", "XXXX"),     // spurious
        ];
        let sc = score_doc(text, &gold, &sys);
        assert_eq!(
            sc,
            Scores {
                n_gold: 4,
                n_sys: 5,
                tp_relaxed: 3,
                tp_strict: 1,
                type_ok: 2,
                value_ok: 2,
            }
        );
        let errs = doc_errors("d", text, &gold, &sys);
        assert_eq!(errs.len(), 5);
    }

    #[test]
    fn whitespace_only_overlap_does_not_match() {
        let text = "ab cd";
        let gold = vec![g(text, 0, 3, "DATE", "X")];
        let sys = vec![s(2, 5, "DATE", "X")];
        assert_eq!(score_doc(text, &gold, &sys).tp_relaxed, 0);
    }

    #[test]
    fn empty_is_perfect() {
        let sc = Scores::default();
        assert_eq!(sc.relaxed_f1(), 1.0);
        assert!(sc.to_string().contains("relaxed"));
    }
}
