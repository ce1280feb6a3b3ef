//! The canvas's fixed words: its accessible names, the empty state, port titles.

use crate::present::lang::Lang;
use crate::present::{english, korean};

crate::phrases! {
    /// The canvas's fixed words.
    pub enum CanvasText => (english::ui::canvas, korean::ui::canvas) {
        /// The canvas area's accessible name.
        Canvas,
        /// The drawing's accessible name.
        Diagram,
        /// The empty state's heading.
        EmptyTitle,
        /// The empty state's hint, with a mouse and on a touch screen.
        EmptyHint,
        EmptyHintTouch,
    }
}

/// A port's title on a card: "input: requests", "output: data".
pub fn port_title(lang: Lang, input: bool, port_name: &str) -> String {
    match lang {
        Lang::En => english::ui::port_title(input, port_name),
        Lang::Ko => korean::ui::port_title(input, port_name),
    }
}
