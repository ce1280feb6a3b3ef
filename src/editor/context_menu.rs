//! The canvas context menu's pure parts: what a menu opened on an item lists, where the menu
//! goes so that it stays on screen, and how the arrow keys move over its enabled entries.
//!
//! Which item a right-click picks is the editor's ([`super::InputEvent::ContextMenu`] selects it
//! like a click and answers [`super::Effect::OpenContextMenu`]); which fault applies to which
//! target is the model's ([`FaultAction::applies_to`]); which editing action can run is the
//! registry's ([`super::Editor::is_enabled`]). This module only puts them in a menu's order. It
//! does not know whether a run is live: the view greys the fault entries out when none is.

use crate::decimal::Within;
use crate::model::{Diagram, FaultAction, FaultTarget};

use super::actions::Action;
use super::geometry::{Rect, Vec2};
use super::layout;
use super::selection::{Selectable, Selection};

/// Space (CSS pixels) the menu keeps from the edges of the viewport.
pub const MENU_MARGIN_PX: f64 = 8.0;

/// One entry of the menu.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MenuEntry {
    /// Inject this fault into the live run, aimed at the menu's item.
    Fault(FaultAction),
    /// Run this registry action on the selection.
    Edit(Action),
}

/// The editing actions offered for an item: those that mean something for its kind of item.
/// Whether each can run now is [`super::Editor::is_enabled`]'s to say.
fn edit_actions(item: Selectable) -> &'static [Action] {
    match item {
        Selectable::Component(_) => &[Action::Duplicate, Action::Copy, Action::Cut, Action::Delete],
        Selectable::Wire(_) | Selectable::Group(_) => &[Action::Delete],
    }
}

/// What the empty canvas's menu offers: what needs no item.
const CANVAS_ACTIONS: [Action; 3] = [Action::Paste, Action::SelectAll, Action::FitToView];

/// The entries of a menu opened on `item`: the faults that apply to it, in the run panel's
/// order, then the editing actions; on the empty canvas (`None`), paste, select all and fit.
/// Empty if the item is not in the diagram.
pub fn entries(diagram: &Diagram, item: Option<Selectable>) -> Vec<MenuEntry> {
    let Some(item) = item else {
        return CANVAS_ACTIONS.into_iter().map(MenuEntry::Edit).collect();
    };
    let kind = match item {
        Selectable::Component(id) => match diagram.component(id) {
            Some(c) => Some(c.kind),
            None => return Vec::new(),
        },
        Selectable::Wire(id) if diagram.wire(id).is_none() => return Vec::new(),
        Selectable::Group(id) if diagram.group(id).is_none() => return Vec::new(),
        Selectable::Wire(_) | Selectable::Group(_) => None,
    };
    let target = FaultTarget::from(item);
    FaultAction::OFFERED
        .into_iter()
        .filter(|a| a.applies_to(target, kind))
        .map(MenuEntry::Fault)
        .chain(edit_actions(item).iter().copied().map(MenuEntry::Edit))
        .collect()
}

/// The item a menu opened from the keyboard is about: the first selected component, else
/// datacenter, else wire (the order the run panel's fault target follows).
pub fn primary_item(selection: &Selection) -> Option<Selectable> {
    selection
        .components
        .first()
        .map(|c| Selectable::Component(*c))
        .or_else(|| selection.groups.first().map(|g| Selectable::Group(*g)))
        .or_else(|| selection.wires.first().map(|w| Selectable::Wire(*w)))
}

/// Where (world units) a menu opened from the keyboard points: a card's centre, a wire's
/// middle, just under a datacenter's title strip. `None` if the item is not in the diagram.
pub fn anchor(diagram: &Diagram, item: Selectable) -> Option<Vec2> {
    match item {
        Selectable::Component(id) => Some(layout::card_bounds(diagram.component(id)?).center()),
        Selectable::Wire(id) => {
            let w = diagram.wire(id)?;
            let from = layout::out_ref_position(diagram, w.from)?;
            let to = layout::in_ref_position(diagram, w.to)?;
            Some((from + to).scale(0.5))
        }
        Selectable::Group(id) => {
            let title: Rect = layout::group_title_bounds(diagram.group(id)?);
            Some(Vec2::new(title.min.x + 24.0, title.max.y))
        }
    }
}

/// Where the top-left corner of a menu of `size` goes for a pointer at `anchor`, in a viewport
/// of `viewport` (all CSS pixels). Like a native menu it opens to the right of and below the
/// pointer, flips to the left or upwards where there is no room, and if it fits neither way it
/// is pinned inside the viewport, [`MENU_MARGIN_PX`] from its edges (to the top-left edge when
/// it is larger than the viewport, so its first entries stay reachable).
pub fn place(anchor: Vec2, size: Vec2, viewport: Vec2) -> Vec2 {
    fn axis(at: f64, len: f64, view: f64) -> f64 {
        let low = MENU_MARGIN_PX;
        let high = view - MENU_MARGIN_PX;
        let at = if at.is_finite() {
            at.within(low, high.max(low))
        } else {
            low
        };
        if at + len <= high {
            at
        } else if at - len >= low {
            at - len
        } else {
            (high - len).max(low)
        }
    }
    Vec2::new(
        axis(anchor.x, size.x, viewport.x),
        axis(anchor.y, size.y, viewport.y),
    )
}

/// A key's move over the menu's entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuMove {
    /// Arrow down: the next enabled entry, wrapping round to the first.
    Next,
    /// Arrow up: the previous enabled entry, wrapping round to the last.
    Previous,
    /// Home.
    First,
    /// End.
    Last,
}

/// The entry focus moves to from `from` (None: nothing focused yet), over entries whose
/// enabled flags are `enabled`. Disabled entries are skipped; `None` when none is enabled.
pub fn step(enabled: &[bool], from: Option<usize>, movement: MenuMove) -> Option<usize> {
    let n = enabled.len();
    let first = || enabled.iter().position(|e| *e);
    let last = || enabled.iter().rposition(|e| *e);
    match (movement, from.filter(|i| *i < n)) {
        (MenuMove::First, _) | (MenuMove::Next, None) => first(),
        (MenuMove::Last, _) | (MenuMove::Previous, None) => last(),
        (MenuMove::Next, Some(i)) => (1..=n).map(|k| (i + k) % n).find(|j| enabled[*j]),
        (MenuMove::Previous, Some(i)) => (1..=n).map(|k| (i + n - k) % n).find(|j| enabled[*j]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        ComponentKind, Group, InPort, InPortRef, OutPort, OutPortRef, Point, Region,
    };

    fn v(x: f64, y: f64) -> Vec2 {
        Vec2::new(x, y)
    }

    #[test]
    fn a_menu_that_fits_opens_right_of_and_below_the_pointer() {
        assert_eq!(
            place(v(100.0, 50.0), v(200.0, 300.0), v(1000.0, 800.0)),
            v(100.0, 50.0)
        );
    }

    #[test]
    fn near_the_right_or_bottom_edge_the_menu_flips_to_the_other_side_of_the_pointer() {
        assert_eq!(
            place(v(900.0, 700.0), v(200.0, 300.0), v(1000.0, 800.0)),
            v(700.0, 400.0)
        );
    }

    #[test]
    fn a_menu_that_fits_neither_side_is_pinned_inside_the_viewport() {
        // 300 tall in 400: below the pointer at 150 it would end at 450, above it start at -150.
        assert_eq!(
            place(v(10.0, 150.0), v(100.0, 300.0), v(1000.0, 400.0)),
            v(10.0, 400.0 - MENU_MARGIN_PX - 300.0)
        );
        // Larger than the viewport: pinned to the top-left margin.
        assert_eq!(
            place(v(500.0, 300.0), v(2000.0, 900.0), v(1000.0, 400.0)),
            v(MENU_MARGIN_PX, MENU_MARGIN_PX)
        );
    }

    #[test]
    fn an_anchor_off_screen_or_not_a_number_still_gives_a_menu_on_screen() {
        // A keyboard menu for an item scrolled out of view.
        assert_eq!(
            place(v(-500.0, 5000.0), v(200.0, 100.0), v(1000.0, 800.0)),
            v(MENU_MARGIN_PX, 800.0 - MENU_MARGIN_PX - 100.0)
        );
        assert_eq!(
            place(
                v(f64::NAN, f64::INFINITY),
                v(200.0, 100.0),
                v(1000.0, 800.0)
            ),
            v(MENU_MARGIN_PX, MENU_MARGIN_PX)
        );
    }

    #[test]
    fn arrows_skip_disabled_entries_and_wrap() {
        let enabled = [false, true, false, true, true, false];
        assert_eq!(step(&enabled, None, MenuMove::Next), Some(1));
        assert_eq!(step(&enabled, Some(1), MenuMove::Next), Some(3));
        assert_eq!(step(&enabled, Some(4), MenuMove::Next), Some(1));
        assert_eq!(step(&enabled, Some(1), MenuMove::Previous), Some(4));
        assert_eq!(step(&enabled, None, MenuMove::Previous), Some(4));
        assert_eq!(step(&enabled, Some(3), MenuMove::First), Some(1));
        assert_eq!(step(&enabled, Some(1), MenuMove::Last), Some(4));
        // From a disabled entry (it was enabled when focused) the arrows still move.
        assert_eq!(step(&enabled, Some(2), MenuMove::Next), Some(3));
        assert_eq!(step(&enabled, Some(2), MenuMove::Previous), Some(1));
    }

    #[test]
    fn a_lone_enabled_entry_keeps_focus_and_no_enabled_entry_gives_none() {
        assert_eq!(step(&[false, true], Some(1), MenuMove::Next), Some(1));
        assert_eq!(step(&[false, false], None, MenuMove::Next), None);
        assert_eq!(step(&[false, false], Some(0), MenuMove::Previous), None);
        assert_eq!(step(&[], None, MenuMove::First), None);
        // A stale index past the end counts as nothing focused.
        assert_eq!(step(&[true, true], Some(7), MenuMove::Next), Some(0));
    }

    fn diagram() -> (Diagram, [Selectable; 5]) {
        let mut d = Diagram::new();
        let cache = d
            .add_component(ComponentKind::Cache, "Cache", Point::new(0.0, 0.0))
            .unwrap();
        let db = d
            .add_component(ComponentKind::Database, "Database", Point::new(400.0, 0.0))
            .unwrap();
        let web = d
            .add_component(
                ComponentKind::WebServers,
                "WebServers",
                Point::new(0.0, 300.0),
            )
            .unwrap();
        let wire = d
            .connect(
                OutPortRef {
                    component: web,
                    port: OutPort::Data,
                },
                InPortRef {
                    component: db,
                    port: InPort::Data,
                },
            )
            .unwrap();
        let dc = d.fresh_group_id().unwrap();
        d.insert_group(Group {
            id: dc,
            name: "DC1".into(),
            region: Region::NorthAmerica,
            bounds: crate::model::Rect::new(-100.0, -100.0, 800.0, 700.0),
        })
        .unwrap();
        (
            d,
            [
                Selectable::Component(cache),
                Selectable::Component(db),
                Selectable::Wire(wire),
                Selectable::Group(dc),
                Selectable::Component(web),
            ],
        )
    }

    #[test]
    fn each_item_lists_the_faults_the_model_says_apply_then_its_editing_actions() {
        use FaultAction::*;
        use MenuEntry::{Edit, Fault};
        let (d, [cache, db, wire, dc, _]) = diagram();
        let edits = [
            Edit(Action::Duplicate),
            Edit(Action::Copy),
            Edit(Action::Cut),
            Edit(Action::Delete),
        ];
        let mut expected = vec![
            Fault(Fail),
            Fault(Restore),
            Fault(Slow { factor: 5.0 }),
            Fault(FlushCache),
        ];
        expected.extend(edits);
        assert_eq!(entries(&d, Some(cache)), expected);
        let mut expected = vec![Fault(Fail), Fault(Restore), Fault(Slow { factor: 5.0 })];
        expected.extend(edits);
        assert_eq!(entries(&d, Some(db)), expected);
        assert_eq!(
            entries(&d, Some(wire)),
            [Fault(Restore), Fault(CutLink), Edit(Action::Delete)]
        );
        assert_eq!(
            entries(&d, Some(dc)),
            [Fault(Fail), Fault(Restore), Edit(Action::Delete)]
        );
    }

    /// A slow-down is offered only where the simulation has a time to stretch (a resolver
    /// answers in no time, a metrics sink has no service time), and no fault on users (a population only sends): offering them
    /// would claim an effect the run cannot show.
    #[test]
    fn slow_is_offered_where_there_is_a_time_to_stretch_and_nothing_on_users() {
        let slow = MenuEntry::Fault(FaultAction::Slow { factor: 5.0 });
        let mut d = Diagram::new();
        for (i, kind) in ComponentKind::ALL.into_iter().enumerate() {
            let id = d
                .add_component(kind, format!("{kind:?}"), Point::new(300.0 * i as f64, 0.0))
                .unwrap();
            let menu = entries(&d, Some(Selectable::Component(id)));
            let expected = !matches!(
                kind,
                ComponentKind::Users | ComponentKind::Dns | ComponentKind::MetricsSink
            );
            assert_eq!(menu.contains(&slow), expected, "{kind:?}");
            let faults = menu
                .iter()
                .filter(|e| matches!(e, MenuEntry::Fault(_)))
                .count();
            assert_eq!(
                faults == 0,
                kind == ComponentKind::Users,
                "{kind:?}: {menu:?}"
            );
        }
    }

    #[test]
    fn an_item_no_longer_in_the_diagram_has_no_menu_and_no_anchor() {
        let (d, items) = diagram();
        let mut emptied = Diagram::new();
        emptied.scenario = d.scenario.clone();
        for item in items {
            assert!(entries(&emptied, Some(item)).is_empty(), "{item:?}");
            assert_eq!(anchor(&emptied, item), None);
            assert!(anchor(&d, item).is_some_and(|a| a.is_finite()));
        }
    }

    #[test]
    fn the_keyboard_menu_is_about_a_component_first_then_a_datacenter_then_a_wire() {
        let (_, [cache, db, wire, dc, _]) = diagram();
        let mut s = Selection::only(wire);
        assert_eq!(primary_item(&s), Some(wire));
        s.insert(dc);
        assert_eq!(primary_item(&s), Some(dc));
        s.insert(db);
        s.insert(cache);
        assert_eq!(primary_item(&s), Some(cache));
        assert_eq!(primary_item(&Selection::default()), None);
    }
}
