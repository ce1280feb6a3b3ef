//! The bottom strip where live run figures appear.

use leptos::prelude::*;

/// The metrics strip under the canvas.
#[component]
pub fn MetricsStrip() -> impl IntoView {
    view! {
        <footer class="metrics-strip" data-testid="metrics" aria-label="Metrics">
            <span class="panel-title">"Metrics"</span>
            <span class="empty-hint">
                "Throughput, latency percentiles and errors appear here while traffic runs."
            </span>
        </footer>
    }
}
