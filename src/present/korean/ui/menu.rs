//! The context menu's Korean.

use crate::present::text::menu::MenuText;

pub fn menu(t: MenuText) -> &'static str {
    match t {
        MenuText::StartRunHint => "실행을 시작하면 장애를 바로 주입할 수 있습니다",
    }
}

/// "캐시 작업".
pub fn actions_for(title: &str) -> String {
    format!("{title} 메뉴")
}
