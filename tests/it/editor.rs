//! Editor flows driven by synthetic input events, asserting the tool-state path and the
//! resulting document (in the manner of tldraw's editor tests), plus a property test that any
//! sequence of commands undoes and redoes exactly.

use proptest::prelude::*;

use scalelab::editor::actions::Direction;
use scalelab::editor::layout::{self, HitTarget};
use scalelab::editor::{
    Action, Camera, Command, CommandError, Editor, Effect, History, HistoryError, InputEvent, Key,
    Modifiers, PointerButton, PointerEvent, PointerId, PointerKind, Rect, Selectable, Selection,
    ToolKind, Vec2,
};
use scalelab::model::{
    Component, ComponentId, ComponentKind, Diagram, EditError, Fault, FaultAction, FaultTarget,
    Group, GroupId, InPort, InPortRef, OutPort, OutPortRef, Point, Rect as ModelRect, Region, Wire,
    WireId,
};

// ----- fixtures and a driver -----

/// A small shop: users -> load balancer -> web servers -> database, and a cache off to the side,
/// with a datacenter around the web servers and database, and faults aimed at a component, a
/// wire and the datacenter (so removals have something to carry).
struct Shop {
    diagram: Diagram,
    users: ComponentId,
    lb: ComponentId,
    web: ComponentId,
    db: ComponentId,
    cache: ComponentId,
    dc: GroupId,
}

fn shop() -> Shop {
    let mut d = Diagram::new();
    let users = d
        .add_component(ComponentKind::Users, Point::new(100.0, 100.0))
        .unwrap();
    let lb = d
        .add_component(ComponentKind::LoadBalancer, Point::new(400.0, 100.0))
        .unwrap();
    let web = d
        .add_component(ComponentKind::WebServers, Point::new(700.0, 100.0))
        .unwrap();
    let db = d
        .add_component(ComponentKind::Database, Point::new(700.0, 400.0))
        .unwrap();
    let cache = d
        .add_component(ComponentKind::Cache, Point::new(1000.0, 600.0))
        .unwrap();
    let dc = d.fresh_group_id().unwrap();
    d.insert_group(Group {
        id: dc,
        name: "Seoul".into(),
        region: Region::Asia,
        bounds: ModelRect::new(560.0, 0.0, 300.0, 500.0),
    })
    .unwrap();
    d.set_group(web, Some(dc)).unwrap();
    d.set_group(db, Some(dc)).unwrap();
    let out = |component, port| OutPortRef { component, port };
    let inp = |component, port| InPortRef { component, port };
    d.connect(out(users, OutPort::Dynamic), inp(lb, InPort::Requests))
        .unwrap();
    let w = d
        .connect(out(lb, OutPort::Backends), inp(web, InPort::Requests))
        .unwrap();
    d.connect(out(web, OutPort::Data), inp(db, InPort::Data))
        .unwrap();
    d.scenario.faults = vec![
        Fault {
            at_s: 10.0,
            action: FaultAction::Fail,
            target: FaultTarget::Component(db),
        },
        Fault {
            at_s: 20.0,
            action: FaultAction::CutLink,
            target: FaultTarget::Wire(w),
        },
        Fault {
            at_s: 30.0,
            action: FaultAction::Fail,
            target: FaultTarget::Group(dc),
        },
    ];
    Shop {
        diagram: d,
        users,
        lb,
        web,
        db,
        cache,
        dc,
    }
}

/// Feeds events to an editor and records the path of tool states it goes through.
struct Driver {
    editor: Editor,
    path: Vec<ToolKind>,
    modifiers: Modifiers,
    button: PointerButton,
    pointer: PointerId,
    kind: PointerKind,
}

impl Driver {
    fn new(diagram: Diagram) -> Self {
        Driver {
            editor: Editor::new(diagram),
            path: vec![ToolKind::Idle],
            modifiers: Modifiers::NONE,
            button: PointerButton::Primary,
            pointer: PointerId(1),
            kind: PointerKind::Mouse,
        }
    }

    fn record(&mut self) {
        let kind = self.editor.tool().kind();
        if self.path.last() != Some(&kind) {
            self.path.push(kind);
        }
    }

    fn send(&mut self, event: InputEvent) -> scalelab::editor::Response {
        let response = self.editor.handle(event);
        self.record();
        response
    }

    fn pointer_at(&self, screen: Vec2) -> PointerEvent {
        PointerEvent {
            pointer: self.pointer,
            kind: self.kind,
            button: self.button,
            modifiers: self.modifiers,
            screen,
            world: self.editor.world_at(screen),
        }
    }

    /// Screen position of a world point with the current camera.
    fn screen_of(&self, world: Vec2) -> Vec2 {
        self.editor.camera().world_to_screen(world)
    }

    fn down(&mut self, screen: Vec2) {
        let p = self.pointer_at(screen);
        self.send(InputEvent::PointerDown(p));
    }

    fn move_to(&mut self, screen: Vec2) {
        let p = self.pointer_at(screen);
        self.send(InputEvent::PointerMove(p));
    }

    fn up(&mut self, screen: Vec2) {
        let p = self.pointer_at(screen);
        self.send(InputEvent::PointerUp(p));
    }

    /// Press at `from`, move in `steps` equal steps to `to`, release there (screen pixels).
    fn drag(&mut self, from: Vec2, to: Vec2, steps: u32) {
        self.down(from);
        for i in 1..=steps {
            let t = f64::from(i) / f64::from(steps);
            self.move_to(from + (to - from).scale(t));
        }
        self.up(to);
    }

    fn key(&mut self, key: Key, modifiers: Modifiers) -> scalelab::editor::Response {
        self.send(InputEvent::Key { key, modifiers })
    }

    fn pos(&self, id: ComponentId) -> Point {
        self.editor.diagram().component(id).unwrap().pos
    }

    fn world_pos(&self, id: ComponentId) -> Vec2 {
        self.pos(id).into()
    }
}

fn v(x: f64, y: f64) -> Vec2 {
    Vec2::new(x, y)
}

/// Everything but the id counter, which only grows (undo never hands an id back for reuse).
fn content(d: &Diagram) -> Diagram {
    Diagram {
        next_id: 0,
        ..d.clone()
    }
}

const CMD: Modifiers = Modifiers::CTRL;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ctrl: true,
    meta: false,
    alt: false,
};

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
fn dragging_a_datacenter_title_moves_its_members_and_resizing_respects_the_minimum() {
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
    // Resize from the bottom-right handle, far past the minimum size.
    let handle = v(660.0 + 300.0 - 4.0, 500.0 - 4.0);
    d.drag(handle, v(0.0, 0.0), 5);
    assert!(d.path.contains(&ToolKind::ResizingGroup));
    let g = d.editor.diagram().group(s.dc).unwrap().bounds;
    assert_eq!((g.width, g.height), (200.0, 140.0));
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

// ----- connecting -----

fn out_port(d: &Driver, component: ComponentId, port: OutPort) -> Vec2 {
    let c = d.editor.diagram().component(component).unwrap();
    d.screen_of(layout::out_port_position(c, port).unwrap())
}

fn in_port(d: &Driver, component: ComponentId, port: InPort) -> Vec2 {
    let c = d.editor.diagram().component(component).unwrap();
    d.screen_of(layout::in_port_position(c, port).unwrap())
}

#[test]
fn connecting_refuses_invalid_wires_with_the_reason() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let from = out_port(&d, s.users, OutPort::Dynamic);
    d.down(from);
    d.move_to(from + v(30.0, 0.0));
    assert_eq!(d.editor.tool().kind(), ToolKind::Connecting);
    // Highlighted targets come from the model's rules: the web servers accept dynamic
    // requests; the database does not, and the existing wire to the LB is a duplicate.
    let web_in = InPortRef {
        component: s.web,
        port: InPort::Requests,
    };
    assert!(d.editor.valid_targets().contains(&web_in));
    assert!(d.editor.valid_targets().iter().all(|t| t.component != s.db));
    assert!(d.editor.valid_targets().iter().all(|t| t.component != s.lb));
    let db_in = in_port(&d, s.db, InPort::Data);
    d.move_to(db_in);
    let reason = d
        .editor
        .refusal()
        .expect("hovering the database shows why")
        .to_string();
    assert!(reason.contains("database"), "{reason}");
    assert_eq!(d.editor.ghost_wire().unwrap().valid, Some(false));
    d.up(db_in);
    assert_eq!(d.editor.notice(), Some(reason.as_str()));
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert!(!d.editor.history().can_undo());
}

#[test]
fn keyboard_wiring_aims_with_tab_refuses_with_the_reason_and_connects_with_enter() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let w = Key::Character('w');
    // Nothing selected, or two components: W has no source.
    assert!(!d.editor.is_enabled(Action::StartWire));
    d.editor.set_selection(Selection {
        components: [s.users, s.lb].into_iter().collect(),
        ..Selection::default()
    });
    assert!(!d.editor.is_enabled(Action::StartWire));
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.users)));
    assert!(d.key(w, Modifiers::NONE).handled);
    assert_eq!(d.editor.tool().kind(), ToolKind::KeyboardConnecting);
    let web_in = InPortRef {
        component: s.web,
        port: InPort::Requests,
    };
    // Acceptable targets come first: the web servers (the LB already has this wire).
    let first = d.editor.keyboard_target().unwrap().clone();
    assert_eq!(first.port, web_in);
    assert_eq!(first.verdict, Ok(()));
    assert!(d.editor.valid_targets().contains(&web_in));
    assert_eq!(d.editor.ghost_wire().unwrap().valid, Some(true));
    let said = d.editor.announcement().unwrap().to_string();
    assert!(
        said.starts_with("Connecting from Users (dynamic output)."),
        "{said}"
    );
    assert!(
        said.contains("Web servers (requests input), target 1 of 4: Enter connects"),
        "{said}"
    );

    // Tab walks the targets and wraps; Shift+Tab and the arrows walk back.
    let mut seen = vec![first.port.component];
    for _ in 0..3 {
        assert!(d.key(Key::Tab, Modifiers::NONE).handled);
        seen.push(d.editor.keyboard_target().unwrap().port.component);
    }
    seen.sort();
    assert_eq!(seen, [s.lb, s.web, s.db, s.cache]);
    d.key(Key::Tab, Modifiers::NONE);
    assert_eq!(d.editor.keyboard_target().unwrap().port, web_in);
    d.key(Key::Tab, Modifiers::SHIFT);
    d.key(Key::ArrowRight, Modifiers::NONE);
    assert_eq!(d.editor.keyboard_target().unwrap().port, web_in);

    // Aimed at the database, Enter refuses with the rules' reason and wiring goes on.
    while d.editor.keyboard_target().unwrap().port.component != s.db {
        d.key(Key::ArrowDown, Modifiers::NONE);
    }
    let reason = d
        .editor
        .refusal()
        .expect("the database refuses")
        .to_string();
    assert_eq!(d.editor.ghost_wire().unwrap().valid, Some(false));
    d.key(Key::Enter, Modifiers::NONE);
    assert_eq!(d.editor.tool().kind(), ToolKind::KeyboardConnecting);
    assert_eq!(d.editor.notice(), Some(reason.as_str()));
    assert!(d.editor.announcement().unwrap().contains(&reason));
    assert_eq!(d.editor.diagram(), &s.diagram);

    // Back to the web servers: Enter adds one wire as one undo entry.
    while d.editor.keyboard_target().unwrap().port != web_in {
        d.key(Key::ArrowUp, Modifiers::NONE);
    }
    d.key(Key::Enter, Modifiers::NONE);
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    let wire = *d.editor.diagram().wires.last().unwrap();
    assert_eq!(wire.from.component, s.users);
    assert_eq!(wire.to, web_in);
    assert_eq!(
        d.editor.announcement(),
        Some("Connected Users (dynamic output) to Web servers (requests input).")
    );
    assert_eq!(d.editor.history().undo_len(), 1);
    d.key(Key::Character('z'), CMD);
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
    assert_eq!(
        d.path,
        [ToolKind::Idle, ToolKind::KeyboardConnecting, ToolKind::Idle]
    );
}

#[test]
fn keyboard_wiring_cycles_outputs_with_w_and_escape_or_a_press_cancels() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let w = Key::Character('w');
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.users)));
    d.key(w, Modifiers::NONE);
    d.key(w, Modifiers::NONE);
    let said = d.editor.announcement().unwrap().to_string();
    assert!(
        said.starts_with("Connecting from Users (static output)."),
        "{said}"
    );
    // Arrows aim rather than nudge while wiring.
    let before = d.pos(s.users);
    d.key(Key::ArrowLeft, Modifiers::NONE);
    assert_eq!(d.pos(s.users), before);
    d.key(Key::Escape, Modifiers::NONE);
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    assert_eq!(d.editor.announcement(), Some("Wiring cancelled."));
    assert_eq!(d.editor.ghost_wire(), None);
    // The selection survives Escape, so W starts again; a press on the canvas ends it.
    d.key(w, Modifiers::NONE);
    assert_eq!(d.editor.tool().kind(), ToolKind::KeyboardConnecting);
    d.down(v(5.0, 700.0));
    assert_ne!(d.editor.tool().kind(), ToolKind::KeyboardConnecting);
    d.up(v(5.0, 700.0));
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert!(!d.editor.history().can_undo());
    // Tab while idle is left to the browser (focus moves on).
    assert!(!d.key(Key::Tab, Modifiers::NONE).handled);
}

#[test]
fn connecting_to_a_valid_port_adds_one_wire_in_one_undo_step() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let from = out_port(&d, s.web, OutPort::Data);
    let cache_card = d.screen_of(d.world_pos(s.cache));
    d.down(from);
    d.move_to(from + v(20.0, 20.0));
    // Hovering the card body snaps to its acceptable input port.
    d.move_to(cache_card);
    let ghost = d.editor.ghost_wire().unwrap();
    assert_eq!(ghost.valid, Some(true));
    assert_eq!(
        ghost.to,
        d.editor.world_at(in_port(&d, s.cache, InPort::Data))
    );
    assert!(d.editor.refusal().is_none());
    d.up(cache_card);
    assert_eq!(
        d.path,
        [
            ToolKind::Idle,
            ToolKind::Pointing,
            ToolKind::Connecting,
            ToolKind::Idle
        ]
    );
    let wires = &d.editor.diagram().wires;
    assert_eq!(wires.len(), s.diagram.wires.len() + 1);
    let new = wires.last().unwrap();
    assert_eq!(new.from.component, s.web);
    assert_eq!(new.to.component, s.cache);
    assert_eq!(d.editor.selection().wires.len(), 1);
    d.key(Key::Character('z'), CMD);
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
}

#[test]
fn releasing_a_wire_over_empty_canvas_does_nothing() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let from = out_port(&d, s.users, OutPort::Static);
    d.down(from);
    d.move_to(v(250.0, 700.0));
    let ghost = d.editor.ghost_wire().unwrap();
    assert_eq!(ghost.to, v(250.0, 700.0));
    assert_eq!(ghost.valid, None);
    assert_eq!(ghost.from, d.editor.world_at(from));
    d.up(v(250.0, 700.0));
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert_eq!(d.editor.notice(), None);
    assert!(d.editor.ghost_wire().is_none());
}

#[test]
fn clicking_an_output_port_selects_its_card_without_starting_a_wire() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let port = out_port(&d, s.lb, OutPort::Backends);
    d.down(port);
    d.up(port);
    assert_eq!(d.path, [ToolKind::Idle, ToolKind::Pointing, ToolKind::Idle]);
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Component(s.lb))
    );
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn undo_and_delete_wait_for_the_drag_to_end() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.cache)));
    d.key(Key::ArrowUp, Modifiers::NONE);
    let start = d.screen_of(d.world_pos(s.users));
    d.down(start);
    d.move_to(start + v(100.0, 0.0));
    assert!(!d.editor.is_enabled(Action::Undo));
    assert!(
        d.key(Key::Character('z'), CMD).handled,
        "swallowed, not passed to the browser"
    );
    d.key(Key::Delete, Modifiers::NONE);
    assert_eq!(d.editor.tool().kind(), ToolKind::DraggingComponents);
    assert!(d.editor.diagram().component(s.users).is_some());
    d.up(start + v(100.0, 0.0));
    assert_eq!(d.editor.history().undo_len(), 2);
    d.key(Key::Character('z'), CMD);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &s.diagram);
}

// ----- palette -----

#[test]
fn palette_drop_adds_at_the_drop_point_snapped_and_inside_a_datacenter_joins_it() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.send(InputEvent::PaletteDragStart {
        item: ComponentKind::Cdn.into(),
    });
    d.send(InputEvent::PaletteDragOver {
        world: v(241.0, 578.0),
    });
    assert_eq!(
        d.editor.palette_ghost(),
        Some((ComponentKind::Cdn.into(), v(240.0, 580.0)))
    );
    d.send(InputEvent::PaletteDrop {
        item: ComponentKind::Cdn.into(),
        world: v(241.0, 578.0),
    });
    assert_eq!(
        d.path,
        [
            ToolKind::Idle,
            ToolKind::DraggingFromPalette,
            ToolKind::Idle
        ]
    );
    let added = d.editor.diagram().components.last().unwrap().clone();
    assert_eq!(added.kind, ComponentKind::Cdn);
    assert_eq!(added.pos, Point::new(240.0, 580.0));
    assert_eq!(added.group, None);
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Component(added.id))
    );
    d.send(InputEvent::PaletteDrop {
        item: ComponentKind::Cache.into(),
        world: v(700.0, 250.0),
    });
    let added = d.editor.diagram().components.last().unwrap();
    assert_eq!(added.group, Some(s.dc));
    assert_eq!(d.editor.history().undo_len(), 2);
    // Escape cancels a palette drag without adding anything.
    d.send(InputEvent::PaletteDragStart {
        item: ComponentKind::Dns.into(),
    });
    d.key(Key::Escape, Modifiers::NONE);
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    assert_eq!(d.editor.history().undo_len(), 2);
}

#[test]
fn a_datacenter_dragged_from_the_palette_is_framed_around_the_drop_point() {
    use scalelab::editor::{DATACENTER_SIZE, PaletteItem};
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.send(InputEvent::PaletteDragStart {
        item: PaletteItem::Datacenter,
    });
    d.send(InputEvent::PaletteDragOver {
        world: v(1601.0, 219.0),
    });
    assert_eq!(
        d.editor.palette_ghost(),
        Some((PaletteItem::Datacenter, v(1600.0, 220.0)))
    );
    d.send(InputEvent::PaletteDrop {
        item: PaletteItem::Datacenter,
        world: v(1601.0, 219.0),
    });
    assert_eq!(
        d.path,
        [
            ToolKind::Idle,
            ToolKind::DraggingFromPalette,
            ToolKind::Idle
        ]
    );
    let added = d.editor.diagram().groups.last().unwrap().clone();
    assert_ne!(added.id, s.dc);
    assert_eq!(Rect::from(added.bounds).center(), v(1600.0, 220.0));
    assert_eq!(Rect::from(added.bounds).size(), DATACENTER_SIZE);
    assert_eq!(added.name, "DC2");
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Group(added.id))
    );
    assert_eq!(d.editor.history().undo_len(), 1);
    // A touch drag ends with the pointer going up over the canvas.
    d.send(InputEvent::PaletteDragStart {
        item: PaletteItem::Datacenter,
    });
    d.up(d.screen_of(v(-600.0, -600.0)));
    let touched = d.editor.diagram().groups.last().unwrap();
    assert_eq!(Rect::from(touched.bounds).center(), v(-600.0, -600.0));
    assert_eq!(touched.name, "DC3");
    d.key(Key::Character('z'), CMD);
    d.key(Key::Character('z'), CMD);
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
}

#[test]
fn add_at_centre_places_the_component_mid_view_and_steps_aside_from_an_occupant() {
    let mut d = Driver::new(Diagram::new());
    d.send(InputEvent::ViewportResized {
        size: v(800.0, 600.0),
    });
    d.editor.run(Action::AddAtCentre(ComponentKind::Dns));
    d.editor.run(Action::AddAtCentre(ComponentKind::Dns));
    let comps = &d.editor.diagram().components;
    assert_eq!(comps[0].pos, Point::new(400.0, 300.0));
    assert_eq!(comps[1].pos, Point::new(420.0, 320.0));
}

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
    assert_eq!(d.editor.history().undo_len(), 2);
    d.key(Key::Escape, Modifiers::NONE);
    assert!(d.editor.selection().is_empty());
    assert!(!d.editor.is_enabled(Action::Nudge(Direction::Up)));
    d.key(Key::Character('z'), cmd_a);
    d.key(Key::Character('z'), cmd_a);
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn selection_and_camera_changes_do_not_clear_redo() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.db)));
    d.key(Key::Delete, Modifiers::NONE);
    d.key(Key::Character('z'), CMD);
    assert!(d.editor.history().can_redo());
    // Clicks, box selection, select all, Escape, pans, zooms, fit, hover moves.
    let lb = d.screen_of(d.world_pos(s.lb));
    d.down(lb);
    d.up(lb);
    d.key(Key::Character('a'), CMD);
    d.key(Key::Escape, Modifiers::NONE);
    d.drag(v(300.0, 700.0), v(330.0, 690.0), 2);
    d.send(InputEvent::Wheel {
        delta: v(0.0, 120.0),
        at: v(10.0, 10.0),
        modifiers: Modifiers::NONE,
    });
    d.editor.run(Action::FitToView);
    d.editor.run(Action::ZoomIn);
    d.move_to(v(100.0, 100.0));
    d.modifiers = Modifiers::CTRL;
    d.drag(v(-500.0, -500.0), v(2000.0, 2000.0), 2);
    assert!(d.editor.history().can_redo());
    d.key(Key::Character('z'), CMD_SHIFT);
    assert!(d.editor.diagram().component(s.db).is_none());
}

#[test]
fn fit_to_view_frames_the_whole_diagram() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.send(InputEvent::ViewportResized {
        size: v(800.0, 600.0),
    });
    d.editor.run(Action::FitToView);
    let bounds = layout::diagram_bounds(&s.diagram).unwrap();
    let cam: Camera = *d.editor.camera();
    let on_screen = Rect::from_corners(
        cam.world_to_screen(bounds.min),
        cam.world_to_screen(bounds.max),
    );
    let viewport = Rect::from_corners(v(0.0, 0.0), v(800.0, 600.0));
    assert!(viewport.contains_rect(&on_screen), "{on_screen:?}");
    assert!((on_screen.center() - viewport.center()).length() < 1e-6);
}

// ----- duplicate, copy, paste -----

#[test]
fn duplicate_copies_cards_and_internal_wires_with_new_ids_offset() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor.set_selection(Selection {
        components: [s.lb, s.web].into(),
        ..Selection::default()
    });
    d.key(Key::Character('d'), CMD);
    let doc = d.editor.diagram();
    assert_eq!(doc.components.len(), 7);
    assert_eq!(
        doc.wires.len(),
        4,
        "only the lb->web wire is internal to the copy"
    );
    let copies: Vec<&Component> = doc.components[5..].iter().collect();
    assert_eq!(copies[0].kind, ComponentKind::LoadBalancer);
    assert_eq!(copies[0].pos, Point::new(440.0, 140.0));
    assert_eq!(
        copies[1].group,
        Some(s.dc),
        "the copy stays in the existing datacenter"
    );
    let new_wire = doc.wires.last().unwrap();
    assert_eq!(new_wire.from.component, copies[0].id);
    assert_eq!(new_wire.to.component, copies[1].id);
    assert_eq!(
        d.editor.selection().components,
        [copies[0].id, copies[1].id].into()
    );
    assert_eq!(d.editor.history().undo_len(), 1);
    d.key(Key::Character('z'), CMD);
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
}

#[test]
fn copy_then_paste_into_another_editor_and_again_shifts_further() {
    let s = shop();
    let mut source = Driver::new(s.diagram.clone());
    source
        .editor
        .set_selection(Selection::only(Selectable::Component(s.cache)));
    let response = source.key(Key::Character('c'), CMD);
    let Some(Effect::WriteClipboard(text)) = response.effect else {
        panic!("copy must ask the view to write the clipboard: {response:?}");
    };
    assert_eq!(source.editor.diagram(), &s.diagram);

    let mut target = Driver::new(Diagram::new());
    // Ctrl+V is left to the browser, whose `paste` event brings the text; the toolbar's Paste
    // asks the view to read the clipboard.
    let response = target.key(Key::Character('v'), CMD);
    assert!(!response.handled);
    assert_eq!(response.effect, None);
    let response = target.editor.run(Action::Paste);
    assert_eq!(response.effect, Some(Effect::ReadClipboard));
    target.send(InputEvent::Paste { text: text.clone() });
    target.send(InputEvent::Paste { text });
    let comps = &target.editor.diagram().components;
    assert_eq!(comps.len(), 2);
    assert_ne!(comps[0].id, comps[1].id);
    assert_eq!(comps[0].pos, Point::new(1040.0, 640.0));
    assert_eq!(comps[1].pos, Point::new(1080.0, 680.0));
    assert_eq!(comps[0].group, None, "the datacenter does not exist here");
    assert_eq!(target.editor.history().undo_len(), 2);
}

#[test]
fn pasting_foreign_text_explains_and_changes_nothing() {
    let mut d = Driver::new(Diagram::new());
    d.send(InputEvent::Paste {
        text: "hello".into(),
    });
    assert_eq!(
        d.editor.notice(),
        Some("the clipboard does not hold ScaleLab components")
    );
    d.send(InputEvent::Paste {
        text: scalelab::share::export_json(&Diagram::new()),
    });
    assert_eq!(d.editor.notice(), Some("there is nothing to paste"));
    d.send(InputEvent::Paste {
        text: "{\"format\": ".into(),
    });
    let notice = d.editor.notice().unwrap();
    assert!(
        notice.starts_with("the copied diagram cannot be pasted"),
        "{notice}"
    );
    assert_eq!(d.editor.diagram(), &Diagram::new());
    assert!(!d.editor.history().can_undo());
}

#[test]
fn the_clipboard_holds_a_share_file_and_a_share_link_pastes_too() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor.set_selection(Selection {
        components: [s.web, s.db].into(),
        ..Selection::default()
    });
    let Some(Effect::WriteClipboard(text)) = d.key(Key::Character('c'), CMD).effect else {
        panic!("copy writes the clipboard");
    };
    // The text is an ordinary ScaleLab file: the two cards, their wire and their datacenter.
    let file = scalelab::share::import_json(&text).unwrap().diagram;
    assert_eq!(file.components.len(), 2);
    assert_eq!(file.wires.len(), 1);
    assert_eq!(file.groups.len(), 1);
    // Pasted back into the same document, the copies stay in that datacenter.
    d.send(InputEvent::Paste { text });
    let copies = &d.editor.diagram().components[5..];
    assert!(copies.iter().all(|c| c.group == Some(s.dc)));
    // A whole share link pastes its components.
    let link = format!(
        "https://scalelab.example/#{}",
        scalelab::share::encode_link(&s.diagram)
    );
    let mut empty = Driver::new(Diagram::new());
    empty.send(InputEvent::Paste { text: link });
    assert_eq!(empty.editor.diagram().components.len(), 5);
    assert_eq!(empty.editor.diagram().wires.len(), 3);
    assert!(
        empty
            .editor
            .diagram()
            .components
            .iter()
            .all(|c| c.group.is_none())
    );
    assert_eq!(empty.editor.selection().components.len(), 5);
}

#[test]
fn cut_copies_then_deletes_in_one_undo_step() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.users)));
    let response = d.key(Key::Character('x'), CMD);
    assert!(matches!(response.effect, Some(Effect::WriteClipboard(_))));
    assert!(d.editor.diagram().component(s.users).is_none());
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn load_replaces_the_document_forgets_history_and_fits_the_view() {
    let s = shop();
    let mut d = Driver::new(Diagram::new());
    d.send(InputEvent::PaletteDrop {
        item: ComponentKind::Dns.into(),
        world: v(0.0, 0.0),
    });
    assert!(d.editor.history().can_undo());
    d.send(InputEvent::ViewportResized {
        size: v(800.0, 600.0),
    });
    d.editor.load(s.diagram.clone());
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert!(!d.editor.history().can_undo());
    assert!(d.editor.selection().is_empty());
    let bounds = layout::diagram_bounds(&s.diagram).unwrap();
    let centre = d.editor.camera().world_to_screen(bounds.center());
    assert!(centre.distance(v(400.0, 300.0)) < 1e-6);
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

// ----- inspector edits -----

#[test]
fn inspector_edits_are_single_undo_entries_and_refuse_mismatched_settings() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor.rename(s.db, "Primary DB".into()).unwrap();
    assert_eq!(
        d.editor.diagram().component(s.db).unwrap().label,
        "Primary DB"
    );
    let mut config = ComponentKind::Database.default_config();
    assert_eq!(d.editor.diagram().component(s.db).unwrap().config, config);
    let scalelab::model::ComponentConfig::Database(db) = &mut config else {
        panic!("a database's default settings are database settings");
    };
    db.read_replicas += 2;
    d.editor.configure(s.db, config.clone()).unwrap();
    assert_eq!(d.editor.diagram().component(s.db).unwrap().config, config);
    let wrong = ComponentKind::Cache.default_config();
    assert!(d.editor.configure(s.db, wrong).is_err());
    assert!(d.editor.rename(ComponentId(999), "x".into()).is_err());
    assert_eq!(d.editor.history().undo_len(), 2);
    d.key(Key::Character('z'), CMD);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn switching_a_distribution_in_the_inspector_is_one_undo_entry() {
    use scalelab::editor::form::{FieldContext, fields_in, set_field_in};
    use scalelab::model::config::ServiceTime;
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let before = d.editor.diagram().component(s.web).unwrap().config.clone();
    let ctx = FieldContext::of(d.editor.diagram(), s.web);
    let switched = set_field_in(&before, &ctx, "service_time", "deterministic").unwrap();
    d.editor.configure(s.web, switched).unwrap();
    let after = d.editor.diagram().component(s.web).unwrap().config.clone();
    let scalelab::model::ComponentConfig::WebServers(web) = &after else {
        panic!("a web tier's settings");
    };
    assert_eq!(
        web.service_time,
        ServiceTime::Deterministic { mean_ms: 20.0 }
    );
    assert!(
        fields_in(&after, &ctx)
            .iter()
            .any(|f| f.path == "service_time.deterministic.mean_ms")
    );
    assert_eq!(d.editor.history().undo_len(), 1);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram().component(s.web).unwrap().config, before);
    d.key(Key::Character('z'), CMD_SHIFT);
    assert_eq!(d.editor.diagram().component(s.web).unwrap().config, after);
}

#[test]
fn add_datacenter_centres_a_frame_in_view_and_selects_it() {
    let mut d = Driver::new(Diagram::new());
    d.send(InputEvent::ViewportResized {
        size: v(1000.0, 800.0),
    });
    let id = d
        .editor
        .add_datacenter("Frankfurt".into(), Region::Europe)
        .unwrap();
    let g = d.editor.diagram().group(id).unwrap();
    assert_eq!(Rect::from(g.bounds).center(), v(500.0, 400.0));
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Group(id))
    );
    d.key(Key::Character('z'), CMD);
    assert!(d.editor.diagram().groups.is_empty());
    assert!(
        d.editor.selection().is_empty(),
        "undo prunes the vanished datacenter"
    );
}

// ----- the traffic profile form of the run panel -----

#[test]
fn each_accepted_traffic_profile_edit_is_one_undo_entry_and_a_refused_one_changes_nothing() {
    use scalelab::editor::traffic::{self, ProfileKind};
    use scalelab::model::TrafficProfile;
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    // What the run panel does with a committed field: parse against the current profile,
    // then one SetScenario command.
    let commit = |d: &mut Driver, key: &str, text: &str| -> Result<(), String> {
        let scenario = d.editor.diagram().scenario.clone();
        let traffic = traffic::set_field(&scenario.traffic, scenario.duration_s, key, text)?;
        d.editor
            .set_scenario(scalelab::model::Scenario {
                traffic,
                ..scenario
            })
            .map_err(|e| format!("{e:?}"))
    };
    let choose = |d: &mut Driver, kind: ProfileKind| {
        let scenario = d.editor.diagram().scenario.clone();
        let traffic = kind.profile(&scenario.traffic, scenario.duration_s);
        d.editor
            .set_scenario(scalelab::model::Scenario {
                traffic,
                ..scenario
            })
            .unwrap();
    };
    choose(&mut d, ProfileKind::Growth);
    commit(&mut d, "end_users", "50000").unwrap();
    assert_eq!(d.editor.history().undo_len(), 2);
    let before = d.editor.diagram().clone();
    let refused = commit(&mut d, "end_users", "-3");
    assert!(
        refused
            .unwrap_err()
            .starts_with("To must be a whole number")
    );
    assert_eq!(
        d.editor.diagram(),
        &before,
        "a refused value changes nothing"
    );
    assert_eq!(d.editor.history().undo_len(), 2, "and adds no undo entry");
    d.editor.run(Action::Undo);
    assert_eq!(
        d.editor.diagram().scenario.traffic,
        TrafficProfile::Growth {
            start_users: 0,
            end_users: 1_000_000
        }
    );
    d.editor.run(Action::Undo);
    assert_eq!(d.editor.diagram(), &s.diagram);
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

// ----- commands on their own -----

#[test]
fn stale_commands_fail_without_panicking_or_changing_anything() {
    let s = shop();
    let mut doc = s.diagram.clone();
    let mut history: History<Command> = History::new();
    let gone = ComponentId(999);
    let stale = [
        Command::RemoveComponents(vec![s.users, gone]),
        Command::RemoveComponents(vec![s.users, s.users]),
        Command::Move {
            ids: vec![gone],
            delta: Point::new(1.0, 1.0),
        },
        Command::Move {
            ids: vec![s.users],
            delta: Point::new(f64::NAN, 1.0),
        },
        Command::Disconnect(WireId(999)),
        Command::SetLabel {
            id: s.users,
            before: "not its label".into(),
            after: "x".into(),
        },
        Command::Regroup(vec![(s.users, Some(GroupId(999)))]),
        Command::RemoveGroup(GroupId(999)),
        Command::MoveGroup {
            id: GroupId(999),
            delta: Point::new(1.0, 0.0),
        },
        Command::AddComponent(Component::new(
            s.users,
            ComponentKind::Dns,
            Point::new(0.0, 0.0),
        )),
        Command::Connect(Wire {
            id: WireId(500),
            from: OutPortRef {
                component: s.db,
                port: OutPort::Data,
            },
            to: InPortRef {
                component: s.cache,
                port: InPort::Data,
            },
        }),
    ];
    for command in stale {
        let result = history.apply(&command, &mut doc);
        assert!(
            matches!(result, Err(HistoryError::Command(_))),
            "{command:?} gave {result:?}"
        );
        assert_eq!(doc, s.diagram, "{command:?} changed the document");
    }
    assert_eq!(
        history.apply(&Command::Disconnect(WireId(999)), &mut doc),
        Err(HistoryError::Command(CommandError::Edit(
            EditError::UnknownWire(WireId(999))
        )))
    );
    assert!(!history.can_undo());
}

// ----- the property: undo all / redo all -----

/// One random edit, interpreted against the current document so most are valid; `pick` and
/// `other` choose among existing ids, `x`/`y` give positions and deltas.
#[derive(Clone, Debug)]
struct Op {
    which: u8,
    pick: usize,
    other: usize,
    x: i16,
    y: i16,
}

fn op() -> impl Strategy<Value = Op> {
    (
        0u8..13,
        any::<usize>(),
        any::<usize>(),
        any::<i16>(),
        any::<i16>(),
    )
        .prop_map(|(which, pick, other, x, y)| Op {
            which,
            pick,
            other,
            x,
            y,
        })
}

/// Builds a command for `op` against `doc` (None when the document has nothing to act on).
fn command_for(op: &Op, doc: &mut Diagram) -> Option<Command> {
    let comp = |i: usize| -> Option<&Component> {
        (!doc.components.is_empty()).then(|| &doc.components[i % doc.components.len()])
    };
    let x = f64::from(op.x) / 8.0;
    let y = f64::from(op.y) / 8.0;
    match op.which {
        0 => {
            let kind = ComponentKind::ALL[op.pick % ComponentKind::ALL.len()];
            let id = doc.fresh_component_id()?;
            Some(Command::AddComponent(Component::new(
                id,
                kind,
                Point::new(x, y),
            )))
        }
        1 => {
            let a = comp(op.pick)?.id;
            let b = comp(op.other)?.id;
            Some(Command::RemoveComponents(if a == b {
                vec![a]
            } else {
                vec![a, b]
            }))
        }
        2 => {
            let a = comp(op.pick)?.id;
            Some(Command::Move {
                ids: vec![a],
                delta: Point::new(x, y),
            })
        }
        3 => {
            let from = comp(op.pick)?;
            let to = comp(op.other)?;
            let out = *from.kind.ports().outputs.first()?;
            let inp = *to.kind.ports().inputs.first()?;
            let (from, to) = (from.id, to.id);
            let id = doc.fresh_wire_id()?;
            Some(Command::Connect(Wire {
                id,
                from: OutPortRef {
                    component: from,
                    port: out,
                },
                to: InPortRef {
                    component: to,
                    port: inp,
                },
            }))
        }
        4 => {
            let w = doc.wires.get(op.pick % doc.wires.len().max(1))?;
            Some(Command::Disconnect(w.id))
        }
        5 => {
            let c = comp(op.pick)?;
            Some(Command::SetLabel {
                id: c.id,
                before: c.label.clone(),
                after: format!("{} #{}", c.kind.name(), op.other % 100),
            })
        }
        6 => {
            let c = comp(op.pick)?;
            let other = ComponentKind::ALL[op.other % ComponentKind::ALL.len()];
            // Mostly the kind's default; sometimes a mismatched kind, which must be refused.
            Some(Command::SetConfig {
                id: c.id,
                before: c.config.clone(),
                after: other.default_config(),
            })
        }
        7 => {
            let c = comp(op.pick)?.id;
            let group = if doc.groups.is_empty() || op.other.is_multiple_of(3) {
                None
            } else {
                Some(doc.groups[op.other % doc.groups.len()].id)
            };
            Some(Command::Regroup(vec![(c, group)]))
        }
        8 => {
            let id = doc.fresh_group_id()?;
            Some(Command::AddGroup(Group {
                id,
                name: format!("DC {}", op.pick % 10),
                region: Region::ALL[op.other % Region::ALL.len()],
                bounds: ModelRect::new(x, y, 300.0, 200.0),
            }))
        }
        9 => {
            let g = doc.groups.get(op.pick % doc.groups.len().max(1))?;
            Some(Command::RemoveGroup(g.id))
        }
        10 => {
            let g = doc.groups.get(op.pick % doc.groups.len().max(1))?;
            Some(Command::MoveGroup {
                id: g.id,
                delta: Point::new(x, y),
            })
        }
        11 => {
            let g = doc.groups.get(op.pick % doc.groups.len().max(1))?;
            let mut after = g.bounds;
            after.width = 200.0 + x.abs();
            after.height = 140.0 + y.abs();
            Some(Command::ResizeGroup {
                id: g.id,
                before: g.bounds,
                after,
            })
        }
        12 => {
            let g = doc.groups.get(op.pick % doc.groups.len().max(1))?;
            Some(Command::RenameGroup {
                id: g.id,
                before: g.name.clone(),
                after: format!("DC {}", op.other % 10),
            })
        }
        13 => {
            let g = doc.groups.get(op.pick % doc.groups.len().max(1))?;
            Some(Command::SetGroupRegion {
                id: g.id,
                before: g.region,
                after: Region::ALL[op.other % Region::ALL.len()],
            })
        }
        _ => {
            // A stale command: must be refused and change nothing.
            Some(Command::Move {
                ids: vec![ComponentId(u32::MAX - 1)],
                delta: Point::new(x, y),
            })
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn undo_all_restores_the_original_and_redo_all_the_final(
        ops in prop::collection::vec(op(), 0..40),
        transactions in prop::collection::vec(0usize..4, 0..40),
    ) {
        let original = shop().diagram;
        let mut doc = original.clone();
        let mut history: History<Command> = History::new();
        let mut open = None;
        for (i, op) in ops.iter().enumerate() {
            // Now and then group a few commands into one transaction, as a drag would.
            if open.is_none() && transactions.get(i).copied() == Some(0) {
                open = Some(history.begin());
            }
            let Some(command) = command_for(op, &mut doc) else { continue };
            let before = doc.clone();
            if history.apply(&command, &mut doc).is_err() {
                prop_assert_eq!(&doc, &before, "a refused command changed the document");
            }
            if open.is_some() && transactions.get(i).copied() == Some(1) {
                history.commit(open.take().unwrap()).unwrap();
            }
        }
        if let Some(mark) = open.take() {
            history.commit(mark).unwrap();
        }
        let last = doc.clone();
        let counter = doc.next_id;
        while history.can_undo() {
            history.undo(&mut doc).unwrap();
        }
        prop_assert_eq!(content(&doc), content(&original));
        prop_assert_eq!(doc.next_id, counter, "undo never hands ids back");
        while history.can_redo() {
            history.redo(&mut doc).unwrap();
        }
        prop_assert_eq!(&doc, &last);
    }
}

// ----- the editor's own invariants, checked by reading its source -----

#[test]
fn editor_sources_stay_pure_and_documented() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/editor");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let name = path.display();
        assert!(
            source.starts_with("//!"),
            "{name} must open with a //! module doc"
        );
        for forbidden in [
            "leptos",
            "web_sys",
            "js_sys",
            "wasm_bindgen",
            "std::time",
            "Instant",
            "SystemTime",
            "rand::",
            "thread_rng",
            "HashMap",
            "HashSet",
        ] {
            assert!(
                !source.contains(forbidden),
                "{name} mentions `{forbidden}`: the editor is pure, clock- and entropy-free"
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "found only {checked} editor modules");
}

// ----- the property, driven through the state machine -----

/// One random user input, over an area covering the shop diagram and some empty canvas.
#[derive(Clone, Debug)]
enum Gesture {
    Down {
        x: i16,
        y: i16,
        button: u8,
        mods: u8,
    },
    Move {
        x: i16,
        y: i16,
    },
    Up {
        x: i16,
        y: i16,
    },
    Key {
        which: u8,
        mods: u8,
    },
    Wheel {
        dy: i16,
        x: i16,
        y: i16,
    },
    Drop {
        kind: u8,
        x: i16,
        y: i16,
    },
    Escape,
}

fn gesture() -> impl Strategy<Value = Gesture> {
    let x = -100i16..1200;
    let y = -100i16..800;
    prop_oneof![
        1 => (x.clone(), y.clone(), 0u8..4, 0u8..16).prop_map(|(x, y, button, mods)| Gesture::Down {
            x,
            y,
            button,
            mods
        }),
        4 => (x.clone(), y.clone()).prop_map(|(x, y)| Gesture::Move { x, y }),
        1 => (x.clone(), y.clone()).prop_map(|(x, y)| Gesture::Up { x, y }),
        1 => (0u8..12, 0u8..16).prop_map(|(which, mods)| Gesture::Key { which, mods }),
        1 => (-300i16..300, x.clone(), y.clone()).prop_map(|(dy, x, y)| Gesture::Wheel { dy, x, y }),
        1 => (0u8..13, x, y).prop_map(|(kind, x, y)| Gesture::Drop { kind, x, y }),
        1 => Just(Gesture::Escape),
    ]
}

fn mods(bits: u8) -> Modifiers {
    Modifiers {
        shift: bits & 1 != 0,
        ctrl: bits & 2 != 0,
        meta: false,
        alt: bits & 4 != 0 && bits & 8 != 0,
    }
}

fn play(d: &mut Driver, g: &Gesture) {
    match *g {
        Gesture::Down {
            x,
            y,
            button,
            mods: m,
        } => {
            d.button = match button {
                0 | 1 => PointerButton::Primary,
                2 => PointerButton::Middle,
                _ => PointerButton::Secondary,
            };
            d.modifiers = mods(m);
            d.down(v(x.into(), y.into()));
        }
        Gesture::Move { x, y } => d.move_to(v(x.into(), y.into())),
        Gesture::Up { x, y } => d.up(v(x.into(), y.into())),
        Gesture::Key { which, mods: m } => {
            let key = match which {
                0 => Key::Delete,
                1 => Key::Character('d'),
                2 | 3 => Key::Character('z'),
                4 => Key::Character('y'),
                5 => Key::Character('a'),
                6 => Key::ArrowLeft,
                7 => Key::ArrowDown,
                8 => Key::Space,
                9 => Key::Character('x'),
                10 => Key::Backspace,
                _ => Key::Character('1'),
            };
            d.key(key, mods(m));
            if which == 8 && m & 1 != 0 {
                d.send(InputEvent::KeyUp { key: Key::Space });
            }
        }
        Gesture::Wheel { dy, x, y } => {
            d.send(InputEvent::Wheel {
                delta: v(0.0, dy.into()),
                at: v(x.into(), y.into()),
                modifiers: Modifiers::NONE,
            });
        }
        Gesture::Drop { kind, x, y } => {
            let kind = ComponentKind::ALL[usize::from(kind) % ComponentKind::ALL.len()];
            let world = d.editor.world_at(v(x.into(), y.into()));
            d.send(InputEvent::PaletteDrop {
                item: kind.into(),
                world,
            });
        }
        Gesture::Escape => {
            d.key(Key::Escape, Modifiers::NONE);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any input sequence: no panic, the selection only names things that exist, and once the
    /// last gesture is cancelled, undoing everything gives back the original document and
    /// redoing as many steps gives back the final one.
    #[test]
    fn any_input_sequence_undoes_to_the_original(gestures in prop::collection::vec(gesture(), 0..60)) {
        let original = shop().diagram;
        let mut d = Driver::new(original.clone());
        for g in &gestures {
            play(&mut d, g);
            let doc = d.editor.diagram();
            let sel = d.editor.selection();
            prop_assert!(sel.components.iter().all(|id| doc.component(*id).is_some()));
            prop_assert!(sel.wires.iter().all(|id| doc.wire(*id).is_some()));
            prop_assert!(sel.groups.iter().all(|id| doc.group(*id).is_some()));
        }
        d.send(InputEvent::Blur);
        prop_assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
        let end = d.editor.diagram().clone();
        let steps = d.editor.history().undo_len();
        for _ in 0..steps {
            d.editor.run(Action::Undo);
        }
        prop_assert!(!d.editor.history().can_undo());
        prop_assert_eq!(content(d.editor.diagram()), content(&original));
        for _ in 0..steps {
            d.editor.run(Action::Redo);
        }
        prop_assert_eq!(d.editor.diagram(), &end);
    }
}

// ----- the context menu -----

fn context_click(d: &mut Driver, screen: Vec2) -> scalelab::editor::Response {
    let world = d.editor.world_at(screen);
    d.send(InputEvent::ContextMenu { screen, world })
}

fn menu_for(item: Selectable, at: Vec2) -> Option<Effect> {
    Some(Effect::OpenContextMenu { item, at })
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
    // Empty canvas: the selection is cleared and no menu opens.
    let empty = d.screen_of(v(300.0, 700.0));
    let response = context_click(&mut d, empty);
    assert!(response.handled);
    assert_eq!(response.effect, None);
    assert!(d.editor.selection().is_empty());
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
