//! `tension-timeline extract`: read, analyse, write.

use super::{EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL, ExtractArgs, OutputFormat, ProgressMode};
use crate::corpus::corrections;
use crate::corpus::project::{ArticleFile, Project, ProjectError, content_hash, normalize};
use crate::corpus::{self, Corpus, load_paths_with};
use crate::export::{self, AtomicFile, json};
use crate::ingest::jsonl_stream::JsonlStream;
use crate::ingest::{self, IngestError, Source, WalkOptions};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::{BufRead, Read, Write};
use std::path::Path;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// Lines analysed together when streaming JSONL from standard input.
const STREAM_BATCH: usize = 64;

/// Runs `extract` and returns the exit code.
pub fn run(args: &ExtractArgs) -> anyhow::Result<u8> {
    let stdin_only = args.paths.len() == 1 && args.paths[0].as_os_str() == "-";
    if stdin_only && args.format == OutputFormat::Jsonl {
        return stream_stdin_jsonl(args);
    }
    check_out(args)?;
    let (mut project, created) = open_project(args)?;
    let mut files: Vec<_> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let remembered = match &project {
        Some(p) => p.article_files()?,
        None => Vec::new(),
    };
    let mut refused = Vec::new();
    if args.paths.is_empty()
        && let Some(p) = &project
    {
        files = project_files(p, &remembered, args.allow_outside_project, &mut refused);
    }
    let started = std::time::Instant::now();
    let bar = progress_bar(args.progress);
    let mut corpus = load_paths_with(
        &files,
        &WalkOptions {
            follow_links: args.follow,
        },
        &|done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
        &AtomicBool::new(false),
    );
    bar.finish_and_clear();
    if files.len() < args.paths.len() {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        let read = corpus::contain(
            || ("-".to_string(), "-".to_string()),
            || ingest::read_bytes(&Source::new("-"), &bytes),
        )
        .unwrap_or_else(|e| vec![Err(e)]);
        let (ok, errs): (Vec<_>, Vec<_>) = read.into_iter().partition(Result::is_ok);
        let (ok, failed): (Vec<_>, Vec<_>) = ok
            .into_iter()
            .flatten()
            .map(corpus::analyze_contained)
            .partition(Result::is_ok);
        corpus.extend_unique(ok.into_iter().flatten().collect());
        corpus
            .errors
            .extend(errs.into_iter().filter_map(Result::err));
        corpus
            .errors
            .extend(failed.into_iter().filter_map(Result::err));
        corpus.link();
    }
    corpus.errors.splice(0..0, refused);
    if created && let Some(p) = &mut project {
        p.save_articles(&corpus)?;
        eprintln!(
            "tension-timeline: {}: project created with {} article(s)",
            p.path().display(),
            corpus.analyses.len()
        );
    }
    if let Some(p) = &project {
        // paths as given (maybe relative) against the project's, resolved
        let loaded: std::collections::HashMap<PathBuf, &str> = corpus
            .analyses
            .iter()
            .map(|x| {
                (
                    normalize(Path::new(&x.article.path)),
                    x.article.text.as_str(),
                )
            })
            .collect();
        for f in &remembered {
            let path = f.path.to_string_lossy();
            if f.outside && !args.allow_outside_project && args.paths.is_empty() {
                continue; // refused above, with its error
            }
            match loaded.get(&f.path) {
                None => eprintln!(
                    "tension-timeline: {path}: in the project but not loaded (moved or missing); its corrections are not applied"
                ),
                Some(text) if content_hash(text) != f.article.content_hash => eprintln!(
                    "tension-timeline: {path}: changed since it was added to the project; corrections keyed to its old text may not apply"
                ),
                Some(_) => {}
            }
        }
        let journal = p.journal()?;
        let applied = corrections::apply(&mut corpus, &journal);
        eprintln!(
            "tension-timeline: {}: {applied} correction(s) applied from {} journal entries",
            p.path().display(),
            journal.len()
        );
    }
    for e in &corpus.errors {
        eprintln!("tension-timeline: {e}");
    }
    for d in &corpus.duplicates {
        eprintln!("tension-timeline: {d}");
    }
    let code = exit_code(corpus.analyses.len(), corpus.errors.len());
    let stats = args.stats.then(|| {
        format!(
            "{} article(s), {} event mention(s), {} merged event(s), {} duplicate(s), {} failed; {}",
            corpus.analyses.len(),
            corpus.event_count(),
            corpus.clusters.len(),
            corpus.duplicates.len(),
            corpus.errors.len(),
            corpus.timings
        )
    });
    let written = std::time::Instant::now();
    write_output(args, corpus)?;
    if let Some(stats) = stats {
        eprintln!(
            "tension-timeline: {stats}, output {:.2} s; {:.2} s in all",
            written.elapsed().as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(code)
}

/// Refuses an `--out` that is a device, FIFO or symbolic link before any
/// work is done (the writing checks again): it is never replaced.
fn check_out(args: &ExtractArgs) -> anyhow::Result<()> {
    if let Some(out) = &args.out {
        let timeml_dir = args.format == OutputFormat::Timeml && out.is_dir();
        if !timeml_dir {
            export::check_replaceable(out).with_context(|| format!("writing {}", out.display()))?;
        }
    }
    Ok(())
}

/// The `--project` file: opened read-only, or created (when asked to and
/// it does not exist; the second value is then true). A missing file is an
/// error naming it.
fn open_project(args: &ExtractArgs) -> anyhow::Result<(Option<Project>, bool)> {
    let Some(path) = &args.project else {
        return Ok((None, false));
    };
    if args.create_project && !path.exists() {
        return Ok((Some(Project::create(path)?), true));
    }
    match Project::open_read_only(path) {
        Ok(p) => Ok((Some(p), false)),
        Err(e @ ProjectError::NotFound { .. }) => {
            anyhow::bail!("{e} (--create-project creates it)")
        }
        Err(e) => Err(e.into()),
    }
}

/// The files of the project's own articles, named on standard error before
/// they are read; those outside the project's folder are refused (each with
/// an error in `refused`) unless `allow_outside`.
fn project_files(
    project: &Project,
    files: &[ArticleFile],
    allow_outside: bool,
    refused: &mut Vec<IngestError>,
) -> Vec<PathBuf> {
    let outside = files.iter().filter(|f| f.outside).count();
    eprintln!(
        "tension-timeline: {}: reads {} file(s){}:",
        project.path().display(),
        files.len(),
        if outside > 0 {
            format!(", {outside} outside its folder")
        } else {
            String::new()
        }
    );
    let mut read = Vec::new();
    for f in files {
        let mark = if f.outside {
            "  (outside the project's folder)"
        } else {
            ""
        };
        eprintln!("  {}{mark}", f.path.display());
        if f.outside && !allow_outside {
            refused.push(IngestError::Io {
                path: f.path.display().to_string(),
                source: std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "outside the project's folder; not read without --allow-outside-project",
                ),
            });
        } else {
            read.push(f.path.clone());
        }
    }
    read
}

fn exit_code(ok: usize, failed: usize) -> u8 {
    match (ok, failed) {
        (_, 0) => EXIT_OK,
        (0, _) => EXIT_FAILURE,
        _ => EXIT_PARTIAL,
    }
}

fn progress_bar(mode: ProgressMode) -> ProgressBar {
    let target = match mode {
        ProgressMode::Auto => ProgressDrawTarget::stderr(),
        ProgressMode::Never => ProgressDrawTarget::hidden(),
    };
    let bar = ProgressBar::with_draw_target(Some(0), target);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed} (eta {eta})")
            .expect("valid template"),
    );
    bar
}

fn write_output(args: &ExtractArgs, corpus: Corpus) -> anyhow::Result<()> {
    if args.format == OutputFormat::Timeml
        && let Some(dir) = args.out.as_deref()
        && (dir.is_dir() || corpus.analyses.len() > 1)
    {
        return write_timeml_dir(dir, &corpus);
    }
    let text = match args.format {
        OutputFormat::Png => {
            // the app's own timeline panel, drawn without a window (the
            // corrections, if any, are applied and rejected events dropped)
            let image = crate::gui::offscreen::render_timeline(corpus);
            let png = crate::gui::png_export::encode(&image).context("encoding the PNG")?;
            return emit(args, &png);
        }
        // JSON and JSONL are written as they are made, not built whole
        // in memory first: a page dense with events gives hundreds of
        // megabytes of JSON
        OutputFormat::Json => {
            return emit_with(args, |w| {
                serde_json::to_writer_pretty(&mut *w, &json::document(&corpus))?;
                Ok(w.write_all(b"\n")?)
            });
        }
        OutputFormat::Jsonl => {
            return emit_with(args, |w| {
                for a in &corpus.analyses {
                    w.write_all(json::to_json_line(a).as_bytes())?;
                    w.write_all(b"\n")?;
                }
                for e in &corpus.errors {
                    w.write_all(json::error_line(e).as_bytes())?;
                    w.write_all(b"\n")?;
                }
                Ok(())
            });
        }
        OutputFormat::Conllu => {
            let model = crate::nlp::syntax::default_model()?;
            export::conllu::to_conllu(&corpus, model)
        }
        OutputFormat::Csv => export::csv::to_csv(&corpus),
        OutputFormat::Gdelt => export::gdelt::to_gdelt_tsv(&corpus),
        OutputFormat::Svg => export::svg::to_svg(&corpus, "tension-timeline"),
        OutputFormat::Geojson => export::geojson::to_geojson(&corpus),
        OutputFormat::Timeml => corpus
            .analyses
            .iter()
            .map(export::timeml::to_timeml)
            .collect::<Vec<_>>()
            .join("\n"),
    };
    emit(args, text.as_bytes())
}

/// Writes the output to `--out` (atomically) or to standard output.
fn emit(args: &ExtractArgs, bytes: &[u8]) -> anyhow::Result<()> {
    emit_with(args, |w| Ok(w.write_all(bytes)?))
}

/// Writes what `write` makes to `--out` (a file beside it, renamed over it
/// when complete; on an error it is removed and the target stays as it
/// was) or to standard output, through a buffer, and returns its result.
fn emit_with<T>(
    args: &ExtractArgs,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    match &args.out {
        Some(path) => {
            let writing = || format!("writing {}", path.display());
            let file = AtomicFile::create(path).with_context(writing)?;
            let mut sink = std::io::BufWriter::new(file);
            let made = write(&mut sink).with_context(writing)?;
            let file = sink
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)
                .with_context(writing)?;
            file.commit().with_context(writing)?;
            Ok(made)
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let made = write(&mut out)?;
            out.flush()?;
            Ok(made)
        }
    }
}

fn write_timeml_dir(dir: &Path, corpus: &Corpus) -> anyhow::Result<()> {
    export::timeml::write_dir(dir, corpus)
        .map(|_| ())
        .with_context(|| format!("writing TimeML into {}", dir.display()))
}

/// Streams JSONL articles from standard input to JSONL results on standard
/// output, in input order, holding at most [`STREAM_BATCH`] lines at a time.
/// Every input line gives one output line: an article's result, or an error
/// record for a line that is blank, not UTF-8, not an article, or whose
/// analysis failed.
fn stream_stdin_jsonl(args: &ExtractArgs) -> anyhow::Result<u8> {
    let stdin = std::io::stdin().lock();
    let (ok, failed) = emit_with(args, |sink| stream_jsonl(stdin, sink))?;
    Ok(exit_code(ok, failed))
}

/// The streaming loop of [`stream_stdin_jsonl`]: reads JSONL articles from
/// `input` and writes one result line per input line to `sink`; returns the
/// numbers of articles analysed and of lines that failed (each also reported
/// on standard error).
fn stream_jsonl(input: impl BufRead, sink: &mut dyn Write) -> anyhow::Result<(usize, usize)> {
    let (mut ok, mut failed) = (0usize, 0usize);
    let mut lines = JsonlStream::new(input, Source::new("-"));
    let mut batch = Vec::with_capacity(STREAM_BATCH);
    loop {
        batch.clear();
        for item in lines.by_ref() {
            batch.push(item.context("reading standard input")?);
            if batch.len() == STREAM_BATCH {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let results: Vec<Result<String, IngestError>> = std::mem::take(&mut batch)
            .into_par_iter()
            .map(|(n, article)| {
                article
                    .and_then(|a| corpus::analyze_contained_as(a, format!("-: line {n}")))
                    .map(|a| json::to_json_line(&a))
            })
            .collect();
        for r in results {
            match r {
                Ok(line) => {
                    ok += 1;
                    writeln!(sink, "{line}")?;
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("tension-timeline: {e}");
                    writeln!(sink, "{}", json::error_line(&e))?;
                }
            }
        }
        sink.flush()?;
    }
    Ok((ok, failed))
}
