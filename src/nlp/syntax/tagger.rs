//! The part-of-speech tagger: a greedy left-to-right averaged perceptron
//! over the joint UPOS and Penn tag of each word.
//!
//! Features: the word and its lower-case form (digits folded to `0`), its
//! prefixes, suffixes of one to four characters and shape, the two words on
//! each side, the two tags before, and the "ambiguity class" of the word and
//! of the words after it (the set of tags each took in training), which
//! stands in for the tags not yet assigned to the right. Frequent words seen
//! with one tag only skip the classifier (the tag dictionary).

use super::hash::{f1, f2, f3, str_hash};
use super::perceptron::{Scorer, Sparse, SparseTrainer, best};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// A trained tagger.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tagger {
    /// The joint tags, `UPOS` and `XPOS` separated by a tab.
    pub tags: Vec<String>,
    /// Words (normalised, see [`normalize`]) always given one tag.
    pub tagdict: FxHashMap<String, u16>,
    /// Lower-case words and the hash of the set of tags they took in
    /// training (their ambiguity class).
    pub classes: FxHashMap<String, u64>,
    /// The weights of the first pass.
    pub weights: Sparse,
    /// The weights of the second pass, which also sees the first pass's
    /// tags of the next two words (empty: one pass only).
    pub second: Sparse,
}

/// The form a word is looked up by: curly quotes made straight.
pub fn normalize(form: &str) -> Cow<'_, str> {
    if form.is_ascii() {
        return Cow::Borrowed(form);
    }
    Cow::Owned(
        form.chars()
            .map(|c| match c {
                '’' | '‘' | '‛' | '′' => '\'',
                '“' | '”' | '„' | '″' | '«' | '»' => '"',
                c => c,
            })
            .collect(),
    )
}

/// The lower-case form with every digit folded to `0`.
pub fn fold(form: &str) -> String {
    form.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// The shape of a word: `X` upper, `x` lower, `d` digit, other characters
/// as they are, runs collapsed ("Xx", "d,d", "X.X.").
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in form.chars().take(24) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if k != last {
            out.push(k);
            last = k;
        }
    }
    out
}

/// The per-word values the tagger's features combine.
#[derive(Debug, Clone, Copy)]
struct Word {
    exact: u64,
    lower: u64,
    suf: [u64; 4],
    pre: [u64; 2],
    shape: u64,
    class: u64,
}

const PAD: [u64; 2] = [0x5354_4152_5431, 0x454e_445f_5f32];

impl Word {
    fn pad(i: usize) -> Word {
        let v = PAD[i];
        Word {
            exact: v,
            lower: v,
            suf: [v; 4],
            pre: [v; 2],
            shape: v,
            class: v,
        }
    }
}

fn suffix(s: &str, n: usize) -> &str {
    let mut it = s.char_indices().rev();
    match it.nth(n - 1) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// How far ahead of the next tag the first pass's tag must be for the
/// second pass to keep it without scoring the word again.
pub const SURE_MARGIN: f32 = 10.0;

const UNKNOWN_CLASS: u64 = 0x554e_4b4e_4f57_4e00;

/// Words seen fewer times than this in training get no ambiguity class:
/// they stand for the words the tagger will meet and never saw, so that
/// it learns to tag those from their affixes, shape and context. (With a
/// class for every training word, an unseen word's features were ones no
/// training instance had, and "tribute" came out as an adverb.)
const CLASS_MIN_COUNT: u32 = 2;

impl Tagger {
    fn words(&self, forms: &[&str]) -> Vec<Word> {
        let mut out = Vec::with_capacity(forms.len() + 4);
        out.push(Word::pad(0));
        out.push(Word::pad(0));
        for f in forms {
            let n = normalize(f);
            let low = fold(&n);
            let class = self.classes.get(&low).copied().unwrap_or(UNKNOWN_CLASS);
            out.push(Word {
                exact: str_hash(&n),
                lower: str_hash(&low),
                suf: [1, 2, 3, 4].map(|k| str_hash(suffix(&low, k))),
                pre: [1, 2].map(|k| str_hash(prefix(&n, k))),
                shape: str_hash(&shape(&n)),
                class,
            });
        }
        out.push(Word::pad(1));
        out.push(Word::pad(1));
        out
    }

    /// Tags a sentence given as its word forms: one tag index per word.
    pub fn tag(&self, forms: &[&str]) -> Vec<u16> {
        let words = self.words(forms);
        let fixed: Vec<Option<u16>> = forms
            .iter()
            .map(|f| self.tagdict.get(normalize(f).as_ref()).copied())
            .collect();
        let (first, margins) = self.pass(&self.weights, &words, &fixed, None);
        if self.second.is_empty() {
            first
        } else {
            self.pass(&self.second, &words, &fixed, Some((&first, &margins)))
                .0
        }
    }

    /// One left-to-right pass: the tags and, for each, how far its score
    /// is ahead of the next best. The second pass (given the first's tags
    /// and margins) keeps the first pass's tag where it was ahead by
    /// [`SURE_MARGIN`] or more.
    fn pass(
        &self,
        weights: &Sparse,
        words: &[Word],
        fixed: &[Option<u16>],
        first: Option<(&[u16], &[f32])>,
    ) -> (Vec<u16>, Vec<f32>) {
        let n = fixed.len();
        let mut tags: Vec<u16> = Vec::with_capacity(n);
        let mut margins: Vec<f32> = Vec::with_capacity(n);
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0f32; self.tags.len()];
        for (i, &fix) in fixed.iter().enumerate() {
            if let Some(t) = fix {
                tags.push(t);
                margins.push(f32::INFINITY);
                continue;
            }
            if let Some((t, m)) = first
                && m[i] >= SURE_MARGIN
            {
                tags.push(t[i]);
                margins.push(m[i]);
                continue;
            }
            features(words, i, &tags, first.map(|f| f.0), &mut feats);
            scores.iter_mut().for_each(|s| *s = 0.0);
            weights.score(&feats, &mut scores);
            let top = best(&scores, |_| true).unwrap_or(0);
            let next =
                best(&scores, |c| c != top).map_or(f32::INFINITY, |c| scores[top] - scores[c]);
            tags.push(top as u16);
            margins.push(next);
        }
        (tags, margins)
    }

    /// The UPOS of tag `t`.
    pub fn upos(&self, t: u16) -> &str {
        self.tags
            .get(usize::from(t))
            .and_then(|s| s.split('\t').next())
            .unwrap_or("X")
    }

    /// The Penn (XPOS) tag of tag `t`.
    pub fn xpos(&self, t: u16) -> &str {
        self.tags
            .get(usize::from(t))
            .and_then(|s| s.split('\t').nth(1))
            .unwrap_or("_")
    }
}

/// The features of word `i` (0-based), given the tags so far.
fn features(w: &[Word], i: usize, tags: &[u16], right: Option<&[u16]>, out: &mut Vec<u64>) {
    out.clear();
    let c = i + 2;
    let t1 = if i >= 1 { u64::from(tags[i - 1]) } else { 9999 };
    let t2 = if i >= 2 { u64::from(tags[i - 2]) } else { 9999 };
    let (p2, p1, w0, n1, n2) = (&w[c - 2], &w[c - 1], &w[c], &w[c + 1], &w[c + 2]);
    out.extend_from_slice(&[
        f1(0, 0),
        f1(1, w0.lower),
        f1(2, w0.exact),
        f1(3, w0.suf[0]),
        f1(4, w0.suf[1]),
        f1(5, w0.suf[2]),
        f1(6, w0.suf[3]),
        f1(7, w0.pre[0]),
        f1(8, w0.pre[1]),
        f1(9, w0.shape),
        f1(10, p1.lower),
        f1(11, p2.lower),
        f1(12, n1.lower),
        f1(13, n2.lower),
        f1(14, t1),
        f1(15, t2),
        f2(16, t1, t2),
        f2(17, t1, w0.lower),
        f1(18, p1.suf[2]),
        f1(19, n1.suf[2]),
        f1(20, w0.class),
        f1(21, n1.class),
        f1(22, n2.class),
        f2(23, t1, w0.class),
        f2(24, w0.class, n1.class),
        f2(25, w0.lower, n1.lower),
        f2(26, p1.lower, w0.lower),
        f2(27, (i == 0) as u64, w0.shape),
        f3(28, t1, w0.class, n1.class),
        f2(29, w0.shape, n1.shape),
        f2(30, t1, w0.suf[2]),
        f2(31, n1.class, n2.class),
        f2(32, p1.shape, w0.shape),
        f3(33, p1.shape, w0.shape, n1.shape),
        f1(34, n1.exact),
        f1(35, p1.exact),
        f2(36, t1, n1.class),
        f3(37, t2, t1, w0.class),
    ]);
    if let Some(r) = right {
        let r1 = r.get(i + 1).map_or(9998, |&t| u64::from(t));
        let r2 = r.get(i + 2).map_or(9998, |&t| u64::from(t));
        let r0 = u64::from(r[i]);
        out.extend_from_slice(&[
            f1(40, r1),
            f1(41, r2),
            f2(42, t1, r1),
            f2(43, r1, r2),
            f2(44, w0.lower, r1),
            f3(45, t1, r1, w0.class),
            f2(46, r0, r1),
            f1(47, r0),
            f2(48, w0.suf[2], r1),
        ]);
    }
}

/// Training data for the tagger: sentences of (form, joint tag) pairs.
pub struct TagTraining<'a> {
    /// Sentences: word forms and joint tags (`UPOS\tXPOS`).
    pub sentences: Vec<(Vec<&'a str>, Vec<String>)>,
}

impl Tagger {
    /// Trains a tagger for `epochs` passes, shuffling with `seed`.
    pub fn train(data: &TagTraining<'_>, epochs: usize, seed: u64) -> Tagger {
        // the tag set, in order of first appearance
        let mut tags: Vec<String> = Vec::new();
        let mut tag_id: FxHashMap<String, u16> = FxHashMap::default();
        let mut gold: Vec<Vec<u16>> = Vec::with_capacity(data.sentences.len());
        for (_, ts) in &data.sentences {
            gold.push(
                ts.iter()
                    .map(|t| {
                        *tag_id.entry(t.clone()).or_insert_with(|| {
                            tags.push(t.clone());
                            (tags.len() - 1) as u16
                        })
                    })
                    .collect(),
            );
        }
        // counts for the tag dictionary and the ambiguity classes
        let mut by_form: FxHashMap<String, FxHashMap<u16, u32>> = FxHashMap::default();
        let mut by_lower: FxHashMap<String, FxHashMap<u16, u32>> = FxHashMap::default();
        for ((forms, _), g) in data.sentences.iter().zip(&gold) {
            for (f, &t) in forms.iter().zip(g) {
                let n = normalize(f);
                *by_form
                    .entry(n.to_string())
                    .or_default()
                    .entry(t)
                    .or_default() += 1;
                *by_lower.entry(fold(&n)).or_default().entry(t).or_default() += 1;
            }
        }
        let mut tagdict = FxHashMap::default();
        for (form, counts) in &by_form {
            let n: u32 = counts.values().sum();
            let (&t, &top) = counts
                .iter()
                .max_by_key(|&(t, c)| (c, std::cmp::Reverse(*t)))
                .expect("counted");
            if n >= 20 && f64::from(top) / f64::from(n) >= 0.995 {
                tagdict.insert(form.clone(), t);
            }
        }
        let mut classes = FxHashMap::default();
        for (low, counts) in &by_lower {
            let n: u32 = counts.values().sum();
            if n < CLASS_MIN_COUNT {
                continue;
            }
            let mut set: Vec<u16> = counts
                .iter()
                .filter(|&(_, &c)| f64::from(c) >= 0.05 * f64::from(n))
                .map(|(&t, _)| t)
                .collect();
            set.sort_unstable();
            let h = set
                .iter()
                .fold(str_hash("class"), |h, &t| super::hash::mix(h, u64::from(t)));
            classes.insert(low.clone(), h);
        }
        let mut tagger = Tagger {
            tags,
            tagdict,
            classes,
            weights: Sparse::default(),
            second: Sparse::default(),
        };
        tagger.weights = tagger.train_pass(data, &gold, None, epochs, seed);
        tagger
    }

    /// Trains the second pass, given the first pass's tags of the training
    /// sentences (from taggers that did not see them: see `train`).
    pub fn train_second(
        &mut self,
        data: &TagTraining<'_>,
        first: &[Vec<u16>],
        epochs: usize,
        seed: u64,
    ) {
        let gold: Vec<Vec<u16>> = data
            .sentences
            .iter()
            .map(|(_, ts)| {
                ts.iter()
                    .map(|t| self.tags.iter().position(|x| x == t).unwrap_or(0) as u16)
                    .collect()
            })
            .collect();
        self.second = self.train_pass(data, &gold, Some(first), epochs, seed);
    }

    fn train_pass(
        &self,
        data: &TagTraining<'_>,
        gold: &[Vec<u16>],
        right: Option<&[Vec<u16>]>,
        epochs: usize,
        seed: u64,
    ) -> Sparse {
        let mut model = SparseTrainer::default();
        let mut order: Vec<usize> = (0..data.sentences.len()).collect();
        let mut rng = super::hash::Rng::new(seed);
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0f32; self.tags.len()];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let (forms, _) = &data.sentences[s];
                let words = self.words(forms);
                let r = right.map(|r| r[s].as_slice());
                let mut prev: Vec<u16> = Vec::with_capacity(forms.len());
                for (i, f) in forms.iter().enumerate() {
                    let truth = gold[s][i];
                    if let Some(&t) = self.tagdict.get(normalize(f).as_ref()) {
                        prev.push(t);
                        continue;
                    }
                    features(&words, i, &prev, r, &mut feats);
                    scores.iter_mut().for_each(|x| *x = 0.0);
                    model.score(&feats, &mut scores);
                    let guess = best(&scores, |_| true).unwrap_or(0);
                    model.tick();
                    model.update(usize::from(truth), guess, &feats);
                    prev.push(guess as u16);
                }
            }
        }
        let mut w = model.average();
        w.build_index(self.tags.len());
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_folds_and_affixes() {
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("Putin"), "Xx");
        assert_eq!(shape("10,000"), "d,d");
        assert_eq!(fold("May 2021"), "may 0000");
        assert_eq!(normalize("’s"), "'s");
        assert_eq!(suffix("Ωμέγα", 2), "γα");
        assert_eq!(suffix("a", 3), "a");
        assert_eq!(prefix("Ωμέγα", 1), "Ω");
    }
}
