//! The banner over the canvas: damaged links, failed imports, restored work.

use super::state::{BannerAction, BannerLevel, use_app};
use leptos::prelude::*;

/// Shows the app's current banner, if any, with its action and a dismiss button.
#[component]
pub fn BannerBar() -> impl IntoView {
    let app = use_app();
    move || {
        app.banner.get().map(|banner| {
            let class = match banner.level {
                BannerLevel::Info => "banner banner-info",
                BannerLevel::Warning => "banner banner-warning",
                BannerLevel::Error => "banner banner-error",
            };
            let role = if banner.level == BannerLevel::Error {
                "alert"
            } else {
                "status"
            };
            let action = banner.action.clone().map(|action| {
                let label = match action {
                    BannerAction::RestorePrevious => "Restore my previous diagram",
                };
                view! {
                    <button
                        class="btn"
                        data-testid="banner-action"
                        on:click=move |_| super::persist::perform(app, &action)
                    >
                        {label}
                    </button>
                }
            });
            view! {
                <div class=class role=role data-testid="banner">
                    <span class="banner-message">{banner.message}</span>
                    {action}
                    <button
                        class="btn btn-ghost banner-close"
                        aria-label="Dismiss"
                        data-testid="banner-dismiss"
                        on:click=move |_| app.banner.set(None)
                    >
                        "✕"
                    </button>
                </div>
            }
        })
    }
}
