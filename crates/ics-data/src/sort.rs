//! One stable sort for the whole crate. Every `sort_by` with its own closure compiles to its own copy of the
//! sort algorithm (about 3.5 KB of wasm each); sorting index lists through this one non-generic function keeps
//! a single copy. Use it wherever code reaches the browser, except for the one large table sorted at every load,
//! which has a radix sort of its own (`rows_by_key_desc`).

use std::cmp::Ordering;

/// Stably sorts `idx` with `cmp`, which compares the things the indexes stand for.
pub fn indices(idx: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    idx.sort_by(|&a, &b| cmp(a, b));
}

/// 0..n sorted with `cmp`.
pub fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    indices(&mut idx, cmp);
    idx
}

/// The rows `0..keys.len()` ordered by their key, highest first, ties in row order: a radix sort (four passes
/// of 8 bits) with no comparisons. For the large table sorted at every load (33,755 IMD scores), where `order`'s
/// indirect comparisons took ten times as long in the browser, and a generic sort would add another copy.
pub fn rows_by_key_desc(keys: &[u32]) -> Vec<u32> {
    let mut rows: Vec<u32> = (0..keys.len() as u32).collect();
    let mut out = vec![0u32; keys.len()];
    for shift in [0, 8, 16, 24] {
        // Digits inverted, so that an ascending stable sort puts the highest keys first.
        let digit = |r: u32| 255 - ((keys[r as usize] >> shift) & 255) as usize;
        // Where the next row of each digit goes: the number of rows with a lower digit, then one on per row.
        let mut next = [0usize; 256];
        for &r in &rows {
            next[digit(r)] += 1;
        }
        let mut before = 0;
        for n in &mut next {
            (*n, before) = (before, before + *n);
        }
        for &r in &rows {
            let d = digit(r);
            out[next[d]] = r;
            next[d] += 1;
        }
        std::mem::swap(&mut rows, &mut out);
    }
    rows
}

/// Sorts numbers ascending (NaN last).
pub fn floats(v: &mut [f64]) {
    let o = order(v.len(), &|a, b| v[a].total_cmp(&v[b]));
    let sorted: Vec<f64> = o.iter().map(|&i| v[i]).collect();
    v.copy_from_slice(&sorted);
}

/// Reorders `v` by the index order `o` (a permutation of 0..v.len()).
pub fn apply<T: Clone>(v: &[T], o: &[usize]) -> Vec<T> {
    o.iter().map(|&i| v[i].clone()).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn stable_index_sort() {
        let keys = [3, 1, 2, 1];
        assert_eq!(super::order(4, &|a, b| keys[a].cmp(&keys[b])), [1, 3, 2, 0]);
        let mut v = [2.5, f64::NAN, -1.0];
        super::floats(&mut v);
        assert_eq!(&v[..2], &[-1.0, 2.5]);
        assert_eq!(super::rows_by_key_desc(&[5, 9, 5, 1, 9, u32::MAX, 0, 256]), [5, 7, 1, 4, 0, 2, 3, 6]);
        assert_eq!(super::rows_by_key_desc(&[]), Vec::<u32>::new());
    }
}
