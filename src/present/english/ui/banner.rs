//! The banner's English.

use crate::present::lang::Lang;
use crate::present::say;
use crate::present::text::banner::{BannerMessage, BannerText, worded_in};

pub fn banner(t: BannerText) -> &'static str {
    match t {
        BannerText::Dismiss => "Dismiss",
        BannerText::RestorePrevious => "Restore my previous diagram",
        BannerText::DownloadKept => "Download the kept copy",
    }
}

pub fn banner_message(m: &BannerMessage) -> String {
    match m {
        BannerMessage::Opening(notice) => say::opening_notice(Lang::En, notice),
        BannerMessage::StorageRefused => "This browser refused to save your diagram (storage is \
                                          full or disabled). Export it to a file to keep it."
            .to_string(),
        BannerMessage::SimulationOnPage => "This browser could not start a background worker for \
                                            the simulation, so it runs on this page: during a \
                                            fast run, editing may feel slower."
            .to_string(),
        BannerMessage::Restored => {
            "Your previous diagram is back. The one it replaced is kept and can be restored."
                .to_string()
        }
        BannerMessage::KeptFromEarlier => "The diagram you were working on before a link, a \
                                           file or a lesson replaced it is still kept."
            .to_string(),
        BannerMessage::KeptUnreadable(error) => format!(
            "The kept diagram could not be read ({}). Your canvas is unchanged.",
            say::share_error(Lang::En, error)
        ),
        BannerMessage::NothingKept => {
            "There is no kept diagram to restore in this browser.".to_string()
        }
        BannerMessage::FileTooLarge { name } => format!(
            "Could not open “{name}”: it is larger than any ScaleLab diagram. Your diagram is \
             unchanged."
        ),
        BannerMessage::FileUnreadable { name } => format!(
            "Could not open “{name}”: the browser could not read the file. Your diagram is \
             unchanged."
        ),
        BannerMessage::FileRefused { name, error } => format!(
            "Could not open “{name}”: {}. Your diagram is unchanged.",
            say::share_error(Lang::En, error)
        ),
        BannerMessage::Opened { name, warnings } => {
            format!("Opened “{name}”.{}", say::import_note(Lang::En, warnings))
        }
        BannerMessage::DownloadRefused { reason } => format!(
            "The browser refused the download: {}",
            reason.as_deref().unwrap_or("no reason given")
        ),
        BannerMessage::Worded(texts) => worded_in(texts, Lang::En),
    }
}
