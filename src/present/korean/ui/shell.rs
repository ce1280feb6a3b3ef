//! The shell's Korean.

use crate::present::text::shell::ShellText;

pub fn shell(t: ShellText) -> &'static str {
    match t {
        ShellText::PageTitle => "ScaleLab: 사용자 수에 따른 규모 확장성",
        ShellText::Tagline => "사용자 0명에서 수백만 명까지, 컴포넌트 하나씩 규모를 키워 봅니다",
        ShellText::Language => "언어",
        ShellText::Panels => "패널",
        ShellText::PaletteButton => "컴포넌트",
        ShellText::InspectorButton => "속성 패널",
        ShellText::ClosePanel => "닫기",
    }
}
