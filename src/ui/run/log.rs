//! The event log: failures, promotions, failovers, autoscaling, lost sessions and writes, newest
//! first. An entry that names a component selects it on the canvas when clicked.

use leptos::prelude::*;

use crate::editor::{Selectable, Selection};
use crate::model::ComponentId;
use crate::ui::state::use_app;

use super::RunContext;

/// Entries shown (the simulation keeps a few hundred).
const SHOWN: usize = 120;

/// The run's event log.
#[component]
pub fn EventLog(run: RunContext) -> impl IntoView {
    let app = use_app();
    let select = move |id: u32| {
        app.editor
            .update(|e| e.set_selection(Selection::only(Selectable::Component(ComponentId(id)))));
    };
    let entries = Memo::new(move |_| {
        run.signals.snapshot.with(|s| {
            s.as_ref()
                .map(|s| s.log.iter().rev().take(SHOWN).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    view! {
        <section class="run-log" data-testid="event-log" aria-label="Event log">
            <h3 class="run-section-title">"Event log"</h3>
            <ol class="run-log-list">
                {move || {
                    let list = entries.get();
                    if list.is_empty() {
                        return view! {
                            <li class="empty-hint">"Failures, failovers and autoscaling appear here."</li>
                        }
                        .into_any();
                    }
                    list.into_iter()
                        .map(|e| {
                            let text = crate::present::english::log_message(&e.event);
                            let time = format!("{:.1} s", e.time_s);
                            match e.component {
                                Some(id) => view! {
                                    <li class="run-log-entry">
                                        <button class="run-log-button" data-testid="log-entry"
                                            title="Select this component"
                                            on:click=move |_| select(id)>
                                            <span class="run-log-time">{time}</span>
                                            <span class="run-log-text">{text}</span>
                                        </button>
                                    </li>
                                }
                                .into_any(),
                                None => view! {
                                    <li class="run-log-entry" data-testid="log-entry">
                                        <span class="run-log-time">{time}</span>
                                        <span class="run-log-text">{text}</span>
                                    </li>
                                }
                                .into_any(),
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ol>
        </section>
    }
}
