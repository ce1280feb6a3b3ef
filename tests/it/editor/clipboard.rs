//! Duplicate, copy, cut and paste: fresh ids, offsets that grow with each paste, the share
//! format on the clipboard, and foreign text refused with an explanation.

use scalelab::editor::{Action, Effect, InputEvent, Key, Selectable, Selection};
use scalelab::model::{Component, ComponentKind, Diagram, Point, Rect as ModelRect};

use super::{CMD, Driver, add, content, seoul, shop};

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
    // Offset by the paste offset to (440, 140) and (740, 140) would overlap the originals, and
    // one step down would put the web copy's run badge over the database: the pair moves up
    // two steps as a whole, to the nearest free space.
    assert_eq!(copies[0].pos, Point::new(440.0, -180.0));
    assert_eq!(copies[1].pos, Point::new(740.0, -180.0));
    assert_eq!(copies[0].label, "Load balancer 2");
    assert_eq!(copies[1].label, "Web servers 2");
    assert_eq!(
        copies[1].group, None,
        "the copy's centre is above the datacenter: it is on open canvas"
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
fn a_copy_placed_inside_a_datacenter_joins_it() {
    let mut d = Diagram::new();
    let db = add(&mut d, ComponentKind::Database, 400.0, 400.0);
    let dc = seoul(&mut d, ModelRect::new(0.0, 0.0, 1200.0, 1200.0));
    d.set_group(db, Some(dc)).unwrap();
    let mut d = Driver::new(d);
    d.editor
        .set_selection(Selection::only(Selectable::Component(db)));
    d.key(Key::Character('d'), CMD);
    let copy = &d.editor.diagram().components[1];
    // The paste offset's spot is taken; one step down is free and still inside the frame.
    assert_eq!(copy.pos, Point::new(440.0, 600.0));
    assert_eq!(copy.group, Some(dc));
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
    // The second paste wants (1080, 680), too close to the first: it goes one step down (a
    // card, its badge's room and the margin: 160).
    assert_eq!(comps[1].pos, Point::new(1080.0, 840.0));
    assert_eq!(comps[0].label, "Cache");
    assert_eq!(comps[1].label, "Cache 2");
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
    // Pasted back into the same document, the pair moves one step right to free space (a step
    // down would put the web copy's run badge over the database): both copies now lie right
    // of the frame, on open canvas, and are in no datacenter.
    d.send(InputEvent::Paste { text });
    let copies = &d.editor.diagram().components[5..];
    assert_eq!(copies[0].pos, Point::new(920.0, 140.0));
    assert_eq!(copies[0].group, None);
    assert_eq!(copies[1].pos, Point::new(920.0, 440.0));
    assert_eq!(copies[1].group, None);
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
fn a_paste_whose_free_space_is_off_screen_is_brought_into_view() {
    use scalelab::editor::geometry::Vec2;
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    // A canvas that shows the shop's left part only, at 100 %.
    d.send(InputEvent::ViewportResized {
        size: Vec2::new(500.0, 400.0),
    });
    d.editor.set_selection(Selection {
        components: [s.lb, s.web].into(),
        ..Selection::default()
    });
    d.key(Key::Character('d'), CMD);
    let pasted = d.editor.diagram().components[5..]
        .iter()
        .map(scalelab::editor::layout::card_bounds)
        .reduce(|a, b| a.union(&b))
        .unwrap();
    assert!(
        d.editor.camera().shows(pasted, Vec2::new(500.0, 400.0)),
        "the copies are on screen: {pasted:?} with {:?}",
        d.editor.camera()
    );
}
