//! Sentence structure: part-of-speech tags, lemmas, morphological features
//! and a Universal Dependencies tree for each sentence.
//!
//! The models are trained here from the Universal Dependencies English Web
//! Treebank (`train-syntax`, see [`train`]); the trained file,
//! `assets/syntax/en_ewt.model`, is built into the program (its licence,
//! CC BY-SA 4.0, is in `assets/syntax/NOTICE.md`). A sentence is cut into
//! words the way the treebank cuts them ([`tokenize`]), tagged
//! ([`tagger`]), lemmatized ([`lemma`]), and parsed, each arc with its
//! relation ([`parser`]). Every word keeps its byte span into the
//! article text. All steps are linear in the sentence length.

pub mod conllu;
mod hash;
pub mod lemma;
pub mod model;
mod pages;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod tokenize;
pub mod train;

pub use model::{ModelError, SyntaxModel};

use crate::Span;
use std::path::Path;
use std::sync::LazyLock;

/// Where the built-in model comes from (named in its errors).
pub const BUILT_IN_MODEL: &str = "assets/syntax/en_ewt.model";

/// The environment variable that names a model file to use instead of the
/// built-in one (for a model trained with other settings).
pub const MODEL_ENV: &str = "TENSION_TIMELINE_SYNTAX_MODEL";

/// The most words a sentence is parsed with; longer runs (a page without
/// punctuation) are parsed in pieces of this many words.
pub const MAX_WORDS: usize = 400;

static DEFAULT: LazyLock<Result<SyntaxModel, ModelError>> =
    LazyLock::new(|| match std::env::var_os(MODEL_ENV) {
        Some(p) if !p.is_empty() => load_file(Path::new(&p)),
        _ => SyntaxModel::from_bytes(
            include_bytes!("../../../assets/syntax/en_ewt.model"),
            BUILT_IN_MODEL,
        ),
    });

/// The model the program uses: the file named by [`MODEL_ENV`] if set, else
/// the built-in one. Loaded once, on first use.
pub fn default_model() -> Result<&'static SyntaxModel, ModelError> {
    DEFAULT.as_ref().map_err(Clone::clone)
}

/// The parts of speech (UPOS) the treebank the tagger learnt from gives a
/// lower-case word, out of context ("attack": NOUN and VERB); empty for a
/// word it never saw.
pub fn treebank_upos(lower: &str) -> Vec<&'static str> {
    let Ok(model) = default_model() else {
        return Vec::new();
    };
    let Some(tags) = model.lemmatizer.seen.get(lower) else {
        return Vec::new();
    };
    let mut out: Vec<&'static str> = Vec::with_capacity(tags.len());
    for &t in tags {
        let u = model.tagger.upos(t);
        if !out.contains(&u) {
            out.push(u);
        }
    }
    out
}

/// Reads a model file (a regular file; its name goes in any error).
pub fn load_file(path: &Path) -> Result<SyntaxModel, ModelError> {
    let file = path.display().to_string();
    let bytes = crate::ingest::read_regular_file(path).map_err(|e| ModelError {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    SyntaxModel::from_bytes(&bytes, &file)
}

/// One analysed word.
#[derive(Debug, Clone, PartialEq)]
pub struct Word<'m> {
    /// Its bytes in the text.
    pub span: Span,
    /// Universal part of speech (`NOUN`, `VERB`, `PROPN`...).
    pub upos: &'m str,
    /// Penn Treebank tag (`NN`, `VBD`, `NNP`...).
    pub xpos: &'m str,
    /// Lemma.
    pub lemma: String,
    /// Morphological features, UD style (`Mood=Ind|Tense=Past|VerbForm=Fin`), or `_`.
    pub feats: String,
    /// The index of its head in the sentence's words, `None` for the root.
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head (`nsubj`, `obl:agent`...).
    pub deprel: &'m str,
}

impl Word<'_> {
    /// The value of one morphological feature (`feat("Tense")` → `Some("Past")`).
    pub fn feat(&self, name: &str) -> Option<&str> {
        lemma::get_feat(&self.feats, name)
    }
}

impl SyntaxModel {
    /// Cuts `text[span]` into words and analyses them.
    pub fn analyze(&self, text: &str, span: Span) -> Vec<Word<'_>> {
        let spans = tokenize::words(text, span);
        self.analyze_tokens(text, &spans)
    }

    /// Analyses the given words (byte spans into `text`, in order).
    pub fn analyze_tokens(&self, text: &str, spans: &[Span]) -> Vec<Word<'_>> {
        let mut out = Vec::with_capacity(spans.len());
        for piece in spans.chunks(MAX_WORDS) {
            let base = out.len();
            let forms: Vec<&str> = piece.iter().map(|&s| crate::slice::get(text, s)).collect();
            let mut words = self.analyze_forms(&forms);
            for (w, &s) in words.iter_mut().zip(piece) {
                w.span = s;
                w.head = w.head.map(|h| h + base);
            }
            // a piece's root hangs from the first piece's root
            if base > 0 {
                let first_root = out.iter().position(|w: &Word<'_>| w.head.is_none());
                for w in words.iter_mut().filter(|w| w.head.is_none()) {
                    w.head = first_root;
                    w.deprel = "parataxis";
                }
            }
            out.extend(words);
        }
        out
    }

    /// Analyses one sentence given as word forms (spans are left empty).
    pub fn analyze_forms(&self, forms: &[&str]) -> Vec<Word<'_>> {
        let n = forms.len();
        if n == 0 {
            return Vec::new();
        }
        let tags = self.tagger.tag(forms);
        let xpos: Vec<&str> = tags.iter().map(|&t| self.tagger.xpos(t)).collect();
        let (heads, labels) = self.parser.parse(forms, &tags, &xpos);
        let deprel = |l: u16| {
            self.parser
                .labels
                .get(usize::from(l))
                .map_or("dep", String::as_str)
        };
        let head = |h: usize| if h >= n { None } else { Some(h) };
        let tree: Vec<lemma::TreeWord<'_>> = (0..n)
            .map(|i| lemma::TreeWord {
                form: forms[i],
                xpos: xpos[i],
                deprel: deprel(labels[i]),
                head: head(heads[i]),
            })
            .collect();
        let mut feats: Vec<String> = (0..n)
            .map(|i| self.lemmatizer.base_feats(forms[i], tags[i]).to_string())
            .collect();
        lemma::adjust_feats(&tree, &mut feats);
        (0..n)
            .zip(feats)
            .map(|(i, feats)| {
                let upos = self.tagger.upos(tags[i]);
                Word {
                    span: (0, 0),
                    upos,
                    xpos: xpos[i],
                    lemma: self.lemmatizer.lemma(forms[i], tags[i], upos),
                    feats,
                    head: head(heads[i]),
                    deprel: deprel(labels[i]),
                }
            })
            .collect()
    }
}

/// A sentence's analysis as CoNLL-U, with each word's byte span in `misc`
/// (`TokenRange=START:END`) and `SpaceAfter=No` where no space follows.
pub fn to_conllu(text: &str, words: &[Word<'_>], comments: Vec<String>) -> conllu::Sentence {
    let words = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let next = words.get(i + 1).map(|n| n.span.0);
            let mut misc = format!("TokenRange={}:{}", w.span.0, w.span.1);
            if next == Some(w.span.1) {
                misc.push_str("|SpaceAfter=No");
            }
            conllu::Word {
                form: crate::slice::get(text, w.span).to_string(),
                lemma: w.lemma.clone(),
                upos: w.upos.to_string(),
                xpos: w.xpos.to_string(),
                feats: w.feats.clone(),
                head: w.head.map_or(0, |h| h + 1),
                deprel: w.deprel.to_string(),
                misc,
            }
        })
        .collect();
    conllu::Sentence {
        comments,
        words,
        multiword: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word of `s` as (form, upos, head form, relation).
    fn parse(s: &str) -> Vec<(String, String, String, String)> {
        let m = default_model().expect("the built-in model loads");
        let words = m.analyze(s, (0, s.len()));
        words
            .iter()
            .map(|w| {
                let head = w
                    .head
                    .map_or("ROOT", |h| &s[words[h].span.0..words[h].span.1]);
                (
                    s[w.span.0..w.span.1].to_string(),
                    w.upos.to_string(),
                    head.to_string(),
                    w.deprel.to_string(),
                )
            })
            .collect()
    }

    fn rel<'a>(p: &'a [(String, String, String, String)], form: &str) -> (&'a str, &'a str) {
        let w = p
            .iter()
            .find(|w| w.0 == form)
            .unwrap_or_else(|| panic!("{form} in {p:?}"));
        (w.2.as_str(), w.3.as_str())
    }

    #[test]
    fn passive_with_its_agent() {
        let p = parse("Criticism was levelled at Obama by Kenyan leaders.");
        assert_eq!(rel(&p, "Criticism"), ("levelled", "nsubj:pass"), "{p:?}");
        assert_eq!(rel(&p, "was"), ("levelled", "aux:pass"), "{p:?}");
        assert_eq!(rel(&p, "leaders"), ("levelled", "obl:agent"), "{p:?}");
        assert_eq!(rel(&p, "by"), ("leaders", "case"), "{p:?}");
    }

    #[test]
    fn relative_clause_and_its_subject() {
        let p = parse("The president, who was ousted in 2019, fled to Russia.");
        assert_eq!(rel(&p, "ousted"), ("president", "acl:relcl"), "{p:?}");
        assert_eq!(rel(&p, "who"), ("ousted", "nsubj:pass"), "{p:?}");
        assert_eq!(rel(&p, "president"), ("fled", "nsubj"), "{p:?}");
    }

    #[test]
    fn coordinated_subjects() {
        let p = parse("Russia and China signed the agreement.");
        assert_eq!(rel(&p, "Russia"), ("signed", "nsubj"), "{p:?}");
        assert_eq!(rel(&p, "China"), ("Russia", "conj"), "{p:?}");
        assert_eq!(rel(&p, "and"), ("China", "cc"), "{p:?}");
        assert_eq!(rel(&p, "agreement"), ("signed", "obj"), "{p:?}");
    }

    #[test]
    fn ship_as_noun_and_as_verb() {
        let p = parse("The cargo ship is installed on a launch pad.");
        let ship = p.iter().find(|w| w.0 == "ship").unwrap();
        assert_eq!(ship.1, "NOUN", "{p:?}");
        assert_eq!(rel(&p, "ship"), ("installed", "nsubj:pass"), "{p:?}");
        let p = parse("They will ship the weapons to Ukraine.");
        let ship = p.iter().find(|w| w.0 == "ship").unwrap();
        assert_eq!(ship.1, "VERB", "{p:?}");
        assert_eq!(rel(&p, "weapons"), ("ship", "obj"), "{p:?}");
        assert_eq!(rel(&p, "They"), ("ship", "nsubj"), "{p:?}");
    }

    #[test]
    fn reported_speech() {
        let p = parse("The ministry said that Russia attacked the convoy.");
        assert_eq!(rel(&p, "attacked"), ("said", "ccomp"), "{p:?}");
        assert_eq!(rel(&p, "that"), ("attacked", "mark"), "{p:?}");
        assert_eq!(rel(&p, "Russia"), ("attacked", "nsubj"), "{p:?}");
        assert_eq!(rel(&p, "ministry"), ("said", "nsubj"), "{p:?}");
    }

    #[test]
    fn no_plans_of_invading() {
        let p = parse("Russia has no plans of invading Ukraine.");
        assert_eq!(rel(&p, "plans"), ("has", "obj"), "{p:?}");
        assert_eq!(rel(&p, "no"), ("plans", "det"), "{p:?}");
        assert_eq!(rel(&p, "invading").0, "plans", "{p:?}");
        assert_eq!(rel(&p, "Ukraine"), ("invading", "obj"), "{p:?}");
    }

    #[test]
    fn morphology_the_event_rules_need() {
        let m = default_model().unwrap();
        let s = "The troops were sent to the border.";
        let w = m.analyze(s, (0, s.len()));
        let sent = w.iter().find(|w| &s[w.span.0..w.span.1] == "sent").unwrap();
        assert_eq!(sent.feat("Voice"), Some("Pass"), "{w:?}");
        assert_eq!(sent.lemma, "send");
        let were = w.iter().find(|w| &s[w.span.0..w.span.1] == "were").unwrap();
        assert_eq!(
            (were.feat("Tense"), were.feat("Number"), were.lemma.as_str()),
            (Some("Past"), Some("Plur"), "be")
        );
    }

    /// Odd input gets tags and a tree, never a panic; a long run without
    /// punctuation is parsed in pieces with one root.
    #[test]
    fn odd_input_is_analysed() {
        let m = default_model().unwrap();
        for s in [
            "🙂🙂 ПУТИН ЗАЯВИЛ https://t.co/x #breaking @user 10,000,000 ٣٤٥",
            "BREAKING: RUSSIA INVADES",
            "",
            "...",
        ] {
            let w = m.analyze(s, (0, s.len()));
            assert_eq!(
                w.iter().filter(|w| w.head.is_none()).count(),
                usize::from(!w.is_empty()),
                "{s}"
            );
        }
        let long = "word ".repeat(MAX_WORDS * 2 + 7);
        let w = m.analyze(&long, (0, long.len()));
        assert_eq!(w.len(), MAX_WORDS * 2 + 7);
        assert_eq!(w.iter().filter(|w| w.head.is_none()).count(), 1);
        assert!(w.iter().all(|x| x.head.is_none_or(|h| h < w.len())));
    }
}
