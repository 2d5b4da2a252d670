//! One stable sort for the whole crate. Every `sort_by` with its own closure compiles to its own copy of the
//! sort algorithm (about 3.5 KB of wasm each); sorting index lists through this one non-generic function keeps
//! a single copy. Use it wherever code reaches the browser.

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
    }
}
