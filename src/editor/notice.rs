//! What the editor tells the user about its last action, as typed values the catalogues word
//! (`say::notice`, `say::announcement`, `say::wire_refusal`), never as sentences.
//!
//! Owns: [`Notice`] (a refused action, shown until the next gesture), [`Announcement`] (what the
//! keyboard wiring says to a screen reader), [`WireRefusal`] (why a wire may not end at a port)
//! and [`PortMention`] (a port named in either), and [`name_example`] (an example's default
//! labels in the screen language). Deliberately absent: any wording.

use crate::model::rules::Refusal;
use crate::model::{ComponentId, ComponentKind, InPort, OutPort};

use super::clipboard::PasteError;
use super::command::CommandError;
use super::history::HistoryError;

/// Why a wire may not end at an input port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireRefusal {
    /// The connection rules refuse it.
    Rule(Refusal),
    /// The card takes no wire at all (a users card).
    AcceptsNothing(ComponentKind),
}

/// A port named in a notice or an announcement: the card's label (data, as the user typed it)
/// and the port, or the id of a component that no longer exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortMention {
    /// An output port of a labelled card.
    Out { label: String, port: OutPort },
    /// An input port of a labelled card.
    In { label: String, port: InPort },
    /// A component that is gone.
    Missing(ComponentId),
}

/// Why an edit, an undo or a redo failed.
#[derive(Clone, Debug, PartialEq)]
pub enum EditFailure {
    /// There was nothing to undo or redo.
    NothingToUndo,
    /// A gesture is still open.
    GestureOpen,
    /// The edit in progress was lost.
    EditLost,
    /// The command itself failed.
    Command(CommandError),
}

impl From<CommandError> for EditFailure {
    fn from(e: CommandError) -> Self {
        EditFailure::Command(e)
    }
}

impl From<HistoryError<CommandError>> for EditFailure {
    fn from(e: HistoryError<CommandError>) -> Self {
        match e {
            HistoryError::Empty => EditFailure::NothingToUndo,
            HistoryError::TransactionOpen => EditFailure::GestureOpen,
            HistoryError::StaleMark => EditFailure::EditLost,
            HistoryError::Command(c) => EditFailure::Command(c),
        }
    }
}

/// A message about the last refused action, shown until the next gesture.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A wire dropped on a port that refuses it.
    WireRefused(WireRefusal),
    /// Keyboard wiring started from a card with no possible target.
    NothingToConnect { label: String },
    /// An edit was refused.
    EditFailed(EditFailure),
    /// An undo or a redo failed.
    UndoFailed(EditFailure),
    /// The diagram ran out of ids.
    OutOfIds,
    /// A paste failed.
    Paste(PasteError),
    /// A scroll moved both ways at once, as a trackpad's two fingers do, while the wheel
    /// zooms: the shortcuts help offers a wheel that pans.
    WheelCanPan,
}

/// What the keyboard wiring says to a screen reader (the view's polite live region).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Announcement {
    /// Keyboard wiring started from a card with no possible target.
    NothingToConnect { label: String },
    /// A target is picked: `index` (from 0) of `count`, and whether Enter would connect.
    /// `from` is named only when the wiring has just started (with the keys that steer it).
    Aiming {
        from: Option<PortMention>,
        target: PortMention,
        index: usize,
        count: usize,
        verdict: Result<(), WireRefusal>,
    },
    /// A touch tap on an output port started a wire from it: the next tap on a card ends it.
    TapAiming { from: PortMention },
    /// The wire was made.
    Connected { from: PortMention, to: PortMention },
    /// Enter on a target that refuses the wire.
    Refused {
        target: PortMention,
        reason: WireRefusal,
    },
    /// Escape ended the keyboard wiring.
    WiringCancelled,
    /// A component or a datacenter was added (from the palette, or by a click on it).
    Added { name: String },
    /// The selection was deleted (or cut): `items` things, `only` the one's name when there was
    /// one (a wire named by its ends, "Users → DNS").
    Deleted { items: usize, only: Option<String> },
    /// `components` copies were pasted or duplicated.
    Pasted { components: usize },
    /// The last edit was undone.
    Undone,
    /// The last undone edit was done again.
    Redone,
}

/// Names an example (the core builds them with English labels: it has no words for the screen)
/// in `lang`. In English it opens as written. In another language every component takes its
/// kind's name as the palette says it and every datacenter its number as the editor names new
/// ones, then each label is made its own ([`super::placement::distinct_labels`]): "Cache (DC2)"
/// opens as "캐시 (데이터 센터 2)", where keeping the English labels would put English words
/// in a Korean screen.
pub fn name_example(diagram: &mut crate::model::Diagram, lang: crate::present::lang::Lang) {
    use crate::present::{lang::Lang, say};
    if lang == Lang::En {
        return;
    }
    for (i, g) in diagram.groups.iter_mut().enumerate() {
        g.name = say::datacenter_name(lang, i + 1);
    }
    for c in &mut diagram.components {
        c.label = say::kind_name(lang, c.kind).to_string();
    }
    super::placement::distinct_labels(diagram, lang);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::lang::Lang;
    use crate::present::say;
    use crate::present::text::korean_check::foreign_words as foreign;

    fn every_notice() -> Vec<Notice> {
        let refusals = [
            WireRefusal::Rule(Refusal::SelfLoop),
            WireRefusal::Rule(Refusal::Cycle),
            WireRefusal::AcceptsNothing(ComponentKind::Users),
        ];
        let failures = [
            EditFailure::NothingToUndo,
            EditFailure::GestureOpen,
            EditFailure::EditLost,
            EditFailure::Command(CommandError::Stale(crate::editor::command::Stale::Position)),
            EditFailure::Command(CommandError::NotFinite),
            EditFailure::Command(CommandError::Edit(crate::model::EditError::IdsExhausted)),
            EditFailure::Command(CommandError::Edit(crate::model::EditError::UnknownWire(
                crate::model::WireId(3),
            ))),
            EditFailure::Command(CommandError::Edit(
                crate::model::EditError::ConfigKindMismatch {
                    component: ComponentKind::Cache,
                    config: ComponentKind::Database,
                },
            )),
            EditFailure::Command(CommandError::Unsavable(crate::share::ShareError::Invalid {
                place: crate::share::Place::Component(2),
                problem: crate::share::Problem::TooLong {
                    field: "label",
                    chars: 201,
                },
            })),
        ];
        let mut out: Vec<Notice> = refusals.into_iter().map(Notice::WireRefused).collect();
        for f in failures {
            out.push(Notice::EditFailed(f.clone()));
            out.push(Notice::UndoFailed(f));
        }
        out.extend([
            Notice::NothingToConnect {
                label: "주문 캐시".into(),
            },
            Notice::OutOfIds,
            Notice::Paste(PasteError::NotScaleLab),
            Notice::Paste(PasteError::Empty),
            Notice::Paste(PasteError::IdsExhausted),
            Notice::WheelCanPan,
        ]);
        out
    }

    fn every_announcement() -> Vec<Announcement> {
        let from = PortMention::Out {
            label: "부하".into(),
            port: OutPort::Dynamic,
        };
        let target = PortMention::In {
            label: "웹".into(),
            port: InPort::Requests,
        };
        vec![
            Announcement::NothingToConnect {
                label: "캐시".into(),
            },
            Announcement::Aiming {
                from: Some(from.clone()),
                target: target.clone(),
                index: 0,
                count: 3,
                verdict: Ok(()),
            },
            Announcement::Aiming {
                from: None,
                target: PortMention::Missing(ComponentId(9)),
                index: 2,
                count: 3,
                verdict: Err(WireRefusal::Rule(Refusal::Duplicate)),
            },
            Announcement::TapAiming { from: from.clone() },
            Announcement::Connected {
                from,
                to: target.clone(),
            },
            Announcement::Refused {
                target,
                reason: WireRefusal::AcceptsNothing(ComponentKind::Users),
            },
            Announcement::WiringCancelled,
        ]
    }

    #[test]
    fn english_notices_read_as_before() {
        assert_eq!(
            say::notice(
                Lang::En,
                &Notice::NothingToConnect {
                    label: "Cache".into()
                }
            ),
            "There is nothing to connect Cache to yet."
        );
        assert_eq!(
            say::notice(Lang::En, &Notice::UndoFailed(EditFailure::NothingToUndo)),
            "could not undo or redo: there is nothing to undo or redo"
        );
        assert_eq!(
            say::announcement(Lang::En, &Announcement::WiringCancelled),
            "Wiring cancelled."
        );
    }

    #[test]
    fn every_notice_and_announcement_is_worded_in_korean() {
        let mut texts: Vec<String> = every_notice()
            .iter()
            .map(|n| say::notice(Lang::Ko, n))
            .collect();
        texts.extend(
            every_announcement()
                .iter()
                .map(|a| say::announcement(Lang::Ko, a)),
        );
        for text in texts {
            let relayed = [Refusal::SelfLoop, Refusal::Cycle]
                .iter()
                .any(|r| say::refusal(Lang::Ko, r) == text.trim_end_matches('.'));
            assert!(
                relayed || text.chars().any(|c| ('가'..='힣').contains(&c)),
                "{text}"
            );
            let own = foreign(&text);
            assert!(own.is_empty(), "{text}: {own:?}");
        }
    }

    #[test]
    fn new_components_are_labelled_in_the_screen_language_and_examples_relabelled() {
        use crate::editor::{Editor, InputEvent, PaletteItem, Vec2};
        let mut editor = Editor::default();
        editor.set_language(Lang::Ko);
        assert_eq!(editor.language(), Lang::Ko);
        editor.handle(InputEvent::PaletteDrop {
            item: PaletteItem::Component(ComponentKind::Cache),
            world: Vec2::new(100.0, 100.0),
        });
        let label = &editor.diagram().components[0].label;
        assert_eq!(label, say::kind_name(Lang::Ko, ComponentKind::Cache));

        // An example opens in Korean with Korean labels, each its own; in English as written.
        for example in [
            crate::model::examples::single_server,
            crate::model::examples::chapter_final,
        ] {
            let mut d = example();
            name_example(&mut d, Lang::En);
            assert_eq!(d, example());
            editor.load_example(example());
            let d = editor.diagram();
            for c in &d.components {
                assert!(foreign(&c.label).is_empty(), "{}", c.label);
                let same = d.components.iter().filter(|o| o.label == c.label).count();
                assert_eq!(same, 1, "{} labels {same} components", c.label);
            }
            for g in &d.groups {
                assert!(foreign(&g.name).is_empty(), "{}", g.name);
            }
        }
        let d = editor.diagram();
        let label_of = |kind| {
            d.components
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            label_of(ComponentKind::Cache),
            ["캐시 (데이터 센터 1)", "캐시 (데이터 센터 2)"]
        );
        assert_eq!(
            label_of(ComponentKind::Users),
            ["사용자 (북미)", "사용자 (유럽)"]
        );
        editor.load_example(crate::model::examples::single_server());
        assert_eq!(editor.next_datacenter_name(), "데이터 센터 1");
        editor.set_language(Lang::En);
        assert_eq!(editor.next_datacenter_name(), "DC1");
    }
}
