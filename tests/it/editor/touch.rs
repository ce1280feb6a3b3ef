//! Touch: wiring by tapping an output port and then a card (`editor::tap_wire`), and the
//! camera following the canvas's size (`editor::viewport`): the first view shows the whole
//! diagram, and a canvas that shrinks keeps the diagram and the selection in view.

use scalelab::editor::layout;
use scalelab::editor::{
    Cover, Editor, InputEvent, Modifiers, PointerId, PointerKind, Selectable, Selection, ToolKind,
    Vec2,
};
use scalelab::model::{ComponentId, Diagram, OutPort};

use super::{CMD, Driver, content, out_port, shop, v};

fn card_centre(d: &Driver, id: ComponentId) -> Vec2 {
    let c = d.editor.diagram().component(id).unwrap();
    d.screen_of(layout::card_bounds(c).center())
}

fn tap(d: &mut Driver, at: Vec2) {
    d.pointer = PointerId(d.pointer.0 + 1);
    d.down(at);
    d.up(at);
}

/// The shop by touch, a wire aimed from its web tier's data port by a tap.
fn aiming_from_the_web_tier() -> (super::Shop, Driver) {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.kind = PointerKind::Touch;
    let at = out_port(&d, s.web, OutPort::Data);
    tap(&mut d, at);
    assert_eq!(d.editor.tool().kind(), ToolKind::KeyboardConnecting);
    (s, d)
}

#[test]
fn a_tap_on_an_output_port_then_a_tap_on_a_card_connects_them_in_one_undo_step() {
    let (s, mut d) = aiming_from_the_web_tier();
    assert!(d.editor.announcement().is_some_and(|a| a.contains("Tap")));
    assert_eq!(
        d.editor.diagram(),
        &s.diagram,
        "nothing changes while aiming"
    );
    let cache_port = d
        .editor
        .valid_targets()
        .iter()
        .find(|p| p.component == s.cache)
        .copied()
        .expect("web servers may write to the cache");
    let wires = d.editor.diagram().wires.len();
    let at = card_centre(&d, s.cache);
    tap(&mut d, at);
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    let doc = d.editor.diagram();
    assert_eq!(doc.wires.len(), wires + 1);
    let wire = doc.wires.last().unwrap();
    assert_eq!((wire.from.component, wire.to), (s.web, cache_port));
    d.key(scalelab::editor::Key::Character('z'), CMD);
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
}

#[test]
fn a_tap_on_a_refusing_card_says_why_and_keeps_aiming_and_empty_canvas_cancels() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.kind = PointerKind::Touch;
    let at = out_port(&d, s.web, OutPort::Data);
    tap(&mut d, at);
    // Users accept no wire.
    let at = card_centre(&d, s.users);
    tap(&mut d, at);
    assert_eq!(d.editor.tool().kind(), ToolKind::KeyboardConnecting);
    assert!(d.editor.notice().is_some(), "the refusal is shown");
    // The preview and its refusal point at the card tapped.
    let aimed = d.editor.keyboard_target().expect("still aiming");
    assert_eq!(aimed.port.component, s.users);
    assert!(aimed.verdict.is_err());
    assert!(d.editor.refusal().is_some());
    assert_eq!(d.editor.diagram(), &s.diagram);
    // Empty canvas far from every card: the wiring ends and the tap clears the selection.
    let empty = d.screen_of(v(-2000.0, -2000.0));
    tap(&mut d, empty);
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    assert!(d.editor.selection().is_empty());
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn panning_or_pinching_while_a_wire_is_aimed_keeps_the_aim_and_a_tap_still_ends_it() {
    let (s, mut d) = aiming_from_the_web_tier();
    // One finger on empty canvas pans to where the card is: the wire stays aimed.
    let offset = d.editor.camera().offset;
    let empty = d.screen_of(v(-2000.0, -2000.0));
    d.pointer = PointerId(d.pointer.0 + 1);
    d.drag(empty, empty + v(60.0, 90.0), 6);
    assert_ne!(d.editor.camera().offset, offset, "the view panned");
    assert_eq!(d.editor.tool().kind(), ToolKind::KeyboardConnecting);
    assert!(d.editor.announcement().is_some_and(|a| a.contains("Tap")));
    // Two fingers pinch: still aimed once both are lifted.
    let zoom = d.editor.camera().zoom;
    let (first, second) = (PointerId(40), PointerId(41));
    let (a, b) = (empty, empty + v(100.0, 0.0));
    d.pointer = first;
    d.down(a);
    d.pointer = second;
    d.down(b);
    d.move_to(b + v(100.0, 0.0));
    d.up(b + v(100.0, 0.0));
    d.pointer = first;
    d.up(a);
    assert_ne!(d.editor.camera().zoom, zoom, "the view zoomed");
    assert_eq!(d.editor.tool().kind(), ToolKind::KeyboardConnecting);
    // Then a tap on the card connects, as it would have before the pan.
    let wires = d.editor.diagram().wires.len();
    let at = card_centre(&d, s.cache);
    tap(&mut d, at);
    assert_eq!(d.editor.diagram().wires.len(), wires + 1);
    // Aimed again, a tap on empty canvas still ends the wiring, and a pan after it does not
    // bring the aim back.
    let at = out_port(&d, s.web, OutPort::Data);
    tap(&mut d, at);
    assert_eq!(d.editor.tool().kind(), ToolKind::KeyboardConnecting);
    let empty = d.screen_of(v(-2000.0, -2000.0));
    tap(&mut d, empty);
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    d.pointer = PointerId(d.pointer.0 + 1);
    d.drag(empty, empty + v(60.0, 90.0), 6);
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
}

#[test]
fn a_mouse_click_on_an_output_port_still_only_selects_its_card() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let at = out_port(&d, s.web, OutPort::Data);
    tap(&mut d, at);
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Component(s.web))
    );
}

/// Every card of the editor's diagram is inside its viewport.
fn every_card_in_view(editor: &Editor) -> bool {
    let viewport = editor.viewport();
    editor
        .diagram()
        .components
        .iter()
        .all(|c| editor.camera().shows(layout::card_bounds(c), viewport))
}

fn resize(d: &mut Driver, x: f64, y: f64) {
    d.send(InputEvent::ViewportResized { size: v(x, y) });
}

/// Zooms in about `at` by `notches` turns of a mouse's wheel.
fn zoom_in_at(d: &mut Driver, at: Vec2, notches: usize) {
    for _ in 0..notches {
        d.send(InputEvent::Wheel {
            delta: v(0.0, -100.0),
            at,
            modifiers: Modifiers::NONE,
        });
    }
}

#[test]
fn a_diagram_loaded_before_the_canvas_has_its_size_is_fitted_again_when_it_gets_it() {
    let s = shop();
    let mut d = Driver::new(Diagram::new());
    // Loaded against the default guess, then the canvas measures a phone's width.
    d.editor.load(s.diagram.clone());
    assert!(d.editor.fit_armed());
    resize(&mut d, 390.0, 500.0);
    assert!(every_card_in_view(&d.editor));
    // A banner above the canvas, then the run panel opening: still fitted each time.
    resize(&mut d, 390.0, 460.0);
    resize(&mut d, 390.0, 250.0);
    assert!(every_card_in_view(&d.editor));
    assert!(d.editor.fit_armed());
    // The canvas grows back: the fit follows it up too.
    let small = d.editor.camera().zoom;
    resize(&mut d, 1200.0, 800.0);
    assert!(d.editor.camera().zoom > small);
    assert!(every_card_in_view(&d.editor));
}

#[test]
fn once_the_camera_is_moved_a_shrinking_canvas_only_pans_or_zooms_out_to_keep_things_in_view() {
    let s = shop();
    let mut d = Driver::new(Diagram::new());
    resize(&mut d, 1440.0, 800.0);
    d.editor.load(s.diagram.clone());
    // Zoom out a little by the wheel: the person has moved the camera.
    d.send(InputEvent::Wheel {
        delta: v(0.0, 100.0),
        at: v(700.0, 400.0),
        modifiers: Modifiers::NONE,
    });
    assert!(!d.editor.fit_armed());
    assert!(every_card_in_view(&d.editor));
    let zoom = d.editor.camera().zoom;
    // The run panel takes the lower half: the diagram stays in view, zoomed out if need be.
    resize(&mut d, 1440.0, 400.0);
    assert!(every_card_in_view(&d.editor));
    assert!(d.editor.camera().zoom <= zoom);
    // Zoomed in on the cache, selected, the diagram no longer all shows: a shrink keeps the
    // cache in view by a pan alone.
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.cache)));
    let cache = card_centre(&d, s.cache);
    zoom_in_at(&mut d, cache, 4);
    let zoomed = d.editor.camera().zoom;
    let cache_card = layout::card_bounds(d.editor.diagram().component(s.cache).unwrap());
    assert!(!every_card_in_view(&d.editor));
    let viewport = d.editor.viewport();
    assert!(d.editor.camera().shows(cache_card, viewport));
    resize(&mut d, 700.0, 300.0);
    assert!(d.editor.camera().shows(cache_card, v(700.0, 300.0)));
    assert_eq!(d.editor.camera().zoom, zoomed);
}

#[test]
fn a_canvas_showing_none_of_the_diagram_does_not_move_when_resized() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    resize(&mut d, 1000.0, 800.0);
    d.editor.set_camera(scalelab::editor::Camera {
        offset: v(-50_000.0, -50_000.0),
        zoom: 1.0,
    });
    let camera = *d.editor.camera();
    resize(&mut d, 500.0, 300.0);
    assert_eq!(*d.editor.camera(), camera);
}

#[test]
fn a_small_canvas_is_fitted_with_a_smaller_margin() {
    let s = shop();
    let mut d = Driver::new(Diagram::new());
    resize(&mut d, 1200.0, 900.0);
    d.editor.load(s.diagram.clone());
    let bounds = layout::diagram_bounds(&s.diagram).unwrap();
    let margin = |d: &Driver| {
        let camera = d.editor.camera();
        let (min, max) = (
            camera.world_to_screen(bounds.min),
            camera.world_to_screen(bounds.max),
        );
        let size = d.editor.viewport();
        min.x.min(min.y).min(size.x - max.x).min(size.y - max.y)
    };
    assert!((margin(&d) - 48.0).abs() < 1e-6, "the desktop keeps 48 px");
    // A phone's canvas with the run panel open: a twelfth of its 300 px height.
    resize(&mut d, 390.0, 300.0);
    assert!((margin(&d) - 25.0).abs() < 1e-6);
}

#[test]
fn a_panel_over_the_left_edge_is_left_out_of_the_fit_while_it_is_armed() {
    let s = shop();
    let mut d = Driver::new(Diagram::new());
    resize(&mut d, 1100.0, 700.0);
    d.editor.load(s.diagram.clone());
    let cover = 400.0;
    d.editor.set_cover(Cover {
        left: cover,
        bottom: 0.0,
    });
    assert!(d.editor.fit_armed());
    // Every card lies right of the panel and inside the canvas.
    for c in &d.editor.diagram().components {
        let r = layout::card_bounds(c);
        let left = d.screen_of(r.min);
        let right = d.screen_of(r.max);
        assert!(left.x >= cover, "{} under the panel at {}", c.label, left.x);
        assert!(
            right.x <= 1100.0 && right.y <= 700.0,
            "{} off the canvas",
            c.label
        );
    }
    // The panel folded: the fit takes the whole canvas again.
    d.editor.set_cover(Cover::NONE);
    assert!(every_card_in_view(&d.editor));
    let leftmost = d
        .editor
        .diagram()
        .components
        .iter()
        .map(|c| d.screen_of(layout::card_bounds(c).min).x)
        .fold(f64::MAX, f64::min);
    assert!(leftmost < cover);
    // Once the person moves the camera, a panel no longer refits it.
    let mut camera = *d.editor.camera();
    camera.zoom_by_at(v(500.0, 300.0), 1.2);
    d.editor.set_camera(camera);
    let moved = *d.editor.camera();
    d.editor.set_cover(Cover {
        left: cover,
        bottom: 0.0,
    });
    assert_eq!(*d.editor.camera(), moved);
}

#[test]
fn a_panel_along_the_bottom_is_left_out_of_the_fit_and_folding_it_refits() {
    // A phone's canvas, 390 by 490 px, with a lesson's panel over its bottom 228 px.
    let s = shop();
    let mut d = Driver::new(Diagram::new());
    resize(&mut d, 390.0, 490.0);
    d.editor.load(s.diagram.clone());
    let open = |d: &Driver, bottom: f64| {
        d.editor.diagram().components.iter().all(|c| {
            let r = layout::card_bounds(c);
            let (min, max) = (d.screen_of(r.min), d.screen_of(r.max));
            min.x >= 0.0 && min.y >= 0.0 && max.x <= 390.0 && max.y <= 490.0 - bottom
        })
    };
    let lowest = |d: &Driver| {
        d.editor
            .diagram()
            .components
            .iter()
            .map(|c| d.screen_of(layout::card_bounds(c).max).y)
            .fold(f64::MIN, f64::max)
    };
    // Without the cover the fit centres the diagram, reaching below the panel's top.
    assert!(lowest(&d) > 490.0 - 228.0, "the diagram fills the canvas");
    d.editor.set_cover(Cover {
        left: 0.0,
        bottom: 228.0,
    });
    assert!(d.editor.fit_armed());
    assert!(open(&d, 228.0), "every card above the panel");
    // Folded to its header, the panel leaves more room: the fit grows into it.
    let zoom = d.editor.camera().zoom;
    d.editor.set_cover(Cover {
        left: 0.0,
        bottom: 72.0,
    });
    assert!(open(&d, 72.0));
    assert!(d.editor.camera().zoom >= zoom);
    // A cover taller than half the canvas counts as half: the fit still has room.
    d.editor.set_cover(Cover {
        left: 0.0,
        bottom: 10_000.0,
    });
    assert!(open(&d, 245.0));
}

#[test]
fn zoomed_out_a_tap_wires_from_the_port_it_lands_on_not_the_first_within_reach() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.kind = PointerKind::Touch;
    // At 30 % a web tier's four outputs are a few pixels apart, closer than a finger's reach.
    let camera = scalelab::editor::Camera {
        offset: Vec2::new(0.0, 0.0),
        zoom: 0.3,
    };
    d.editor.set_camera(camera);
    for port in [
        OutPort::Data,
        OutPort::Sessions,
        OutPort::Jobs,
        OutPort::Logs,
    ] {
        let at = out_port(&d, s.web, port);
        tap(&mut d, at);
        match d.editor.tool() {
            scalelab::editor::tool::ToolState::KeyboardConnecting { from, .. } => {
                assert_eq!((from.component, from.port), (s.web, port));
            }
            other => panic!("not wiring after a tap on {port:?}: {other:?}"),
        }
        d.send(InputEvent::Cancel);
    }
}

#[test]
fn what_keyboard_focus_reaches_is_brought_into_view_by_as_little_as_a_pan() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    resize(&mut d, 800.0, 600.0);
    // Zoomed in on the users, far from the rest.
    let users = card_centre(&d, s.users);
    zoom_in_at(&mut d, users, 6);
    let zoom = d.editor.camera().zoom;
    let shows = |d: &Driver, id: ComponentId| {
        let card = layout::card_bounds(d.editor.diagram().component(id).unwrap());
        d.editor.camera().shows(card, d.editor.viewport())
    };
    assert!(!shows(&d, s.cache));
    d.editor.reveal(Selectable::Component(s.cache));
    assert!(shows(&d, s.cache));
    assert_eq!(
        d.editor.camera().zoom,
        zoom,
        "a card that fits is reached by a pan"
    );
    // A wire shows both the cards it joins; a datacenter its whole frame.
    let wire = d.editor.diagram().wires[0].id;
    let (from, to) = {
        let w = &d.editor.diagram().wires[0];
        (w.from.component, w.to.component)
    };
    d.editor.reveal(Selectable::Wire(wire));
    assert!(shows(&d, from) && shows(&d, to));
    d.editor.reveal(Selectable::Group(s.dc));
    let frame = layout::group_bounds(d.editor.diagram().group(s.dc).unwrap());
    assert!(d.editor.camera().shows(frame, d.editor.viewport()));
    // None of it is an edit.
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert!(!d.editor.history().can_undo());
}

#[test]
fn a_datacenter_added_on_a_phone_is_zoomed_out_to_whole_in_view() {
    use scalelab::model::Region;
    let mut d = Driver::new(Diagram::new());
    resize(&mut d, 390.0, 587.0);
    assert_eq!(d.editor.camera().zoom, 1.0);
    let id = d
        .editor
        .add_datacenter("DC1".into(), Region::NorthAmerica)
        .unwrap();
    let frame = layout::group_bounds(d.editor.diagram().group(id).unwrap());
    assert!(frame.width() > 390.0, "wider than the phone at 100 %");
    assert!(
        d.editor.camera().shows(frame, d.editor.viewport()),
        "the whole frame, its name and its handle, is on screen"
    );
    assert!(d.editor.camera().zoom < 1.0);
}
