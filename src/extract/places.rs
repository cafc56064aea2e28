//! Places: the place names of an article linked to the gazetteer, and each
//! event's location.
//!
//! A place name is the longest run of capitalised words the gazetteer
//! knows, unless the words around it show another kind of name ("Michael
//! Jordan", "the Paris Agreement"), or it is a city whose name is also a
//! common English word ("Reading", "Split", "Police") with nothing to show
//! it is a place: a locative word before it ("in Reading"), a region or
//! country after it ("Reading, England"), a place noun ("the Split
//! region"), or the dateline. Among the places of one name the choice goes
//! to the one the article's context supports (its other places, the states
//! of its actors, a qualifier such as "Paris, Texas"), then to the larger
//! kind (a country before a city), then to the more populous.
//!
//! An event is put where the dependency tree says, where its clause was
//! parsed (a phrase attached to its trigger with a locative preposition),
//! else where its own words say ("talks in Geneva", "near the
//! border with Turkey"), else at a place of its sentence that is not one of
//! its actors ("Moscow said" names an actor, not a place), else at the
//! dateline's place, else in the territory of the state an attack targets
//! or of the state a coercion is done by.

use super::PloverType;
use super::event::{Event, Location, LocationBasis, LocationPrecision};
use super::gazetteer::{GAZETTEER, Gazetteer, Place, PlaceKind, normalise};
use super::lexicon::{LEXICON, Lexicon};
use crate::Span;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::LazyLock;

/// A place named in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceMention {
    /// The words in the text.
    pub span: Span,
    /// The gazetteer id of the place chosen.
    pub id: String,
    /// Its name in the gazetteer.
    pub name: String,
    /// Its country (ISO 3166-1 alpha-2).
    pub country: String,
    /// Its kind.
    pub kind: PlaceKind,
    /// Whether a locative word puts something there ("in", "near the
    /// border with").
    pub locative: bool,
    /// Whether it is the article's dateline.
    pub dateline: bool,
    /// The noun it describes, when it stands right before one without a
    /// locative word ("U.S. embassies", "the Yalta accord", "the Geneva
    /// talks"): the place is where that noun is, not where the sentence's
    /// other events are.
    pub modifies: Option<Span>,
    /// Whether a verb follows it as its subject without a locative word
    /// before it ("Baghdad has eliminated", "Moscow says"): a government
    /// acting, not a place.
    pub acts: bool,
}

/// The word lists of `assets/places.toml`.
#[derive(Debug, Deserialize)]
struct Words {
    locative: HashSet<String>,
    locative_links: HashSet<String>,
    may_follow: HashSet<String>,
    may_precede: HashSet<String>,
    place_nouns: HashSet<String>,
    hyphen_suffixes: HashSet<String>,
    given_names: HashSet<String>,
    /// AP abbreviations of US states, read after a city and a comma.
    us_state_abbreviations: Vec<(String, String)>,
    /// Continents and world regions: not a city's name.
    not_city_names: HashSet<String>,
    /// Datelines that are no place's name → the gazetteer id of where they
    /// are filed from ("United Nations" → New York City).
    dateline_aliases: std::collections::HashMap<String, String>,
    /// Lower-case words that may open a region's name in uncapitalised
    /// text ("north Carolina").
    lowercase_name_heads: HashSet<String>,
    /// Seats of government → the gazetteer id of their city; places only
    /// after one of `seat_locatives`.
    seats: std::collections::HashMap<String, String>,
    /// The locative words that put something in a seat of government.
    seat_locatives: HashSet<String>,
    /// PLOVER modes of COERCE that a state does on its own ground.
    own_ground_modes: HashSet<String>,
    /// Two-word phrases ending in a locative word that put nothing at a
    /// place ("according to").
    non_locative_phrases: HashSet<String>,
}

fn parse_words(text: &str) -> Result<Words, toml::de::Error> {
    toml::from_str(text)
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    parse_words(include_str!("../../assets/places.toml"))
        .expect("assets/places.toml is checked by a test")
});

/// Words: initials with periods ("U.S."), or letters with inner
/// apostrophes and hyphens.
static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}][\p{L}\p{M}'’\-]*").expect("a valid pattern")
});

/// One word of a sentence.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    span: Span,
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

use crate::nlp::syntax::treebank_upos;

/// Whether a lower-case word is an ordinary English word: the treebank has
/// it with a tag other than proper noun.
fn common_word(lower: &str) -> bool {
    treebank_upos(lower).iter().any(|&u| u != "PROPN")
}

/// Whether a lower-case word is only ever a noun in the treebank: after a
/// place name it makes the name a modifier ("U.S. embassies", "Kenyan
/// capital"), not the place of what the sentence tells.
fn only_noun(lower: &str) -> bool {
    let only = |w: &str| {
        let upos = treebank_upos(w);
        !upos.is_empty() && upos.iter().all(|&u| u == "NOUN")
    };
    // a plural the treebank lacks is read by its singular ("embassies")
    only(lower) || singular(lower).is_some_and(|w| only(&w))
}

/// Whether a lower-case word can be a noun in the treebank (or its
/// singular can).
fn maybe_noun(lower: &str) -> bool {
    // a function word is never the noun a place describes ("in", "and",
    // which the treebank also has as nouns once or twice)
    const FUNCTION: [&str; 9] = [
        "ADP", "AUX", "CCONJ", "SCONJ", "DET", "PRON", "PART", "NUM", "ADV",
    ];
    let noun = |w: &str| {
        let upos = treebank_upos(w);
        upos.contains(&"NOUN") && !upos.iter().any(|u| FUNCTION.contains(u))
    };
    noun(lower) || singular(lower).is_some_and(|w| noun(&w))
}

/// Whether a lower-case word is a verb or an auxiliary in the treebank and
/// never a noun or a function word ("said", "has", not "attacks", "in"):
/// after a place name it makes the place the subject, a government acting
/// ("Baghdad has eliminated", "Moscow says").
fn only_verb(lower: &str) -> bool {
    let upos = treebank_upos(lower);
    upos.iter().any(|&u| u == "VERB" || u == "AUX")
        && !upos
            .iter()
            .any(|u| matches!(*u, "NOUN" | "ADP" | "CCONJ" | "SCONJ" | "DET" | "PRON"))
}

/// The regular singular of an English plural ("embassies" → "embassy",
/// "talks" → "talk"), or `None` for a word without a plural ending.
fn singular(lower: &str) -> Option<String> {
    if let Some(stem) = lower.strip_suffix("ies") {
        return (!stem.is_empty()).then(|| format!("{stem}y"));
    }
    let stem = lower.strip_suffix('s')?;
    (stem.len() > 2 && !stem.ends_with('s')).then(|| stem.to_string())
}

/// The lower-case names of the lexicon's organisations and groups ("Hamas",
/// "UN"): a place of the same name in the gazetteer is not meant.
static ORGANISATIONS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    crate::extract::lexicon::LEXICON
        .actors
        .iter()
        .filter(|a| a.kind != "state")
        .flat_map(|a| {
            std::iter::once(&a.name)
                .chain(&a.names)
                .chain(&a.adjectives)
        })
        .map(|n| normalise(n))
        .collect()
});

/// The lexicon's demonyms and adjectives ("Serb", "Russian"): before a
/// place they describe it ("Serb Kosovo province") rather than make a
/// longer name.
static ADJECTIVES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    crate::extract::lexicon::LEXICON
        .actors
        .iter()
        .flat_map(|a| &a.adjectives)
        .cloned()
        .collect()
});

fn is_organisation(name: &str) -> bool {
    ORGANISATIONS.contains(&normalise(name))
}

/// A name the gazetteer knows, found in a sentence, before its place is
/// chosen.
#[derive(Debug, Clone)]
struct Candidate {
    /// The name as looked up.
    key: String,
    /// The sentence it is in.
    sentence: usize,
    span: Span,
    /// Word indices in the sentence: first, one past the last.
    words: (usize, usize),
    places: Vec<u32>,
    locative: bool,
    dateline: bool,
    /// Places named right after it, after a comma ("Paris, Texas").
    qualifier: Vec<u32>,
    /// The places of the name it follows after a comma ("Texas" in
    /// "Paris, Texas").
    qualifies: Vec<u32>,
    /// Followed by a place noun ("the Kharkiv region").
    place_noun: bool,
    /// See [`PlaceMention::modifies`].
    modifies: Option<Span>,
    /// See [`PlaceMention::acts`].
    acts: bool,
}

/// Finds the place names of an article: `sentences` are its sentence spans,
/// `actor_states` the ISO alpha-3 codes of the states its events name.
pub fn find_places(text: &str, sentences: &[Span], actor_states: &[&str]) -> Vec<PlaceMention> {
    let g = &*GAZETTEER;
    let words = &*WORDS;
    let mut found: Vec<Candidate> = Vec::new();
    for (si, &(s, e)) in sentences.iter().enumerate() {
        let Some(sentence) = text.get(s..e) else {
            continue;
        };
        let ws: Vec<Word<'_>> = WORD
            .find_iter(sentence)
            .map(|m| Word {
                text: m.as_str(),
                span: (s + m.start(), s + m.end()),
            })
            .collect();
        let gap = |a: usize, b: usize| &text[ws[a].span.1..ws[b].span.0];
        let mut i = 0;
        // the dateline opens one of the first sentences (a title line may
        // come before it and name places of its own)
        let first_of_article = si < 3 && !found.iter().any(|c| c.dateline);
        let from = found.len();
        if first_of_article && let Some(c) = dateline_alias(g, words, sentence, s, si, &ws) {
            i = c.words.1;
            found.push(c);
        }
        while i < ws.len() {
            let lower_head = !capitalised(ws[i].text)
                && words
                    .lowercase_name_heads
                    .contains(&ws[i].text.to_lowercase())
                && ws.get(i + 1).is_some_and(|w| capitalised(w.text));
            if !capitalised(ws[i].text) && !lower_head {
                i += 1;
                continue;
            }
            if let Some(c) = seat_of_government(g, words, &ws, i, si, &gap) {
                i = c.words.1;
                found.push(c);
                continue;
            }
            let Some((n, mut places, span)) = longest_match(g, &ws, i, &gap) else {
                i += 1;
                continue;
            };
            let end = i + n;
            // "Africa" is no city's name, whatever other names a city has
            let matched = &text[span.0..span.1];
            if words
                .not_city_names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(matched))
            {
                places.retain(|&p| g.places[p as usize].kind != PlaceKind::City);
                if places.is_empty() {
                    i = end;
                    continue;
                }
            }
            let next_cap = ws.get(end).filter(|_| gap(end - 1, end).trim().is_empty());
            let prev = (i > 0)
                .then(|| &ws[i - 1])
                .filter(|_| gap(i - 1, i).trim().is_empty());
            // part of another name: a capitalised word right before or after
            let joined_before = prev.is_some_and(|p| {
                capitalised(p.text)
                    && !words.may_precede.contains(p.text)
                    && !g.knows(p.text)
                    && !ADJECTIVES.contains(p.text)
            });
            // a country's name before another capitalised word is still the
            // country ("the US Navy"), unless it is also a given name
            // ("Jordan Reyes")
            let a_country = places
                .iter()
                .any(|&p| g.places[p as usize].kind == PlaceKind::Country);
            let name = &text[span.0..span.1];
            let joined_after = next_cap.is_some_and(|w| {
                capitalised(w.text)
                    && !words.may_follow.contains(w.text)
                    && (!a_country || words.given_names.contains(name))
            });
            if joined_before || joined_after || is_organisation(name) {
                i = end;
                continue;
            }
            let next_lower = ws
                .get(end)
                .filter(|w| !capitalised(w.text) && gap(end - 1, end).trim().is_empty())
                .map(|w| w.text.to_lowercase());
            // a name after "a"/"an" that heads its phrase is a person of the
            // place, not the place ("a Turk, were rounded up"; but "a
            // Birmingham clinic" is in Birmingham)
            let indefinite = prev.is_some_and(|p| {
                p.text.eq_ignore_ascii_case("a") || p.text.eq_ignore_ascii_case("an")
            });
            let before_noun = next_lower.as_deref().is_some_and(|w| {
                let w = w.trim_end_matches("'s").trim_end_matches("’s");
                treebank_upos(w).contains(&"NOUN")
            });
            // "a Birmingham, Ala., clinic": a place with its qualifier
            let qualified = text[span.1..]
                .strip_prefix(", ")
                .is_some_and(|rest| rest.starts_with(char::is_uppercase));
            if indefinite && !before_noun && !qualified {
                i = end;
                continue;
            }
            let place_noun = next_lower
                .as_ref()
                .is_some_and(|w| words.place_nouns.contains(w));
            // "at U.S. embassies in Kenya": the U.S. names whose embassies,
            // not where the bombing was
            // (a possessive is the place itself: "near Ukraine's borders")
            let possessive = text[span.1..].starts_with("'s") || text[span.1..].starts_with("’s");
            // a country before a noun says whose it is ("at U.S.
            // embassies"); a city or region, where it is ("at a Tel Aviv
            // peace rally")
            let locative = is_locative(&ws, i, words, &gap)
                && (place_noun
                    || possessive
                    || !a_country
                    || !next_lower.as_deref().is_some_and(only_noun));
            let dateline = first_of_article
                && i == 0
                && ws[..end]
                    .iter()
                    .all(|w| !w.text.chars().any(char::is_lowercase))
                && ws[i].text.chars().filter(|c| c.is_alphabetic()).count() > 2
                // a dateline's punctuation follows ("KYIV, Ukraine —",
                // "NAIROBI (AP)"), not a word ("UAE officials said")
                && text[span.1..]
                    .trim_start()
                    .starts_with([',', '(', '_', '—', '–', '-', ':']);
            let after = ws.get(end).filter(|_| gap(end - 1, end).trim().is_empty());
            let modifies = after
                .filter(|_| !locative && !place_noun && !possessive)
                .filter(|_| next_lower.as_deref().is_some_and(maybe_noun))
                .map(|w| w.span);
            let acts = !locative
                && !possessive
                && next_lower.as_deref().is_some_and(only_verb)
                && !prev.is_some_and(|p| words.locative.contains(&p.text.to_lowercase()));
            found.push(Candidate {
                key: normalise(&text[span.0..span.1]),
                sentence: si,
                span,
                words: (i, end),
                places,
                locative,
                dateline,
                qualifier: Vec::new(),
                qualifies: Vec::new(),
                place_noun,
                modifies,
                acts,
            });
            i = end;
        }
        // a place right after another, after a comma, qualifies it
        for a in from..found.len().saturating_sub(1) {
            let b = a + 1;
            let between = &text[found[a].span.1..found[b].span.0];
            if between.trim() == "," && found[b].words.0 == found[a].words.1 {
                let q: Vec<u32> = found[b]
                    .places
                    .iter()
                    .copied()
                    .filter(|&p| {
                        matches!(
                            g.places[p as usize].kind,
                            PlaceKind::Country | PlaceKind::Admin1
                        )
                    })
                    .collect();
                if !q.is_empty() {
                    found[b].qualifies = found[a].places.clone();
                }
                found[a].qualifier = q;
            }
        }
        // "Birmingham, Ala.": an AP abbreviation of a US state qualifies the
        // place before it
        for c in &mut found[from..] {
            let after = text[c.span.1..].strip_prefix(", ").unwrap_or("");
            let state = words.us_state_abbreviations.iter().find(|(abbr, _)| {
                after.starts_with(abbr.as_str())
                    && !after[abbr.len()..].starts_with(char::is_alphanumeric)
            });
            if let Some((_, code)) = state
                && c.qualifier.is_empty()
                && let Some(i) = g.index_of(&format!("us-{}", code.to_lowercase()))
            {
                c.qualifier = vec![i];
            }
        }
    }
    resolve(g, words, &found, actor_states)
}

/// A seat of government named at word `i` after a locative word ("in the
/// White House"), as a place in its city.
fn seat_of_government<'t>(
    g: &Gazetteer,
    words: &Words,
    ws: &[Word<'t>],
    i: usize,
    si: usize,
    gap: &dyn Fn(usize, usize) -> &'t str,
) -> Option<Candidate> {
    // most capitalised words open no seat's name: no allocation for them
    let first = ws[i].text;
    if !words
        .seats
        .keys()
        .any(|k| k.split(' ').next() == Some(first))
    {
        return None;
    }
    let (n, id) = (1..=2).rev().find_map(|n| {
        let last = ws.get(i + n - 1)?;
        if !(i..i + n - 1).all(|k| gap(k, k + 1) == " ") {
            return None;
        }
        let name: Vec<&str> = ws[i..i + n].iter().map(|w| w.text).collect();
        words
            .seats
            .get(&name.join(" "))
            .filter(|_| capitalised(last.text))
            .map(|id| (n, id))
    })?;
    if !is_locative(ws, i, words, gap) || !seat_locative_before(ws, i, words) {
        return None;
    }
    let place = g.index_of(id)?;
    Some(Candidate {
        key: normalise(
            &ws[i..i + n]
                .iter()
                .map(|w| w.text)
                .collect::<Vec<_>>()
                .join(" "),
        ),
        sentence: si,
        span: (ws[i].span.0, ws[i + n - 1].span.1),
        words: (i, i + n),
        places: vec![place],
        locative: true,
        dateline: false,
        qualifier: Vec::new(),
        qualifies: Vec::new(),
        place_noun: false,
        modifies: None,
        acts: false,
    })
}

/// A dateline at the start of `sentence` (at byte `start` of the text,
/// sentence number `si`) written in capitals that is one of the
/// `dateline_aliases` ("UNITED NATIONS (AP)").
fn dateline_alias(
    g: &Gazetteer,
    words: &Words,
    sentence: &str,
    start: usize,
    si: usize,
    ws: &[Word<'_>],
) -> Option<Candidate> {
    let (name, id) = words.dateline_aliases.iter().find(|(name, _)| {
        sentence
            .get(..name.len())
            .is_some_and(|head| head == name.to_uppercase())
            && !sentence[name.len()..].starts_with(char::is_alphanumeric)
    })?;
    let place = g.index_of(id)?;
    let end = start + name.len();
    let n = ws.iter().take_while(|w| w.span.1 <= end).count();
    Some(Candidate {
        key: normalise(name),
        sentence: si,
        span: (start, end),
        words: (0, n),
        places: vec![place],
        locative: false,
        dateline: true,
        qualifier: Vec::new(),
        qualifies: Vec::new(),
        place_noun: false,
        modifies: None,
        acts: false,
    })
}

/// The longest gazetteer name starting at word `i`: its length in words,
/// its places and its span. Names of more than one word are whole runs of
/// words separated by spaces, the last capitalised; a hyphenated word
/// counts by its first part when the rest is a suffix such as "based".
fn longest_match<'a>(
    g: &Gazetteer,
    ws: &[Word<'a>],
    i: usize,
    gap: &dyn Fn(usize, usize) -> &'a str,
) -> Option<(usize, Vec<u32>, Span)> {
    let most = g.longest_name.min(ws.len() - i);
    // between the words of a name: a space, or a period and a space after
    // an abbreviation ("St. Petersburg")
    let joins = |k: usize| {
        let between = gap(k, k + 1);
        between == " " || (between == ". " && ws[k].text.len() <= 3)
    };
    for n in (1..=most).rev() {
        let last = &ws[i + n - 1];
        if n > 1 && !(i..i + n - 1).all(joins) {
            continue;
        }
        // a name of several words ends in a capital, except an area's in
        // text written without capitals ("the Persian gulf")
        let lower_tail = n > 1 && !capitalised(last.text);
        let mut texts: Vec<&str> = ws[i..i + n].iter().map(|w| w.text).collect();
        // a possessive is not part of the name ("Ukraine's border")
        let mut end = last.span.1;
        if let Some(stem) = last
            .text
            .strip_suffix("'s")
            .or_else(|| last.text.strip_suffix("’s"))
        {
            end -= last.text.len() - stem.len();
            texts[n - 1] = stem;
        }
        let key = normalise(&texts.join(" "));
        let places = g.by_key(&key);
        if places.is_empty() || !plausible_form(&key, &ws[i..i + n]) {
            continue;
        }
        // a lower-case head ("north Carolina") or tail ("Persian gulf")
        // only for a country, a region or an area, never a city
        let uncapitalised = lower_tail || !capitalised(ws[i].text);
        if uncapitalised
            && places
                .iter()
                .any(|&p| g.places[p as usize].kind == PlaceKind::City)
        {
            continue;
        }
        return Some((n, places.to_vec(), (ws[i].span.0, end)));
    }
    // "Moscow-based", "Kyiv-backed": the place before the hyphen
    let w = &ws[i];
    if let Some((head, tail)) = w.text.split_once('-')
        && WORDS.hyphen_suffixes.contains(&tail.to_lowercase())
    {
        let places = g.by_key(&normalise(head));
        if !places.is_empty() && head.len() > 2 {
            return Some((1, places.to_vec(), (w.span.0, w.span.0 + head.len())));
        }
    }
    None
}

/// Short names only in capitals ("US", "UK", not "Us"); names of one or
/// two letters never.
fn plausible_form(key: &str, ws: &[Word<'_>]) -> bool {
    let letters = key.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return false;
    }
    if letters <= 3 {
        return ws.iter().all(|w| !w.text.chars().any(char::is_lowercase));
    }
    true
}

/// Whether a locative word comes before word `i`: right before it, or a
/// few words before with only the words of a locative phrase between ("in
/// the outskirts of Kyiv", "near the border with Turkey").
fn is_locative<'t>(
    ws: &[Word<'t>],
    i: usize,
    words: &Words,
    gap: &dyn Fn(usize, usize) -> &'t str,
) -> bool {
    for back in 1..=5 {
        let Some(k) = i.checked_sub(back) else {
            return false;
        };
        // "In 2014, Russia annexed": a number or a comma ends the phrase
        if !gap(k, k + 1).chars().all(char::is_whitespace) {
            return false;
        }
        let w = ws[k].text.to_lowercase();
        if words.locative.contains(&w) {
            // "according to the Kremlin" names a source, not a place
            let phrase = k
                .checked_sub(1)
                .map(|j| format!("{} {w}", ws[j].text.to_lowercase()));
            return !phrase.is_some_and(|p| words.non_locative_phrases.contains(&p));
        }
        if !words.locative_links.contains(&w) {
            return false;
        }
    }
    false
}

/// Whether the locative word before word `i` (at most five words back) is
/// one that puts something in a seat of government (`seat_locatives`).
fn seat_locative_before(ws: &[Word<'_>], i: usize, words: &Words) -> bool {
    ws[i.saturating_sub(5)..i]
        .iter()
        .rev()
        .map(|w| w.text.to_lowercase())
        .find(|w| words.locative.contains(w))
        .is_some_and(|w| words.seat_locatives.contains(&w))
}

/// Chooses a place for each candidate, in two rounds: names with one
/// place (or a country among them) set the article's context; then every
/// name takes the place its context, kind and size favour.
fn resolve(
    g: &Gazetteer,
    words: &Words,
    found: &[Candidate],
    actor_states: &[&str],
) -> Vec<PlaceMention> {
    // round one: names whose places are all in one country vote for it, in
    // the article and in their sentence, and for the region of their most
    // likely place ("Atlanta" for Georgia the state)
    let mut countries: HashSet<&str> = HashSet::new();
    let mut in_sentence: HashSet<(usize, &str)> = HashSet::new();
    // regions named as such ("Texas"), and regions of the cities named
    let mut named_regions: HashSet<(&str, &str)> = HashSet::new();
    let mut city_regions: HashSet<(&str, &str)> = HashSet::new();
    for c in found {
        let places: Vec<&Place> = c.places.iter().map(|&p| &g.places[p as usize]).collect();
        if places.iter().all(|p| p.country == places[0].country) {
            let p = best_without_context(&places);
            countries.insert(p.country.as_str());
            // a country named as an actor ("the US would press") says
            // nothing of where its sentence's places are; one named as a
            // place ("in Lebanon") or a city does
            if p.kind != PlaceKind::Country || c.locative {
                in_sentence.insert((c.sentence, p.country.as_str()));
            }
            let region = (p.country.as_str(), p.admin1.as_str());
            match p.kind {
                PlaceKind::Admin1 if !p.admin1.is_empty() => {
                    named_regions.insert(region);
                }
                PlaceKind::City if !p.admin1.is_empty() => {
                    city_regions.insert(region);
                }
                _ => {}
            }
        }
    }
    let actors: HashSet<&str> = actor_states.iter().filter_map(|s| g.iso2(s)).collect();
    let mut out = Vec::new();
    for c in found {
        let candidates: Vec<&Place> = c.places.iter().map(|&p| &g.places[p as usize]).collect();
        let qualifier: Vec<&Place> = c.qualifier.iter().map(|&p| &g.places[p as usize]).collect();
        let qualified: Vec<&Place> = c.qualifies.iter().map(|&p| &g.places[p as usize]).collect();
        let score = |p: &Place| {
            let mut s = match p.kind {
                PlaceKind::Country => 11.0,
                PlaceKind::Admin1 | PlaceKind::Feature => 8.5,
                PlaceKind::City => 1.5 * (f64::from(p.population) + 1.0).log10(),
            };
            // the name itself, not one of its other names ("New Delhi")
            if normalise(&p.name) == c.key {
                s += 2.0;
            }
            // "Paris, Texas"
            if qualifier.iter().any(|q| {
                q.country == p.country && (q.kind == PlaceKind::Country || q.admin1 == p.admin1)
            }) {
                s += 8.0;
            }
            // the region or country of the place before it ("Atlanta, Georgia")
            if qualified.iter().any(|q| {
                q.country == p.country && (p.kind == PlaceKind::Country || q.admin1 == p.admin1)
            }) {
                s += 8.0;
            }
            if in_sentence.contains(&(c.sentence, p.country.as_str())) {
                s += 3.5;
            }
            if countries.contains(p.country.as_str()) {
                s += 0.5;
            }
            if actors.contains(p.country.as_str()) {
                s += 0.3;
            }
            // a city of a region the article names; a region of a city it names
            let region = (p.country.as_str(), p.admin1.as_str());
            if (p.kind == PlaceKind::City && named_regions.contains(&region))
                || (p.kind == PlaceKind::Admin1 && city_regions.contains(&region))
            {
                s += 4.0;
            }
            s
        };
        let Some(best) = candidates
            .iter()
            .copied()
            .max_by(|a, b| score(a).total_cmp(&score(b)).then_with(|| b.id.cmp(&a.id)))
        else {
            continue;
        };
        if !supported(c, best, words, &candidates) {
            continue;
        }
        out.push(PlaceMention {
            span: c.span,
            id: best.id.clone(),
            name: best.name.clone(),
            country: best.country.clone(),
            kind: best.kind,
            locative: c.locative,
            dateline: c.dateline,
            modifies: c.modifies,
            acts: c.acts,
        });
    }
    out
}

/// The place of a name with no context: the larger kind, then the more
/// populous.
fn best_without_context<'p>(places: &[&'p Place]) -> &'p Place {
    let rank = |p: &Place| match p.kind {
        PlaceKind::Country => 3,
        PlaceKind::Admin1 | PlaceKind::Feature => 2,
        PlaceKind::City => 1,
    };
    places
        .iter()
        .copied()
        .max_by_key(|p| (rank(p), p.population))
        .expect("a name has a place")
}

/// A town this small is a place only with a locative word, a qualifier,
/// a place noun or the dateline ("Hurricane winds" are not in Utah).
const SMALL_TOWN: u32 = 50_000;

/// Whether a name chosen as `best` is a place here: a city (or a place
/// that is also a given name) whose name is an ordinary word needs a
/// locative word, a qualifier, a place noun or the dateline.
fn supported(c: &Candidate, best: &Place, words: &Words, candidates: &[&Place]) -> bool {
    let support = c.locative || !c.qualifier.is_empty() || c.place_noun || c.dateline;
    if support {
        return true;
    }
    let single = c.words.1 - c.words.0 == 1;
    if !single {
        return true;
    }
    let name = best.name.as_str();
    if best.kind == PlaceKind::City
        && (words.given_names.contains(name) || best.population < SMALL_TOWN)
    {
        return false;
    }
    if best.kind == PlaceKind::City
        && candidates.iter().all(|p| p.kind == PlaceKind::City)
        && common_word(&c.key)
    {
        return false;
    }
    true
}

/// The alpha-2 code and the gazetteer entry of the state an actor code
/// belongs to.
fn state_place(code: &str) -> Option<&'static Place> {
    let g = &*GAZETTEER;
    let iso2 = g.iso2(code.get(..3)?)?;
    g.country(iso2)
}

/// Sets each event's location from the article's places (`places`, in text
/// order) and sentences (`text` is the article's text).
pub fn locate_events<'p>(
    text: &str,
    sentences: &[Span],
    places: &'p [PlaceMention],
    events: &mut [Event],
) {
    let g = &*GAZETTEER;
    let words = &*WORDS;
    let dateline = places.iter().find(|p| p.dateline);
    for e in events.iter_mut() {
        // sentences and places are in text order: both found by halving
        let k = sentences.partition_point(|&(_, t)| t <= e.span.0);
        let Some(&(s, t)) = sentences.get(k).filter(|&&(s, _)| s <= e.span.0) else {
            continue;
        };
        let range =
            places.partition_point(|p| p.span.0 < s)..places.partition_point(|p| p.span.0 < t);
        let actor_spans: Vec<Span> = e
            .source
            .iter()
            .chain(&e.target)
            .map(|m| m.span)
            .filter(|sp| sp.1 > sp.0)
            .collect();
        let source_spans: Vec<Span> = e.source.iter().map(|m| m.span).collect();
        let overlaps = |spans: &[Span], p: &PlaceMention| {
            spans.iter().any(|a| a.0 < p.span.1 && p.span.0 < a.1)
        };
        // a country named as a participant stands for its state, and so
        // does a city that acts ("Moscow said"); a city acted on ("shelled
        // Kharkiv"), a region or an area ("annexed Crimea") and a country
        // attacked ("its invasion of Kuwait") are places
        let attack = e.event_type == PloverType::Assault;
        let is_actor = |p: &PlaceMention| match p.kind {
            PlaceKind::Country if attack => overlaps(&source_spans, p),
            PlaceKind::Country => overlaps(&actor_spans, p),
            PlaceKind::City => overlaps(&source_spans, p),
            PlaceKind::Admin1 | PlaceKind::Feature => false,
        };
        // a place named as an actor ("Moscow said") is not where it
        // happened, unless a locative word puts it there too ("a buildup
        // near Ukraine's border")
        // a place describing a noun without a locative word is whose or
        // where that thing is, not where the event was: the bombing of
        // "U.S. embassies in Kenya" was in Kenya, "the Yalta accord" is
        // not where Hungary joined NATO; unless the noun leads to the
        // event's own trigger ("the Geneva talks", "the Atlanta abortion
        // clinic bombing")
        let trigger = e.trigger.span.0;
        let describes_other = |p: &PlaceMention| {
            p.modifies.is_some_and(|(noun, _)| {
                let compound = noun <= trigger
                    && text.get(noun..trigger).is_some_and(|between| {
                        between.split_whitespace().count() <= 3
                            && between
                                .chars()
                                .all(|c| c.is_lowercase() || c.is_whitespace() || c == '-')
                    });
                !compound
            })
        };
        // a thing said is where the speaker is, not where what it speaks
        // of happened: a place whose locative phrase follows an "of"
        // phrase ("condemned the bombing of the embassies in Kenya") is the
        // topic's place, not the statement's
        let spoken = Lexicon::in_types(&LEXICON.cues.placed_by_speaker, e.event_type);
        let noun_trigger = spoken
            && !e.trigger.text.contains(' ')
            && crate::nlp::syntax::treebank_upos(&e.trigger.text.to_lowercase())
                .iter()
                .all(|&u| u == "NOUN");
        let venue_of_speech = |p: &PlaceMention| {
            // a country or a city a statement names without a locative
            // word is a party to it or what it is about ("a resolution
            // co-sponsored by Kenya, Tanzania and the United States")
            // (a region it names is what it is about: "a settlement that
            // would promote Northern Ireland's unification"; a city, a
            // government: "Trump's approach to Moscow")
            if !p.locative && matches!(p.kind, PlaceKind::Country | PlaceKind::City) {
                return false;
            }
            // a statement named by a noun ("criticism", "“killer”") is
            // placed by a phrase on it ("criticism in Moscow"), not by one
            // further on ("“killer” is an epithet used frequently in
            // Hollywood")
            if noun_trigger
                && p.span.0 > e.trigger.span.1
                && text
                    .get(e.trigger.span.1..p.span.0)
                    .is_none_or(|b| b.split_whitespace().count() > 4)
            {
                return false;
            }
            // the words before the place in its sentence, nearest first
            let Some(before) = text.get(s..p.span.0) else {
                return true;
            };
            let ws: Vec<String> = before
                .split_whitespace()
                .rev()
                .take(12)
                .map(str::to_lowercase)
                .collect();
            // the "of" phrase and the locative one make one noun phrase: a
            // few words, no punctuation between (a period ends initials,
            // "U.S.", not a phrase)
            let Some(l) = ws.iter().position(|w| words.locative.contains(w)) else {
                return true;
            };
            let Some(o) = ws[l..].iter().position(|w| w == "of") else {
                return true;
            };
            let one_phrase = o <= 6
                && ws[l + 1..l + o]
                    .iter()
                    .all(|w| !w.ends_with(|c: char| c.is_ascii_punctuation() && c != '.'));
            !one_phrase
        };
        let in_sentence: Vec<&PlaceMention> = places[range]
            .iter()
            .filter(|p| p.span.1 <= t && !p.dateline)
            .filter(|p| p.locative || !(is_actor(p) || p.acts || describes_other(p)))
            .filter(|p| !spoken || venue_of_speech(p))
            .collect();
        let nearest = |ps: Vec<&'p PlaceMention>| nearest_to(ps, trigger);
        let inside = |p: &PlaceMention| p.span.0 >= e.span.0 && p.span.1 <= e.span.1;
        let locative: Vec<&PlaceMention> =
            in_sentence.iter().copied().filter(|p| p.locative).collect();
        // in the event's own words: a city or region a locative word puts
        // it in ("in Geneva"), else one it acts on ("shelled Kharkiv",
        // "annexed Crimea"), else a country a locative word names ("near
        // Ukraine's border")
        let precise = |p: &&PlaceMention| p.kind != PlaceKind::Country;
        let own: Vec<&PlaceMention> = in_sentence.iter().copied().filter(|p| inside(p)).collect();
        // a place in a phrase the tree attaches to the trigger with a
        // locative preposition, where the clause was parsed
        let in_tree_phrase = |p: &&PlaceMention| {
            e.place_phrases
                .iter()
                .any(|&(a, b)| a <= p.span.0 && p.span.1 <= b)
        };
        let chosen = nearest(in_sentence.iter().copied().filter(in_tree_phrase).collect())
            .or_else(|| {
                nearest(
                    own.iter()
                        .copied()
                        .filter(|p| p.locative && precise(p))
                        .collect(),
                )
            })
            // a city or region the act is done to: right after the trigger
            // ("shelled Kharkiv", "annexed Crimea", "struck the city of
            // Kharkiv"), not further in its words ("criticizing Trump's
            // approach to Moscow")
            .or_else(|| {
                let acted_on = |p: &&PlaceMention| {
                    p.span.0 >= e.trigger.span.1
                        && text.get(e.trigger.span.1..p.span.0).is_some_and(|b| {
                            b.split_whitespace().count() <= 4
                                && !b.contains([',', ';', ':', '"', '“', '”', '(', ')'])
                        })
                };
                nearest(
                    own.iter()
                        .copied()
                        .filter(precise)
                        .filter(acted_on)
                        .collect(),
                )
            })
            // the state attacked, named in the event's own words ("its
            // invasion of Kuwait"), before another country a locative word
            // names there ("sanctions on Iraq for its invasion of Kuwait")
            .or_else(|| {
                let target_spans: Vec<Span> = e.target.iter().map(|m| m.span).collect();
                attack
                    .then(|| {
                        nearest(
                            own.iter()
                                .copied()
                                .filter(|p| overlaps(&target_spans, p))
                                .collect(),
                        )
                    })
                    .flatten()
            })
            .or_else(|| nearest(own.iter().copied().filter(|p| p.locative).collect()))
            .or_else(|| attack.then(|| nearest(own.clone())).flatten())
            .map(|p| (p, LocationBasis::Explicit))
            .or_else(|| {
                nearest(locative.clone())
                    .or_else(|| nearest(in_sentence.clone()))
                    .map(|p| (p, LocationBasis::Sentence))
            })
            .or_else(|| dateline.map(|p| (p, LocationBasis::Dateline)));
        e.location = match chosen {
            Some((p, basis)) => g
                .by_id(&p.id)
                .map(|place| location(place, Some(p.span), basis)),
            // an attack is on the territory of the state it targets; a
            // coercion a state does at home (arrests, expulsions, curfews:
            // `own_ground_modes`) on its own ground, another (hostile
            // activities abroad) on the target's
            None if matches!(e.event_type, PloverType::Assault | PloverType::Coerce) => {
                let state_of = |m: &crate::extract::event::ActorMention| {
                    state_place(m.country.as_deref().unwrap_or(&m.code))
                };
                let own_ground = (e.event_type == PloverType::Coerce
                    && words.own_ground_modes.contains(&e.mode))
                .then(|| {
                    e.source
                        .iter()
                        .find_map(state_of)
                        .map(|place| location(place, None, LocationBasis::Source))
                })
                .flatten();
                own_ground.or_else(|| {
                    e.target
                        .iter()
                        .find_map(state_of)
                        .map(|place| location(place, None, LocationBasis::Target))
                })
            }
            None => None,
        };
    }
}

/// Whether a lower-case word is one of the locative words of
/// `assets/places.toml` ("in", "near", "off").
pub fn is_locative_word(word: &str) -> bool {
    WORDS.locative.contains(word)
}

/// The place mention nearest to byte `at`.
fn nearest_to(ps: Vec<&PlaceMention>, at: usize) -> Option<&PlaceMention> {
    ps.into_iter().min_by_key(|p| p.span.0.abs_diff(at))
}

/// An event location at a gazetteer entry.
fn location(p: &Place, span: Option<Span>, basis: LocationBasis) -> Location {
    Location {
        name: p.name.clone(),
        id: p.id.clone(),
        country: p.country.clone(),
        admin1: p.admin1.clone(),
        lat: f64::from(p.lat),
        lon: f64::from(p.lon),
        precision: match p.kind {
            PlaceKind::City => LocationPrecision::City,
            PlaceKind::Admin1 | PlaceKind::Feature => LocationPrecision::Region,
            PlaceKind::Country => LocationPrecision::Country,
        },
        span,
        basis,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places_in(text: &str) -> Vec<(String, String)> {
        let sentences = crate::nlp::segment::segment(text, &[(0, text.len())]);
        let spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
        find_places(text, &spans, &[])
            .into_iter()
            .map(|p| (text[p.span.0..p.span.1].to_string(), p.id))
            .collect()
    }

    #[test]
    fn the_word_lists_read() {
        parse_words(include_str!("../../assets/places.toml")).expect("places.toml reads");
    }

    #[test]
    fn names_are_linked_by_context_kind_and_size() {
        let found = places_in("Talks in Geneva between Washington and Moscow ended on Tuesday.");
        assert_eq!(found[0], ("Geneva".into(), "2660646".into()));
        assert!(found.iter().any(|(t, _)| t == "Moscow"));
        let texas = places_in("The storm hit Paris, Texas, on Monday.");
        assert_eq!(texas[0].0, "Paris");
        assert_eq!(
            GAZETTEER.by_id(&texas[0].1).map(|p| p.country.as_str()),
            Some("US")
        );
        let france = places_in("Protesters marched in Paris on Saturday.");
        assert_eq!(
            GAZETTEER.by_id(&france[0].1).map(|p| p.country.as_str()),
            Some("FR")
        );
        let state =
            places_in("Voters in Atlanta, Georgia, went to the polls as Texas and Ohio did.");
        assert!(
            state.iter().any(|(t, id)| t == "Georgia" && id == "us-ga"),
            "{state:?}"
        );
        let country = places_in("Russian troops entered Georgia in 2008, near Tbilisi.");
        assert!(
            country
                .iter()
                .any(|(t, id)| t == "Georgia" && id == "614540"),
            "{country:?}"
        );
    }

    #[test]
    fn events_are_placed_by_their_own_words() {
        let located = |text: &str| {
            crate::extract::analyze_text("t.txt", text)
                .events
                .into_iter()
                .find_map(|e| e.location)
                .map(|l| (l.name, l.basis))
        };
        // a place before a noun names whose thing, not where it happened
        let kenya =
            located(" date 1998-08-08 A\n\nTerrorists bombed U.S. embassies in Kenya on Friday.");
        assert_eq!(kenya.map(|l| l.0).as_deref(), Some("Kenya"));
        // a possessive is the place itself
        let border =
            located(" date 2021-12-03 B\n\nMoscow has massed soldiers near Ukraine's borders.");
        assert_eq!(
            border,
            Some(("Ukraine".to_string(), LocationBasis::Explicit))
        );
        // a region acted on, not the country it was taken from
        let crimea = located(" date 2021-12-03 C\n\nIn 2014, Russia annexed Crimea from Ukraine.");
        assert_eq!(crimea.map(|l| l.0).as_deref(), Some("Crimea"));
        // a plural the treebank lacks still makes the country a modifier
        let embassies = located(
            " date 1998-08-08 D\n\nTwo bombs exploded outside U.S. embassies in Kenya on Friday.",
        );
        assert_eq!(embassies.map(|l| l.0).as_deref(), Some("Kenya"));
        // a city that is a clause's subject is a government acting
        let acting = located(
            " date 1998-03-06 E\n\nIraq's invasion of Kuwait ended when Baghdad withdrew its troops.",
        );
        assert_ne!(acting.map(|l| l.0).as_deref(), Some("Baghdad"));
        // a city describing a noun is where that thing is
        let rally =
            located(" date 1995-11-05 F\n\nThe gunman shot Rabin at a Tel Aviv peace rally.");
        assert_eq!(rally.map(|l| l.0).as_deref(), Some("Tel Aviv"));
        // ... but not where an event elsewhere in its sentence was
        let accord = located(
            " date 1999-03-13 G\n\nHungary joined NATO, ending the order of the Yalta accord.",
        );
        assert_ne!(accord.map(|l| l.0).as_deref(), Some("Yalta"));
        // a state attacked, in the attack's own words
        let kuwait = crate::extract::analyze_text(
            "t.txt",
            " date 1998-03-06 H\n\nSanctions stay on Iraq for its 1990 invasion of Kuwait.",
        )
        .events
        .into_iter()
        .find(|e| e.event_type == PloverType::Assault)
        .and_then(|e| e.location);
        assert_eq!(kuwait.map(|l| l.name).as_deref(), Some("Kuwait"));
        // a seat of government after a locative word is its city
        let white_house = located(
            " date 1998-08-14 I\n\nClinton met with Netanyahu in the White House on Wednesday.",
        );
        assert_eq!(white_house.map(|l| l.0).as_deref(), Some("Washington"));
        // text without capitals: a region's or an area's name, not a city's
        let carolina = located(
            " date 1998-02-27 J\n\nPolice arrested Rudolph in the wilderness of western north Carolina.",
        );
        assert_eq!(carolina.map(|l| l.0).as_deref(), Some("North Carolina"));
        let gulf = located(
            " date 1998-02-13 K\n\nThe US deployed more warships in the Persian gulf on Friday.",
        );
        assert_eq!(gulf.map(|l| l.0).as_deref(), Some("Persian Gulf"));
    }

    #[test]
    fn a_parsed_clause_gives_its_place_phrases() {
        // a passive is parsed for its roles; its tree then names the place
        let text = " date 2013-07-05 A\n\nThe Muslim Brotherhood leader was arrested in Cairo by \
                    Egyptian police.";
        let e = crate::extract::analyze_text("t.txt", text)
            .events
            .into_iter()
            .find(|e| e.event_type == PloverType::Coerce)
            .expect("the arrest");
        assert!(!e.place_phrases.is_empty(), "{e:?}");
        let at = e.location.expect("a location");
        assert_eq!(
            (at.name.as_str(), at.basis),
            ("Cairo", LocationBasis::Explicit)
        );
    }

    #[test]
    fn a_seat_of_government_without_a_locative_word_is_no_place() {
        for text in [
            " date 2022-02-20 A\n\nThe Kremlin said Russia would not attack Ukraine.",
            // a source named after "according to" is no place either
            " date 2021-12-04 B\n\nPutin and Biden will meet on Tuesday, according to the Kremlin.",
            " date 2021-12-04 C\n\nThe statement came from the Kremlin on Friday.",
        ] {
            let a = crate::extract::analyze_text("t.txt", text);
            assert!(
                a.places.iter().all(|p| p.name != "Moscow"),
                "{text}: {:?}",
                a.places
            );
        }
    }

    #[test]
    fn things_said_are_where_the_speaker_is() {
        // where the first accusation of `text` is placed
        let accusation_at = |text: &str| -> Option<Location> {
            crate::extract::analyze_text("t.txt", text)
                .events
                .into_iter()
                .find(|e| e.event_type == PloverType::Accuse)
                .expect("an accusation")
                .location
        };
        let name = |l: Option<Location>| l.map(|l| l.name);
        // the dateline after a title that names places of its own; the
        // place of what was condemned is not where the condemnation was
        let at = accusation_at(
            " date 1998-08-13 Council condemns Kenya, Tanzania bombings\n\n\
             UNITED NATIONS (AP) _\n\n\
             The Security Council condemned the bombing of the U.S. embassies in Kenya \
             and Tanzania on Thursday.",
        )
        .expect("a location");
        assert_eq!(
            (at.name.as_str(), at.basis),
            ("New York City", LocationBasis::Dateline)
        );
        // the place of the act an accusation names is not the accusation's
        let at = accusation_at(
            " date 2022-03-01 A\n\nRussia accused Ukraine of shelling civilians in Donetsk.",
        );
        assert_ne!(name(at).as_deref(), Some("Donetsk"));
        // countries a statement names without a locative word are its
        // parties, not where it was made
        let at = accusation_at(
            " date 1998-08-13 B\n\nUNITED NATIONS (AP) _\n\nA resolution co-sponsored by \
             Kenya and Tanzania condemned the bombings.",
        );
        assert_eq!(name(at).as_deref(), Some("New York City"));
        // a city a statement names is its government, not its venue
        let at = accusation_at(
            " date 2021-12-07 C\n\nBiden gave a harsh speech, criticizing Donald Trump's \
             tepid approach to Moscow and Putin.",
        );
        assert_ne!(name(at).as_deref(), Some("Moscow"));
        // a statement named by a noun is not placed by a clause further on
        let at = accusation_at(
            " date 2021-03-18 D\n\nPutin said that “killer” is a “macho” epithet used \
             frequently in Hollywood.",
        );
        assert_ne!(name(at).as_deref(), Some("Hollywood"));
        // a place right after the statement is where it was made
        let at = accusation_at(" date 2022-03-01 A\n\nLavrov accused Ukraine in Geneva on Monday.");
        assert_eq!(name(at).as_deref(), Some("Geneva"));
    }

    #[test]
    fn a_coercion_is_on_the_acting_state_s_ground() {
        let text = " date 1998-09-11 A\n\nTanzania expelled five Iraqis and a Libyan.";
        let e = crate::extract::analyze_text("t.txt", text)
            .events
            .into_iter()
            .find(|e| e.event_type == PloverType::Coerce)
            .expect("the expulsion");
        let at = e.location.expect("a location");
        assert_eq!(
            (at.country.as_str(), at.basis),
            ("TZ", LocationBasis::Source)
        );
    }

    #[test]
    fn nouns_verbs_and_plurals() {
        assert_eq!(singular("embassies").as_deref(), Some("embassy"));
        assert_eq!(singular("talks").as_deref(), Some("talk"));
        assert_eq!(singular("class"), None);
        assert!(only_noun("embassies"));
        assert!(maybe_noun("accord"));
        assert!(!maybe_noun("in"));
        assert!(only_verb("said"));
        assert!(only_verb("has"));
        assert!(!only_verb("attack"));
        assert!(!only_verb("in"));
    }

    #[test]
    fn people_and_ordinary_words_are_not_places() {
        assert!(places_in("Michael Jordan visited the club.").is_empty());
        assert!(places_in("Reading the report, officials frowned.").is_empty());
        assert!(places_in("Nice work, said the minister.").is_empty());
        assert!(places_in("Police arrested twelve protesters.").is_empty());
        assert!(places_in("The Paris Agreement was signed.").is_empty());
        let reading = places_in("He was born in Reading, England.");
        assert_eq!(reading.first().map(|p| p.0.as_str()), Some("Reading"));
    }
}
