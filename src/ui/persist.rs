//! Autosave, share links and JSON files: the browser side of "never lose work". The header's
//! file actions are here too; exporting (JSON, pictures, CSV) is `ui::export`.
//!
//! The decisions (what to open at start-up, what to keep aside) are pure and tested natively in
//! `share::open`; this module only moves strings between localStorage, the URL, the clipboard,
//! files and the editor. Storage slots: the autosave (written, debounced, on every change
//! and on page hide), the recovery slot (the diagram an opened link, imported file or lesson
//! replaced, or an autosave that could not be read), and whether that work is still to be
//! offered: replaced work is offered by a banner until it is restored or its banner closed, on
//! this visit or, after a reload, on the next.

use super::i18n::use_language;
use super::state::{AppState, Banner, BannerAction, BannerLevel, use_app};
use crate::lessons::link as lessons_link;
use crate::model::Diagram;
use crate::present::say;
use crate::present::text::banner::BannerMessage;
use crate::present::text::file::{self as file_text, FileText};
use crate::share::{
    self,
    open::{Level, Notice},
};
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// localStorage key of the autosaved diagram (share JSON format).
pub const AUTOSAVE_KEY: &str = "scalelab.autosave.v1";
/// localStorage key of the recovery slot.
pub const RECOVERY_KEY: &str = "scalelab.recovery.v1";
/// localStorage key set while the recovery slot holds work replaced by a link, a file or a
/// lesson that the person has neither restored nor let go (closed the banner offering it): a
/// later visit offers it again, so reloading or leaving the page loses nothing.
pub const RECOVERY_OFFERED_KEY: &str = "scalelab.recovery.offered.v1";
/// How long edits must pause before the autosave is written.
const AUTOSAVE_DEBOUNCE: Duration = Duration::from_millis(400);

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored value of `key`, if storage can be read and holds one.
pub(crate) fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Remembers a small preference (`Some`) or forgets it (`None`), quietly: a browser that
/// refuses storage keeps the choice for this visit only. The autosave uses [`write`], which
/// says so.
pub(crate) fn remember(key: &str, value: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

/// Writes `value`; on failure (storage full or disabled) says so once, without losing the canvas.
pub(crate) fn write(app: AppState, key: &str, value: &str) {
    let ok = storage().is_some_and(|s| s.set_item(key, value).is_ok());
    if !ok {
        app.show(Banner::new(
            BannerLevel::Warning,
            BannerMessage::StorageRefused,
        ));
    }
}

fn location_hash() -> Option<String> {
    web_sys::window()?.location().hash().ok()
}

/// Removes the fragment from the address bar without reloading or adding a history entry, so
/// a reload shows the autosave (the opened link plus later edits), not the link again.
fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        );
    }
}

fn banner_from(notice: Notice, can_restore: bool) -> Banner {
    let level = match notice.level() {
        Level::Info => BannerLevel::Info,
        Level::Warning => BannerLevel::Warning,
        Level::Error => BannerLevel::Error,
    };
    // An autosave this build cannot open is kept aside as it was: offered as a file, so the
    // work in it can be mended by hand rather than lost.
    let unreadable_kept = matches!(
        notice,
        Notice::UnreadableAutosave(_)
            | Notice::OpenedLink {
                kept: share::open::Kept::UnreadableAutosave,
                ..
            }
    );
    let action = if can_restore {
        Some(BannerAction::RestorePrevious)
    } else {
        unreadable_kept.then_some(BannerAction::DownloadKept)
    };
    Banner {
        level,
        message: BannerMessage::Opening(notice),
        action,
    }
}

/// Opens the autosave and/or the link in the URL, then keeps the autosave up to date.
pub fn start(app: AppState, lessons: crate::ui::lessons::Lessons) {
    open_from_url(app, lessons, true);
    // Work replaced on an earlier visit and never restored nor let go is offered again, unless
    // what opened now has a word of its own (a new link keeps the work it replaces itself).
    if read(RECOVERY_OFFERED_KEY).is_some() && app.banner.with_untracked(|b| b.is_none()) {
        app.show(Banner {
            level: BannerLevel::Info,
            message: BannerMessage::KeptFromEarlier,
            action: Some(BannerAction::RestorePrevious),
        });
    }
    let diagram = crate::ui::erase::memo(move || app.editor.with(|e| e.diagram().clone()));
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let mut first = true;
    crate::ui::erase::effect(move || {
        // Read, not just `track()`: a memo that was never computed has not subscribed to the
        // editor yet, and would never report a change.
        diagram.with(|_| ());
        if std::mem::take(&mut first) {
            return; // the diagram just opened is already what storage holds
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || save_now(app), AUTOSAVE_DEBOUNCE).ok();
        pending.set_value(handle);
    });
    // Undone back to the work a link or a file replaced: the banner's offer to restore it is
    // moot, and it goes (the work is no longer waiting to be restored on a later visit). The
    // kept diagram is read once per text the slot holds, not at every edit while the banner is
    // up (a drag is an edit a frame).
    let kept = StoredValue::new(None::<(String, Option<Diagram>)>);
    crate::ui::erase::effect(move || {
        let offered = app.banner.with(|b| {
            b.as_ref()
                .is_some_and(|b| b.action == Some(BannerAction::RestorePrevious))
        });
        if !offered {
            return;
        }
        let Some(text) = read(RECOVERY_KEY) else {
            return;
        };
        if kept.with_value(|k| k.as_ref().is_none_or(|(read, _)| *read != text)) {
            let parsed = share::import_json(&text).ok().map(|i| i.diagram);
            kept.set_value(Some((text, parsed)));
        }
        let back = kept.with_value(|k| {
            k.as_ref()
                .and_then(|(_, d)| d.as_ref())
                .is_some_and(|d| diagram.with(|now| share::open::same_document(now, d)))
        });
        if back {
            app.banner.set(None);
            let_go(Some(BannerAction::RestorePrevious));
        }
    });
    // Flush a pending save when the page goes away (reload, tab closed).
    let _ = window_event_listener(ev::pagehide, move |_| save_now(app));
    // A link pasted into the address bar of an open tab.
    let _ = window_event_listener(ev::hashchange, move |_| open_from_url(app, lessons, false));
}

fn open_from_url(app: AppState, lessons: crate::ui::lessons::Lessons, at_start: bool) {
    let fragment = location_hash();
    let has_link = fragment
        .as_deref()
        .is_some_and(|f| !f.trim_start_matches('#').is_empty());
    if !at_start && !has_link {
        return;
    }
    if let Some(link) = fragment.as_deref().and_then(lessons_link::parse) {
        if at_start && let Some(saved) = read(AUTOSAVE_KEY) {
            // Reopen what was autosaved first, so the lesson keeps it restorable.
            let opening = share::open::open(Some(&saved), None);
            app.load(opening.diagram);
        }
        let lang = app.editor.with_untracked(|e| e.language());
        if !lessons.open_link(app, &link, lang) {
            let typed = link.lesson.err().unwrap_or_default().to_string();
            app.show(Banner::new(
                BannerLevel::Error,
                BannerMessage::worded(move |l| say::no_such_lesson(l, &typed)),
            ));
        }
        clear_fragment();
        return;
    }
    let saved = if at_start {
        read(AUTOSAVE_KEY)
    } else {
        Some(
            app.editor
                .with_untracked(|e| share::export_json(e.diagram())),
        )
    };
    if at_start && !has_link && saved.is_none() {
        // A first visit: the lessons are the way in.
        lessons.gallery.set(true);
    }
    open_with(app, saved.as_deref(), fragment.as_deref());
    if has_link {
        clear_fragment();
    } else if at_start && saved.is_some() {
        // A reload in the middle of a lesson: the attempt is the autosave, and the lesson
        // opens over it again.
        let lang = app.editor.with_untracked(|e| e.language());
        lessons.resume(app, lang);
    }
}

/// Opens a share link's `fragment` over the current diagram (kept restorable if it has work).
pub(crate) fn open_fragment(app: AppState, fragment: &str) {
    let saved = app
        .editor
        .with_untracked(|e| share::export_json(e.diagram()));
    open_with(app, Some(&saved), Some(fragment));
}

fn open_with(app: AppState, saved: Option<&str>, fragment: Option<&str>) {
    let opening = share::open::open(saved, fragment);
    if let Some(kept) = &opening.keep_for_recovery {
        write(app, RECOVERY_KEY, kept);
        // An autosave this build cannot read is offered as a file instead, by this banner only.
        remember(RECOVERY_OFFERED_KEY, opening.can_restore.then_some("1"));
    }
    // Work the link replaces stays one Undo away, as well as in the recovery slot.
    match opening
        .keep_for_recovery
        .as_deref()
        .filter(|_| opening.can_restore)
        .map(share::import_json)
    {
        Some(Ok(kept)) => {
            app.load(kept.diagram);
            app.editor.update(|e| e.open_replacing(opening.diagram));
        }
        _ => app.load(opening.diagram),
    }
    save_now(app);
    if let Some(notice) = opening.notice {
        app.show(banner_from(notice, opening.can_restore));
    }
}

/// Writes the autosave if the diagram differs from what is stored.
fn save_now(app: AppState) {
    let json = app
        .editor
        .with_untracked(|e| share::export_json(e.diagram()));
    if read(AUTOSAVE_KEY).as_deref() != Some(json.as_str()) {
        write(app, AUTOSAVE_KEY, &json);
    }
}

/// Replaces the document with `diagram`, keeping the current one restorable if it has work.
pub(crate) fn open_document(app: AppState, diagram: Diagram, message: BannerMessage) {
    open_document_as(app, diagram, BannerLevel::Info, message);
}

/// [`open_document`], its banner at `level`.
pub(crate) fn open_document_as(
    app: AppState,
    diagram: Diagram,
    level: BannerLevel,
    message: BannerMessage,
) {
    let current = app.editor.with_untracked(|e| e.diagram().clone());
    app.file_name.set(None);
    let keep = !current.components.is_empty() && !share::open::same_document(&current, &diagram);
    if keep {
        write(app, RECOVERY_KEY, &share::export_json(&current));
        remember(RECOVERY_OFFERED_KEY, Some("1"));
        // One Undo away too, not only behind the banner's button.
        app.editor.update(|e| e.open_replacing(diagram));
    } else {
        app.load(diagram);
    }
    save_now(app);
    app.show(Banner {
        level,
        message,
        action: keep.then_some(BannerAction::RestorePrevious),
    });
}

/// The banner offering the kept diagram is closed: the person lets it go (it stays in the
/// recovery slot until something else is kept, but is not offered again).
pub fn let_go(action: Option<BannerAction>) {
    if action == Some(BannerAction::RestorePrevious) {
        remember(RECOVERY_OFFERED_KEY, None);
    }
}

/// Carries out a banner's action.
pub fn perform(app: AppState, action: &BannerAction) {
    match action {
        BannerAction::RestorePrevious => match read(RECOVERY_KEY).map(|t| share::import_json(&t)) {
            Some(Ok(imported)) => {
                open_document(app, imported.diagram, BannerMessage::Restored);
                // Chosen: the diagram swapped out is one Undo and this banner away, but not
                // offered again on a later visit.
                remember(RECOVERY_OFFERED_KEY, None);
            }
            Some(Err(error)) => app.show(Banner::new(
                BannerLevel::Error,
                BannerMessage::KeptUnreadable(error),
            )),
            None => app.show(Banner::new(
                BannerLevel::Warning,
                BannerMessage::NothingKept,
            )),
        },
        BannerAction::DownloadKept => {
            let saved = read(RECOVERY_KEY).and_then(|text| {
                let blob = super::export::blob_of(&text, "application/json").ok()?;
                super::export::download(KEPT_FILE, &blob).ok()
            });
            if saved.is_none() {
                app.show(Banner::new(
                    BannerLevel::Warning,
                    BannerMessage::NothingKept,
                ));
            }
        }
    }
}

/// The name a kept diagram is saved under by [`BannerAction::DownloadKept`].
const KEPT_FILE: &str = "scalelab-kept.json";

/// The full share URL for the current diagram.
fn share_url(app: AppState) -> String {
    let fragment = app
        .editor
        .with_untracked(|e| share::encode_link(e.diagram()));
    url_with(&fragment)
}

/// This page's URL with `fragment`.
pub(crate) fn url_with(fragment: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!(
                "{}{}{}",
                l.origin().ok()?,
                l.pathname().ok()?,
                l.search().ok()?
            ))
        })
        .unwrap_or_default();
    format!("{base}#{fragment}")
}

async fn import_file(app: AppState, file: web_sys::File) {
    let name = file.name();
    if file.size() > share::MAX_FILE_BYTES as f64 {
        app.show(Banner::new(
            BannerLevel::Error,
            BannerMessage::FileTooLarge { name },
        ));
        return;
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    let Some(text) = text.ok().and_then(|t| t.as_string()) else {
        app.show(Banner::new(
            BannerLevel::Error,
            BannerMessage::FileUnreadable { name },
        ));
        return;
    };
    match share::import_json(&text) {
        Ok(imported) => {
            let stem = name
                .rsplit_once('.')
                .map_or(name.as_str(), |(stem, _)| stem);
            let stem = stem.to_string();
            open_document(
                app,
                imported.diagram,
                BannerMessage::Opened {
                    name,
                    warnings: imported.warnings,
                },
            );
            app.file_name.set(Some(stem));
        }
        Err(error) => app.show(Banner::new(
            BannerLevel::Error,
            BannerMessage::FileRefused { name, error },
        )),
    }
}

/// Share, export (`export::ExportMenu`) and import buttons, with the share dialog.
#[component]
pub fn FileActions() -> impl IntoView {
    let app = use_app();
    let language = use_language();
    let shared = RwSignal::new(None::<(String, Option<bool>)>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let share_button = NodeRef::<leptos::html::Button>::new();
    // The link, selected, takes the focus as the dialog opens.
    let share_url_input = NodeRef::<leptos::html::Input>::new();
    crate::ui::erase::effect(move || {
        if let Some(input) = share_url_input.get() {
            let _ = input.focus();
        }
    });
    // Closing the dialog (its button, or Escape in it) gives the focus back to Share.
    let close_share = move || {
        shared.set(None);
        if let Some(button) = share_button.get_untracked() {
            let _ = button.focus();
        }
    };

    let on_share = move |_| {
        let url = share_url(app);
        shared.set(Some((url.clone(), None)));
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            return;
        };
        let promise = clipboard.write_text(&url);
        leptos::task::spawn_local(async move {
            let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            shared.update(|s| {
                if let Some((shown, state)) = s.as_mut()
                    && *shown == url
                {
                    *state = Some(copied);
                }
            });
        });
    };
    let on_file = move |_| {
        let Some(input) = file_input.get() else {
            return;
        };
        let file = input.files().and_then(|files| files.get(0));
        input.set_value("");
        if let Some(file) = file {
            leptos::task::spawn_local(import_file(app, file));
        }
    };

    view! {
        <div class="file-actions">
            <button
                node_ref=share_button
                class="btn btn-primary"
                data-testid="share"
                title=move || language.t(FileText::ShareTitle)
                on:click=on_share
            >
                {move || language.t(FileText::Share)}
            </button>
            <super::export::ExportMenu/>
            <button
                class="btn"
                data-testid="import"
                title=move || language.t(FileText::ImportTitle)
                on:click=move |_| {
                    if let Some(input) = file_input.get() {
                        input.click();
                    }
                }
            >
                {move || language.t(FileText::Import)}
            </button>
            <input
                node_ref=file_input
                type="file"
                accept=".json,application/json"
                class="visually-hidden"
                data-testid="import-file"
                // Reached through the Import button: not a second, invisible tab stop, nor a
                // second control for a screen reader.
                tabindex="-1"
                aria-hidden="true"
                aria-label=move || language.t(FileText::ImportFile)
                on:change=on_file
            />
        </div>
        {move || {
            shared.get().map(|(url, copied)| {
                let status = match copied {
                    None => FileText::Copying,
                    Some(true) => FileText::Copied,
                    Some(false) => FileText::CopyRefused,
                };
                let length = url.len();
                view! {
                    <div
                        class="share-dialog"
                        role="dialog"
                        aria-label=move || language.t(FileText::ShareDialog)
                        data-testid="share-dialog"
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            if ev.key() == "Escape" {
                                ev.prevent_default();
                                ev.stop_propagation();
                                close_share();
                            }
                        }
                    >
                        <p class="share-title">{move || language.t(FileText::ShareExplain)}</p>
                        <input
                            class="share-url"
                            readonly
                            data-testid="share-url"
                            aria-label=move || language.t(FileText::ShareUrl)
                            node_ref=share_url_input
                            prop:value=url
                            on:focus=move |ev| {
                                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    input.select();
                                }
                            }
                        />
                        <p class="share-status" data-testid="share-status">
                            {move || language.t(status)} {move || file_text::link_length(language.get(), length)}
                        </p>
                        <button class="btn" data-testid="share-close" on:click=move |_| close_share()>
                            {move || language.t(FileText::Close)}
                        </button>
                    </div>
                }
            })
        }}
    }
}
