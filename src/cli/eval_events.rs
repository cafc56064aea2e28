//! `tension-timeline eval-events`: every development figure of event
//! extraction in one run, each beside its target.

use super::{EXIT_OK, EvalEventsArgs};
use crate::eval::events::{
    ClassFigures, classify, conllu_documents, off_topic, plover_type_accuracy, read_class_tsv,
    read_role_sentences, score_roles,
};
use crate::eval::key::{self, Figures};
use anyhow::Context;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// EWT document kinds that are not about politics (`# newdoc id` prefixes).
const OFF_TOPIC_KINDS: &[&str] = &["reviews", "answers", "email"];

/// Runs `eval-events` and returns the exit code.
pub fn run(args: &EvalEventsArgs) -> anyhow::Result<u8> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut summary: Vec<Line> = Vec::new();
    let shared = &args.shared;
    let note = |out: &mut dyn Write, what: &str, path: &Path| -> std::io::Result<()> {
        writeln!(out, "== {what}: skipped, {} not found ==\n", path.display())
    };

    let tsv = shared.join("data/eventgold/conflibert/cameo_class_train.tsv");
    if tsv.is_file() {
        let text = read(&tsv)?;
        let c: ClassFigures = classify(&read_class_tsv(&text));
        writeln!(
            out,
            "== coded news sentences, five classes ({}) ==\n{c}",
            tsv.display()
        )?;
        for w in c.wrong.iter().take(args.errors.unwrap_or(0)) {
            writeln!(out, "  wrong class: {w}")?;
        }
        summary.push(Line::new(
            "coded sentences",
            "accuracy",
            c.accuracy(),
            Some((0.75, true)),
        ));
        summary.push(Line::new(
            "coded sentences",
            "macro-F1",
            c.macro_f1(),
            Some((0.70, true)),
        ));
    } else {
        note(&mut out, "coded news sentences", &tsv)?;
    }

    let ner = shared.join("data/eventgold/conflibert/cameo_ner_train.txt");
    if ner.is_file() {
        let sents = read_role_sentences(&read(&ner)?);
        let roles = score_roles(&sents);
        let (s, t) = (roles.source, roles.target);
        writeln!(
            out,
            "== source and target spans ({}, {} sentences) ==\nsource {s}\ntarget {t}\n",
            ner.display(),
            sents.len()
        )?;
        for w in roles.wrong.iter().take(args.errors.unwrap_or(0)) {
            writeln!(out, "  {w}")?;
        }
        summary.push(Line::new(
            "actor spans",
            "source F1",
            s.f1(),
            Some((0.70, true)),
        ));
        summary.push(Line::new(
            "actor spans",
            "target F1",
            t.f1(),
            Some((0.70, true)),
        ));
    } else {
        note(&mut out, "source and target spans", &ner)?;
    }

    let gsr = shared.join("data/eventgold/plover_gsr/plover_gsr_mapped.jsonl");
    let gsr = if gsr.is_file() {
        gsr
    } else {
        "tests/data/plover_gsr/plover_gsr_mapped.jsonl".into()
    };
    if gsr.is_file() {
        let (right, total, wrong) = plover_type_accuracy(&read(&gsr)?);
        let acc = right as f64 / total.max(1) as f64;
        writeln!(
            out,
            "== PLOVER gold sentences ({}) ==\ntype accuracy {acc:.3} ({right}/{total})\n",
            gsr.display()
        )?;
        for w in wrong.iter().take(args.errors.unwrap_or(0)) {
            writeln!(out, "  wrong type: {w}")?;
        }
        summary.push(Line::new(
            "PLOVER gold sentences",
            "type accuracy",
            acc,
            Some((0.80, true)),
        ));
    } else {
        note(&mut out, "PLOVER gold sentences", &gsr)?;
    }

    let seeds = shared.join("seeds");
    let seed_key = shared.join("gold/seeds.json");
    let (seeds, seed_key) = if seed_key.is_file() {
        (seeds, seed_key)
    } else {
        ("seeds".into(), "tests/data/seeds_key/seeds.json".into())
    };
    if seed_key.is_file() && seeds.is_dir() {
        let f = score_key(&seed_key, &seeds)?;
        report_key(&mut out, "seed key", &f, args.errors)?;
        summary.push(Line::new(
            "seed key",
            "precision",
            f.precision,
            Some((0.92, true)),
        ));
        summary.push(Line::new("seed key", "recall", f.recall, None));
        summary.push(Line::new(
            "seed key",
            "actor accuracy",
            f.actor_accuracy,
            None,
        ));
    } else {
        note(&mut out, "seed key", &seed_key)?;
    }

    let dev_articles = args.devkey.with_file_name("articles");
    if args.devkey.is_file() && dev_articles.is_dir() {
        let f = score_key(&args.devkey, &dev_articles)?;
        report_key(&mut out, "development key", &f, args.errors)?;
        summary.push(Line::new(
            "development key",
            "precision",
            f.precision,
            Some((0.80, true)),
        ));
        summary.push(Line::new(
            "development key",
            "recall",
            f.recall,
            Some((0.80, true)),
        ));
        summary.push(Line::new(
            "development key",
            "actor accuracy",
            f.actor_accuracy,
            Some((0.80, true)),
        ));
        summary.push(Line::new(
            "development key",
            "date accuracy",
            f.date_accuracy_dated,
            Some((0.85, true)),
        ));
    } else {
        note(&mut out, "development key", &args.devkey)?;
    }

    let ewt = shared.join("data/ud_english_ewt");
    if ewt.is_dir() {
        let mut docs = Vec::new();
        for split in ["train", "dev", "test"] {
            let f = ewt.join(format!("en_ewt-ud-{split}.conllu"));
            if f.is_file() {
                docs.extend(
                    conllu_documents(&read(&f)?)
                        .into_iter()
                        .filter(|(id, _)| OFF_TOPIC_KINDS.iter().any(|k| id.starts_with(k))),
                );
            }
        }
        let f = off_topic(&docs);
        writeln!(
            out,
            "== text not about politics (EWT {}: {} documents, {} words) ==\nevents {}  per 1,000 words {:.2}\n",
            OFF_TOPIC_KINDS.join(", "),
            f.documents,
            f.words,
            f.events.len(),
            f.per_thousand_words()
        )?;
        for (doc, evidence, ty) in f.events.iter().take(args.errors.unwrap_or(0)) {
            writeln!(out, "  {doc}\t{ty}\t{evidence}")?;
        }
        summary.push(Line::new(
            "not about politics",
            "events per 1,000 words",
            f.per_thousand_words(),
            Some((1.0, false)),
        ));
    } else {
        note(&mut out, "text not about politics", &ewt)?;
    }

    let platinum = shared.join("data/tempeval3/platinum");
    let platinum = if platinum.is_dir() {
        platinum
    } else {
        "tests/data/tempeval3/platinum".into()
    };
    if platinum.is_dir() {
        let s = crate::eval::evaluate_dir(&platinum)?;
        writeln!(
            out,
            "== TempEval-3 platinum ({}) ==\n{s}",
            platinum.display()
        )?;
        summary.push(Line::new(
            "TempEval-3 platinum",
            "value F1",
            100.0 * s.value_f1(),
            Some((80.0, true)),
        ));
    } else {
        note(&mut out, "TempEval-3 platinum", &platinum)?;
    }

    writeln!(out, "== summary ==")?;
    writeln!(
        out,
        "{:<24} {:<24} {:>8}  target",
        "set", "measure", "value"
    )?;
    for Line {
        set,
        measure,
        value,
        target,
    } in &summary
    {
        let t = match target {
            Some((t, at_least)) => {
                let met = if *at_least { value >= t } else { value <= t };
                format!(
                    "{} {t}  {}",
                    if *at_least { ">=" } else { "<=" },
                    if met { "met" } else { "NOT MET" }
                )
            }
            None => "-".into(),
        };
        writeln!(out, "{set:<24} {measure:<24} {value:>8.3}  {t}")?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}

/// One figure of the summary: its set, its measure, its value and the
/// target (a bound, and whether the value must be at least or at most it).
struct Line {
    set: &'static str,
    measure: &'static str,
    value: f64,
    target: Option<(f64, bool)>,
}

impl Line {
    fn new(
        set: &'static str,
        measure: &'static str,
        value: f64,
        target: Option<(f64, bool)>,
    ) -> Line {
        Line {
            set,
            measure,
            value,
            target,
        }
    }
}

fn read(path: &Path) -> anyhow::Result<String> {
    let bytes = crate::ingest::read_regular_file(path)?;
    String::from_utf8(bytes).with_context(|| format!("{}: not UTF-8", path.display()))
}

/// Extracts from `articles` and scores the result against the key at `key`.
fn score_key(key_path: &Path, articles: &Path) -> anyhow::Result<Figures> {
    let key: serde_json::Value = serde_json::from_str(&read(key_path)?)
        .with_context(|| format!("{}: not a JSON answer key", key_path.display()))?;
    let corpus = crate::corpus::load_paths(
        &[articles.to_path_buf()],
        &|_, _| {},
        &AtomicBool::new(false),
    );
    let doc = serde_json::to_value(crate::export::json::document(&corpus))?;
    key::score(&key, &doc).with_context(|| format!("scoring against {}", key_path.display()))
}

fn report_key(
    out: &mut dyn Write,
    what: &str,
    f: &Figures,
    errors: Option<usize>,
) -> std::io::Result<()> {
    writeln!(out, "== {what} ({} predicted events) ==", f.predicted)?;
    writeln!(
        out,
        "recall {:.3}  precision {:.3}  date accuracy {:.3} (all {:.3})  actor accuracy {:.3}",
        f.recall, f.precision, f.date_accuracy_dated, f.date_accuracy_all, f.actor_accuracy
    )?;
    writeln!(
        out,
        "negation errors {}  modality errors {}  timexes {}/{}  quantities {}/{}  cluster pairs {}/{}  wrong merges {}\n",
        f.negation_errors.len(),
        f.modality_errors.len(),
        f.timex_dated.0,
        f.timex_dated.1,
        f.quantities.0,
        f.quantities.1,
        f.cluster_pairs.0,
        f.cluster_pairs.1,
        f.wrong_merges.len()
    )?;
    let n = errors.unwrap_or(0);
    for m in f.missed.iter().take(n) {
        writeln!(out, "  missed: {m}")?;
    }
    for m in f.wrong_dates.iter().take(n) {
        writeln!(out, "  wrong date: {m}")?;
    }
    for m in f.negation_errors.iter().chain(&f.modality_errors).take(n) {
        writeln!(out, "  modality: {m}")?;
    }
    for m in f.wrong_merges.iter().take(n) {
        writeln!(out, "  wrong merge: {m}")?;
    }
    for m in f.wrong_actors.iter().take(n) {
        writeln!(out, "  wrong actor: {m}")?;
    }
    for m in f.spurious.iter().take(n) {
        writeln!(out, "  spurious: {m}")?;
    }
    Ok(())
}
