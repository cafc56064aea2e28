//! The field's dictionaries, converted from PETRARCH2/Phoenix by
//! `tools/petrarch_assets.py`: agent nouns with their CAMEO roles
//! (`assets/agents.toml`), named actors with dated codes
//! (`assets/petrarch_actors.toml`) and the discards of stories that are not
//! about politics (`assets/discards.toml`).

use super::text::is_whole_word;
use crate::Span;
use aho_corasick::AhoCorasick;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::sync::LazyLock;

/// Agent roles that make a political participant of a country's people
/// (government, military, rebels, police, courts, opposition, legislators,
/// intelligence, civilians, unidentified armed groups, refugees, media,
/// parties, organisations, labour and education: workers on strike and
/// students marching are actors of CAMEO's protests). Business, health and
/// the like are left out: "the company" and "doctors" are not, by
/// themselves, actors of political tension.
pub const POLITICAL_ROLES: &[&str] = &[
    "GOV", "MIL", "REB", "COP", "JUD", "OPP", "LEG", "SPY", "CVL", "UAF", "REF", "MED", "IGO",
    "NGO", "PTY", "LAB", "EDU",
];

#[derive(Debug, Deserialize)]
struct AgentsFile {
    agent: Vec<AgentEntry>,
}

#[derive(Debug, Deserialize)]
struct AgentEntry {
    role: String,
    words: Vec<String>,
}

/// One named actor of the PETRARCH dictionaries.
#[derive(Debug, Clone)]
pub struct NamedActor {
    /// `organization`, `group` or `person`.
    pub kind: String,
    /// Its names, upper case as in the dictionary.
    pub names: Vec<String>,
    /// Its code outside every dated period, if any.
    pub code: Option<String>,
    /// `[code, from, to]` (ISO dates; empty = open).
    pub periods: Vec<[String; 3]>,
}

impl NamedActor {
    /// Reads one `KIND|CODE|PERIODS|NAMES` record of the asset.
    fn parse(record: &str) -> Result<NamedActor, String> {
        let f: Vec<&str> = record.split('|').collect();
        let [kind, code, periods, names] = f[..] else {
            return Err(format!("not KIND|CODE|PERIODS|NAMES: {record}"));
        };
        let periods = periods
            .split(';')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let v: Vec<&str> = p.split('@').collect();
                match v[..] {
                    [c, a, b] => Ok([c.to_string(), a.to_string(), b.to_string()]),
                    _ => Err(format!("a period is not CODE@FROM@TO: {record}")),
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        let names: Vec<String> = names.split(';').map(str::to_string).collect();
        if names.iter().any(String::is_empty) || (code.is_empty() && periods.is_empty()) {
            return Err(format!("an actor needs names and a code: {record}"));
        }
        Ok(NamedActor {
            kind: kind.to_string(),
            names,
            code: (!code.is_empty()).then(|| code.to_string()),
            periods,
        })
    }
}

impl NamedActor {
    /// The CAMEO code on `date` (its first period covering the date, else
    /// the default, else its latest period's code).
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<&str> {
        self.code_on_day(date.map(|d| d.format("%Y-%m-%d").to_string()).as_deref())
    }

    /// [`NamedActor::code_on`] with the date as an ISO day (`2013-05-01`),
    /// formatted once by a caller that looks up many actors.
    pub fn code_on_day(&self, day: Option<&str>) -> Option<&str> {
        if let Some(day) = day {
            for [code, from, to] in &self.periods {
                if (from.is_empty() || from.as_str() <= day)
                    && (to.is_empty() || day <= to.as_str())
                {
                    return Some(code);
                }
            }
        }
        self.code
            .as_deref()
            .or_else(|| self.periods.last().map(|p| p[0].as_str()))
    }
}

#[derive(Debug, Deserialize)]
struct NamedFile {
    actors: Vec<String>,
}

/// One name of a named actor, as words.
#[derive(Debug, Clone)]
pub struct NameEntry {
    /// The actor (index into [`Dictionaries::named`]).
    pub actor: usize,
    /// The name's words after the first, upper case.
    pub rest: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct DiscardsFile {
    /// Story-level discards; the file's sentence-level ones ("years ago",
    /// "champion") would drop history from political stories and are not
    /// read.
    story: Vec<String>,
}

/// The converted dictionaries, ready to match.
pub struct Dictionaries {
    /// Agent roles, parallel to the agent automaton's patterns.
    pub agent_roles: Vec<String>,
    /// Agent nouns, parallel to the agent automaton's patterns.
    pub agent_words: Vec<String>,
    /// Case-insensitive automaton over agent nouns (anchored searches).
    pub agent_ac: AhoCorasick,
    /// Named actors.
    pub named: Vec<NamedActor>,
    /// Their names by first word (upper case), longest first: a hash
    /// lookup per capitalised word of the text, built in milliseconds
    /// where an automaton over the 40,000 names takes half a second.
    pub names: FxHashMap<String, Vec<NameEntry>>,
    /// Phrases that mark a story as not about politics.
    pub story_discards: AhoCorasick,
}

impl Dictionaries {
    /// Parses the asset files; the error names the file and the problem.
    pub fn load() -> Result<Dictionaries, String> {
        let agents: AgentsFile = toml::from_str(include_str!("../../assets/agents.toml"))
            .map_err(|e| format!("assets/agents.toml: {e}"))?;
        let named: NamedFile = toml::from_str(include_str!("../../assets/petrarch_actors.toml"))
            .map_err(|e| format!("assets/petrarch_actors.toml: {e}"))?;
        let discards: DiscardsFile = toml::from_str(include_str!("../../assets/discards.toml"))
            .map_err(|e| format!("assets/discards.toml: {e}"))?;
        let (mut agent_roles, mut agent_words) = (Vec::new(), Vec::new());
        for a in agents
            .agent
            .iter()
            .filter(|a| POLITICAL_ROLES.contains(&a.role.as_str()))
        {
            for w in &a.words {
                agent_roles.push(a.role.clone());
                agent_words.push(w.clone());
            }
        }
        let named: Vec<NamedActor> = named
            .actors
            .iter()
            .map(|r| NamedActor::parse(r))
            .collect::<Result<_, _>>()
            .map_err(|e| format!("assets/petrarch_actors.toml: {e}"))?;
        let mut names: FxHashMap<String, Vec<NameEntry>> = FxHashMap::default();
        for (i, a) in named.iter().enumerate() {
            for n in &a.names {
                let mut words = n.split_whitespace().map(str::to_ascii_uppercase);
                let Some(first) = words.next() else { continue };
                names.entry(first).or_default().push(NameEntry {
                    actor: i,
                    rest: words.collect(),
                });
            }
        }
        for v in names.values_mut() {
            // longer names than the look-ahead could never match
            v.retain(|e| e.rest.len() < NAME_LOOKAHEAD);
            v.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
        }
        let story = discards.story;
        Ok(Dictionaries {
            agent_ac: super::lexicon::anchored_automaton(&agent_words, true)
                .map_err(|e| format!("agent automaton: {e}"))?,
            agent_roles,
            agent_words,
            names,
            named,
            story_discards: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&story)
                .map_err(|e| format!("discard automaton: {e}"))?,
        })
    }
}

/// The dictionaries compiled into the binary.
pub static DICTIONARIES: LazyLock<Dictionaries> =
    LazyLock::new(|| Dictionaries::load().expect("assets are valid (checked by a test)"));

/// Words that may stay lower case inside a capitalised name ("Army of
/// Mohammed", "Ministry for Foreign Affairs").
const NAME_JOINERS: &[&str] = &[
    "of", "the", "for", "and", "de", "del", "la", "al", "el", "du", "des", "in", "on", "bin",
    "ibn", "bint", "ben", "arap", "van", "von", "der", "da", "dos",
];

/// Whether `words` is written as a name: every word capitalised (or a
/// joiner); a single word only when written in capitals ("OAU").
fn written_as_name(words: &str) -> bool {
    let parts: Vec<&str> = words.split_whitespace().collect();
    if parts.len() == 1 {
        return words.len() >= 3 && words.chars().all(|c| !c.is_lowercase());
    }
    parts
        .first()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
        && parts.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || NAME_JOINERS.contains(&w.to_ascii_lowercase().as_str())
        })
}

/// A named actor found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHit {
    /// The actor (index into [`Dictionaries::named`]).
    pub actor: usize,
    /// The words.
    pub span: Span,
}

/// The words of a text with their spans, one at a time: runs of letters,
/// digits and the characters names carry inside (`.`, `'`, `-`, `&`), a
/// sentence's full stop left out ("U.N." keeps its stops). An iterator, so
/// that a text of a million words needs no list of them.
struct NameWords<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for NameWords<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let inside = |c: char| c.is_alphanumeric() || matches!(c, '.' | '\'' | '-' | '&');
        let rest = &self.text[self.at..];
        let start = self.at + rest.find(inside)?;
        let len = self.text[start..]
            .find(|c: char| !inside(c))
            .unwrap_or(self.text.len() - start);
        let mut end = start + len;
        self.at = end;
        while end > start + 1 && self.text[..end].ends_with(['.', '\'', '-']) {
            let word = &self.text[start..end];
            if word.matches('.').count() > 1 && word.ends_with('.') {
                break;
            }
            end -= 1;
        }
        Some((start, end))
    }
}

/// The longest name the dictionaries hold, in words after its first: how
/// far ahead [`find_names`] looks.
const NAME_LOOKAHEAD: usize = 16;

/// Every dictionary name written as a name in `text`, sorted by start,
/// the longest at each place, not overlapping.
pub fn find_names(text: &str) -> Vec<NameHit> {
    let d = &*DICTIONARIES;
    let mut source = NameWords { text, at: 0 };
    // a window of the next words (the first is the one looked at)
    let mut words: std::collections::VecDeque<Span> = std::collections::VecDeque::new();
    let mut out = Vec::new();
    loop {
        while words.len() <= NAME_LOOKAHEAD {
            match source.next() {
                Some(w) => words.push_back(w),
                None => break,
            }
        }
        let Some(&(s, e)) = words.front() else {
            break;
        };
        let w = &text[s..e];
        let found = if w.starts_with(char::is_uppercase) {
            d.names.get(&w.to_ascii_uppercase()).and_then(|cands| {
                cands.iter().find(|c| {
                    c.rest.len() < words.len()
                        && c.rest.iter().enumerate().all(|(k, r)| {
                            let (a, b) = words[1 + k];
                            // the words follow each other, separated by one space
                            &text[words[k].1..a] == " " && text[a..b].eq_ignore_ascii_case(r)
                        })
                })
            })
        } else {
            None
        };
        let taken = match found {
            Some(c) => {
                let end = words[c.rest.len()].1;
                if written_as_name(&text[s..end]) {
                    out.push(NameHit {
                        actor: c.actor,
                        span: (s, end),
                    });
                    c.rest.len() + 1
                } else {
                    1
                }
            }
            None => 1,
        };
        words.drain(..taken);
    }
    out
}

/// An agent noun found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentHit {
    /// Its CAMEO role (`COP`).
    pub role: &'static str,
    /// The words.
    pub span: Span,
    /// The index of the dictionary pattern matched.
    pub pattern: u32,
}

/// Whether `word` (one word, any case) is an agent noun of the dictionary
/// ("troops", "police", "coordinator").
pub fn is_agent_word(word: &str) -> bool {
    DICTIONARIES
        .agent_ac
        .find(aho_corasick::Input::new(word).anchored(aho_corasick::Anchored::Yes))
        .is_some_and(|m| m.end() == word.len())
}

/// Every agent noun in `text`, sorted by start.
pub fn find_agents(text: &str) -> Vec<AgentHit> {
    let d: &'static Dictionaries = &DICTIONARIES;
    super::text::matches_at_word_starts(&d.agent_ac, text)
        .into_iter()
        .filter(|m| is_whole_word(text, m.start(), m.end()))
        .map(|m| AgentHit {
            role: d.agent_roles[m.pattern().as_usize()].as_str(),
            span: (m.start(), m.end()),
            pattern: m.pattern().as_u32(),
        })
        .collect()
}

/// Story discards (sports results, entertainment) found in `text` as whole
/// words ("inning", not "beginning").
pub fn discard_count(text: &str) -> usize {
    DICTIONARIES
        .story_discards
        .find_iter(text)
        .filter(|m| is_whole_word(text, m.start(), m.end()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionaries_load_and_are_non_trivial() {
        let d = Dictionaries::load().expect("the converted dictionaries parse");
        assert!(d.agent_roles.len() > 1000, "{}", d.agent_roles.len());
        assert!(d.named.len() > 10_000, "{}", d.named.len());
        for r in &d.agent_roles {
            assert!(POLITICAL_ROLES.contains(&r.as_str()), "{r}");
        }
    }

    #[test]
    fn agents_and_their_roles() {
        let t = "Police arrested protesters while rebels and troops clashed.";
        let got: Vec<(String, &str)> = find_agents(t)
            .into_iter()
            .map(|a| (a.role.to_string(), &t[a.span.0..a.span.1]))
            .collect();
        assert!(got.contains(&("COP".into(), "Police")), "{got:?}");
        assert!(got.contains(&("REB".into(), "rebels")), "{got:?}");
        assert!(got.contains(&("MIL".into(), "troops")), "{got:?}");
        // the project's own addition to the dictionaries' agents
        let roles: Vec<&str> = find_agents("Investigators questioned him.")
            .into_iter()
            .map(|a| a.role)
            .collect();
        assert_eq!(roles, ["COP"]);
        let t = "Dock workers and students went on strike.";
        let roles: Vec<&str> = find_agents(t).into_iter().map(|a| a.role).collect();
        assert_eq!(roles, ["LAB", "EDU"]);
    }

    #[test]
    fn discards_are_whole_words() {
        assert_eq!(discard_count("In the beginning, the talks resumed."), 0);
        assert_eq!(
            discard_count("He pitched the ninth inning at the World Cup."),
            2
        );
    }

    #[test]
    fn names_are_found_whole_and_written_as_names() {
        let t = "The Organization of African Unity met. organization of african unity.";
        let hits = find_names(t);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(
            &t[hits[0].span.0..hits[0].span.1],
            "Organization of African Unity"
        );
    }

    #[test]
    fn a_groups_acronym_names_it_when_written_in_capitals() {
        let d = &*DICTIONARIES;
        let t = "The IRA declared a truce. Let them talk.";
        let hits = find_names(t);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(&t[hits[0].span.0..hits[0].span.1], "IRA");
        assert_eq!(d.named[hits[0].actor].code.as_deref(), Some("WEUREB"));
        // an acronym another actor spells stays out ("PLA" is China's army,
        // in actors.toml)
        assert!(find_names("The PLA moved.").is_empty());
    }

    /// The countries file's institutions keep their one-word acronyms
    /// ("FBI", "USAID"), in capitals only; a surname alone never names a
    /// person.
    #[test]
    fn an_institutions_acronym_names_it_when_written_in_capitals() {
        let d = &*DICTIONARIES;
        let t = "The FBI questioned aides of USAID and GCHQ.";
        let codes: Vec<(&str, Option<&str>)> = find_names(t)
            .iter()
            .map(|h| (&t[h.span.0..h.span.1], d.named[h.actor].code.as_deref()))
            .collect();
        assert_eq!(
            codes,
            [
                ("FBI", Some("USACOP")),
                ("USAID", Some("USAGOVDEV")),
                ("GCHQ", Some("GBRSPY"))
            ]
        );
        assert!(find_names("The Fbi and the usaid met.").is_empty());
        assert!(find_names("OBAMA spoke.").is_empty());
    }

    #[test]
    fn names_must_be_written_as_names() {
        assert!(written_as_name("Organization of African Unity"));
        assert!(written_as_name("OAU"));
        assert!(!written_as_name("organization of african unity"));
        assert!(!written_as_name("Oau"));
    }

    #[test]
    fn codes_follow_the_date() {
        let a = NamedActor {
            kind: "person".into(),
            names: vec!["BARACK OBAMA".into()],
            code: Some("USAELI".into()),
            periods: vec![["USAGOV".into(), "2009-01-20".into(), "2017-01-20".into()]],
        };
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(a.code_on(d("2013-05-01")), Some("USAGOV"));
        assert_eq!(a.code_on(d("2019-05-01")), Some("USAELI"));
        assert_eq!(a.code_on(None), Some("USAELI"));
    }
}
