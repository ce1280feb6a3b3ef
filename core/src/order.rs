//! One sort for lists whose order is the standard stable sort's: the editor's, the fault
//! schedule's, the theory's sample times.
//!
//! The standard library's sort is compiled once per element type and comparison (a few
//! kilobytes of wasm each), so these lists sort positions with one comparison type, calling
//! the list's own comparison through a reference, and then applies the order. The result is
//! the one `sort_by` gives: stable, equal items in their first order.

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
}
