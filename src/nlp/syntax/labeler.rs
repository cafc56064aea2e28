//! The relation labeller: given the tree's arcs, one averaged perceptron
//! names the relation of each word to its head.
//!
//! It runs after the parse, so it sees the whole tree: besides the words,
//! tags, direction and distance of the arc, the function words attached to
//! the dependent (its preposition or subordinator: "by", "to", "that"), the
//! head's auxiliary ("was" before a participle makes a passive), a comma
//! between them, the head's own head, and the label given to the previous
//! dependent of the same head (words are labelled left to right).

use super::hash::{f1, f2, f3, f4, mix, str_hash};
use super::perceptron::{Scorer, Sparse, SparseTrainer, best};

/// A trained labeller.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Labeler {
    /// The relations, referred to by index.
    pub labels: Vec<String>,
    /// The weights.
    pub weights: Sparse,
}

/// One word as the labeller sees it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The word form.
    pub form: &'a str,
    /// The joint tag index.
    pub tag: u16,
    /// The Penn tag.
    pub xpos: &'a str,
    /// The head (0-based; the sentence length for the root).
    pub head: usize,
}

const NONE: u64 = 0x4e4f_4e45;

fn is_function(xpos: &str) -> bool {
    matches!(xpos, "IN" | "TO" | "WDT" | "WP" | "WP$" | "WRB" | "POS")
}

fn is_verbal(xpos: &str) -> bool {
    xpos.starts_with("VB") || xpos == "MD"
}

fn is_nominal(xpos: &str) -> bool {
    xpos.starts_with("NN") || matches!(xpos, "PRP" | "EX" | "CD" | "DT")
}

/// Per-sentence context for the features.
struct Context {
    w: Vec<u64>,
    t: Vec<u64>,
    /// Children of each word (the root last), in order.
    children: Vec<Vec<usize>>,
    /// Positions of commas.
    commas: Vec<usize>,
}

impl Context {
    fn new(words: &[Input<'_>]) -> Context {
        let n = words.len();
        let mut children = vec![Vec::new(); n + 1];
        for (i, x) in words.iter().enumerate() {
            children[x.head.min(n)].push(i);
        }
        Context {
            w: words
                .iter()
                .map(|x| str_hash(&super::tagger::fold(&super::tagger::normalize(x.form))))
                .collect(),
            t: words.iter().map(|x| u64::from(x.tag)).collect(),
            children,
            commas: words
                .iter()
                .enumerate()
                .filter(|(_, x)| x.form == ",")
                .map(|(i, _)| i)
                .collect(),
        }
    }
}

fn features(words: &[Input<'_>], cx: &Context, d: usize, prev_label: u64, out: &mut Vec<u64>) {
    out.clear();
    let n = words.len();
    let h = words[d].head.min(n);
    let (dw, dt) = (cx.w[d], cx.t[d]);
    let (hw, ht) = if h == n {
        (0x524f_4f54, 0x524f_4f54)
    } else {
        (cx.w[h], cx.t[h])
    };
    let dir = u64::from(d < h);
    let dist = match d.abs_diff(h) {
        0..=3 => d.abs_diff(h) as u64,
        4..=5 => 4,
        6..=10 => 5,
        _ => 6,
    };
    let left_child = |x: usize, pred: &dyn Fn(&str) -> bool| {
        cx.children[x]
            .iter()
            .copied()
            .filter(|&c| c < x)
            .find(|&c| pred(words[c].xpos))
            .map_or(NONE, |c| cx.w[c])
    };
    let case = left_child(d, &is_function);
    let daux = left_child(d, &is_verbal);
    let dsubj = u64::from(
        cx.children[d]
            .iter()
            .any(|&c| c < d && is_nominal(words[c].xpos)),
    );
    let haux = if h == n {
        NONE
    } else {
        left_child(h, &is_verbal)
    };
    let hcase = if h == n {
        NONE
    } else {
        left_child(h, &is_function)
    };
    let dcc = left_child(d, &|x| x == "CC");
    let first = |v: Option<&usize>| v.map_or(NONE, |&c| cx.t[c]);
    let dl = first(cx.children[d].iter().find(|&&c| c < d));
    let dr = first(cx.children[d].iter().rev().find(|&&c| c > d));
    let hh = if h == n { n } else { words[h].head.min(n) };
    let hht = if hh >= n { 0x524f_4f54 } else { cx.t[hh] };
    let (a, b) = if d < h { (d, h) } else { (h, d) };
    let comma = u64::from(cx.commas.iter().any(|&c| c > a && c < b));
    let between = cx.children[h]
        .iter()
        .filter(|&&c| c > a && c < b)
        .count()
        .min(2) as u64;
    let nkids = cx.children[d].len().min(3) as u64;
    let dxw = mix(dw, dt);
    out.extend_from_slice(&[
        f1(1, dt),
        f1(2, dw),
        f3(3, dt, ht, dir),
        f3(4, dw, ht, dir),
        f3(5, dt, hw, dir),
        f3(6, dw, hw, dir),
        f4(7, dt, ht, dir, dist),
        f3(8, case, dt, ht),
        f3(9, case, ht, dir),
        f4(10, haux, ht, dt, dir),
        f4(11, prev_label, dt, ht, dir),
        f4(12, comma, dt, ht, dir),
        f3(13, hht, ht, dt),
        f4(14, dsubj, dt, ht, dir),
        f3(15, daux, dt, ht),
        f3(16, dcc, dt, ht),
        f3(17, dl, dt, ht),
        f3(18, dr, dt, ht),
        f3(19, between, dt, dir),
        f2(20, dw, dir),
        f3(21, dxw, ht, dir),
        f2(22, case, dw),
        f2(23, prev_label, dir),
        f3(24, hcase, dt, dir),
        f3(25, nkids, dt, ht),
        f4(26, haux, dsubj, dt, dir),
        f3(27, case, hw, dir),
        f2(28, hw, dt),
        f3(29, dt, u64::from(h == n), dir),
        f4(30, case, dt, ht, dir),
        f3(31, dist, dt, dw),
    ]);
}

impl Labeler {
    /// The relation of each word to its head.
    pub fn label(&self, words: &[Input<'_>]) -> Vec<u16> {
        let n = words.len();
        let cx = Context::new(words);
        let root = self.labels.iter().position(|l| l == "root").unwrap_or(0) as u16;
        let mut out = vec![0u16; n];
        let mut last: Vec<u64> = vec![NONE; n + 1];
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0f32; self.labels.len()];
        for d in 0..n {
            let h = words[d].head.min(n);
            let l = if h == n {
                root
            } else {
                features(words, &cx, d, last[h], &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                self.weights.score(&feats, &mut scores);
                best(&scores, |c| c != usize::from(root)).unwrap_or(0) as u16
            };
            out[d] = l;
            last[h] = u64::from(l) + 1;
        }
        out
    }

    /// Trains a labeller on sentences with gold labels, for `epochs` passes
    /// shuffled with `seed`.
    pub fn train(data: &[(Vec<Input<'_>>, Vec<String>)], epochs: usize, seed: u64) -> Labeler {
        let mut labels: Vec<String> = vec!["root".to_string()];
        let mut gold: Vec<Vec<u16>> = Vec::with_capacity(data.len());
        for (_, ls) in data {
            gold.push(
                ls.iter()
                    .map(|l| match labels.iter().position(|x| x == l) {
                        Some(i) => i as u16,
                        None => {
                            labels.push(l.clone());
                            (labels.len() - 1) as u16
                        }
                    })
                    .collect(),
            );
        }
        let mut model = SparseTrainer::default();
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = super::hash::Rng::new(seed);
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0f32; labels.len()];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let words = &data[s].0;
                let n = words.len();
                let cx = Context::new(words);
                let mut last: Vec<u64> = vec![NONE; n + 1];
                for d in 0..n {
                    let h = words[d].head.min(n);
                    let truth = gold[s][d];
                    if h < n {
                        features(words, &cx, d, last[h], &mut feats);
                        scores.iter_mut().for_each(|x| *x = 0.0);
                        model.score(&feats, &mut scores);
                        let guess = best(&scores, |c| c != 0).unwrap_or(0);
                        model.tick();
                        model.update(usize::from(truth), guess, &feats);
                    }
                    last[h] = u64::from(truth) + 1;
                }
            }
        }
        let mut weights = model.average();
        weights.build_index();
        Labeler { labels, weights }
    }
}
