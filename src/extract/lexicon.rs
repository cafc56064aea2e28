//! The language data of event extraction, compiled in from `assets/`:
//! actors (`actors.toml`), event triggers (`events.toml`), modality and scope
//! cues (`cues.toml`) and the PLOVER/CAMEO score tables.
//!
//! Everything is parsed once into [`LEXICON`], with Aho-Corasick automata
//! for the phrase lists; a test checks that every file parses and that every
//! type, mode and CAMEO code it names exists.

use super::event::PloverType;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What kind of words named an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorForm {
    /// A name of the actor itself, its capital or an institution.
    Name,
    /// A demonym or adjective ("Russian").
    Adjective,
    /// A person of the actor.
    Person,
}

/// One actor entry of `assets/actors.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct ActorEntry {
    /// ISO 3166 alpha-3 or an organisation/group code.
    pub code: String,
    /// `state`, `organization` or `group`.
    pub kind: String,
    /// Display name.
    pub name: String,
    /// Names of the actor itself.
    #[serde(default)]
    pub names: Vec<String>,
    /// Demonyms and adjectives.
    #[serde(default)]
    pub adjectives: Vec<String>,
    /// People of the actor.
    #[serde(default)]
    pub people: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ActorsFile {
    titles: Titles,
    #[serde(default)]
    petrarch: PetrarchCodes,
    actor: Vec<ActorEntry>,
}

/// How the PETRARCH dictionaries' organisation codes map onto this
/// lexicon's (`IGOUNO...` → `UNO`).
#[derive(Debug, Default, Deserialize)]
struct PetrarchCodes {
    igo_prefixes: Vec<(String, String)>,
}

#[derive(Debug, Deserialize)]
struct Titles {
    words: Vec<String>,
}

/// One trigger entry of `assets/events.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct TriggerEntry {
    /// PLOVER event type name.
    #[serde(rename = "type")]
    pub event_type: String,
    /// PLOVER mode, or empty.
    #[serde(default)]
    pub mode: String,
    /// CAMEO code, or empty.
    #[serde(default)]
    pub cameo: String,
    /// `verb`, `noun` or `phrase`.
    #[serde(default)]
    pub pos: String,
    /// Surface forms (lower case; `*` stands for up to six words).
    pub words: Vec<String>,
    /// Whether the grammatical subject is the target ("Putin will pay a
    /// price"): the speaker, or the story's last source, is the source.
    #[serde(default)]
    pub subject_is_target: bool,
    /// Whether the form is an act only where the dependency tree gives
    /// the verb an object and a `to` phrase ("returned two paintings to
    /// Peru"; not "returned to Baghdad").
    #[serde(default)]
    pub needs_recipient: bool,
    /// Whether the form is aid only where the tree gives the verb an object
    /// of `aid_objects` ("gave medical equipment"; not "gave a speech").
    #[serde(default)]
    pub gives_aid: bool,
    /// Whether the form holds its subject responsible for an act of force
    /// named after it in its clause ("the IRA was behind the killings"):
    /// an accusation only where such an act follows, and that act stays an
    /// event of its own, not the accusation's content.
    #[serde(default)]
    pub attributes_an_act: bool,
    /// Whether the form gives way to an act it approves, named a few words
    /// after it in its clause ("approved the extradition of", "voted in
    /// favor of deploying troops"): that act is the event.
    #[serde(default)]
    pub yields_to_its_object: bool,
}

/// Verbs that, governing an event noun of some types, make the event one
/// of another type ("suspended military aid": SANCTION, not AID).
#[derive(Debug, Clone, Deserialize)]
pub struct Reversal {
    /// The types of the event noun this applies to.
    pub from: Vec<String>,
    /// The type of the event the verb and noun make.
    pub to: String,
    /// The verb forms (lower case).
    pub verbs: Vec<String>,
    /// The CAMEO code of what the verb and noun make ("" if none fits).
    #[serde(default)]
    pub cameo: String,
}

impl TriggerEntry {
    /// A stable id of the entry: its type and first surface form
    /// (`ASSAULT:attack`). Every form belongs to one entry, so the id is
    /// unique, and adding or moving entries changes no other entry's id.
    pub fn id(&self) -> String {
        format!(
            "{}:{}",
            self.event_type,
            self.words.first().map_or("", String::as_str)
        )
    }
}

#[derive(Debug, Deserialize)]
struct EventsFile {
    trigger: Vec<TriggerEntry>,
}

/// The modality and scope cues of `assets/cues.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct CueFile {
    /// Words a cue may be away from its trigger.
    pub window: usize,
    /// Verbs that turn an event noun into its reverse ("suspended aid" is
    /// a sanction, "eased restrictions" a concession).
    #[serde(default)]
    pub reversal: Vec<Reversal>,
    /// Words that may stand between a reversing verb and its event noun
    /// ("suspended all military aid").
    #[serde(default)]
    pub reversal_fillers: Vec<String>,
    /// Negation cues.
    pub negation: Vec<String>,
    /// Types of yielding (a concession, a retreat) whose refusal is a
    /// rejection.
    #[serde(default)]
    pub yield_types: Vec<String>,
    /// The speech acts placed where the speaker is, not where what they
    /// speak of happened.
    #[serde(default)]
    pub placed_by_speaker: Vec<String>,
    /// What an actor says when it refuses to yield ("will not").
    #[serde(default)]
    pub refusal_forms: Vec<String>,
    /// Words before a gerund (or a run of them) that name an act spoken of
    /// or kept from, not one done ("talk about killing", "refrain from
    /// organizing, instigating, assisting").
    #[serde(default)]
    pub unperformed_markers: Vec<String>,
    /// Verbs of a toll ("wounded") that, linked to an earlier attack in
    /// the sentence, tell the same attack.
    #[serde(default)]
    pub casualty_forms: Vec<String>,
    /// The words linking a toll to its attack ("and", "while").
    #[serde(default)]
    pub casualty_links: Vec<String>,
    /// The auxiliaries of a toll told in the passive ("were killed").
    #[serde(default)]
    pub passive_toll_auxiliaries: Vec<String>,
    /// Auxiliaries of the perfect ("have been cut off for two years").
    #[serde(default)]
    pub perfect_auxiliaries: Vec<String>,
    /// What a visit inspects rather than meets (lemmas: "site").
    #[serde(default)]
    pub inspected_things: Vec<String>,
    /// Nouns of quantity to look through ("a number of sites").
    #[serde(default)]
    pub quantity_nouns: Vec<String>,
    /// Words that make an arrival the deployment of peacekeepers.
    #[serde(default)]
    pub peacekeeping_words: Vec<String>,
    /// Objects that make "meet" no meeting ("meeting the needs").
    #[serde(default)]
    pub meet_objects: Vec<String>,
    /// The economy's things ("banks", "exports"): restricting them is a
    /// sanction, not a coercion of people.
    #[serde(default)]
    pub economic_objects: Vec<String>,
    /// What giving it is aid ("equipment", "supplies", "$").
    #[serde(default)]
    pub aid_objects: Vec<String>,
    /// People whom accepting or welcoming is taking in (lemmas:
    /// "refugee", "migrant"): the act grants them refuge.
    #[serde(default)]
    pub refuge_seekers: Vec<String>,
    /// Acts of confinement that, after a release in the sentence, are the
    /// released people's past.
    #[serde(default)]
    pub confinement_forms: Vec<String>,
    /// Verbs of aid that only serve a clause they take ("helped end").
    #[serde(default)]
    pub serving_verbs: Vec<String>,
    /// Words of work that make "strike" a stoppage ("workers", "union").
    #[serde(default)]
    pub labour_words: Vec<String>,
    /// Determiners that point back wherever they stand ("that agreement").
    #[serde(default)]
    pub demonstratives: Vec<String>,
    /// The nouns of military exercises (their last word).
    #[serde(default)]
    pub exercise_words: Vec<String>,
    /// Words that make an exercise a joint one ("joint", "bilateral").
    #[serde(default)]
    pub joint_markers: Vec<String>,
    /// Condition openers.
    pub condition: Vec<String>,
    /// Phrases holding a cue word that are no cue ("once again").
    #[serde(default)]
    pub not_cues: Vec<String>,
    /// Possibility cues.
    pub hypothetical: Vec<String>,
    /// Intention and schedule cues.
    pub planned: Vec<String>,
    /// Habitual, generic and background cues ("for years", "routinely").
    #[serde(default)]
    pub habitual: Vec<String>,
    /// Attribution cues.
    pub reported: Vec<String>,
    /// Types whose modality is the speech act's.
    pub speech_acts: Vec<String>,
    /// Types of coercive acts that, announced with `threat_modals` on a
    /// condition after them, are threats.
    #[serde(default)]
    pub threat_types: Vec<String>,
    /// The modals of an announced act ("will", "would").
    #[serde(default)]
    pub threat_modals: Vec<String>,
    /// Verbs of promising: with an act of force as their content they
    /// threaten.
    #[serde(default)]
    pub promise_forms: Vec<String>,
    /// Verbs of saying: a time after one dates the saying, not the event
    /// before it.
    #[serde(default)]
    pub reporting_verbs: Vec<String>,
    /// Weapons named as things: found or seized, they are no attack.
    #[serde(default)]
    pub weapon_nouns: Vec<String>,
    /// Verbs of finding or seizing a weapon.
    #[serde(default)]
    pub weapon_finds: Vec<String>,
    /// People an expulsion may act on (it is then a deportation).
    #[serde(default)]
    pub people_nouns: Vec<String>,
    /// Acts of the police an agentless report leaves to the police of the
    /// place ("was arrested").
    #[serde(default)]
    pub police_acts: Vec<String>,
    /// Acts of the courts an agentless report leaves to the judiciary of
    /// the place ("was charged with murder", "have been indicted").
    #[serde(default)]
    pub judicial_acts: Vec<String>,
    /// Nouns a noun trigger may modify and still name an event ("the
    /// ratification process").
    #[serde(default)]
    pub eventive_heads: Vec<String>,
    /// Nouns of time a noun trigger may stand before ("the attacks yesterday").
    #[serde(default)]
    pub time_nouns: Vec<String>,
    /// Determiners that negate the noun they determine ("no", "without").
    #[serde(default)]
    pub negating_determiners: Vec<String>,
    /// Nouns that carry a negation on to their complement ("no plans of").
    #[serde(default)]
    pub negation_nouns: Vec<String>,
    /// Verbs a negation passes through to what they control or their
    /// light-verb object ("not want to start", "did not hold talks").
    #[serde(default)]
    pub negation_carriers: Vec<String>,
    /// Single-word negations of a verb ("not", "never").
    #[serde(default)]
    pub verbal_negators: Vec<String>,
    /// Words before the people an expulsion acts on that are no head.
    #[serde(default)]
    pub quantifiers: Vec<String>,
    /// Words that stop a negation before the trigger (clause openers).
    #[serde(default)]
    pub negation_stops: Vec<String>,
    /// Prepositions of a back-reference ("after the bombings").
    #[serde(default)]
    pub reference_prepositions: Vec<String>,
    /// Determiners of a back-reference.
    #[serde(default)]
    pub reference_determiners: Vec<String>,
    /// Words after an event noun that give it participants of its own.
    #[serde(default)]
    pub own_arguments: Vec<String>,
    /// Prepositions that make the event noun they introduce the setting of
    /// what the sentence reports ("resigned after weeks of protests").
    #[serde(default)]
    pub setting_prepositions: Vec<String>,
    /// Prepositions that make the event noun they introduce the cause of
    /// what the sentence reports ("suspended aid because of fighting").
    #[serde(default)]
    pub cause_prepositions: Vec<String>,
    /// Words that end a clause.
    pub clause_breaks: Vec<String>,
    /// Types whose complements are content, not events.
    pub complement_types: Vec<String>,
    /// Words that link a complement-taking trigger to its content.
    pub complement_links: Vec<String>,
    /// Problems an act of force may take as object without attacking
    /// anyone ("fighting terrorism").
    #[serde(default)]
    pub abstract_foes: Vec<String>,
    /// Words that open the object of a verb right after it ("the",
    /// "them").
    #[serde(default)]
    pub object_openers: Vec<String>,
    /// Forms of an act of force that also mean dismissing someone from a
    /// post ("fired the governor").
    #[serde(default)]
    pub dismissal_forms: Vec<String>,
    /// Forms of handing something over that, with people as the patient,
    /// transfer them ("handed over two suspects"): not aid.
    #[serde(default)]
    pub handover_forms: Vec<String>,
    /// Forms of "meet" that also mean satisfying a requirement.
    #[serde(default)]
    pub meeting_forms: Vec<String>,
    /// What one meets without meeting anyone ("needs", "rules").
    #[serde(default)]
    pub requirements: Vec<String>,
    /// The `planned` cues that say the doer's own intention ("will",
    /// "plans to"), not a forecast ("is expected to").
    #[serde(default)]
    pub intentions: Vec<String>,
    /// People handed over to justice: their transfer is judicial
    /// cooperation ("suspects", "fugitive").
    #[serde(default)]
    pub handed_to_justice: Vec<String>,
    /// Forms of an act of force that, as a participle after a noun, say
    /// what the noun is aimed at ("a campaign targeting the election").
    #[serde(default)]
    pub aim_forms: Vec<String>,
    /// Verbs (lemmas) whose object does the act of the infinitive after it
    /// ("urged him to withdraw"); after other verbs the subject does it
    /// ("called Putin to discuss").
    #[serde(default)]
    pub object_control_verbs: Vec<String>,
    /// Intents that may bind both sides ("agreed to"): with a yield as
    /// content they stay AGREE, where a one-sided promise is CONCEDE.
    #[serde(default)]
    pub mutual_intents: Vec<String>,
    /// Causes of death and damage that are no one's act ("fire",
    /// "earthquake", "virus"): as the subject of an act of force, a
    /// disaster.
    #[serde(default)]
    pub natural_causes: Vec<String>,
    /// Verbs of answering another's speech act ("rejected", "accepted").
    #[serde(default)]
    pub answer_forms: Vec<String>,
    /// Types of the speech act nouns an answer takes as its object
    /// ("accusations", "a request", "an invitation").
    #[serde(default)]
    pub answered_types: Vec<String>,
    /// The answers that refuse: an event noun of any type as their object
    /// was refused, not done ("rejected the withdrawal agreement").
    #[serde(default)]
    pub refusal_answers: Vec<String>,
    /// Phrases that contain a trigger word but name no event.
    pub not_events: Vec<String>,
    /// Appeal frames that turn the action after them into a request.
    pub request_frames: Vec<String>,
    /// Nouns whose complement is a feared or alleged event.
    pub content_nouns: Vec<String>,
    /// Subjects that are not actors.
    pub non_actor_subjects: Vec<String>,
    /// Trigger nouns that name those an act is done to ("detainees"),
    /// where other trigger nouns that name people name the doers
    /// ("protesters", "suicide bombers").
    #[serde(default)]
    pub undergoer_nouns: Vec<String>,
    /// Verbs whose subject receives the act of the event noun after them
    /// ("faced criticism from Germany").
    #[serde(default)]
    pub receiving_verbs: Vec<String>,
    /// Past participles not in "-ed" that open a reduced relative clause
    /// after an event noun ("the raid led by US forces").
    #[serde(default)]
    pub irregular_participles: Vec<String>,
    /// Particles of phrasal verbs ("carried out by", "set up by").
    #[serde(default)]
    pub phrasal_particles: Vec<String>,
    /// Words before "who" that make it a question, not a name: "not known
    /// who was responsible", "determine who was behind".
    #[serde(default)]
    pub unknown_doer_markers: Vec<String>,
    /// Agent nouns of a state's representation abroad ("embassy",
    /// "ambassador"): the place they are in is the host's, not theirs.
    #[serde(default)]
    pub envoy_agents: Vec<String>,
    /// Words that do not tell events apart.
    pub wording_stopwords: Vec<String>,
    /// Groups of words that name the same kind of event.
    pub synonym_classes: Vec<Vec<String>>,
}

/// The kind of a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// Negation.
    Negation,
    /// Condition opener.
    Condition,
    /// Possibility.
    Hypothetical,
    /// Intention or schedule.
    Planned,
    /// Habit, repetition or long duration.
    Habitual,
    /// Attribution.
    Reported,
    /// Clause break.
    Break,
    /// Appeal frame ("it is time to").
    RequestFrame,
    /// Noun naming a feared or alleged event ("fears of").
    ContentNoun,
    /// A phrase holding a cue word that is no cue ("once again"): it wins
    /// the longest match and is dropped, as `not_events` are for triggers.
    NotACue,
}

/// The `entry` of a phrase that names no event (`not_events` in the cue file).
pub const NOT_AN_EVENT: usize = usize::MAX;

/// The CAMEO code of a refusal to yield (124 "Refuse to yield").
pub const REFUSAL_CAMEO: &str = "124";

/// The CAMEO code of a labour strike (143 "Conduct strike or boycott").
pub const STRIKE_CAMEO: &str = "143";

/// The CAMEO code of an economic restriction (163 "Impose embargo,
/// boycott, or sanctions").
pub const EMBARGO_CAMEO: &str = "163";

/// The CAMEO code of an inspection (090 "Investigate").
pub const INSPECTION_CAMEO: &str = "090";

/// The CAMEO code of receiving peacekeepers (0861 "Receive deployment of
/// peacekeepers"; PLOVER RETREAT `access`).
pub const PEACEKEEPERS_CAMEO: &str = "0861";

/// The CAMEO code of a joint exercise (062 "Cooperate militarily").
pub const JOINT_EXERCISE_CAMEO: &str = "062";
/// CAMEO 063, Engage in judicial cooperation: handing suspects over.
pub const JUDICIAL_COOPERATION_CAMEO: &str = "063";
/// CAMEO 0841, Return, release person(s): handing captives back.
pub const RELEASE_CAMEO: &str = "0841";
/// CAMEO 075, Grant asylum: taking in refugees.
pub const ASYLUM_CAMEO: &str = "075";

/// A trigger word with its entry.
#[derive(Debug, Clone)]
pub struct TriggerWord {
    /// Index into [`Lexicon::triggers`], or [`NOT_AN_EVENT`].
    pub entry: usize,
    /// The surface form as listed.
    pub form: String,
}

/// A gapped trigger pattern ("shifted * troops"): its parts in order.
#[derive(Debug, Clone)]
pub struct GappedPattern {
    /// Index into [`Lexicon::triggers`].
    pub entry: usize,
    /// The form as listed.
    pub form: String,
    /// The word sequences between the gaps.
    pub parts: Vec<Vec<String>>,
}

/// All extraction lexicons, ready to match.
pub struct Lexicon {
    /// Actor entries.
    pub actors: Vec<ActorEntry>,
    /// For each actor pattern: (actor index, form).
    pub actor_patterns: Vec<(usize, ActorForm)>,
    /// Case-sensitive automaton over actor names, adjectives and people
    /// (anchored searches: see [`super::text::matches_at_word_starts`]).
    pub actor_ac: AhoCorasick,
    /// Title words (for "Russian President").
    pub titles: Vec<String>,
    /// PETRARCH organisation code prefixes and the lexicon's code for them,
    /// longest first.
    pub igo_prefixes: Vec<(String, String)>,
    /// Trigger entries.
    pub triggers: Vec<TriggerEntry>,
    /// Trigger types, parallel to `triggers`.
    pub trigger_types: Vec<PloverType>,
    /// Contiguous trigger forms, parallel to the automaton's patterns.
    pub trigger_words: Vec<TriggerWord>,
    /// Case-insensitive automaton over contiguous trigger forms (anchored
    /// searches, like the actor automaton).
    pub trigger_ac: AhoCorasick,
    /// Gapped patterns keyed by their first word.
    pub gapped: FxHashMap<String, Vec<GappedPattern>>,
    /// The cue file.
    pub cues: CueFile,
    /// Cue kinds, parallel to the cue automaton's patterns.
    pub cue_kinds: Vec<(CueKind, String)>,
    /// Case-insensitive automaton over all cues.
    pub cue_ac: AhoCorasick,
    /// Every cue, for quick membership tests.
    pub cue_words: FxHashSet<String>,
    /// PLOVER scores by (type, mode).
    pub scores: HashMap<(String, String), f64>,
    /// Goldstein values by CAMEO code.
    pub goldstein: HashMap<String, f64>,
    /// The codes of the states among the actors.
    pub state_codes: FxHashSet<String>,
    /// Every one-word trigger form (lower case).
    pub trigger_word_set: FxHashSet<String>,
}

/// The lexicon compiled into the binary.
pub static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::load().expect("assets are valid (checked by a test)"));

/// Adds the plural of a phrase whose last word is a trigger noun listed in
/// both numbers ("car bombing" gives "car bombings", as "bombing" and
/// "bombings" are listed), unless some entry lists that plural already.
fn with_plurals(
    forms: impl IntoIterator<Item = String>,
    listed: &FxHashSet<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    for f in forms {
        let plural = match f.rsplit_once(' ') {
            Some((lead, last)) if !f.contains('*') && listed.contains(last) => {
                let stem = last.strip_suffix('y').map(|s| format!("{s}ies"));
                [format!("{last}s"), format!("{last}es")]
                    .into_iter()
                    .chain(stem)
                    .find(|p| listed.contains(p))
                    .map(|p| format!("{lead} {p}"))
                    .filter(|p| !listed.contains(p))
            }
            _ => None,
        };
        out.push(f);
        out.extend(plural);
    }
    out
}

/// Adds the curly-apostrophe variant of a form that has a straight one.
fn with_apostrophes(forms: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out = Vec::new();
    for f in forms {
        if f.contains('\'') {
            out.push(f.replace('\'', "\u{2019}"));
        }
        out.push(f);
    }
    out
}

/// A leftmost-longest automaton for anchored searches at word starts
/// ([`super::text::matches_at_word_starts`]), ASCII case-insensitive if
/// asked: the shape of every word-list matcher of the extraction.
pub(crate) fn anchored_automaton(
    patterns: &[String],
    case_insensitive: bool,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .start_kind(StartKind::Anchored)
        .ascii_case_insensitive(case_insensitive)
        .build(patterns)
}

impl Lexicon {
    /// Parses the asset files; the error names the file and the problem.
    pub fn load() -> Result<Lexicon, String> {
        let actors: ActorsFile = toml::from_str(include_str!("../../assets/actors.toml"))
            .map_err(|e| format!("assets/actors.toml: {e}"))?;
        let events: EventsFile = toml::from_str(include_str!("../../assets/events.toml"))
            .map_err(|e| format!("assets/events.toml: {e}"))?;
        let cues: CueFile = toml::from_str(include_str!("../../assets/cues.toml"))
            .map_err(|e| format!("assets/cues.toml: {e}"))?;

        let mut actor_patterns = Vec::new();
        let mut actor_strings = Vec::new();
        for (i, a) in actors.actor.iter().enumerate() {
            for (list, form) in [
                (&a.names, ActorForm::Name),
                (&a.adjectives, ActorForm::Adjective),
                (&a.people, ActorForm::Person),
            ] {
                for s in with_apostrophes(list.iter().cloned()) {
                    actor_patterns.push((i, form));
                    actor_strings.push(s);
                }
            }
        }

        let mut trigger_types = Vec::new();
        let mut trigger_words = Vec::new();
        let mut trigger_strings = Vec::new();
        let mut gapped: FxHashMap<String, Vec<GappedPattern>> = FxHashMap::default();
        let listed: FxHashSet<String> = events
            .trigger
            .iter()
            .flat_map(|t| t.words.iter().map(|w| w.to_lowercase()))
            .collect();
        for (i, t) in events.trigger.iter().enumerate() {
            let ty = PloverType::from_name(&t.event_type)
                .ok_or_else(|| format!("assets/events.toml: unknown type {}", t.event_type))?;
            trigger_types.push(ty);
            let forms = with_plurals(t.words.iter().map(|w| w.to_lowercase()), &listed);
            for w in with_apostrophes(forms) {
                if w.contains('*') {
                    let parts: Vec<Vec<String>> = w
                        .split('*')
                        .map(|p| p.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                        .filter(|p| !p.is_empty())
                        .collect();
                    if let Some(first) = parts.first().and_then(|p| p.first()) {
                        gapped
                            .entry(first.clone())
                            .or_default()
                            .push(GappedPattern {
                                entry: i,
                                form: w.clone(),
                                parts,
                            });
                    }
                } else {
                    trigger_words.push(TriggerWord {
                        entry: i,
                        form: w.clone(),
                    });
                    trigger_strings.push(w);
                }
            }
        }
        for w in with_apostrophes(cues.not_events.iter().map(|w| w.to_lowercase())) {
            trigger_words.push(TriggerWord {
                entry: NOT_AN_EVENT,
                form: w.clone(),
            });
            trigger_strings.push(w);
        }

        let mut cue_kinds = Vec::new();
        for (kind, list) in [
            (CueKind::Negation, &cues.negation),
            (CueKind::Condition, &cues.condition),
            (CueKind::Hypothetical, &cues.hypothetical),
            (CueKind::Planned, &cues.planned),
            (CueKind::Habitual, &cues.habitual),
            (CueKind::Reported, &cues.reported),
            (CueKind::Break, &cues.clause_breaks),
            (CueKind::RequestFrame, &cues.request_frames),
            (CueKind::ContentNoun, &cues.content_nouns),
            (CueKind::NotACue, &cues.not_cues),
        ] {
            for c in with_apostrophes(list.iter().cloned()) {
                cue_kinds.push((kind, c));
            }
        }

        // built in turn, without rayon: a worker waiting inside this
        // lexicon's initialisation could pick up work that waits for it
        let actor_ac =
            anchored_automaton(&actor_strings, false).map_err(|e| format!("actor automaton: {e}"));
        let trigger_ac = anchored_automaton(&trigger_strings, true)
            .map_err(|e| format!("trigger automaton: {e}"));
        let cue_ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(cue_kinds.iter().map(|(_, c)| c))
            .map_err(|e| format!("cue automaton: {e}"));
        let (actor_ac, trigger_ac, cue_ac) = (actor_ac?, trigger_ac?, cue_ac?);
        let mut scores = HashMap::new();
        for line in include_str!("../../assets/plover_scores.tsv")
            .lines()
            .skip(1)
        {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() >= 3
                && let Ok(mut s) = f[2].parse::<f64>()
            {
                // The manual prints +3 for base ACCUSE; every ACCUSE mode is
                // negative and ACCUSE is verbal conflict: read it as -3.
                if f[0] == "ACCUSE" && f[1].is_empty() && s > 0.0 {
                    s = -s;
                }
                scores.insert((f[0].to_string(), f[1].to_string()), s);
            }
        }
        let mut goldstein = HashMap::new();
        for line in include_str!("../../assets/cameo_goldstein_plover.tsv")
            .lines()
            .skip(1)
        {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() >= 4
                && let Ok(g) = f[3].parse::<f64>()
            {
                goldstein.insert(f[0].to_string(), g);
            }
        }
        let cue_words = cue_kinds.iter().map(|(_, c)| c.clone()).collect();
        let state_codes = actors
            .actor
            .iter()
            .filter(|a| a.kind == "state")
            .map(|a| a.code.clone())
            .collect();
        let trigger_word_set = trigger_words
            .iter()
            .filter(|w| w.entry != NOT_AN_EVENT && !w.form.contains(' '))
            .map(|w| w.form.clone())
            .collect();
        Ok(Lexicon {
            state_codes,
            trigger_word_set,
            actors: actors.actor,
            actor_patterns,
            actor_ac,
            titles: actors.titles.words,
            igo_prefixes: {
                let mut v = actors.petrarch.igo_prefixes;
                v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
                v
            },
            triggers: events.trigger,
            trigger_types,
            trigger_words,
            trigger_ac,
            gapped,
            cues,
            cue_kinds,
            cue_words,
            cue_ac,
            scores,
            goldstein,
        })
    }

    /// The lexicon's code for a PETRARCH organisation code (`IGOUNOHLHWHO`
    /// → `UNO`), or the code itself.
    pub fn project_code<'a>(&'a self, code: &'a str) -> &'a str {
        self.igo_prefixes
            .iter()
            .find(|(p, _)| code.starts_with(p.as_str()))
            .map_or(code, |(_, c)| c.as_str())
    }

    /// Whether `code` is a state's code (`RUS`), not an organisation's.
    pub fn is_state(&self, code: &str) -> bool {
        self.state_codes.contains(code)
    }

    /// Whether a lower-case word is a one-word trigger form ("buildup").
    pub fn is_trigger_word(&self, word: &str) -> bool {
        self.trigger_word_set.contains(word)
    }

    /// The PLOVER score of a type and mode (the base type's if the mode has none).
    pub fn score(&self, t: PloverType, mode: &str) -> f64 {
        self.scores
            .get(&(t.name().to_string(), mode.to_string()))
            .or_else(|| self.scores.get(&(t.name().to_string(), String::new())))
            .copied()
            .unwrap_or(0.0)
    }

    /// The CAMEO code `cues.toml [[reversal]]` gives an event noun of type
    /// `from` reversed into `to` ("lifted sanctions": 080 Yield).
    pub fn reversal_cameo(&self, from: PloverType, to: PloverType) -> Option<&str> {
        self.cues
            .reversal
            .iter()
            .find(|r| r.to == to.name() && r.from.iter().any(|f| f == from.name()))
            .map(|r| r.cameo.as_str())
            .filter(|c| !c.is_empty())
    }

    /// Whether type `t` is listed in a cue-file type list.
    pub fn in_types(list: &[String], t: PloverType) -> bool {
        list.iter().any(|s| s == t.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_parse_and_are_consistent() {
        let lex = Lexicon::load().unwrap();
        assert!(lex.actors.len() > 190, "every state is covered");
        // matched with ASCII case folding
        for w in &lex.cues.non_actor_subjects {
            assert!(w.is_ascii(), "non_actor_subjects: {w}");
        }
        assert!(lex.triggers.len() > 50);
        for t in &lex.triggers {
            let ty = PloverType::from_name(&t.event_type).unwrap();
            assert!(
                lex.scores
                    .contains_key(&(ty.name().to_string(), t.mode.clone())),
                "events.toml: {} mode {:?} is not in plover_scores.tsv",
                t.event_type,
                t.mode
            );
            assert!(
                t.cameo.is_empty() || lex.goldstein.contains_key(&t.cameo),
                "events.toml: CAMEO {} has no Goldstein value",
                t.cameo
            );
            assert!(t.words.iter().all(|w| w == &w.to_lowercase()));
        }
        for a in &lex.actors {
            if a.kind == "state" {
                assert_eq!(a.code.len(), 3, "{}", a.code);
            }
        }
        for r in &lex.cues.reversal {
            assert!(
                PloverType::from_name(&r.to).is_some(),
                "reversal to {}",
                r.to
            );
            for f in &r.from {
                assert!(PloverType::from_name(f).is_some(), "reversal from {f}");
            }
            assert!(r.verbs.iter().all(|v| v == &v.to_lowercase()));
            assert!(
                r.cameo.is_empty() || lex.goldstein.contains_key(&r.cameo),
                "reversal CAMEO {} has no Goldstein value",
                r.cameo
            );
        }
        // lists a misspelt key would leave empty (they default to empty)
        let cues = &lex.cues;
        for (name, list) in [
            ("answer_forms", &cues.answer_forms),
            ("refusal_answers", &cues.refusal_answers),
            ("cause_prepositions", &cues.cause_prepositions),
            ("abstract_foes", &cues.abstract_foes),
            ("dismissal_forms", &cues.dismissal_forms),
            ("handover_forms", &cues.handover_forms),
            ("intentions", &cues.intentions),
            ("meeting_forms", &cues.meeting_forms),
            ("requirements", &cues.requirements),
            ("handed_to_justice", &cues.handed_to_justice),
            ("aim_forms", &cues.aim_forms),
            ("natural_causes", &cues.natural_causes),
            ("mutual_intents", &cues.mutual_intents),
            ("object_control_verbs", &cues.object_control_verbs),
            ("object_openers", &cues.object_openers),
        ] {
            assert!(!list.is_empty(), "cues.toml: {name} is empty");
            assert!(list.iter().all(|w| w == &w.to_lowercase()), "{name}");
        }
        for t in &cues.answered_types {
            assert!(PloverType::from_name(t).is_some(), "answered_types: {t}");
        }
        for t in &lex.cues.yield_types {
            assert!(PloverType::from_name(t).is_some(), "yield_types: {t}");
        }
        for t in &lex.cues.placed_by_speaker {
            assert!(
                lex.cues.speech_acts.contains(t),
                "placed_by_speaker: {t} is no speech act"
            );
        }
        assert!(
            lex.scores
                .contains_key(&("REJECT".to_string(), "yield".to_string()))
        );
        assert!(lex.goldstein.contains_key(REFUSAL_CAMEO));
        assert!(lex.goldstein.contains_key(JOINT_EXERCISE_CAMEO));
        assert!(lex.goldstein.contains_key(INSPECTION_CAMEO));
        assert!(lex.goldstein.contains_key(STRIKE_CAMEO));
        assert!(
            lex.scores
                .contains_key(&("PROTEST".to_string(), "strike".to_string()))
        );
        assert!(
            lex.scores
                .contains_key(&("ACCUSE".to_string(), "investigate".to_string()))
        );
        for code in [
            "USA", "RUS", "UKR", "NATO", "EU", "UNO", "EUR", "WST", "CHN", "GBR",
        ] {
            assert!(lex.actors.iter().any(|a| a.code == code), "{code}");
        }
    }

    #[test]
    fn trigger_ids_are_unique_and_independent_of_position() {
        let lex = &*LEXICON;
        let mut seen = std::collections::HashSet::new();
        for t in &lex.triggers {
            assert!(seen.insert(t.id()), "two entries share the id {}", t.id());
        }
        let first = lex.triggers[0].id();
        assert!(first.starts_with(&lex.triggers[0].event_type), "{first}");
    }

    #[test]
    fn a_listed_phrase_also_matches_in_the_plural() {
        let listed: FxHashSet<String> = ["bombing", "bombings", "car bombing", "strike", "strikes"]
            .map(String::from)
            .into_iter()
            .collect();
        let forms = with_plurals(
            ["car bombing", "on strike", "lift * strike", "truce"].map(String::from),
            &listed,
        );
        assert_eq!(
            forms,
            [
                "car bombing",
                "car bombings",
                "on strike",
                "on strikes",
                "lift * strike",
                "truce"
            ]
        );
        let lex = &*LEXICON;
        assert!(lex.trigger_words.iter().any(|w| w.form == "car bombings"));
    }

    #[test]
    fn scores_read_accuse_as_conflict() {
        let lex = &*LEXICON;
        assert_eq!(lex.score(PloverType::Accuse, ""), -3.0);
        assert_eq!(lex.score(PloverType::Consult, "phone"), 1.5);
        assert_eq!(lex.score(PloverType::Mobilize, "troops"), -6.5);
        assert_eq!(lex.score(PloverType::Consult, "no-such-mode"), 2.5);
    }
}
