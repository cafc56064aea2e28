//! Averaged perceptrons over hashed features: the learner behind the tagger,
//! the parser and its relation classifier.
//!
//! Two layouts: [`Sparse`] keeps, per feature, only the classes that were
//! ever updated (for classifiers with many classes: tags, relations);
//! [`Dense`] keeps a fixed table of `2^bits` buckets by class (for the
//! parser's three transitions, where every bucket is used). Training uses
//! the `*Trainer` types, which keep the sums for averaging; the trained
//! model is the average, frozen into the plain types.

use rustc_hash::FxHashMap;

/// Something that scores classes for a set of features.
pub trait Scorer {
    /// Adds each feature's weights to `scores` (one slot per class).
    fn score(&self, feats: &[u64], scores: &mut [f32]);
}

/// The index of the highest score among the classes `allowed` says yes to
/// (the first one on ties), or `None` when none is allowed.
pub fn best<F: Fn(usize) -> bool>(scores: &[f32], allowed: F) -> Option<usize> {
    let mut out: Option<usize> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && out.is_none_or(|b| s > scores[b]) {
            out = Some(i);
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u16,
    w: f32,
    total: f64,
    ts: u32,
}

/// A [`Sparse`] perceptron being trained.
#[derive(Debug, Default)]
pub struct SparseTrainer {
    weights: FxHashMap<u64, Vec<Entry>>,
    /// Instances seen (the averaging clock).
    t: u32,
}

impl Scorer for SparseTrainer {
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(row) = self.weights.get(f) {
                for e in row {
                    scores[usize::from(e.class)] += e.w;
                }
            }
        }
    }
}

impl SparseTrainer {
    /// Advances the averaging clock by one training instance.
    pub fn tick(&mut self) {
        self.t += 1;
    }

    /// Moves the weights of `feats` towards `truth` and away from `guess`.
    pub fn update(&mut self, truth: usize, guess: usize, feats: &[u64]) {
        if truth == guess {
            return;
        }
        let t = self.t;
        for &f in feats {
            let row = self.weights.entry(f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let class = class as u16;
                let e = match row.iter_mut().position(|e| e.class == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Entry {
                            class,
                            w: 0.0,
                            total: 0.0,
                            ts: t,
                        });
                        row.last_mut().expect("just pushed")
                    }
                };
                e.total += f64::from(t - e.ts) * f64::from(e.w);
                e.ts = t;
                e.w += delta;
            }
        }
    }

    /// The averaged weights, without the zero ones, in a canonical order.
    pub fn average(&self) -> Sparse {
        let t = f64::from(self.t.max(1));
        let mut keys: Vec<u64> = self.weights.keys().copied().collect();
        keys.sort_unstable();
        let mut out = Sparse::default();
        for k in keys {
            let mut row: Vec<(u16, f32)> = self.weights[&k]
                .iter()
                .map(|e| {
                    let total = e.total + f64::from(self.t - e.ts) * f64::from(e.w);
                    (e.class, (total / t) as f32)
                })
                .filter(|&(_, w)| w.abs() > 1e-4)
                .collect();
            if row.is_empty() {
                continue;
            }
            row.sort_unstable_by_key(|&(c, _)| c);
            out.push(k, &row);
        }
        out
    }
}

/// A trained perceptron that stores, per feature, its non-zero classes.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Sparse {
    /// Feature ids, ascending.
    pub keys: Vec<u64>,
    /// Where each feature's entries end in `classes`/`weights` (they start
    /// where the previous one ends).
    pub ends: Vec<u32>,
    /// The class of each entry.
    pub classes: Vec<u16>,
    /// The weight of each entry.
    pub weights: Vec<f32>,
    /// Feature id → where its weights are (see [`Sparse::build_index`]).
    index: Index,
    /// Rows with many classes, spread out to one weight per class (so that
    /// scoring adds them as a contiguous slice).
    dense: Vec<f32>,
    /// The number of classes a dense row has.
    width: usize,
}

/// An open-addressing table from feature ids (already well-mixed hashes)
/// to row references, each key beside its value so that a lookup touches
/// one cache line (a general hash map touches two).
#[derive(Debug, Default, Clone, PartialEq)]
struct Index {
    /// (key, value); key 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
    /// The value of key 0, which cannot be stored in `slots`.
    zero: Option<u32>,
    /// 64 minus log2 of the number of slots.
    shift: u32,
}

impl Index {
    /// A table for `n` keys, at most three quarters full.
    fn with_capacity(n: usize) -> Index {
        let cap = (n + n / 3 + 1).next_power_of_two().max(16);
        Index {
            slots: super::pages::filled(cap, (0, 0)),
            zero: None,
            shift: 64 - cap.trailing_zeros(),
        }
    }

    fn insert(&mut self, key: u64, value: u32) {
        if key == 0 {
            self.zero = Some(value);
            return;
        }
        let mask = self.slots.len() - 1;
        let mut i = (key >> self.shift) as usize;
        while self.slots[i].0 != 0 && self.slots[i].0 != key {
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, value);
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        if key == 0 {
            return self.zero;
        }
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (key >> self.shift) as usize;
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return Some(v);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Set in an index value when the row is dense.
const DENSE_ROW: u32 = 1 << 31;
/// Rows with more entries than this are stored dense.
const SPARSE_MAX: usize = 6;

impl Sparse {
    fn push(&mut self, key: u64, row: &[(u16, f32)]) {
        self.keys.push(key);
        for &(c, w) in row {
            self.classes.push(c);
            self.weights.push(w);
        }
        self.ends.push(self.classes.len() as u32);
    }

    /// Builds the lookup index; call once after filling the arrays.
    /// `classes` is the number of classes (at least one more than the
    /// largest class stored).
    pub fn build_index(&mut self, classes: usize) {
        let width = classes.max(
            self.classes
                .iter()
                .map(|&c| usize::from(c) + 1)
                .max()
                .unwrap_or(0),
        );
        self.width = width;
        let row_span = |i: usize| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
            (start, self.ends[i] as usize)
        };
        let dense_rows = (0..self.keys.len())
            .filter(|&i| {
                let (start, end) = row_span(i);
                end - start > SPARSE_MAX
            })
            .count();
        // read at random by scoring: on huge pages where offered
        self.dense = super::pages::filled(dense_rows * width, 0.0);
        let mut index = Index::with_capacity(self.keys.len());
        let mut rows = 0;
        for (i, &k) in self.keys.iter().enumerate() {
            let (start, end) = row_span(i);
            if end - start > SPARSE_MAX {
                let row = rows;
                rows += 1;
                for j in start..end {
                    self.dense[row * width + usize::from(self.classes[j])] = self.weights[j];
                }
                index.insert(k, DENSE_ROW | row as u32);
            } else {
                index.insert(k, i as u32);
            }
        }
        self.index = index;
    }

    /// Number of stored weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether no weight is stored.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

impl Scorer for Sparse {
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        // two passes: first every lookup (independent loads the processor
        // overlaps), then every row; interleaved, each lookup waited for
        // the previous row's additions
        let mut found = [0u32; 96];
        for chunk in feats.chunks(found.len()) {
            let mut k = 0;
            for f in chunk {
                if let Some(i) = self.index.get(*f) {
                    found[k] = i;
                    k += 1;
                }
            }
            for &i in &found[..k] {
                if i & DENSE_ROW != 0 {
                    let row = (i & !DENSE_ROW) as usize * self.width;
                    for (s, w) in scores.iter_mut().zip(&self.dense[row..row + self.width]) {
                        *s += w;
                    }
                } else {
                    let i = i as usize;
                    let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
                    let end = self.ends[i] as usize;
                    for j in start..end {
                        scores[usize::from(self.classes[j])] += self.weights[j];
                    }
                }
            }
        }
    }
}

/// A [`Dense`] perceptron being trained.
#[derive(Debug)]
pub struct DenseTrainer {
    bits: u32,
    classes: usize,
    w: Vec<f32>,
    total: Vec<f64>,
    ts: Vec<u32>,
    t: u32,
}

impl DenseTrainer {
    /// A table of `2^bits` buckets by `classes`.
    pub fn new(bits: u32, classes: usize) -> Self {
        let n = (1usize << bits) * classes;
        DenseTrainer {
            bits,
            classes,
            w: vec![0.0; n],
            total: vec![0.0; n],
            ts: vec![0; n],
            t: 0,
        }
    }

    /// Advances the averaging clock by one training instance.
    pub fn tick(&mut self) {
        self.t += 1;
    }

    /// Moves the weights of `feats` towards `truth` and away from `guess`.
    pub fn update(&mut self, truth: usize, guess: usize, feats: &[u64]) {
        if truth == guess {
            return;
        }
        let mask = (1u64 << self.bits) - 1;
        for &f in feats {
            let row = (f & mask) as usize * self.classes;
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let i = row + class;
                self.total[i] += f64::from(self.t - self.ts[i]) * f64::from(self.w[i]);
                self.ts[i] = self.t;
                self.w[i] += delta;
            }
        }
    }

    /// The averaged weights, quantized (see [`Dense`]).
    pub fn average(&self) -> Dense {
        let t = f64::from(self.t.max(1));
        let avg: Vec<f32> = (0..self.w.len())
            .map(|i| {
                let total = self.total[i] + f64::from(self.t - self.ts[i]) * f64::from(self.w[i]);
                (total / t) as f32
            })
            .collect();
        // only differences between classes decide: each bucket is kept
        // relative to its first class, which is left out
        let relative: Vec<f32> = avg
            .chunks_exact(self.classes)
            .flat_map(|row| row[1..].iter().map(move |x| x - row[0]))
            .collect();
        Dense::quantize(self.bits, self.classes, &relative)
    }
}

impl Scorer for DenseTrainer {
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        dense_score(self.bits, self.classes, &self.w, feats, scores);
    }
}

#[inline]
fn dense_score(bits: u32, classes: usize, w: &[f32], feats: &[u64], scores: &mut [f32]) {
    let mask = (1u64 << bits) - 1;
    for &f in feats {
        let row = (f & mask) as usize * classes;
        for (s, x) in scores.iter_mut().zip(&w[row..row + classes]) {
            *s += x;
        }
    }
}

/// The most classes a [`Dense`] table scores.
const DENSE_MAX_CLASSES: usize = 4;

/// A trained perceptron with a fixed table of `2^bits` buckets by class.
///
/// Each bucket keeps its classes relative to the first (whose weight is
/// then 0 and not stored), as 16-bit integers with one scale for the table:
/// a bucket of three classes is one 4-byte read, and the table takes a
/// third of the memory of `f32` weights (parsing speed measured the same).
#[derive(Debug, Clone, PartialEq)]
pub struct Dense {
    /// log2 of the number of buckets.
    pub bits: u32,
    /// Number of classes (at most [`DENSE_MAX_CLASSES`]).
    pub classes: usize,
    /// What one unit of a stored weight is worth.
    pub scale: f32,
    /// The weights of classes `1..classes`, bucket-major.
    pub w: Vec<i16>,
}

/// `values` as 16-bit integers and the one scale that turns them back
/// (the largest magnitude maps to 32767).
pub fn quantize(values: &[f32]) -> (f32, Vec<i16>) {
    let max = values.iter().fold(0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let q = values
        .iter()
        .map(|x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
        .collect();
    (scale, q)
}

impl Dense {
    /// Quantizes `relative` (for each bucket, the weights of classes
    /// `1..classes` less that of class 0) with one scale.
    pub fn quantize(bits: u32, classes: usize, relative: &[f32]) -> Dense {
        assert!((2..=DENSE_MAX_CLASSES).contains(&classes));
        let (scale, w) = quantize(relative);
        Dense {
            bits,
            classes,
            scale,
            w,
        }
    }
}

impl Scorer for Dense {
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let mask = (1u64 << self.bits) - 1;
        let k = self.classes - 1;
        let mut acc = [0i32; DENSE_MAX_CLASSES];
        for &f in feats {
            let row = (f & mask) as usize * k;
            for (a, &x) in acc.iter_mut().zip(&self.w[row..row + k]) {
                *a += i32::from(x);
            }
        }
        for (s, &a) in scores[1..].iter_mut().zip(&acc) {
            *s += a as f32 * self.scale;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_finds_every_key_and_no_other() {
        let keys: Vec<u64> = (0..1000u64)
            .map(|k| k.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        let mut ix = Index::with_capacity(keys.len());
        for (v, &k) in keys.iter().enumerate() {
            ix.insert(k, v as u32);
        }
        // key 0 (the first) is kept apart; keys sharing high bits collide and probe on
        assert_eq!(ix.get(0), Some(0));
        for (v, &k) in keys.iter().enumerate() {
            assert_eq!(ix.get(k), Some(v as u32));
        }
        assert_eq!(ix.get(12345), None);
        assert_eq!(ix.get(1 << 63), None);
        assert_eq!(Index::default().get(7), None);
    }

    /// Two classes told apart by one feature each: both layouts learn them,
    /// and the average keeps the answer.
    #[test]
    fn learns_a_separable_problem() {
        let data = [
            (vec![1u64, 10], 0usize),
            (vec![2, 10], 1),
            (vec![1, 11], 0),
            (vec![2, 11], 1),
        ];
        let mut sp = SparseTrainer::default();
        let mut de = DenseTrainer::new(4, 2);
        for _ in 0..5 {
            for (f, y) in &data {
                let mut s = [0.0; 2];
                sp.score(f, &mut s);
                let g = best(&s, |_| true).unwrap();
                sp.tick();
                sp.update(*y, g, f);
                let mut s = [0.0; 2];
                de.score(f, &mut s);
                let g = best(&s, |_| true).unwrap();
                de.tick();
                de.update(*y, g, f);
            }
        }
        let mut sp = sp.average();
        sp.build_index(2);
        let de = de.average();
        for (f, y) in &data {
            let mut s = [0.0; 2];
            sp.score(f, &mut s);
            assert_eq!(best(&s, |_| true), Some(*y));
            let mut s = [0.0; 2];
            de.score(f, &mut s);
            assert_eq!(best(&s, |_| true), Some(*y));
        }
        assert_eq!(best(&[1.0, 5.0], |c| c != 1), Some(0));
        assert_eq!(best(&[1.0], |_| false), None);
    }
}
