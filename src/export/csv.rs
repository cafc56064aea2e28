//! CSV output: one row per event mention, for spreadsheets and pandas.

use crate::corpus::Corpus;

/// The header row.
pub const HEADER: &[&str] = &[
    "id",
    "article",
    "date",
    "date_start",
    "date_end",
    "date_basis",
    "type",
    "mode",
    "score",
    "cameo",
    "goldstein",
    "source",
    "target",
    "modality",
    "trigger",
    "evidence",
    "span_start",
    "span_end",
    "rule",
    "cluster",
    "location",
    "location_id",
    "location_country",
    "location_admin1",
    "location_lat",
    "location_lon",
    "location_precision",
    "location_basis",
];

/// The columns of [`HEADER`] that hold numbers we compute (score,
/// goldstein, span_start, span_end, location_lat, location_lon): written as
/// they are, while every other cell goes through
/// [`crate::export::spreadsheet_safe`].
const NUMERIC_COLUMNS: [usize; 6] = [8, 10, 16, 17, 24, 25];

/// The CSV text for all events of a corpus. Text cells that would start a
/// spreadsheet formula (`=`, `+`, `-`, `@`, tab, carriage return) begin with
/// `'`.
pub fn to_csv(corpus: &Corpus) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).expect("writing to memory");
    for e in corpus.analyses.iter().flat_map(|a| &a.events) {
        let codes =
            |v: &[crate::extract::ActorMention]| crate::extract::event::distinct_codes(v).join(";");
        let row = [
            e.id.clone(),
            e.article.clone(),
            e.date.value.clone().unwrap_or_default(),
            e.date.start.clone().unwrap_or_default(),
            e.date.end.clone().unwrap_or_default(),
            format!("{:?}", e.date.basis).to_lowercase(),
            e.event_type.name().to_string(),
            e.mode.clone(),
            e.score.to_string(),
            e.cameo.clone().unwrap_or_default(),
            e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
            codes(&e.source),
            codes(&e.target),
            e.modality.name().to_string(),
            e.trigger.text.clone(),
            e.evidence.clone(),
            e.span.0.to_string(),
            e.span.1.to_string(),
            e.rule.clone(),
            e.cluster.clone().unwrap_or_default(),
        ];
        let l = e.location.as_ref();
        let place = [
            l.map(|l| l.name.clone()),
            l.map(|l| l.id.clone()),
            l.map(|l| l.country.clone()),
            l.map(|l| l.admin1.clone()),
            l.map(|l| format!("{:.4}", l.lat)),
            l.map(|l| format!("{:.4}", l.lon)),
            l.map(|l| l.precision.name().to_string()),
            l.map(|l| l.basis.name().to_string()),
        ]
        .map(Option::unwrap_or_default);
        let row: Vec<String> = row.into_iter().chain(place).collect();
        // text cells cannot start a formula; the numbers we write ourselves
        // (score, goldstein, spans) stay numbers
        let row = row.iter().enumerate().map(|(i, cell)| {
            if NUMERIC_COLUMNS.contains(&i) {
                std::borrow::Cow::Borrowed(cell.as_str())
            } else {
                crate::export::spreadsheet_safe(cell)
            }
        });
        w.write_record(row.map(|c| c.into_owned()))
            .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flushing memory")).expect("CSV of UTF-8 is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_columns_are_the_numbers() {
        let names: Vec<&str> = NUMERIC_COLUMNS.iter().map(|&i| HEADER[i]).collect();
        assert_eq!(
            names,
            [
                "score",
                "goldstein",
                "span_start",
                "span_end",
                "location_lat",
                "location_lon"
            ]
        );
    }
}
