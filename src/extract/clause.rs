//! One trigger in its clause: the context every rule reads (the sentence,
//! the clause, the cues, quotes and actors around the trigger, the triggers
//! before it), and the rules that read only that: whether the trigger is an
//! event of its own, what type the clause makes it, and its modality.

use super::actors::ActorHit;
use super::event::{Modality, PloverType};
use super::lexicon::{CueKind, LEXICON, Lexicon, NOT_AN_EVENT};
use super::modality::{Cue, clause_of, governing_cue, modality_of};
use super::roles::attached_actor;
use super::triggers::{
    COMPLEMENT_OPENERS, MATERIAL_CONFLICT, TriggerHit, inside_quote, is_gerund, opens_own_clause,
    reversed_by, word_before,
};
use crate::Span;

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
    /// The context of `trigger` in the sentence at `sentence` (cues and
    /// quotes added by [`ClauseContext::with_cues`]).
    pub fn new(
        text: &'a str,
        sentence: Span,
        breaks: &'a [usize],
        trigger: &'a TriggerHit,
        earlier: &'a [TriggerHit],
        actors: &'a [ActorHit],
    ) -> ClauseContext<'a> {
        let entry = &LEXICON.triggers[trigger.entry];
        let prev = word_before(text, trigger.span.0);
        ClauseContext {
            text,
            sentence,
            clause: clause_of(breaks, trigger.span),
            breaks,
            trigger,
            earlier,
            actors,
            cues: &[],
            quotes: &[],
            attached: attached_actor(text, trigger.span, actors).filter(|a| !a.anaphoric),
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

    /// Why the trigger is no event of its own, if it is not: the content
    /// of an earlier complement-taking trigger ("accuse Russia of planning
    /// an attack", "agree to send", "warned that a strike ..."), unless it
    /// has an actor of its own or is a possible conflict event in its own
    /// right ("a strike could be planned"); a feared or alleged event
    /// ("fears of an invasion"); an act of force only quoted.
    pub fn filtered(&self, ty: PloverType) -> Option<&'static str> {
        let (text, t, clause) = (self.text, self.trigger.span, self.clause);
        let lex = &*LEXICON;
        let governor = self.earlier.iter().rev().find(|g| {
            g.entry != NOT_AN_EVENT
                && Lexicon::in_types(&lex.cues.complement_types, lex.trigger_types[g.entry])
                && g.span.0 >= clause.0
        });
        let complement = governor.is_some_and(|g| {
            let between = text[g.span.1..t.0].to_ascii_lowercase();
            // "denied accepting funds": a gerund right after the trigger
            let gerund = between.trim().is_empty()
                && text[t.0..t.1]
                    .split_whitespace()
                    .next()
                    .is_some_and(is_gerund);
            !opens_own_clause(&between)
                && (self.nominal
                    || gerund
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
        let free = self.attached.is_none();
        if complement && free && !(own_modal && MATERIAL_CONFLICT.contains(&ty)) {
            return Some("content of another event");
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
        None
    }

    /// The type the clause makes of a trigger of type `ty`: reversed by
    /// its verb ("suspended aid": SANCTION), or a request in an appeal
    /// frame ("it is time to"); each change noted in `notes`.
    pub fn event_type(&self, mut ty: PloverType, notes: &mut Vec<String>) -> PloverType {
        let lex = &*LEXICON;
        let t = self.trigger.span;
        if self.nominal
            && let Some((verb, to)) = reversed_by(self.text, self.clause, t, ty)
        {
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
