//! The inspector's English (around the form's own field labels).

use crate::present::english::plural;
use crate::present::text::inspector::InspectorText;

pub fn inspector(t: InspectorText) -> &'static str {
    match t {
        InspectorText::Inspector => "Inspector",
        InspectorText::EmptyHint => {
            "Select a component on the canvas to see and edit its settings. Add one from the \
             palette on the left."
        }
        InspectorText::EmptyHintTouch => {
            "Tap a component on the canvas to see and edit its settings. Add one from \
             Components."
        }
        InspectorText::Datacenter => "Datacenter",
        InspectorText::Name => "Name",
        InspectorText::Region => "Region",
        InspectorText::NameNeeded => "A datacenter needs a name.",
        InspectorText::Label => "Label",
        InspectorText::LabelNeeded => "A component needs a label.",
        InspectorText::Connect => "Connect…",
        InspectorText::ConnectKey => "W",
        InspectorText::ConnectTitle => {
            "Connect this component from the keyboard (W): Tab picks the target, Enter \
             connects, Esc cancels"
        }
        InspectorText::DesignReview => "Design review",
        InspectorText::NoFindings => "No findings: the design passes every check.",
        InspectorText::SelectConcerned => "Select the components concerned",
        InspectorText::Live => "Live",
        InspectorText::LiveFigures => "Live figures",
        InspectorText::BreakItNow => "Break it now",
        InspectorText::FaultsHere => "Faults here are injected into this run only.",
    }
}

pub fn selection_summary(components: usize, wires: usize, datacenters: usize) -> String {
    let parts: Vec<String> = [
        (components, "component"),
        (wires, "wire"),
        (datacenters, "datacenter"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, noun)| plural(n as u64, noun))
    .collect();
    let what = match parts.as_slice() {
        [] => "Nothing".to_string(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    let one = components + wires + datacenters == 1;
    let (them, the_components) = match (one, components) {
        (true, _) => ("it", "it"),
        (false, 1) => ("them", "the component"),
        (false, _) => ("them", "the components"),
    };
    let duplicate = if components > 0 {
        format!(" or Ctrl+D to duplicate {the_components}")
    } else {
        String::new()
    };
    format!("{what} selected. Press Delete to remove {them}{duplicate}.")
}

pub fn datacenter_members(members: usize) -> String {
    let what = plural(members as u64, "component");
    format!("{what} inside. Drag cards in or out to change that.")
}
