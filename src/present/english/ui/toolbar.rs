//! The toolbar's, the theme toggle's and the shortcuts help's English.

use crate::present::text::toolbar::{HelpText, ToolbarText};

pub fn toolbar(t: ToolbarText) -> &'static str {
    match t {
        ToolbarText::Toolbar => "Editor",
        ToolbarText::ZoomTo100 => "Zoom to 100%",
        ToolbarText::ZoomLevel => "Zoom level; click to reset to 100%",
        ToolbarText::ShortcutsTitle => "Shortcuts: keys, mouse and trackpad (?)",
        ToolbarText::Shortcuts => "Shortcuts",
        ToolbarText::ThemeSystem => "Theme: system",
        ToolbarText::ThemeLight => "Theme: light",
        ToolbarText::ThemeDark => "Theme: dark",
        ToolbarText::ThemeTitle => "Switch between the system, light and dark themes",
    }
}

pub fn help(t: HelpText) -> &'static str {
    match t {
        HelpText::Title => "Shortcuts",
        HelpText::Or => "  or  ",
        HelpText::ConnectNextPrevious => {
            "While connecting from the keyboard: next / previous target"
        }
        HelpText::ConnectNextPreviousKeys => "Tab  or  →↓ ;  Shift+Tab  or  ←↑",
        HelpText::ConnectConfirm => "While connecting from the keyboard: connect / cancel",
        HelpText::ConnectConfirmKeys => "Enter ;  Esc",
        HelpText::Pan => "Pan",
        HelpText::PanKeys => "Space+drag  or  middle drag  or  Shift+wheel",
        HelpText::PanKeysWheelPans => "Wheel  or  Space+drag  or  middle drag",
        HelpText::Zoom => "Zoom",
        HelpText::ZoomKeys => "Wheel  or  pinch",
        HelpText::ZoomKeysWheelPans => "Ctrl+wheel  or  pinch",
        HelpText::WheelPans => "The wheel pans the canvas (Ctrl+wheel zooms)",
        HelpText::WheelPansHint => {
            "For a trackpad: two fingers move the view, a pinch zooms. Remembered in this browser."
        }
        HelpText::BoxSelect => "Box select",
        HelpText::BoxSelectKeys => "Shift+drag on the canvas",
        HelpText::ThisList => "This list",
        HelpText::Fidelity => "How accurate is ScaleLab?",
        HelpText::Close => "Close (Esc)",
    }
}
