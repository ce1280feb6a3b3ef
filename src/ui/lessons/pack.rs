//! The lesson packs in the page: each language's narration, hints and simplifications
//! (`present::lesson_pack`), fetched once, when the gallery or a lesson is open in that
//! language. A pack that cannot be fetched, or is another version's, is said in the panel with
//! a way out (try again, or reload); the lesson itself (its objectives, its runs) goes on.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::present::lang::Lang;
use crate::present::lesson_pack::{self, LessonPack, PackError};

/// Where one language's pack stands.
#[derive(Clone, Debug, PartialEq)]
pub enum PackState {
    /// Not asked for yet.
    Missing,
    Loading,
    Ready(Arc<LessonPack>),
    /// The server did not answer with it (offline, or no such file).
    Unreachable,
    /// What came is not the pack this build was made with.
    Mismatch,
}

/// Both languages' packs, provided with the lessons' state.
#[derive(Clone, Copy)]
pub struct Packs {
    english: RwSignal<PackState>,
    korean: RwSignal<PackState>,
}

impl Packs {
    pub fn new() -> Packs {
        Packs {
            english: RwSignal::new(PackState::Missing),
            korean: RwSignal::new(PackState::Missing),
        }
    }

    fn slot(self, lang: Lang) -> RwSignal<PackState> {
        match lang {
            Lang::En => self.english,
            Lang::Ko => self.korean,
        }
    }

    /// `lang`'s pack as it stands (tracked).
    pub fn state(self, lang: Lang) -> PackState {
        self.slot(lang).get()
    }

    /// Fetches `lang`'s pack unless it is here or on its way; after a failure, again.
    pub fn ensure(self, lang: Lang) {
        let slot = self.slot(lang);
        if matches!(
            slot.get_untracked(),
            PackState::Loading | PackState::Ready(_)
        ) {
            return;
        }
        slot.set(PackState::Loading);
        leptos::task::spawn_local(async move {
            slot.set(fetch(lang).await);
        });
    }
}

/// Fetches and reads `lang`'s pack. The file's fingerprint is in its address, so a browser's
/// cache never answers with another version's.
async fn fetch(lang: Lang) -> PackState {
    let url = format!(
        "{}?v={:016x}",
        lesson_pack::file_name(lang),
        lesson_pack::expected_fingerprint(lang)
    );
    let Some(window) = web_sys::window() else {
        return PackState::Unreachable;
    };
    let text = async {
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() {
            return None;
        }
        JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    };
    match text.await {
        None => PackState::Unreachable,
        Some(text) => match LessonPack::read(lang, &text) {
            Ok(pack) => PackState::Ready(Arc::new(pack)),
            Err(PackError::Stale | PackError::Malformed { .. } | PackError::Incomplete) => {
                PackState::Mismatch
            }
        },
    }
}
