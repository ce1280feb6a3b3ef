//! The inspector: the selected component's settings and the design review.

use leptos::prelude::*;

/// The right column.
#[component]
pub fn Inspector() -> impl IntoView {
    view! {
        <aside class="inspector" data-testid="inspector" aria-label="Inspector">
            <h2 class="panel-title">"Inspector"</h2>
            <p class="empty-hint">"Select a component on the canvas to see and edit its settings."</p>
        </aside>
    }
}
