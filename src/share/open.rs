//! What the app shows when it starts: the autosaved diagram, a shared link, or both.
//!
//! The rule is that opening ScaleLab never loses work. A damaged link leaves the saved diagram
//! in place and says what is wrong with the link; a good link that would replace different
//! local work keeps that work in a recovery slot the user can restore from; an autosave that
//! cannot be read is kept, unread, in the same slot instead of being overwritten. Pure: the
//! view reads storage and the URL, hands the strings here and carries out the [`Opening`].

use super::{ImportWarning, ShareError, decode_link, export_json, import_json};
use crate::model::Diagram;

/// What to tell the user about what was opened; `present::say::opening_notice` words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The autosave could not be read; it was kept aside, unchanged.
    UnreadableAutosave(ShareError),
    /// The link could not be opened; `own_diagram_shown` when the user's own (readable)
    /// diagram is shown instead.
    DamagedLink {
        error: ShareError,
        own_diagram_shown: bool,
    },
    /// The shared diagram was opened, with what was kept and what was ignored on the way in.
    OpenedLink {
        kept: Kept,
        warnings: Vec<ImportWarning>,
    },
}

/// What opening a link kept aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Nothing: there was no other work.
    Nothing,
    /// The previous diagram, which the user can restore.
    PreviousDiagram,
    /// The unreadable autosave.
    UnreadableAutosave,
}

/// How a notice is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Notice {
    /// How the banner shows this notice.
    pub fn level(&self) -> Level {
        match self {
            Notice::UnreadableAutosave(_) => Level::Warning,
            Notice::DamagedLink { .. } => Level::Error,
            Notice::OpenedLink { .. } => Level::Info,
        }
    }
}

/// What to show, and what to keep aside.
#[derive(Clone, Debug, PartialEq)]
pub struct Opening {
    /// The diagram to edit.
    pub diagram: Diagram,
    /// Text to put in the recovery slot: work the opening did not show.
    pub keep_for_recovery: Option<String>,
    /// Whether that text is a readable diagram the user can be offered back.
    pub can_restore: bool,
    /// What to tell the user, if anything.
    pub notice: Option<Notice>,
}

/// True when two diagrams hold the same document (ids handed out later may differ).
pub fn same_document(a: &Diagram, b: &Diagram) -> bool {
    a.components == b.components
        && a.wires == b.wires
        && a.groups == b.groups
        && a.scenario == b.scenario
}

/// Decides what to open from the autosaved text (if any) and the URL fragment (if any).
pub fn open(saved: Option<&str>, fragment: Option<&str>) -> Opening {
    let saved = saved.filter(|text| !text.trim().is_empty());
    let (local, local_problem) = match saved.map(import_json) {
        None => (Diagram::new(), None),
        Some(Ok(imported)) => (imported.diagram, None),
        Some(Err(error)) => (Diagram::new(), Some(error)),
    };
    let mut opening = Opening {
        diagram: local,
        keep_for_recovery: None,
        can_restore: false,
        notice: None,
    };
    if let Some(error) = &local_problem {
        opening.keep_for_recovery = saved.map(str::to_string);
        opening.notice = Some(Notice::UnreadableAutosave(error.clone()));
    }
    let fragment = fragment
        .map(|f| f.trim().trim_start_matches('#'))
        .filter(|f| !f.is_empty());
    let Some(fragment) = fragment else {
        return opening;
    };
    match decode_link(fragment) {
        Err(error) => {
            opening.notice = Some(Notice::DamagedLink {
                error,
                own_diagram_shown: saved.is_some() && local_problem.is_none(),
            });
        }
        Ok(imported) => {
            let had_work = !opening.diagram.components.is_empty()
                && !same_document(&opening.diagram, &imported.diagram);
            let kept = if had_work {
                opening.keep_for_recovery = Some(export_json(&opening.diagram));
                opening.can_restore = true;
                Kept::PreviousDiagram
            } else if local_problem.is_some() {
                Kept::UnreadableAutosave
            } else {
                Kept::Nothing
            };
            opening.notice = Some(Notice::OpenedLink {
                kept,
                warnings: imported.warnings,
            });
            opening.diagram = imported.diagram;
        }
    }
    opening
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::examples;
    use crate::share::encode_link;

    #[test]
    fn nothing_saved_and_no_link_opens_an_empty_diagram_silently() {
        let opening = open(None, None);
        assert!(opening.diagram.components.is_empty());
        assert_eq!(opening.notice, None);
        assert_eq!(opening.keep_for_recovery, None);
    }

    #[test]
    fn the_autosave_is_restored_exactly() {
        let diagram = examples::chapter_final();
        let opening = open(Some(&export_json(&diagram)), Some(""));
        assert_eq!(opening.diagram, diagram);
        assert_eq!(opening.notice, None);
    }

    #[test]
    fn a_damaged_link_leaves_the_saved_diagram_untouched() {
        let diagram = examples::chapter_final();
        let link = encode_link(&examples::single_server());
        let cut = &link[..link.len() / 2];
        let opening = open(Some(&export_json(&diagram)), Some(cut));
        assert_eq!(opening.diagram, diagram);
        assert_eq!(opening.keep_for_recovery, None);
        match opening.notice {
            Some(
                ref n @ Notice::DamagedLink {
                    own_diagram_shown: true,
                    ..
                },
            ) => assert_eq!(n.level(), Level::Error),
            other => panic!("expected an error notice, got {other:?}"),
        }
    }

    #[test]
    fn a_good_link_over_different_work_keeps_that_work_restorable() {
        let local = examples::chapter_final();
        let shared = examples::single_server();
        let opening = open(
            Some(&export_json(&local)),
            Some(&format!("#{}", encode_link(&shared))),
        );
        assert!(same_document(&opening.diagram, &shared));
        assert!(opening.can_restore);
        let kept = opening.keep_for_recovery.expect("local work kept");
        assert_eq!(import_json(&kept).unwrap().diagram, local);
        assert!(matches!(
            opening.notice,
            Some(Notice::OpenedLink {
                kept: Kept::PreviousDiagram,
                ..
            })
        ));
    }

    #[test]
    fn a_link_to_the_same_diagram_keeps_nothing_aside() {
        let diagram = examples::chapter_final();
        let opening = open(Some(&export_json(&diagram)), Some(&encode_link(&diagram)));
        assert!(same_document(&opening.diagram, &diagram));
        assert_eq!(opening.keep_for_recovery, None);
        assert!(!opening.can_restore);
    }

    #[test]
    fn an_unreadable_autosave_is_kept_aside_not_overwritten() {
        let opening = open(Some("{\"version\": 1, \"components\": [tr"), None);
        assert!(opening.diagram.components.is_empty());
        assert_eq!(
            opening.keep_for_recovery.as_deref(),
            Some("{\"version\": 1, \"components\": [tr")
        );
        assert!(!opening.can_restore);
        assert!(matches!(
            opening.notice,
            Some(Notice::UnreadableAutosave(_))
        ));
    }
}
