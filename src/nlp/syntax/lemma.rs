//! Lemmas and morphological features.
//!
//! Lemmas: each training word gives an edit from its lower-case form to its
//! lower-case lemma (strip some final characters, add some). A (form, tag)
//! seen in training whose lemma the rules below would get wrong is kept as
//! it is ("i" → "I", "went" → "go"); otherwise a seen (lower-case form,
//! tag) takes its most frequent edit, and an unseen one the edit most
//! frequent among training words with the same tag and the longest shared
//! ending. Lemmas are lower case, except that a proper noun keeps the
//! capitals of its form ("Americans" → "American").
//!
//! Features: a seen (form, tag) takes its most frequent FEATS, an unseen one
//! the most frequent of its tag; the tree then sets what depends on other
//! words: a finite verb's person and number agree with its subject, a past
//! participle is passive (`Voice=Pass`) when it has a passive subject or
//! auxiliary, or modifies a noun, an `-ing` form heading a nominal function
//! is a gerund, and a bare verb without subject or auxiliary at the head of
//! its clause is an imperative.

use rustc_hash::FxHashMap;

/// An edit from a lower-case form to its lower-case lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Edit {
    /// Characters removed from the end.
    pub strip: u8,
    /// Text appended.
    pub add: String,
}

impl Edit {
    /// The edit that turns `form` into `lemma` (both lower-cased).
    pub fn between(form: &str, lemma: &str) -> Edit {
        let (form, lemma) = (form.to_lowercase(), lemma.to_lowercase());
        let n = form
            .chars()
            .zip(lemma.chars())
            .take_while(|(x, y)| x == y)
            .count();
        let strip = (form.chars().count() - n).min(255) as u8;
        Edit {
            strip,
            add: lemma.chars().skip(n).collect(),
        }
    }

    /// Applies the edit to a lower-case form (a form too short for it is kept).
    pub fn apply(&self, low: &str) -> String {
        let n = low.chars().count();
        let strip = usize::from(self.strip);
        if strip > n || (strip == n && self.add.is_empty()) {
            return low.to_string();
        }
        let cut = low
            .char_indices()
            .nth(n - strip)
            .map_or(low.len(), |(i, _)| i);
        let mut out = low[..cut].to_string();
        out.push_str(&self.add);
        out
    }
}

/// `lemma` with the capitals of `form` where their letters agree.
fn with_case_of(form: &str, lemma: &str) -> String {
    let mut f = form.chars();
    lemma
        .chars()
        .map(|l| match f.next() {
            Some(c) if c.to_lowercase().eq(l.to_lowercase()) => c,
            _ => l,
        })
        .collect()
}

/// The longest ending the rules for unseen words look at.
const MAX_SUFFIX: usize = 5;

/// A trained lemmatizer and morphological tagger.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lemmatizer {
    /// (form, tag) → lemma, where the rules would be wrong.
    pub exact: FxHashMap<(String, u16), String>,
    /// The edits, referred to by index.
    pub edits: Vec<Edit>,
    /// (lower-case form, tag) → edit.
    pub known: FxHashMap<(String, u16), u32>,
    /// (tag, ending) → edit, for unseen words.
    pub endings: FxHashMap<(u16, String), u32>,
    /// FEATS values, referred to by index.
    pub feats: Vec<String>,
    /// (lower-case form, tag) → FEATS.
    pub known_feats: FxHashMap<(String, u16), u32>,
    /// tag → FEATS, for unseen words.
    pub tag_feats: FxHashMap<u16, u32>,
    /// Every lower-case form seen in training with the tags it took,
    /// ascending (derived from `known` by [`Lemmatizer::finish`]; not saved).
    pub seen: FxHashMap<String, Vec<u16>>,
}

/// Digits in groups of three split by commas ("1,100", "243,000").
fn is_grouped_number(form: &str) -> bool {
    let mut groups = form.split(',');
    let first = groups.next().unwrap_or("");
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    digits(first)
        && first.len() <= 3
        && form.contains(',')
        && groups.all(|g| g.len() == 3 && digits(g))
}

fn ending(low: &str, k: usize) -> Option<&str> {
    let n = low.chars().count();
    if k > n {
        return None;
    }
    low.char_indices().nth(n - k).map(|(i, _)| &low[i..])
}

impl Lemmatizer {
    /// The lemma of `form` with tag `tag`, whose UPOS is `upos`.
    pub fn lemma(&self, form: &str, tag: u16, upos: &str) -> String {
        let form = super::tagger::normalize(form);
        if let Some(l) = self.exact.get(&(form.to_string(), tag)) {
            return l.clone();
        }
        self.by_rule(&form, tag, upos)
    }

    fn by_rule(&self, form: &str, tag: u16, upos: &str) -> String {
        let proper = upos == "PROPN";
        // endings are rules of the open classes only: an unseen word of a
        // closed class ("square" mistagged as an auxiliary) stays as it is
        let open = matches!(upos, "NOUN" | "VERB" | "ADJ" | "ADV" | "PROPN");
        if upos == "NUM" && is_grouped_number(form) {
            // the treebank writes "12,000" as the number 12000
            return form.replace(',', "");
        }
        let low = form.to_lowercase();
        // a capitalised word never seen in lower case is a name, whatever its
        // tag, except a common noun: the treebank lower-cases "DUI", "3G"
        let keep_case = proper
            || (upos != "NOUN"
                && form.chars().any(char::is_uppercase)
                && !self.seen.contains_key(&low));
        let id = self.known.get(&(low.clone(), tag)).copied().or_else(|| {
            if !open {
                return None;
            }
            (1..=MAX_SUFFIX).rev().find_map(|k| {
                self.endings
                    .get(&(tag, ending(&low, k)?.to_string()))
                    .copied()
            })
        });
        let lemma = match id.and_then(|i| self.edits.get(i as usize)) {
            Some(e) => e.apply(&low),
            None => low,
        };
        if keep_case {
            with_case_of(form, &lemma)
        } else {
            lemma
        }
    }

    /// Derives the lookup set of seen forms; call once after filling `known`.
    pub fn finish(&mut self) {
        let mut seen: FxHashMap<String, Vec<u16>> = FxHashMap::default();
        for (f, t) in self.known.keys() {
            seen.entry(f.clone()).or_default().push(*t);
        }
        for tags in seen.values_mut() {
            tags.sort_unstable();
        }
        self.seen = seen;
    }

    /// The features of `form` with tag `tag`, before the tree adjusts them.
    pub fn base_feats(&self, form: &str, tag: u16) -> &str {
        let low = super::tagger::normalize(form).to_lowercase();
        self.known_feats
            .get(&(low, tag))
            .or_else(|| self.tag_feats.get(&tag))
            .and_then(|&i| self.feats.get(i as usize))
            .map_or("_", String::as_str)
    }

    /// Learns the tables from (form, tag, UPOS, lemma, feats) words.
    pub fn train<'a>(
        words: impl Iterator<Item = (&'a str, u16, &'a str, &'a str, &'a str)>,
    ) -> Lemmatizer {
        let mut edits: Vec<Edit> = Vec::new();
        let mut edit_id: FxHashMap<Edit, u32> = FxHashMap::default();
        let mut feats: Vec<String> = Vec::new();
        let mut feats_id: FxHashMap<String, u32> = FxHashMap::default();
        let mut known_c: FxHashMap<(String, u16), FxHashMap<u32, u32>> = FxHashMap::default();
        let mut exact_c: FxHashMap<(String, u16, &'a str), FxHashMap<String, u32>> =
            FxHashMap::default();
        let mut feats_c: FxHashMap<(String, u16), FxHashMap<u32, u32>> = FxHashMap::default();
        let mut tag_c: FxHashMap<u16, FxHashMap<u32, u32>> = FxHashMap::default();
        for (form, tag, upos, lemma, f) in words {
            let form = super::tagger::normalize(form);
            let lemma = super::tagger::normalize(lemma);
            let e = Edit::between(&form, &lemma);
            let id = *edit_id.entry(e.clone()).or_insert_with(|| {
                edits.push(e);
                (edits.len() - 1) as u32
            });
            let low = form.to_lowercase();
            *known_c
                .entry((low.clone(), tag))
                .or_default()
                .entry(id)
                .or_default() += 1;
            *exact_c
                .entry((form.to_string(), tag, upos))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            let fid = *feats_id.entry(f.to_string()).or_insert_with(|| {
                feats.push(f.to_string());
                (feats.len() - 1) as u32
            });
            *feats_c
                .entry((low, tag))
                .or_default()
                .entry(fid)
                .or_default() += 1;
            *tag_c.entry(tag).or_default().entry(fid).or_default() += 1;
        }
        let top = |m: &FxHashMap<u32, u32>| {
            *m.iter()
                .max_by_key(|&(id, c)| (*c, std::cmp::Reverse(*id)))
                .expect("counted")
                .0
        };
        let known: FxHashMap<(String, u16), u32> =
            known_c.iter().map(|(k, m)| (k.clone(), top(m))).collect();
        // endings: one vote per word type, the most frequent edit wins
        let mut end_c: FxHashMap<(u16, String), FxHashMap<u32, u32>> = FxHashMap::default();
        for ((low, tag), &id) in &known {
            for k in 1..=MAX_SUFFIX {
                if let Some(e) = ending(low, k) {
                    *end_c
                        .entry((*tag, e.to_string()))
                        .or_default()
                        .entry(id)
                        .or_default() += 1;
                }
            }
        }
        let endings = end_c
            .iter()
            .filter(|(k, m)| k.1.chars().count() <= 2 || m.values().sum::<u32>() >= 2)
            .map(|(k, m)| (k.clone(), top(m)))
            .collect();
        let mut l = Lemmatizer {
            exact: FxHashMap::default(),
            edits,
            known,
            endings,
            feats,
            known_feats: feats_c.iter().map(|(k, m)| (k.clone(), top(m))).collect(),
            tag_feats: tag_c.iter().map(|(k, m)| (*k, top(m))).collect(),
            seen: Default::default(),
        };
        l.finish();
        // keep the seen words the rules get wrong
        let mut exact = FxHashMap::default();
        for ((form, tag, upos), m) in &exact_c {
            let best = m
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .expect("counted")
                .0;
            if &l.by_rule(form, *tag, upos) != best {
                exact.insert((form.clone(), *tag), best.clone());
            }
        }
        l.exact = exact;
        l
    }
}

/// What [`adjust_feats`] needs to know of one word of a parsed sentence.
#[derive(Debug, Clone, Copy)]
pub struct TreeWord<'a> {
    /// The word form.
    pub form: &'a str,
    /// Penn tag.
    pub xpos: &'a str,
    /// Relation to its head.
    pub deprel: &'a str,
    /// Head index (0-based), `None` for the root.
    pub head: Option<usize>,
}

fn set_feat(feats: &str, name: &str, value: Option<&str>) -> String {
    let mut parts: Vec<&str> = feats
        .split('|')
        .filter(|p| *p != "_" && !p.is_empty() && !p.starts_with(&format!("{name}=")))
        .collect();
    let kv;
    if let Some(v) = value {
        kv = format!("{name}={v}");
        parts.push(&kv);
    }
    parts.sort_unstable_by_key(|p| p.to_ascii_lowercase());
    if parts.is_empty() {
        "_".to_string()
    } else {
        parts.join("|")
    }
}

/// The value of feature `name` in a FEATS string (`Tense=Past|...`).
pub fn get_feat<'a>(feats: &'a str, name: &str) -> Option<&'a str> {
    feats
        .split('|')
        .find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
}

/// Sets the features that depend on the tree (see the module comment).
pub fn adjust_feats(words: &[TreeWord<'_>], feats: &mut [String]) {
    // each word's dependents, found once (linear in the sentence)
    let mut deps: Vec<Vec<usize>> = vec![Vec::new(); words.len()];
    for (i, w) in words.iter().enumerate() {
        if let Some(h) = w.head.filter(|&h| h < words.len()) {
            deps[h].push(i);
        }
    }
    let children = |h: usize| deps[h].iter().map(|&i| (i, words[i]));
    for i in 0..words.len() {
        let w = words[i];
        match w.xpos {
            "PRP" if matches!(w.form.to_lowercase().as_str(), "it" | "you") => {
                let nominative = w.deprel.starts_with("nsubj") || w.deprel == "expl";
                feats[i] = set_feat(
                    &feats[i],
                    "Case",
                    Some(if nominative { "Nom" } else { "Acc" }),
                );
            }
            "VBD" | "VBP" => {
                let subj = children(i)
                    .find(|(_, c)| c.deprel.starts_with("nsubj"))
                    .map(|(j, _)| j);
                // a copula or auxiliary agrees with its head's subject
                let subj = subj.or_else(|| {
                    let h = w.head?;
                    if matches!(w.deprel, "aux" | "cop" | "aux:pass") {
                        children(h)
                            .find(|(_, c)| c.deprel.starts_with("nsubj"))
                            .map(|(j, _)| j)
                    } else {
                        None
                    }
                });
                if let Some(s) = subj {
                    let sf = feats[s].clone();
                    let person = get_feat(&sf, "Person").unwrap_or("3").to_string();
                    // a verb is singular or plural ("troops", Number=Ptan, is plural)
                    let number = get_feat(&sf, "Number")
                        .map(|n| if n == "Sing" { n } else { "Plur" }.to_string())
                        .or_else(|| {
                            Some(
                                if matches!(words[s].xpos, "NNS" | "NNPS") {
                                    "Plur"
                                } else {
                                    "Sing"
                                }
                                .to_string(),
                            )
                        });
                    // a present-tense non-3rd-singular form with a 3rd person subject is plural
                    let number = if w.xpos == "VBP" && person == "3" {
                        Some("Plur".to_string())
                    } else {
                        number
                    };
                    let f = set_feat(&feats[i], "Person", Some(&person));
                    feats[i] = set_feat(&f, "Number", number.as_deref());
                }
            }
            "VBN" => {
                let passive = children(i).any(|(_, c)| {
                    matches!(
                        c.deprel,
                        "aux:pass" | "nsubj:pass" | "csubj:pass" | "obl:agent"
                    )
                }) || matches!(w.deprel, "acl" | "amod");
                let perfect = children(i).any(|(_, c)| c.deprel == "aux");
                let pass_aux = children(i).any(|(_, c)| c.deprel == "aux:pass");
                // "has been sent" is passive, "has sent" is not
                let v = if passive && (pass_aux || !perfect) {
                    Some("Pass")
                } else {
                    None
                };
                feats[i] = set_feat(&feats[i], "Voice", v);
            }
            "VBG" => {
                let nominal = matches!(w.deprel, "nsubj" | "obj" | "csubj" | "iobj" | "nsubj:pass")
                    || children(i).any(|(_, c)| {
                        c.deprel == "case" || c.deprel == "det" || c.deprel == "nmod:poss"
                    });
                if nominal {
                    feats[i] = "VerbForm=Ger".to_string();
                } else if get_feat(&feats[i], "VerbForm") == Some("Ger") {
                    feats[i] = "Tense=Pres|VerbForm=Part".to_string();
                }
            }
            "VB" => {
                let bare = !children(i).any(|(_, c)| {
                    matches!(
                        c.deprel,
                        "nsubj" | "aux" | "mark" | "nsubj:pass" | "aux:pass" | "expl"
                    )
                });
                let clause_head = matches!(w.deprel, "root" | "parataxis" | "conj")
                    && w.head
                        .is_none_or(|h| words[h].xpos != "VB" || w.deprel != "conj");
                if bare && clause_head && w.deprel == "root" {
                    feats[i] = "Mood=Imp|VerbForm=Fin".to_string();
                } else if get_feat(&feats[i], "Mood") == Some("Imp") && (!bare || !clause_head) {
                    feats[i] = "VerbForm=Inf".to_string();
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_between_forms_and_lemmas() {
        for (f, l) in [
            ("troops", "troop"),
            ("went", "go"),
            ("The", "the"),
            ("invading", "invade"),
            ("n't", "not"),
        ] {
            assert_eq!(Edit::between(f, l).apply(&f.to_lowercase()), l, "{f}");
        }
        assert_eq!(with_case_of("Americans", "american"), "American");
        // an edit learned on one word carries to another
        let e = Edit::between("tries", "try");
        assert_eq!(e.apply("denies"), "deny");
        assert_eq!(e.apply("s"), "s");
    }

    #[test]
    fn unseen_words_follow_endings() {
        let data = [
            ("tries", 1u16, "VERB", "try", "_"),
            ("cries", 1, "VERB", "cry", "_"),
            ("walks", 1, "VERB", "walk", "_"),
            ("dogs", 2, "NOUN", "dog", "Number=Plur"),
            ("i", 3, "PRON", "I", "_"),
            ("Americans", 4, "PROPN", "American", "_"),
        ];
        let l = Lemmatizer::train(data.iter().copied());
        assert_eq!(l.lemma("denies", 1, "VERB"), "deny");
        assert_eq!(l.lemma("Tries", 1, "VERB"), "try");
        assert_eq!(l.lemma("cats", 2, "NOUN"), "cat");
        assert_eq!(l.base_feats("cats", 2), "Number=Plur");
        assert_eq!(l.lemma("xyz", 9, "X"), "xyz");
        assert_eq!(l.lemma("i", 3, "PRON"), "I");
        assert_eq!(l.lemma("Canadians", 4, "PROPN"), "Canadian");
        // no ending rules for closed classes
        assert_eq!(l.lemma("dries", 3, "PRON"), "dries");
        // a common noun is lower case even when never seen in lower case;
        // another word of that kind keeps its case
        assert_eq!(l.lemma("DUI", 2, "NOUN"), "dui");
        assert_eq!(l.lemma("Kerala", 5, "ADJ"), "Kerala");
        // grouped digits are one number; other commas are left alone
        assert_eq!(l.lemma("243,000", 6, "NUM"), "243000");
        assert_eq!(l.lemma("1,100,000", 6, "NUM"), "1100000");
        assert_eq!(l.lemma("7,5", 6, "NUM"), "7,5");
        assert_eq!(l.lemma("1234,000", 6, "NUM"), "1234,000");
    }

    #[test]
    fn tree_sets_agreement_and_voice() {
        let words = [
            TreeWord {
                form: "troops",
                xpos: "NNS",
                deprel: "nsubj:pass",
                head: Some(2),
            },
            TreeWord {
                form: "were",
                xpos: "VBD",
                deprel: "aux:pass",
                head: Some(2),
            },
            TreeWord {
                form: "sent",
                xpos: "VBN",
                deprel: "root",
                head: None,
            },
        ];
        let mut feats = vec![
            "Number=Plur".to_string(),
            "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin".to_string(),
            "Tense=Past|VerbForm=Part".to_string(),
        ];
        adjust_feats(&words, &mut feats);
        assert_eq!(
            feats[1],
            "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin"
        );
        assert_eq!(feats[2], "Tense=Past|VerbForm=Part|Voice=Pass");
    }
}
