//! The event log: failures, promotions, failovers, autoscaling, lost sessions and writes, newest
//! first. An entry that names a component selects it on the canvas when clicked. Entries are
//! typed events worded when drawn (`say::log_message`), so a language switch re-words them.

use leptos::prelude::*;

use crate::editor::{Selectable, Selection};
use crate::model::ComponentId;
use crate::present::format::seconds;
use crate::present::say;
use crate::present::text::run::RunText;
use crate::ui::i18n::use_language;
use crate::ui::state::use_app;

use super::RunContext;

/// Entries shown (the simulation keeps a few hundred).
const SHOWN: usize = 120;

/// The run's event log.
#[component]
pub fn EventLog(run: RunContext) -> impl IntoView {
    let app = use_app();
    let language = use_language();
    let t = move |key: RunText| language.t(key);
    let select = move |id: u32| {
        app.editor
            .update(|e| e.set_selection(Selection::only(Selectable::Component(ComponentId(id)))));
    };
    let entries = crate::ui::erase::memo(move || {
        run.signals.snapshot.with(|s| {
            s.as_ref()
                .map(|s| s.log.iter().rev().take(SHOWN).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    view! {
        <section class="run-log" data-testid="event-log" aria-label=move || t(RunText::EventLog)>
            <h3 class="run-section-title">{move || t(RunText::EventLog)}</h3>
            <ol class="run-log-list">
                {move || {
                    let list = entries.get();
                    let lang = language.get();
                    if list.is_empty() {
                        return view! {
                            <li class="empty-hint">{t(RunText::LogEmpty)}</li>
                        }
                        .into_any();
                    }
                    list.into_iter()
                        .map(|e| {
                            let text = say::log_message(lang, &e.event);
                            let time = seconds(lang, e.time_s, 1);
                            match e.component {
                                Some(id) => view! {
                                    <li class="run-log-entry">
                                        <button class="run-log-button" data-testid="log-entry"
                                            title=t(RunText::SelectComponent)
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
