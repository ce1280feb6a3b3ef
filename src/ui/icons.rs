//! Line icons for the component kinds, drawn as SVG paths on a 24 x 24 grid so they look the
//! same on every system (emoji fonts differ, and some systems have none).

use crate::model::ComponentKind;
use leptos::prelude::*;

/// The path data of `kind`'s icon: strokes only, 24 x 24 units.
pub fn icon_path(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Users => {
            "M9 11a3 3 0 1 0 0-6a3 3 0 0 0 0 6zM3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 5.2a3 3 0 0 1 0 5.6M21 20c0-2.7-1.6-5-4-5.7"
        }
        ComponentKind::Dns => {
            "M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18zM3.5 9h17M3.5 15h17M12 3c-2.4 2.5-3.6 5.5-3.6 9s1.2 6.5 3.6 9M12 3c2.4 2.5 3.6 5.5 3.6 9s-1.2 6.5-3.6 9"
        }
        ComponentKind::Cdn => {
            "M7 17h10.5a3.5 3.5 0 0 0 .4-7A6 6 0 0 0 6.3 9.2A4 4 0 0 0 7 17zM8 21h.01M12 21h.01M16 21h.01"
        }
        ComponentKind::LoadBalancer => {
            "M3 12h5M8 12l5-6h3M8 12h8M8 12l5 6h3M19 6a1.5 1.5 0 1 0 0 .01M19 12a1.5 1.5 0 1 0 0 .01M19 18a1.5 1.5 0 1 0 0 .01"
        }
        ComponentKind::WebServers => {
            "M4 4h16v6H4zM4 14h16v6H4zM7.5 7h.01M7.5 17h.01M11 7h5M11 17h5"
        }
        ComponentKind::Cache => "M13 2L4.5 13.5H11L10 22l8.5-11.5H12L13 2z",
        ComponentKind::SessionStore => {
            "M8 15a4 4 0 1 1 0-8a4 4 0 0 1 0 8zM11 12h10M17 12v3M20 12v2"
        }
        ComponentKind::Database => {
            "M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3s-3.6 3-8 3s-8-1.3-8-3zM4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3"
        }
        ComponentKind::NoSql => "M4 7l8-4l8 4v10l-8 4l-8-4zM4 7l8 4l8-4M12 11v10",
        ComponentKind::ShardedDatabase => "M3 4h8v7H3zM13 4h8v7h-8zM3 13h8v7H3zM13 13h8v7h-8z",
        ComponentKind::MessageQueue => "M2 8h20v8H2zM6.5 8v8M11 8v8M15.5 8v8M19 4l3 4M19 20l3-4",
        ComponentKind::Workers => {
            "M12 8.5a3.5 3.5 0 1 0 0 7a3.5 3.5 0 0 0 0-7zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1"
        }
        ComponentKind::MetricsSink => "M3 3v18h18M7 15l4-4l3 3l6-6",
    }
}

/// A standalone icon for HTML contexts (palette, inspector, menus).
#[component]
pub fn KindIcon(
    /// Which kind's icon to draw.
    kind: ComponentKind,
) -> impl IntoView {
    view! {
        <svg class="kind-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=icon_path(kind)></path>
        </svg>
    }
}
