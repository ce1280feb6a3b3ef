//! The inspector's fixed words around the fields (the field labels themselves are the editor's
//! form's) and the design review's heading.

use crate::present::lang::Lang;
use crate::present::{english, korean};

crate::phrases! {
    /// The inspector's fixed words.
    pub enum InspectorText => (english::ui::inspector, korean::ui::inspector) {
        /// The panel's heading and accessible name.
        Inspector,
        /// Nothing selected, with a mouse and on a touch screen.
        EmptyHint,
        EmptyHintTouch,
        /// A datacenter's heading.
        Datacenter,
        /// A datacenter's name field.
        Name,
        /// A datacenter's region field.
        Region,
        /// A datacenter's name was emptied.
        NameNeeded,
        /// A component's label field.
        Label,
        /// A component's label was emptied.
        LabelNeeded,
        /// The keyboard wiring button.
        Connect,
        /// Its title.
        ConnectTitle,
        /// The key that starts a wire from the keyboard, shown beside [`InspectorText::Connect`]
        /// where there is a keyboard.
        ConnectKey,
        /// The design review's heading.
        DesignReview,
        /// The design review found nothing.
        NoFindings,
        /// A finding's title.
        SelectConcerned,
        /// The live section's heading.
        Live,
        /// Its accessible name.
        LiveFigures,
        /// The fault buttons' group name.
        BreakItNow,
        /// Under the fault buttons.
        FaultsHere,
    }
}

/// What several selected items are: "2 component(s), 1 wire(s) and 0 datacenter(s) selected. …"
pub fn selection_summary(
    lang: Lang,
    components: usize,
    wires: usize,
    datacenters: usize,
) -> String {
    match lang {
        Lang::En => english::ui::selection_summary(components, wires, datacenters),
        Lang::Ko => korean::ui::selection_summary(components, wires, datacenters),
    }
}

/// How many components a datacenter holds, and how to change that.
pub fn datacenter_members(lang: Lang, members: usize) -> String {
    match lang {
        Lang::En => english::ui::datacenter_members(members),
        Lang::Ko => korean::ui::datacenter_members(members),
    }
}
