//! New cards where there is room: click-to-add, duplicate and paste put their cards in free
//! space near the wanted spot (a pasted group as a whole, keeping its layout), number a copy
//! whose label is taken, and stay one undo step each.

use scalelab::editor::geometry::Rect;
use scalelab::editor::placement::MARGIN;
use scalelab::editor::{Action, Effect, InputEvent, Key, Selectable, Selection, Vec2, layout};
use scalelab::model::{Component, ComponentKind, Diagram};
use scalelab::present::lang::Lang;
use scalelab::present::say;

use super::{CMD, Driver, content, shop, v};

/// A card's bounds with the room its run badge takes above them.
fn with_badge(c: &Component) -> Rect {
    let card = layout::card_bounds(c);
    Rect::from_corners(card.min - v(0.0, layout::BADGE_ROOM), card.max)
}

/// Panics unless every two cards of `diagram` are at least the placement margin apart, each
/// counted with its badge room (a run's figures above a card never cover the card above).
fn assert_apart(diagram: &Diagram) {
    let cards = &diagram.components;
    for (i, a) in cards.iter().enumerate() {
        for b in &cards[i + 1..] {
            let near = with_badge(a).expand(MARGIN - 1e-6);
            assert!(
                !near.intersects(&with_badge(b)),
                "{:?} at {:?} and {:?} at {:?} overlap or touch",
                a.label,
                a.pos,
                b.label,
                b.pos
            );
        }
    }
}

fn labels(cards: &[Component]) -> Vec<&str> {
    cards.iter().map(|c| c.label.as_str()).collect()
}

#[test]
fn ten_clicks_to_add_give_ten_cards_apart_near_the_centre_each_undone_in_one_step() {
    let mut d = Driver::new(Diagram::new());
    d.send(InputEvent::ViewportResized {
        size: v(800.0, 600.0),
    });
    let centre = d.editor.world_at(v(400.0, 300.0));
    for _ in 0..10 {
        d.editor.run(Action::AddAtCentre(ComponentKind::WebServers));
    }
    let doc = d.editor.diagram();
    assert_eq!(doc.components.len(), 10);
    assert_apart(doc);
    for c in &doc.components {
        // Ten cards fit within two card-sized steps of the centre (160 units each below).
        assert!(
            Vec2::from(c.pos).distance(centre) <= 330.0,
            "{:?} is far from the centre",
            c.pos
        );
    }
    let name = say::kind_name(Lang::En, ComponentKind::WebServers);
    let mut expected = vec![name.to_string()];
    expected.extend((2..=10).map(|n| format!("{name} {n}")));
    assert_eq!(labels(&doc.components), expected);
    assert_eq!(d.editor.history().undo_len(), 10);
    for left in (0..10).rev() {
        d.key(Key::Character('z'), CMD);
        assert_eq!(d.editor.diagram().components.len(), left);
    }
}

#[test]
fn click_to_add_numbers_a_taken_default_label_in_the_editors_language() {
    let mut d = Driver::new(Diagram::new());
    d.editor.set_language(Lang::Ko);
    d.editor.run(Action::AddAtCentre(ComponentKind::WebServers));
    d.editor.run(Action::AddAtCentre(ComponentKind::WebServers));
    let name = say::kind_name(Lang::Ko, ComponentKind::WebServers);
    assert_eq!(
        labels(&d.editor.diagram().components),
        [name.to_string(), format!("{name} 2")]
    );
    assert_apart(d.editor.diagram());
}

#[test]
fn duplicating_twice_gives_copies_apart_numbered_2_then_3_each_undone_in_one_step() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.cache)));
    d.key(Key::Character('d'), CMD);
    // The copy is selected: duplicating again copies the copy.
    d.key(Key::Character('d'), CMD);
    let doc = d.editor.diagram();
    assert_eq!(doc.components.len(), 7);
    assert_eq!(labels(&doc.components[5..]), ["Cache 2", "Cache 3"]);
    assert_apart(doc);
    assert_eq!(d.editor.history().undo_len(), 2);
    d.key(Key::Character('z'), CMD);
    assert_eq!(labels(&d.editor.diagram().components[5..]), ["Cache 2"]);
    d.key(Key::Character('z'), CMD);
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
}

#[test]
fn a_label_still_free_stays_as_it_is_and_a_datacenter_suffix_is_kept() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor
        .rename(s.cache, "Cache (DC1)".into())
        .expect("rename");
    d.editor
        .set_selection(Selection::only(Selectable::Component(s.cache)));
    let Some(Effect::WriteClipboard(text)) = d.key(Key::Character('c'), CMD).effect else {
        panic!("copy writes the clipboard");
    };
    d.send(InputEvent::Paste { text: text.clone() });
    assert_eq!(
        d.editor.diagram().components.last().unwrap().label,
        "Cache (DC1) 2"
    );
    let mut other = Driver::new(Diagram::new());
    other.send(InputEvent::Paste { text });
    assert_eq!(other.editor.diagram().components[0].label, "Cache (DC1)");
}

#[test]
fn a_pasted_group_keeps_its_layout_lands_apart_and_is_one_undo_step() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let picked = [s.users, s.lb, s.web];
    d.editor.set_selection(Selection {
        components: picked.into(),
        ..Selection::default()
    });
    let Some(Effect::WriteClipboard(text)) = d.key(Key::Character('c'), CMD).effect else {
        panic!("copy writes the clipboard");
    };
    d.send(InputEvent::Paste { text: text.clone() });
    d.send(InputEvent::Paste { text });
    let doc = d.editor.diagram();
    assert_eq!(doc.components.len(), 11);
    assert_eq!(
        doc.wires.len(),
        3 + 2 + 2,
        "each paste brings its two wires"
    );
    assert_apart(doc);
    let original: Vec<Vec2> = picked.iter().map(|id| d.world_pos(*id)).collect();
    for copies in [&doc.components[5..8], &doc.components[8..11]] {
        let shift = Vec2::from(copies[0].pos) - original[0];
        for (copy, from) in copies.iter().zip(&original) {
            assert_eq!(Vec2::from(copy.pos), *from + shift, "the layout is kept");
        }
    }
    assert_eq!(
        labels(&doc.components[5..]),
        [
            "Users 2",
            "Load balancer 2",
            "Web servers 2",
            "Users 3",
            "Load balancer 3",
            "Web servers 3"
        ]
    );
    assert_eq!(d.editor.history().undo_len(), 2);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram().components.len(), 8);
    d.key(Key::Character('z'), CMD);
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
}
