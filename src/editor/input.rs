//! The input events the view feeds the editor, already stripped of the DOM.
//!
//! The view turns each DOM event into one [`InputEvent`]: pointer events carry both the screen
//! position (CSS pixels relative to the canvas element) and the world position under it, which
//! the view computes with [`super::Editor::world_at`] so both always agree with the camera of
//! the moment. Keys arrive as a closed [`Key`] built with [`Key::from_dom_event`] from
//! `KeyboardEvent.key` and `.code`. Nothing here reads a clock: a click is told from a drag by distance only.

use crate::model::ComponentKind;

use super::geometry::Vec2;

/// Identifies one pointer (mouse, pen or one finger) for the length of a gesture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PointerId(pub i32);

/// Which button a pointer event concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerButton {
    /// Left mouse button, pen or touch contact.
    Primary,
    /// Wheel button.
    Middle,
    /// Right mouse button (the view opens its context menu; the editor ignores it).
    Secondary,
}

/// What kind of device a pointer is (DOM `pointerType`): two touch contacts pinch and pan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PointerKind {
    #[default]
    Mouse,
    Pen,
    Touch,
}

impl PointerKind {
    /// Maps a DOM `PointerEvent.pointerType` ("mouse", "pen", "touch"; anything else is a mouse).
    pub fn from_dom(pointer_type: &str) -> PointerKind {
        match pointer_type {
            "touch" => PointerKind::Touch,
            "pen" => PointerKind::Pen,
            _ => PointerKind::Mouse,
        }
    }
}

/// The modifier keys held during an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Modifiers {
    pub shift: bool,
    pub ctrl: bool,
    /// The Command key on macOS, the Windows key elsewhere.
    pub meta: bool,
    pub alt: bool,
}

impl Modifiers {
    /// No modifier held.
    pub const NONE: Modifiers = Modifiers {
        shift: false,
        ctrl: false,
        meta: false,
        alt: false,
    };

    /// Only Shift held.
    pub const SHIFT: Modifiers = Modifiers {
        shift: true,
        ..Modifiers::NONE
    };

    /// Only Ctrl held.
    pub const CTRL: Modifiers = Modifiers {
        ctrl: true,
        ..Modifiers::NONE
    };

    /// The platform command modifier: Ctrl, or Cmd (meta) on macOS. The editor treats both the
    /// same so no platform sniffing is needed.
    pub fn command(self) -> bool {
        self.ctrl || self.meta
    }
}

/// One pointer event's position and identity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointerEvent {
    pub pointer: PointerId,
    pub kind: PointerKind,
    pub button: PointerButton,
    pub modifiers: Modifiers,
    /// Position relative to the canvas element, in CSS pixels.
    pub screen: Vec2,
    /// The world position under `screen` with the current camera.
    pub world: Vec2,
}

/// A keyboard key, closed: the view maps a `KeyboardEvent` with [`Key::from_dom_event`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A printable character, lower-cased for letters ("z" whether or not Shift is held).
    Character(char),
    Delete,
    Backspace,
    Escape,
    Enter,
    Space,
    Tab,
    ArrowLeft,
    ArrowRight,
    ArrowUp,
    ArrowDown,
    F10,
    /// The context menu key (the "Menu" or "Application" key).
    ContextMenu,
    /// Any key the editor has no use for.
    Other,
}

impl Key {
    /// Maps a DOM `KeyboardEvent`'s `key` and `code`: a digit key is its digit whatever Shift
    /// makes of it on the layout ("!" on a US keyboard is Shift+1, the fit-to-view shortcut),
    /// anything else as [`Key::from_dom`] maps it.
    pub fn from_dom_event(key: &str, code: &str) -> Key {
        match code
            .strip_prefix("Digit")
            .and_then(|d| d.parse::<u8>().ok())
        {
            Some(d) if d < 10 => Key::Character(char::from(b'0' + d)),
            _ => Key::from_dom(key),
        }
    }

    /// Maps a DOM `KeyboardEvent.key` value.
    pub fn from_dom(key: &str) -> Key {
        match key {
            "Delete" => Key::Delete,
            "Backspace" => Key::Backspace,
            "Escape" | "Esc" => Key::Escape,
            "Enter" => Key::Enter,
            " " | "Spacebar" => Key::Space,
            "Tab" => Key::Tab,
            "ArrowLeft" => Key::ArrowLeft,
            "ArrowRight" => Key::ArrowRight,
            "ArrowUp" => Key::ArrowUp,
            "ArrowDown" => Key::ArrowDown,
            "F10" => Key::F10,
            "ContextMenu" | "Apps" => Key::ContextMenu,
            _ => {
                let mut chars = key.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Key::Character(c.to_ascii_lowercase()),
                    _ => Key::Other,
                }
            }
        }
    }
}

/// What a palette entry adds: a component of a kind, or a datacenter frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaletteItem {
    Component(ComponentKind),
    Datacenter,
}

impl From<ComponentKind> for PaletteItem {
    fn from(kind: ComponentKind) -> Self {
        PaletteItem::Component(kind)
    }
}

/// Everything the editor reacts to.
#[derive(Clone, Debug, PartialEq)]
pub enum InputEvent {
    PointerDown(PointerEvent),
    PointerMove(PointerEvent),
    PointerUp(PointerEvent),
    /// A wheel or trackpad gesture: `delta` in screen pixels (DOM `deltaX/deltaY` in pixel
    /// mode), `at` the screen position of the cursor.
    Wheel {
        delta: Vec2,
        at: Vec2,
        modifiers: Modifiers,
    },
    /// A key went down (auto-repeat included).
    Key {
        key: Key,
        modifiers: Modifiers,
    },
    /// A key went up (only Space matters: it ends space-drag panning).
    KeyUp {
        key: Key,
    },
    /// The browser cancelled the pointer gesture (`pointercancel`, lost capture).
    Cancel,
    /// The user started dragging a palette entry onto the canvas.
    PaletteDragStart {
        item: PaletteItem,
    },
    /// A palette drag moved over the canvas (`dragover`), at this world position.
    PaletteDragOver {
        world: Vec2,
    },
    /// A palette entry was dropped on the canvas at this world position.
    PaletteDrop {
        item: PaletteItem,
        world: Vec2,
    },
    /// Text pasted onto the canvas (the DOM `paste` event's plain text).
    Paste {
        text: String,
    },
    /// The canvas element now measures `size` CSS pixels.
    ViewportResized {
        size: Vec2,
    },
    /// The window lost focus: gestures in progress are cancelled and held keys released.
    Blur,
    /// An animation frame, `elapsed_ms` of wall time after the last one: sent while
    /// [`Editor::auto_pans`](super::Editor::auto_pans) says a drag is held near the edge.
    AnimationFrame {
        elapsed_ms: f64,
    },
    /// The user asked for the context menu at a point (a right-click, a touch long-press):
    /// `screen` relative to the canvas element, `world` under it.
    ContextMenu {
        screen: Vec2,
        world: Vec2,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_keys_map_to_closed_keys() {
        assert_eq!(Key::from_dom("Z"), Key::Character('z'));
        assert_eq!(Key::from_dom("a"), Key::Character('a'));
        assert_eq!(Key::from_dom(" "), Key::Space);
        assert_eq!(Key::from_dom("Backspace"), Key::Backspace);
        assert_eq!(Key::from_dom("Tab"), Key::Tab);
        assert_eq!(Key::from_dom("F5"), Key::Other);
        assert_eq!(Key::from_dom("F10"), Key::F10);
        assert_eq!(Key::from_dom("ContextMenu"), Key::ContextMenu);
        // Shift+1 on a US or Korean layout is "!", and still the key 1.
        assert_eq!(Key::from_dom_event("!", "Digit1"), Key::Character('1'));
        assert_eq!(Key::from_dom_event("0", "Digit0"), Key::Character('0'));
        assert_eq!(Key::from_dom_event("+", "Equal"), Key::Character('+'));
        assert_eq!(Key::from_dom_event("Z", "KeyZ"), Key::Character('z'));
        assert_eq!(Key::from_dom(""), Key::Other);
    }

    #[test]
    fn meta_counts_as_the_command_modifier() {
        let mac = Modifiers {
            meta: true,
            ..Modifiers::NONE
        };
        assert!(mac.command());
        assert!(Modifiers::CTRL.command());
        assert!(!Modifiers::SHIFT.command());
    }
}
