//! The banner's Korean.

use crate::present::lang::Lang;
use crate::present::say;
use crate::present::text::banner::{BannerMessage, BannerText, worded_in};

pub fn banner(t: BannerText) -> &'static str {
    match t {
        BannerText::Dismiss => "닫기",
        BannerText::RestorePrevious => "이전 다이어그램 되돌리기",
        BannerText::DownloadKept => "보관한 사본 내려받기",
    }
}

/// A share error worded in Korean, without a closing full stop (the sentence around it adds
/// its own).
fn share_error(error: &crate::share::ShareError) -> String {
    say::share_error(Lang::Ko, error)
        .trim_end()
        .trim_end_matches('.')
        .to_string()
}

pub fn banner_message(m: &BannerMessage) -> String {
    match m {
        BannerMessage::Opening(notice) => say::opening_notice(Lang::Ko, notice),
        BannerMessage::StorageRefused => "이 브라우저가 다이어그램 저장을 거부했습니다(저장 \
                                          공간이 가득 찼거나 꺼져 있습니다). 보관하려면 파일로 \
                                          내보내세요."
            .to_string(),
        BannerMessage::SimulationOnPage => "이 브라우저에서는 시뮬레이션용 백그라운드 워커를 \
                                            시작할 수 없어 이 페이지에서 직접 실행합니다. 빠르게 \
                                            실행하는 동안에는 편집이 느리게 느껴질 수 있습니다."
            .to_string(),
        BannerMessage::Restored => "이전 다이어그램을 되돌렸습니다. 그 자리에 있던 다이어그램은 \
                                    보관해 두었으니 다시 되돌릴 수 있습니다."
            .to_string(),
        BannerMessage::KeptFromEarlier => "링크, 파일이나 레슨을 열기 전에 작업하던 다이어그램을 \
                                           아직 보관하고 있습니다."
            .to_string(),
        BannerMessage::KeptUnreadable(error) => format!(
            "보관해 둔 다이어그램을 읽지 못했습니다({}). 캔버스는 그대로입니다.",
            share_error(error)
        ),
        BannerMessage::NothingKept => {
            "이 브라우저에는 되돌릴 다이어그램이 보관되어 있지 않습니다.".to_string()
        }
        BannerMessage::FileTooLarge { name } => format!(
            "“{name}” 파일을 열 수 없습니다. ScaleLab 다이어그램이라고 하기에는 너무 큽니다. \
             다이어그램은 그대로입니다."
        ),
        BannerMessage::FileUnreadable { name } => format!(
            "“{name}” 파일을 열 수 없습니다. 브라우저가 파일을 읽지 못했습니다. 다이어그램은 \
             그대로입니다."
        ),
        BannerMessage::FileRefused { name, error } => format!(
            "“{name}” 파일을 열지 못했습니다: {}. 다이어그램은 그대로입니다.",
            share_error(error)
        ),
        BannerMessage::Opened { name, warnings } => {
            format!(
                "“{name}” 파일을 열었습니다.{}",
                say::import_note(Lang::Ko, warnings)
            )
        }
        BannerMessage::DownloadRefused { reason } => format!(
            "브라우저가 내려받기를 거부했습니다: {}",
            reason.as_deref().unwrap_or("이유를 알려 주지 않았습니다")
        ),
        BannerMessage::Worded(texts) => worded_in(texts, Lang::Ko),
    }
}
