//! The command registry: every editor action a key, a toolbar button or a menu item can run.
//!
//! One table, [`ACTIONS`], lists each action with a stable id (for `data-testid` and menus), a
//! label and its shortcuts; [`super::Editor::is_enabled`] says whether it can run now and
//! [`super::Editor::run`] runs it, so a button and its shortcut can never disagree. Shortcuts
//! use the platform command modifier: Ctrl, or Cmd on macOS (see
//! [`super::Modifiers::command`]). Actions that change the document do so through commands in
//! one history entry each.

use crate::model::ComponentKind;

use super::input::{Key, Modifiers};

/// A direction for keyboard nudging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// Everything the editor can be told to do outside a pointer gesture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Delete the selection (components with their wires, wires, datacenters).
    Delete,
    /// Copy the selected components and paste them offset, in one step.
    Duplicate,
    /// Put the selected components on the clipboard.
    Copy,
    /// Copy, then delete.
    Cut,
    /// Ask the view for the clipboard text (it answers with `InputEvent::Paste`).
    Paste,
    Undo,
    Redo,
    /// Select every component, wire and datacenter.
    SelectAll,
    /// Fit the camera to the whole diagram.
    FitToView,
    /// Cancel the gesture in progress (rolling back a drag), else clear the selection.
    Cancel,
    /// Move the selected components by one grid step.
    Nudge(Direction),
    /// Move the selected components by five grid steps.
    NudgeFar(Direction),
    ZoomIn,
    ZoomOut,
    /// Zoom to 100% around the viewport centre.
    ResetZoom,
    /// Add a component in the middle of the view (the keyboard route to the palette).
    AddAtCentre(ComponentKind),
    /// Start a wire from the selected component's output, to be aimed with Tab or the arrow
    /// keys and ended with Enter (the keyboard route to dragging from a port). While wiring,
    /// the same key moves to the component's next output.
    StartWire,
    /// Open the context menu for the selection (the keyboard route to a right-click).
    OpenContextMenu,
}

/// A key with the modifiers it needs. `command` means Ctrl or Cmd; modifiers not named must
/// not be held (so Ctrl+Z and Ctrl+Shift+Z are different shortcuts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shortcut {
    pub key: Key,
    pub command: bool,
    pub shift: bool,
    pub alt: bool,
}

impl Shortcut {
    const fn plain(key: Key) -> Shortcut {
        Shortcut {
            key,
            command: false,
            shift: false,
            alt: false,
        }
    }

    const fn command(key: Key) -> Shortcut {
        Shortcut {
            key,
            command: true,
            shift: false,
            alt: false,
        }
    }

    const fn shift(self) -> Shortcut {
        Shortcut {
            shift: true,
            ..self
        }
    }

    /// Whether a key press matches this shortcut. A punctuation character already says what
    /// Shift made of its key ("+" is Shift+= on US and Korean keyboards, a key of its own on
    /// others), so Shift is not asked of it.
    pub fn matches(&self, key: Key, modifiers: Modifiers) -> bool {
        let shift_said = matches!(key, Key::Character(c) if c.is_ascii_punctuation());
        self.key == key
            && self.command == modifiers.command()
            && (self.shift == modifiers.shift || shift_said)
            && self.alt == modifiers.alt
    }

    /// The shortcut's modifiers as they are printed on keys, in order ("Ctrl", "Shift",
    /// "Alt"); the catalogues join them with the key's name.
    pub fn modifier_names(&self) -> Vec<&'static str> {
        let mut parts = Vec::new();
        if self.command {
            parts.push("Ctrl");
        }
        if self.shift {
            parts.push("Shift");
        }
        if self.alt {
            parts.push("Alt");
        }
        parts
    }
}

/// One registry row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActionSpec {
    pub action: Action,
    /// Stable id for menus, tests and `data-testid` ("editor.undo").
    pub id: &'static str,
    /// Keys that run it; the first is the one menus show.
    pub shortcuts: &'static [Shortcut],
}

const fn nudges(key: Key) -> [Shortcut; 1] {
    [Shortcut::plain(key)]
}

const fn far_nudges(key: Key) -> [Shortcut; 1] {
    [Shortcut::plain(key).shift()]
}

/// The registry: every parameterless action with its shortcuts. [`Action::AddAtCentre`] takes a
/// kind and is run from the palette, so it has no row.
pub const ACTIONS: &[ActionSpec] = &[
    ActionSpec {
        action: Action::Delete,
        id: "editor.delete",
        shortcuts: &[
            Shortcut::plain(Key::Delete),
            Shortcut::plain(Key::Backspace),
        ],
    },
    ActionSpec {
        action: Action::Duplicate,
        id: "editor.duplicate",
        shortcuts: &[Shortcut::command(Key::Character('d'))],
    },
    ActionSpec {
        action: Action::Copy,
        id: "editor.copy",
        shortcuts: &[Shortcut::command(Key::Character('c'))],
    },
    ActionSpec {
        action: Action::Cut,
        id: "editor.cut",
        shortcuts: &[Shortcut::command(Key::Character('x'))],
    },
    ActionSpec {
        action: Action::Paste,
        id: "editor.paste",
        shortcuts: &[Shortcut::command(Key::Character('v'))],
    },
    ActionSpec {
        action: Action::Undo,
        id: "editor.undo",
        shortcuts: &[Shortcut::command(Key::Character('z'))],
    },
    ActionSpec {
        action: Action::Redo,
        id: "editor.redo",
        shortcuts: &[
            Shortcut::command(Key::Character('z')).shift(),
            Shortcut::command(Key::Character('y')),
        ],
    },
    ActionSpec {
        action: Action::SelectAll,
        id: "editor.select_all",
        shortcuts: &[Shortcut::command(Key::Character('a'))],
    },
    ActionSpec {
        action: Action::FitToView,
        id: "editor.fit_to_view",
        shortcuts: &[Shortcut::plain(Key::Character('1')).shift()],
    },
    ActionSpec {
        action: Action::StartWire,
        id: "editor.start_wire",
        shortcuts: &[Shortcut::plain(Key::Character('w'))],
    },
    ActionSpec {
        action: Action::OpenContextMenu,
        id: "editor.context_menu",
        shortcuts: &[
            Shortcut::plain(Key::F10).shift(),
            Shortcut::plain(Key::ContextMenu),
        ],
    },
    ActionSpec {
        action: Action::Cancel,
        id: "editor.cancel",
        shortcuts: &[Shortcut::plain(Key::Escape)],
    },
    ActionSpec {
        action: Action::Nudge(Direction::Left),
        id: "editor.nudge_left",
        shortcuts: &nudges(Key::ArrowLeft),
    },
    ActionSpec {
        action: Action::Nudge(Direction::Right),
        id: "editor.nudge_right",
        shortcuts: &nudges(Key::ArrowRight),
    },
    ActionSpec {
        action: Action::Nudge(Direction::Up),
        id: "editor.nudge_up",
        shortcuts: &nudges(Key::ArrowUp),
    },
    ActionSpec {
        action: Action::Nudge(Direction::Down),
        id: "editor.nudge_down",
        shortcuts: &nudges(Key::ArrowDown),
    },
    ActionSpec {
        action: Action::NudgeFar(Direction::Left),
        id: "editor.nudge_far_left",
        shortcuts: &far_nudges(Key::ArrowLeft),
    },
    ActionSpec {
        action: Action::NudgeFar(Direction::Right),
        id: "editor.nudge_far_right",
        shortcuts: &far_nudges(Key::ArrowRight),
    },
    ActionSpec {
        action: Action::NudgeFar(Direction::Up),
        id: "editor.nudge_far_up",
        shortcuts: &far_nudges(Key::ArrowUp),
    },
    ActionSpec {
        action: Action::NudgeFar(Direction::Down),
        id: "editor.nudge_far_down",
        shortcuts: &far_nudges(Key::ArrowDown),
    },
    ActionSpec {
        action: Action::ZoomIn,
        id: "editor.zoom_in",
        shortcuts: &[
            Shortcut::command(Key::Character('=')),
            Shortcut::command(Key::Character('+')),
        ],
    },
    ActionSpec {
        action: Action::ZoomOut,
        id: "editor.zoom_out",
        shortcuts: &[Shortcut::command(Key::Character('-'))],
    },
    ActionSpec {
        action: Action::ResetZoom,
        id: "editor.reset_zoom",
        shortcuts: &[Shortcut::command(Key::Character('0'))],
    },
];

/// The registry row for `action`, if it has one.
pub fn spec(action: Action) -> Option<&'static ActionSpec> {
    ACTIONS.iter().find(|s| s.action == action)
}

/// The action a key press runs, if any.
pub fn action_for_key(key: Key, modifiers: Modifiers) -> Option<Action> {
    ACTIONS
        .iter()
        .find(|s| s.shortcuts.iter().any(|k| k.matches(key, modifiers)))
        .map(|s| s.action)
}

/// What a run key asks of the run panel. The run is the view's (`ui::run`), not the editor's,
/// so these are not actions of the registry, but they are matched and worded as its shortcuts
/// are, and none of them is an action's key (tested).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunKey {
    /// Run, or pause the run under way: the run panel's first button.
    RunOrPause,
    /// Advance the run by one step, then pause.
    Step,
}

/// The run keys: Ctrl+Enter runs, as in a code playground; with Shift, one step.
pub const RUN_KEYS: [(RunKey, Shortcut); 2] = [
    (RunKey::RunOrPause, Shortcut::command(Key::Enter)),
    (RunKey::Step, Shortcut::command(Key::Enter).shift()),
];

/// The run key `key` with `modifiers` is, if any.
pub fn run_key(key: Key, modifiers: Modifiers) -> Option<RunKey> {
    RUN_KEYS
        .iter()
        .find(|(_, s)| s.matches(key, modifiers))
        .map(|(k, _)| *k)
}

/// The shortcut of run key `k`.
pub fn run_shortcut(k: RunKey) -> Shortcut {
    RUN_KEYS
        .iter()
        .find(|(key, _)| *key == k)
        .map(|(_, s)| *s)
        .unwrap_or(Shortcut::command(Key::Enter))
}

impl Direction {
    /// The unit vector of the direction in world space (y grows downwards).
    pub fn unit(self) -> (f64, f64) {
        match self {
            Direction::Left => (-1.0, 0.0),
            Direction::Right => (1.0, 0.0),
            Direction::Up => (0.0, -1.0),
            Direction::Down => (0.0, 1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::lang::Lang;
    use crate::present::say;

    #[test]
    fn ids_are_unique_and_no_shortcut_is_bound_twice() {
        for (i, a) in ACTIONS.iter().enumerate() {
            for b in &ACTIONS[i + 1..] {
                assert_ne!(a.id, b.id);
                assert_ne!(a.action, b.action);
                for ka in a.shortcuts {
                    assert!(
                        !b.shortcuts.contains(ka),
                        "{} and {} share {ka:?}",
                        a.id,
                        b.id
                    );
                }
            }
        }
    }

    #[test]
    fn undo_and_redo_shortcuts_are_told_apart_by_shift_and_cmd_counts_as_ctrl() {
        let z = Key::Character('z');
        assert_eq!(action_for_key(z, Modifiers::CTRL), Some(Action::Undo));
        let cmd_shift = Modifiers {
            meta: true,
            shift: true,
            ..Modifiers::NONE
        };
        assert_eq!(action_for_key(z, cmd_shift), Some(Action::Redo));
        assert_eq!(
            action_for_key(Key::Character('y'), Modifiers::CTRL),
            Some(Action::Redo)
        );
        assert_eq!(action_for_key(z, Modifiers::NONE), None);
        assert_eq!(
            action_for_key(Key::Backspace, Modifiers::NONE),
            Some(Action::Delete)
        );
    }

    #[test]
    fn zoom_in_and_fit_answer_the_keys_a_us_or_korean_keyboard_sends() {
        let ctrl_shift = Modifiers {
            ctrl: true,
            shift: true,
            ..Modifiers::NONE
        };
        // Ctrl and the "+" key, which is Shift+= there.
        assert_eq!(
            action_for_key(Key::Character('+'), ctrl_shift),
            Some(Action::ZoomIn)
        );
        assert_eq!(
            action_for_key(Key::Character('+'), Modifiers::CTRL),
            Some(Action::ZoomIn)
        );
        // Shift+1 sends "!" with the code Digit1.
        assert_eq!(
            action_for_key(Key::from_dom_event("!", "Digit1"), Modifiers::SHIFT),
            Some(Action::FitToView)
        );
        // Letters still tell Shift apart.
        assert_eq!(
            action_for_key(Key::Character('z'), ctrl_shift),
            Some(Action::Redo)
        );
    }

    #[test]
    fn run_keys_are_ctrl_enter_and_no_action_takes_them() {
        let ctrl = Modifiers {
            ctrl: true,
            ..Modifiers::NONE
        };
        let cmd_shift = Modifiers {
            meta: true,
            shift: true,
            ..Modifiers::NONE
        };
        assert_eq!(run_key(Key::Enter, ctrl), Some(RunKey::RunOrPause));
        assert_eq!(run_key(Key::Enter, cmd_shift), Some(RunKey::Step));
        // Enter alone selects a focused card or presses a button; Alt is not asked for.
        assert_eq!(run_key(Key::Enter, Modifiers::NONE), None);
        assert_eq!(run_key(Key::Enter, Modifiers::SHIFT), None);
        assert_eq!(run_key(Key::Enter, Modifiers { alt: true, ..ctrl }), None);
        assert_eq!(run_key(Key::Character('r'), ctrl), None);
        for (_, shortcut) in RUN_KEYS {
            let held = Modifiers {
                ctrl: shortcut.command,
                shift: shortcut.shift,
                alt: shortcut.alt,
                meta: false,
            };
            assert_eq!(action_for_key(shortcut.key, held), None, "{shortcut:?}");
        }
        assert_eq!(
            say::shortcut(Lang::En, &run_shortcut(RunKey::Step)),
            "Ctrl+Shift+Enter"
        );
        assert_eq!(
            say::shortcut(Lang::En, &run_shortcut(RunKey::RunOrPause)),
            "Ctrl+Enter"
        );
    }

    #[test]
    fn shortcut_labels_read_like_menus() {
        let redo = spec(Action::Redo).unwrap();
        assert_eq!(say::shortcut(Lang::En, &redo.shortcuts[0]), "Ctrl+Shift+Z");
        assert_eq!(
            say::shortcut(Lang::En, &spec(Action::Delete).unwrap().shortcuts[0]),
            "Delete"
        );
        let menu = spec(Action::OpenContextMenu).unwrap();
        assert_eq!(say::shortcut(Lang::En, &menu.shortcuts[0]), "Shift+F10");
        assert_eq!(say::shortcut(Lang::En, &menu.shortcuts[1]), "Menu");
        assert_eq!(say::shortcut(Lang::Ko, &menu.shortcuts[1]), "메뉴 키");
        assert_eq!(
            action_for_key(Key::F10, Modifiers::SHIFT),
            Some(Action::OpenContextMenu)
        );
        assert_eq!(action_for_key(Key::F10, Modifiers::NONE), None);
    }
}
