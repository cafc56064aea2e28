//! Actor mentions: names, adjectives and people from `assets/actors.toml`
//! found in the text, grouped when coordinated ("Biden and Putin",
//! "the U.S., U.K., France, Germany, and Italy"), and plural or pronominal
//! references ("the two leaders", "they", "he") resolved to the actors last
//! mentioned.

use super::lexicon::{ActorForm, LEXICON};
use super::text::is_whole_word;
use crate::Span;
use std::sync::LazyLock;

/// An actor named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorHit {
    /// Actor code.
    pub code: String,
    /// The words.
    pub span: Span,
    /// What kind of words.
    pub form: ActorForm,
    /// Whether it follows a place preposition ("in Geneva"): a location.
    pub location: bool,
    /// Whether it was resolved from a pronoun or plural reference.
    pub anaphoric: bool,
    /// Its CAMEO role (`GOV`, `COP`, `MIL`), where the text or the
    /// dictionary gives one.
    pub role: Option<&'static str>,
    /// The dictionary entry it came from.
    pub entry: Entry,
}

/// Where an actor mention came from (an index, not a string: a text can
/// hold hundreds of thousands of mentions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// An actor of `assets/actors.toml` (its index).
    Lexicon(u32),
    /// A named actor of `assets/petrarch_actors.toml` (its index).
    Named(u32),
    /// An agent noun of `assets/agents.toml` (its pattern's index).
    Agent(u32),
    /// An actor of `assets/actors.toml` and the agent noun after it
    /// ("Egyptian police").
    LexiconAgent(u32, u32),
    /// A pronoun or plural reference resolved to an earlier actor.
    Reference,
    /// A name no dictionary knows (`assets/names.toml`), uncoded: an
    /// organisation or a person.
    Unlisted {
        /// Whether a word of the name makes it an organisation.
        organisation: bool,
    },
}

impl Entry {
    /// The entry as the output names it (`actors.toml RUS`, `actors.toml
    /// EGY + agents.toml COP "police"`, `reference`).
    pub fn describe(self) -> String {
        use super::dictionaries::DICTIONARIES;
        let lex = |i: u32| {
            format!(
                "actors.toml {}",
                super::lexicon::LEXICON.actors[i as usize].code
            )
        };
        let agent = |p: u32| {
            let d = &*DICTIONARIES;
            format!(
                "agents.toml {} \"{}\"",
                d.agent_roles[p as usize], d.agent_words[p as usize]
            )
        };
        match self {
            Entry::Lexicon(i) => lex(i),
            Entry::Named(i) => format!(
                "petrarch_actors.toml \"{}\"",
                DICTIONARIES.named[i as usize].names[0]
            ),
            Entry::Agent(p) => agent(p),
            Entry::LexiconAgent(i, p) => format!("{} + {}", lex(i), agent(p)),
            Entry::Reference => "reference".to_string(),
            Entry::Unlisted { organisation: true } => {
                "organisation in no dictionary (names.toml)".to_string()
            }
            Entry::Unlisted {
                organisation: false,
            } => "person in no dictionary (names.toml)".to_string(),
        }
    }
}

impl ActorHit {
    /// The state the actor belongs to, if it is a state or a part of one
    /// (the first three letters of a CAMEO code that starts with a country).
    pub fn country(&self) -> Option<&str> {
        let c = self.code.get(..3)?;
        (self.code.len() >= 3
            && c.chars().all(|ch| ch.is_ascii_uppercase())
            && super::lexicon::LEXICON.is_state(c))
        .then_some(c)
    }
}

/// Single words of the titles in `assets/actors.toml` ("President",
/// "Foreign", "Minister"), lower case: they may stand between the actor
/// mentions of one group ("U.S. President Joe Biden").
static TITLE_WORDS: LazyLock<rustc_hash::FxHashSet<String>> = LazyLock::new(|| {
    LEXICON
        .titles
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(str::to_lowercase)
        .collect()
});

/// Whether a lower-case word is part of a title ("leaders", "president").
pub fn is_title_word(word: &str) -> bool {
    TITLE_WORDS.contains(word)
}

/// Nouns after a name that make it a place ("the Ukraine border").
const PLACE_NOUNS: &[&str] = &[
    "border",
    "borders",
    "frontier",
    "frontiers",
    "region",
    "regions",
    "coast",
    "waters",
    "territory",
    "airspace",
    "side",
];

/// Words before a name that make it a place, not a participant.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "across", "into", "inside", "within", "outside", "toward", "towards",
    "around", "along",
];

/// Words that may stand between a place preposition and a place name
/// ("in the capital Kabul", "in northern Afghanistan", "near the
/// south-eastern city of Donetsk").
const PLACE_MODIFIERS: &[&str] = &[
    "the",
    "capital",
    "city",
    "of",
    "town",
    "province",
    "region",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "far",
    "rural",
    "downtown",
    "coastal",
    "neighbouring",
    "neighboring",
    "nearby",
    "occupied",
    "besieged",
];

/// The lower-case word before the name starting at `s`, passing over
/// the place modifiers between a preposition and a place ("in western
/// Kabul" gives "in"); at most four words back.
fn word_before_place_modifiers(text: &str, s: usize) -> String {
    let mut end = s;
    for _ in 0..5 {
        let before = text[..end].trim_end();
        let word = before
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '-'))
            .next()
            .unwrap_or("");
        let lower = word.to_ascii_lowercase();
        if word.is_empty() || !PLACE_MODIFIERS.contains(&lower.as_str()) {
            return lower.trim_matches('-').to_string();
        }
        end = before.len() - word.len();
    }
    String::new()
}

/// Compass words that open the names of states and regions ("North
/// Korea", "Northern Ireland", "East Timor").
const COMPASS_WORDS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
];

/// The names a lower-case compass word makes with the capitalised name
/// after it when written with a capital ("northern Ireland" is Northern
/// Ireland, "south Korea" South Korea, "north Korean" North Korean;
/// "northern Iraq" stays a part of Iraq): each name's span and the
/// automaton's pattern for it.
fn compass_names(text: &str) -> Vec<(Span, usize)> {
    static COMPASS: LazyLock<regex::Regex> = LazyLock::new(|| {
        let words = COMPASS_WORDS.join("|");
        regex::Regex::new(&format!(r"\b(?:{words}) [A-Z]")).expect("a valid pattern")
    });
    let mut out = Vec::new();
    for m in COMPASS.find_iter(text) {
        let start = m.start();
        let rest = crate::slice::head(&text[start + 1..], 60);
        let mut name = String::with_capacity(rest.len() + 1);
        name.push(text.as_bytes()[start].to_ascii_uppercase() as char);
        name.push_str(rest);
        let input = aho_corasick::Input::new(&name).anchored(aho_corasick::Anchored::Yes);
        if let Some(found) = LEXICON.actor_ac.find(input)
            && found.end() > m.len() - 1
            && is_whole_word(text, start, start + found.end())
        {
            out.push(((start, start + found.end()), found.pattern().as_usize()));
        }
    }
    out
}

/// Every actor mention in `text`, sorted by start.
pub fn find_actors(text: &str) -> Vec<ActorHit> {
    let lex = &*LEXICON;
    let mut out = Vec::new();
    let compass = compass_names(text);
    for m in super::text::matches_at_word_starts(&lex.actor_ac, text) {
        let (s, e) = (m.start(), m.end());
        // "U.S." may be listed with its final stop; a stop after it is fine.
        if !is_whole_word(text, s, e) && !text[s..e].ends_with('.') {
            continue;
        }
        if text[..s].ends_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        if compass.iter().any(|&((cs, ce), _)| cs < e && s < ce) {
            continue;
        }
        push_lexicon_hit(text, &mut out, (s, e), m.pattern().as_usize());
    }
    for &(span, pattern) in &compass {
        push_lexicon_hit(text, &mut out, span, pattern);
    }
    out.sort_by_key(|h| h.span);
    out
}

/// Adds the lexicon's actor `pattern` found at `s..e` to `out`, a place
/// where the words around it say so.
fn push_lexicon_hit(text: &str, out: &mut Vec<ActorHit>, (s, e): Span, pattern: usize) {
    let lex = &*LEXICON;
    let (actor, form) = lex.actor_patterns[pattern];
    let prev = word_before_place_modifiers(text, s);
    let after = crate::slice::head(&text[e..], 8);
    let possessive = after.len() - after.trim_start_matches(['\'', '\u{2019}', 's']).len();
    let next = super::text::next_word(text, e + possessive)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    let before = super::text::tail(text, s, 40)
        .trim_end()
        .to_ascii_lowercase();
    let place = PLACE_NOUNS.contains(&next.as_str())
        || before.ends_with("border with")
        || before.ends_with("borders with");
    out.push(ActorHit {
        code: lex.actors[actor].code.clone(),
        span: (s, e),
        form,
        location: place || (form == ActorForm::Name && PLACE_PREPOSITIONS.contains(&prev.as_str())),
        anaphoric: false,
        role: (form == ActorForm::Person).then_some("GOV"),
        entry: Entry::Lexicon(actor as u32),
    });
}

/// Every actor mention in `text`, sorted by start and not overlapping: the
/// project's lexicon ([`find_actors`]), then the PETRARCH dictionaries'
/// named actors where the lexicon has nothing (a person's code is the one
/// valid on `date`), then agent nouns combined with the country the text
/// gives ("Egyptian police" → `EGYCOP`, "police in Cairo" → `EGYCOP`,
/// else the dateline's country `story_country`, else the bare role `COP`).
pub fn find_actors_on(
    text: &str,
    date: Option<chrono::NaiveDate>,
    story_country: Option<&str>,
) -> Vec<ActorHit> {
    use super::dictionaries::{DICTIONARIES, find_agents, find_names};
    let mut hits = find_actors(text);
    let overlaps = |hits: &[ActorHit], sp: Span| {
        let i = hits.partition_point(|h| h.span.1 <= sp.0);
        hits.get(i).is_some_and(|h| h.span.0 < sp.1)
    };
    let day = date.map(|d| d.format("%Y-%m-%d").to_string());
    let mut extra = Vec::new();
    let mut swallowed: rustc_hash::FxHashSet<Span> = Default::default();
    for n in find_names(text) {
        if overlaps(&hits, n.span) {
            // the longer name wins over the demonyms inside it: "the Irish
            // Republican Army" is not "Irish" (IRL) and two words more
            let i = hits.partition_point(|h| h.span.1 <= n.span.0);
            let inside: Vec<&ActorHit> = hits[i..]
                .iter()
                .take_while(|h| h.span.0 < n.span.1)
                .collect();
            let demonyms_within = inside.iter().all(|h| {
                n.span.0 <= h.span.0
                    && h.span.1 <= n.span.1
                    && h.span != n.span
                    && h.form == ActorForm::Adjective
            });
            if !demonyms_within || !text[n.span.0..n.span.1].contains(' ') {
                continue;
            }
            swallowed.extend(inside.iter().map(|h| h.span));
        }
        let actor = &DICTIONARIES.named[n.actor];
        let Some(code) = actor.code_on_day(day.as_deref()) else {
            continue;
        };
        let code = LEXICON.project_code(code);
        let person = actor.kind == "person";
        let hit = ActorHit {
            code: code.to_string(),
            span: n.span,
            form: if person {
                ActorForm::Person
            } else {
                ActorForm::Name
            },
            location: false,
            anaphoric: false,
            role: None,
            entry: Entry::Named(n.actor as u32),
        };
        extra.push(with_country_role(hit, code));
    }
    hits.retain(|h| !swallowed.contains(&h.span));
    merge_sorted(&mut hits, extra);
    let mut extra = Vec::new();
    let mut agents = Vec::new();
    for a in find_agents(text) {
        if overlaps(&hits, a.span) || modifies_next_word(text, a.span.1) {
            continue;
        }
        agents.push(a);
    }
    let mut placed: rustc_hash::FxHashMap<Span, Span> = Default::default();
    for a in agents {
        // the mention right before it: "Egyptian police", "Egypt's police"
        let i = hits.partition_point(|h| h.span.1 <= a.span.0);
        let before = i.checked_sub(1).filter(|&j| {
            let h = &hits[j];
            let gap = &text[h.span.1..a.span.0];
            let gap = gap
                .strip_prefix("'s")
                .or_else(|| gap.strip_prefix("\u{2019}s"))
                .unwrap_or(gap);
            !h.location
                && h.role.is_none()
                && h.form != ActorForm::Person
                && gap == " "
                && hits[j].country().is_some()
        });
        // a state's representation abroad is not of the place it is in
        let envoy = {
            let word = text[a.span.0..a.span.1].to_ascii_lowercase();
            LEXICON.cues.envoy_agents.contains(&word)
        };
        // or a place after it: "police in Cairo", "the government of Iraq"
        let after = hits.get(i).filter(|h| {
            let gap = text[a.span.1..h.span.0].trim().to_ascii_lowercase();
            let place = matches!(gap.as_str(), "in" | "in the") && !envoy;
            (place || matches!(gap.as_str(), "of" | "of the")) && h.country().is_some()
        });
        if let Some(j) = before {
            let country = hits[j].country().unwrap_or_default().to_string();
            let h = &mut hits[j];
            h.code = coded(&country, a.role);
            h.span.1 = a.span.1;
            h.role = Some(a.role);
            h.entry = match h.entry {
                Entry::Lexicon(i) => Entry::LexiconAgent(i, a.pattern),
                _ => Entry::Agent(a.pattern),
            };
            continue;
        }
        let country = after
            .and_then(ActorHit::country)
            .or(story_country.filter(|_| !envoy))
            .unwrap_or_default()
            .to_string();
        // "police in Cairo": the place says where they are; it is no
        // participant of its own
        if let Some(h) = after {
            placed.insert(h.span, a.span);
        }
        if country.is_empty() && !STANDALONE_ROLES.contains(&a.role) {
            // "the president", "soldiers": a part of a state the text does
            // not name is no actor to code
            continue;
        }
        extra.push(ActorHit {
            code: coded(&country, a.role),
            span: a.span,
            form: ActorForm::Name,
            location: false,
            anaphoric: false,
            role: Some(a.role),
            entry: Entry::Agent(a.pattern),
        });
    }
    for h in hits.iter_mut().filter(|h| placed.contains_key(&h.span)) {
        h.location = true;
    }
    merge_sorted(&mut hits, extra);
    let unlisted = super::names::find_unlisted_names(text, is_title_word, |w| {
        super::dictionaries::is_agent_word(w)
    });
    let mut extra = Vec::new();
    let mut weak: rustc_hash::FxHashSet<Span> = Default::default();
    for n in unlisted {
        if dateline_credit(text, n.span) {
            // "CAGUAS, Puerto Rico (AP)_": the wire that sent the story
            continue;
        }
        // the part of the run after the coded mentions inside it ("Arab
        // League Secretary-General Chedli Klibi": "Chedli Klibi")
        let mut start = n.span.0;
        let i = hits.partition_point(|h| h.span.1 <= n.span.0);
        for h in hits[i..].iter().take_while(|h| h.span.0 < n.span.1) {
            start = start.max(h.span.1);
        }
        if start >= n.span.1 {
            continue;
        }
        let coded_end = start;
        let rest = text[start..n.span.1].trim_start_matches(|c: char| !c.is_alphanumeric());
        let start = n.span.1 - rest.len();
        let naming = rest
            .split_whitespace()
            .any(|w| !is_title_word(&w.to_lowercase()));
        if rest.is_empty() || !naming || overlaps(&hits, (start, n.span.1)) {
            continue;
        }
        if coded_end > n.span.0
            && &text[coded_end..start] == " "
            && super::names::is_organisation_head(rest)
        {
            // "the Newark Police Department": the head of the coded
            // mention before it, no name of its own
            continue;
        }
        if n.weak {
            weak.insert((start, n.span.1));
        }
        extra.push(ActorHit {
            code: String::new(),
            span: (start, n.span.1),
            form: if n.organisation {
                ActorForm::Name
            } else {
                ActorForm::Person
            },
            location: n.location,
            anaphoric: false,
            role: None,
            entry: Entry::Unlisted {
                organisation: n.organisation,
            },
        });
    }
    merge_sorted(&mut hits, extra);
    let identified = name_the_surnames(text, &mut hits);
    // one word alone ("Catholic", "Lagos", "Police") is a name only as the
    // surname of a person named before
    hits.retain(|h| !weak.contains(&h.span) || identified.contains(&h.span));
    places_share_their_preposition(text, &mut hits);
    // "police in Cairo": the place says where they are, and is no actor of
    // its own (it stayed until here to lend its preposition to the places
    // coordinated after it)
    hits.retain(|h| !placed.contains_key(&h.span));
    for (place, agent) in placed {
        if let Ok(i) = hits.binary_search_by_key(&agent, |h| h.span) {
            hits[i].span.1 = place.1;
        }
    }
    hits
}

/// "in Nairobi and Dar es Salaam": a name coordinated right after a place
/// is a place too.
fn places_share_their_preposition(text: &str, hits: &mut [ActorHit]) {
    for i in 1..hits.len() {
        let (prev, h) = (&hits[i - 1], &hits[i]);
        if !prev.location || h.location || h.form != ActorForm::Name || prev.span.1 > h.span.0 {
            continue;
        }
        let gap = text[prev.span.1..h.span.0].trim();
        let gap = gap.strip_suffix("the").unwrap_or(gap).trim_end();
        let word = gap.strip_prefix(',').unwrap_or(gap).trim_start();
        if matches!(word, "and" | "or") || gap == "," {
            hits[i].location = true;
        }
    }
}

/// Gives a name that no dictionary knows the identity of the person named
/// before it: the coded person a title before it names ("Tanzanian
/// President Benjamin Mkapa", "U.S. Commerce Secretary William Daley"),
/// else the person (coded or not) named in full before whose name ends in
/// the same word ("Madeleine Albright" ... "Albright", "James Kopp" ...
/// "Kopp"). Returns the spans of the names so identified.
fn name_the_surnames(text: &str, hits: &mut [ActorHit]) -> rustc_hash::FxHashSet<Span> {
    let last_word = |s: &str| {
        s.rsplit(|c: char| c.is_whitespace() || c == '.')
            .next()
            .unwrap_or("")
            .to_string()
    };
    let mut people: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    let mut identified: rustc_hash::FxHashSet<Span> = Default::default();
    for i in 0..hits.len() {
        let h = &hits[i];
        let words = &text[h.span.0..h.span.1];
        let unlisted_person = h.entry
            == Entry::Unlisted {
                organisation: false,
            };
        if h.form == ActorForm::Person && !h.code.is_empty() && !h.anaphoric {
            people.insert(last_word(words), i);
            continue;
        }
        if !unlisted_person {
            continue;
        }
        let titled = i.checked_sub(1).filter(|&j| {
            let t = &hits[j];
            !t.code.is_empty()
                && !t.location
                && &text[t.span.1..h.span.0] == " "
                && is_title_word(&last_word(&text[t.span.0..t.span.1]).to_lowercase())
        });
        let Some(j) = titled.or_else(|| people.get(&last_word(words)).copied()) else {
            if words.contains(' ') {
                // a full name no dictionary knows: its surname may follow
                people.insert(last_word(words), i);
            }
            continue;
        };
        let (code, role, entry) = (hits[j].code.clone(), hits[j].role, hits[j].entry);
        let h = &mut hits[i];
        (h.code, h.role, h.entry) = (code, role, entry);
        identified.insert(h.span);
        people.insert(last_word(&text[h.span.0..h.span.1]), i);
    }
    identified
}

/// The state of a dateline that opens the sentence at `span` ("NAIROBI,
/// Kenya (AP) _", "CAIRO, Egypt -- "): the last state named before the
/// dateline's dash, if the sentence opens with a word in capitals.
pub fn dateline_country(text: &str, span: Span) -> Option<String> {
    let head = crate::slice::head(&text[span.0..span.1], 80);
    let first = head.split_whitespace().next()?;
    let first = first.trim_end_matches(',');
    if first.len() < 3 || first.chars().any(char::is_lowercase) {
        return None;
    }
    let end = [
        "_",
        "\u{2014}",
        "\u{2013}",
        " -- ",
        " - ",
        "(AP)",
        "(Reuters)",
        "(AFP)",
    ]
    .iter()
    .filter_map(|m| head.find(m))
    .min()?;
    find_actors(&head[..end])
        .iter()
        .rev()
        .find(|h| super::lexicon::LEXICON.is_state(&h.code))
        .map(|h| h.code.clone())
}

/// Roles that are actors even when no state is named, coded by the role
/// alone as CAMEO does (`COP`, `REB`): police, rebels, armed groups, the
/// opposition, refugees. Civilians (protesters among them, issue 14),
/// courts and the media need a state: "customers", "the court" and "the
/// website" alone are no political actors.
const STANDALONE_ROLES: &[&str] = &["COP", "REB", "UAF", "OPP", "REF"];

/// The code of a part of a state: the state and the role (`EGYCOP`), or
/// the role alone where no state is known (`COP`). Government and leaders
/// are coded by their state alone (`USA`, role `GOV`), as the answer keys
/// code them.
fn coded(country: &str, role: &str) -> String {
    if role == "GOV" && !country.is_empty() {
        country.to_string()
    } else {
        format!("{country}{role}")
    }
}

/// A dictionary hit with its CAMEO code split: a code that starts with a
/// state keeps the state as `code` for people (the seed key codes leaders
/// by their state) and the full code for units and groups (`AFGMIL`), the
/// rest as `role`.
fn with_country_role(mut h: ActorHit, code: &'static str) -> ActorHit {
    if let Some(c) = h.country().map(str::to_string) {
        let rest = &code[3..];
        if !rest.is_empty() {
            h.role = Some(rest.get(..3).unwrap_or(rest));
        }
        if h.form == ActorForm::Person {
            h.code = c;
        }
    }
    h
}

/// Adds `extra` (sorted, not overlapping `hits`) into `hits`, keeping the
/// order by start.
fn merge_sorted(hits: &mut Vec<ActorHit>, extra: Vec<ActorHit>) {
    if extra.is_empty() {
        return;
    }
    hits.extend(extra);
    hits.sort_by_key(|h| h.span.0);
}

/// Whether the word after an agent noun makes it a modifier ("military
/// buildup", "police raid", "government troops"): the next word, lower case
/// and after a space, is an event word used as a noun (not a past form, and
/// not followed by its object: "police arrested", "police arrest the
/// protesters") or another agent noun.
fn modifies_next_word(text: &str, end: usize) -> bool {
    let rest = crate::slice::head(&text[end..], 60);
    if !rest.starts_with(' ') {
        return false;
    }
    let mut words = rest
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty());
    let next = words.next().unwrap_or("");
    if next.is_empty() || !next.starts_with(char::is_lowercase) {
        return false;
    }
    let after = words.next().unwrap_or("").to_ascii_lowercase();
    let takes_object = matches!(
        after.as_str(),
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "two"
            | "three"
            | "several"
            | "dozens"
    ) || after.starts_with(|c: char| c.is_ascii_digit());
    let event_noun =
        super::lexicon::LEXICON.is_trigger_word(next) && !next.ends_with("ed") && !takes_object;
    event_noun || super::dictionaries::is_agent_word(next)
}

/// Groups of coordinated mentions: runs separated only by commas, "and",
/// "or", "&", "the" or a possessive.
pub fn group_actors<'a>(text: &str, hits: &'a [ActorHit]) -> Vec<&'a [ActorHit]> {
    let mut groups = Vec::new();
    let mut start = 0;
    for i in 1..=hits.len() {
        let joined = i < hits.len() && {
            if hits[i].span.0 < hits[i - 1].span.1 {
                // one reference standing for several actors ("they")
                true
            } else {
                let gap = &text[hits[i - 1].span.1..hits[i].span.0];
                let words: Vec<&str> = gap
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|w| !w.is_empty())
                    .collect();
                gap.len() < 60
                    && words.iter().all(|w| {
                        let lw = w.to_lowercase();
                        matches!(
                            lw.as_str(),
                            "and"
                                | "or"
                                | "&"
                                | "the"
                                | "'s"
                                | "’s"
                                | "its"
                                | "his"
                                | "her"
                                | "their"
                                | "allies"
                                | "both"
                                | "counterpart"
                                | "counterparts"
                        ) || TITLE_WORDS.contains(lw.as_str())
                    })
            }
        };
        if !joined {
            groups.push(&hits[start..i]);
            start = i;
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// References to several actors at once.
const PLURAL_REFERENCES: &[&str] = &[
    "they",
    "them",
    "their",
    "both",
    "the two leaders",
    "the two men",
    "the two presidents",
    "the two sides",
    "both sides",
    "the leaders",
    "the two countries",
    "both countries",
    "the two",
    "each other",
    "the two opponents",
    "the two nations",
    "both leaders",
];
/// References to one person.
const PERSON_REFERENCES: &[&str] = &["he", "she", "his", "her", "him"];
/// References to one state or organisation.
const THING_REFERENCES: &[&str] = &["it", "its"];

/// The kind of each reference pattern: 0 plural, 1 person, 2 thing.
static REFERENCE_KINDS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    [
        (PLURAL_REFERENCES, 0u8),
        (PERSON_REFERENCES, 1),
        (THING_REFERENCES, 2),
    ]
    .iter()
    .flat_map(|(list, k)| list.iter().map(move |_| *k))
    .collect()
});

/// One automaton over every reference word (case-insensitive).
static REFERENCES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let all: Vec<&str> = PLURAL_REFERENCES
        .iter()
        .chain(PERSON_REFERENCES)
        .chain(THING_REFERENCES)
        .copied()
        .collect();
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(all)
        .expect("reference patterns build")
});

/// What the story last mentioned, for resolving references.
///
/// Each antecedent remembers the sentence it was last mentioned in, and a
/// reference reaches back at most [`REFERENCE_REACH`] sentences: an
/// antecedent the story has not named for longer is no longer what "it" or
/// "they" stand for, and an unresolved reference gives no actor rather
/// than a stale one.
#[derive(Debug, Default, Clone)]
pub struct ActorMemory {
    /// The last group of two or more distinct actors.
    pub pair: Vec<String>,
    /// The last person's actor.
    pub person: Option<String>,
    /// The last state or organisation named by its name (not by an
    /// adjective: "a French company" is not France, so "it" after it is not
    /// France either).
    pub thing: Option<String>,
    /// Sentences remembered so far (the clock of the fields below).
    pub sentence: usize,
    /// When each of `pair`, `person` and `thing` was last set.
    pub set_at: [usize; 3],
}

/// How many sentences back a reference may find its antecedent: its own
/// sentence, and the one or two before.
pub const REFERENCE_REACH: usize = 100;

/// The most actors a coordinated group gives a plural reference ("they"):
/// real groups have a handful, and a text that coordinates thousands of
/// names would otherwise give every reference thousands of mentions.
const MAX_GROUP_CODES: usize = 64;

/// Whether a name is a dateline's credit: in parentheses, with the
/// dateline's dash or underscore right after ("CAGUAS, Puerto Rico (AP)_",
/// "BEIRUT (Reuters) -"): the wire that sent the story, no actor of it.
fn dateline_credit(text: &str, span: Span) -> bool {
    let opened = text[..span.0].ends_with('(');
    let after = crate::slice::head(&text[span.1..], 8);
    opened
        && after.strip_prefix(')').is_some_and(|rest| {
            rest.trim_start_matches(' ')
                .starts_with(['_', '-', '\u{2013}', '\u{2014}'])
        })
}

/// Whether the agent noun of a role mention is plural ("Egyptian
/// reporters", "reporters in Washington", "rebels"): no antecedent of "it".
fn plural_agent(words: &str) -> bool {
    let plural =
        |w: &str| w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us");
    let lower: Vec<String> = words
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    lower.last().is_some_and(|w| plural(w))
        || lower
            .iter()
            .any(|w| plural(w) && super::dictionaries::is_agent_word(w))
}

/// What one group of coordinated mentions tells the memory, built mention
/// by mention.
#[derive(Debug, Default, Clone)]
struct GroupState {
    /// The group's participants (not locations), repeats in a row merged.
    codes: Vec<String>,
    /// Its last person.
    person: Option<String>,
    /// Its last state or organisation named by name.
    thing: Option<String>,
}

impl GroupState {
    /// Adds the group's next mention (its words in `text`).
    fn push(&mut self, h: &ActorHit, text: &str) {
        if h.location {
            return;
        }
        if self.codes.last() != Some(&h.code) && self.codes.len() < MAX_GROUP_CODES {
            self.codes.push(h.code.clone());
        }
        match h.form {
            // a person no dictionary knows is mostly a witness or an
            // official quoted once; "he" and "she" go on meaning the
            // story's coded people (measured on the development key:
            // actor accuracy 0.60 against 0.58 with them)
            ActorForm::Person if h.code.is_empty() => {}
            ActorForm::Person => self.person = Some(h.code.clone()),
            // a role without a state ("police") is no antecedent of "it",
            // nor a plural one ("reporters")
            ActorForm::Name
                if h.role.is_none()
                    || (h.country().is_some() && !plural_agent(&text[h.span.0..h.span.1])) =>
            {
                self.thing = Some(h.code.clone());
            }
            // a demonym with its agent noun is a noun phrase ("the Cuban
            // government ... its condolences")
            ActorForm::Adjective if h.role.is_some() && h.country().is_some() => {
                self.thing = Some(h.code.clone());
            }
            _ => {}
        }
    }
}

impl ActorMemory {
    /// Remembers what a group says.
    fn apply(&mut self, g: &GroupState) {
        if g.codes.len() >= 2 {
            self.pair = g.codes.clone();
            self.set_at[0] = self.sentence;
        }
        if let Some(p) = &g.person {
            self.person = Some(p.clone());
            self.set_at[1] = self.sentence;
        }
        if let Some(t) = &g.thing {
            self.thing = Some(t.clone());
            self.set_at[2] = self.sentence;
        }
    }

    /// Whether the antecedent of reference kind `kind` was named recently
    /// enough to be referred to.
    fn fresh(&self, kind: usize) -> bool {
        self.sentence - self.set_at[kind] <= REFERENCE_REACH
    }

    /// Remembers the mentions of a sentence, in order, and moves the clock
    /// on by one sentence.
    pub fn update(&mut self, hits: &[ActorHit], text: &str) {
        // the person a later "he" or "she" most likely means is the
        // sentence's first, its subject (centering), not its last
        let mut first_person = None;
        for g in group_actors(text, hits) {
            let mut state = GroupState::default();
            for h in g {
                state.push(h, text);
            }
            first_person = first_person.or_else(|| state.person.clone());
            self.apply(&state);
        }
        if let Some(p) = first_person {
            self.person = Some(p);
        }
        self.sentence += 1;
    }

    /// Mentions that references in `text[span]` stand for, placed at the
    /// reference's position. A reference first looks back in its own
    /// sentence (`named`: the sentence's named mentions, sorted and not
    /// overlapping), then at the story. Linear in the sentence: the memory
    /// at each reference is built on the one at the reference before.
    pub fn resolve(&self, text: &str, span: Span, named: &[ActorHit]) -> Vec<ActorHit> {
        let slice = &text[span.0..span.1];
        let mut found: Vec<(Span, u8)> = REFERENCES
            .find_overlapping_iter(slice)
            .filter(|m| is_whole_word(slice, m.start(), m.end()))
            .map(|m| {
                let at = (span.0 + m.start(), span.0 + m.end());
                (at, REFERENCE_KINDS[m.pattern().as_usize()])
            })
            .collect();
        found.sort_by_key(|(at, _)| at.0);
        // where each group of the named mentions ends
        let group_ends: Vec<usize> = group_actors(text, named)
            .iter()
            .scan(0, |end, g| {
                *end += g.len();
                Some(*end)
            })
            .collect();
        let mut base = self.clone();
        let mut partial = GroupState::default();
        let (mut done, mut group) = (0, 0);
        let mut out = Vec::new();
        for (at, kind) in found {
            // the named mentions before the reference: whole groups go into
            // the base memory, the group still open stays partial
            let before = named.partition_point(|h| h.span.1 <= at.0);
            while done < before {
                partial.push(&named[done], text);
                done += 1;
                if group_ends.get(group) == Some(&done) {
                    base.apply(&partial);
                    partial = GroupState::default();
                    group += 1;
                }
            }
            let mut local = base.clone();
            local.apply(&partial);
            let kind = usize::from(kind);
            let codes: Vec<String> = match kind {
                _ if !local.fresh(kind) => Vec::new(),
                0 => local.pair,
                1 => local.person.into_iter().collect(),
                _ => local.thing.into_iter().collect(),
            };
            for c in codes {
                out.push(ActorHit {
                    code: c,
                    span: at,
                    form: ActorForm::Name,
                    location: false,
                    anaphoric: true,
                    role: None,
                    entry: Entry::Reference,
                });
            }
        }
        out.sort_by_key(|h| h.span);
        // A longer reference ("the two leaders") wins over one inside it ("the two").
        let mut kept: Vec<ActorHit> = Vec::new();
        for h in out {
            if let Some(k) = kept.last()
                && h.span.0 < k.span.1
                && h.span != k.span
            {
                if h.span.1 - h.span.0 > k.span.1 - k.span.0 {
                    // the shorter one's mentions are the last ones kept
                    let ks = k.span;
                    while kept.last().is_some_and(|x| x.span == ks) {
                        kept.pop();
                    }
                } else {
                    continue;
                }
            }
            kept.push(h);
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(String, &str)> {
        find_actors(text)
            .into_iter()
            .map(|h| (h.code, &text[h.span.0..h.span.1]))
            .collect()
    }

    #[test]
    fn an_organisation_head_after_a_coded_mention_is_no_name_of_its_own() {
        let t = "Officers of the Newark Police Department arrested him.";
        let hits = find_actors_on(t, None, Some("USA"));
        assert!(
            hits.iter().all(|h| &t[h.span.0..h.span.1] != "Department"),
            "{hits:?}"
        );
        let t = "CAGUAS, Puerto Rico (AP)_ Kidnappers killed a store owner.";
        let hits = find_actors_on(t, None, None);
        assert!(
            hits.iter().all(|h| &t[h.span.0..h.span.1] != "AP"),
            "{hits:?}"
        );
    }

    #[test]
    fn a_dateline_credit_is_no_actor() {
        let t = "CAGUAS, Puerto Rico (AP)_ Kidnappers killed a store owner.";
        let at = t.find("AP").unwrap();
        assert!(dateline_credit(t, (at, at + 2)));
        let t = "BEIRUT (Reuters) - Gunmen attacked a convoy.";
        let at = t.find("Reuters").unwrap();
        assert!(dateline_credit(t, (at, at + 7)));
        // a name in parentheses in the story is one
        let t = "the Ulster Unionists (UUP) said.";
        let at = t.find("UUP").unwrap();
        assert!(!dateline_credit(t, (at, at + 3)));
    }

    #[test]
    fn a_plural_agent_is_no_antecedent_of_it() {
        for words in ["Egyptian reporters", "reporters in Washington", "rebels"] {
            assert!(plural_agent(words), "{words}");
        }
        for words in ["the Egyptian government", "police in Cairo", "the press"] {
            assert!(!plural_agent(words), "{words}");
        }
    }

    #[test]
    fn a_lower_case_compass_word_opens_the_name_it_makes() {
        let t = "Police in northern Ireland met envoys of north Korea and the north Korean army.";
        assert_eq!(
            codes(t),
            [
                ("GBR".to_string(), "northern Ireland"),
                ("PRK".to_string(), "north Korea"),
                ("PRK".to_string(), "north Korean")
            ]
        );
        // a part of a state keeps its state
        assert_eq!(
            codes("Rebels in northern Iraq."),
            [("IRQ".to_string(), "Iraq")]
        );
    }

    #[test]
    fn united_states_agencies_are_the_united_states() {
        for name in [
            "ICE",
            "Immigration and Customs Enforcement",
            "DHS",
            "CBP",
            "USAID",
        ] {
            let t = format!("{name} returned the paintings.");
            assert_eq!(codes(&t), [("USA".to_string(), name)], "{t}");
        }
    }

    #[test]
    fn people_places_institutions() {
        let t = "Biden, the White House and Washington; Putin, the Kremlin, Moscow, Peskov and Lavrov; Kiev and Kyiv.";
        let c: Vec<String> = codes(t).into_iter().map(|(c, _)| c).collect();
        assert_eq!(
            c,
            vec![
                "USA", "USA", "USA", "RUS", "RUS", "RUS", "RUS", "RUS", "UKR", "UKR"
            ]
        );
    }

    #[test]
    fn whole_words_only_and_longest() {
        let t = "Putinism is not Vladimir Putin; Italyan is not Italy.";
        let c = codes(t);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].1, "Vladimir Putin");
        assert_eq!(c[1].0, "ITA");
    }

    #[test]
    fn groups_and_locations() {
        let t = "the leaders of the U.S., U.K., France, Germany, and Italy met in Moscow";
        let hits = find_actors(t);
        let groups = group_actors(t, &hits);
        assert_eq!(groups[0].len(), 5, "{groups:?}");
        assert!(hits.last().unwrap().location);
    }

    #[test]
    fn a_place_keeps_its_preposition_across_compass_words_and_titles() {
        for t in [
            "Rebels attacked an army camp in western Kabul.",
            "Shelling hit homes in the capital Kabul.",
            "Troops gathered near the north-eastern city of Kabul.",
        ] {
            let hits = find_actors(t);
            let kabul = hits.iter().find(|h| &t[h.span.0..h.span.1] == "Kabul");
            assert!(kabul.is_some_and(|h| h.location), "{t}: {hits:?}");
        }
        let t = "Bombs hit the police in Nairobi and Dar es Salaam.";
        let hits = find_actors_on(t, None, None);
        // "police in Nairobi" is one actor; the place coordinated after
        // it keeps the preposition
        assert_eq!(&t[hits[0].span.0..hits[0].span.1], "police in Nairobi");
        let hit = hits
            .iter()
            .find(|h| &t[h.span.0..h.span.1] == "Dar es Salaam");
        assert!(hit.is_some_and(|h| h.location), "{hits:?}");
        // a title before a name makes no place of it
        let t = "The president of Afghanistan met them.";
        assert!(find_actors(t).iter().all(|h| !h.location));
    }

    #[test]
    fn names_without_spaces_between_them_are_all_found() {
        let t = "Russia,".repeat(3000);
        let hits = find_actors(&t);
        assert_eq!(hits.len(), 3000);
        assert!(
            hits.iter()
                .all(|h| h.code == "RUS" && &t[h.span.0..h.span.1] == "Russia")
        );
        // the word after a name is still read: "the Ukraine border" is a place
        let t = "Troops massed near the Ukraine border; Ukraine's leaders met.";
        let hits = find_actors(t);
        assert!(hits[0].location && !hits[1].location, "{hits:?}");
    }

    #[test]
    fn references_resolve_to_memory() {
        let t = "Biden and Putin spoke.";
        let mut m = ActorMemory::default();
        m.update(&find_actors(t), t);
        let r = m.resolve("The two leaders agreed. He left.", (0, 32), &[]);
        let got: Vec<&str> = r.iter().map(|h| h.code.as_str()).collect();
        assert_eq!(got, vec!["USA", "RUS", "RUS"]);
        let t2 = "Biden said on Friday that he would act.";
        let named = find_actors(t2);
        let r = m.resolve(t2, (0, t2.len()), &named);
        assert_eq!(
            r[0].code, "USA",
            "he is Biden, named earlier in the sentence"
        );
    }

    #[test]
    fn it_is_not_the_country_of_an_adjective() {
        // "a French company ... it": the company, not France
        let t = "A French company won the contract.";
        let mut m = ActorMemory::default();
        m.update(&find_actors(t), t);
        let r = m.resolve("It will build the bridge.", (0, 25), &[]);
        assert!(r.is_empty(), "{r:?}");
        let t = "France won the vote.";
        let mut m = ActorMemory::default();
        m.update(&find_actors(t), t);
        let r = m.resolve("It will build the bridge.", (0, 25), &[]);
        assert_eq!(r[0].code, "FRA");
    }

    #[test]
    fn references_do_not_reach_past_a_few_sentences() {
        let t = "Turkey and Greece met.";
        let mut m = ActorMemory::default();
        m.update(&find_actors(t), t);
        let later = "They signed a pact.";
        assert_eq!(m.resolve(later, (0, later.len()), &[]).len(), 2);
        for _ in 0..REFERENCE_REACH {
            m.update(&[], "");
        }
        assert!(
            m.resolve(later, (0, later.len()), &[]).is_empty(),
            "the pair was named {} sentences ago",
            REFERENCE_REACH + 1
        );
    }

    #[test]
    fn agents_combine_with_the_state_before_or_after_them() {
        let got = |t: &str| -> Vec<(String, String)> {
            find_actors_on(t, None, None)
                .into_iter()
                .map(|h| (h.code, t[h.span.0..h.span.1].to_string()))
                .collect()
        };
        let c = got("Egyptian police arrested 12 protesters.");
        assert_eq!(
            c[0],
            ("EGYCOP".to_string(), "Egyptian police".to_string()),
            "{c:?}"
        );
        // the place after it is part of the one actor, not a second one
        let c = got("Police in Egypt arrested 12 protesters.");
        assert_eq!(
            c,
            vec![("EGYCOP".to_string(), "Police in Egypt".to_string())]
        );
        // a line break parts a headline's name from the next line's agent
        let c = got("Cairo\n\nPolice arrested 12 protesters.");
        assert_eq!(c[1].1, "Police", "{c:?}");
        // a modifier of an event noun is no agent: "a Russian military buildup"
        let c = got("a Russian military buildup");
        assert_eq!(c, vec![("RUS".to_string(), "Russian".to_string())]);
        // a role no state is given for: police alone are police, the
        // president alone is no actor
        let c = got("Police fired on the crowd as the president watched.");
        assert_eq!(c, vec![("COP".to_string(), "Police".to_string())]);
        // protesters are civilians (issue 14), opposition groups the opposition
        let c = got("Egyptian protesters marched.");
        assert_eq!(c[0].0, "EGYCVL", "{c:?}");
        let c = got("Egyptian opposition activists marched.");
        assert_eq!(c[0].0, "EGYOPP", "{c:?}");
    }

    #[test]
    fn an_embassy_is_not_of_the_place_it_is_in() {
        let codes = |t: &str, story: Option<&str>| -> Vec<String> {
            find_actors_on(t, None, story)
                .into_iter()
                .map(|h| h.code)
                .collect()
        };
        // the host's city and the dateline's country give it no state
        assert_eq!(codes("The embassy in Nairobi was bombed.", None), ["KEN"]);
        assert!(codes("The ambassador laid a wreath.", Some("KEN")).is_empty());
        // police there are the host's
        assert_eq!(codes("Police laid a wreath.", Some("KEN")), ["KENCOP"]);
        // its own state comes before it, or after "of"
        for (text, story) in [
            ("The Kenyan embassy was bombed.", Some("TZA")),
            ("The embassy of Kenya was bombed.", None),
        ] {
            let c = codes(text, story);
            assert!(
                !c.is_empty() && c.iter().all(|c| c.starts_with("KEN")),
                "{text}: {c:?}"
            );
        }
    }
}
