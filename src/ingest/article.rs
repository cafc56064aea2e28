//! The article: one text that every span points into, with its title,
//! publication date and the parts of the text that are not body.

use crate::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The form a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (the seed format, with an optional ` date YYYY-MM-DD ` header).
    Text,
    /// Markdown (read like plain text; `#` headings and front matter understood).
    Markdown,
    /// An HTML page.
    Html,
    /// A JSON object or array of objects.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A TimeML document (TempEval style).
    Timeml,
}

/// Where an article's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The ` date YYYY-MM-DD ` header line of a text file, or Markdown front matter.
    Header,
    /// An HTML `<meta>` tag, JSON-LD or `<time datetime>`.
    HtmlMeta,
    /// A JSON field (`date`, `published`, `publishedAt`...).
    JsonField,
    /// The TimeML document creation time (DCT).
    TimemlDct,
    /// A dateline or full date in the first paragraph.
    Dateline,
    /// Set by the user.
    User,
    /// Inferred from other articles or the text.
    Inferred,
    /// No date is known.
    Unknown,
}

/// What a marked region of the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionKind {
    /// A header that is not prose (` date 2021-12-07 `, front matter).
    Header,
    /// The title (analysed like body text).
    Title,
    /// Web debris: comment prompts, share lines (not analysed).
    Debris,
}

/// A marked part of an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// What it is.
    pub kind: RegionKind,
    /// Where it is.
    pub span: Span,
}

/// How an inferred publication date was arrived at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateInference {
    /// In words: which evidence gave the date.
    pub basis: String,
    /// From 0 (a guess) to 1 (certain).
    pub confidence: f64,
}

/// One news article, as read from a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// A stable identifier: the JSON `id` field where there is one, else the
    /// file name (with `#N` for the N-th record of a multi-article file).
    pub id: String,
    /// The path it was read from (`-` for standard input).
    pub path: String,
    /// The file name part of the path.
    pub file_name: String,
    /// The form it was read in.
    pub format: Format,
    /// The encoding it was decoded from.
    pub encoding: String,
    /// The headline.
    pub title: String,
    /// The publication date, if known.
    pub published: Option<NaiveDate>,
    /// Where the publication date came from.
    pub published_source: DateSource,
    /// For an inferred date: how it was inferred and how sure it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_inference: Option<DateInference>,
    /// Things the reader should know (no date found, debris removed...).
    pub warnings: Vec<String>,
    /// The text every span points into.
    pub text: String,
    /// Marked parts of the text (header, title, debris).
    pub regions: Vec<Region>,
}

impl Article {
    /// How the article is named to the user: its title, else its file name.
    pub fn display_title(&self) -> &str {
        if self.title.is_empty() {
            &self.file_name
        } else {
            &self.title
        }
    }

    /// The parts of the text to analyse: everything but headers and debris,
    /// as sorted, non-overlapping spans.
    pub fn body_spans(&self) -> Vec<Span> {
        let mut skip: Vec<Span> = self
            .regions
            .iter()
            .filter(|r| r.kind != RegionKind::Title)
            .map(|r| r.span)
            .collect();
        skip.sort_unstable();
        let mut out = Vec::new();
        let mut pos = 0;
        for (s, e) in skip {
            if s > pos {
                out.push((pos, s));
            }
            pos = pos.max(e);
        }
        if pos < self.text.len() {
            out.push((pos, self.text.len()));
        }
        out
    }

    /// Sets the publication date and its source (the user's or an inferred
    /// one), clearing the "no date" warning.
    pub fn set_published(&mut self, date: Option<NaiveDate>, source: DateSource) {
        self.published = date;
        self.published_source = if date.is_some() {
            source
        } else {
            DateSource::Unknown
        };
        self.published_inference = None;
        self.warnings.retain(|w| !w.starts_with(NO_DATE_WARNING));
        if date.is_none() {
            self.warnings.push(NO_DATE_WARNING.to_string());
        }
    }
}

/// The warning an article without a publication date carries.
pub const NO_DATE_WARNING: &str = "no publication date found";
