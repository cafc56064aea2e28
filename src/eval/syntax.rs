//! Scores of the syntax layer on a treebank with gold tokenization: UPOS,
//! XPOS, lemma and feature accuracy, and attachment scores.
//!
//! Every word counts, punctuation included (the CoNLL 2018 shared task
//! convention). UAS is the share of words with the right head; LAS the
//! share with the right head and relation (with its subtype: `obl:agent`
//! is not `obl`).

use crate::nlp::syntax::conllu::Sentence;
use crate::nlp::syntax::{SyntaxModel, Word};
use std::fmt;

/// Counts of right answers over a treebank.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyntaxScores {
    /// Sentences.
    pub sentences: usize,
    /// Words.
    pub words: usize,
    /// Words with the right UPOS.
    pub upos: usize,
    /// Words with the right Penn tag.
    pub xpos: usize,
    /// Words with the right lemma.
    pub lemma: usize,
    /// Words with exactly the right FEATS.
    pub feats: usize,
    /// Words with the right head.
    pub uas: usize,
    /// Words with the right head and relation.
    pub las: usize,
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

impl SyntaxScores {
    /// Adds another set's counts to these.
    pub fn add(&mut self, o: &SyntaxScores) {
        self.sentences += o.sentences;
        self.words += o.words;
        self.upos += o.upos;
        self.xpos += o.xpos;
        self.lemma += o.lemma;
        self.feats += o.feats;
        self.uas += o.uas;
        self.las += o.las;
    }

    /// UPOS accuracy in per cent.
    pub fn upos_pct(&self) -> f64 {
        pct(self.upos, self.words)
    }
    /// XPOS accuracy in per cent.
    pub fn xpos_pct(&self) -> f64 {
        pct(self.xpos, self.words)
    }
    /// Lemma accuracy in per cent.
    pub fn lemma_pct(&self) -> f64 {
        pct(self.lemma, self.words)
    }
    /// FEATS (exact) accuracy in per cent.
    pub fn feats_pct(&self) -> f64 {
        pct(self.feats, self.words)
    }
    /// Unlabelled attachment score in per cent.
    pub fn uas_pct(&self) -> f64 {
        pct(self.uas, self.words)
    }
    /// Labelled attachment score in per cent.
    pub fn las_pct(&self) -> f64 {
        pct(self.las, self.words)
    }
}

impl fmt::Display for SyntaxScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} sentences, {} words: UPOS {:.2}  XPOS {:.2}  lemma {:.2}  feats {:.2}  UAS {:.2}  LAS {:.2}",
            self.sentences,
            self.words,
            self.upos_pct(),
            self.xpos_pct(),
            self.lemma_pct(),
            self.feats_pct(),
            self.uas_pct(),
            self.las_pct()
        )
    }
}

/// The model's analysis of each gold sentence's words.
pub fn analyze_gold<'m>(model: &'m SyntaxModel, gold: &[Sentence]) -> Vec<Vec<Word<'m>>> {
    gold.iter()
        .map(|sent| {
            let forms: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
            model.analyze_forms(&forms)
        })
        .collect()
}

/// Analyses each gold sentence's words with `model` and counts the answers
/// that agree with the gold ones.
pub fn evaluate(model: &SyntaxModel, gold: &[Sentence]) -> SyntaxScores {
    score(gold, &analyze_gold(model, gold))
}

/// Counts the answers of `sys` (one analysis per gold sentence) that agree
/// with the gold ones.
pub fn score(gold: &[Sentence], sys: &[Vec<Word<'_>>]) -> SyntaxScores {
    let mut s = SyntaxScores::default();
    for (sent, sys) in gold.iter().zip(sys) {
        s.sentences += 1;
        for (g, p) in sent.words.iter().zip(sys) {
            s.words += 1;
            s.upos += usize::from(g.upos == p.upos);
            s.xpos += usize::from(g.xpos == p.xpos);
            s.lemma += usize::from(g.lemma == p.lemma);
            s.feats += usize::from(g.feats == p.feats);
            let head_ok = g.head == p.head.map_or(0, |h| h + 1);
            s.uas += usize::from(head_ok);
            s.las += usize::from(head_ok && g.deprel == p.deprel);
        }
    }
    s
}

/// The most frequent disagreements of each kind between `sys` (one
/// analysis per gold sentence) and the gold: (what, gold, system, count).
pub fn confusions(
    gold: &[Sentence],
    sys: &[Vec<Word<'_>>],
    top: usize,
) -> Vec<(&'static str, String, String, usize)> {
    use std::collections::HashMap;
    let mut counts: HashMap<(&'static str, String, String), usize> = HashMap::new();
    for (sent, sys) in gold.iter().zip(sys) {
        for (g, p) in sent.words.iter().zip(sys) {
            let mut add = |k: &'static str, a: String, b: String| {
                if a != b {
                    *counts.entry((k, a, b)).or_default() += 1;
                }
            };
            add("upos", g.upos.clone(), p.upos.to_string());
            if g.lemma != p.lemma {
                add(
                    "lemma",
                    format!("{}/{} -> {}", g.form, g.xpos, g.lemma),
                    p.lemma.clone(),
                );
            }
            if g.feats != p.feats {
                add("feats", format!("{} {}", g.xpos, g.feats), p.feats.clone());
            }
            let head_ok = g.head == p.head.map_or(0, |h| h + 1);
            if head_ok {
                add("deprel", g.deprel.clone(), p.deprel.to_string());
            } else {
                add(
                    "head",
                    format!("{} ({})", g.deprel, g.upos),
                    "wrong head".to_string(),
                );
            }
        }
    }
    let mut v: Vec<_> = counts
        .into_iter()
        .map(|((k, a, b), n)| (k, a, b, n))
        .collect();
    v.sort_by(|a, b| a.0.cmp(b.0).then(b.3.cmp(&a.3)).then(a.1.cmp(&b.1)));
    let mut out = Vec::new();
    let mut last = "";
    let mut shown = 0;
    for e in v {
        if e.0 != last {
            last = e.0;
            shown = 0;
        }
        if shown < top {
            shown += 1;
            out.push(e);
        }
    }
    out
}
