//! The canvas context menu: a right-click or a long-press selects what is under it and asks for
//! the menu there, keeps a selection it belongs to, is ignored mid-drag; Shift+F10 and the menu
//! key open it for the selection.

use scalelab::editor::layout;
use scalelab::editor::{
    Action, Effect, InputEvent, Key, Modifiers, PointerKind, Selectable, Selection, ToolKind, Vec2,
};

use super::{Driver, shop, v};

// ----- the context menu -----

fn context_click(d: &mut Driver, screen: Vec2) -> scalelab::editor::Response {
    let world = d.editor.world_at(screen);
    d.send(InputEvent::ContextMenu { screen, world })
}

fn menu_for(item: Selectable, at: Vec2) -> Option<Effect> {
    Some(Effect::OpenContextMenu {
        item: Some(item),
        at,
    })
}

#[test]
fn a_right_click_selects_what_is_under_it_and_asks_for_the_menu_there() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let db = d.screen_of(d.world_pos(s.db));
    let response = context_click(&mut d, db);
    assert_eq!(response.effect, menu_for(Selectable::Component(s.db), db));
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Component(s.db))
    );
    // A wire, at its middle.
    let wire = *d
        .editor
        .diagram()
        .wires
        .iter()
        .find(|w| w.from.component == s.lb)
        .unwrap();
    let doc = d.editor.diagram();
    let middle = (layout::out_ref_position(doc, wire.from).unwrap()
        + layout::in_ref_position(doc, wire.to).unwrap())
    .scale(0.5);
    let middle = d.screen_of(middle);
    let response = context_click(&mut d, middle);
    assert_eq!(response.effect, menu_for(Selectable::Wire(wire.id), middle));
    // Inside a datacenter's frame, away from its cards and wires: the datacenter, though a
    // left press there would start a box selection.
    let body = d.screen_of(v(575.0, 250.0));
    let response = context_click(&mut d, body);
    assert_eq!(response.effect, menu_for(Selectable::Group(s.dc), body));
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Group(s.dc))
    );
    // Empty canvas: the selection is cleared and the canvas's own menu opens there: paste,
    // select all and fit, which need no item.
    let empty = d.screen_of(v(300.0, 700.0));
    let response = context_click(&mut d, empty);
    assert!(response.handled);
    assert_eq!(
        response.effect,
        Some(Effect::OpenContextMenu {
            item: None,
            at: empty
        })
    );
    assert!(d.editor.selection().is_empty());
    assert_eq!(
        scalelab::editor::context_menu::entries(d.editor.diagram(), None),
        [Action::Paste, Action::SelectAll, Action::FitToView]
            .map(scalelab::editor::context_menu::MenuEntry::Edit)
    );
    // No gesture began and the document is untouched.
    assert_eq!(d.path, [ToolKind::Idle]);
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert!(!d.editor.history().can_undo());
}

#[test]
fn a_right_click_inside_the_selection_keeps_the_selection() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let mut both = Selection::only(Selectable::Component(s.lb));
    both.insert(Selectable::Component(s.users));
    d.editor.set_selection(both.clone());
    let lb = d.screen_of(d.world_pos(s.lb));
    let response = context_click(&mut d, lb);
    assert_eq!(response.effect, menu_for(Selectable::Component(s.lb), lb));
    assert_eq!(*d.editor.selection(), both);
    // Outside it: only the item under the pointer.
    let cache = d.screen_of(d.world_pos(s.cache));
    context_click(&mut d, cache);
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Component(s.cache))
    );
}

#[test]
fn a_right_click_mid_drag_is_ignored_and_a_touch_long_press_opens_the_menu() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let users = d.screen_of(d.world_pos(s.users));
    d.down(users);
    d.move_to(users + v(40.0, 0.0));
    let response = context_click(&mut d, users + v(40.0, 0.0));
    assert_eq!(response, scalelab::editor::Response::default());
    assert_eq!(d.editor.tool().kind(), ToolKind::DraggingComponents);
    d.up(users + v(40.0, 0.0));
    assert!(d.editor.history().can_undo(), "the drag went on to its end");

    // A long press on a card: the press had not become a drag; it ends, and the menu opens.
    let mut d = Driver::new(s.diagram.clone());
    d.kind = PointerKind::Touch;
    let lb = d.screen_of(d.world_pos(s.lb));
    d.down(lb);
    let response = context_click(&mut d, lb);
    assert_eq!(response.effect, menu_for(Selectable::Component(s.lb), lb));
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    d.up(lb);
    assert_eq!(d.path, [ToolKind::Idle, ToolKind::Pointing, ToolKind::Idle]);
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Component(s.lb))
    );
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn shift_f10_or_the_menu_key_opens_the_menu_for_the_selection_at_the_item() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    assert!(!d.editor.is_enabled(Action::OpenContextMenu));
    let response = d.key(Key::F10, Modifiers::SHIFT);
    assert_eq!(response.effect, None, "nothing selected, no menu");
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.db)));
    let centre = d.screen_of(d.world_pos(s.db));
    let response = d.key(Key::F10, Modifiers::SHIFT);
    assert_eq!(
        response.effect,
        menu_for(Selectable::Component(s.db), centre)
    );
    let response = d.key(Key::ContextMenu, Modifiers::NONE);
    assert_eq!(
        response.effect,
        menu_for(Selectable::Component(s.db), centre)
    );
    // A datacenter and a wire selected too: the menu is about the component.
    let mut many = Selection::only(Selectable::Group(s.dc));
    many.insert(Selectable::Component(s.db));
    d.editor.set_selection(many);
    let response = d.key(Key::ContextMenu, Modifiers::NONE);
    assert_eq!(
        response.effect,
        menu_for(Selectable::Component(s.db), centre)
    );
    // Not while wiring from the keyboard: there the keys aim the wire.
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.web)));
    d.key(Key::Character('w'), Modifiers::NONE);
    assert_eq!(d.editor.tool().kind(), ToolKind::KeyboardConnecting);
    let response = d.key(Key::F10, Modifiers::SHIFT);
    assert_eq!(response.effect, None);
    assert_eq!(d.editor.diagram(), &s.diagram);
}
