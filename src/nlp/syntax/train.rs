//! Training the syntax model from a treebank in CoNLL-U.
//!
//! Deterministic: the same sentences and [`TrainOptions`] give the same
//! model file byte for byte (shuffling uses a fixed seed; tables are saved
//! in sorted order). The tagger is trained first; the parser and labeller
//! then learn from the tags the tagger gives the training sentences, which
//! are the tags they will see in use.

use super::conllu::Sentence;
use super::labeler::{Input, Labeler};
use super::lemma::Lemmatizer;
use super::model::SyntaxModel;
use super::parser::Parser;
use super::tagger::{TagTraining, Tagger};

/// Training settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrainOptions {
    /// Passes over the data for the tagger.
    pub tagger_epochs: usize,
    /// Passes for the parser.
    pub parser_epochs: usize,
    /// Passes for the labeller.
    pub labeler_epochs: usize,
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
            labeler_epochs: 8,
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
                w.upos == "PROPN",
                w.lemma.as_str(),
                w.feats.as_str(),
            )
        })
    }));
    progress("tagging the training sentences");
    let predicted: Vec<Vec<u16>> = forms.iter().map(|f| tagger.tag(f)).collect();
    progress("parser");
    let parse_data: Vec<(Vec<&str>, Vec<u16>, Vec<usize>)> = sentences
        .iter()
        .zip(&forms)
        .zip(&predicted)
        .map(|((s, f), t)| {
            let n = s.words.len();
            let heads = s
                .words
                .iter()
                .map(|w| if w.head == 0 { n } else { w.head - 1 })
                .collect();
            (f.clone(), t.clone(), heads)
        })
        .collect();
    let parser = Parser::train(&parse_data, opts.parser_epochs, opts.seed, opts.parser_bits);
    progress("labeller");
    let label_data: Vec<(Vec<Input<'_>>, Vec<String>)> = sentences
        .iter()
        .zip(&predicted)
        .map(|(s, t)| {
            let n = s.words.len();
            let inputs = s
                .words
                .iter()
                .zip(t)
                .map(|(w, &tag)| Input {
                    form: w.form.as_str(),
                    tag,
                    xpos: tagger.xpos(tag),
                    head: if w.head == 0 { n } else { w.head - 1 },
                })
                .collect();
            (inputs, s.words.iter().map(|w| w.deprel.clone()).collect())
        })
        .collect();
    let labeler = Labeler::train(&label_data, opts.labeler_epochs, opts.seed);
    SyntaxModel {
        tagger,
        lemmatizer,
        parser,
        labeler,
    }
}
