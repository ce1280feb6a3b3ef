//! Wiring from the keyboard: W starts from the selected card, Tab and the arrows aim, Enter
//! connects or explains the refusal, W cycles the outputs, Escape or a press cancels.

use scalelab::editor::{Action, Key, Modifiers, Selectable, Selection, ToolKind};
use scalelab::model::{InPort, InPortRef};

use super::{CMD, Driver, content, shop, v};

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
    // Said once, in the status line, not in a notice too.
    assert_eq!(d.editor.notice(), None);
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
