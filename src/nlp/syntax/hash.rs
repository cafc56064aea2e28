//! Stable feature hashing: the ids the models are trained and saved with.
//!
//! The functions are fixed here (FNV-1a for strings, a 64-bit mixer for
//! combinations) rather than taken from a hashing crate, so that a saved
//! model means the same thing whatever version of a dependency is built.

/// The FNV-1a hash of `s`.
#[inline]
pub fn str_hash(s: &str) -> u64 {
    bytes_hash(s.as_bytes())
}

/// The FNV-1a hash of `b`.
#[inline]
pub fn bytes_hash(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h ^= u64::from(x);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Combines a running hash with one more value (order matters).
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    let mut x = (h ^ v.rotate_left(25)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 29;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^ (x >> 32)
}

/// The feature id of template `t` over one value.
#[inline]
pub fn f1(t: u64, a: u64) -> u64 {
    mix(t.wrapping_mul(0x100_0000_01b3), a)
}

/// The feature id of template `t` over two values.
#[inline]
pub fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(f1(t, a), b)
}

/// The feature id of template `t` over three values.
#[inline]
pub fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(f2(t, a, b), c)
}

/// The feature id of template `t` over four values.
#[inline]
pub fn f4(t: u64, a: u64, b: u64, c: u64, d: u64) -> u64 {
    mix(f3(t, a, b, c), d)
}

/// A small deterministic random generator (SplitMix64) for shuffling the
/// training data with a fixed seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Shuffles `v` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_fixed_values() {
        // the saved models depend on these exact values
        assert_eq!(str_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(str_hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(f2(1, 2, 3), f2(1, 3, 2));
        assert_ne!(f1(1, 5), f1(2, 5));
        let mut r = Rng::new(7);
        let mut v: Vec<u32> = (0..10).collect();
        r.shuffle(&mut v);
        let mut r2 = Rng::new(7);
        let mut v2: Vec<u32> = (0..10).collect();
        r2.shuffle(&mut v2);
        assert_eq!(v, v2);
        assert_ne!(v, (0..10).collect::<Vec<_>>());
    }
}
