//! The banner's words: its buttons, and [`BannerMessage`], what a banner says as a typed value
//! worded when it is drawn, so that a banner already on screen follows a language switch.

use crate::present::lang::Lang;
use crate::present::{english, korean};
use crate::share::ShareError;
use crate::share::open::Notice;

crate::phrases! {
    /// The banner's buttons.
    pub enum BannerText => (english::ui::banner, korean::ui::banner) {
        /// The dismiss button's accessible name.
        Dismiss,
        /// The button that puts back the replaced diagram.
        RestorePrevious,
        /// The button that saves a kept diagram this build cannot open as a file, to mend by
        /// hand.
        DownloadKept,
    }
}

/// What a banner says: what happened, with what it happened to.
#[derive(Clone, Debug, PartialEq)]
pub enum BannerMessage {
    /// What opening the autosave or a link found (the share layer's notice).
    Opening(Notice),
    /// The browser would not save to localStorage.
    StorageRefused,
    /// The browser could not start the simulation's background worker: runs happen on the
    /// page itself.
    SimulationOnPage,
    /// The kept diagram is back.
    Restored,
    /// At start-up: a diagram an opened link, file or lesson replaced on an earlier visit is
    /// still kept, never restored nor let go.
    KeptFromEarlier,
    /// The kept diagram could not be read.
    KeptUnreadable(ShareError),
    /// There is no kept diagram.
    NothingKept,
    /// A file to import is larger than any diagram.
    FileTooLarge { name: String },
    /// The browser could not read a file to import.
    FileUnreadable { name: String },
    /// A file to import is not a diagram ScaleLab can open.
    FileRefused { name: String, error: ShareError },
    /// A file was imported, with what was ignored or repaired in it.
    Opened {
        name: String,
        warnings: Vec<crate::share::ImportWarning>,
    },
    /// The browser refused a download, with the browser's reason if it gave one.
    DownloadRefused { reason: Option<String> },
    /// A message its caller worded in every language, for a part of the app whose catalogue is
    /// its own (the run panel's): one text per language, made with [`BannerMessage::worded`].
    Worded(Vec<(Lang, String)>),
}

impl BannerMessage {
    /// A message worded by `word` in every language now, so that it still follows a language
    /// switch while it is on screen.
    pub fn worded(word: impl Fn(Lang) -> String) -> Self {
        BannerMessage::Worded(Lang::ALL.iter().map(|&l| (l, word(l))).collect())
    }
}

/// The text of a [`BannerMessage::Worded`] in `lang` (empty if it was not worded in it).
pub(crate) fn worded_in(texts: &[(Lang, String)], lang: Lang) -> String {
    texts
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, text)| text.clone())
        .unwrap_or_default()
}

impl BannerMessage {
    /// The message in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::En => english::ui::banner_message(self),
            Lang::Ko => korean::ui::banner_message(self),
        }
    }
}
