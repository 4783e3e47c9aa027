//! Sorting with one copy of the sorting code for the whole crate.
//!
//! Each element type (and each key closure) given to the standard library's `sort*` methods
//! compiles to a sorting routine of its own, 2–5 KB of wasm apiece. Here the merge sort works on
//! positions through a `dyn` comparison and is compiled once; what is compiled per use is only
//! the comparison and the final reordering. The result is that of a stable sort (`slice::sort`),
//! so it is also what `sort_unstable` gives wherever equal elements cannot be told apart.

/// The stable sorted order of `n` positions by `less`: a bottom-up merge sort.
fn order(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    // Most of what the stages sort is in order already (statements in text order): one pass
    // finds out.
    if (1..n).all(|k| !less(k, k - 1)) {
        return from;
    }
    let mut to = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (mid + width).min(n);
            if mid >= hi || !less(from[mid], from[mid - 1]) {
                // The two runs are in order as they stand.
                to[lo..hi].copy_from_slice(&from[lo..hi]);
                lo = hi;
                continue;
            }
            let (mut i, mut j) = (lo, mid);
            for slot in &mut to[lo..hi] {
                // The left run wins ties: stable.
                if j < hi && (i >= mid || less(from[j], from[i])) {
                    *slot = from[j];
                    j += 1;
                } else {
                    *slot = from[i];
                    i += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// Sorts `v` by `key`, stably (as `slice::sort_by_key`).
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    let mut order = order(v.len(), &mut |i, j| key(&v[i]) < key(&v[j]));
    if order.iter().enumerate().all(|(k, &o)| k == o) {
        return;
    }
    // Element `order[k]` goes to `k`: follow each cycle of the permutation with swaps, marking
    // each place done by pointing it at itself.
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != start {
            let from = order[k];
            v.swap(k, from);
            order[k] = k;
            k = from;
        }
        order[k] = k;
    }
}

/// Sorts `v` in increasing order (as `slice::sort` and, for elements whose equals cannot be
/// told apart, `slice::sort_unstable`).
pub(crate) fn sort<T: Ord + Copy>(v: &mut [T]) {
    sort_by_key(v, |&x| x);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        // Pairs sorted by their first field: equal keys keep their order.
        let mut seed = 7u32;
        for n in [0, 1, 2, 3, 5, 8, 17, 64, 100, 257] {
            let v: Vec<(u32, usize)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 7, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std = v.clone();
            std.sort_by_key(|x| x.0);
            assert_eq!(ours, std, "n = {n}");
            let mut ours = v.clone();
            sort(&mut ours);
            let mut std = v;
            std.sort_unstable();
            assert_eq!(ours, std, "n = {n}");
        }
    }

    #[test]
    fn input_in_order_or_in_sorted_runs_sorts_as_the_standard_stable_sort_does() {
        for n in [2usize, 3, 9, 64, 257] {
            // In order already (ties included), in order but for the last element, in sorted
            // runs of 4 and of 5, and in reverse.
            let cases: [Vec<(usize, usize)>; 5] = [
                (0..n).map(|i| (i / 3, i)).collect(),
                (0..n)
                    .map(|i| (if i + 1 == n { 0 } else { i / 2 + 1 }, i))
                    .collect(),
                (0..n).map(|i| (i % 4, i)).collect(),
                (0..n).map(|i| (i % 5 + (i / 5) % 3, i)).collect(),
                (0..n).map(|i| (n - i, i)).collect(),
            ];
            for v in cases {
                let mut ours = v.clone();
                sort_by_key(&mut ours, |x| x.0);
                let mut std = v.clone();
                std.sort_by_key(|x| x.0);
                assert_eq!(ours, std, "{v:?}");
            }
        }
    }
}
