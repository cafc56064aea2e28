//! The model's large lookup tables on huge pages where the system offers
//! them (Linux transparent huge pages in `madvise` mode).
//!
//! Scoring a word reads a few dozen weights at random places of tables of
//! tens of megabytes: with 4 KB pages nearly every read also misses the
//! address translation cache. Asking for 2 MB pages before the table is
//! written makes one translation cover 512 times as much. It is a hint:
//! where it is refused or unknown the table is the same, only slower.

/// The size of a huge page on the systems that offer them.
const HUGE_PAGE: usize = 2 << 20;

/// Tables smaller than this stay on ordinary pages.
const MIN_BYTES: usize = 2 * HUGE_PAGE;

/// An empty vector with room for `n` items, on huge pages where offered:
/// the memory is advised before anything is written to it.
pub(super) fn reserved<T>(n: usize) -> Vec<T> {
    let v: Vec<T> = Vec::with_capacity(n);
    advise(&v);
    v
}

/// The `n` items of `items`, on huge pages where offered.
pub(super) fn collected<T>(n: usize, items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut v = reserved(n);
    v.extend(items);
    v
}

/// `n` copies of `value`, on huge pages where offered.
pub(super) fn filled<T: Clone>(n: usize, value: T) -> Vec<T> {
    let mut v = reserved(n);
    v.resize(n, value);
    v
}

/// Asks for huge pages over the whole 2 MB pages inside `v`'s capacity.
fn advise<T>(v: &Vec<T>) {
    let bytes = v.capacity() * std::mem::size_of::<T>();
    if bytes < MIN_BYTES {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        let start = v.as_ptr() as usize;
        let first = start.next_multiple_of(HUGE_PAGE);
        let end = (start + bytes) / HUGE_PAGE * HUGE_PAGE;
        if end > first {
            // SAFETY: the range lies inside the vector's own allocation;
            // MADV_HUGEPAGE changes how its pages are backed, never their
            // contents, and its failure leaves the memory as it was.
            unsafe {
                libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_keep_their_values_large_or_small() {
        let big: Vec<u32> = (0..3_000_000).collect();
        assert_eq!(collected(big.len(), big.iter().copied()), big);
        assert_eq!(collected(3, [1u16, 2, 3]), [1, 2, 3]);
        let f = filled(3_000_000, (7u64, 1u32));
        assert_eq!(f.len(), 3_000_000);
        assert!(f.iter().all(|&x| x == (7, 1)));
    }
}
