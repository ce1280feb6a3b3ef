//! The editor's action names and shortcut keys in Korean.

use crate::editor::actions::{Action, Direction, Shortcut};
use crate::present::lang::Lang;
use crate::present::say;

/// Where a nudge goes, with its particle: "왼쪽으로".
fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Left => "왼쪽으로",
        Direction::Right => "오른쪽으로",
        Direction::Up => "위로",
        Direction::Down => "아래로",
    }
}

/// What a menu, a tooltip or the shortcut help says for an action.
pub fn action_name(action: Action) -> String {
    let text = match action {
        Action::Delete => "삭제",
        Action::Duplicate => "복제",
        Action::Copy => "복사",
        Action::Cut => "잘라내기",
        Action::Paste => "붙여넣기",
        Action::Undo => "실행 취소",
        Action::Redo => "다시 실행",
        Action::SelectAll => "모두 선택",
        Action::FitToView => "화면에 맞추기",
        Action::Cancel => "취소 / 선택 해제",
        Action::Nudge(d) => return format!("{} 조금 옮기기", direction(d)),
        Action::NudgeFar(d) => return format!("{} 멀리 옮기기", direction(d)),
        Action::ZoomIn => "확대",
        Action::ZoomOut => "축소",
        Action::ResetZoom => "100%로 보기",
        Action::AddAtCentre(kind) => return format!("{} 추가", say::kind_name(Lang::Ko, kind)),
        Action::StartWire => "선택한 컴포넌트에서 연결 시작(Tab으로 대상을 고르고 Enter로 연결)",
        Action::OpenContextMenu => "선택한 항목의 메뉴 열기(장애 주입, 삭제 등)",
    };
    text.to_string()
}

/// How a shortcut reads ("Ctrl+Shift+Z"; the menu key reads 메뉴).
pub fn shortcut(s: &Shortcut) -> String {
    crate::present::english::editor_actions::shortcut_with(s, "메뉴 키")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::actions::ACTIONS;
    use crate::model::ComponentKind;
    use crate::present::text::korean_check::foreign_words;

    #[test]
    fn every_action_and_shortcut_is_worded_in_korean() {
        let kinds: Vec<String> = ComponentKind::ALL
            .iter()
            .flat_map(|k| foreign_words(say::kind_name(Lang::Ko, *k)))
            .collect();
        let actions = ACTIONS
            .iter()
            .map(|s| s.action)
            .chain(ComponentKind::ALL.iter().map(|k| Action::AddAtCentre(*k)));
        for action in actions {
            let name = say::action_name(Lang::Ko, action);
            assert!(name.chars().any(|c| ('가'..='힣').contains(&c)), "{name}");
            let own: Vec<String> = foreign_words(&name)
                .into_iter()
                .filter(|w| !kinds.contains(w))
                .collect();
            assert!(own.is_empty(), "{action:?}: {name:?} has {own:?}");
        }
        for spec in ACTIONS {
            for s in spec.shortcuts {
                let keys = say::shortcut(Lang::Ko, s);
                assert!(foreign_words(&keys).is_empty(), "{keys}");
            }
            assert_ne!(
                say::action_name(Lang::En, spec.action),
                say::action_name(Lang::Ko, spec.action),
                "{:?} is worded in each language",
                spec.action
            );
        }
        assert_eq!(
            say::action_name(Lang::Ko, Action::Nudge(Direction::Left)),
            "왼쪽으로 조금 옮기기"
        );
        assert_eq!(
            say::action_name(Lang::Ko, Action::NudgeFar(Direction::Up)),
            "위로 멀리 옮기기"
        );
    }
}
