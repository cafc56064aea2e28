//! The dependency parser: greedy arc-hybrid transitions scored by an
//! averaged perceptron, trained with a dynamic oracle.
//!
//! The configuration is a stack and a buffer; the root sits after the last
//! word (at the end of the buffer), and is attached to only once, from the
//! bottom of the stack, so every tree has one root. Three transitions:
//! SHIFT pushes the first buffer word; LEFT makes it the head of the top of
//! the stack and pops that; RIGHT makes the word below the top its head and
//! pops it. Each sentence takes exactly `2n` transitions, so parsing is
//! linear in its length.
//!
//! Training follows the model's own choices and learns, at every step, to
//! prefer a transition that loses no arc of the gold tree over the one it
//! chose (Goldberg & Nivre's dynamic oracle for arc-hybrid); gold trees are
//! made projective first by lifting crossing arcs to the head's head.
//!
//! Features follow Zhang & Nivre (2011): words and tags of the top three
//! stack words and the first three buffer words, their leftmost and
//! rightmost children, the number of children on each side, and the
//! distance between the stack top and the buffer front.

use super::hash::{f1, f2, f3, mix, str_hash};
use super::perceptron::{Dense, DenseTrainer, Scorer, best};

/// Push the first buffer word.
const SHIFT: usize = 0;
/// The first buffer word becomes the head of the stack top.
const LEFT: usize = 1;
/// The word below the stack top becomes its head.
const RIGHT: usize = 2;
/// The number of transitions.
pub const MOVES: usize = 3;

/// A trained parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Parser {
    /// The weights (three classes: SHIFT, LEFT, RIGHT).
    pub weights: Dense,
}

const NONE: u32 = u32::MAX;

/// A parse in progress.
struct State {
    /// Words; the root is index `n`.
    n: usize,
    stack: Vec<u32>,
    /// The first buffer word (`n` is the root).
    b: usize,
    heads: Vec<u32>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
}

impl State {
    fn new(n: usize) -> State {
        let m = n + 1;
        State {
            n,
            stack: Vec::with_capacity(m),
            b: 0,
            heads: vec![NONE; m],
            l1: vec![NONE; m],
            l2: vec![NONE; m],
            r1: vec![NONE; m],
            r2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
        }
    }

    fn done(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    fn valid(&self, m: usize) -> bool {
        match m {
            SHIFT => self.b < self.n,
            RIGHT => self.stack.len() >= 2,
            _ => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
        }
    }

    fn s(&self, k: usize) -> u32 {
        let l = self.stack.len();
        if k < l { self.stack[l - 1 - k] } else { NONE }
    }

    fn add_arc(&mut self, h: u32, d: u32) {
        self.heads[d as usize] = h;
        let h = h as usize;
        if d < h as u32 {
            if self.l1[h] == NONE || d < self.l1[h] {
                self.l2[h] = self.l1[h];
                self.l1[h] = d;
            } else if self.l2[h] == NONE || d < self.l2[h] {
                self.l2[h] = d;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
        } else {
            if self.r1[h] == NONE || d > self.r1[h] {
                self.r2[h] = self.r1[h];
                self.r1[h] = d;
            } else if self.r2[h] == NONE || d > self.r2[h] {
                self.r2[h] = d;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
        }
    }

    fn apply(&mut self, m: usize) {
        match m {
            SHIFT => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            LEFT => {
                let d = self.stack.pop().expect("LEFT needs a stack");
                self.add_arc(self.b as u32, d);
            }
            _ => {
                let d = self.stack.pop().expect("RIGHT needs two on the stack");
                let h = *self.stack.last().expect("RIGHT needs two on the stack");
                self.add_arc(h, d);
            }
        }
    }

    /// Whether `m` loses no arc of the (projective) gold tree `gold`.
    fn zero_cost(&self, m: usize, gold: &[u32]) -> bool {
        let buffer = self.b..=self.n;
        let s0 = self.s(0);
        match m {
            SHIFT => {
                let b0 = self.b as u32;
                let g = gold[self.b];
                !self.stack.iter().any(|&d| gold[d as usize] == b0)
                    && !self.stack[..self.stack.len().saturating_sub(1)].contains(&g)
            }
            LEFT => {
                let g = gold[s0 as usize];
                let s1 = self.s(1);
                let head_lost = g != self.b as u32 && (g == s1 || buffer.contains(&(g as usize)));
                !head_lost && !(self.b..self.n).any(|d| gold[d] == s0)
            }
            _ => {
                let g = gold[s0 as usize] as usize;
                !buffer.contains(&g) && !(self.b..self.n).any(|d| gold[d] == s0)
            }
        }
    }
}

/// Per-word values the features combine (the root and "none" included).
struct Words {
    w: Vec<u64>,
    t: Vec<u64>,
}

impl Words {
    fn new(forms: &[&str], tags: &[u16]) -> Words {
        let n = forms.len();
        let mut w = Vec::with_capacity(n + 2);
        let mut t = Vec::with_capacity(n + 2);
        for (f, &tag) in forms.iter().zip(tags) {
            w.push(str_hash(&super::tagger::fold(&super::tagger::normalize(f))));
            t.push(u64::from(tag));
        }
        w.push(0x524f_4f54);
        t.push(0x524f_4f54);
        w.push(0x4e4f_4e45);
        t.push(0x4e4f_4e45);
        Words { w, t }
    }
}

fn features(st: &State, x: &Words, out: &mut Vec<u64>) {
    out.clear();
    let none = st.n + 1;
    let ix = |i: u32| if i == NONE { none } else { i as usize };
    let s0 = ix(st.s(0));
    let s1 = ix(st.s(1));
    let s2 = ix(st.s(2));
    let b0 = st.b;
    let b1 = if st.b < st.n { st.b + 1 } else { none };
    let b2 = if st.b + 1 < st.n { st.b + 2 } else { none };
    let ch = |v: &Vec<u32>, i: usize| if i >= st.n { none } else { ix(v[i]) };
    let s0l1 = ch(&st.l1, s0);
    let s0l2 = ch(&st.l2, s0);
    let s0r1 = ch(&st.r1, s0);
    let s0r2 = ch(&st.r2, s0);
    let s1r1 = ch(&st.r1, s1);
    let b0l1 = ch(&st.l1, b0);
    let b0l2 = ch(&st.l2, b0);
    let (w, t) = (&x.w, &x.t);
    let wt = |i: usize| mix(w[i], t[i]);
    let d = if s0 == none {
        0
    } else {
        (b0 - s0).min(6) as u64
    };
    let val = |v: &Vec<u8>, i: usize| if i >= st.n { 99 } else { u64::from(v[i]) };
    out.extend_from_slice(&[
        f1(1, w[s0]),
        f1(2, t[s0]),
        f1(3, wt(s0)),
        f1(4, w[b0]),
        f1(5, t[b0]),
        f1(6, wt(b0)),
        f1(7, w[b1]),
        f1(8, t[b1]),
        f1(9, wt(b1)),
        f1(10, t[b2]),
        f1(11, w[b2]),
        f1(12, w[s1]),
        f1(13, t[s1]),
        f1(14, wt(s1)),
        f1(15, t[s2]),
        f2(16, wt(s0), wt(b0)),
        f2(17, wt(s0), w[b0]),
        f2(18, w[s0], wt(b0)),
        f2(19, wt(s0), t[b0]),
        f2(20, t[s0], wt(b0)),
        f2(21, w[s0], w[b0]),
        f2(22, t[s0], t[b0]),
        f2(23, t[b0], t[b1]),
        f3(24, t[b0], t[b1], t[b2]),
        f3(25, t[s0], t[b0], t[b1]),
        f3(26, t[s1], t[s0], t[b0]),
        f3(27, t[s0], t[s0l1], t[b0]),
        f3(28, t[s0], t[s0r1], t[b0]),
        f3(29, t[s0], t[b0], t[b0l1]),
        f3(30, t[s1], t[s1r1], t[s0]),
        f3(31, t[s1], t[s0], t[s0r1]),
        f3(32, t[s2], t[s1], t[s0]),
        f2(33, w[s0], d),
        f2(34, t[s0], d),
        f2(35, w[b0], d),
        f2(36, t[b0], d),
        f3(37, w[s0], w[b0], d),
        f3(38, t[s0], t[b0], d),
        f2(39, w[s0], val(&st.nr, s0)),
        f2(40, t[s0], val(&st.nr, s0)),
        f2(41, w[s0], val(&st.nl, s0)),
        f2(42, t[s0], val(&st.nl, s0)),
        f2(43, w[b0], val(&st.nl, b0)),
        f2(44, t[b0], val(&st.nl, b0)),
        f1(45, w[s0l1]),
        f1(46, t[s0l1]),
        f1(47, w[s0r1]),
        f1(48, t[s0r1]),
        f1(49, w[b0l1]),
        f1(50, t[b0l1]),
        f1(51, t[s0l2]),
        f1(52, t[s0r2]),
        f1(53, t[b0l2]),
        f3(54, t[s0], t[s0l1], t[s0l2]),
        f3(55, t[s0], t[s0r1], t[s0r2]),
        f3(56, t[b0], t[b0l1], t[b0l2]),
        f2(57, wt(s1), wt(s0)),
        f2(58, w[s1], w[s0]),
        f2(59, t[s1], t[s0]),
        f3(60, t[s1], t[s0], w[b0]),
        f3(61, w[s1], t[s0], t[b0]),
        f2(62, wt(s1), t[b0]),
        f3(63, t[s0], w[b0], t[b1]),
        f2(64, w[s1r1], t[s1]),
    ]);
}

impl Parser {
    /// The head of each word (0-based; `forms.len()` is the root).
    pub fn parse(&self, forms: &[&str], tags: &[u16]) -> Vec<usize> {
        let n = forms.len();
        let x = Words::new(forms, tags);
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(64);
        while !st.done() {
            features(&st, &x, &mut feats);
            let mut scores = [0f32; MOVES];
            self.weights.score(&feats, &mut scores);
            let m = best(&scores, |m| st.valid(m))
                .expect("a configuration that is not final has a valid move");
            st.apply(m);
        }
        st.heads[..n].iter().map(|&h| h as usize).collect()
    }

    /// Trains a parser on sentences of (forms, tags, gold heads with the root
    /// as `n`), for `epochs` passes shuffled with `seed`, with `2^bits`
    /// feature buckets.
    pub fn train(
        data: &[(Vec<&str>, Vec<u16>, Vec<usize>)],
        epochs: usize,
        seed: u64,
        bits: u32,
    ) -> Parser {
        let mut model = DenseTrainer::new(bits, MOVES);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = super::hash::Rng::new(seed);
        let mut feats = Vec::with_capacity(64);
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let (forms, tags, heads) = &data[i];
                let mut gold: Vec<u32> = heads.iter().map(|&h| h as u32).collect();
                projectivize(&mut gold);
                gold.push(NONE);
                let x = Words::new(forms, tags);
                let mut st = State::new(forms.len());
                while !st.done() {
                    features(&st, &x, &mut feats);
                    let mut scores = [0f32; MOVES];
                    model.score(&feats, &mut scores);
                    let guess = best(&scores, |m| st.valid(m)).expect("valid move");
                    let right = best(&scores, |m| st.valid(m) && st.zero_cost(m, &gold));
                    model.tick();
                    let follow = match right {
                        Some(r) => {
                            model.update(r, guess, &feats);
                            if epoch == 0 { r } else { guess }
                        }
                        None => guess,
                    };
                    st.apply(follow);
                }
            }
        }
        Parser {
            weights: model.average(),
        }
    }
}

/// Makes a tree projective by lifting each crossing arc to the head's head
/// (`heads[i]` is `heads.len()` for the root).
pub fn projectivize(heads: &mut [u32]) {
    let n = heads.len();
    let root = n as u32;
    let dominated = |heads: &[u32], h: u32, mut k: u32| {
        let mut steps = 0;
        while k != root && steps <= n {
            if k == h {
                return true;
            }
            k = heads[k as usize];
            steps += 1;
        }
        h == root
    };
    for _ in 0..n * n {
        let mut changed = false;
        for d in 0..n {
            let h = heads[d];
            if h == root || h as usize >= n {
                continue;
            }
            let (a, b) = if (h as usize) < d {
                (h as usize, d)
            } else {
                (d, h as usize)
            };
            if (a + 1..b).any(|k| !dominated(heads, h, k as u32)) {
                heads[d] = heads[h as usize];
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gold-following transitions rebuild any projective tree exactly.
    #[test]
    fn the_oracle_rebuilds_projective_trees() {
        // "Russia sent troops to the border ." with root 6 ("sent" is 1)
        let gold: Vec<u32> = vec![1, 7, 1, 5, 5, 1, 1, NONE];
        let n = 7;
        let mut st = State::new(n);
        while !st.done() {
            let m = [SHIFT, LEFT, RIGHT]
                .into_iter()
                .find(|&m| st.valid(m) && st.zero_cost(m, &gold))
                .expect("a zero-cost move");
            st.apply(m);
        }
        assert_eq!(&st.heads[..n], &gold[..n]);
    }

    #[test]
    fn crossing_arcs_are_lifted() {
        // 0 <- 2, 1 <- 3, 2 <- 4(root), 3 <- 2 : arc 3->1 crosses 2->0?
        let mut heads = vec![2, 3, 4, 0];
        projectivize(&mut heads);
        // 3 does not dominate 2: 1 is lifted to 0; then 0 does not dominate 2: 3 is lifted to 2
        assert_eq!(heads, vec![2, 0, 4, 2]);
    }
}
