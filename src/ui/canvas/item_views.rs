//! The per-row view signals of the canvas: one signal per drawn card and wire, and the sync that
//! sets only those whose view changed after an editor update.
//!
//! Invariant: a card or wire row registers its signal when it is created and tracks no other
//! editor state (a card also follows the design review), so the cost of an editor change is
//! the diff here plus the rows that really changed. A row that is gone leaves its disposed
//! signal in the map until a row with the same id replaces it; `sync` never sets a disposed
//! signal. This module draws nothing.

use super::card::{CardView, card_view};
use super::wire::{WireView, wire_view};
use crate::editor::Editor;
use crate::model::{ComponentId, WireId};
use crate::order::order_by;
use crate::sorted::SortedMap;
use leptos::prelude::*;

/// One signal per drawn card and wire. A single effect diffs the editor state after each
/// change and sets only the signals whose view changed, so a drag wakes the moved card and its
/// wires instead of every row of a large diagram. Rows register their signal when created.
#[derive(Clone, Copy)]
pub(super) struct ItemViews {
    pub(super) cards: StoredValue<SortedMap<ComponentId, RwSignal<Option<CardView>>>>,
    pub(super) wires: StoredValue<SortedMap<WireId, RwSignal<Option<WireView>>>>,
}

impl ItemViews {
    /// No rows yet: each card and wire registers its signal when it is created.
    pub(super) fn new() -> Self {
        ItemViews {
            cards: StoredValue::new(SortedMap::new()),
            wires: StoredValue::new(SortedMap::new()),
        }
    }

    /// Sets the signal of every registered row whose view differs from the editor's state now.
    pub(super) fn sync(&self, e: &Editor) {
        let d = e.diagram();
        let mut card_updates = Vec::new();
        self.cards.with_value(|map| {
            for c in &d.components {
                if let Some(signal) = map.get(&c.id) {
                    let view = Some(card_view(e, c));
                    if signal.try_with_untracked(|old| *old != view) == Some(true) {
                        card_updates.push((*signal, view));
                    }
                }
            }
        });
        // The components' positions in the order of their ids, to find a wire's ends by binary
        // search (through the editor's one sort: a map of its own here was its own copy of the
        // hash table's code in the wasm).
        let cs = &d.components;
        let by_id = order_by(cs.len(), &|a, b| cs[a].id.cmp(&cs[b].id));
        let find = |id: ComponentId| {
            let at = by_id.binary_search_by(|&i| cs[i].id.cmp(&id)).ok()?;
            Some(&cs[by_id[at]])
        };
        // The wires in the order of the components they join (the same sort), to tell which
        // two components two wires join.
        let ws = &d.wires;
        let ends = |w: &crate::model::Wire| (w.from.component, w.to.component);
        let by_ends = order_by(ws.len(), &|a, b| ends(&ws[a]).cmp(&ends(&ws[b])));
        let twin = |w: &crate::model::Wire| {
            let at = by_ends.partition_point(|&i| ends(&ws[i]) < ends(w));
            by_ends[at..]
                .iter()
                .take_while(|&&i| ends(&ws[i]) == ends(w))
                .nth(1)
                .is_some()
        };
        let mut router = e.wire_router();
        let mut wire_updates = Vec::new();
        self.wires.with_value(|map| {
            for w in &d.wires {
                if let Some(signal) = map.get(&w.id) {
                    let view = wire_view(e, &find, &mut router, w, twin(w));
                    if signal.try_with_untracked(|old| *old != view) == Some(true) {
                        wire_updates.push((*signal, view));
                    }
                }
            }
        });
        drop(router);
        for (signal, view) in card_updates {
            signal.set(view);
        }
        for (signal, view) in wire_updates {
            signal.set(view);
        }
    }
}
