//! One trigger in its clause: the context every rule reads (the sentence,
//! the clause, the cues, quotes and actors around the trigger, the triggers
//! before it), and the rules that read only that: whether the trigger is an
//! event of its own, what type the clause makes it, and its modality.

use super::actors::ActorHit;
use super::event::{ActorMention, Event, Modality, PloverType};
use super::lexicon::{CueKind, LEXICON, Lexicon, NOT_AN_EVENT};
use super::modality::{Cue, clause_of, governing_cue, modality_of, words_between};
use super::roles::attached_actor;
use super::text::quote_between;
use super::triggers::{
    COMPLEMENT_OPENERS, DETERMINERS, MATERIAL_CONFLICT, TriggerHit, inside_quote, is_finite_marker,
    is_gerund, opens_own_clause, reversed_by, word_before, word_before_at,
};
use crate::Span;

/// Words after which a past participle opens a noun phrase ("the detained
/// vessels", "from jailed former President Lula"): determiners and
/// prepositions. Closed word classes, not lexicon.
const PREMODIFIER_SLOTS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "this", "these", "those", "of", "from",
    "for", "with", "against", "about", "two", "three", "several", "many", "some",
];

/// Words that cannot be the noun a participle modifies: prepositions,
/// conjunctions, adverbs of time ("Arrested in 2010, he"); auxiliaries
/// ("the arrested were freed") are `is_finite_marker`'s.
#[rustfmt::skip]
const NOT_A_HEAD: &[&str] = &[
    "by", "in", "on", "at", "for", "to", "from", "with", "after", "during", "over", "into", "as",
    "and", "or", "but", "since", "last", "this", "earlier", "later", "yesterday", "today", "off",
    "out", "up", "down", "back", "away", "of", "near", "outside", "inside", "under", "without",
    "while", "when", "because", "than", "that", "which", "who",
];

/// The reason a trigger is the content of an earlier one.
pub(crate) const CONTENT_OF_ANOTHER: &str = "content of another event";

/// Whether the trigger at `t` is a capitalised word inside a name of the
/// sentence at `sentence`: after or (not at the start) before another
/// capitalised word ("Asia-Pacific Economic Cooperation", "Emergency
/// Relief Coordinator"), or after "of" that follows one ("the Government
/// of National Accord", "Ministry of Defense").
pub(crate) fn part_of_a_name(text: &str, sentence: Span, t: Span) -> bool {
    let capitalised =
        |w: &str| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
    if !capitalised(&text[t.0..t.1]) {
        return false;
    }
    let (before_at, before) = word_before_at(text, t.0);
    let at_start = before_at < sentence.0 || text[sentence.0..t.0].trim().is_empty();
    if at_start {
        return false;
    }
    let next = crate::slice::head(&text[t.1..sentence.1], 80)
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let next_capitalised = capitalised(next) && text[t.1..].starts_with([' ', '-']) && next != "I";
    let before_capitalised =
        text[..t.0].ends_with(' ') && capitalised(text[before_at..t.0].trim_end());
    let of_a_name = before == "of" && {
        let (at, _) = word_before_at(text, before_at);
        at >= sentence.0 && capitalised(text[at..before_at].trim_end())
    };
    before_capitalised || next_capitalised || of_a_name
}

/// Possessive determiners: a word after one is a noun ("its invasion").
const POSSESSIVE_DETERMINERS: [&str; 7] = ["its", "their", "his", "her", "our", "my", "your"];

/// Why a speech act an answer takes as object, or an act a refusal takes
/// as object, is no event of its own.
pub(crate) const ANSWERED: &str = "the act an answer answers";

/// What the rules see of one trigger.
pub(crate) struct ClauseContext<'a> {
    /// The article's text.
    pub text: &'a str,
    /// The sentence.
    pub sentence: Span,
    /// The clause the trigger is in.
    pub clause: Span,
    /// The clause breaks of the sentence.
    pub breaks: &'a [usize],
    /// The trigger.
    pub trigger: &'a TriggerHit,
    /// The triggers before it in the sentence.
    pub earlier: &'a [TriggerHit],
    /// The triggers after it in the sentence.
    pub later: &'a [TriggerHit],
    /// The sentence's actor mentions (named and resolved), sorted.
    pub actors: &'a [ActorHit],
    /// The sentence's modality and frame cues.
    pub cues: &'a [Cue],
    /// The sentence's quotation marks.
    pub quotes: &'a [usize],
    /// An actor attached to the trigger ("Russia's invasion", "attack by
    /// rebels").
    pub attached: Option<&'a ActorHit>,
    /// Whether the trigger is used as a noun or a complement ("any
    /// invasion", "to send").
    pub nominal: bool,
}

impl<'a> ClauseContext<'a> {
    /// The context of the trigger `triggers[index]` in the sentence at
    /// `sentence`, whose triggers are `triggers` (cues and quotes added by
    /// [`ClauseContext::with_cues`]).
    pub fn new(
        text: &'a str,
        sentence: Span,
        breaks: &'a [usize],
        triggers: &'a [TriggerHit],
        index: usize,
        actors: &'a [ActorHit],
    ) -> ClauseContext<'a> {
        let (trigger, earlier, later) =
            (&triggers[index], &triggers[..index], &triggers[index + 1..]);
        let entry = &LEXICON.triggers[trigger.entry];
        let prev = word_before(text, trigger.span.0);
        ClauseContext {
            text,
            sentence,
            clause: clause_of(breaks, trigger.span),
            breaks,
            trigger,
            earlier,
            later,
            actors,
            cues: &[],
            quotes: &[],
            attached: attached_actor(
                text,
                trigger.span,
                LEXICON.trigger_types[trigger.entry],
                actors,
            )
            .filter(|a| !a.anaphoric),
            nominal: entry.pos != "verb"
                || COMPLEMENT_OPENERS.contains(&prev.as_str())
                || prev.contains('-'),
        }
    }

    /// The context with the sentence's cues and quotation marks.
    pub fn with_cues(mut self, cues: &'a [Cue], quotes: &'a [usize]) -> ClauseContext<'a> {
        self.cues = cues;
        self.quotes = quotes;
        self
    }

    /// Whether the one a trigger that attributes an act holds responsible
    /// is asked after, not named: "who" (with its auxiliary) as its
    /// subject after a word of not knowing or finding out (`unknown_doer_markers`:
    /// "it was not immediately known who was responsible", "trying to
    /// determine who was behind the attacks").
    pub fn doer_asked_after(&self) -> bool {
        // the question's verb is in the clause before the one of "who"
        let Some(lead) = self
            .text
            .get(self.sentence.0.min(self.trigger.span.0)..self.trigger.span.0)
        else {
            return false;
        };
        let lower = lead.to_ascii_lowercase();
        let mut words = lower
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .rev()
            .skip_while(|w| {
                matches!(
                    *w,
                    "was"
                        | "were"
                        | "is"
                        | "are"
                        | "be"
                        | "been"
                        | "may"
                        | "might"
                        | "could"
                        | "have"
                        | "has"
                        | "had"
                        | "actually"
                        | "really"
                )
            });
        if !matches!(words.next(), Some("who" | "whoever")) {
            return false;
        }
        words
            .next()
            .is_some_and(|w| LEXICON.cues.unknown_doer_markers.iter().any(|m| m == w))
    }

    /// The act of force a trigger that attributes an act ("was behind",
    /// "responsible for") holds its subject responsible for: a later
    /// trigger of the clause of material conflict, at most six words on
    /// ("were behind the recent wave of bomb attacks").
    pub fn attributed_act(&self) -> Option<&'a TriggerHit> {
        let lex = &*LEXICON;
        self.later.iter().find(|l| {
            l.span.0 < self.clause.1
                && lex.trigger_types[l.entry].is_material_conflict()
                && self.text[self.trigger.span.1..l.span.0]
                    .split_whitespace()
                    .count()
                    <= 6
        })
    }

    /// The cue of the doer's own intention (`intentions`: "will", "plans
    /// to") that announces the trigger's act: before it in its clause, at
    /// most five words before with no punctuation between ("will extend
    /// the current nightly curfew", "plans to impose restrictions"), the
    /// trigger no past participle describing a noun ("will return weapons
    /// seized") nor the subject of the announcing verb ("these bombings
    /// will not cause"), and no other trigger between, whose act the cue
    /// announces instead ("will release two homeguards held captive", also
    /// where that trigger holds the cue: "will release").
    pub fn announced_by(&self) -> Option<&'a str> {
        let t = self.trigger.span;
        let first = self.text[t.0..t.1].split_whitespace().next().unwrap_or("");
        if first.ends_with("ed") {
            return None;
        }
        self.cues
            .iter()
            .rev()
            .find(|c| {
                c.kind == CueKind::Planned
                    && c.span.1 <= t.0
                    && c.span.0 >= self.clause.0
                    && LEXICON.cues.intentions.contains(&c.form)
                    && {
                        let between = &self.text[c.span.1..t.0];
                        !between.contains([',', ';', ':', '"', '(', ')'])
                            && between.split_whitespace().count() <= 5
                    }
                    && !self
                        .earlier
                        .iter()
                        .any(|e| e.entry != NOT_AN_EVENT && e.span.1 > c.span.1)
            })
            .map(|c| c.form.as_str())
    }

    /// The nearest earlier complement-taking trigger of the clause, whose
    /// content the trigger may be ("accused Russia of planning an attack");
    /// not one that gives way to the act it approves ("approved the
    /// extradition": the extradition is the event).
    pub fn governor(&self) -> Option<&'a TriggerHit> {
        let lex = &*LEXICON;
        self.earlier.iter().rev().find(|g| {
            g.entry != NOT_AN_EVENT
                && !lex.triggers[g.entry].attributes_an_act
                && !lex.triggers[g.entry].yields_to_its_object
                && Lexicon::in_types(&lex.cues.complement_types, lex.trigger_types[g.entry])
                && g.span.0 >= self.clause.0
                && !part_of_a_name(self.text, self.sentence, g.span)
        })
    }

    /// The promise whose content this act of force is, making the promise
    /// a threat ("vowed to hunt down the bombers"): the governor, when it
    /// is one of `promise_forms` and the trigger is of `threat_types`.
    pub fn promised_force(&self, ty: PloverType) -> Option<&'a TriggerHit> {
        let lex = &*LEXICON;
        self.governor().filter(|g| {
            Lexicon::in_types(&lex.cues.threat_types, ty)
                && !Lexicon::in_types(&lex.cues.yield_types, ty)
                && lex
                    .cues
                    .promise_forms
                    .iter()
                    .any(|f| g.form.eq_ignore_ascii_case(f))
        })
    }

    /// The intent (an AGREE trigger: "promised", "willing to", "agreed
    /// to") whose content the trigger is, where the trigger is a yield
    /// (`yield_types`: "willing to withdraw", "offered to release the
    /// hostages"): a promise of a concession, PLOVER CONCEDE. An agreement
    /// (`mutual_intents`: "agreed to a ceasefire", "agreed to lift the
    /// embargo") may bind both sides and stays AGREE.
    pub fn promised_yield(&self, ty: PloverType) -> Option<&'a TriggerHit> {
        let lex = &*LEXICON;
        self.governor().filter(|g| {
            Lexicon::in_types(&lex.cues.yield_types, ty)
                && lex.trigger_types[g.entry] == PloverType::Agree
                && !lex
                    .cues
                    .mutual_intents
                    .iter()
                    .any(|f| g.form.eq_ignore_ascii_case(f))
        })
    }

    /// Why the trigger is no event of its own, if it is not: the content
    /// of an earlier complement-taking trigger ("accuse Russia of planning
    /// an attack", "agree to send", "warned that a strike ..."), unless it
    /// has an actor of its own or is a possible conflict event in its own
    /// right ("a strike could be planned"); a feared or alleged event
    /// ("fears of an invasion"); an act of force only quoted.
    pub fn filtered(&self, ty: PloverType) -> Option<&'static str> {
        let (text, t, clause) = (self.text, self.trigger.span, self.clause);
        let lex = &*LEXICON;
        let complement = self.governor().is_some_and(|g| {
            let between = text[g.span.1..t.0].to_ascii_lowercase();
            // "denied accepting funds": a gerund right after the trigger
            let gerund = between.trim().is_empty()
                && text[t.0..t.1]
                    .split_whitespace()
                    .next()
                    .is_some_and(is_gerund);
            // "threatened to attack the base and kill its general": a bare
            // verb coordinated with the infinitive the trigger governs
            let coordinated = {
                let b = between.trim_end();
                (b.ends_with(" and") || b.ends_with(" or"))
                    && (g.form.contains("to ") || between.contains(" to "))
                    && text[t.0..t.1]
                        .split_whitespace()
                        .next()
                        .is_some_and(is_bare_verb)
            };
            !opens_own_clause(&between)
                && (self.nominal
                    || gerund
                    || coordinated
                    || lex
                        .cues
                        .complement_links
                        .iter()
                        .any(|w| crate::nlp::reference_time::contains_words(&between, w)))
        });
        let own_modal = self.cues.iter().any(|c| {
            c.kind == CueKind::Hypothetical
                && matches!(c.form.as_str(), "could" | "might" | "may")
                && c.span.0 >= t.1
                && c.span.0 < clause.1
                && text[t.1..c.span.0].split_whitespace().count() <= 1
        });
        if self.is_answered(ty) {
            return Some(ANSWERED);
        }
        let free = self.attached.is_none();
        if complement && free && !(own_modal && MATERIAL_CONFLICT.contains(&ty)) {
            return Some(CONTENT_OF_ANOTHER);
        }
        let feared = governing_cue(
            text,
            CueKind::ContentNoun,
            t,
            self.cues,
            self.breaks,
            self.quotes,
        );
        if feared.is_some() && free {
            return Some("feared or alleged");
        }
        if MATERIAL_CONFLICT.contains(&ty)
            && free
            && inside_quote(self.quotes, self.sentence.0, t.0)
        {
            return Some("quoted");
        }
        self.names_a_thing()
    }

    /// The words after the trigger in its clause, up to the next
    /// punctuation: where its own complement stands.
    fn phrase_after(&self) -> &'a str {
        let t = self.trigger.span;
        self.text[t.1..self.clause.1.max(t.1)]
            .split([',', ';', ':', '.', '(', '"'])
            .next()
            .unwrap_or("")
    }

    /// The requirement the trigger (a form of "meet") satisfies, if its
    /// object is one of `requirements`: among the four words after it, with
    /// no preposition before ("meeting global rules", "capable of meeting a
    /// variety of contingencies"; not "a meeting on security needs").
    pub fn requirement_met(&self) -> Option<String> {
        let form = &self.trigger.form;
        if !LEXICON
            .cues
            .meeting_forms
            .iter()
            .any(|f| f.eq_ignore_ascii_case(form))
        {
            return None;
        }
        self.object_among(&LEXICON.cues.requirements, true)
    }

    /// Whether the trigger names or takes an object: a phrase ending in a
    /// noun ("end the strike", "lift the embargo"), or a determiner, a
    /// number or an object pronoun right after it ("release the soldiers",
    /// "release them"; not "retreat from the world").
    pub fn acts_on_an_object(&self) -> bool {
        let form = self.trigger.form.to_lowercase();
        if let Some((_, last)) = form.rsplit_once(' ')
            && crate::nlp::syntax::treebank_upos(last).contains(&"NOUN")
        {
            return true;
        }
        let next = self.word_after_trigger();
        next.starts_with(|c: char| c.is_ascii_digit())
            || LEXICON.cues.object_openers.contains(&next)
    }

    /// The lower-case word right after the trigger in its clause, before
    /// any punctuation ("" if none).
    pub fn word_after_trigger(&self) -> String {
        self.phrase_after()
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    }

    /// The problem the trigger fights, if its object is one of
    /// `abstract_foes`: among the four words after it in its clause, before
    /// any punctuation ("fighting terrorism", "the fight against
    /// corruption", "combat the spread of Ebola").
    pub fn abstract_foe(&self) -> Option<String> {
        self.object_among(&LEXICON.cues.abstract_foes, false)
    }

    /// The first of `things` among the four words after the trigger in its
    /// clause, before any punctuation (lower case); with
    /// `before_a_preposition`, only ahead of the first preposition.
    fn object_among(&self, things: &[String], before_a_preposition: bool) -> Option<String> {
        for w in self.phrase_after().split_whitespace().take(4) {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase();
            if things.contains(&w) {
                return Some(w);
            }
            if before_a_preposition && crate::nlp::syntax::treebank_upos(&w) == ["ADP"] {
                return None;
            }
        }
        None
    }

    /// Whether the trigger is a speech act named as the object of an
    /// answer, or any event noun named as the object of a refusal: an
    /// earlier trigger of the clause among `answer_forms` (of
    /// `answered_types`) or `refusal_answers`, a few words before it with
    /// no clause, infinitive or gerund between ("rejected accusations by
    /// the U.S.", "denied Moscow's claims", "accepted an invitation from
    /// Beijing", "rejected the withdrawal agreement"). The act answered was
    /// made before and is told by the answer, which takes its speaker as
    /// target; the act refused was not done.
    fn is_answered(&self, ty: PloverType) -> bool {
        let (text, t) = (self.text, self.trigger.span);
        let cues = &LEXICON.cues;
        let Some(g) = self
            .earlier
            .iter()
            .rev()
            .find(|g| g.entry != NOT_AN_EVENT && g.span.1 <= t.0)
            .filter(|g| g.span.0 >= self.clause.0)
        else {
            return false;
        };
        let answer = text[g.span.0..g.span.1].to_ascii_lowercase();
        let answered =
            cues.answer_forms.contains(&answer) && Lexicon::in_types(&cues.answered_types, ty);
        if !answered && !cues.refusal_answers.contains(&answer) {
            return false;
        }
        let between: Vec<&str> = text[g.span.1..t.0].split_whitespace().collect();
        let first = text[t.0..t.1].split_whitespace().next().unwrap_or("");
        if is_gerund(first) || between.iter().any(|w| w.contains([',', ';'])) {
            return false;
        }
        let near = between.len() <= 4
            && !between
                .iter()
                .any(|w| matches!(*w, "to" | "that" | "and" | "or"));
        near || (between.len() <= 7
            && between
                .iter()
                .enumerate()
                .all(|(i, w)| noun_phrase_word(w, between.get(i + 1).copied())))
    }

    /// Why the trigger names a thing rather than an event, if it does:
    /// - a capitalised word inside a name ("Asia-Pacific Economic
    ///   Cooperation", "Emergency Relief Coordinator");
    /// - a past participle that modifies the noun after it ("the detained
    ///   vessels", "Ousted President Akayev", "from jailed former
    ///   President Lula");
    /// - an event noun that modifies an agent noun ("peacekeeping troops",
    ///   "aid workers", "attack helicopters");
    /// - the first part of a hyphenated modifier ("war-torn").
    fn names_a_thing(&self) -> Option<&'static str> {
        let (text, t) = (self.text, self.trigger.span);
        let form = &text[t.0..t.1];
        let (before_at, before) = word_before_at(text, t.0);
        let at_start = before_at < self.sentence.0 || text[self.sentence.0..t.0].trim().is_empty();
        let before = if at_start { String::new() } else { before };
        let next = crate::slice::head(&text[t.1..self.sentence.1], 80)
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let capitalised =
            |w: &str| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
        let next_capitalised =
            capitalised(next) && text[t.1..].starts_with([' ', '-']) && next != "I";
        if part_of_a_name(text, self.sentence, t) {
            return Some("part of a name");
        }
        // "Anti-abortion protester James Kopp", "bomber Ramzi Yousef": a
        // noun naming its doer as a title before a name describes the
        // person, it tells no act
        let doer_noun = super::roles::is_agent_noun(&form.to_lowercase());
        if doer_noun && next_capitalised && !crate::nlp::temporal::names_a_month_or_day(next) {
            return Some("a title before a name");
        }
        let entry = &LEXICON.triggers[self.trigger.entry];
        let single = !form.contains(char::is_whitespace);
        // "war-ravaged South Sudan", "war-torn", "bomb-making": the first
        // part of a hyphenated modifier
        if single
            && text[t.1..].starts_with('-')
            && text[t.1 + 1..].starts_with(|c: char| c.is_ascii_lowercase())
        {
            return Some("first part of a hyphenated modifier");
        }
        let lower = form.to_lowercase();
        let participle = lower.ends_with("ed") || lower.ends_with("en");
        let next_lower = next.to_lowercase();
        if entry.pos == "verb"
            && single
            && participle
            && (at_start || PREMODIFIER_SLOTS.contains(&before.as_str()))
            && !next.is_empty()
            && text[t.1..].starts_with(' ')
            && !NOT_A_HEAD.contains(&next_lower.as_str())
            && !is_finite_marker(&next_lower)
            && !next.starts_with(|c: char| c.is_ascii_digit())
        {
            return Some("participle modifying a noun");
        }
        if entry.pos != "verb"
            && text[t.1..].starts_with(' ')
            && next.starts_with(char::is_lowercase)
            && super::dictionaries::is_agent_word(next)
        {
            return Some("modifier of an agent noun");
        }
        // a verb's form as a noun only where a noun phrase starts ("Tour
        // operators", "the tour operators"; not "they tour factories")
        let noun_slot =
            entry.pos != "verb" || at_start || PREMODIFIER_SLOTS.contains(&before.as_str());
        if noun_slot
            && single
            && !participle
            && text[t.1..].starts_with(' ')
            && next.starts_with(char::is_lowercase)
            && crate::nlp::syntax::treebank_upos(&lower).contains(&"NOUN")
            && modifies_a_thing(&next_lower)
        {
            return Some("modifier of a noun naming a thing");
        }
        if self.weapon_found(&lower) {
            return Some("a weapon found or seized, not used");
        }
        let first_word = lower.split_whitespace().next().unwrap_or("");
        if self.nominal && !first_word.ends_with("ed") && self.refers_back() {
            return Some("a reference to an event already reported");
        }
        if !first_word.ends_with("ed") && self.is_setting() {
            return Some("the setting of another event");
        }
        None
    }

    /// Whether the trigger (lower-case `form`) names a weapon that a verb of
    /// finding or seizing takes, a few words before it in the clause
    /// ("police seized a car bomb", "found 1,300 pounds of explosives").
    fn weapon_found(&self, form: &str) -> bool {
        let cues = &LEXICON.cues;
        if !cues.weapon_nouns.iter().any(|w| w == form) {
            return false;
        }
        let from = self.clause.0.max(self.sentence.0);
        let before = &self.text[from..self.trigger.span.0];
        before
            .split_whitespace()
            .rev()
            .take(7)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_ascii_lowercase()
            })
            .any(|w| cues.weapon_finds.contains(&w))
    }

    /// Whether the (nominal) trigger points back at an event already
    /// reported: a preposition and a determiner before it, up to three
    /// modifiers between ("after the deadly embassy bombings", "since the
    /// explosion"), and no participant of its own after it or after the
    /// rest of its noun phrase (not "of", "by", "on" ...: "before their
    /// first face-to-face meeting on June 16").
    fn refers_back(&self) -> bool {
        let cues = &LEXICON.cues;
        let t = self.trigger.span;
        if self.has_own_arguments() {
            return false;
        }
        let head = &self.text[self.clause.0.max(self.sentence.0)..self.trigger.span.0];
        let words: Vec<&str> = head.split_whitespace().rev().take(5).collect();
        // words[0] is the word right before the trigger
        for k in 0..words.len().min(4) {
            let w = words[k].to_lowercase();
            if w.contains([',', ';', ':', '.', '"', '(']) {
                return false;
            }
            if cues.reference_determiners.contains(&w) {
                // a demonstrative points back wherever it stands ("a test
                // of that agreement"), as does a definite noun that only
                // possesses another ("the new agreement's procedures")
                let possessor = self.text[t.1..].starts_with("'s ")
                    || self.text[t.1..].starts_with("\u{2019}s ");
                // ("that" only after a preposition: "said that talks ..." is
                // a complementiser)
                let demonstrative = k <= 1
                    && cues.demonstratives.contains(&w)
                    && (w != "that"
                        || words.get(k + 1).is_some_and(|p| {
                            crate::nlp::syntax::treebank_upos(&p.to_lowercase()) == ["ADP"]
                        }));
                return demonstrative
                    || (w == "the" && possessor)
                    || words.get(k + 1).is_some_and(|p| {
                        cues.reference_prepositions
                            .contains(&p.trim_start_matches(['(', '"']).to_lowercase())
                    });
            }
        }
        false
    }

    /// Whether the trigger, a noun, names the setting of another event of
    /// the sentence: one of `setting_prepositions` up to five words before
    /// it with no punctuation between ("released after more than four years
    /// in detention", "resigned after weeks of massive street protests"),
    /// not set off by a comma, no participant of its own after it, the noun
    /// not a verb after its subject ("after Russia attacks"), and another
    /// trigger of the sentence outside the phrase: before the preposition,
    /// or after a comma that closes the phrase ("After weeks of protests,
    /// police fired ..."). A cause (`cause_prepositions`: "because of",
    /// "in response to its invasion of Kuwait") is a setting with
    /// participants of its own too, and a gerund with no object ("because
    /// of fighting among the factions").
    fn is_setting(&self) -> bool {
        let t = self.trigger.span;
        // the cheap tests first: a setting preposition a few words before
        let mut at = t.0;
        let mut preposition = None;
        for _ in 0..6 {
            let (start, w) = word_before_at(self.text, at);
            if start < self.sentence.0 || start >= at {
                break;
            }
            let tail = &self.text[start..at];
            if tail.contains([',', ';', ':', '.', '"', '(', ')']) {
                break;
            }
            if let Some(found) = setting_phrase_ending(self.text, self.sentence.0, start, &w) {
                preposition = Some(found);
                break;
            }
            at = start;
        }
        let Some((p, cause)) = preposition else {
            return false;
        };
        // set off by a comma, the phrase is the sentence's own news
        // ("are at odds over hacking, following repeated waves of
        // diplomatic expulsions")
        if self.text[self.sentence.0..p]
            .trim_end()
            .ends_with([',', ';', '\u{2014}'])
        {
            return false;
        }
        let closing_comma = self.text[t.1..self.sentence.1]
            .find([',', ';', '.'])
            .map(|i| t.1 + i);
        let another = self
            .earlier
            .iter()
            .any(|o| o.entry != NOT_AN_EVENT && o.span.1 <= p)
            || self.later.iter().any(|o| {
                o.entry != NOT_AN_EVENT
                    && p == self.sentence.0
                    && closing_comma.is_some_and(|c| o.span.0 > c)
            });
        if !another {
            return false;
        }
        let form = self.text[t.0..t.1].to_lowercase();
        let next = self.text[t.1..self.sentence.1]
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        let upos = crate::nlp::syntax::treebank_upos(&next);
        // a gerund takes an object ("for protesting abortion"); a cause
        // may be one without ("because of fighting among the factions")
        let bare = upos == ["ADP"] || self.text[t.1..].starts_with([',', '.', ';']);
        if (form.ends_with("ing") && !(cause && bare)) || (!cause && self.has_own_arguments()) {
            return false;
        }
        // "since a bomb ripped through": the preposition opens a clause
        // ("of" is seen as AUX too, in "should of")
        if upos.iter().any(|u| matches!(*u, "VERB" | "AUX"))
            && !upos.iter().any(|u| matches!(*u, "NOUN" | "ADP"))
        {
            return false;
        }
        // a verb's form after its subject ("after Russia attacks") is a
        // clause's verb, not a noun
        let (before_at, before) = word_before_at(self.text, t.0);
        let possessive = POSSESSIVE_DETERMINERS.contains(&before.as_str());
        let subject = self.text[before_at..t.0].starts_with(char::is_uppercase)
            || (!possessive && {
                let seen = crate::nlp::syntax::treebank_upos(&before);
                !seen.is_empty() && seen.iter().all(|u| matches!(*u, "PRON" | "PROPN"))
            });
        !(LEXICON.triggers[self.trigger.entry].pos == "verb" && !self.nominal && subject)
    }

    /// Whether the trigger is the head of a definite noun phrase ("the
    /// embassy blast", "the Aug. 7 bombings", "Rabin's murder", "this
    /// attack"): a determiner of [`reference_determiners`] or a possessor
    /// before it with only modifiers between (names, numbers, nouns and
    /// adjectives, at most four), and no participants of its own after it
    /// ("the bombing of the embassy"). Such a phrase names an event the
    /// reader knows of: when the story has told one of its type already,
    /// it is that one again.
    ///
    /// [`reference_determiners`]: crate::extract::lexicon
    pub fn definite_event_noun(&self) -> bool {
        let cues = &LEXICON.cues;
        let t = self.trigger.span;
        if self.has_own_arguments() {
            return false;
        }
        let head = &self.text[self.clause.0.max(self.sentence.0)..t.0];
        for w in head.split_whitespace().rev().take(5) {
            if w.contains([',', ';', ':', '"', '(', ')']) {
                return false;
            }
            let lower = w.to_lowercase();
            if cues.reference_determiners.contains(&lower)
                || lower.ends_with("'s")
                || lower.ends_with("\u{2019}s")
            {
                return true;
            }
            // "the suspected car bombings", "the alleged attack"
            let modifier = w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || w.contains('-')
                || cues.reported.contains(&lower)
                || {
                    let upos = crate::nlp::syntax::treebank_upos(&lower);
                    !upos.is_empty()
                        && upos
                            .iter()
                            .all(|u| matches!(*u, "NOUN" | "ADJ" | "PROPN" | "NUM"))
                };
            if !modifier {
                return false;
            }
        }
        false
    }

    /// Whether the trigger is a force named as the subject of another act
    /// of its clause ("Riot police responded with a volley of plastic
    /// bullets", "riot police fired tear gas"): a phrase ending in an agent
    /// noun, the next word a verb, another trigger later in the clause.
    /// The force is that act's doer, not a mobilisation of its own.
    pub fn force_as_subject(&self, ty: PloverType) -> bool {
        let t = self.trigger.span;
        let form = self.trigger.form.to_lowercase();
        let last = form.split_whitespace().last().unwrap_or("");
        if ty != PloverType::Mobilize || !super::dictionaries::is_agent_word(last) {
            return false;
        }
        let next = self.text[t.1..self.clause.1.max(t.1)]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let upos = crate::nlp::syntax::treebank_upos(&next);
        let verb = !upos.is_empty() && upos.iter().all(|u| matches!(*u, "VERB" | "AUX"));
        verb && self.later.iter().any(|l| l.span.1 <= self.clause.1)
    }

    /// Whether words after the (nominal) trigger, before the next
    /// punctuation, a preposition of reference or an auxiliary, give it
    /// participants of its own (`own_arguments`: "after the bombing of the
    /// embassy").
    fn has_own_arguments(&self) -> bool {
        let cues = &LEXICON.cues;
        for w in self.phrase_after().split_whitespace().take(3) {
            let w = w.to_lowercase();
            if cues.own_arguments.contains(&w) {
                return true;
            }
            if cues.reference_prepositions.contains(&w) || is_finite_marker(&w) {
                break;
            }
        }
        false
    }

    /// The type the clause makes of a trigger of type `ty`: reversed by
    /// the verb right before it when it is used as a noun ("suspended aid":
    /// SANCTION; also a verb entry's noun, "decided to ease restrictions",
    /// where the tree took "ease" for a noun), or a request in an appeal
    /// frame ("it is time to"); each change noted in `notes`.
    pub fn event_type(&self, mut ty: PloverType, notes: &mut Vec<String>) -> PloverType {
        let lex = &*LEXICON;
        let t = self.trigger.span;
        let noun = self.nominal || {
            let last = self.trigger.form.rsplit(' ').next().unwrap_or("");
            crate::nlp::syntax::treebank_upos(&last.to_lowercase()).contains(&"NOUN")
        };
        if noun && let Some((verb, to)) = reversed_by(self.text, self.clause, t, ty) {
            notes.push(format!("\"{verb}\" reverses {} → {}", ty.name(), to.name()));
            ty = to;
        }
        if !Lexicon::in_types(&lex.cues.speech_acts, ty)
            && let Some(frame) = governing_cue(
                self.text,
                CueKind::RequestFrame,
                t,
                self.cues,
                self.breaks,
                self.quotes,
            )
        {
            notes.push(format!("appeal frame \"{}\" → REQUEST", frame.form));
            ty = PloverType::Request;
        }
        ty
    }

    /// Whether the trigger is an attack's toll told in a clause linked to
    /// an earlier attack of the sentence (`casualty_forms` after one of
    /// `casualty_links`): "killed 257 people and injured more than 5,500"
    /// is one attack. `earlier` are the sentence's events so far.
    pub fn toll_of_earlier_attack(&self, ty: PloverType, earlier: &[Event]) -> bool {
        let cues = &LEXICON.cues;
        let t = self.trigger.span;
        ty == PloverType::Assault
            && self.is_casualty_form()
            && cues
                .casualty_links
                .contains(&word_before(self.text, t.0).trim_matches(',').to_string())
            && earlier
                .iter()
                .any(|e| e.event_type == PloverType::Assault && e.trigger.span.1 <= t.0)
    }

    /// Whether the trigger is one of `casualty_forms` ("killed", "wounded").
    fn is_casualty_form(&self) -> bool {
        LEXICON
            .cues
            .casualty_forms
            .iter()
            .any(|f| self.trigger.form.eq_ignore_ascii_case(f))
    }

    /// Whether the trigger is an act of confinement (`confinement_forms`)
    /// told with a release in its sentence (`sentence`: the sentence's
    /// events so far; or a release trigger after it): "freed a US diplomat
    /// it arrested", "fishermen held captive for 100 days have been freed"
    /// tell the released people's past, not a new act.
    pub fn confinement_of_the_released(&self, ty: PloverType, sentence: &[Event]) -> bool {
        matches!(ty, PloverType::Coerce | PloverType::Assault)
            && LEXICON
                .cues
                .confinement_forms
                .iter()
                .any(|f| self.trigger.form.eq_ignore_ascii_case(f))
            && (sentence
                .iter()
                .any(|e| e.event_type == PloverType::Retreat && e.mode == "release")
                || self.later.iter().any(|t| {
                    t.entry != NOT_AN_EVENT
                        && LEXICON.trigger_types[t.entry] == PloverType::Retreat
                        && LEXICON.triggers[t.entry].mode == "release"
                        // ("the return to peace talks": a return is one
                        // only with a recipient, checked later)
                        && !LEXICON.triggers[t.entry].needs_recipient
                }))
    }

    /// Whether a visit (a verb form of a `visit` trigger: "arrived in",
    /// "flew to") names no foreign counterpart among its targets: travel
    /// ("as he arrived in Philadelphia"), not a visit. Noun forms stay ("a
    /// whirlwind visit to East Africa").
    pub fn travel_not_a_visit(
        &self,
        ty: PloverType,
        source: &[ActorMention],
        target: &[ActorMention],
    ) -> bool {
        let first = self.trigger.form.split_whitespace().next().unwrap_or("");
        ty == PloverType::Consult
            && LEXICON.triggers[self.trigger.entry].mode == "visit"
            && !self.nominal
            && !crate::nlp::syntax::treebank_upos(&first.to_ascii_lowercase()).contains(&"NOUN")
            && !target
                .iter()
                .any(|m| !m.code.is_empty() && !source.iter().any(|s| s.country == m.country))
    }

    /// Whether the trigger is a toll told in the passive with no agent
    /// ("were killed in the embassy bombing", "One person is killed"): a
    /// casualty form right after one of `passive_toll_auxiliaries`, no
    /// "by" in the rest of its clause. It adds no act of its own to an
    /// attack the story has told.
    pub fn passive_toll(&self, ty: PloverType) -> bool {
        let cues = &LEXICON.cues;
        let t = self.trigger.span;
        ty == PloverType::Assault
            && self.is_casualty_form()
            && cues
                .passive_toll_auxiliaries
                .contains(&word_before(self.text, t.0).to_lowercase())
            && !self.text[t.1..self.clause.1.max(t.1)]
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("by"))
    }

    /// The refusal (one of `refusal_forms`) right before a yielding act of
    /// one of `yield_types` in its clause, that makes the act a rejection
    /// ("won't release them"; "will not lift the ban", up to four words
    /// before a noun a verb reversed). Not a refusal further away ("will
    /// not cause America to back down").
    pub fn refusal_to_yield(&self, ty: PloverType) -> Option<String> {
        let cues = &LEXICON.cues;
        if !Lexicon::in_types(&cues.yield_types, ty) {
            return None;
        }
        let reach = if ty == LEXICON.trigger_types[self.trigger.entry] {
            1
        } else {
            4
        };
        let t = self.trigger.span;
        let lead = self.text.get(self.clause.0..t.0)?.to_ascii_lowercase();
        cues.refusal_forms.iter().find_map(|form| {
            let at = lead.rfind(form.as_str())?;
            let end = at + form.len();
            let whole = (at == 0 || !lead.as_bytes()[at - 1].is_ascii_alphanumeric())
                && lead
                    .as_bytes()
                    .get(end)
                    .is_none_or(|b| !b.is_ascii_alphanumeric());
            (whole
                && !quote_between(self.quotes, self.clause.0 + end, t.0)
                && words_between(self.text, self.clause.0 + end, t.0) <= reach)
                .then(|| form.clone())
        })
    }

    /// The marker (`unperformed_markers`) before a gerund trigger, or
    /// before the run of gerunds it ends, that makes it an act spoken of or
    /// kept from ("talk about killing Rabin", "refrain from organizing,
    /// instigating, assisting", "considering sending aid"): then it is no
    /// event, nor is a noun such a gerund takes as object, up to two words
    /// after it ("considering sending humanitarian aid").
    pub fn unperformed_act(&self) -> Option<String> {
        let first = self
            .trigger
            .form
            .split_whitespace()
            .next()?
            .to_ascii_lowercase();
        let gerund =
            |w: &str| w.ends_with("ing") && w.len() > 4 && w.chars().all(char::is_alphabetic);
        let lead = self.text.get(self.sentence.0..self.trigger.span.0)?;
        // a noun a gerund takes as object is as unperformed as the gerund
        // ("considering sending humanitarian aid"): the cheap test first,
        // on the last three words, before any copy of the sentence
        let object_of = if first.ends_with("ing") {
            0
        } else {
            let last: Vec<&str> = lead.split_whitespace().rev().take(3).collect();
            (0..last.len()).find(|&k| gerund(&last[k].to_ascii_lowercase()))?
        };
        let lead = lead.to_ascii_lowercase();
        let mut words: Vec<&str> = lead.split_whitespace().collect();
        words.truncate(words.len() - object_of);
        // back over the gerunds and coordinators of the run, looking for a
        // marker before each (a marker may be a gerund itself: "considering")
        loop {
            let before = words.join(" ");
            let marker = LEXICON.cues.unperformed_markers.iter().find(|m| {
                before
                    .strip_suffix(m.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
            });
            if let Some(m) = marker {
                return Some(m.clone());
            }
            let bare = words.last()?.trim_end_matches(',');
            if gerund(bare) || matches!(bare, "or" | "and") {
                words.pop();
            } else {
                return None;
            }
        }
    }

    /// The joint marker or the states that make an exercise of type
    /// MOBILIZE a joint one (COOPERATE): a word of `joint_markers` among
    /// the three words before the exercise noun, or two or more states
    /// among its sources.
    pub fn joint_exercise(&self, ty: PloverType, sources: &[ActorMention]) -> Option<String> {
        let cues = &LEXICON.cues;
        let form = self.trigger.form.to_ascii_lowercase();
        let last = form.split_whitespace().last()?;
        if ty != PloverType::Mobilize || !cues.exercise_words.iter().any(|w| w == last) {
            return None;
        }
        let lead = self.text.get(self.clause.0..self.trigger.span.1)?;
        let words: Vec<String> = lead
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let before = &words[words
            .len()
            .saturating_sub(3 + form.split_whitespace().count())..];
        if let Some(m) = before
            .iter()
            .find(|w| cues.joint_markers.iter().any(|j| j == *w))
        {
            return Some(m.clone());
        }
        let mut states: Vec<&str> = sources
            .iter()
            .filter_map(|m| m.code.get(..3))
            .filter(|c| LEXICON.is_state(c))
            .collect();
        states.sort_unstable();
        states.dedup();
        (states.len() >= 2).then(|| states.join(" and "))
    }

    /// Whether the trigger is inside the condition of another act ("will
    /// respond with sanctions if Russia launches an invasion"): the
    /// condition opener that says so. A condition is what another act
    /// depends on, not an act of its own.
    pub fn condition_of_another(&self) -> Option<&str> {
        let c =
            super::modality::condition_over(self.text, self.trigger.span, self.cues, self.quotes)?;
        // the sentence goes on, or began, outside the condition
        let outside = c.span.0 > self.sentence.0 || self.clause.1 < self.sentence.1;
        outside.then_some(c.form.as_str())
    }

    /// Whether the trigger is a coercive act announced on a condition: a
    /// modal of `threat_modals` before it in its clause, a condition opener
    /// after it in the sentence, and nothing conditional before it ("would
    /// strike Iraq unless it complied"; not "if Russia invades").
    pub fn conditional_threat(&self, ty: PloverType) -> Option<String> {
        let lex = &*LEXICON;
        let t = self.trigger.span;
        if !Lexicon::in_types(&lex.cues.threat_types, ty) {
            return None;
        }
        let condition_before = self.cues.iter().any(|c| {
            c.kind == CueKind::Condition && c.span.1 <= t.0 && c.span.0 >= self.sentence.0
        });
        let modal = self.cues.iter().rev().find(|c| {
            matches!(c.kind, CueKind::Planned | CueKind::Hypothetical)
                && lex.cues.threat_modals.contains(&c.form)
                && c.span.1 <= t.0
                && c.span.0 >= self.clause.0
                && !quote_between(self.quotes, c.span.1, t.0)
                && words_between(self.text, c.span.1, t.0) <= 4
        })?;
        let condition = self.cues.iter().find(|c| {
            c.kind == CueKind::Condition && c.span.0 >= t.1 && c.span.1 <= self.sentence.1
        })?;
        (!condition_before).then(|| format!("{} … {}", modal.form, condition.form))
    }

    /// The modality of an event of type `ty` at the trigger, and the cue
    /// that gave it.
    pub fn modality(&self, ty: PloverType) -> (Modality, Option<String>) {
        let t = self.trigger.span;
        let (modality, cue) = modality_of(
            self.text,
            ty,
            t,
            self.nominal,
            self.cues,
            self.breaks,
            self.quotes,
        );
        if ty == PloverType::Accuse
            && modality == Modality::Asserted
            && let Some(c) = self.cues.iter().find(|c| {
                c.kind == CueKind::Hypothetical
                    && matches!(c.form.as_str(), "could" | "might" | "may")
                    && c.span.0 >= t.1
                    && c.span.1 <= self.clause.1
            })
        {
            // "warned that a strike could be planned": what is stated is a possibility
            return (
                Modality::Hypothetical,
                Some(format!("{} (in the statement)", c.form)),
            );
        }
        (modality, cue)
    }
}

/// Whether a word has the form of a bare verb ("kill", not "killed",
/// "kills" or "killing"): the treebank knows it as a verb, with no ending.
pub(crate) fn is_bare_verb(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    !["ed", "s", "ing"].iter().any(|e| w.ends_with(e))
        && crate::nlp::syntax::treebank_upos(&w).contains(&"VERB")
}

/// Whether a noun trigger before the lower-case word `next` only modifies
/// it: `next` is a noun and nothing else in the treebank (or, unknown to
/// it, a plural of agents: "operators"), and neither an
/// event the trigger specifies nor a time (see `eventive_heads` and
/// `time_nouns` in `assets/cues.toml`).
fn modifies_a_thing(next: &str) -> bool {
    let cues = &LEXICON.cues;
    if cues.eventive_heads.iter().any(|w| w == next) || cues.time_nouns.iter().any(|w| w == next) {
        return false;
    }
    let upos = crate::nlp::syntax::treebank_upos(next);
    if upos.is_empty() {
        // unknown to the treebank: plural nouns of agents ("operators",
        // "investigators") name people
        return ["ers", "ors", "ists"].iter().any(|s| next.ends_with(s));
    }
    // (a lower-case word the treebank saw only in names is a noun too)
    upos.iter().all(|&u| u == "NOUN" || u == "PROPN")
}

/// Where the setting or cause preposition that ends with the word `last`
/// at `start` begins, and whether it names a cause, if it is one of
/// `setting_prepositions` or `cause_prepositions`: a single word ("after")
/// or the last word of a phrase ("in response to", "because of") whose
/// other words stand right before it in the sentence.
fn setting_phrase_ending(
    text: &str,
    sentence_start: usize,
    start: usize,
    last: &str,
) -> Option<(usize, bool)> {
    let cues = &LEXICON.cues;
    let settings = cues.setting_prepositions.iter().map(|p| (p, false));
    let causes = cues.cause_prepositions.iter().map(|p| (p, true));
    settings.chain(causes).find_map(|(p, cause)| {
        let mut words = p.split_whitespace().rev();
        if words.next() != Some(last) {
            return None;
        }
        let mut at = start;
        for w in words {
            let (before, word) = word_before_at(text, at);
            if before < sentence_start || before >= at || word != w {
                return None;
            }
            at = before;
        }
        Some((at, cause))
    })
}

/// Whether `w` (followed by `next`) can stand inside a noun phrase before
/// its head, or in a time phrase: a determiner, adjective, noun, name or
/// number ("Prime Minister Theresa May's Brexit", "an Afghan government"),
/// "and" between two modifiers ("the Iraqi and Turkish"), or "on" and a
/// day ("on Monday").
fn noun_phrase_word(w: &str, next: Option<&str>) -> bool {
    let core = w.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = core.to_lowercase();
    let modifier = |w: &str| {
        // (mostly: the treebank has rare odd tags, "an" as a noun)
        let upos = crate::nlp::syntax::treebank_upos(w);
        upos.iter()
            .any(|u| matches!(*u, "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM"))
            && !upos
                .iter()
                .any(|u| matches!(*u, "VERB" | "AUX" | "ADP" | "SCONJ" | "PART"))
    };
    let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    if core.is_empty() {
        return false;
    }
    match lower.as_str() {
        "and" => next.is_some_and(|n| capital(n) || modifier(&n.to_lowercase())),
        "on" | "last" => next.is_some_and(crate::nlp::temporal::names_a_month_or_day),
        // ("this Monday" too)
        _ if DETERMINERS.contains(&lower.as_str()) => true,
        _ => {
            capital(core)
                || w.ends_with("'s")
                || w.ends_with("\u{2019}s")
                || modifier(&lower)
                || crate::nlp::temporal::names_a_month_or_day(core)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_noun_trigger_before_a_noun_naming_a_thing_modifies_it() {
        assert!(modifies_a_thing("factory"));
        assert!(modifies_a_thing("scene"));
        assert!(!modifies_a_thing("process"), "an event of its own");
        assert!(!modifies_a_thing("yesterday"), "a time");
        assert!(!modifies_a_thing("against"), "not a noun");
        assert!(!modifies_a_thing("qwxzv"), "unknown to the treebank");
    }
}
