//! The palette's words. The kinds' names and descriptions are the model's, worded through
//! `say::kind_name` and `say::kind_description`.

use crate::present::lang::Lang;
use crate::present::{english, korean};

crate::phrases! {
    /// The palette's fixed words.
    pub enum PaletteText => (english::ui::palette, korean::ui::palette) {
        /// The palette's accessible name.
        Palette,
        /// Its heading.
        Title,
        /// How to add a component with a mouse.
        Hint,
        /// How to add one with a finger, where a swipe up or down scrolls the list.
        HintTouch,
        /// The datacenter entry's name.
        Datacenter,
        /// The datacenter entry's description.
        DatacenterDescription,
        /// The datacenter entry's title.
        DatacenterTitle,
        /// The datacenter entry's accessible name.
        AddDatacenter,
        /// The button that narrows the palette to its icons (a desktop's wide layout).
        Collapse,
        /// The button that widens it again.
        Expand,
    }
}

/// A palette entry's accessible name: "Add Cache: <description>".
pub fn add_kind(lang: Lang, name: &str, description: &str) -> String {
    match lang {
        Lang::En => english::ui::add_kind(name, description),
        Lang::Ko => korean::ui::add_kind(name, description),
    }
}
