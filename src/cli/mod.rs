//! The command line: `tension-timeline extract PATHS...` and
//! `tension-timeline eval-timeml DIR...`.
//!
//! [`Args`] mirrors the command line; [`main`] parses it, runs the command
//! and maps the outcome to an exit code: 0 success, 1 partial failure (some
//! inputs could not be read, the rest were processed), 2 failure (usage
//! error, nothing readable, or output could not be written).

mod eval_events;
mod extract;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code: everything was processed.
pub const EXIT_OK: u8 = 0;
/// Exit code: some inputs failed (each was reported), the rest were processed.
pub const EXIT_PARTIAL: u8 = 1;
/// Exit code: nothing could be processed, or a usage or output error.
pub const EXIT_FAILURE: u8 = 2;

/// Read news about international tensions; extract dated events.
///
/// With no subcommand, opens the desktop application and loads PATHS.
#[derive(Debug, Parser)]
#[command(name = "tension-timeline", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Args {
    /// What to do (none: open the window).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files or folders to open in the window.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles and write what was found in them (sentences, time
    /// expressions, events, figures).
    ///
    /// PATHS are files, directories (read recursively: .txt .md .html .htm
    /// .json .jsonl .ndjson .tml) or `-` for standard input (JSONL articles,
    /// one per line, streamed; or a single document of any format).
    Extract(ExtractArgs),
    /// Score the temporal tagger on TempEval-3 gold TimeML files (Task A:
    /// strict, relaxed, type and value precision/recall/F1).
    EvalTimeml(EvalArgs),
    /// Score the tagger, lemmatizer and parser on CoNLL-U treebank files
    /// with gold tokenization (UPOS, XPOS, lemma and feature accuracy, UAS
    /// and LAS, every word counted).
    EvalSyntax(EvalSyntaxArgs),
    /// Measure event extraction on the development sets: coded news
    /// sentences (five classes; source and target spans), the PLOVER gold
    /// sentences, the seed and development answer keys, text that is not
    /// about politics, and the TempEval-3 temporal figures.
    EvalEvents(EvalEventsArgs),
    /// Measure place finding: place names linked to the gazetteer on the
    /// hand-written key of place mentions, and event locations on the seed
    /// key's events.
    EvalPlaces(EvalPlacesArgs),
}

/// Options of `eval-places`.
#[derive(Debug, clap::Args)]
pub struct EvalPlacesArgs {
    /// The place-mention key (sentence, mention, start, id, country, kind,
    /// note; tab-separated).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "tests/data/places/resolution_key.tsv"
    )]
    pub key: PathBuf,
    /// A second place-mention key, written later and never used to develop
    /// the rules (skipped when missing).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "tests/data/places/heldout_key.tsv"
    )]
    pub heldout: PathBuf,
    /// The location answers of the seed key's events.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "tests/data/seeds_key/locations.json"
    )]
    pub locations: PathBuf,
    /// The seed articles.
    #[arg(long, value_name = "DIR", default_value = "seeds")]
    pub seeds: PathBuf,
    /// The location answers of the development key's events.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "tests/data/devkey/locations.json"
    )]
    pub dev_locations: PathBuf,
    /// The development key's articles.
    #[arg(long, value_name = "DIR", default_value = "tests/data/devkey/articles")]
    pub dev_articles: PathBuf,
    /// Also list this many errors of each kind.
    #[arg(long, value_name = "N")]
    pub errors: Option<usize>,
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON document with every article, sentence, time expression,
    /// event and figure (schema in the README).
    Json,
    /// One JSON result per article per line, in input order (streams from
    /// standard input with bounded memory).
    Jsonl,
    /// One row per event mention.
    Csv,
    /// Each sentence with its words, tags, lemmas, features and dependency
    /// tree (Universal Dependencies CoNLL-U; byte spans in `misc`).
    Conllu,
    /// Each article as a TempEval-3 style TimeML document with TIMEX3 tags.
    Timeml,
    /// One row per merged event: date, actor codes, CAMEO code, Goldstein
    /// value, source file (tab-separated, GDELT-style).
    Gdelt,
    /// The timeline of merged events as an SVG picture.
    Svg,
    /// One GeoJSON point per merged event that has a location.
    Geojson,
    /// The timeline as the app draws it, as a PNG picture.
    Png,
}

/// When to draw the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressMode {
    /// When standard error is a terminal.
    Auto,
    /// Never.
    Never,
}

/// Options of `extract`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 everything was read; 1 some inputs could not be read \
(each is reported on standard error, the rest is in the output); 2 nothing could be read, \
or a usage or output error."
)]
pub struct ExtractArgs {
    /// Files, directories or `-` (standard input). With `--project` and no
    /// paths, the project's own articles.
    #[arg(required_unless_present = "project", value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Apply the analyst's corrections from this project file (`.ttproj`)
    /// to the output (the file is only read). Articles whose file moved or
    /// changed are reported; the corrections of the others still apply.
    /// The file must exist (see `--create-project`).
    #[arg(long, value_name = "FILE.ttproj")]
    pub project: Option<PathBuf>,
    /// Create the `--project` file if it does not exist, recording the
    /// articles read in it (their paths relative to its folder when they
    /// lie under it).
    #[arg(long, requires = "project")]
    pub create_project: bool,
    /// Read the project's articles that lie outside the project file's
    /// folder too (without it they are refused, each with an error).
    #[arg(long, requires = "project")]
    pub allow_outside_project: bool,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
    /// Write to this file instead of standard output (written atomically:
    /// into a temporary file beside it, renamed at the end; an existing
    /// device, FIFO or symbolic link is refused). With `--format timeml` and
    /// several articles, a directory to write one `.tml` file per article
    /// into, with `manifest.tsv` listing them.
    #[arg(short, long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Follow symbolic links inside folders (as ripgrep's `--follow`). Off:
    /// links found in a folder are skipped. Links named as PATHS are always
    /// followed. Loops are detected and every file is read once.
    #[arg(short = 'L', long)]
    pub follow: bool,
    /// Progress bar on standard error (hidden anyway when it is not a terminal).
    #[arg(long, value_enum, default_value_t = ProgressMode::Auto)]
    pub progress: ProgressMode,
    /// Print counts and how long each stage took on standard error.
    #[arg(long)]
    pub stats: bool,
}

/// Options of `eval-timeml`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Directories of gold `.tml` files (each scored, then all together).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Also list every error (missed, spurious, wrong extent, type or value).
    #[arg(long)]
    pub errors: bool,
}

/// Options of `eval-syntax`.
#[derive(Debug, clap::Args)]
pub struct EvalSyntaxArgs {
    /// CoNLL-U files (each scored, then all together).
    #[arg(required = true, value_name = "FILE.conllu")]
    pub files: Vec<PathBuf>,
    /// A model file to score instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Also list the most frequent disagreements with the gold analysis
    /// (tags, lemmas, features, heads, relations), this many of each.
    #[arg(long, value_name = "N")]
    pub errors: Option<usize>,
}

/// Options of `eval-events`.
#[derive(Debug, clap::Args)]
pub struct EvalEventsArgs {
    /// The shared material (`data/eventgold`, `data/ud_english_ewt`,
    /// `data/tempeval3`, `seeds`, `gold`); a set whose files are missing is
    /// skipped with a note.
    #[arg(long, value_name = "DIR", default_value = "../shared")]
    pub shared: PathBuf,
    /// The article-level development key (seed key format); its articles are
    /// in `articles/` beside it.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "tests/data/devkey/devkey.json"
    )]
    pub devkey: PathBuf,
    /// Also list this many errors of each set (missed and spurious key
    /// events, wrong dates, actors and modality, wrong classes, events found
    /// in text that is not about politics).
    #[arg(long, value_name = "N")]
    pub errors: Option<usize>,
}

/// `eval-places`: place names on the two keys, event locations on the seed
/// and development keys, with their errors if asked.
fn eval_places(args: &EvalPlacesArgs) -> anyhow::Result<u8> {
    use crate::eval::places::{
        LocationKey, read_resolution_key, score_locations, score_resolution,
    };
    use std::io::Write;
    let read =
        |p: &Path| std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()));
    let errors = args.errors.unwrap_or(0);
    let mut out = std::io::stdout().lock();
    for (what, key) in [
        ("development key", &args.key),
        ("held-out key", &args.heldout),
    ] {
        if !key.is_file() {
            writeln!(
                out,
                "== place names, {what}: skipped, {} not found ==\n",
                key.display()
            )?;
            continue;
        }
        let r = score_resolution(&read_resolution_key(&read(key)?));
        writeln!(out, "== place names, {what} ({}) ==\n{r}", key.display())?;
        for e in r.errors.iter().take(errors) {
            writeln!(out, "  {e}")?;
        }
        writeln!(out)?;
    }
    for (what, answers, articles) in [
        ("seed key", &args.locations, &args.seeds),
        ("development key", &args.dev_locations, &args.dev_articles),
    ] {
        if !answers.is_file() || !articles.is_dir() {
            writeln!(
                out,
                "== event locations, {what}: skipped, {} not found ==\n",
                answers.display()
            )?;
            continue;
        }
        let key: LocationKey = serde_json::from_str(&read(answers)?)
            .map_err(|e| anyhow::anyhow!("{}: {e}", answers.display()))?;
        let corpus = crate::corpus::load_paths(
            std::slice::from_ref(articles),
            &|_, _| {},
            &std::sync::atomic::AtomicBool::new(false),
        );
        let l = score_locations(&key, &corpus.analyses);
        writeln!(
            out,
            "== event locations, {what} ({}) ==\n{l}",
            answers.display()
        )?;
        for e in l.errors.iter().take(errors) {
            writeln!(out, "  {e}")?;
        }
        writeln!(out)?;
    }
    Ok(EXIT_OK)
}

/// Parses the command line, runs it, and returns the exit code.
pub fn main() -> ExitCode {
    let args = Args::parse();
    // each article's analysis contains its own panics; one that escapes the
    // rest of a command (merging, writing) ends it with a message and exit
    // code 2 instead of Rust's 101
    let result = std::panic::catch_unwind(|| match args.command {
        Some(Command::Extract(a)) => {
            remove_temp_files_on_signals();
            extract::run(&a)
        }
        Some(Command::EvalTimeml(a)) => eval(&a),
        Some(Command::EvalSyntax(a)) => eval_syntax(&a),
        Some(Command::EvalEvents(a)) => eval_events::run(&a),
        Some(Command::EvalPlaces(a)) => eval_places(&a),
        None => crate::gui::run(args.paths).map(|()| EXIT_OK),
    })
    .unwrap_or_else(|p| {
        Err(anyhow::anyhow!(
            "internal error: {}",
            crate::corpus::panic_message(p.as_ref())
        ))
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("tension-timeline: {e:#}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// On SIGINT or SIGTERM, removes the temporary output files being written
/// and exits with 130 or 143 (128 + the signal), so an interrupted `extract`
/// leaves no partial `.tension-timeline-XXXXXX.tmp` file behind.
#[cfg(unix)]
fn remove_temp_files_on_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    match signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) {
        Ok(mut signals) => {
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    crate::export::remove_temp_files_and_exit(128 + sig);
                }
            });
        }
        Err(e) => eprintln!(
            "tension-timeline: cannot watch for interruptions ({e}); an interrupted run may leave a temporary file"
        ),
    }
}

#[cfg(not(unix))]
fn remove_temp_files_on_signals() {}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn eval(args: &EvalArgs) -> anyhow::Result<u8> {
    use anyhow::Context;
    use std::io::Write;
    // written with `?`, so a reader that goes away (`| head`) ends the run
    // quietly as a broken pipe instead of a panic in `println!`
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut total = crate::eval::Scores::default();
    for dir in &args.dirs {
        let ev = crate::eval::evaluate_dir_full(dir)
            .with_context(|| format!("evaluating {}", dir.display()))?;
        writeln!(out, "== {} ==\n{}", dir.display(), ev.scores)?;
        if args.errors {
            for e in &ev.errors {
                writeln!(out, "{e}")?;
            }
        }
        total.add(&ev.scores);
    }
    if args.dirs.len() > 1 {
        writeln!(out, "== all ==\n{total}")?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn eval_syntax(args: &EvalSyntaxArgs) -> anyhow::Result<u8> {
    use crate::eval::syntax::{SyntaxScores, analyze_gold, confusions, score};
    use crate::nlp::syntax;
    use anyhow::Context;
    use std::io::Write;
    let owned;
    let model = match &args.model {
        Some(p) => {
            owned = syntax::load_file(p)?;
            &owned
        }
        None => syntax::default_model()?,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut total = SyntaxScores::default();
    for file in &args.files {
        let bytes = crate::ingest::read_regular_file(file)?;
        let text =
            String::from_utf8(bytes).with_context(|| format!("{}: not UTF-8", file.display()))?;
        let gold =
            syntax::conllu::parse(&text).with_context(|| format!("reading {}", file.display()))?;
        let start = std::time::Instant::now();
        let sys = analyze_gold(model, &gold);
        let secs = start.elapsed().as_secs_f64();
        let s = score(&gold, &sys);
        writeln!(
            out,
            "== {} ==\n{s}\n({:.0} words per second)",
            file.display(),
            s.words as f64 / secs.max(1e-9)
        )?;
        if let Some(n) = args.errors {
            for (what, g, p, count) in confusions(&gold, &sys, n) {
                writeln!(out, "{what}\t{count}\t{g}\t{p}")?;
            }
        }
        total.add(&s);
    }
    if args.files.len() > 1 {
        writeln!(out, "== all ==\n{total}")?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}
