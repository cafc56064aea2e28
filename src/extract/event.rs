//! The facts extracted from an article: event mentions and quantities.

use crate::Span;
use crate::nlp::reference_time::TimeBasis;
use serde::{Deserialize, Serialize};

/// The 16 PLOVER event types, from cooperation to conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum PloverType {
    /// Agree to, or sign, an agreement.
    Agree,
    /// Meet, talk, negotiate.
    Consult,
    /// Praise, endorse, back verbally.
    Support,
    /// Yield, ease restrictions, apologise.
    Concede,
    /// Cooperate materially (joint action, alliances).
    Cooperate,
    /// Give aid.
    Aid,
    /// Withdraw, release, cease fire, disarm.
    Retreat,
    /// Ask, urge, demand.
    Request,
    /// Criticise, blame, accuse.
    Accuse,
    /// Refuse, deny, reject.
    Reject,
    /// Threaten, warn.
    Threaten,
    /// Demonstrate, boycott, strike.
    Protest,
    /// Penalise: sanctions, expulsions, broken relations.
    Sanction,
    /// Deploy or mobilise forces.
    Mobilize,
    /// Coerce: arrest, seize, annex, cyber-attack.
    Coerce,
    /// Use armed force.
    Assault,
}

impl PloverType {
    /// All types, from cooperation to conflict.
    pub const ALL: [PloverType; 16] = [
        PloverType::Agree,
        PloverType::Consult,
        PloverType::Support,
        PloverType::Concede,
        PloverType::Cooperate,
        PloverType::Aid,
        PloverType::Retreat,
        PloverType::Request,
        PloverType::Accuse,
        PloverType::Reject,
        PloverType::Threaten,
        PloverType::Protest,
        PloverType::Sanction,
        PloverType::Mobilize,
        PloverType::Coerce,
        PloverType::Assault,
    ];

    /// The upper-case PLOVER name (`CONSULT`).
    pub fn name(self) -> &'static str {
        match self {
            PloverType::Agree => "AGREE",
            PloverType::Consult => "CONSULT",
            PloverType::Support => "SUPPORT",
            PloverType::Concede => "CONCEDE",
            PloverType::Cooperate => "COOPERATE",
            PloverType::Aid => "AID",
            PloverType::Retreat => "RETREAT",
            PloverType::Request => "REQUEST",
            PloverType::Accuse => "ACCUSE",
            PloverType::Reject => "REJECT",
            PloverType::Threaten => "THREATEN",
            PloverType::Protest => "PROTEST",
            PloverType::Sanction => "SANCTION",
            PloverType::Mobilize => "MOBILIZE",
            PloverType::Coerce => "COERCE",
            PloverType::Assault => "ASSAULT",
        }
    }

    /// Whether the participants act on each other (CONSULT, AGREE,
    /// COOPERATE): source and target are then every participant, order-free.
    pub fn is_reciprocal(self) -> bool {
        matches!(
            self,
            PloverType::Consult | PloverType::Agree | PloverType::Cooperate
        )
    }

    /// Whether it is an act of force (the material-conflict quad class:
    /// PROTEST, MOBILIZE, COERCE, ASSAULT).
    pub fn is_material_conflict(self) -> bool {
        matches!(
            self,
            PloverType::Protest | PloverType::Mobilize | PloverType::Coerce | PloverType::Assault
        )
    }

    /// Parses an upper-case PLOVER name.
    pub fn from_name(s: &str) -> Option<PloverType> {
        PloverType::ALL.into_iter().find(|t| t.name() == s)
    }
}

/// How the text presents an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as fact.
    Asserted,
    /// Attributed to a source or belief ("according to", "are believed").
    Reported,
    /// Said not to have happened or not to be intended.
    Negated,
    /// Possible ("could", "potential").
    Hypothetical,
    /// Dependent on a condition ("if ...").
    Conditional,
    /// Scheduled or intended ("will meet", "hoped the next meeting would").
    Planned,
    /// Habitual, generic or background: done repeatedly or for a long time,
    /// not an event on a day ("for years the United States has imposed
    /// sanctions", "the annual exercise").
    Habitual,
}

impl Modality {
    /// Every modality, from stated fact to denial (menu order).
    pub const ALL: [Modality; 7] = [
        Modality::Asserted,
        Modality::Reported,
        Modality::Planned,
        Modality::Habitual,
        Modality::Conditional,
        Modality::Hypothetical,
        Modality::Negated,
    ];

    /// The snake-case name used in output.
    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Negated => "negated",
            Modality::Hypothetical => "hypothetical",
            Modality::Conditional => "conditional",
            Modality::Planned => "planned",
            Modality::Habitual => "habitual",
        }
    }
}

/// How precise an event's location is (ordered from the most precise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationPrecision {
    /// A city or town.
    City,
    /// A first-level region or an area (an oblast, a sea, the Gaza Strip).
    Region,
    /// Only the country.
    Country,
}

/// What an event's location was taken from (ordered from the best founded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationBasis {
    /// A place the event's own words put it in ("in Cairo", "near the
    /// border with Turkey", "off the coast of Crimea").
    Explicit,
    /// A place named elsewhere in its sentence.
    Sentence,
    /// The article's dateline ("KYIV, Ukraine —").
    Dateline,
    /// The territory of the state attacked, when nothing else tells.
    Target,
    /// The territory of the state acting, for a coercion (arrests,
    /// expulsions, curfews), when nothing else tells.
    Source,
}

impl LocationBasis {
    /// Its name in exports and the facts panel.
    pub fn name(self) -> &'static str {
        match self {
            LocationBasis::Explicit => "explicit",
            LocationBasis::Sentence => "sentence",
            LocationBasis::Dateline => "dateline",
            LocationBasis::Target => "target",
            LocationBasis::Source => "source",
        }
    }
}

impl LocationPrecision {
    /// Its name in exports and the facts panel.
    pub fn name(self) -> &'static str {
        match self {
            LocationPrecision::City => "city",
            LocationPrecision::Region => "region",
            LocationPrecision::Country => "country",
        }
    }
}

/// Where an event happened: a gazetteer entry and how the text gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The place's name ("Geneva", "Crimea", "Ukraine").
    pub name: String,
    /// Its gazetteer id (GeoNames id, `us-tx`, `x-crimea`).
    pub id: String,
    /// ISO 3166-1 alpha-2 code of its country ("" for international waters).
    pub country: String,
    /// First-level region code, if known.
    pub admin1: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// City, region or country.
    pub precision: LocationPrecision,
    /// The place name in the text, if the text names it.
    pub span: Option<Span>,
    /// What it was taken from.
    pub basis: LocationBasis,
}

/// An actor named in an event: its code and where the text names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorMention {
    /// The CAMEO-style code: ISO 3166 alpha-3 for a state and its leaders
    /// (`RUS`), the state and a role where the text names a part of it
    /// (`EGYCOP`, `USAGOV`), the bare role where no state is given
    /// (`COP`), or an organisation's or group's code (`NATO`, `UNO`,
    /// `EUR`, `WST`, `HAMAS`).
    pub code: String,
    /// The words in the text.
    pub text: String,
    /// Their span.
    pub span: Span,
    /// The state the actor belongs to, if any (`EGY`).
    #[serde(default)]
    pub country: Option<String>,
    /// Its CAMEO role (`GOV`, `MIL`, `COP`, `REB`...), if any.
    #[serde(default)]
    pub role: Option<String>,
    /// The dictionary entry it came from (`actors.toml RUS`, `agents.toml
    /// COP "police"`, `petrarch_actors.toml "ORGANIZATION OF AFRICAN
    /// UNITY"`), or `reference` for a resolved pronoun.
    #[serde(default)]
    pub entry: String,
}

/// The distinct codes of `mentions`, in order; participants without a code
/// (named by the tree, in no dictionary) left out.
pub fn distinct_codes(mentions: &[ActorMention]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for m in mentions {
        if !m.code.is_empty() && !out.contains(&m.code.as_str()) {
            out.push(&m.code);
        }
    }
    out
}

impl ActorMention {
    /// A mention with only a code, text and span (from a correction).
    pub fn new(code: String, text: String, span: Span) -> ActorMention {
        ActorMention {
            code,
            text,
            span,
            country: None,
            role: None,
            entry: String::new(),
        }
    }
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// A TIMEX3 value (`2021-12-07`, `2021-12`, `2021`), or `None`.
    pub value: Option<String>,
    /// First day of the period (`YYYY-MM-DD`), if it is on the calendar.
    pub start: Option<String>,
    /// Last day of the period (`YYYY-MM-DD`), if it is on the calendar.
    pub end: Option<String>,
    /// How it was arrived at: `explicit`, `relative`, `narrative`,
    /// `coreference`, `publication`, `unknown`.
    pub basis: DateBasis,
    /// The span of the time expression it comes from, if any.
    pub timex: Option<Span>,
}

/// How an event's date was arrived at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// An absolute time expression in the clause ("in 2014", "June 16, 2021").
    Explicit,
    /// A relative expression resolved against the publication date or an anchor.
    Relative,
    /// The time the story is at (inherited from earlier sentences).
    Narrative,
    /// The date of an earlier mention of the same planned event in the
    /// article ("will meet by video conference on Tuesday" ... "had been
    /// anticipated to hold a video conference").
    Coreference,
    /// The publication date.
    Publication,
    /// Not known.
    Unknown,
}

impl DateBasis {
    /// Whether the date comes from the event's own time expression
    /// (explicit or relative), not from the story around it.
    pub fn is_own_expression(self) -> bool {
        matches!(self, DateBasis::Explicit | DateBasis::Relative)
    }
}

impl From<TimeBasis> for DateBasis {
    fn from(b: TimeBasis) -> Self {
        match b {
            TimeBasis::Explicit => DateBasis::Explicit,
            TimeBasis::Narrative => DateBasis::Narrative,
            TimeBasis::Publication => DateBasis::Publication,
            TimeBasis::Unknown => DateBasis::Unknown,
        }
    }
}

/// The word or phrase that signals an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    /// The words in the text.
    pub text: String,
    /// Their span.
    pub span: Span,
}

/// A figure stated in the text (troops, deaths, durations...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The article it is in.
    pub article: String,
    /// What is counted: `troops`, `deaths`, `injured`, `people`, `money`, `duration_hours`...
    pub kind: String,
    /// The number.
    pub value: f64,
    /// `exact`, `about`, `more_than`, `less_than`, `at_least`, `up_to`.
    pub qualifier: String,
    /// Where the figure is stated.
    pub span: Span,
    /// The words.
    pub text: String,
}

/// The analyst's verdict on an event mention.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Review {
    /// As extracted; nobody has looked at it.
    #[default]
    Unreviewed,
    /// Confirmed as extracted.
    Accepted,
    /// Edited (type, actors, date, modality, merge or split).
    Corrected,
    /// Wrong: not an event.
    Rejected,
    /// Marked on the text by the analyst.
    Added,
}

impl Review {
    /// Whether nobody has reviewed it.
    pub fn is_unreviewed(&self) -> bool {
        *self == Review::Unreviewed
    }

    /// A short word for the user interface.
    pub fn name(self) -> &'static str {
        match self {
            Review::Unreviewed => "unreviewed",
            Review::Accepted => "accepted",
            Review::Corrected => "corrected",
            Review::Rejected => "rejected",
            Review::Added => "added",
        }
    }
}

/// One mention of an event in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Unique within the output: `<article id>#e<n>`.
    pub id: String,
    /// The article's id.
    pub article: String,
    /// The evidence: the clause or sentence that states it.
    pub span: Span,
    /// The evidence text.
    pub evidence: String,
    /// The PLOVER event type.
    #[serde(rename = "type")]
    pub event_type: PloverType,
    /// The PLOVER mode (`phone`, `troops`...), empty for the base type.
    pub mode: String,
    /// The PLOVER conflict-cooperation score (negative for conflict).
    pub score: f64,
    /// The matching CAMEO code, where one fits.
    pub cameo: Option<String>,
    /// The Goldstein value of that CAMEO code.
    pub goldstein: Option<f64>,
    /// Who acts.
    pub source: Vec<ActorMention>,
    /// Who is acted upon.
    pub target: Vec<ActorMention>,
    /// How the text presents it.
    pub modality: Modality,
    /// When it happened.
    pub date: EventDate,
    /// The word or phrase that signals it.
    pub trigger: Trigger,
    /// Figures attached to it.
    pub quantities: Vec<Quantity>,
    /// The rule and lexicon entries that produced it.
    pub rule: String,
    /// The merged event it belongs to (set when a corpus is linked), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// What the analyst said about it (nothing until a correction applies).
    #[serde(default, skip_serializing_if = "Review::is_unreviewed")]
    pub review: Review,
    /// Where it happened, if the text (or the article's dateline, or the
    /// target of an attack) tells.
    #[serde(default)]
    pub location: Option<Location>,
    /// The modality the clause states, where the event's date changed it
    /// (an asserted event dated after publication is planned): kept so
    /// that dating the article again can undo the change.
    #[serde(skip)]
    pub stated_modality: Option<Modality>,
    /// The phrases the dependency tree attaches to the trigger with a
    /// locative preposition ("met *in Geneva*", "shelling *near the
    /// border*"), where the clause was parsed: the event's own place
    /// phrases, read first when it is located.
    #[serde(skip)]
    pub place_phrases: Vec<crate::Span>,
}
