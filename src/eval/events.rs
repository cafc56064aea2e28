//! Event extraction measured on development sets: coded news sentences
//! (five conflict/cooperation classes; source and target spans), the PLOVER
//! gold sentences, and text that is not about politics at all.
//!
//! Each sentence is read as one JSONL article without a date, analysed on
//! its own, and represented by its *main event*: the non-negated event with
//! the largest |score| (the first on ties), as the scripts in
//! `../shared/tools/` define.

use super::{f1, ratio};
use crate::Span;
use crate::extract::{Analysis, Event, Modality, PloverType};
use crate::ingest::{Source, json::read_json_line};
use rayon::prelude::*;
use std::fmt;

/// Analyses one sentence (or short text) as a JSONL article with an id.
pub fn analyze_text(id: &str, text: &str) -> Option<Analysis> {
    let record = serde_json::json!({ "id": id, "text": text });
    let article = read_json_line(&Source::new("eval.jsonl"), &record.to_string(), 1).ok()?;
    crate::corpus::analyze_contained(article).ok()
}

/// The main event of an analysis: the non-negated event with the largest
/// |score|, the first of equals.
pub fn main_event(a: &Analysis) -> Option<&Event> {
    let mut best: Option<&Event> = None;
    for e in a.events.iter().filter(|e| e.modality != Modality::Negated) {
        if best.is_none_or(|b| e.score.abs() > b.score.abs()) {
            best = Some(e);
        }
    }
    best
}

/// An event in an error line: its type and trigger (`ASSAULT "shelled"`).
fn describe(e: &Event) -> String {
    format!("{} \"{}\"", e.event_type.name(), e.trigger.text)
}

/// The five sentence classes: 0 no coded event, 1 verbal cooperation,
/// 2 material cooperation, 3 verbal conflict, 4 material conflict.
pub fn pentaclass(t: PloverType) -> usize {
    use PloverType::*;
    match t {
        Agree | Consult | Support | Concede => 1,
        Cooperate | Aid | Retreat => 2,
        Request | Accuse | Reject | Threaten | Sanction => 3,
        Protest | Mobilize | Coerce | Assault => 4,
    }
}

/// Sentence classification figures.
#[derive(Debug, Clone, Default)]
pub struct ClassFigures {
    /// `confusion[gold][predicted]`.
    pub confusion: [[usize; 5]; 5],
    /// The misclassified sentences: gold and predicted class, the main
    /// event's type and trigger, and the sentence.
    pub wrong: Vec<String>,
}

impl ClassFigures {
    /// Sentences scored.
    pub fn total(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    /// Share of sentences given their gold class.
    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..5).map(|c| self.confusion[c][c]).sum();
        ratio(right, self.total())
    }

    /// Mean over the five classes of their F1.
    pub fn macro_f1(&self) -> f64 {
        (0..5)
            .map(|c| {
                let tp = self.confusion[c][c];
                let predicted: usize = (0..5).map(|g| self.confusion[g][c]).sum();
                let gold: usize = self.confusion[c].iter().sum();
                f1(ratio(tp, predicted), ratio(tp, gold))
            })
            .sum::<f64>()
            / 5.0
    }
}

impl fmt::Display for ClassFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "sentences {}  accuracy {:.3}  macro-F1 {:.3}",
            self.total(),
            self.accuracy(),
            self.macro_f1()
        )?;
        writeln!(f, "confusion (gold rows 0-4, predicted columns 0-4):")?;
        for (g, row) in self.confusion.iter().enumerate() {
            writeln!(f, "  {g}: {row:?}")?;
        }
        Ok(())
    }
}

/// The sentences of a `sentence<TAB>label` file with their gold class.
pub fn read_class_tsv(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .filter_map(|l| {
            let (s, label) = l.trim_end_matches('\r').rsplit_once('\t')?;
            Some((s.to_string(), label.trim().parse().ok().filter(|&c| c < 5)?))
        })
        .collect()
}

/// Classifies every sentence by its main event and counts the confusions.
pub fn classify(sentences: &[(String, usize)]) -> ClassFigures {
    let predicted: Vec<(usize, String)> = sentences
        .par_iter()
        .enumerate()
        .map(|(i, (s, _))| {
            let a = analyze_text(&format!("s{i:04}"), s);
            match a.as_ref().and_then(main_event) {
                Some(e) => (pentaclass(e.event_type), describe(e)),
                None => (0, "no event".to_string()),
            }
        })
        .collect();
    let mut out = ClassFigures::default();
    for ((sentence, gold), (p, what)) in sentences.iter().zip(predicted) {
        out.confusion[*gold][p] += 1;
        if *gold != p {
            out.wrong
                .push(format!("gold {gold} got {p} ({what}) | {sentence}"));
        }
    }
    out
}

/// Precision, recall and F1 of spans found by overlap.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpanFigures {
    /// Gold spans overlapped by a predicted span of their role.
    pub found: usize,
    /// Gold spans.
    pub gold: usize,
    /// Predicted spans overlapping a gold span of their role.
    pub right: usize,
    /// Predicted spans.
    pub predicted: usize,
}

impl SpanFigures {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.predicted)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

impl fmt::Display for SpanFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.3}  R {:.3}  F1 {:.3}",
            self.precision(),
            self.recall(),
            self.f1()
        )
    }
}

/// One BIO-tagged sentence: its text as the tokens joined, and the gold
/// source and target spans.
#[derive(Debug, Clone, Default)]
pub struct RoleSentence {
    /// The sentence.
    pub text: String,
    /// Gold source spans.
    pub source: Vec<(usize, usize)>,
    /// Gold target spans.
    pub target: Vec<(usize, usize)>,
}

/// Tokens that join the one before without a space.
const NO_SPACE_BEFORE: &[&str] = &[
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "'s",
    "n't",
    ")",
    "]",
    "%",
    "\u{2019}s",
    "'",
];
/// Tokens that join the one after without a space.
const NO_SPACE_AFTER: &[&str] = &["(", "[", "\u{201c}", "\""];

/// Reads a `token TAG` file (blank lines between sentences; `B-S I-S` for
/// the source, `B-T I-T` for the target), joining the tokens as
/// `actorspans.py` does.
pub fn read_role_sentences(text: &str) -> Vec<RoleSentence> {
    let mut out = Vec::new();
    let mut toks: Vec<(&str, &str)> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !toks.is_empty() {
                out.push(role_sentence(&toks));
                toks.clear();
            }
            continue;
        }
        let (w, tag) = line.rsplit_once(' ').unwrap_or(("", line));
        toks.push((w, tag));
    }
    out
}

fn role_sentence(toks: &[(&str, &str)]) -> RoleSentence {
    let mut s = RoleSentence::default();
    let mut spans = Vec::with_capacity(toks.len());
    for (i, (w, _)) in toks.iter().enumerate() {
        if i > 0 && !NO_SPACE_BEFORE.contains(w) && !NO_SPACE_AFTER.contains(&toks[i - 1].0) {
            s.text.push(' ');
        }
        spans.push((s.text.len(), s.text.len() + w.len()));
        s.text.push_str(w);
    }
    for (role, dest) in [("S", &mut s.source), ("T", &mut s.target)] {
        let (b, i_tag) = (format!("B-{role}"), format!("I-{role}"));
        let mut cur: Option<(usize, usize)> = None;
        for ((_, tag), sp) in toks.iter().zip(&spans) {
            if *tag == b || (*tag == i_tag && cur.is_none()) {
                dest.extend(cur.take());
                cur = Some(*sp);
            } else if *tag == i_tag {
                if let Some(c) = cur.as_mut() {
                    c.1 = sp.1;
                }
            } else {
                dest.extend(cur.take());
            }
        }
        dest.extend(cur);
    }
    s
}

/// Source and target span figures of the main events, with the sentences
/// where a role's spans disagree.
#[derive(Debug, Clone, Default)]
pub struct RoleFigures {
    /// Source spans.
    pub source: SpanFigures,
    /// Target spans.
    pub target: SpanFigures,
    /// One line per sentence with a missed or a wrong span: the gold and the
    /// predicted texts of each role, then the sentence.
    pub wrong: Vec<String>,
}

/// Scores the source and target spans of each sentence's main event.
pub fn score_roles(sentences: &[RoleSentence]) -> RoleFigures {
    let predicted: Vec<(Vec<Span>, Vec<Span>, String)> = sentences
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            let a = analyze_text(&format!("n{i:04}"), &s.text);
            match a.as_ref().and_then(main_event) {
                Some(e) => (
                    e.source.iter().map(|m| m.span).collect(),
                    e.target.iter().map(|m| m.span).collect(),
                    describe(e),
                ),
                None => (Vec::new(), Vec::new(), "no event".to_string()),
            }
        })
        .collect();
    let ov = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    let mut fig = RoleFigures::default();
    for (s, (ps, pt, event)) in sentences.iter().zip(&predicted) {
        let mut bad = false;
        for (gold, pred, f) in [
            (&s.source, ps, &mut fig.source),
            (&s.target, pt, &mut fig.target),
        ] {
            let found = gold
                .iter()
                .filter(|g| pred.iter().any(|p| ov(**g, *p)))
                .count();
            let right = pred
                .iter()
                .filter(|p| gold.iter().any(|g| ov(*g, **p)))
                .count();
            bad |= found < gold.len() || right < pred.len();
            f.gold += gold.len();
            f.predicted += pred.len();
            f.found += found;
            f.right += right;
        }
        if bad {
            let texts = |v: &[(usize, usize)]| {
                v.iter()
                    .map(|&(a, b)| s.text.get(a..b).unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            fig.wrong.push(format!(
                "source {:?} got {:?}, target {:?} got {:?} ({event}) | {}",
                texts(&s.source),
                texts(ps),
                texts(&s.target),
                texts(pt),
                s.text
            ));
        }
    }
    fig
}

/// Type accuracy on the PLOVER gold sentences (`plover_gsr_mapped.jsonl`):
/// the sentence's first non-negated event (else its first event) against
/// the gold `plover_event`. Returns (right, total, the wrong sentences with
/// the gold and the predicted type).
pub fn plover_type_accuracy(jsonl: &str) -> (usize, usize, Vec<String>) {
    let rows: Vec<(String, String)> = jsonl
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            Some((
                v["text"].as_str()?.to_string(),
                v["plover_event"].as_str()?.to_string(),
            ))
        })
        .collect();
    let wrong: Vec<Option<String>> = rows
        .par_iter()
        .enumerate()
        .map(|(i, (text, gold))| {
            let a = analyze_text(&format!("g{i}"), text);
            let first = a.as_ref().and_then(|a| {
                a.events
                    .iter()
                    .find(|e| e.modality != Modality::Negated)
                    .or(a.events.first())
            });
            match first {
                Some(e) if e.event_type.name() == gold => None,
                e => Some(format!(
                    "gold {gold} got {} | {text}",
                    e.map_or_else(|| "no event".to_string(), describe)
                )),
            }
        })
        .collect();
    let wrong: Vec<String> = wrong.into_iter().flatten().collect();
    (rows.len() - wrong.len(), rows.len(), wrong)
}

/// Documents of a CoNLL-U treebank with `# newdoc id` and `# text` comments,
/// as (id, text): sentences joined by spaces, paragraphs by blank lines.
pub fn conllu_documents(conllu: &str) -> Vec<(String, String)> {
    let mut docs: Vec<(String, String)> = Vec::new();
    for line in conllu.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            docs.push((id.trim().to_string(), String::new()));
        } else if line.starts_with("# newpar") {
            if let Some((_, t)) = docs.last_mut()
                && !t.is_empty()
            {
                t.push_str("\n\n");
            }
        } else if let Some(s) = line.strip_prefix("# text = ")
            && let Some((_, t)) = docs.last_mut()
        {
            if !t.is_empty() && !t.ends_with('\n') {
                t.push(' ');
            }
            t.push_str(s.trim());
        }
    }
    docs
}

/// Events found in documents that are not about politics: (events, words,
/// documents, and the events with their document, for inspection).
#[derive(Debug, Clone, Default)]
pub struct OffTopicFigures {
    /// Documents read.
    pub documents: usize,
    /// Whitespace-separated words in them.
    pub words: usize,
    /// Events extracted from them (any modality).
    pub events: Vec<(String, String, &'static str)>,
}

impl OffTopicFigures {
    /// Events per 1,000 words.
    pub fn per_thousand_words(&self) -> f64 {
        1000.0 * ratio(self.events.len(), self.words)
    }
}

/// Runs the extractor on `docs` and counts what it finds.
pub fn off_topic(docs: &[(String, String)]) -> OffTopicFigures {
    let found: Vec<Vec<(String, String, &'static str)>> = docs
        .par_iter()
        .map(|(id, text)| {
            analyze_text(id, text)
                .map(|a| {
                    a.events
                        .iter()
                        .map(|e| (id.clone(), e.evidence.clone(), e.event_type.name()))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    OffTopicFigures {
        documents: docs.len(),
        words: docs.iter().map(|(_, t)| t.split_whitespace().count()).sum(),
        events: found.into_iter().flatten().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_sentences_join_tokens_and_spans() {
        let s = read_role_sentences(
            "Egyptian B-S\npolice I-S\narrested O\n12 B-T\nprotesters I-T\n. O\n\nA O\n",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "Egyptian police arrested 12 protesters.");
        assert_eq!(
            &s[0].text[s[0].source[0].0..s[0].source[0].1],
            "Egyptian police"
        );
        assert_eq!(
            &s[0].text[s[0].target[0].0..s[0].target[0].1],
            "12 protesters"
        );
    }

    #[test]
    fn class_figures_arithmetic() {
        let mut c = ClassFigures::default();
        c.confusion[4][4] = 3;
        c.confusion[0][4] = 1;
        assert_eq!(c.total(), 4);
        assert!((c.accuracy() - 0.75).abs() < 1e-9);
        // class 4: P 0.75 R 1 F1 6/7; the others 0
        assert!((c.macro_f1() - (6.0 / 7.0) / 5.0).abs() < 1e-9);
    }

    #[test]
    fn documents_from_conllu_comments() {
        let docs = conllu_documents(
            "# newdoc id = reviews-1\n# newpar\n# text = Great food.\n1\tGreat\n\n# text = Nice staff.\n1\tNice\n\n# newdoc id = email-2\n# text = Hi.\n",
        );
        assert_eq!(
            docs[0],
            ("reviews-1".into(), "Great food. Nice staff.".into())
        );
        assert_eq!(docs[1].1, "Hi.");
    }

    #[test]
    fn main_event_is_the_strongest_asserted_one() {
        let a = analyze_text("t", "Russia attacked Ukraine after the two sides met.").unwrap();
        let e = main_event(&a).expect("an event");
        assert_eq!(e.event_type, PloverType::Assault);
        assert_eq!(pentaclass(e.event_type), 4);
    }
}
