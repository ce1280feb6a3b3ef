//! Document commands on their own: stale ids fail without panicking or changing anything, and
//! a property test that any sequence of commands, in any grouping into transactions, undoes to
//! the original and redoes to the final document.

use proptest::prelude::*;

use scalelab::editor::{Command, CommandError, History, HistoryError};
use scalelab::model::{
    Component, ComponentId, ComponentKind, Diagram, EditError, Group, GroupId, InPort, InPortRef,
    OutPort, OutPortRef, Point, Rect as ModelRect, Region, Wire, WireId,
};

use super::{content, shop};

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
