//! `train-syntax UD_DIR [--out FILE]`: trains the tagger, lemmatizer and
//! parser from the UD English Web Treebank and writes the model file
//! (by default `assets/syntax/en_ewt.model`), then prints its scores on the
//! dev set. Deterministic: the same data and settings give the same file.

use anyhow::{Context, Result};
use clap::Parser;
use std::path::PathBuf;
use std::time::Instant;
use tension_timeline::eval::syntax::evaluate;
use tension_timeline::nlp::syntax::train::{TrainOptions, train};
use tension_timeline::nlp::syntax::{SyntaxModel, conllu};

/// Train the syntax model from a UD treebank folder.
#[derive(Debug, Parser)]
#[command(name = "train-syntax", about)]
struct Args {
    /// The folder with `*-ud-train.conllu` and `*-ud-dev.conllu`.
    ud_dir: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "assets/syntax/en_ewt.model")]
    out: PathBuf,
    /// Passes over the data for the tagger.
    #[arg(long, default_value_t = TrainOptions::default().tagger_epochs)]
    tagger_epochs: usize,
    /// Passes for the parser.
    #[arg(long, default_value_t = TrainOptions::default().parser_epochs)]
    parser_epochs: usize,
    /// log2 of the parser's feature buckets.
    #[arg(long, default_value_t = TrainOptions::default().parser_bits)]
    parser_bits: u32,
}

fn split(dir: &std::path::Path, name: &str) -> Result<Vec<conllu::Sentence>> {
    let entry = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(&format!("-ud-{name}.conllu")))
        })
        .with_context(|| format!("no *-ud-{name}.conllu in {}", dir.display()))?;
    let text =
        std::fs::read_to_string(&entry).with_context(|| format!("reading {}", entry.display()))?;
    conllu::parse(&text).with_context(|| format!("reading {}", entry.display()))
}

fn main() -> Result<()> {
    let a = Args::parse();
    let opts = TrainOptions {
        tagger_epochs: a.tagger_epochs,
        parser_epochs: a.parser_epochs,
        parser_bits: a.parser_bits,
        ..TrainOptions::default()
    };
    let train_set = split(&a.ud_dir, "train")?;
    let dev = split(&a.ud_dir, "dev")?;
    eprintln!("training on {} sentences", train_set.len());
    let start = Instant::now();
    let model = train(&train_set, &opts, |step| {
        eprintln!("  {step} ({:.1} s)", start.elapsed().as_secs_f64())
    });
    eprintln!(
        "  weights: tagger {} + {} (second pass), relations {}, transitions {}",
        model.tagger.weights.len(),
        model.tagger.second.len(),
        model.parser.label_weights.len(),
        model.parser.weights.w.len()
    );
    let bytes = model.to_bytes();
    // score the model as it will be read back (weights stored in 16 bits)
    let model = SyntaxModel::from_bytes(&bytes, &a.out.display().to_string())?;
    tension_timeline::export::write_atomic(&a.out, &bytes)
        .with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB) in {:.1} s",
        a.out.display(),
        bytes.len() as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    println!("dev: {}", evaluate(&model, &dev));
    Ok(())
}
