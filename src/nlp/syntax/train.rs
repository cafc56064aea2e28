//! Training the syntax model from a treebank in CoNLL-U.
//!
//! Deterministic: the same sentences and [`TrainOptions`] give the same
//! model file byte for byte (shuffling uses a fixed seed; tables are saved
//! in sorted order). The tagger is trained first; the parser (with its relation
//! classifier) then learns from the tags the tagger gives the training sentences, which
//! are the tags they will see in use.

use super::conllu::Sentence;
use super::lemma::Lemmatizer;
use super::model::SyntaxModel;
use super::parser::{ParseExample, Parser};
use super::tagger::{TagTraining, Tagger};

/// Training settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrainOptions {
    /// Passes over the data for the tagger.
    pub tagger_epochs: usize,
    /// Passes for the parser.
    pub parser_epochs: usize,
    /// log2 of the parser's feature buckets.
    pub parser_bits: u32,
    /// The shuffling seed.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tagger_epochs: 8,
            parser_epochs: 12,
            parser_bits: 22,
            seed: 0x7e57,
        }
    }
}

/// The joint tag of a treebank word (`UPOS\tXPOS`).
pub fn joint_tag(upos: &str, xpos: &str) -> String {
    format!("{upos}\t{xpos}")
}

/// Trains every part of the model on `sentences`; `progress` hears what is
/// being done.
pub fn train(
    sentences: &[Sentence],
    opts: &TrainOptions,
    mut progress: impl FnMut(&str),
) -> SyntaxModel {
    let forms: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    progress("tagger");
    let data = TagTraining {
        sentences: sentences
            .iter()
            .zip(&forms)
            .map(|(s, f)| {
                (
                    f.clone(),
                    s.words
                        .iter()
                        .map(|w| joint_tag(&w.upos, &w.xpos))
                        .collect(),
                )
            })
            .collect(),
    };
    let tagger = Tagger::train(&data, opts.tagger_epochs, opts.seed);
    let tag_of = |t: &str| {
        tagger
            .tags
            .iter()
            .position(|x| x == t)
            .expect("every training tag is in the tag set") as u16
    };
    progress("lemmas and features");
    let lemmatizer = Lemmatizer::train(sentences.iter().flat_map(|s| {
        s.words.iter().map(|w| {
            let tag = tag_of(&joint_tag(&w.upos, &w.xpos));
            (
                w.form.as_str(),
                tag,
                w.upos.as_str(),
                w.lemma.as_str(),
                w.feats.as_str(),
            )
        })
    }));
    progress("tagging the training sentences (4-fold jackknife)");
    let predicted = jackknife(&data, &tagger, opts, 4);
    progress("tagger, second pass");
    let mut tagger = tagger;
    tagger.train_second(&data, &predicted, opts.tagger_epochs, opts.seed);
    progress("parser and relations");
    let parse_data: Vec<ParseExample<'_>> = sentences
        .iter()
        .zip(&forms)
        .zip(&predicted)
        .map(|((s, f), t)| {
            let n = s.words.len();
            ParseExample {
                forms: f.clone(),
                tags: t.clone(),
                xpos: t.iter().map(|&x| tagger.xpos(x)).collect(),
                heads: s
                    .words
                    .iter()
                    .map(|w| if w.head == 0 { n } else { w.head - 1 })
                    .collect(),
                labels: s.words.iter().map(|w| w.deprel.clone()).collect(),
            }
        })
        .collect();
    let parser = Parser::train(&parse_data, opts.parser_epochs, opts.seed, opts.parser_bits);
    SyntaxModel {
        tagger,
        lemmatizer,
        parser,
    }
}

/// The tags of the training sentences as a tagger that never saw them gives
/// them: each of `folds` parts is tagged by a tagger trained on the others,
/// so that the parser learns from tags with the errors it will meet.
fn jackknife(
    data: &TagTraining<'_>,
    full: &Tagger,
    opts: &TrainOptions,
    folds: usize,
) -> Vec<Vec<u16>> {
    let n = data.sentences.len();
    let mut out: Vec<Vec<u16>> = vec![Vec::new(); n];
    for k in 0..folds {
        let rest = TagTraining {
            sentences: data
                .sentences
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != k)
                .map(|(_, s)| s.clone())
                .collect(),
        };
        if rest.sentences.is_empty() {
            continue;
        }
        let t = Tagger::train(&rest, opts.tagger_epochs, opts.seed);
        // the fold's tag numbers are its own: map them by name to the full tagger's
        let to_full: Vec<u16> = t
            .tags
            .iter()
            .map(|x| full.tags.iter().position(|y| y == x).unwrap_or(0) as u16)
            .collect();
        for (i, (forms, _)) in data
            .sentences
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == k)
        {
            out[i] = t
                .tag(forms)
                .into_iter()
                .map(|x| to_full[usize::from(x)])
                .collect();
        }
    }
    for (i, (forms, _)) in data.sentences.iter().enumerate() {
        if out[i].len() != forms.len() {
            out[i] = full.tag(forms);
        }
    }
    out
}
