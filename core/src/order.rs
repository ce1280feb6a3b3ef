//! One sort for lists whose order is the standard stable sort's: the editor's, the fault
//! schedule's, the theory's sample times; and one for plain numbers.
//!
//! The standard library's sort is compiled once per element type and comparison (a few
//! kilobytes of wasm each), so these lists sort positions with one comparison type, calling
//! the list's own comparison through a reference, and then applies the order. The result is
//! the one `sort_by` gives: stable, equal items in their first order. Numbers (the event
//! queue's keys, a hash ring's points, a database's pending writes) sort as `u128` keys
//! through one instance of the unstable sort: a pair `(a, b)` as [`pair_key`], which orders as
//! the pair does.

use std::cmp::Ordering;

/// The positions `0..n` in the stable order of `cmp` over positions.
pub fn order_by(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// Sorts `items` stably by `cmp`, as `items.sort_by(cmp)` does.
pub fn sort_by<T: Clone>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let order = order_by(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let sorted = order.into_iter().map(|i| items[i].clone()).collect();
    *items = sorted;
}

/// `(a, b)` as one number that orders as the pair does (`a` first, then `b`).
#[inline]
pub fn pair_key(a: u64, b: u64) -> u128 {
    (a as u128) << 64 | b as u128
}

/// Sorts numbers ascending: the one instance of the standard unstable sort for plain numbers.
pub fn sort_keys(keys: &mut [u128]) {
    keys.sort_unstable();
}

/// `values` in ascending order.
pub fn sorted_u64(values: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut keys: Vec<u128> = values.map(u128::from).collect();
    sort_keys(&mut keys);
    keys.into_iter().map(|k| k as u64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_is_the_standard_stable_sort() {
        // Pairs compared by their first number only: equal keys keep their first order.
        let items: Vec<(i32, usize)> = [5, 3, 5, 1, 3, 3, 9, 0, 5, 1, 7, 7, 2, 8, 3, 1, 0, 6, 4, 5]
            .into_iter()
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect();
        let mut ours = items.clone();
        sort_by(&mut ours, &|a, b| a.0.cmp(&b.0));
        let mut std = items;
        std.sort_by_key(|p| p.0);
        assert_eq!(ours, std);
        assert_eq!(order_by(4, &|a, b| b.cmp(&a)), vec![3, 2, 1, 0]);
    }

    #[test]
    fn pairs_as_keys_sort_as_the_pairs_do() {
        let mut x = 7u64;
        let mut pairs: Vec<(u64, u64)> = (0..2_000)
            .map(|i| {
                x = crate::sim::rng::mix64(x);
                // Few distinct first halves, so the second decides often; some at the extremes.
                let a = [0, 1, x % 5, u64::MAX, u64::MAX - 1][i % 5];
                (a, x >> (i % 64))
            })
            .collect();
        let mut keys: Vec<u128> = pairs.iter().map(|&(a, b)| pair_key(a, b)).collect();
        sort_keys(&mut keys);
        pairs.sort_unstable();
        let back: Vec<(u64, u64)> = keys.iter().map(|&k| ((k >> 64) as u64, k as u64)).collect();
        assert_eq!(back, pairs);
        let values = [9, u64::MAX, 0, 3, 3, 1 << 63];
        assert_eq!(
            sorted_u64(values.into_iter()),
            vec![0, 3, 3, 9, 1 << 63, u64::MAX]
        );
    }
}
