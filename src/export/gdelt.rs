//! A GDELT-style tab-separated table: one row per merged event, with its
//! date, actor codes, CAMEO code, Goldstein value and source file, so the
//! output can be joined with GDELT or ICEWS-style event data.

use crate::corpus::Corpus;

/// The header row.
pub const HEADER: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "DatePrecision",
    "Actor1Code",
    "Actor2Code",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumArticles",
    "PloverType",
    "PloverScore",
    "Modality",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "SOURCEURL",
];

/// The columns of [`HEADER`] that hold numbers we compute (SQLDATE,
/// QuadClass, GoldsteinScale, NumMentions, NumArticles, PloverScore,
/// ActionGeo_Type, ActionGeo_Lat, ActionGeo_Long): written as they are,
/// while every other cell goes through [`crate::export::spreadsheet_safe`].
const NUMERIC_COLUMNS: [usize; 9] = [1, 7, 8, 9, 10, 12, 14, 18, 19];

/// GDELT's geographic resolution of a location: 1 country, 2 US state,
/// 3 US city, 4 world city, 5 world state (first-level region or area).
fn geo_type(l: &crate::extract::Location) -> u32 {
    use crate::extract::LocationPrecision;
    match (l.precision, l.country == "US") {
        (LocationPrecision::Country, _) => 1,
        (LocationPrecision::Region, true) => 2,
        (LocationPrecision::City, true) => 3,
        (LocationPrecision::City, false) => 4,
        (LocationPrecision::Region, false) => 5,
    }
}

/// CAMEO quad class of a root code: 1 verbal cooperation, 2 material
/// cooperation, 3 verbal conflict, 4 material conflict.
fn quad_class(root: u32) -> u32 {
    match root {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 | 16 => 3,
        _ => 4,
    }
}

/// The TSV text for the merged events of a corpus. Text cells that would
/// start a spreadsheet formula (`=`, `+`, `-`, `@`) begin with `'`; tabs,
/// newlines and carriage returns inside cells become spaces.
pub fn to_gdelt_tsv(corpus: &Corpus) -> String {
    let paths: std::collections::HashMap<&str, &str> = corpus
        .analyses
        .iter()
        .map(|a| (a.article.id.as_str(), a.article.path.as_str()))
        .collect();
    let mut out = HEADER.join("\t");
    out.push('\n');
    for c in &corpus.clusters {
        let (day, precision) = match (&c.date.start, &c.date.end) {
            (Some(s), Some(e)) => (s.replace('-', ""), if s == e { "day" } else { "period" }),
            _ => (String::new(), "unknown"),
        };
        let cameo = c.cameo.clone().unwrap_or_default();
        let root: u32 = cameo.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
        let source = c
            .mentions
            .first()
            .map_or("", |m| paths.get(m.article.as_str()).copied().unwrap_or(""));
        let row = [
            c.id.clone(),
            day,
            precision.to_string(),
            c.source.first().cloned().unwrap_or_default(),
            c.target.first().cloned().unwrap_or_default(),
            cameo.clone(),
            if root > 0 {
                format!("{root:02}")
            } else {
                String::new()
            },
            if root > 0 {
                quad_class(root).to_string()
            } else {
                String::new()
            },
            c.goldstein.map(|g| g.to_string()).unwrap_or_default(),
            c.mentions.len().to_string(),
            c.articles.to_string(),
            c.event_type.name().to_string(),
            c.score.to_string(),
            c.modality.name().to_string(),
        ];
        // the country code is ISO 3166 alpha-2 (GDELT 2 writes FIPS codes)
        let l = c.location.as_ref();
        let geo = [
            l.map(|l| geo_type(l).to_string()),
            l.map(|l| l.name.clone()),
            l.map(|l| l.country.clone()),
            l.map(|l| {
                if l.admin1.is_empty() {
                    l.country.clone()
                } else {
                    format!("{}{}", l.country, l.admin1)
                }
            }),
            l.map(|l| format!("{:.4}", l.lat)),
            l.map(|l| format!("{:.4}", l.lon)),
        ]
        .map(Option::unwrap_or_default);
        let row: Vec<String> = row
            .into_iter()
            .chain(geo)
            .chain(std::iter::once(source.to_string()))
            .collect();
        // text cells cannot start a formula; the numbers we write ourselves
        // (Goldstein value, PLOVER score, counts) stay numbers
        let clean: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let f = f.replace(['\t', '\n', '\r'], " ");
                if NUMERIC_COLUMNS.contains(&i) {
                    f
                } else {
                    crate::export::spreadsheet_safe(&f).into_owned()
                }
            })
            .collect();
        out.push_str(&clean.join("\t"));
        out.push('\n');
    }
    out
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
                "SQLDATE",
                "QuadClass",
                "GoldsteinScale",
                "NumMentions",
                "NumArticles",
                "PloverScore",
                "ActionGeo_Type",
                "ActionGeo_Lat",
                "ActionGeo_Long"
            ]
        );
    }
}
