//! The palette: every component kind of the catalogue, with its icon and one-line description.

use crate::model::ComponentKind;
use leptos::prelude::*;

/// The left column listing the component catalogue.
#[component]
pub fn Palette() -> impl IntoView {
    view! {
        <aside class="palette" data-testid="palette" aria-label="Component palette">
            <h2 class="panel-title">"Components"</h2>
            <ul class="palette-list">
                {ComponentKind::ALL
                    .into_iter()
                    .map(|kind| {
                        view! {
                            <li class="palette-item" title=kind.description()>
                                <span class="palette-icon" aria-hidden="true">{kind.icon()}</span>
                                <span class="palette-text">
                                    <span class="palette-name">{kind.name()}</span>
                                    <span class="palette-desc">{kind.description()}</span>
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </aside>
    }
}
