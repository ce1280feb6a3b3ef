//! Drawing wires with the pointer: from an output port to an input port the rules accept, as
//! one undo entry; refused ports say why; a release elsewhere does nothing; a click on a port
//! only selects its card. A press on an input port draws a wire backwards, to the output that
//! will feed it, by the same rules and as one undo entry too.

use scalelab::editor::Modifiers;
use scalelab::editor::{Key, Selectable, Selection, ToolKind};
use scalelab::model::{InPort, InPortRef, OutPort, OutPortRef};

use super::{CMD, Driver, content, in_port, out_port, shop, v};

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

// ----- a wire drawn backwards, from an input port -----

#[test]
fn dragging_from_an_input_port_to_a_card_wires_that_cards_output_into_it_in_one_undo_step() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let cache_in = in_port(&d, s.cache, InPort::Data);
    let web_card = d.screen_of(d.world_pos(s.web));
    d.down(cache_in);
    d.move_to(cache_in - v(20.0, 20.0));
    assert_eq!(d.editor.tool().kind(), ToolKind::ConnectingFromInput);
    let web_data = OutPortRef {
        component: s.web,
        port: OutPort::Data,
    };
    assert!(d.editor.valid_sources().contains(&web_data));
    assert!(
        d.editor
            .valid_sources()
            .iter()
            .all(|p| p.component != s.cache)
    );
    d.move_to(web_card);
    let ghost = d.editor.ghost_wire().unwrap();
    assert_eq!(ghost.valid, Some(true));
    assert_eq!(
        ghost.from,
        d.editor.world_at(out_port(&d, s.web, OutPort::Data))
    );
    assert_eq!(ghost.to, d.editor.world_at(cache_in));
    d.up(web_card);
    assert_eq!(
        d.path,
        [
            ToolKind::Idle,
            ToolKind::Pointing,
            ToolKind::ConnectingFromInput,
            ToolKind::Idle
        ]
    );
    let wires = &d.editor.diagram().wires;
    assert_eq!(wires.len(), s.diagram.wires.len() + 1);
    let new = wires.last().unwrap();
    assert_eq!(new.from, web_data);
    assert_eq!(
        new.to,
        InPortRef {
            component: s.cache,
            port: InPort::Data
        }
    );
    assert_eq!(d.editor.history().undo_len(), 1);
    d.key(Key::Character('z'), CMD);
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
}

#[test]
fn dragging_from_an_input_port_no_longer_moves_its_card() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let cache_in = in_port(&d, s.cache, InPort::Data);
    d.drag(cache_in, cache_in + v(-200.0, 150.0), 5);
    assert_eq!(d.pos(s.cache), s.diagram.component(s.cache).unwrap().pos);
    assert!(!d.path.contains(&ToolKind::DraggingComponents));
    // Released over empty canvas: nothing happens.
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert!(!d.editor.history().can_undo());
}

#[test]
fn a_wire_drawn_backwards_from_a_refusing_source_says_why_and_changes_nothing() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let db_in = in_port(&d, s.db, InPort::Data);
    let users_out = out_port(&d, s.users, OutPort::Dynamic);
    d.down(db_in);
    d.move_to(db_in - v(30.0, 0.0));
    assert!(
        d.editor
            .valid_sources()
            .iter()
            .all(|p| p.component != s.users)
    );
    d.move_to(users_out);
    let reason = d
        .editor
        .refusal()
        .expect("hovering the users' output shows why")
        .to_string();
    assert_eq!(d.editor.ghost_wire().unwrap().valid, Some(false));
    d.up(users_out);
    assert_eq!(d.editor.notice(), Some(reason.as_str()));
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert!(!d.editor.history().can_undo());
}

#[test]
fn escape_ends_a_wire_drawn_backwards_without_a_trace() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let cache_in = in_port(&d, s.cache, InPort::Data);
    d.down(cache_in);
    d.move_to(d.screen_of(d.world_pos(s.web)));
    assert!(d.editor.ghost_wire().is_some());
    d.key(Key::Escape, Modifiers::NONE);
    assert_eq!(d.editor.tool().kind(), ToolKind::Idle);
    assert!(d.editor.ghost_wire().is_none());
    assert!(d.editor.valid_sources().is_empty());
    assert_eq!(d.editor.diagram(), &s.diagram);
}
