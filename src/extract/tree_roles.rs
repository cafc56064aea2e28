//! Who did what to whom, read from the dependency tree of the sentence
//! (`nlp::syntax`): the source is the predicate's agent (`nsubj`, or
//! `obl:agent` in a passive), the target its patient or recipient (`obj`,
//! `iobj`, `nsubj:pass`, or an `obl` with one of the prepositions the frame
//! names). Control (`xcomp`), coordination (`conj`), relative clauses
//! (`acl:relcl`) and adverbial clauses without a subject of their own
//! (`advcl`) take the subject of the clause they hang from. An event noun
//! takes its possessor or actor adjective as source ("Russia's invasion",
//! "a Russian attack"), its `on`/`against` phrase as target, and the subject
//! of its light verb ("launched an attack") as source.

use crate::Span;
use crate::nlp::syntax::Word;

/// Prepositions that introduce the target of a predicate's action.
const TARGET_PREPOSITIONS: &[&str] = &[
    "against", "on", "at", "into", "upon", "toward", "towards", "with", "to", "over",
];
/// Prepositions that introduce the source of an event noun ("criticism from
/// Kenyan leaders", "an attack by rebels").
const SOURCE_PREPOSITIONS: &[&str] = &["by", "from"];
/// Relations whose subtrees are clauses of their own: an actor inside them
/// is not a participant of the predicate above.
const CLAUSE_RELATIONS: &[&str] = &[
    "acl",
    "acl:relcl",
    "advcl",
    "ccomp",
    "parataxis",
    "csubj",
    "xcomp",
    "appos",
    "list",
];

/// A parsed sentence with the children of every word.
pub struct Tree<'m> {
    /// The words.
    pub words: Vec<Word<'m>>,
    children: Vec<Vec<usize>>,
}

/// Where the tree puts a predicate's participants: word ranges of the
/// phrases, and how they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeRoles {
    /// The source phrases (spans of whole noun phrases).
    pub source: Vec<Span>,
    /// The target phrases.
    pub target: Vec<Span>,
    /// Whether the clause names its subject (so that no earlier actor may
    /// stand in for a missing one).
    pub explicit_subject: bool,
    /// The dependency path, for the event's `rule`.
    pub path: String,
}

impl<'m> Tree<'m> {
    /// Builds the child lists of `words`.
    pub fn new(words: Vec<Word<'m>>) -> Tree<'m> {
        let mut children = vec![Vec::new(); words.len()];
        for (i, w) in words.iter().enumerate() {
            if let Some(h) = w.head.filter(|&h| h < words.len() && h != i) {
                children[h].push(i);
            }
        }
        Tree { words, children }
    }

    fn rel(&self, i: usize) -> &str {
        self.words[i].deprel
    }

    fn children_with<'a>(&'a self, i: usize, rel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| self.rel(c) == rel)
    }

    /// The lower-case preposition (`case` child) of a phrase.
    fn case_of(&self, i: usize) -> Option<String> {
        self.children_with(i, "case")
            .next()
            .map(|c| self.words[c].lemma.to_ascii_lowercase())
    }

    /// The byte span of a phrase: the word and its dependents, not entering
    /// clauses of their own, nor (for the phrase's own top word) its
    /// preposition.
    fn phrase(&self, i: usize) -> Span {
        let (mut s, mut e) = self.words[i].span;
        let mut stack: Vec<usize> = self.children[i].clone();
        let mut seen = 0usize;
        while let Some(c) = stack.pop() {
            seen += 1;
            if seen > self.words.len() {
                break;
            }
            let rel = self.rel(c);
            if CLAUSE_RELATIONS.contains(&rel)
                || rel == "punct"
                || (self.words[c].head == Some(i) && matches!(rel, "case" | "cc" | "mark"))
            {
                continue;
            }
            s = s.min(self.words[c].span.0);
            e = e.max(self.words[c].span.1);
            stack.extend(self.children[c].iter().copied());
        }
        (s, e)
    }

    /// The word that stands for a trigger: the first verb inside its span,
    /// else its first noun, else its first word.
    pub fn predicate(&self, trigger: Span) -> Option<usize> {
        let inside: Vec<usize> = (0..self.words.len())
            .filter(|&i| {
                let w = self.words[i].span;
                w.0 < trigger.1 && trigger.0 < w.1
            })
            .collect();
        inside
            .iter()
            .copied()
            .find(|&i| self.words[i].upos == "VERB")
            .or_else(|| {
                inside
                    .iter()
                    .copied()
                    .find(|&i| matches!(self.words[i].upos, "NOUN" | "PROPN"))
            })
            .or_else(|| inside.first().copied())
    }

    /// The word whose patient an event noun is: the verb it is the object
    /// or passive subject of ("lifted the travel ban", "sanctions were
    /// lifted"), or the noun it is the `of` complement of ("the lifting of
    /// sanctions"). Modifiers and conjuncts climb to their head first
    /// ("travel restrictions", "sanctions and curbs").
    pub fn patient_of(&self, trigger: Span) -> Option<usize> {
        let mut i = self.predicate(trigger)?;
        if !matches!(self.words[i].upos, "NOUN" | "PROPN") {
            return None;
        }
        for _ in 0..4 {
            match self.rel(i) {
                "compound" | "flat" | "conj" | "amod" => i = self.words[i].head?,
                _ => break,
            }
        }
        let head = self.words[i].head?;
        match self.rel(i) {
            "obj" | "nsubj:pass" => Some(head),
            "nmod" if self.case_of(i).as_deref() == Some("of") => Some(head),
            _ => None,
        }
    }

    /// The phrases attached to the trigger's predicate by a preposition
    /// that `is_locative` accepts ("met *in Geneva*", "clashes *near the
    /// border*"): its `obl` and `nmod` dependents, and those of the verb a
    /// trigger noun is the object of ("held *talks* in Geneva"). The
    /// spans include the preposition.
    pub fn place_phrases(&self, trigger: Span, is_locative: &dyn Fn(&str) -> bool) -> Vec<Span> {
        let Some(p) = self.predicate(trigger) else {
            return Vec::new();
        };
        let mut heads = vec![p];
        if matches!(self.words[p].upos, "NOUN" | "PROPN")
            && self.rel(p) == "obj"
            && let Some(h) = self.words[p].head
        {
            heads.push(h);
        }
        let mut out = Vec::new();
        for h in heads {
            for &c in &self.children[h] {
                let rel = self.rel(c);
                let attached = rel == "obl" || rel == "nmod" || rel == "obl:unmarked";
                if !attached {
                    continue;
                }
                let Some(case) = self.case_of(c) else {
                    continue;
                };
                if !is_locative(&case) {
                    continue;
                }
                let (s, e) = self.phrase(c);
                let start = self
                    .children_with(c, "case")
                    .map(|k| self.words[k].span.0)
                    .min()
                    .unwrap_or(s);
                out.push((start.min(s), e));
            }
        }
        out
    }

    /// Whether the trigger's predicate takes a clause as its complement
    /// ("helped end the war", "helps to stabilize the region"): then it
    /// only serves that clause's act.
    pub fn takes_a_clause(&self, trigger: Span) -> bool {
        self.predicate(trigger)
            .is_some_and(|p| self.children[p].iter().any(|&c| self.rel(c) == "xcomp"))
    }

    /// Whether the trigger's verb has an object and a `to` phrase, on the
    /// verb or on its object ("returned two paintings to Peru").
    pub fn gives_object_to(&self, trigger: Span) -> bool {
        let Some(p) = self.predicate(trigger) else {
            return false;
        };
        if self.words[p].upos != "VERB" {
            return false;
        }
        let to = |i: usize| self.case_of(i).as_deref() == Some("to");
        // the recipient may hang anywhere below a long object, where the
        // parse put it ("dozens of artifacts to the embassy", "a pendant
        // engraved with the image of Peter the Great to Russian
        // authorities", "artifacts, including a krater and a fresco, to the
        // government of Italy"), though not in a relative clause of its own
        // ("skulls that date back to A.D. 640")
        let mut phrase: Vec<usize> = self.children_with(p, "obj").collect();
        if phrase.is_empty() {
            return false;
        }
        if self.children_with(p, "obl").any(to) {
            return true;
        }
        for _ in 0..6 {
            let below: Vec<usize> = phrase
                .iter()
                .flat_map(|&o| self.children[o].iter().copied())
                .filter(|&c| {
                    matches!(
                        self.rel(c),
                        "nmod" | "obl" | "acl" | "appos" | "conj" | "flat" | "compound"
                    )
                })
                .collect();
            if below.iter().any(|&c| to(c)) {
                return true;
            }
            if below.is_empty() {
                break;
            }
            phrase = below;
        }
        false
    }

    /// The lower-case lemmas of what a predicate acts on: its object (in
    /// the passive its subject), or
    /// for a noun its `of`/`to` complement ("visited nine sites", "a tour
    /// of three sites"), looking through a quantity noun ("a number of
    /// sites", "a team of experts") named in `quantity_nouns`, with the
    /// things coordinated with it ("experts, equipment and drugs") and what
    /// the predicate provides it with ("provide Brazil with loan
    /// guarantees").
    pub fn patient_lemmas(&self, trigger: Span, quantity_nouns: &[String]) -> Vec<String> {
        let Some(p) = self.predicate(trigger) else {
            return Vec::new();
        };
        // in the passive, the subject ("two suspects have been handed over")
        let Some(mut o) = self.children[p]
            .iter()
            .copied()
            .find(|&c| {
                self.rel(c) == "obj"
                    || (self.rel(c) == "nmod"
                        && matches!(self.case_of(c).as_deref(), Some("of" | "to")))
            })
            .or_else(|| self.children_with(p, "nsubj:pass").next())
        else {
            return Vec::new();
        };
        for _ in 0..2 {
            let lemma = self.words[o].lemma.to_ascii_lowercase();
            let Some(of) = self.children[o]
                .iter()
                .copied()
                .find(|&c| self.rel(c) == "nmod" && self.case_of(c).as_deref() == Some("of"))
                .filter(|_| quantity_nouns.contains(&lemma))
            else {
                break;
            };
            o = of;
        }
        // "provide Brazil with loan guarantees": the thing given, the
        // "with" phrase hung from the verb or (as often parsed) from the
        // recipient
        let with: Vec<usize> = self
            .children_with(p, "obl")
            .chain(self.children_with(o, "nmod"))
            .filter(|&c| self.case_of(c).as_deref() == Some("with"))
            .collect();
        // "sent a team of experts, equipment and drugs": the rest of a list
        // of things the parser cut off from the object as a loose noun
        let rest = self
            .children_with(p, "parataxis")
            .filter(|&c| c > o && self.words[c].upos == "NOUN");
        std::iter::once(o)
            .chain(self.children_with(o, "conj"))
            .chain(
                with.iter()
                    .flat_map(|&w| std::iter::once(w).chain(self.children_with(w, "conj"))),
            )
            .chain(rest.flat_map(|r| std::iter::once(r).chain(self.children_with(r, "conj"))))
            .map(|w| self.words[w].lemma.to_ascii_lowercase())
            .collect()
    }

    /// Whether the trigger's predicate takes a person as its object and no
    /// target phrase: its `obj` a name or one of the nouns `is_person`
    /// accepts ("fired Kirkuk's governor", "sacked Comey"), and no `obl`
    /// that aims it ("fired Scuds at Israel", "fired on protesters").
    pub fn acts_on_a_person(&self, trigger: Span, is_person: &dyn Fn(&str) -> bool) -> bool {
        let Some(p) = self.predicate(trigger) else {
            return false;
        };
        let aimed = self.children_with(p, "obl").any(|c| {
            let when = crate::nlp::temporal::names_a_month_or_day(&self.words[c].lemma);
            !when
                && self.case_of(c).is_some_and(|case| {
                    matches!(
                        case.as_str(),
                        "at" | "on" | "upon" | "into" | "toward" | "towards" | "against"
                    )
                })
        });
        !aimed
            && self.children_with(p, "obj").any(|o| {
                let w = &self.words[o];
                w.upos == "PROPN" || is_person(&w.lemma.to_ascii_lowercase())
            })
    }

    /// The lower-case lemma of a trigger verb's subject ("a fire killed"
    /// → "fire"), or of the noun its relative clause modifies ("a fire
    /// that killed" → "fire"); with a compound before it ("a bus crash"
    /// → "bus crash"); and the span of the subject's whole phrase.
    pub fn subject_lemma(&self, trigger: Span) -> Option<(String, Span)> {
        let p = self.predicate(trigger)?;
        if self.words[p].upos != "VERB" {
            return None;
        }
        let subject = self
            .children_with(p, "nsubj")
            .find(|&c| !self.is_relative_pronoun(c));
        let noun = match subject {
            Some(c) => c,
            None if self.rel(p) == "acl:relcl" => self.words[p].head?,
            None => return None,
        };
        if !matches!(self.words[noun].upos, "NOUN" | "PROPN") {
            return None;
        }
        let lemma = self.words[noun].lemma.to_ascii_lowercase();
        let lemma = match self.children_with(noun, "compound").last() {
            Some(c) if c + 1 == noun => {
                format!("{} {lemma}", self.words[c].lemma.to_ascii_lowercase())
            }
            _ => lemma,
        };
        Some((lemma, self.phrase(noun)))
    }

    /// The lower-case lemma of the noun a trigger participle modifies
    /// (`acl`: "a campaign *targeting* the election" → "campaign").
    pub fn participle_of(&self, trigger: Span) -> Option<String> {
        let p = self.predicate(trigger)?;
        if self.rel(p) != "acl" || self.words[p].upos != "VERB" {
            return None;
        }
        let h = self.words[p].head?;
        matches!(self.words[h].upos, "NOUN" | "PROPN")
            .then(|| self.words[h].lemma.to_ascii_lowercase())
    }

    /// The subject phrases of a verb (agent, passive subject), climbing
    /// through control, coordination and relative clauses; at most a few
    /// steps up.
    fn subject(&self, mut v: usize, path: &mut Vec<String>) -> (Vec<Span>, Vec<Span>, bool) {
        // whether the verb looked at controls the one below it ("forced to
        // withdraw", "are scheduled to become members"): its passive
        // subject is then the lower verb's doer
        let mut controlled = false;
        for _ in 0..4 {
            // a relative pronoun stands for the noun the clause modifies
            let mut subjects: Vec<usize> = self
                .children_with(v, "nsubj")
                .filter(|&c| !self.is_relative_pronoun(c))
                .collect();
            // "police arrested" misread as a participle with "police" its
            // compound: a nominal before a verb that has no subject is one
            if subjects.is_empty() && self.children_with(v, "nsubj:pass").next().is_none() {
                subjects.extend(
                    self.children_with(v, "compound").filter(|&c| {
                        c < v && matches!(self.words[c].upos, "NOUN" | "PROPN" | "PRON")
                    }),
                );
            }
            let agents: Vec<Span> = subjects.iter().map(|&c| self.phrase(c)).collect();
            // a common noun with no actor in it is a subject that is no
            // actor ("a car bomb killed"); a name or pronoun may still be
            // one the dictionaries do not know
            let explicit = subjects.iter().any(|&c| self.words[c].upos == "NOUN");
            // "a Sudanese who had been arrested": a relative pronoun as the
            // passive subject stands for the noun the clause follows, which
            // is what was acted on
            let passive: Vec<Span> = self
                .children_with(v, "nsubj:pass")
                .flat_map(|c| {
                    if !self.is_relative_pronoun(c) {
                        return vec![self.phrase(c)];
                    }
                    match self.words[v].head {
                        Some(h) if self.rel(v) == "acl:relcl" => vec![self.noun_with_modifiers(h)],
                        _ => self.antecedent(c).unwrap_or_default(),
                    }
                })
                .collect();
            let by: Vec<Span> = self
                .children_with(v, "obl:agent")
                .chain(
                    self.children_with(v, "obl")
                        .filter(|&c| self.case_of(c).as_deref() == Some("by")),
                )
                .map(|c| self.phrase(c))
                .collect();
            if !passive.is_empty() && controlled {
                path.push("nsubj:pass".into());
                return (passive, Vec::new(), false);
            }
            if !passive.is_empty() {
                path.push("nsubj:pass".into());
                if !by.is_empty() {
                    path.push("obl:agent".into());
                }
                return (by, passive, false);
            }
            if !agents.is_empty() {
                path.push("nsubj".into());
                return (agents, Vec::new(), explicit);
            }
            // "Washington and Kiev, who accuse Russia": when the parse did
            // not hang the clause from its noun, the relative pronoun still
            // stands for the nominal right before it
            if self.rel(v) != "acl:relcl"
                && let Some(r) = self
                    .children_with(v, "nsubj")
                    .find(|&c| self.is_relative_pronoun(c))
                && let Some(spans) = self.antecedent(r)
            {
                path.push("nsubj=antecedent".into());
                return (spans, Vec::new(), false);
            }
            let Some(h) = self.words[v].head else {
                break;
            };
            // object control, by verbs of `object_control_verbs`: "urged
            // him to withdraw" (the one urged withdraws; "agreed to
            // withdraw" has no object; "called Putin to discuss" is the
            // caller's purpose)
            let controls_object = || {
                let lemma = self.words[h].lemma.to_ascii_lowercase();
                super::lexicon::LEXICON
                    .cues
                    .object_control_verbs
                    .contains(&lemma)
            };
            if self.rel(v) == "xcomp"
                && let Some(o) = self.children_with(h, "obj").find(|&o| o < v)
                && controls_object()
            {
                path.push("xcomp^obj".into());
                return (vec![self.phrase(o)], Vec::new(), false);
            }
            match self.rel(v) {
                "xcomp" | "conj" | "advcl" => {
                    path.push(format!("{}^", self.rel(v)));
                    controlled = self.rel(v) == "xcomp";
                    v = h;
                }
                "acl:relcl" => {
                    // the relative clause acts for the noun it modifies
                    path.push(format!("{}^", self.rel(v)));
                    return (vec![self.noun_with_modifiers(h)], Vec::new(), false);
                }
                _ => break,
            }
        }
        (Vec::new(), Vec::new(), false)
    }

    /// The nominal a relative pronoun at `r` follows ("Washington and
    /// Kiev, who"): the phrase of the noun or name just before it (past a
    /// comma) and the phrases coordinated with it.
    fn antecedent(&self, r: usize) -> Option<Vec<Span>> {
        let mut j = r.checked_sub(1)?;
        if self.words[j].upos == "PUNCT" {
            j = j.checked_sub(1)?;
        }
        if !matches!(self.words[j].upos, "NOUN" | "PROPN") {
            return None;
        }
        // from a word of a name or compound up to the phrase's head
        let mut head = j;
        for _ in 0..4 {
            match (self.rel(head), self.words[head].head) {
                ("flat" | "compound", Some(h)) if h > head.saturating_sub(4) => head = h,
                ("conj", Some(h)) if h < head => head = h,
                _ => break,
            }
        }
        let mut spans = vec![self.noun_with_modifiers(head)];
        spans.extend(self.children_with(head, "conj").map(|c| self.phrase(c)));
        Some(spans)
    }

    /// A noun with its determiner and the modifiers in front of it
    /// (compounds, adjectives, name parts, a possessor), without the
    /// clauses and phrases after it.
    fn noun_with_modifiers(&self, h: usize) -> Span {
        let mut span = self.words[h].span;
        for &c in &self.children[h] {
            if matches!(
                self.rel(c),
                "compound" | "amod" | "flat" | "det" | "nmod:poss"
            ) {
                span.0 = span.0.min(self.words[c].span.0);
                span.1 = span.1.max(self.words[c].span.1);
            }
        }
        span
    }

    /// Whether a word is a relative pronoun ("who", "which", "that").
    fn is_relative_pronoun(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.feat("PronType") == Some("Rel")
            || (matches!(w.upos, "PRON" | "DET")
                && matches!(w.lemma.as_str(), "who" | "which" | "that" | "whom"))
    }

    /// The roles of the predicate standing for `trigger`, if the tree has
    /// one.
    pub fn roles(&self, trigger: Span) -> Option<TreeRoles> {
        let p = self.predicate(trigger)?;
        let mut path = Vec::new();
        let mut out = TreeRoles::default();
        let word = &self.words[p];
        if word.upos == "VERB" {
            let (agents, patients, explicit) = self.subject(p, &mut path);
            out.source = agents;
            out.target = patients;
            out.explicit_subject = explicit;
            self.objects(p, &mut out, &mut path);
        } else if matches!(word.upos, "NOUN" | "PROPN") {
            for c in self.children[p].clone() {
                match self.rel(c) {
                    "nmod:poss" | "amod" | "compound" => {
                        out.source.push(self.phrase(c));
                        path.push(self.rel(c).to_string());
                    }
                    "nmod" => match self.case_of(c).as_deref() {
                        Some(k) if SOURCE_PREPOSITIONS.contains(&k) => {
                            out.source.push(self.phrase(c));
                            path.push(format!("nmod:{k}"));
                        }
                        Some(k) if TARGET_PREPOSITIONS.contains(&k) || k == "of" => {
                            out.target.push(self.phrase(c));
                            path.push(format!("nmod:{k}"));
                        }
                        _ => {}
                    },
                    _ => {}
                }
            }
            // "launched an attack on", "faced criticism from": the light verb
            if let Some(h) = word.head
                && matches!(self.rel(p), "obj" | "nsubj:pass")
                && self.words[h].upos == "VERB"
            {
                path.push(format!("{}^", self.rel(p)));
                let (agents, _, explicit) = self.subject(h, &mut path);
                if out.source.is_empty() && self.rel(p) == "obj" {
                    out.source = agents;
                    out.explicit_subject = explicit;
                }
                if out.target.is_empty() {
                    for c in self.children_with(h, "obl").collect::<Vec<_>>() {
                        if self
                            .case_of(c)
                            .is_some_and(|k| TARGET_PREPOSITIONS.contains(&k.as_str()))
                        {
                            out.target.push(self.phrase(c));
                        }
                    }
                }
            }
        } else {
            return None;
        }
        out.path = path.join(" ");
        (!out.source.is_empty() || !out.target.is_empty() || out.explicit_subject).then_some(out)
    }

    /// The objects of a verb: `obj`, `iobj` (not a placeholder "it"), else
    /// an `obl` with a target preposition.
    fn objects(&self, v: usize, out: &mut TreeRoles, path: &mut Vec<String>) {
        // "make it difficult for Putin", "found it hard": an "it" before
        // the verb's small clause is a placeholder, no one acted on
        let small_clause = |o: usize| self.children_with(v, "xcomp").any(|x| x > o);
        let objs: Vec<usize> = self.children[v]
            .iter()
            .copied()
            .filter(|&c| matches!(self.rel(c), "obj" | "iobj"))
            .filter(|&c| !(self.words[c].lemma.eq_ignore_ascii_case("it") && small_clause(c)))
            .collect();
        for &c in &objs {
            out.target.push(self.phrase(c));
            path.push(self.rel(c).to_string());
        }
        if objs.is_empty() {
            for c in self.children_with(v, "obl").collect::<Vec<_>>() {
                if let Some(k) = self.case_of(c)
                    && TARGET_PREPOSITIONS.contains(&k.as_str())
                {
                    out.target.push(self.phrase(c));
                    path.push(format!("obl:{k}"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::syntax::default_model;

    fn roles(text: &str, trigger: &str) -> (Vec<String>, Vec<String>, String) {
        let model = default_model().expect("the built-in model loads");
        let tree = Tree::new(model.analyze(text, (0, text.len())));
        let at = text.find(trigger).expect("the trigger is in the text");
        let r = tree
            .roles((at, at + trigger.len()))
            .expect("the tree gives roles");
        let words = |v: &[Span]| v.iter().map(|s| text[s.0..s.1].to_string()).collect();
        (words(&r.source), words(&r.target), r.path)
    }

    fn patient_head(text: &str, trigger: &str) -> Option<String> {
        let model = default_model().expect("the built-in model loads");
        let tree = Tree::new(model.analyze(text, (0, text.len())));
        let at = text.find(trigger).expect("the trigger is in the text");
        tree.patient_of((at, at + trigger.len()))
            .map(|h| text[tree.words[h].span.0..tree.words[h].span.1].to_string())
    }

    #[test]
    fn an_event_noun_is_the_patient_of_the_verb_acting_on_it() {
        let cases = [
            (
                "Israel's president has lifted parole restrictions on Olmert.",
                "restrictions",
                "lifted",
            ),
            (
                "The UAE lifted the trade and travel restrictions with Israel.",
                "restrictions",
                "lifted",
            ),
            (
                "UN sanctions against Iran were lifted on 16 January 2016.",
                "sanctions",
                "lifted",
            ),
            ("Saudi Arabia lifts blockade of Qatar.", "blockade", "lifts"),
        ];
        for (text, trigger, head) in cases {
            assert_eq!(patient_head(text, trigger).as_deref(), Some(head), "{text}");
        }
        // an event noun that is the subject acts; it is nobody's patient
        assert_eq!(patient_head("The blockade hurt Qatar.", "blockade"), None);
    }

    #[test]
    fn active_verb_subject_and_object() {
        let (s, t, _) = roles(
            "Egyptian police arrested twelve protesters in Cairo.",
            "arrested",
        );
        assert_eq!(s, vec!["Egyptian police"]);
        // "in Cairo" may hang from the verb or from the noun
        assert!(
            t.len() == 1 && t[0].starts_with("twelve protesters"),
            "{t:?}"
        );
    }

    #[test]
    fn passive_by_phrase_is_the_source() {
        let (s, t, p) = roles(
            "The opposition leader was arrested by the security forces on Monday.",
            "arrested",
        );
        assert!(s.iter().any(|x| x.contains("security forces")), "{s:?} {p}");
        assert!(
            t.iter().any(|x| x.contains("opposition leader")),
            "{t:?} {p}"
        );
    }

    #[test]
    fn event_noun_with_light_verb() {
        let (s, t, p) = roles(
            "Iraqi troops launched an assault on the last rebel bastion.",
            "assault",
        );
        assert_eq!(s, vec!["Iraqi troops"], "{p}");
        assert!(t.iter().any(|x| x.contains("bastion")), "{t:?} {p}");
    }

    #[test]
    fn the_tree_names_an_event_s_place_phrases() {
        let places = |text: &str, trigger: &str| -> Vec<String> {
            let model = default_model().expect("the built-in model loads");
            let tree = Tree::new(model.analyze(text, (0, text.len())));
            let at = text.find(trigger).expect("the trigger is in the text");
            let locative = |w: &str| matches!(w, "in" | "near" | "at");
            tree.place_phrases((at, at + trigger.len()), &locative)
                .iter()
                .map(|s| text[s.0..s.1].to_string())
                .collect()
        };
        assert_eq!(
            places("The ministers met in Geneva on Friday.", "met"),
            vec!["in Geneva"]
        );
        // the verb a trigger noun is the object of
        let talks = places("Iran and the US held talks in Geneva on Monday.", "talks");
        assert!(
            talks.len() == 1 && talks[0].starts_with("in Geneva"),
            "{talks:?}"
        );
        // a phrase on the trigger noun itself
        assert_eq!(
            places("Russia launched an attack near the border.", "attack"),
            vec!["near the border"]
        );
        // a place inside another phrase is not the event's
        assert!(
            places(
                "The council condemned the bombing of the embassy in Nairobi.",
                "condemned"
            )
            .is_empty()
        );
    }

    #[test]
    fn control_takes_the_subject_above() {
        let (s, _, p) = roles(
            "Russia agreed to withdraw its troops from the border.",
            "withdraw",
        );
        assert_eq!(s, vec!["Russia"], "{p}");
    }

    #[test]
    fn a_passive_relative_clause_acts_on_its_noun() {
        let (s, t, p) = roles(
            "Police are holding a Sudanese dissident who was arrested in Nairobi.",
            "arrested",
        );
        assert!(s.is_empty(), "{s:?} {p}");
        assert_eq!(t, vec!["a Sudanese dissident"], "{p}");
    }
}
