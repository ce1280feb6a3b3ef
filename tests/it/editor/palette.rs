//! Dropping palette entries: components land snapped at the drop point and join the datacenter
//! there, datacenters are framed around it, and adding at the centre steps aside from an
//! occupant.

use scalelab::editor::{Action, InputEvent, Key, Modifiers, Rect, Selectable, Selection, ToolKind};
use scalelab::model::{ComponentKind, Diagram, Point};

use super::{CMD, Driver, content, shop, v};

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

/// A frame dropped over cards holds them, as the canvas shows, in the drop's one undo entry;
/// moved onto another card, it takes that one in too.
#[test]
fn a_datacenter_dropped_over_cards_holds_them() {
    use scalelab::editor::PaletteItem;
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let lb = d.world_pos(s.lb);
    d.send(InputEvent::PaletteDragStart {
        item: PaletteItem::Datacenter,
    });
    d.send(InputEvent::PaletteDrop {
        item: PaletteItem::Datacenter,
        world: lb,
    });
    let added = d.editor.diagram().groups.last().unwrap().id;
    assert_ne!(added, s.dc);
    assert_eq!(
        d.editor.diagram().component(s.lb).unwrap().group,
        Some(added)
    );
    assert_eq!(d.editor.history().undo_len(), 1);
    d.key(Key::Character('z'), CMD);
    assert_eq!(content(d.editor.diagram()), content(&s.diagram));
}

/// Escape cancels a drag from the palette: the drop the browser still sends adds nothing, and
/// the next drag adds again.
#[test]
fn escape_cancels_a_drag_from_the_palette() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let cdn = ComponentKind::Cdn.into();
    d.send(InputEvent::PaletteDragStart { item: cdn });
    d.send(InputEvent::PaletteDragOver {
        world: v(240.0, 580.0),
    });
    d.key(Key::Escape, Modifiers::NONE);
    assert_eq!(d.editor.palette_ghost(), None);
    d.send(InputEvent::PaletteDrop {
        item: cdn,
        world: v(240.0, 580.0),
    });
    assert_eq!(d.editor.diagram(), &s.diagram);
    assert!(!d.editor.history().can_undo());
    d.send(InputEvent::PaletteDragStart { item: cdn });
    d.send(InputEvent::PaletteDrop {
        item: cdn,
        world: v(240.0, 580.0),
    });
    assert_eq!(
        d.editor.diagram().components.len(),
        s.diagram.components.len() + 1
    );
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
    // One card-sized step down (a card, its run badge's room and its margin in whole grid
    // cells), named apart.
    assert_eq!(comps[1].pos, Point::new(400.0, 460.0));
    assert_eq!(comps[1].label, format!("{} 2", comps[0].label));
}

#[test]
fn add_at_centre_brings_a_card_pushed_aside_into_view() {
    // A phone's narrow canvas: the middle is taken, so each new card steps aside, and the
    // view follows it.
    let mut d = Driver::new(Diagram::new());
    let size = v(390.0, 500.0);
    d.send(InputEvent::ViewportResized { size });
    for _ in 0..6 {
        d.editor.run(Action::AddAtCentre(ComponentKind::WebServers));
        let c = d.editor.diagram().components.last().unwrap();
        let b = scalelab::editor::layout::card_bounds(c);
        let (min, max) = (d.screen_of(b.min), d.screen_of(b.max));
        assert!(
            min.x >= 0.0 && min.y >= 0.0 && max.x <= size.x && max.y <= size.y,
            "{} at {min:?}..{max:?}",
            c.label
        );
    }
}
