//! The canvas's English.

use crate::present::text::canvas::CanvasText;

pub fn canvas(t: CanvasText) -> &'static str {
    match t {
        CanvasText::Canvas => "Diagram canvas",
        CanvasText::Diagram => "Diagram",
        CanvasText::EmptyTitle => "Start with a single server",
        CanvasText::EmptyHint => {
            "Drag Users and Web servers from the palette (or click them), then drag from a \
             card's right-hand port to another card's left-hand port to wire them (or select a \
             card and press W)."
        }
        CanvasText::EmptyHintTouch => {
            "Open Components to add Users and Web servers, then tap a card's output port and \
             another card to wire them."
        }
    }
}

/// "input: requests", "output: data".
pub fn port_title(input: bool, port_name: &str) -> String {
    let side = if input { "input" } else { "output" };
    format!("{side}: {port_name}")
}
