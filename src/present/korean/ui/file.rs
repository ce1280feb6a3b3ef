//! The file actions' and the share dialog's Korean.

use crate::present::text::file::FileText;

pub fn file(t: FileText) -> &'static str {
    match t {
        FileText::Share => "링크 공유",
        FileText::ShareTitle => "이 다이어그램과 시나리오를 담은 링크를 복사합니다",
        FileText::Export => "내보내기",
        FileText::ExportTitle => "다이어그램을 JSON 파일로 내려받습니다",
        FileText::Import => "가져오기",
        FileText::ImportTitle => "JSON 파일에서 다이어그램을 엽니다",
        FileText::ImportFile => "가져올 다이어그램 파일",
        FileText::ShareDialog => "링크 공유",
        FileText::ShareExplain => {
            "이 링크를 여는 사람은 누구나 이 다이어그램과 시나리오를 그대로 받습니다."
        }
        FileText::Copying => "복사하는 중…",
        FileText::Copied => "클립보드에 복사했습니다.",
        FileText::CopyRefused => {
            "상자에서 직접 복사하세요. 브라우저가 클립보드 접근을 허용하지 않았습니다."
        }
        FileText::Close => "닫기",
    }
}

/// " 모두 1234자입니다.", after the share status.
pub fn link_length(chars: usize) -> String {
    format!(" 모두 {chars}자입니다.")
}
