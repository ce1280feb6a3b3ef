//! The canvas context menu's fixed words (its entries are the editor's actions and the run's
//! faults, worded by their owners).

use crate::present::lang::Lang;
use crate::present::{english, korean};

crate::phrases! {
    /// The context menu's fixed words.
    pub enum MenuText => (english::ui::menu, korean::ui::menu) {
        /// Under disabled fault entries, while no run is live.
        StartRunHint,
    }
}

/// The menu's accessible name: "Actions for Cache".
pub fn actions_for(lang: Lang, title: &str) -> String {
    match lang {
        Lang::En => english::ui::actions_for(title),
        Lang::Ko => korean::ui::actions_for(title),
    }
}
