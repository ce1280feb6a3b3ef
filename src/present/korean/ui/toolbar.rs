//! The toolbar's, the theme toggle's and the shortcuts help's Korean.

use crate::present::text::toolbar::{HelpText, ToolbarText};

pub fn toolbar(t: ToolbarText) -> &'static str {
    match t {
        ToolbarText::Toolbar => "편집 도구",
        ToolbarText::ZoomTo100 => "배율 100%로 보기",
        ToolbarText::ZoomLevel => "현재 배율. 누르면 100%로 되돌립니다",
        ToolbarText::ShortcutsTitle => "단축키: 키보드, 마우스, 트랙패드 (?)",
        ToolbarText::Shortcuts => "단축키",
        ToolbarText::ThemeSystem => "테마: 시스템",
        ToolbarText::ThemeLight => "테마: 밝게",
        ToolbarText::ThemeDark => "테마: 어둡게",
        ToolbarText::ThemeTitle => "시스템 설정, 밝은 테마, 어두운 테마를 차례로 바꿉니다",
    }
}

pub fn help(t: HelpText) -> &'static str {
    match t {
        HelpText::Title => "단축키",
        HelpText::Or => "  또는  ",
        HelpText::ConnectNextPrevious => "키보드로 연결할 때: 다음 / 이전 대상",
        HelpText::ConnectNextPreviousKeys => "Tab  또는  →↓ ;  Shift+Tab  또는  ←↑",
        HelpText::ConnectConfirm => "키보드로 연결할 때: 연결 / 취소",
        HelpText::ConnectConfirmKeys => "Enter ;  Esc",
        HelpText::Pan => "화면 이동",
        HelpText::PanKeys => "Space+드래그  또는  가운데 버튼 드래그  또는  Shift+휠",
        HelpText::PanKeysWheelPans => "휠  또는  Space+드래그  또는  가운데 버튼 드래그",
        HelpText::Zoom => "확대·축소",
        HelpText::ZoomKeys => "휠  또는  핀치",
        HelpText::ZoomKeysWheelPans => "Ctrl+휠  또는  핀치",
        HelpText::WheelPans => "휠로 화면 이동 (확대·축소는 Ctrl+휠)",
        HelpText::WheelPansHint => {
            "트랙패드를 쓴다면 켜 두세요. 두 손가락으로 밀면 화면이 움직이고, 핀치로 확대·축소합니다. 이 브라우저에 저장됩니다."
        }
        HelpText::BoxSelect => "영역 선택",
        HelpText::BoxSelectKeys => "캔버스에서 Shift+드래그",
        HelpText::ThisList => "이 목록",
        HelpText::Fidelity => "ScaleLab은 얼마나 정확한가요? (영어 문서)",
        HelpText::Close => "닫기 (Esc)",
    }
}
