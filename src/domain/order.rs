//! One sort for the whole widget.
//!
//! Why not `slice::sort_by` where each list is sorted: the standard sorts are
//! generic over the element and the comparison, so every call site compiles
//! its own quicksort, heapsort and small-sort into the wasm (about 2.5 KB
//! each; the widget's sixteen sorts came to ~49 KB before gzip). Here the
//! comparison is a `&dyn Fn` over positions, so the sorting itself is
//! compiled once; each call site adds only its comparison and a short
//! in-place rearrangement. Measured with `cargo xtask dist`: 16 KiB less
//! gzip over all views.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`. Stable: items that compare equal keep their order.
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = items;
        sorted_positions(items.len(), &|a, b| cmp(&items[a], &items[b]))
    };
    rearrange(items, &order);
}

/// The positions `0..n` ordered by `cmp`: a bottom-up merge sort, stable
/// because a tie takes the left run's item. Not generic, so it is compiled
/// once; hand-written because even the one standard sort instance it would
/// replace is several times its size, and every page loads it.
fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged = order.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut left, mut right) = (start, mid);
            for slot in &mut merged[start..end] {
                if right < end && (left >= mid || cmp(order[right], order[left]) == Ordering::Less) {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Puts `items[order[k]]` at position `k` for every `k`, in place.
///
/// Position `k` is filled with a swap. The item wanted there started at
/// `order[k]`; if that position is below `k`, it was already filled and its
/// old item went on to that position's own source, so the chain is followed
/// until it reaches a position not yet filled, where the item now is.
fn rearrange<T>(items: &mut [T], order: &[usize]) {
    for k in 0..items.len() {
        let mut from = order[k];
        while from < k {
            from = order[from];
        }
        items.swap(k, from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_and_keeps_equal_items_in_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn empty_and_single_lists_stay() {
        let mut v: Vec<u8> = Vec::new();
        sort_by(&mut v, |a, b| a.cmp(b));
        assert!(v.is_empty());
        let mut v = vec![String::from("only")];
        sort_by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, vec!["only"]);
    }

    proptest! {
        // The standard library's stable sort is the reference: same result
        // for any list, with many ties (keys 0..8) so stability shows.
        #[test]
        fn matches_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200), descending in any::<bool>()) {
            let cmp = |a: &(u8, u16), b: &(u8, u16)| if descending { b.0.cmp(&a.0) } else { a.0.cmp(&b.0) };
            let mut expected = v.clone();
            expected.sort_by(cmp);
            let mut got = v;
            sort_by(&mut got, cmp);
            prop_assert_eq!(got, expected);
        }

        // Any permutation is applied exactly: item k ends where it should.
        #[test]
        fn rearranges_by_any_permutation(order in (0usize..60).prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle())) {
            let mut items: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            rearrange(&mut items, &order);
            let expected: Vec<usize> = order.iter().map(|&i| i * 10).collect();
            prop_assert_eq!(items, expected);
        }
    }
}
