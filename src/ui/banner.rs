//! The banner over the canvas: damaged links, failed imports, restored work.
//!
//! A banner holds a typed message, worded here in the current language each time it is drawn,
//! so a banner already on screen follows a language switch.

use super::i18n::use_language;
use super::state::{BannerAction, BannerLevel, use_app};
use crate::present::text::banner::BannerText;
use leptos::prelude::*;

/// Shows the app's current banner, if any, with its action and a dismiss button.
#[component]
pub fn BannerBar() -> impl IntoView {
    let app = use_app();
    let language = use_language();
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
                    BannerAction::RestorePrevious => BannerText::RestorePrevious,
                    BannerAction::DownloadKept => BannerText::DownloadKept,
                };
                view! {
                    <button
                        class="btn banner-action"
                        data-testid="banner-action"
                        on:click=move |_| super::persist::perform(app, &action)
                    >
                        {move || language.t(label)}
                    </button>
                }
            });
            view! {
                <div class=class role=role data-testid="banner">
                    <span class="banner-message">{move || banner.message.say(language.get())}</span>
                    {action}
                    <button
                        class="btn btn-ghost banner-close"
                        aria-label=move || language.t(BannerText::Dismiss)
                        data-testid="banner-dismiss"
                        on:click=move |_| {
                            super::persist::let_go(app.banner.with_untracked(|b| b.as_ref().and_then(|b| b.action.clone())));
                            app.banner.set(None);
                        }
                    >
                        <span aria-hidden="true">"✕"</span>
                    </button>
                </div>
            }
        })
    }
}
