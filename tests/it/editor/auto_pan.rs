//! A drag held near the canvas's edge pans the view and carries what it holds along: cards stay
//! under the pointer, the moves stay one undo step, and nothing pans without a drag at an edge.

use scalelab::editor::auto_pan::MAX_FRAME_MS;
use scalelab::editor::{Cover, InputEvent, Key, Modifiers, ToolKind, ToolState};

use super::{Driver, content, shop, v};

/// The canvas the tests set: 1000 x 700 CSS pixels.
fn driver() -> (super::Shop, Driver) {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.send(InputEvent::ViewportResized {
        size: v(1000.0, 700.0),
    });
    (s, d)
}

fn frames(d: &mut Driver, n: u32) -> u32 {
    (0..n)
        .filter(|_| {
            d.send(InputEvent::AnimationFrame { elapsed_ms: 16.0 })
                .handled
        })
        .count() as u32
}

#[test]
fn a_card_held_at_the_right_edge_travels_with_the_view_as_one_undo_step() {
    let (s, mut d) = driver();
    let before = d.editor.diagram().clone();
    let grab = d.screen_of(d.world_pos(s.users));
    let offset = d.world_pos(s.users) - d.editor.world_at(grab);
    d.down(grab);
    let edge = v(998.0, grab.y);
    d.move_to(edge);
    assert_eq!(d.editor.tool().kind(), ToolKind::DraggingComponents);
    assert!(d.editor.auto_pans());
    let camera = *d.editor.camera();
    assert_eq!(frames(&mut d, 30), 30);
    // The view travelled right (the world slid left on screen) ...
    assert!(d.editor.camera().offset.x < camera.offset.x - 100.0);
    assert_eq!(d.editor.camera().offset.y, camera.offset.y);
    // ... and the card stayed under the pointer, to the grid's step.
    let held = d.editor.world_at(edge) + offset;
    assert!((d.world_pos(s.users) - held).length() <= 20.0);
    d.up(edge);
    assert!(!d.editor.auto_pans());
    assert_eq!(frames(&mut d, 1), 0);
    d.key(Key::Character('z'), Modifiers::CTRL);
    assert_eq!(content(d.editor.diagram()), content(&before));
}

#[test]
fn a_press_at_the_edge_and_the_middle_of_a_drag_do_not_pan() {
    let (s, mut d) = driver();
    // A card at the left edge grabbed: no drag yet, no pan.
    let camera = *d.editor.camera();
    let users = d.screen_of(d.world_pos(s.users));
    d.down(v(10.0, users.y));
    assert_eq!(frames(&mut d, 5), 0);
    d.up(v(10.0, users.y));
    // A drag in the middle of the canvas: no pan either.
    d.down(users);
    d.move_to(v(500.0, 350.0));
    assert!(!d.editor.auto_pans());
    assert_eq!(frames(&mut d, 5), 0);
    assert_eq!(*d.editor.camera(), camera);
    // Escape ends the drag where the pointer is held at the edge: nothing pans after it.
    d.move_to(v(500.0, 699.0));
    assert!(d.editor.auto_pans());
    d.key(Key::Escape, Modifiers::NONE);
    assert_eq!(frames(&mut d, 5), 0);
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn a_frame_long_after_the_last_moves_no_further_than_a_short_one() {
    let (s, mut d) = driver();
    let grab = d.screen_of(d.world_pos(s.users));
    d.down(grab);
    d.move_to(v(grab.x, -40.0));
    let start = d.editor.camera().offset;
    d.send(InputEvent::AnimationFrame {
        elapsed_ms: 10_000.0,
    });
    let moved = d.editor.camera().offset - start;
    assert_eq!(moved.x, 0.0);
    let most = scalelab::editor::auto_pan::MAX_SPEED_PX_S * MAX_FRAME_MS / 1000.0;
    assert!((moved.y - most).abs() < 1e-9, "{moved:?}");
}

#[test]
fn a_wire_drawn_toward_the_edge_and_a_selection_box_pan_too() {
    let (s, mut d) = driver();
    let from = super::out_port(&d, s.users, scalelab::model::OutPort::Dynamic);
    d.down(from);
    d.move_to(v(999.0, 690.0));
    assert_eq!(d.editor.tool().kind(), ToolKind::Connecting);
    let start = d.editor.camera().offset;
    assert_eq!(frames(&mut d, 3), 3);
    assert!(d.editor.camera().offset.x < start.x && d.editor.camera().offset.y < start.y);
    d.key(Key::Escape, Modifiers::NONE);
    // A box (Shift and a drag on empty canvas) grows as the view pans: it reaches further
    // than the screen.
    d.modifiers = Modifiers::SHIFT;
    d.down(v(500.0, 650.0));
    d.move_to(v(2.0, 660.0));
    assert_eq!(d.editor.tool().kind(), ToolKind::BoxSelecting);
    let screen_left = d.editor.world_at(v(0.0, 0.0)).x;
    frames(&mut d, 20);
    let ToolState::BoxSelecting { current_world, .. } = d.editor.tool() else {
        panic!("the box ended");
    };
    assert!(current_world.x < screen_left - 100.0);
}

#[test]
fn a_lesson_panel_over_the_left_edge_moves_the_band_to_its_side() {
    let (s, mut d) = driver();
    d.editor.set_cover(Cover {
        left: 300.0,
        bottom: 0.0,
    });
    let grab = d.screen_of(d.world_pos(s.lb));
    d.down(grab);
    // Beside the panel, where the canvas shows again: the left band.
    d.move_to(v(310.0, 350.0));
    let velocity_left = {
        let start = d.editor.camera().offset;
        frames(&mut d, 1);
        d.editor.camera().offset.x - start.x
    };
    assert!(
        velocity_left > 0.0,
        "the view travels left: the world slides right"
    );
}
