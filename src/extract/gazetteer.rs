//! The gazetteer: countries, first-level regions, well-known areas and
//! waters, and every city of 15,000 people or more (GeoNames, CC BY 4.0),
//! from `assets/places.tsv` (built by `tools/build_gazetteer.py`), compiled
//! in and indexed once by lower-case name.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::sync::LazyLock;

/// What sort of place an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A sovereign state or territory.
    Country,
    /// A first-level division (a US state, an oblast, a province).
    Admin1,
    /// An area that is not an administrative unit: a sea, a strait, a
    /// region ("Donbas", "the Gaza Strip").
    Feature,
    /// A city or town.
    City,
}

impl PlaceKind {
    fn parse(s: &str) -> Option<PlaceKind> {
        Some(match s {
            "country" => PlaceKind::Country,
            "admin1" => PlaceKind::Admin1,
            "feature" => PlaceKind::Feature,
            "city" => PlaceKind::City,
            _ => return None,
        })
    }
}

/// One entry of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// GeoNames id, `us-xx` for a US state, `x-slug` for a hand-listed area.
    pub id: String,
    /// Its kind.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code; empty for international waters and areas
    /// of several countries.
    pub country: String,
    /// First-level division code (cities, regions); may be empty.
    pub admin1: String,
    /// Latitude in degrees.
    pub lat: f32,
    /// Longitude in degrees.
    pub lon: f32,
    /// Inhabitants (0 when unknown).
    pub population: u32,
    /// The common English name.
    pub name: String,
}

/// The form names are looked up by: lower case, without periods and
/// commas ("U.S." is "us", "Washington, D.C." is "washington dc"), curly
/// apostrophes straight, one space between words.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    if name.is_ascii() {
        // most names: no allocation per character
        for word in name.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(
                word.bytes()
                    .filter(|&b| b != b'.' && b != b',')
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        }
        return out;
    }
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '.' | ',' => {}
                '’' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// The gazetteer and its name index.
pub struct Gazetteer {
    /// Every place, in the file's order.
    pub places: Vec<Place>,
    /// Places by lower-case name or alternate name.
    by_name: HashMap<String, Vec<u32>>,
    /// Places by id.
    by_id: HashMap<String, u32>,
    /// The country entry of each ISO alpha-2 code.
    country_of: HashMap<String, u32>,
    /// ISO 3166 alpha-2 codes by alpha-3 code (actor codes name states by
    /// alpha-3).
    iso2_of: HashMap<String, String>,
    /// Alpha-3 codes by alpha-2 code (the same table, the other way).
    iso3_of: HashMap<String, String>,
    /// The longest name, in words.
    pub longest_name: usize,
}

/// A line of the gazetteer that does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("places.tsv line {line}: {reason}")]
pub struct GazetteerError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl Gazetteer {
    /// Reads a gazetteer in the `places.tsv` format.
    pub fn parse(text: &str) -> Result<Gazetteer, GazetteerError> {
        let mut places = Vec::new();
        let mut by_name: HashMap<String, Vec<u32>> = HashMap::default();
        let mut by_id = HashMap::default();
        let mut country_of = HashMap::default();
        let mut longest_name = 1;
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fail = |reason: &str| GazetteerError {
                line: n + 1,
                reason: reason.to_string(),
            };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 8 {
                return Err(fail("fewer than 8 columns"));
            }
            let kind = PlaceKind::parse(cols[1]).ok_or_else(|| fail("unknown kind"))?;
            let lat: f32 = cols[4].parse().map_err(|_| fail("latitude"))?;
            let lon: f32 = cols[5].parse().map_err(|_| fail("longitude"))?;
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(fail("coordinates out of range"));
            }
            let index = places.len() as u32;
            let names = std::iter::once(cols[7]).chain(
                cols.get(8)
                    .into_iter()
                    .flat_map(|a| a.split('|'))
                    .filter(|a| !a.is_empty()),
            );
            for name in names {
                longest_name = longest_name.max(name.split_whitespace().count());
                let key = normalise(name);
                if key.is_empty() {
                    continue;
                }
                let ids = by_name.entry(key).or_default();
                if !ids.contains(&index) {
                    ids.push(index);
                }
            }
            by_id.insert(cols[0].to_string(), index);
            if kind == PlaceKind::Country {
                country_of.insert(cols[2].to_string(), index);
            }
            places.push(Place {
                id: cols[0].to_string(),
                kind,
                country: cols[2].to_string(),
                admin1: cols[3].to_string(),
                lat,
                lon,
                population: cols[6].parse().unwrap_or(0),
                name: cols[7].to_string(),
            });
        }
        Ok(Gazetteer {
            places,
            by_name,
            by_id,
            country_of,
            iso2_of: HashMap::default(),
            iso3_of: HashMap::default(),
            longest_name,
        })
    }

    /// Adds the table of ISO alpha-2 and alpha-3 codes (`country_codes.tsv`:
    /// alpha-2, alpha-3, name).
    pub fn with_country_codes(mut self, table: &str) -> Gazetteer {
        self.iso2_of = table
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let (iso2, iso3) = (cols.next()?, cols.next()?);
                Some((iso3.to_string(), iso2.to_string()))
            })
            .collect();
        self.iso3_of = self
            .iso2_of
            .iter()
            .map(|(three, two)| (two.clone(), three.clone()))
            .collect();
        self
    }

    /// The alpha-3 code of a state's alpha-2 code ("RU" → "RUS").
    pub fn iso3(&self, iso2: &str) -> Option<&str> {
        self.iso3_of.get(iso2).map(String::as_str)
    }

    /// The alpha-2 code of a state's alpha-3 code ("RUS" → "RU").
    pub fn iso2(&self, iso3: &str) -> Option<&str> {
        self.iso2_of.get(iso3).map(String::as_str)
    }

    /// The places with this name (any case).
    pub fn named(&self, name: &str) -> impl Iterator<Item = &Place> {
        self.by_name
            .get(&normalise(name))
            .into_iter()
            .flatten()
            .map(|&i| &self.places[i as usize])
    }

    /// Whether some place has this name (any case).
    pub fn knows(&self, name: &str) -> bool {
        self.by_name.contains_key(&normalise(name))
    }

    /// The places under an already normalised key.
    pub fn by_key(&self, key: &str) -> &[u32] {
        self.by_name.get(key).map_or(&[], Vec::as_slice)
    }

    /// The index of the place with this id.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// The place with this id.
    pub fn by_id(&self, id: &str) -> Option<&Place> {
        self.by_id.get(id).map(|&i| &self.places[i as usize])
    }

    /// The country entry of an ISO 3166-1 alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<&Place> {
        self.country_of.get(iso2).map(|&i| &self.places[i as usize])
    }
}

/// The gazetteer compiled into the program.
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::parse(include_str!("../../assets/places.tsv"))
        .expect("assets/places.tsv is checked by a test")
        .with_country_codes(include_str!("../../assets/country_codes.tsv"))
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_gazetteer_reads_and_holds_what_the_map_needs() {
        let g = Gazetteer::parse(include_str!("../../assets/places.tsv")).expect("it reads");
        assert!(g.places.len() > 30_000, "{}", g.places.len());
        let geneva: Vec<&Place> = g.named("Geneva").collect();
        assert!(
            geneva
                .iter()
                .any(|p| p.id == "2660646" && p.country == "CH")
        );
        let paris: Vec<&str> = g.named("paris").map(|p| p.country.as_str()).collect();
        assert!(paris.contains(&"FR") && paris.contains(&"US"), "{paris:?}");
        let georgia: Vec<PlaceKind> = g.named("Georgia").map(|p| p.kind).collect();
        assert!(georgia.contains(&PlaceKind::Country) && georgia.contains(&PlaceKind::Admin1));
        for area in ["Crimea", "Donbas", "Gaza Strip", "Black Sea"] {
            assert!(g.knows(area), "{area}");
        }
        assert_eq!(g.country("UA").map(|p| p.name.as_str()), Some("Ukraine"));
        assert_eq!(g.by_id("2660646").map(|p| p.name.as_str()), Some("Geneva"));
        assert!(g.knows("U.S.") && g.knows("St. Petersburg"));
        assert_eq!(GAZETTEER.iso2("RUS"), Some("RU"));
        assert_eq!(GAZETTEER.iso2("UKR"), Some("UA"));
        for p in &g.places {
            assert!((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon));
        }
    }

    #[test]
    fn bad_lines_are_refused_with_their_number() {
        let bad = "# comment\n1\tcity\tFR\t11\t95.0\t2.3\t10\tNowhere\t\n";
        let err = Gazetteer::parse(bad).err().expect("refused");
        assert_eq!(err.line, 2);
        assert!(err.reason.contains("out of range"));
        assert!(Gazetteer::parse("1\tvillage\tFR\t\t1\t1\t0\tX\n").is_err());
    }
}
