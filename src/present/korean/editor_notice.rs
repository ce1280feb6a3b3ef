//! The editor's notices and screen-reader announcements in Korean.

use crate::editor::clipboard::PasteError;
use crate::editor::command::CommandError;
use crate::editor::notice::{Announcement, EditFailure, Notice, PortMention, WireRefusal};
use crate::present::korean::grammar::finish;
use crate::present::lang::Lang;
use crate::present::say;

/// Why a wire may not end at a port.
pub fn wire_refusal(r: &WireRefusal) -> String {
    match r {
        WireRefusal::Rule(r) => say::refusal(Lang::Ko, r),
        WireRefusal::AcceptsNothing(kind) => finish(format!(
            "{}은(는) 연결을 받지 않습니다",
            say::kind_name(Lang::Ko, *kind)
        )),
    }
}

fn edit_failure(f: &EditFailure) -> String {
    match f {
        EditFailure::NothingToUndo => "실행 취소하거나 다시 실행할 편집이 없습니다".into(),
        EditFailure::GestureOpen => "진행 중인 동작을 먼저 끝내야 합니다".into(),
        EditFailure::EditLost => "진행 중이던 편집이 사라졌습니다".into(),
        EditFailure::Command(CommandError::Edit(e)) => say::edit_error(Lang::Ko, e),
        EditFailure::Command(CommandError::Stale(_)) => {
            "이 편집을 한 뒤에 다이어그램이 바뀌었습니다".into()
        }
        EditFailure::Command(CommandError::NotFinite) => "위치가 올바른 숫자가 아닙니다".into(),
        EditFailure::Command(CommandError::Unsavable(e)) => say::unsavable(Lang::Ko, e),
    }
}

/// A label or datacenter name longer than the format holds.
pub fn name_too_long(chars: usize) -> String {
    super::share::too_long("이름", chars)
}

fn paste_error(e: &PasteError) -> String {
    match e {
        PasteError::NotScaleLab => "클립보드에 ScaleLab 컴포넌트가 없습니다".into(),
        PasteError::Unreadable(e) => format!(
            "복사한 다이어그램을 붙여 넣지 못했습니다: {}",
            say::share_error(Lang::Ko, e)
        ),
        PasteError::Empty => "붙여 넣을 것이 없습니다".into(),
        PasteError::IdsExhausted => "이 다이어그램은 ID를 모두 써 버렸습니다".into(),
    }
}

/// The notice under the canvas.
pub fn notice(n: &Notice) -> String {
    match n {
        Notice::WireRefused(r) => format!("{}.", wire_refusal(r)),
        Notice::NothingToConnect { label } => nothing_to_connect(label),
        Notice::EditFailed(f) => format!("{}.", edit_failure(f)),
        Notice::UndoFailed(f) => {
            format!(
                "실행 취소나 다시 실행을 하지 못했습니다: {}.",
                edit_failure(f)
            )
        }
        Notice::OutOfIds => "이 다이어그램은 ID를 모두 써 버렸습니다.".into(),
        Notice::Paste(e) => format!("{}.", paste_error(e)),
        Notice::WheelCanPan => "트랙패드를 쓰시나요? 단축키 도움말(?)에서 휠로 화면 이동을 켜면 \
                                두 손가락으로 화면을 옮기고 핀치로 확대·축소할 수 있습니다."
            .into(),
    }
}

fn nothing_to_connect(label: &str) -> String {
    format!("아직 {label}에서 연결할 대상이 없습니다.")
}

fn mention(m: &PortMention) -> String {
    match m {
        PortMention::Out { label, port } => {
            format!("{label}({} 출력)", say::out_port_name(Lang::Ko, *port))
        }
        PortMention::In { label, port } => {
            format!("{label}({} 입력)", say::in_port_name(Lang::Ko, *port))
        }
        PortMention::Missing(id) => format!("{}번 컴포넌트", id.0),
    }
}

/// What the live region says.
pub fn announcement(a: &Announcement) -> String {
    match a {
        Announcement::NothingToConnect { label } => nothing_to_connect(label),
        Announcement::Aiming {
            from,
            target,
            index,
            count,
            verdict,
        } => {
            let verdict = match verdict {
                Ok(()) => "Enter를 누르면 연결됩니다".to_string(),
                Err(reason) => format!("연결할 수 없습니다: {}", wire_refusal(reason)),
            };
            let message = format!(
                "{}, 대상 {count}개 중 {}번째: {verdict}.",
                mention(target),
                index + 1
            );
            match from {
                Some(from) => format!(
                    "{}에서 연결을 시작합니다. {message} Tab이나 화살표 키로 다른 대상을, W로 다음 출력을 고르고, Esc로 취소합니다.",
                    mention(from)
                ),
                None => message,
            }
        }
        Announcement::TapAiming { from } => format!(
            "{}에서 연결을 시작합니다. 이을 카드를 누르면 연결되고, 빈 곳을 누르면 취소됩니다.",
            mention(from)
        ),
        Announcement::Connected { from, to } => {
            format!("{}에서 {}까지 연결했습니다.", mention(from), mention(to))
        }
        Announcement::Refused { target, reason } => format!(
            "{}에는 이 연결선을 이을 수 없습니다: {}. Tab으로 다른 대상을 고르거나 Esc로 취소합니다.",
            mention(target),
            wire_refusal(reason)
        ),
        Announcement::WiringCancelled => "연결을 취소했습니다.".into(),
        Announcement::Added { name } => finish(format!("{name}을(를) 추가했습니다.")),
        Announcement::Deleted {
            only: Some(name), ..
        } => finish(format!("{name}을(를) 삭제했습니다.")),
        Announcement::Deleted { items, .. } => format!("항목 {items}개를 삭제했습니다."),
        Announcement::Pasted { components } => {
            format!("컴포넌트 {components}개를 붙여 넣었습니다.")
        }
        Announcement::Undone => "실행을 취소했습니다.".into(),
        Announcement::Redone => "다시 실행했습니다.".into(),
    }
}

/// The default name of the `n`th datacenter frame: "데이터 센터 3".
pub fn datacenter_name(n: usize) -> String {
    format!("데이터 센터 {n}")
}
