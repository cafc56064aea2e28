//! Checked slicing of text by byte offsets.
//!
//! Offsets computed by arithmetic (`pos - 3`, "the first ten bytes") can land
//! inside a multi-byte character, and slicing there panics. Every such slice
//! goes through these helpers, which move the offset to the nearest character
//! boundary on the side that keeps the slice inside the text.

/// At most the first `n` bytes of `s`, cut back to a character boundary.
pub fn head(s: &str, n: usize) -> &str {
    &s[..floor_boundary(s, n)]
}

/// At most the last `n` bytes of `text[..pos]` (on a character boundary),
/// for looking back a few words without touching the whole prefix.
pub fn tail(text: &str, pos: usize, n: usize) -> &str {
    let pos = floor_boundary(text, pos);
    &text[ceil_boundary(text, pos.saturating_sub(n))..pos]
}

/// `text[span]` with the span clamped to the text, its ends moved inward to
/// character boundaries, and an empty slice when `begin > end`.
pub fn get(text: &str, span: crate::Span) -> &str {
    let end = floor_boundary(text, span.1);
    let start = ceil_boundary(text, span.0).min(end);
    &text[start..end]
}

/// The largest character boundary `<= i` (the text's length when `i` is past it).
pub fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    (0..=i).rev().find(|&j| s.is_char_boundary(j)).unwrap_or(0)
}

/// The smallest character boundary `>= i` (the text's length when `i` is past it).
pub fn ceil_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    (i..s.len())
        .find(|&j| s.is_char_boundary(j))
        .unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_stop_at_character_boundaries() {
        let s = "2021-12-€x";
        assert_eq!(head(s, 10), "2021-12-");
        assert_eq!(head(s, 11), "2021-12-€");
        assert_eq!(head(s, 100), s);
        assert_eq!(tail("a “b", 6, 2), "b");
        assert_eq!(tail("a “b", 5, 4), " “");
        assert_eq!(tail("a “b", 5, 5), "a “");
        assert_eq!(get("a“b", (2, 3)), "");
        assert_eq!(get("a“b", (1, 5)), "“b");
        assert_eq!(get("abc", (2, 1)), "");
        assert_eq!(get("abc", (1, 99)), "bc");
    }

    #[test]
    fn every_offset_of_a_mixed_text_is_safe() {
        let s = "é“€𝄞 ab";
        for i in 0..=s.len() + 2 {
            let _ = head(s, i);
            for n in 0..=s.len() + 2 {
                let _ = tail(s, i, n);
                let _ = get(s, (i, n));
            }
            assert!(s.is_char_boundary(floor_boundary(s, i)));
            assert!(s.is_char_boundary(ceil_boundary(s, i)));
        }
    }
}
