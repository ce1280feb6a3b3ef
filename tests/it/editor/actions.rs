//! The registry's actions run from their shortcuts: delete with the wires it takes along,
//! select all, nudges, the Ctrl/Cmd shortcuts, fit to view.

use scalelab::editor::actions::Direction;
use scalelab::editor::layout;
use scalelab::editor::{Action, Camera, InputEvent, Key, Modifiers, Rect, Selectable, Selection};
use scalelab::model::Point;

use super::{CMD, Driver, shop, v};

// ----- keyboard actions -----

#[test]
fn delete_removes_selection_with_wires_and_undo_restores_exactly() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.web)));
    d.key(Key::Delete, Modifiers::NONE);
    let doc = d.editor.diagram();
    assert!(doc.component(s.web).is_none());
    assert_eq!(
        doc.wires.len(),
        1,
        "both of the web servers' wires went with them"
    );
    assert_eq!(
        doc.scenario.faults.len(),
        2,
        "the fault on the removed wire went too"
    );
    assert!(d.editor.selection().is_empty());
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &s.diagram);
    // Backspace deletes too, and a selected datacenter goes with the members left in place.
    d.editor
        .set_selection(Selection::only(Selectable::Group(s.dc)));
    d.key(Key::Backspace, Modifiers::NONE);
    assert!(d.editor.diagram().groups.is_empty());
    assert_eq!(d.editor.diagram().component(s.web).unwrap().group, None);
    d.key(Key::Character('y'), CMD); // nothing to redo: ignored, not an error
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn select_all_nudge_and_cmd_shortcuts() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let cmd_a = Modifiers {
        meta: true,
        ..Modifiers::NONE
    };
    d.key(Key::Character('a'), cmd_a);
    assert_eq!(d.editor.selection().components.len(), 5);
    assert_eq!(d.editor.selection().wires.len(), 3);
    assert_eq!(d.editor.selection().groups.len(), 1);
    d.key(Key::ArrowDown, Modifiers::NONE);
    d.key(Key::ArrowLeft, Modifiers::SHIFT);
    assert_eq!(d.pos(s.users), Point::new(0.0, 120.0));
    // The selected frame moved as much, and the cards in it moved once, with it.
    assert_eq!(d.pos(s.web), Point::new(600.0, 120.0));
    let frame = d.editor.diagram().group(s.dc).unwrap().bounds;
    assert_eq!((frame.x, frame.y), (460.0, 20.0));
    assert_eq!(
        d.editor.diagram().component(s.web).unwrap().group,
        Some(s.dc)
    );
    assert_eq!(d.editor.history().undo_len(), 2);
    d.key(Key::Escape, Modifiers::NONE);
    assert!(d.editor.selection().is_empty());
    assert!(!d.editor.is_enabled(Action::Nudge(Direction::Up)));
    d.key(Key::Character('z'), cmd_a);
    d.key(Key::Character('z'), cmd_a);
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn a_selected_frame_alone_is_nudged_with_the_cards_it_holds_and_picks_up_what_it_covers() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor
        .set_selection(Selection::only(Selectable::Group(s.dc)));
    assert!(d.editor.is_enabled(Action::Nudge(Direction::Right)));
    d.key(Key::ArrowRight, Modifiers::NONE);
    let frame = d.editor.diagram().group(s.dc).unwrap().bounds;
    assert_eq!((frame.x, frame.y), (580.0, 0.0));
    assert_eq!(d.pos(s.web), Point::new(720.0, 100.0));
    assert_eq!(d.pos(s.db), Point::new(720.0, 400.0));
    assert_eq!(
        d.pos(s.lb),
        Point::new(400.0, 100.0),
        "a card outside stays"
    );
    assert_eq!(d.editor.history().undo_len(), 1);
    // Far to the left, over the balancer: the frame now holds it too, in the same undo entry.
    for _ in 0..2 {
        d.key(Key::ArrowLeft, Modifiers::SHIFT);
    }
    let frame = d.editor.diagram().group(s.dc).unwrap().bounds;
    assert!(
        frame.x < 400.0 && 400.0 < frame.x + frame.width,
        "{frame:?}"
    );
    assert_eq!(
        d.editor.diagram().component(s.lb).unwrap().group,
        Some(s.dc)
    );
    for _ in 0..3 {
        d.key(Key::Character('z'), CMD);
    }
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn fit_to_view_frames_the_whole_diagram() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.send(InputEvent::ViewportResized {
        size: v(800.0, 600.0),
    });
    d.editor.run(Action::FitToView);
    // The diagram and the room above it for a run's badges, centred.
    let drawn = layout::diagram_bounds(&s.diagram).unwrap();
    let bounds = Rect::from_corners(drawn.min - v(0.0, layout::BADGE_ROOM), drawn.max);
    let cam: Camera = *d.editor.camera();
    let on_screen = Rect::from_corners(
        cam.world_to_screen(bounds.min),
        cam.world_to_screen(bounds.max),
    );
    let viewport = Rect::from_corners(v(0.0, 0.0), v(800.0, 600.0));
    assert!(viewport.contains_rect(&on_screen), "{on_screen:?}");
    assert!((on_screen.center() - viewport.center()).length() < 1e-6);
}

#[test]
fn deleting_pasting_undoing_and_redoing_are_said_in_the_screen_language() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.lb)));
    d.editor.run(Action::Delete);
    assert_eq!(d.editor.announcement(), Some("Deleted Load balancer."));
    d.editor.run(Action::Undo);
    assert_eq!(d.editor.announcement(), Some("Undone."));
    d.editor.run(Action::Redo);
    assert_eq!(d.editor.announcement(), Some("Redone."));
    d.editor.run(Action::Undo);
    // Two cards duplicated, then a wire deleted, named by its ends.
    d.editor.set_selection(Selection {
        components: [s.users, s.lb].into_iter().collect(),
        ..Selection::default()
    });
    d.editor.run(Action::Duplicate);
    assert_eq!(d.editor.announcement(), Some("Pasted 2 components."));
    let wire = d.editor.diagram().wires[0].id;
    d.editor
        .set_selection(Selection::only(Selectable::Wire(wire)));
    d.editor.run(Action::Delete);
    assert_eq!(
        d.editor.announcement(),
        Some("Deleted Users → Load balancer.")
    );
    // In Korean, with the particle the name calls for (the shop's labels are English: "Database"
    // ends as "베이스" is read, on a vowel).
    d.editor.set_language(scalelab::present::lang::Lang::Ko);
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.db)));
    d.editor.run(Action::Delete);
    assert_eq!(d.editor.announcement(), Some("Database를 삭제했습니다."));
    d.editor.run(Action::Undo);
    assert_eq!(d.editor.announcement(), Some("실행을 취소했습니다."));
}
