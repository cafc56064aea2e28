//! The events table's content: one row per visible event (a merged event or
//! a single mention, as the plot shows them), its columns, and the order the
//! user chose. Rows are worked out when the filters or the corpus change and
//! sorted when the order changes, never per frame: the panel draws only the
//! rows on screen, so 100,000 events cost what a screenful does.

use super::timeline_data::TimelineData;
use crate::corpus::Corpus;
use crate::extract::event::distinct_codes;
use crate::extract::{Modality, PloverType};
use std::cmp::Ordering;

/// A column of the table, each one sortable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    /// The event's date (undated events last).
    #[default]
    Date,
    /// The PLOVER type.
    Type,
    /// The conflict-cooperation score.
    Score,
    /// The source actors' codes.
    Source,
    /// The target actors' codes.
    Target,
    /// Asserted, negated, hypothetical...
    Modality,
    /// The article of the first mention.
    Article,
    /// How many articles report the event.
    Sources,
}

impl Column {
    /// Every column, in the order the table shows them.
    pub const ALL: [Column; 8] = [
        Column::Date,
        Column::Type,
        Column::Score,
        Column::Source,
        Column::Target,
        Column::Modality,
        Column::Sources,
        Column::Article,
    ];

    /// The column's heading.
    pub fn name(self) -> &'static str {
        match self {
            Column::Date => "Date",
            Column::Type => "Type",
            Column::Score => "Score",
            Column::Source => "Source",
            Column::Target => "Target",
            Column::Modality => "Modality",
            Column::Article => "Article",
            Column::Sources => "Sources",
        }
    }

    /// What the heading's tooltip says.
    pub fn help(self) -> &'static str {
        match self {
            Column::Date => {
                "The date the text gives the event (a month or a year when it says no more)"
            }
            Column::Type => "The PLOVER event type",
            Column::Score => "Conflict (negative) to cooperation (positive), from the PLOVER scale",
            Column::Source => "Who acted (actor codes)",
            Column::Target => "Who was acted upon (actor codes)",
            Column::Modality => {
                "Whether the text asserts the event, denies it, or speaks of it as possible"
            }
            Column::Article => "The article of the first mention",
            Column::Sources => "How many articles report the event",
        }
    }
}

/// One row: what the table shows of an event, and the mention it selects.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The mention (article index, event index) a click selects.
    pub event: (usize, usize),
    /// The merged event it belongs to, if any.
    pub cluster: Option<String>,
    /// The date as the text gives it ("2021-12-07", "2021-12", "undated").
    pub date: String,
    /// The type.
    pub event_type: PloverType,
    /// The score.
    pub score: f64,
    /// Source codes, comma-separated.
    pub source: String,
    /// Target codes, comma-separated.
    pub target: String,
    /// The modality.
    pub modality: Modality,
    /// The title of the mention's article.
    pub article: String,
    /// Number of articles reporting the event.
    pub sources: usize,
}

impl Row {
    /// The row of the mention `(ai, ei)`, described as the merged event
    /// when `merged` and it has one with other mentions.
    fn of(corpus: &Corpus, (ai, ei): (usize, usize), merged: bool) -> Option<Row> {
        let a = corpus.analyses.get(ai)?;
        let e = a.events.get(ei)?;
        let cluster = corpus.merged_of(e).filter(|_| merged);
        let row = match cluster {
            Some(c) => Row {
                event: (ai, ei),
                cluster: Some(c.id.clone()),
                date: c.date.value.clone().unwrap_or_else(|| "undated".into()),
                event_type: c.event_type,
                score: c.score,
                source: c.source.join(", "),
                target: c.target.join(", "),
                modality: c.modality,
                article: a.article.display_title().to_string(),
                sources: c.articles,
            },
            None => Row {
                event: (ai, ei),
                cluster: e.cluster.clone(),
                date: e.date.value.clone().unwrap_or_else(|| "undated".into()),
                event_type: e.event_type,
                score: e.score,
                source: distinct_codes(&e.source).join(", "),
                target: distinct_codes(&e.target).join(", "),
                modality: e.modality,
                article: a.article.display_title().to_string(),
                sources: 1,
            },
        };
        Some(row)
    }

    /// Whether selecting `event` (a mention of `cluster`) selects this row.
    pub fn stands_for(&self, event: (usize, usize), cluster: Option<&str>) -> bool {
        self.event == event || (cluster.is_some() && self.cluster.as_deref() == cluster)
    }

    /// Compares two rows by `column`; ties fall back to the date, then the
    /// article order, so every order is total and stable.
    fn compare(&self, other: &Row, column: Column) -> Ordering {
        let undated_last = |r: &Row| r.date == "undated";
        let by_date = || {
            undated_last(self)
                .cmp(&undated_last(other))
                .then_with(|| self.date.cmp(&other.date))
        };
        let first = match column {
            Column::Date => by_date(),
            Column::Type => self.event_type.name().cmp(other.event_type.name()),
            Column::Score => self.score.total_cmp(&other.score),
            Column::Source => empty_last(&self.source, &other.source),
            Column::Target => empty_last(&self.target, &other.target),
            Column::Modality => self.modality.name().cmp(other.modality.name()),
            Column::Article => self
                .article
                .to_lowercase()
                .cmp(&other.article.to_lowercase()),
            Column::Sources => self.sources.cmp(&other.sources),
        };
        first
            .then_with(by_date)
            .then_with(|| self.event.cmp(&other.event))
    }
}

/// Text order with empty cells last.
fn empty_last(a: &str, b: &str) -> Ordering {
    a.is_empty().cmp(&b.is_empty()).then_with(|| a.cmp(b))
}

/// The table's order and its rows, kept between frames.
#[derive(Debug, Clone, Default)]
pub struct EventsTableView {
    /// The column the rows are sorted by.
    pub sort: Column,
    /// Largest first.
    pub descending: bool,
    rows: Vec<Row>,
    /// The selection the table last scrolled to.
    followed: Option<(usize, usize)>,
    /// Whether `rows` is current (the visible events and the order
    /// unchanged since).
    current: bool,
}

impl EventsTableView {
    /// Has the rows worked out again at their next use (filters, corpus or
    /// corrections changed).
    pub fn invalidate(&mut self) {
        self.current = false;
    }

    /// Sorts by `column`; the same column again reverses the order.
    pub fn sort_by(&mut self, column: Column) {
        if self.sort == column {
            self.descending = !self.descending;
        } else {
            self.sort = column;
            // numbers read best largest first; words and dates ascending
            self.descending = matches!(column, Column::Sources);
        }
        self.current = false;
    }

    /// The rows of the events `timeline` shows, in the chosen order,
    /// worked out again only after [`EventsTableView::invalidate`] or a
    /// new order.
    pub fn rows(&mut self, corpus: &Corpus, timeline: &TimelineData) -> &[Row] {
        if !self.current {
            self.rows = timeline
                .listed
                .iter()
                .filter_map(|&ev| Row::of(corpus, ev, timeline.merged))
                .collect();
            let (column, descending) = (self.sort, self.descending);
            self.rows.sort_by(|a, b| {
                let o = a.compare(b, column);
                if descending { o.reverse() } else { o }
            });
            self.current = true;
        }
        &self.rows
    }

    /// Whether the selection moved since the table last scrolled to it
    /// (selected on the timeline or in the text); remembers it.
    pub fn selection_moved(&mut self, selection: Option<(usize, usize)>) -> bool {
        std::mem::replace(&mut self.followed, selection) != selection
    }

    /// The position of the row that selecting `event` selects.
    pub fn position(&self, event: (usize, usize), cluster: Option<&str>) -> Option<usize> {
        self.rows.iter().position(|r| r.stands_for(event, cluster))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::timeline_data::Filters;

    fn seeds() -> Corpus {
        let texts = [
            (
                "a.txt",
                " date 2022-02-24 War\n\nRussia attacked Ukraine on Thursday. On 10 March, Ukraine and Russia held talks in Antalya.",
            ),
            (
                "b.txt",
                " date 2021-12-08 Sanctions\n\nThe United States imposed sanctions on Russia on Tuesday.",
            ),
        ];
        let analyses = texts
            .iter()
            .map(|(name, text)| crate::extract::analyze_text(name, text))
            .collect();
        let mut corpus = Corpus {
            analyses,
            ..Default::default()
        };
        corpus.link();
        corpus
    }

    #[test]
    fn rows_follow_the_filters_and_sort_every_way() {
        let corpus = seeds();
        let timeline = TimelineData::build(&corpus, &Filters::default(), true);
        let mut view = EventsTableView::default();
        let rows = view.rows(&corpus, &timeline).to_vec();
        assert!(rows.len() >= 3, "{rows:?}");
        assert!(
            rows.windows(2).all(|w| w[0].date <= w[1].date),
            "date order"
        );
        assert_eq!(rows[0].date, "2021-12-07");
        assert_eq!(rows[0].event_type, PloverType::Sanction);
        assert_eq!(
            (rows[0].source.as_str(), rows[0].target.as_str()),
            ("USA", "RUS")
        );
        for column in Column::ALL {
            (view.sort, view.descending) = (column, false);
            view.invalidate();
            let asc = view.rows(&corpus, &timeline).to_vec();
            view.descending = true;
            view.invalidate();
            let mut desc = view.rows(&corpus, &timeline).to_vec();
            desc.reverse();
            // one order is the other reversed: every comparison is total
            assert_eq!(asc, desc, "{column:?}");
        }
        view.sort_by(Column::Type);
        assert_eq!((view.sort, view.descending), (Column::Type, false));
        view.sort_by(Column::Sources);
        assert_eq!((view.sort, view.descending), (Column::Sources, true));
        view.sort_by(Column::Sources);
        assert!(!view.descending, "the same heading again reverses");
        view.sort = Column::Score;
        view.descending = false;
        view.invalidate();
        let by_score = view.rows(&corpus, &timeline);
        assert!(by_score.windows(2).all(|w| w[0].score <= w[1].score));
        assert_eq!(by_score[0].event_type, PloverType::Assault);

        let only_sanctions = Filters {
            actor: "USA".into(),
            ..Default::default()
        };
        let timeline = TimelineData::build(&corpus, &only_sanctions, true);
        view.invalidate();
        let rows = view.rows(&corpus, &timeline);
        assert!(!rows.is_empty());
        assert!(
            rows.iter()
                .all(|r| r.source.contains("USA") || r.target.contains("USA"))
        );
        let first = rows[0].event;
        assert_eq!(view.position(first, None), Some(0));
    }
}
