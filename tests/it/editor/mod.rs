//! Editor flows driven by synthetic input events, asserting the tool-state path and the
//! resulting document (in the manner of tldraw's editor tests), one file per topic that mirrors
//! the editor's own files, plus property tests that any sequence of commands or inputs undoes
//! and redoes exactly.
//!
//! This file holds what the topics share: the shop fixture, the [`Driver`] that feeds events and
//! records the path of tool states, and small helpers.

mod actions;
mod auto_pan;
mod clipboard;
mod commands;
mod connecting;
mod context_menu;
mod forms;
mod keyboard;
mod palette;
mod placement;
mod pointer;
mod port_labels;
mod routing;
mod sources;
mod touch;
mod undo;

use scalelab::editor::layout;
use scalelab::editor::{
    Editor, InputEvent, Key, Modifiers, PointerButton, PointerEvent, PointerId, PointerKind,
    ToolKind, Vec2,
};
use scalelab::model::{
    ComponentId, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, Group, GroupId, InPort,
    InPortRef, OutPort, OutPortRef, Point, Rect as ModelRect, Region,
};
use scalelab::present::lang::Lang;
use scalelab::present::say;

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

/// Adds a component of `kind` named as the palette names it, at (`x`, `y`).
fn add(d: &mut Diagram, kind: ComponentKind, x: f64, y: f64) -> ComponentId {
    d.add_component(kind, say::kind_name(Lang::En, kind), Point::new(x, y))
        .unwrap()
}

/// Adds a datacenter named Seoul, in Asia, over `bounds`.
fn seoul(d: &mut Diagram, bounds: ModelRect) -> GroupId {
    let dc = d.fresh_group_id().unwrap();
    d.insert_group(Group {
        id: dc,
        name: "Seoul".into(),
        region: Region::Asia,
        bounds,
    })
    .unwrap();
    dc
}

fn shop() -> Shop {
    let mut d = Diagram::new();
    let users = add(&mut d, ComponentKind::Users, 100.0, 100.0);
    let lb = add(&mut d, ComponentKind::LoadBalancer, 400.0, 100.0);
    let web = add(&mut d, ComponentKind::WebServers, 700.0, 100.0);
    let db = add(&mut d, ComponentKind::Database, 700.0, 400.0);
    let cache = add(&mut d, ComponentKind::Cache, 1000.0, 600.0);
    let dc = seoul(&mut d, ModelRect::new(560.0, 0.0, 300.0, 500.0));
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

// ----- port positions -----

fn out_port(d: &Driver, component: ComponentId, port: OutPort) -> Vec2 {
    let c = d.editor.diagram().component(component).unwrap();
    d.screen_of(layout::out_port_position(c, port).unwrap())
}

fn in_port(d: &Driver, component: ComponentId, port: InPort) -> Vec2 {
    let c = d.editor.diagram().component(component).unwrap();
    d.screen_of(layout::in_port_position(c, port).unwrap())
}
