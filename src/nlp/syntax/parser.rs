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
//! rightmost children and the relations given to them, the number of
//! children on each side, the distance between the stack top and the
//! buffer front, and between the two stack tops, the commas between them,
//! and the relations already given to their children with their tags.
//!
//! Decoding is greedy with selectional branching (Choi & McCallum 2013):
//! after the greedy parse, the `BRANCHES` steps where the best move beat
//! the second by the least (under `BRANCH_MARGIN`) are taken the other
//! way, each followed greedily to the end, and the sequence whose moves
//! have the highest summed log-probability (the scores read as a softmax
//! at `BRANCH_TEMPERATURE`) wins. A fixed number of branches keeps
//! parsing linear; it costs at most that many more parses, and about one
//! on average.
//!
//! Each arc is named when it is made, by a second averaged perceptron (the
//! relation classifier): a word is attached only once its own dependents
//! are all attached, so the classifier sees the dependent's whole subtree
//! (its preposition or subordinator, its children's relations, the words
//! around it) and the head's nearer dependents (an auxiliary "was" before
//! a participle makes a passive). The relations given so far are features
//! of the transitions that follow.

use super::hash::{f1, f2, f3, f4, mix, str_hash};
use super::perceptron::{Dense, DenseTrainer, Scorer, Sparse, SparseTrainer, best};

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
    /// The transition weights (three classes: SHIFT, LEFT, RIGHT).
    pub weights: Dense,
    /// The relations, `root` first.
    pub labels: Vec<String>,
    /// The relation classifier's weights.
    pub label_weights: Sparse,
}

const NONE: u32 = u32::MAX;
/// No relation (yet).
const NO_LABEL: u16 = u16::MAX;
/// The index of `root` in [`Parser::labels`].
const ROOT_LABEL: u16 = 0;

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
    /// The relation of each attached word.
    lab: Vec<u16>,
    /// The first and last word of each word's subtree so far.
    ymin: Vec<u32>,
    ymax: Vec<u32>,
    /// The nearest left dependent that is a function word, a verb, a
    /// coordinator; whether a nominal is among the left / right dependents.
    lfunc: Vec<u32>,
    lverb: Vec<u32>,
    lcc: Vec<u32>,
    lnom: Vec<bool>,
    rnom: Vec<bool>,
    /// The set of relations among the left / right dependents (a bit each).
    lset: Vec<u64>,
    rset: Vec<u64>,
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
            lab: vec![NO_LABEL; m],
            ymin: (0..m as u32).collect(),
            ymax: (0..m as u32).collect(),
            lfunc: vec![NONE; m],
            lverb: vec![NONE; m],
            lcc: vec![NONE; m],
            lnom: vec![false; m],
            rnom: vec![false; m],
            lset: vec![0; m],
            rset: vec![0; m],
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

    fn add_arc(&mut self, h: u32, d: u32, label: u16, x: &Words) {
        self.heads[d as usize] = h;
        self.lab[d as usize] = label;
        let h = h as usize;
        let du = d as usize;
        let bit = 1u64 << (label % 64);
        if d < h as u32 {
            self.lset[h] |= bit;
        } else {
            self.rset[h] |= bit;
        }
        self.ymin[h] = self.ymin[h].min(self.ymin[du]);
        self.ymax[h] = self.ymax[h].max(self.ymax[du]);
        if d < h as u32 {
            if self.l1[h] == NONE || d < self.l1[h] {
                self.l2[h] = self.l1[h];
                self.l1[h] = d;
            } else if self.l2[h] == NONE || d < self.l2[h] {
                self.l2[h] = d;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
            // left dependents come nearest first: keep the first of each kind
            let k = x.kind[du];
            if k & FUNCTION != 0 && self.lfunc[h] == NONE {
                self.lfunc[h] = d;
            }
            if k & VERBAL != 0 && self.lverb[h] == NONE {
                self.lverb[h] = d;
            }
            if k & COORD != 0 && self.lcc[h] == NONE {
                self.lcc[h] = d;
            }
            self.lnom[h] |= k & NOMINAL != 0;
        } else {
            if self.r1[h] == NONE || d > self.r1[h] {
                self.r2[h] = self.r1[h];
                self.r1[h] = d;
            } else if self.r2[h] == NONE || d > self.r2[h] {
                self.r2[h] = d;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rnom[h] |= x.kind[du] & NOMINAL != 0;
        }
    }

    /// The (head, dependent) of the arc that move `m` makes.
    fn arc(&self, m: usize) -> (u32, u32) {
        let s0 = self.s(0);
        if m == LEFT {
            (self.b as u32, s0)
        } else {
            (self.s(1), s0)
        }
    }

    fn apply(&mut self, m: usize, label: u16, x: &Words) {
        match m {
            SHIFT => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            _ => {
                let (h, d) = self.arc(m);
                self.stack.pop();
                self.add_arc(h, d, label, x);
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

/// No move.
const NO_MOVE: usize = usize::MAX;

/// Selectional branching: how many alternative sequences a parse tries,
/// each taking the second-best move at one of the least certain steps.
const BRANCHES: usize = 2;
/// Only steps whose best move beats the second by less than this branch.
const BRANCH_MARGIN: f32 = 20.0;
/// The temperature of the softmax that turns transition scores into the
/// probabilities sequences are compared by.
const BRANCH_TEMPERATURE: f32 = 50.0;

/// One step of a parse, as [`Parser::run`] records it.
#[derive(Debug, Clone, Copy)]
struct Step {
    m: usize,
    label: u16,
    /// The summed log-probabilities up to and including this step.
    total: f32,
    /// The second-best valid move and how far below the one taken.
    alt: usize,
    margin: f32,
}

/// Reused buffers.
struct Scratch {
    feats: Vec<u64>,
    lfeats: Vec<u64>,
    lscores: Vec<f32>,
}

const FUNCTION: u8 = 1;
const VERBAL: u8 = 2;
const NOMINAL: u8 = 4;
const COORD: u8 = 8;

/// The kind flags of a Penn tag.
fn kind(xpos: &str) -> u8 {
    let mut k = 0;
    if matches!(xpos, "IN" | "TO" | "WDT" | "WP" | "WP$" | "WRB" | "POS") {
        k |= FUNCTION;
    }
    if xpos.starts_with("VB") || xpos == "MD" {
        k |= VERBAL;
    }
    if xpos.starts_with("NN") || matches!(xpos, "PRP" | "EX" | "CD" | "DT") {
        k |= NOMINAL;
    }
    if xpos == "CC" {
        k |= COORD;
    }
    k
}

/// Per-word values the features combine (the root and "none" included).
struct Words {
    w: Vec<u64>,
    t: Vec<u64>,
    kind: Vec<u8>,
    /// Commas before each position.
    commas: Vec<u32>,
}

impl Words {
    fn new(forms: &[&str], tags: &[u16], xpos: &[&str]) -> Words {
        let n = forms.len();
        let mut w = Vec::with_capacity(n + 2);
        let mut t = Vec::with_capacity(n + 2);
        let mut kinds = Vec::with_capacity(n + 2);
        let mut commas = Vec::with_capacity(n + 3);
        commas.push(0);
        for ((f, &tag), p) in forms.iter().zip(tags).zip(xpos) {
            w.push(str_hash(&super::tagger::fold(&super::tagger::normalize(f))));
            t.push(u64::from(tag));
            kinds.push(kind(p));
            let c = commas.last().copied().unwrap_or(0) + u32::from(*f == ",");
            commas.push(c);
        }
        for v in [0x524f_4f54, 0x4e4f_4e45] {
            w.push(v);
            t.push(v);
            kinds.push(0);
            commas.push(commas.last().copied().unwrap_or(0));
        }
        Words {
            w,
            t,
            kind: kinds,
            commas,
        }
    }
}

/// The features of the relation of dependent `d` to head `h` (not the root).
fn label_features(st: &State, x: &Words, h: usize, d: usize, out: &mut Vec<u64>) {
    out.clear();
    let n = st.n;
    let none = n + 1;
    let ix = |i: u32| if i == NONE { none } else { i as usize };
    let (w, t) = (&x.w, &x.t);
    let (dw, dt, hw, ht) = (w[d], t[d], w[h], t[h]);
    let dir = u64::from(d < h);
    let gap = d.abs_diff(h);
    let dist = match gap {
        0..=3 => gap as u64,
        4..=5 => 4,
        6..=10 => 5,
        _ => 6,
    };
    let lab = |i: u32| {
        if i == NONE {
            u64::from(NO_LABEL)
        } else {
            u64::from(st.lab[i as usize])
        }
    };
    let case = w[ix(st.lfunc[d])];
    let daux = w[ix(st.lverb[d])];
    let dcc = w[ix(st.lcc[d])];
    let dsubj = u64::from(st.lnom[d]);
    let haux = w[ix(st.lverb[h])];
    let hcase = w[ix(st.lfunc[h])];
    let hsubj = u64::from(st.lnom[h]);
    let nearer_nominal = u64::from(if d < h { st.lnom[h] } else { st.rnom[h] });
    // the sibling attached just before, on the same side
    let prev = if d < h { lab(st.l1[h]) } else { lab(st.r1[h]) };
    let (a, b) = if d < h { (d, h) } else { (h, d) };
    let comma = u64::from(x.commas[b] > x.commas[a + 1]);
    let nkids = (u64::from(st.nl[d]) + u64::from(st.nr[d])).min(3);
    let (y0, y1) = (st.ymin[d] as usize, st.ymax[d] as usize);
    let before = if y0 == 0 { w[none] } else { w[y0 - 1] };
    let before_t = if y0 == 0 { t[none] } else { t[y0 - 1] };
    let after = if y1 + 1 >= n { w[none] } else { w[y1 + 1] };
    let dl = t[ix(st.l1[d])];
    let dr = t[ix(st.r1[d])];
    let (dll, drl) = (lab(st.l1[d]), lab(st.r1[d]));
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
        f4(11, prev, dt, ht, dir),
        f4(12, comma, dt, ht, dir),
        f4(14, dsubj, dt, ht, dir),
        f3(15, daux, dt, ht),
        f3(16, dcc, dt, ht),
        f3(17, dl, dt, ht),
        f3(18, dr, dt, ht),
        f2(20, dw, dir),
        f3(21, mix(dw, dt), ht, dir),
        f2(22, case, dw),
        f2(23, prev, dir),
        f3(24, hcase, dt, dir),
        f3(25, nkids, dt, ht),
        f4(26, haux, dsubj, dt, dir),
        f3(27, case, hw, dir),
        f2(28, hw, dt),
        f4(30, case, dt, ht, dir),
        f3(31, dist, dt, dw),
        f3(36, before, dt, ht),
        f3(37, after, dt, ht),
        f4(38, before_t, dt, ht, dir),
        f4(39, nearer_nominal, dt, ht, dir),
        f4(40, hsubj, dt, ht, dir),
        f4(41, haux, hsubj, dt, dir),
        f3(42, before, dw, dir),
        f3(43, dll, dt, ht),
        f3(44, drl, dt, ht),
        f4(45, dll, drl, dt, dir),
    ]);
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
    let lab = |i: usize| {
        if i >= st.n {
            u64::from(NO_LABEL)
        } else {
            u64::from(st.lab[i])
        }
    };
    let set = |v: &Vec<u64>, i: usize| if i >= st.n { u64::MAX } else { v[i] };
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
        f1(65, lab(s0l1)),
        f1(66, lab(s0r1)),
        f1(67, lab(b0l1)),
        f2(68, t[s0], lab(s0l1)),
        f2(69, t[s0], lab(s0r1)),
        f2(70, t[b0], lab(b0l1)),
        f3(71, t[s0], lab(s0l1), lab(s0l2)),
        f3(72, t[s0], lab(s0r1), lab(s0r2)),
        f3(73, t[b0], lab(b0l1), lab(b0l2)),
        f2(74, t[s1], lab(s1r1)),
        f2(75, w[s0], lab(s0r1)),
        f2(76, w[b0], lab(b0l1)),
        f2(77, t[s0], set(&st.lset, s0)),
        f2(78, t[s0], set(&st.rset, s0)),
        f2(79, t[b0], set(&st.lset, b0)),
        f2(80, w[s0], set(&st.rset, s0)),
        f2(81, w[b0], set(&st.lset, b0)),
        f2(82, w[s0], set(&st.lset, s0)),
    ]);
    // the distance between the two stack tops, the commas between the
    // stack top and the buffer front and between the two stack tops
    let d1 = if s1 == none || s0 == none {
        0
    } else {
        (s0 - s1).min(6) as u64
    };
    let c0 = if s0 == none {
        9
    } else {
        u64::from(x.commas[b0] - x.commas[s0 + 1]).min(3)
    };
    let c1 = if s1 == none || s0 == none {
        9
    } else {
        u64::from(x.commas[s0] - x.commas[s1 + 1]).min(3)
    };
    out.extend_from_slice(&[
        f3(94, t[s1], t[s0], d1),
        f3(95, w[s0], t[b0], d),
        f3(96, t[s0], w[b0], d),
        f3(97, t[s0], t[b0], val(&st.nl, b0)),
        f3(98, t[s0], t[b0], c0),
        f3(99, t[s1], t[s0], c1),
        f3(100, t[s0], t[b0], lab(s0l1)),
        f3(101, t[s0], t[b0], lab(s0r1)),
        f3(102, t[s0], t[b0], lab(b0l1)),
        f2(103, t[s1], set(&st.lset, s1)),
        f2(104, t[s1], set(&st.rset, s1)),
        f3(105, t[s0], t[b0], set(&st.rset, s0)),
    ]);
}

impl Parser {
    /// The head of each word (0-based; `forms.len()` is the root) and its
    /// relation (an index into [`Parser::labels`]).
    pub fn parse(&self, forms: &[&str], tags: &[u16], xpos: &[&str]) -> (Vec<usize>, Vec<u16>) {
        let n = forms.len();
        let x = Words::new(forms, tags, xpos);
        let mut buf = Scratch {
            feats: Vec::with_capacity(128),
            lfeats: Vec::with_capacity(64),
            lscores: vec![0f32; self.labels.len()],
        };
        let mut trace = Vec::with_capacity(2 * n);
        let (mut st, mut total) = self.run(&x, n, &[], None, Some(&mut trace), &mut buf);
        // selectional branching: the least certain steps, most doubtful first
        let mut doubts: Vec<(f32, usize)> = trace
            .iter()
            .enumerate()
            .filter(|(_, s)| s.alt != NO_MOVE && s.margin < BRANCH_MARGIN)
            .map(|(i, s)| (s.margin, i))
            .collect();
        doubts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for &(_, i) in doubts.iter().take(BRANCHES) {
            let (other, t) = self.run(&x, n, &trace[..i], Some(trace[i].alt), None, &mut buf);
            if t > total {
                st = other;
                total = t;
            }
        }
        let heads = st.heads[..n].iter().map(|&h| h as usize).collect();
        (heads, st.lab[..n].to_vec())
    }

    /// Parses greedily after replaying `prefix` and, if given, taking move
    /// `force` first; the final state and the summed log-probabilities of
    /// its moves. `trace` hears every step taken.
    fn run(
        &self,
        x: &Words,
        n: usize,
        prefix: &[Step],
        force: Option<usize>,
        mut trace: Option<&mut Vec<Step>>,
        buf: &mut Scratch,
    ) -> (State, f32) {
        let mut st = State::new(n);
        for s in prefix {
            st.apply(s.m, s.label, x);
        }
        let mut total = prefix.last().map_or(0.0, |s| s.total);
        let mut force = force;
        while !st.done() {
            features(&st, x, &mut buf.feats);
            let mut scores = [0f32; MOVES];
            self.weights.score(&buf.feats, &mut scores);
            let first = best(&scores, |m| st.valid(m))
                .expect("a configuration that is not final has a valid move");
            let m = force.take().unwrap_or(first);
            // the log-probability of the move, the scores read as a softmax
            let top = scores[first];
            let z: f32 = (0..MOVES)
                .filter(|&k| st.valid(k))
                .map(|k| ((scores[k] - top) / BRANCH_TEMPERATURE).exp())
                .sum();
            total += (scores[m] - top) / BRANCH_TEMPERATURE - z.ln();
            let label = self.label(&st, x, m, buf);
            if let Some(tr) = trace.as_deref_mut() {
                let alt = best(&scores, |k| k != m && st.valid(k));
                tr.push(Step {
                    m,
                    label,
                    total,
                    alt: alt.unwrap_or(NO_MOVE),
                    margin: alt.map_or(f32::INFINITY, |a| scores[m] - scores[a]),
                });
            }
            st.apply(m, label, x);
        }
        (st, total)
    }

    /// The relation of the arc move `m` makes (none for SHIFT).
    fn label(&self, st: &State, x: &Words, m: usize, buf: &mut Scratch) -> u16 {
        if m == SHIFT {
            return NO_LABEL;
        }
        let (h, d) = st.arc(m);
        if h as usize == st.n {
            return ROOT_LABEL;
        }
        label_features(st, x, h as usize, d as usize, &mut buf.lfeats);
        buf.lscores.iter_mut().for_each(|s| *s = 0.0);
        self.label_weights.score(&buf.lfeats, &mut buf.lscores);
        best(&buf.lscores, |l| l != usize::from(ROOT_LABEL)).unwrap_or(0) as u16
    }

    /// Trains a parser on sentences of (forms, tags, Penn tags, gold heads
    /// with the root as `n`, gold relations), for `epochs` passes shuffled
    /// with `seed`, with `2^bits` transition feature buckets.
    pub fn train(data: &[ParseExample<'_>], epochs: usize, seed: u64, bits: u32) -> Parser {
        let mut labels: Vec<String> = vec!["root".to_string()];
        let gold_labels: Vec<Vec<u16>> = data
            .iter()
            .map(|ex| {
                ex.labels
                    .iter()
                    .map(|l| match labels.iter().position(|x| x == l) {
                        Some(i) => i as u16,
                        None => {
                            labels.push(l.clone());
                            (labels.len() - 1) as u16
                        }
                    })
                    .collect()
            })
            .collect();
        let mut model = DenseTrainer::new(bits, MOVES);
        let mut lmodel = SparseTrainer::default();
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = super::hash::Rng::new(seed);
        let mut feats = Vec::with_capacity(80);
        let mut lfeats = Vec::with_capacity(48);
        let mut lscores = vec![0f32; labels.len()];
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let ex = &data[i];
                let n = ex.forms.len();
                let mut gold: Vec<u32> = ex.heads.iter().map(|&h| h as u32).collect();
                projectivize(&mut gold);
                gold.push(NONE);
                let x = Words::new(&ex.forms, &ex.tags, &ex.xpos);
                let mut st = State::new(n);
                while !st.done() {
                    features(&st, &x, &mut feats);
                    let mut scores = [0f32; MOVES];
                    model.score(&feats, &mut scores);
                    let guess = best(&scores, |m| st.valid(m)).expect("valid move");
                    let right = best(&scores, |m| st.valid(m) && st.zero_cost(m, &gold));
                    model.tick();
                    let explore = epoch > 0;
                    let follow = match right {
                        Some(r) => {
                            model.update(r, guess, &feats);
                            if explore { guess } else { r }
                        }
                        None => guess,
                    };
                    let label = if follow == SHIFT {
                        NO_LABEL
                    } else {
                        let (h, d) = st.arc(follow);
                        if h as usize == n {
                            ROOT_LABEL
                        } else {
                            label_features(&st, &x, h as usize, d as usize, &mut lfeats);
                            lscores.iter_mut().for_each(|s| *s = 0.0);
                            lmodel.score(&lfeats, &mut lscores);
                            let lguess =
                                best(&lscores, |l| l != usize::from(ROOT_LABEL)).unwrap_or(0);
                            lmodel.tick();
                            let truth = gold_labels[i][d as usize];
                            // learn the relation of arcs that are right
                            if gold[d as usize] == h && truth != ROOT_LABEL {
                                lmodel.update(usize::from(truth), lguess, &lfeats);
                                if explore { lguess as u16 } else { truth }
                            } else {
                                lguess as u16
                            }
                        }
                    };
                    st.apply(follow, label, &x);
                }
            }
        }
        let mut label_weights = lmodel.average();
        label_weights.build_index(labels.len());
        Parser {
            weights: model.average(),
            labels,
            label_weights,
        }
    }
}

/// One training sentence for [`Parser::train`].
#[derive(Debug, Clone)]
pub struct ParseExample<'a> {
    /// Word forms.
    pub forms: Vec<&'a str>,
    /// Joint tag indices (as the tagger gives them).
    pub tags: Vec<u16>,
    /// Penn tags of those tags.
    pub xpos: Vec<&'a str>,
    /// Gold heads, 0-based, the root as `n`.
    pub heads: Vec<usize>,
    /// Gold relations.
    pub labels: Vec<String>,
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
        let forms = ["Russia", "sent", "troops", "to", "the", "border", "."];
        let x = Words::new(
            &forms,
            &[0; 7],
            &["NNP", "VBD", "NNS", "IN", "DT", "NN", "."],
        );
        let mut st = State::new(n);
        while !st.done() {
            let m = [SHIFT, LEFT, RIGHT]
                .into_iter()
                .find(|&m| st.valid(m) && st.zero_cost(m, &gold))
                .expect("a zero-cost move");
            st.apply(m, 1, &x);
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
