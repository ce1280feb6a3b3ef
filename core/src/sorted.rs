//! Ordered maps and sets for the app's small keyed collections: a selection, the rates the
//! theory works out per component, the run history's series by component, the ids a file
//! declares. They hold tens or hundreds of entries and are iterated in key order.
//!
//! A sorted vector ([`litemap::LiteMap`]) rather than the standard `BTreeMap` and `BTreeSet`:
//! a B-tree's node handling (splitting, merging, rebalancing, its iterators) is compiled once
//! per key and value type, several kilobytes of wasm each, where a sorted vector's binary
//! search and insertion are a few hundred bytes. At these sizes a lookup is as fast either way.
//! Iteration is in key order, as a B-tree's is, so nothing that lists a map or a set changes.

/// A map from `K` to `V` in ascending key order, backed by a `Vec` of pairs.
pub type SortedMap<K, V> = litemap::LiteMap<K, V, Vec<(K, V)>>;

/// A set of `T` in ascending order (a sorted vector, like [`SortedMap`]), with the methods of
/// the standard `BTreeSet` that the app uses.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds `item`; whether it was absent.
    pub fn insert(&mut self, item: T) -> bool {
        match self.0.binary_search(&item) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, item);
                true
            }
        }
    }
    /// Removes `item`; whether it was present.
    pub fn remove(&mut self, item: &T) -> bool {
        match self.0.binary_search(item) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }
    pub fn contains(&self, item: &T) -> bool {
        self.0.binary_search(item).is_ok()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The items in ascending order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
    /// The smallest item.
    pub fn first(&self) -> Option<&T> {
        self.0.first()
    }
    /// The largest item.
    pub fn last(&self) -> Option<&T> {
        self.0.last()
    }
    /// Keeps the items `keep` says to.
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.0.retain(keep);
    }
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for item in items {
            self.insert(item);
        }
    }
}

/// Built by inserting one item at a time (no sort of its own to compile per type).
impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut set = SortedSet::new();
        set.extend(items);
        set
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for SortedSet<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_keeps_its_items_once_and_in_order_however_they_came() {
        let mut s: SortedSet<u32> = [5, 1, 9, 1, 3].into_iter().collect();
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [1, 3, 5, 9]);
        assert!(!s.insert(3));
        assert!(s.insert(4));
        assert!(s.remove(&1));
        assert!(!s.remove(&1));
        assert!(s.contains(&4) && !s.contains(&1));
        assert_eq!((s.first(), s.last(), s.len()), (Some(&3), Some(&9), 4));
        s.retain(|&x| x % 3 == 0);
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [3, 9]);
        s.clear();
        assert!(s.is_empty());
    }

    #[test]
    fn a_map_lists_its_entries_in_key_order_and_replaces_a_value_under_the_same_key() {
        let mut m = SortedMap::new();
        for (k, v) in [(3u32, 'c'), (1, 'a'), (2, 'b'), (1, 'z')] {
            m.insert(k, v);
        }
        assert_eq!(
            m.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>(),
            [(1, 'z'), (2, 'b'), (3, 'c')]
        );
        *m.entry(2).or_insert('x') = 'y';
        assert_eq!(m.get(&2), Some(&'y'));
    }
}
