//! Port names written on cards: for every kind, in both languages, each name's plate lies
//! inside its card (where no wire runs), clear of its port's circle and of every other name.

use scalelab::editor::geometry::{Rect, Vec2};
use scalelab::editor::layout;
use scalelab::model::{Component, ComponentKind, DiagramBuilder};
use scalelab::present::lang::Lang;
use scalelab::present::say;

const PORT_RADIUS: f64 = 6.0;

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

/// A card of `kind` alone, at the origin.
fn alone(kind: ComponentKind) -> Component {
    let mut b = DiagramBuilder::new();
    let id = b.add(kind).at(0.0, 0.0).id();
    b.finish().component(id).unwrap().clone()
}

#[test]
fn every_port_name_fits_inside_its_card_clear_of_its_port_and_the_other_names() {
    let mut checked = 0;
    for kind in ComponentKind::ALL {
        let c = &alone(kind);
        let card = layout::card_bounds(c);
        for lang in Lang::ALL {
            let mut plates: Vec<(Rect, Vec2)> = Vec::new();
            for port in kind.ports().inputs {
                let at = layout::in_port_position(c, *port).unwrap();
                let width = layout::port_label_width(say::in_port_name(lang, *port));
                plates.push((layout::in_port_label_plate(at, width), at));
            }
            for port in kind.ports().outputs {
                let at = layout::out_port_position(c, *port).unwrap();
                let width = layout::port_label_width(say::out_port_name(lang, *port));
                plates.push((layout::out_port_label_plate(at, width), at));
            }
            for (i, (plate, port)) in plates.iter().enumerate() {
                assert!(
                    card.contains_rect(plate),
                    "{kind:?} {lang:?}: {plate:?} leaves {card:?}"
                );
                let circle =
                    Rect::from_center_size(*port, Vec2::new(2.0 * PORT_RADIUS, 2.0 * PORT_RADIUS));
                assert!(
                    !overlaps(plate, &circle),
                    "{kind:?} {lang:?}: a name covers its port"
                );
                for (other, _) in &plates[i + 1..] {
                    assert!(
                        !overlaps(plate, other),
                        "{kind:?} {lang:?}: {plate:?} meets {other:?}"
                    );
                }
                checked += 1;
            }
        }
    }
    // Every port of every kind, in each language, was looked at.
    let ports: usize = ComponentKind::ALL
        .iter()
        .map(|k| k.ports().inputs.len() + k.ports().outputs.len())
        .sum();
    assert_eq!(checked, ports * Lang::ALL.len());
}

#[test]
fn no_output_name_takes_room_from_the_title_line() {
    for kind in ComponentKind::ALL {
        let c = &alone(kind);
        let card = layout::card_bounds(c);
        let title_bottom = card.min.y + layout::CARD_TITLE_BOTTOM;
        for lang in Lang::ALL {
            for port in kind.ports().outputs {
                let at = layout::out_port_position(c, *port).unwrap();
                let width = layout::port_label_width(say::out_port_name(lang, *port));
                let plate = layout::out_port_label_plate(at, width);
                assert!(
                    plate.min.y >= title_bottom,
                    "{kind:?} {lang:?}: {port:?}'s name reaches the title line"
                );
            }
        }
    }
}
