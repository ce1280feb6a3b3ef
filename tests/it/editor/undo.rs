//! Undo and the gestures: a gesture's history mark opens as it starts, commits as one undo
//! entry on release and rolls back on Escape without touching redo; undo and delete wait for
//! a drag to end; camera and selection never clear redo; loading forgets the history; and a
//! property test that any input sequence, driven through the state machine, undoes to the
//! original document.

use proptest::prelude::*;

use scalelab::editor::layout;
use scalelab::editor::{
    Action, InputEvent, Key, Modifiers, PointerButton, PointerId, PointerKind, Selectable,
    Selection, ToolKind, Vec2,
};
use scalelab::model::{ComponentKind, Diagram};

use super::{CMD, CMD_SHIFT, Driver, Shop, content, shop, v};

// ----- the gesture owns its undo mark -----

/// The three gestures that change the document, on a fresh driver over the shop: where each
/// presses and where it ends (screen pixels), and the state it runs in. The card drag ends
/// inside the datacenter, so its release regroups too.
fn marked_gestures(d: &Driver, s: &Shop) -> [(ToolKind, Vec2, Vec2); 3] {
    let card = d.screen_of(d.world_pos(s.lb));
    let title = d.screen_of(v(600.0, 10.0));
    let handle = d.screen_of(v(856.0, 496.0));
    [
        (ToolKind::DraggingComponents, card, card + v(300.0, 150.0)),
        (ToolKind::DraggingGroup, title, title + v(100.0, 40.0)),
        (ToolKind::ResizingGroup, handle, handle + v(-60.0, -120.0)),
    ]
}

/// Presses at `from` and moves in five steps to `to`, without releasing.
fn press_and_move(d: &mut Driver, from: Vec2, to: Vec2) {
    d.down(from);
    for i in 1..=5 {
        d.move_to(from + (to - from).scale(f64::from(i) / 5.0));
    }
}

#[test]
fn a_gesture_opens_its_mark_as_it_starts_and_its_release_commits_exactly_one_entry() {
    let s = shop();
    for i in 0..3 {
        let mut d = Driver::new(s.diagram.clone());
        let (kind, from, to) = marked_gestures(&d, &s)[i];
        d.down(from);
        d.move_to(from + v(2.0, 0.0));
        assert_eq!(d.editor.tool().kind(), ToolKind::Pointing, "{kind:?}");
        assert!(
            !d.editor.history().in_transaction(),
            "{kind:?}: a press that may still be a click opens no mark"
        );
        for step in 1..=5 {
            d.move_to(from + (to - from).scale(f64::from(step) / 5.0));
            assert_eq!(d.editor.tool().kind(), kind);
            assert!(
                d.editor.history().in_transaction(),
                "{kind:?}: the mark is open"
            );
        }
        d.up(to);
        assert_eq!(d.editor.tool().kind(), ToolKind::Idle, "{kind:?}");
        assert!(
            !d.editor.history().in_transaction(),
            "{kind:?}: the release closes the mark"
        );
        assert_eq!(d.editor.history().undo_len(), 1, "{kind:?}: one entry");
        let after = d.editor.diagram().clone();
        assert_ne!(
            content(&after),
            content(&s.diagram),
            "{kind:?} changed nothing"
        );
        d.key(Key::Character('z'), CMD);
        assert_eq!(content(d.editor.diagram()), content(&s.diagram), "{kind:?}");
        assert!(!d.editor.history().can_undo(), "{kind:?}");
        d.key(Key::Character('z'), CMD_SHIFT);
        assert_eq!(d.editor.diagram(), &after, "{kind:?}");
    }
    // The card drag's regrouping is part of its one entry.
    let mut d = Driver::new(s.diagram.clone());
    let (_, from, to) = marked_gestures(&d, &s)[0];
    press_and_move(&mut d, from, to);
    d.up(to);
    assert_eq!(
        d.editor.diagram().component(s.lb).unwrap().group,
        Some(s.dc)
    );
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram().component(s.lb).unwrap().group, None);
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
}

#[test]
fn escape_blur_or_cancel_mid_gesture_roll_back_to_the_mark_record_nothing_and_keep_redo() {
    let s = shop();
    for ending in [
        InputEvent::Key {
            key: Key::Escape,
            modifiers: Modifiers::NONE,
        },
        InputEvent::Blur,
        InputEvent::Cancel,
    ] {
        for i in 0..3 {
            let mut d = Driver::new(s.diagram.clone());
            // A redo entry to keep: nudge the cache and undo it.
            d.editor
                .set_selection(Selection::only(Selectable::Component(s.cache)));
            d.key(Key::ArrowRight, Modifiers::NONE);
            let nudged = d.editor.diagram().clone();
            d.key(Key::Character('z'), CMD);
            d.editor.set_selection(Selection::default());
            assert_eq!(d.editor.history().redo_len(), 1);

            let (kind, from, to) = marked_gestures(&d, &s)[i];
            press_and_move(&mut d, from, to);
            assert_eq!(d.editor.tool().kind(), kind);
            assert_ne!(content(d.editor.diagram()), content(&s.diagram), "{kind:?}");
            d.send(ending.clone());
            assert_eq!(
                d.editor.tool().kind(),
                ToolKind::Idle,
                "{kind:?} {ending:?}"
            );
            assert!(
                !d.editor.history().in_transaction(),
                "{kind:?} {ending:?}: the mark went with its gesture"
            );
            assert_eq!(
                content(d.editor.diagram()),
                content(&s.diagram),
                "{kind:?} {ending:?}: rolled back to the mark"
            );
            assert_eq!(d.editor.history().undo_len(), 0, "{kind:?} {ending:?}");
            assert_eq!(
                d.editor.history().redo_len(),
                1,
                "{kind:?} {ending:?}: a cancelled gesture leaves redo intact"
            );
            // The release that follows does nothing; the redo entry still replays.
            d.up(to);
            assert_eq!(content(d.editor.diagram()), content(&s.diagram));
            d.key(Key::Character('z'), CMD_SHIFT);
            assert_eq!(d.editor.diagram(), &nudged, "{kind:?} {ending:?}");
        }
    }
}

#[test]
fn a_gesture_after_a_cancelled_one_gets_a_fresh_mark_of_its_own() {
    let s = shop();
    for i in 0..3 {
        let mut d = Driver::new(s.diagram.clone());
        let (kind, from, to) = marked_gestures(&d, &s)[i];
        press_and_move(&mut d, from, to);
        d.key(Key::Escape, Modifiers::NONE);
        d.up(to);
        press_and_move(&mut d, from, to);
        assert_eq!(d.editor.tool().kind(), kind);
        d.up(to);
        assert!(!d.editor.history().in_transaction(), "{kind:?}");
        assert_eq!(d.editor.history().undo_len(), 1, "{kind:?}");
        d.key(Key::Character('z'), CMD);
        assert_eq!(content(d.editor.diagram()), content(&s.diagram), "{kind:?}");
    }
}

#[test]
fn a_second_touch_contact_rolls_the_gesture_back_to_its_mark() {
    let s = shop();
    for i in 0..3 {
        let mut d = Driver::new(s.diagram.clone());
        d.kind = PointerKind::Touch;
        let (kind, from, to) = marked_gestures(&d, &s)[i];
        press_and_move(&mut d, from, to);
        assert_eq!(d.editor.tool().kind(), kind);
        d.pointer = PointerId(2);
        d.down(v(20.0, 700.0));
        assert_eq!(d.editor.tool().kind(), ToolKind::Pinching, "{kind:?}");
        assert!(!d.editor.history().in_transaction(), "{kind:?}");
        assert_eq!(content(d.editor.diagram()), content(&s.diagram), "{kind:?}");
        assert_eq!(d.editor.history().undo_len(), 0, "{kind:?}");
    }
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
    // Fitted: the diagram and the room above it for a run's badges, centred.
    let bounds = layout::diagram_bounds(&s.diagram).unwrap();
    let centre = bounds.center() - v(0.0, layout::BADGE_ROOM / 2.0);
    let centre = d.editor.camera().world_to_screen(centre);
    assert!(centre.distance(v(400.0, 300.0)) < 1e-6);
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

    /// Any input sequence: no panic, the selection only names things that exist, a history mark
    /// is open exactly while the gesture that owns it goes on, and once the last gesture is
    /// cancelled, undoing everything gives back the original document and redoing as many steps
    /// gives back the final one.
    #[test]
    fn any_input_sequence_undoes_to_the_original(gestures in prop::collection::vec(gesture(), 0..60)) {
        let original = shop().diagram;
        let mut d = Driver::new(original.clone());
        for g in &gestures {
            play(&mut d, g);
            prop_assert_eq!(
                d.editor.history().in_transaction(),
                d.editor.tool().holds_mark(),
                "a history mark is open exactly while a gesture holds it"
            );
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

/// A document opened over work (a file, a link) is one undo entry: Undo brings the work back,
/// and Redo the opened document.
#[test]
fn a_document_opened_over_work_is_one_undo_away() {
    let work = shop().diagram;
    let opened = scalelab::model::examples::single_server();
    let mut d = Driver::new(work.clone());
    d.editor.open_replacing(opened.clone());
    assert_eq!(d.editor.diagram(), &opened);
    assert_eq!(d.editor.history().undo_len(), 1);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &work);
    d.key(Key::Character('z'), CMD_SHIFT);
    assert_eq!(d.editor.diagram(), &opened);
}
