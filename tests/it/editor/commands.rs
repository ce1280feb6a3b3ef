//! Document commands on their own: stale ids fail without panicking or changing anything, and
//! a property test that any sequence of commands, in any grouping into transactions, undoes to
//! the original and redoes to the final document, and a check that the property's generator
//! reaches every kind of edit it lists.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

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
            "DNS",
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

/// What the editor makes, the share format opens again: an edit the format would refuse (a
/// label or name too long, settings or a traffic profile out of range, a fault at a time it
/// does not hold) is refused, the document left as it was, and every document the history
/// leaves behind survives a file and a link.
#[test]
fn edits_the_share_format_would_refuse_are_refused() {
    use scalelab::model::config::{UserLoad, UsersConfig};
    use scalelab::model::{ComponentConfig, Fault, FaultAction, FaultTarget, TrafficProfile};
    use scalelab::share;
    let s = shop();
    let mut doc = s.diagram.clone();
    let mut history: History<Command> = History::new();
    let long = "데".repeat(share::MAX_LABEL_CHARS + 1);
    let users = doc.component(s.users).unwrap().clone();
    let mut flooded = match &users.config {
        ComponentConfig::Users(u) => u.clone(),
        _ => unreachable!("the shop's users"),
    };
    flooded.load = UserLoad::ActiveUsers {
        active_users: u64::MAX,
        requests_per_user_per_s: 0.1,
    };
    let scenario_with = |edit: &dyn Fn(&mut scalelab::model::Scenario)| {
        let mut after = doc.scenario.clone();
        edit(&mut after);
        Command::SetScenario {
            before: Box::new(doc.scenario.clone()),
            after: Box::new(after),
        }
    };
    let refused = [
        Command::SetLabel {
            id: s.users,
            before: users.label.clone(),
            after: long.clone(),
        },
        Command::RenameGroup {
            id: s.dc,
            before: doc.group(s.dc).unwrap().name.clone(),
            after: long.clone(),
        },
        Command::AddComponent(Component::new(
            ComponentId(900),
            ComponentKind::Dns,
            long.as_str(),
            Point::new(0.0, 0.0),
        )),
        Command::SetConfig {
            id: s.users,
            before: users.config.clone(),
            after: ComponentConfig::Users(UsersConfig { ..flooded }),
        },
        scenario_with(&|sc| {
            sc.faults.push(Fault {
                at_s: 1e30,
                action: FaultAction::Fail,
                target: FaultTarget::Component(s.db),
            })
        }),
        scenario_with(&|sc| sc.faults[0].at_s = f64::NAN),
        scenario_with(&|sc| {
            sc.traffic = TrafficProfile::Ramp {
                start_factor: 1.0,
                end_factor: 1e30,
            }
        }),
    ];
    for command in refused {
        let result = history.apply(&command, &mut doc);
        assert!(
            matches!(
                result,
                Err(HistoryError::Command(CommandError::Unsavable(_)))
            ),
            "{command:?} gave {result:?}"
        );
        assert_eq!(doc, s.diagram, "{command:?} changed the document");
    }
    // At the limit, a name is taken, and the document still opens as a file and as a link.
    let longest = "데".repeat(share::MAX_LABEL_CHARS);
    history
        .apply(
            &Command::SetLabel {
                id: s.users,
                before: users.label.clone(),
                after: longest.clone(),
            },
            &mut doc,
        )
        .unwrap();
    let file = share::import_json(&share::export_json(&doc)).unwrap();
    assert_eq!(file.diagram, doc);
    let link = share::decode_link(&share::encode_link(&doc)).unwrap();
    assert_eq!(link.diagram, doc);
}

// ----- the property: undo all / redo all -----

/// The kinds of random edit the property draws from, one per arm of [`command_for`]; the
/// generator picks among [`Arm::ALL`], and `every_arm_of_the_generator_runs` checks that each
/// one reaches the history (so an arm cannot silently drop out of the draw).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arm {
    AddComponent,
    RemoveComponents,
    Move,
    Connect,
    Disconnect,
    SetLabel,
    SetConfig,
    Regroup,
    AddGroup,
    RemoveGroup,
    MoveGroup,
    ResizeGroup,
    RenameGroup,
    SetGroupRegion,
    /// A command naming a component that does not exist: refused, changing nothing.
    Stale,
}

impl Arm {
    const ALL: [Arm; 15] = [
        Arm::AddComponent,
        Arm::RemoveComponents,
        Arm::Move,
        Arm::Connect,
        Arm::Disconnect,
        Arm::SetLabel,
        Arm::SetConfig,
        Arm::Regroup,
        Arm::AddGroup,
        Arm::RemoveGroup,
        Arm::MoveGroup,
        Arm::ResizeGroup,
        Arm::RenameGroup,
        Arm::SetGroupRegion,
        Arm::Stale,
    ];

    fn index(self) -> usize {
        Arm::ALL.iter().position(|a| *a == self).unwrap()
    }
}

/// One random edit, interpreted against the current document so most are valid; `pick` and
/// `other` choose among existing ids, `x`/`y` give positions and deltas.
#[derive(Clone, Debug)]
struct Op {
    which: Arm,
    pick: usize,
    other: usize,
    x: i16,
    y: i16,
}

fn op() -> impl Strategy<Value = Op> {
    (
        prop::sample::select(Arm::ALL.as_slice()),
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

/// A run of edits, and where transactions open (0) and close (1) along it.
fn sequence() -> impl Strategy<Value = (Vec<Op>, Vec<usize>)> {
    (
        prop::collection::vec(op(), 0..40),
        prop::collection::vec(0usize..4, 0..40),
    )
}

/// Builds a command for `op` against `doc` (None when the document has nothing to act on).
fn command_for(op: &Op, doc: &mut Diagram) -> Option<Command> {
    let comp = |i: usize| -> Option<&Component> {
        (!doc.components.is_empty()).then(|| &doc.components[i % doc.components.len()])
    };
    let x = f64::from(op.x) / 8.0;
    let y = f64::from(op.y) / 8.0;
    match op.which {
        Arm::AddComponent => {
            let kind = ComponentKind::ALL[op.pick % ComponentKind::ALL.len()];
            let id = doc.fresh_component_id()?;
            Some(Command::AddComponent(Component::new(
                id,
                kind,
                format!("{kind:?}"),
                Point::new(x, y),
            )))
        }
        Arm::RemoveComponents => {
            let a = comp(op.pick)?.id;
            let b = comp(op.other)?.id;
            Some(Command::RemoveComponents(if a == b {
                vec![a]
            } else {
                vec![a, b]
            }))
        }
        Arm::Move => {
            let a = comp(op.pick)?.id;
            Some(Command::Move {
                ids: vec![a],
                delta: Point::new(x, y),
            })
        }
        Arm::Connect => {
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
        Arm::Disconnect => {
            let w = doc.wires.get(op.pick % doc.wires.len().max(1))?;
            Some(Command::Disconnect(w.id))
        }
        Arm::SetLabel => {
            let c = comp(op.pick)?;
            Some(Command::SetLabel {
                id: c.id,
                before: c.label.clone(),
                after: format!("{:?} #{}", c.kind, op.other % 100),
            })
        }
        Arm::SetConfig => {
            let c = comp(op.pick)?;
            // Mostly the kind's default; one time in four any kind's, so sometimes a
            // mismatched kind, which must be refused.
            let kind = if op.other.is_multiple_of(4) {
                ComponentKind::ALL[op.other / 4 % ComponentKind::ALL.len()]
            } else {
                c.kind
            };
            Some(Command::SetConfig {
                id: c.id,
                before: c.config.clone(),
                after: kind.default_config(),
            })
        }
        Arm::Regroup => {
            let c = comp(op.pick)?.id;
            let group = if doc.groups.is_empty() || op.other.is_multiple_of(3) {
                None
            } else {
                Some(doc.groups[op.other % doc.groups.len()].id)
            };
            Some(Command::Regroup(vec![(c, group)]))
        }
        Arm::AddGroup => {
            let id = doc.fresh_group_id()?;
            Some(Command::AddGroup(Group {
                id,
                name: format!("DC {}", op.pick % 10),
                region: Region::ALL[op.other % Region::ALL.len()],
                bounds: ModelRect::new(x, y, 300.0, 200.0),
            }))
        }
        Arm::RemoveGroup => {
            let g = doc.groups.get(op.pick % doc.groups.len().max(1))?;
            Some(Command::RemoveGroup(g.id))
        }
        Arm::MoveGroup => {
            let g = doc.groups.get(op.pick % doc.groups.len().max(1))?;
            Some(Command::MoveGroup {
                id: g.id,
                delta: Point::new(x, y),
            })
        }
        Arm::ResizeGroup => {
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
        Arm::RenameGroup => {
            let g = doc.groups.get(op.pick % doc.groups.len().max(1))?;
            Some(Command::RenameGroup {
                id: g.id,
                before: g.name.clone(),
                after: format!("DC {}", op.other % 10),
            })
        }
        Arm::SetGroupRegion => {
            let g = doc.groups.get(op.pick % doc.groups.len().max(1))?;
            Some(Command::SetGroupRegion {
                id: g.id,
                before: g.region,
                after: Region::ALL[op.other % Region::ALL.len()],
            })
        }
        Arm::Stale => {
            // A stale command: must be refused and change nothing.
            Some(Command::Move {
                ids: vec![ComponentId(u32::MAX - 1)],
                delta: Point::new(x, y),
            })
        }
    }
}

/// What each arm's edits did over some runs: applied, refused, or nothing to act on.
#[derive(Default)]
struct Tally([(u32, u32, u32); Arm::ALL.len()]);

/// Applies `ops` to the shop, grouping some into transactions as `transactions` says, then
/// checks that undo all restores the original and redo all the final document; `tally` records
/// what each arm did.
fn undo_all_redo_all(
    ops: &[Op],
    transactions: &[usize],
    tally: &mut Tally,
) -> Result<(), TestCaseError> {
    let original = shop().diagram;
    let mut doc = original.clone();
    let mut history: History<Command> = History::new();
    let mut open = None;
    for (i, op) in ops.iter().enumerate() {
        let counts = &mut tally.0[op.which.index()];
        // Now and then group a few commands into one transaction, as a drag would.
        if open.is_none() && transactions.get(i).copied() == Some(0) {
            open = Some(history.begin());
        }
        let Some(command) = command_for(op, &mut doc) else {
            counts.2 += 1;
            continue;
        };
        let before = doc.clone();
        if history.apply(&command, &mut doc).is_err() {
            counts.1 += 1;
            prop_assert_eq!(&doc, &before, "a refused command changed the document");
        } else {
            counts.0 += 1;
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
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn undo_all_restores_the_original_and_redo_all_the_final(
        (ops, transactions) in sequence(),
    ) {
        undo_all_redo_all(&ops, &transactions, &mut Tally::default())?;
    }
}

/// The generator reaches every arm it lists: over a fixed sample of the property's own
/// sequences, every arm's edit is applied at least once (the stale arm's is refused, and a
/// mismatched configuration is refused too), so an arm that never runs fails here instead of
/// silently testing nothing.
#[test]
fn every_arm_of_the_generator_runs() {
    let mut runner = TestRunner::deterministic();
    let mut tally = Tally::default();
    for _ in 0..64 {
        let (ops, transactions) = sequence().new_tree(&mut runner).unwrap().current();
        undo_all_redo_all(&ops, &transactions, &mut tally).unwrap();
    }
    for arm in Arm::ALL {
        let (applied, refused, idle) = tally.0[arm.index()];
        let seen =
            format!("{arm:?}: {applied} applied, {refused} refused, {idle} with nothing to act on");
        match arm {
            Arm::Stale => assert!(applied == 0 && refused > 0, "{seen}"),
            Arm::SetConfig => assert!(applied > 0 && refused > 0, "{seen}"),
            _ => assert!(applied > 0, "{seen}"),
        }
    }
}
