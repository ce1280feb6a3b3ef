//! Pointer gestures through the tool state machine: a click is not a drag, drags move and
//! snap as one undo entry, Escape, `Blur` and `Cancel` roll a drag back, a second pointer or
//! finger cannot hijack one, datacenters move and resize, the canvas pans, zooms and box
//! selects, and the hover follows the pointer while idle.

use scalelab::editor::layout::HitTarget;
use scalelab::editor::{
    InputEvent, Key, Modifiers, Notice, PointerButton, PointerId, PointerKind, Rect, Selectable,
    Selection, ToolKind, Vec2,
};
use scalelab::model::{OutPort, OutPortRef, Point};

use super::{CMD, CMD_SHIFT, Driver, content, out_port, shop, v};

// ----- pointing, dragging -----

#[test]
fn click_selects_without_moving() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let lb = d.screen_of(d.world_pos(s.lb));
    d.down(lb);
    // A wobble within the threshold is still a click.
    d.move_to(lb + v(2.0, 1.0));
    d.up(lb + v(2.0, 1.0));
    assert_eq!(d.path, [ToolKind::Idle, ToolKind::Pointing, ToolKind::Idle]);
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Component(s.lb))
    );
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert!(!d.editor.history().can_undo());
}

#[test]
fn clicking_empty_canvas_clears_and_shift_click_toggles() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let lb = d.screen_of(d.world_pos(s.lb));
    let users = d.screen_of(d.world_pos(s.users));
    d.down(lb);
    d.up(lb);
    d.modifiers = Modifiers::SHIFT;
    d.down(users);
    d.up(users);
    assert_eq!(d.editor.selection().components.len(), 2);
    d.down(users);
    d.up(users);
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Component(s.lb))
    );
    d.modifiers = Modifiers::NONE;
    d.down(v(300.0, 700.0));
    d.up(v(300.0, 700.0));
    assert!(d.editor.selection().is_empty());
}

#[test]
fn drag_beyond_threshold_moves_snaps_and_is_one_undo_step() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let start = d.screen_of(d.world_pos(s.users));
    d.drag(start, start + v(93.0, 47.0), 12);
    assert_eq!(
        d.path,
        [
            ToolKind::Idle,
            ToolKind::Pointing,
            ToolKind::DraggingComponents,
            ToolKind::Idle
        ]
    );
    // Snapped to the 20-unit grid: 100+93 -> 200 (193 rounds to 200), 100+47 -> 140.
    assert_eq!(d.pos(s.users), Point::new(200.0, 140.0));
    assert_eq!(d.editor.history().undo_len(), 1);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &s.diagram);
    d.key(Key::Character('z'), CMD_SHIFT);
    assert_eq!(d.pos(s.users), Point::new(200.0, 140.0));
}

#[test]
fn dragging_a_selected_card_moves_the_whole_selection_and_alt_disables_snap() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor.set_selection(Selection {
        components: [s.users, s.lb].into(),
        ..Selection::default()
    });
    let start = d.screen_of(d.world_pos(s.lb));
    d.modifiers = Modifiers {
        alt: true,
        ..Modifiers::NONE
    };
    d.drag(start, start + v(13.0, 7.0), 3);
    assert_eq!(d.pos(s.lb), Point::new(413.0, 107.0));
    assert_eq!(d.pos(s.users), Point::new(113.0, 107.0));
    assert_eq!(d.pos(s.web), s.diagram.component(s.web).unwrap().pos);
    assert_eq!(d.editor.history().undo_len(), 1);
}

#[test]
fn escape_mid_drag_restores_positions_and_keeps_redo() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    // Make a redo entry first: nudge and undo.
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.cache)));
    d.key(Key::ArrowRight, Modifiers::NONE);
    d.key(Key::Character('z'), CMD);
    assert!(d.editor.history().can_redo());

    let start = d.screen_of(d.world_pos(s.lb));
    d.down(start);
    d.move_to(start + v(60.0, 0.0));
    d.move_to(start + v(120.0, 40.0));
    assert_eq!(d.editor.tool().kind(), ToolKind::DraggingComponents);
    assert_ne!(d.pos(s.lb), s.diagram.component(s.lb).unwrap().pos);
    d.key(Key::Escape, Modifiers::NONE);
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
    assert!(!d.editor.history().can_undo());
    assert!(
        d.editor.history().can_redo(),
        "an abandoned drag must not clear redo"
    );
    // The release after Escape does nothing.
    d.up(start + v(120.0, 40.0));
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
}

#[test]
fn blur_and_pointer_cancel_roll_back_like_escape() {
    let s = shop();
    for ending in [InputEvent::Blur, InputEvent::Cancel] {
        let mut d = Driver::new(s.diagram.clone());
        let start = d.screen_of(d.world_pos(s.db));
        d.down(start);
        d.move_to(start + v(0.0, 300.0));
        d.send(ending.clone());
        assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
        assert_eq!(d.editor.diagram(), &s.diagram, "{ending:?}");
    }
}

#[test]
fn a_second_pointer_cannot_hijack_a_drag() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let start = d.screen_of(d.world_pos(s.cache));
    d.down(start);
    d.move_to(start + v(40.0, 0.0));
    d.pointer = PointerId(2);
    d.down(v(5.0, 5.0));
    d.move_to(v(500.0, 500.0));
    d.up(v(500.0, 500.0));
    assert_eq!(d.editor.tool().kind(), ToolKind::DraggingComponents);
    d.pointer = PointerId(1);
    d.up(start + v(40.0, 0.0));
    assert_eq!(d.pos(s.cache), Point::new(1040.0, 600.0));
}

#[test]
fn a_second_finger_rolls_back_a_touch_drag_and_pinches_around_the_midpoint() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.kind = PointerKind::Touch;
    let start = d.world_pos(s.cache);
    let grab = d.screen_of(start);
    d.down(grab);
    d.move_to(grab + v(40.0, 0.0));
    d.move_to(grab + v(80.0, 20.0));
    assert_eq!(d.editor.tool().kind(), ToolKind::DraggingComponents);
    assert_ne!(d.world_pos(s.cache), start);
    // The second finger lands: the drag is undone whole and the two fingers pinch.
    d.pointer = PointerId(2);
    let second = grab + v(80.0, 120.0);
    d.down(second);
    assert_eq!(d.editor.tool().kind(), ToolKind::Pinching);
    assert_eq!(
        d.world_pos(s.cache),
        start,
        "the half-done drag is rolled back"
    );
    assert!(!d.editor.history().can_undo());
    // Spread to twice the distance: the zoom doubles around the old midpoint, and the world
    // point under the midpoint follows it.
    let first = grab + v(80.0, 20.0);
    let midpoint = (first + second).scale(0.5);
    let under = d.editor.world_at(midpoint);
    let zoom = d.editor.camera().zoom;
    let spread = second + (second - first);
    d.move_to(spread);
    assert!((d.editor.camera().zoom - 2.0 * zoom).abs() < 1e-9);
    let new_midpoint = (first + spread).scale(0.5);
    assert!(d.screen_of(under).distance(new_midpoint) < 1e-6);
    // Both fingers move together: a pan, no zoom.
    let offset = d.editor.camera().offset;
    d.pointer = PointerId(1);
    d.move_to(first + v(0.0, 50.0));
    d.pointer = PointerId(2);
    d.move_to(spread + v(0.0, 50.0));
    assert!((d.editor.camera().zoom - 2.0 * zoom).abs() < 1e-9);
    assert!((d.editor.camera().offset - offset).distance(v(0.0, 50.0)) < 1e-9);
    // Lifting a finger ends the pinch; the document never changed.
    d.up(spread + v(0.0, 50.0));
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    d.pointer = PointerId(1);
    d.up(first + v(0.0, 50.0));
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert!(!d.editor.history().can_undo());
    assert_eq!(
        d.path,
        [
            ToolKind::Idle,
            ToolKind::Pointing,
            ToolKind::DraggingComponents,
            ToolKind::Pinching,
            ToolKind::Idle
        ]
    );
    // Afterwards a mouse drag moves the card as before, as one undo entry.
    d.kind = PointerKind::Mouse;
    d.drag(grab, grab + v(40.0, 0.0), 2);
    assert_eq!(d.editor.history().undo_len(), 1);
}

#[test]
fn dropping_into_and_out_of_a_datacenter_regroups_in_the_same_undo_step() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    // The cache goes into the datacenter (frame 560..860 x 0..500).
    let cache = d.screen_of(d.world_pos(s.cache));
    d.down(cache);
    d.move_to(cache + v(-100.0, -100.0));
    d.move_to(v(700.0, 260.0));
    assert_eq!(d.editor.drop_group(), Some(s.dc));
    d.up(v(700.0, 260.0));
    assert_eq!(
        d.editor.diagram().component(s.cache).unwrap().group,
        Some(s.dc)
    );
    assert_eq!(d.editor.history().undo_len(), 1);
    // The database leaves it.
    let db = d.screen_of(d.world_pos(s.db));
    d.drag(db, v(300.0, 700.0), 4);
    assert_eq!(d.editor.diagram().component(s.db).unwrap().group, None);
    d.key(Key::Character('z'), CMD);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn dragging_a_datacenter_title_moves_its_members_and_resizing_stops_at_the_cards_it_holds() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let title = v(600.0, 10.0);
    d.drag(title, title + v(100.0, 0.0), 5);
    assert!(d.path.contains(&ToolKind::DraggingGroup));
    let g = d.editor.diagram().group(s.dc).unwrap().bounds;
    assert_eq!((g.x, g.y), (660.0, 0.0));
    assert_eq!(d.pos(s.web), Point::new(800.0, 100.0));
    assert_eq!(d.pos(s.db), Point::new(800.0, 400.0));
    assert_eq!(d.pos(s.lb), Point::new(400.0, 100.0), "non-members stay");
    // Resize from the bottom-right handle, far past the minimum size: the frame stops where
    // its cards (web at 800,100 and the database at 800,400, 160 x 88 each) end, with 12 to
    // spare, and both stay in it.
    let handle = v(660.0 + 300.0 - 4.0, 500.0 - 4.0);
    d.drag(handle, v(0.0, 0.0), 5);
    assert!(d.path.contains(&ToolKind::ResizingGroup));
    let g = d.editor.diagram().group(s.dc).unwrap().bounds;
    assert_eq!((g.x, g.y, g.width, g.height), (660.0, 0.0, 232.0, 456.0));
    let group_of = |d: &Driver, id| d.editor.diagram().component(id).unwrap().group;
    assert_eq!(group_of(&d, s.web), Some(s.dc));
    assert_eq!(group_of(&d, s.db), Some(s.dc));
    assert_eq!(d.editor.history().undo_len(), 2);
    d.key(Key::Character('z'), CMD);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &s.diagram);
}

// ----- panning, zooming, box select -----

#[test]
fn empty_canvas_drag_pans_space_drag_and_middle_button_pan_anywhere() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.drag(v(300.0, 700.0), v(350.0, 720.0), 3);
    assert_eq!(
        d.path,
        [
            ToolKind::Idle,
            ToolKind::Pointing,
            ToolKind::Panning,
            ToolKind::Idle
        ]
    );
    assert_eq!(d.editor.camera().offset, v(50.0, 20.0));

    // Space held: even a drag starting on a card pans.
    d.key(Key::Space, Modifiers::NONE);
    let lb = d.screen_of(d.world_pos(s.lb));
    d.drag(lb, lb + v(-50.0, -20.0), 2);
    d.send(InputEvent::KeyUp { key: Key::Space });
    assert_eq!(d.editor.camera().offset, v(0.0, 0.0));
    // Middle button too.
    d.button = PointerButton::Middle;
    d.drag(lb, lb + v(10.0, 10.0), 2);
    assert_eq!(d.editor.camera().offset, v(10.0, 10.0));
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert!(!d.editor.history().can_undo());
}

#[test]
fn wheel_zoom_keeps_the_world_point_under_the_cursor() {
    let s = shop();
    let mut d = Driver::new(s.diagram);
    let cursor = v(321.0, 123.0);
    let before = d.editor.world_at(cursor);
    d.send(InputEvent::Wheel {
        delta: v(0.0, -300.0),
        at: cursor,
        modifiers: Modifiers::NONE,
    });
    assert!(d.editor.camera().zoom > 1.0);
    let after = d.editor.world_at(cursor);
    assert!(before.distance(after) < 1e-9, "{before:?} vs {after:?}");
}

fn wheel(d: &mut Driver, delta: Vec2, modifiers: Modifiers) {
    d.send(InputEvent::Wheel {
        delta,
        at: v(321.0, 123.0),
        modifiers,
    });
}

#[test]
fn a_wheel_that_zooms_still_pans_sideways_and_with_shift() {
    let mut d = Driver::new(shop().diagram);
    assert!(
        d.editor.settings().wheel_zooms,
        "a mouse's wheel zooms by default"
    );
    // A sideways swipe (a tilted wheel, a trackpad) pans rather than zooming by nothing.
    wheel(&mut d, v(-30.0, 4.0), Modifiers::NONE);
    assert_eq!(d.editor.camera().zoom, 1.0);
    assert_eq!(d.editor.camera().offset, v(30.0, -4.0));
    // Shift turns an upright wheel sideways.
    wheel(&mut d, v(0.0, 50.0), Modifiers::SHIFT);
    assert_eq!(d.editor.camera().zoom, 1.0);
    assert_eq!(d.editor.camera().offset, v(-20.0, -4.0));
    // Nothing of this is an edit.
    assert!(!d.editor.history().can_undo());
}

#[test]
fn a_scroll_moving_both_ways_at_once_says_once_that_the_wheel_can_pan() {
    let mut d = Driver::new(shop().diagram);
    // A mouse's wheel moves one way at a time: nothing to say.
    wheel(&mut d, v(0.0, 100.0), Modifiers::NONE);
    wheel(&mut d, v(-60.0, 0.0), Modifiers::NONE);
    assert_eq!(d.editor.notice_value(), None);
    // A pinch (Ctrl) neither.
    wheel(&mut d, v(1.5, -3.0), Modifiers::CTRL);
    assert_eq!(d.editor.notice_value(), None);
    // Two fingers on a trackpad: the help's choice is pointed to, once.
    wheel(&mut d, v(2.0, -7.0), Modifiers::NONE);
    assert_eq!(d.editor.notice_value(), Some(&Notice::WheelCanPan));
    assert!(d.editor.notice().is_some_and(|t| t.contains("(?)")));
    d.down(v(5.0, 5.0));
    d.up(v(5.0, 5.0));
    assert_eq!(d.editor.notice_value(), None);
    wheel(&mut d, v(2.0, -7.0), Modifiers::NONE);
    assert_eq!(d.editor.notice_value(), None);
    // Making the choice takes the notice away at once.
    let mut shown = Driver::new(shop().diagram);
    wheel(&mut shown, v(2.0, -7.0), Modifiers::NONE);
    assert_eq!(shown.editor.notice_value(), Some(&Notice::WheelCanPan));
    let mut settings = shown.editor.settings().clone();
    settings.wheel_hint = false;
    shown.editor.set_settings(settings);
    assert_eq!(shown.editor.notice_value(), None);
    // Once a choice is made (either way) it is not offered at all.
    let mut chosen = Driver::new(shop().diagram);
    let mut settings = chosen.editor.settings().clone();
    settings.wheel_hint = false;
    chosen.editor.set_settings(settings);
    wheel(&mut chosen, v(2.0, -7.0), Modifiers::NONE);
    assert_eq!(chosen.editor.notice_value(), None);
}

#[test]
fn a_wheel_set_to_pan_scrolls_the_canvas_and_ctrl_or_a_pinch_zooms() {
    let mut d = Driver::new(shop().diagram);
    let mut settings = d.editor.settings().clone();
    settings.wheel_zooms = false;
    d.editor.set_settings(settings);
    // Two fingers down and to the right move the view the way the page would scroll.
    wheel(&mut d, v(12.0, 40.0), Modifiers::NONE);
    assert_eq!(d.editor.camera().zoom, 1.0);
    assert_eq!(d.editor.camera().offset, v(-12.0, -40.0));
    wheel(&mut d, v(0.0, 10.0), Modifiers::SHIFT);
    assert_eq!(d.editor.camera().offset, v(-22.0, -40.0));
    // A pinch reaches the page as a wheel with Ctrl: it zooms about the cursor.
    let before = d.editor.world_at(v(321.0, 123.0));
    wheel(&mut d, v(0.0, -8.0), Modifiers::CTRL);
    assert!(d.editor.camera().zoom > 1.0);
    assert!(before.distance(d.editor.world_at(v(321.0, 123.0))) < 1e-9);
}

#[test]
fn box_select_picks_touched_cards_and_wires_between_them() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.modifiers = Modifiers::CTRL;
    // From empty canvas above-left of users to a point inside the load balancer's card.
    d.down(v(0.0, 20.0));
    d.move_to(v(200.0, 60.0));
    d.move_to(v(400.0, 120.0));
    assert_eq!(d.editor.tool().kind(), ToolKind::BoxSelecting);
    assert_eq!(
        d.editor.box_select_rect(),
        Some(Rect::from_corners(v(0.0, 20.0), v(400.0, 120.0)))
    );
    d.up(v(400.0, 120.0));
    let sel = d.editor.selection();
    assert_eq!(sel.components, [s.users, s.lb].into());
    assert_eq!(
        sel.wires.len(),
        1,
        "the users->lb wire has both ends inside"
    );
    assert!(d.editor.box_select_rect().is_none());
    // Shift adds to the selection.
    d.modifiers = Modifiers::SHIFT;
    d.drag(v(950.0, 700.0), v(1010.0, 610.0), 3);
    assert_eq!(
        d.editor.selection().components,
        [s.users, s.lb, s.cache].into()
    );
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn turning_snap_off_moves_by_the_exact_pointer_delta() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let mut settings = d.editor.settings().clone();
    settings.snap = false;
    d.editor.set_settings(settings);
    let start = d.screen_of(d.world_pos(s.cache));
    d.drag(start, start + v(13.0, -7.0), 2);
    assert_eq!(d.pos(s.cache), Point::new(1013.0, 593.0));
}

// ----- hover and hit testing -----

#[test]
fn hover_follows_the_pointer_while_idle() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let lb = d.screen_of(d.world_pos(s.lb));
    d.move_to(lb);
    assert_eq!(d.editor.hover(), HitTarget::Component(s.lb));
    let port = out_port(&d, s.users, OutPort::Static);
    d.move_to(port);
    assert_eq!(
        d.editor.hover(),
        HitTarget::OutPort(OutPortRef {
            component: s.users,
            port: OutPort::Static
        })
    );
    d.move_to(v(300.0, 700.0));
    assert_eq!(d.editor.hover(), HitTarget::Canvas);
}

#[test]
fn a_datacenter_holding_no_card_resizes_down_to_its_minimum_and_holds_what_it_still_covers() {
    let s = shop();
    let mut diagram = s.diagram.clone();
    for id in [s.web, s.db] {
        diagram.set_group(id, None).unwrap();
    }
    let mut d = Driver::new(diagram.clone());
    // Frame 560..860 x 0..500, handle at its bottom-right corner.
    let handle = v(860.0 - 4.0, 500.0 - 4.0);
    d.drag(handle, v(0.0, 0.0), 5);
    let g = d.editor.diagram().group(s.dc).unwrap().bounds;
    assert_eq!((g.width, g.height), (200.0, 140.0));
    let group_of = |d: &Driver, id| d.editor.diagram().component(id).unwrap().group;
    // What it shows inside is what it holds: the web tier's centre (700, 100) is inside, the
    // database's (700, 400) is not.
    assert_eq!(group_of(&d, s.web), Some(s.dc));
    assert_eq!(group_of(&d, s.db), None);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &diagram);
}
