//! The run panel's faults in Korean.

use crate::decimal::Fixed;
use crate::model::FaultAction;
use crate::present::text::run_faults::FaultText;

pub fn words(t: FaultText) -> &'static str {
    match t {
        FaultText::BreakThings => "장애 주입",
        FaultText::Target => "장애를 낼 대상",
        FaultText::InjectedHint => {
            "여기서 주입한 장애는 이번 실행에만 적용됩니다. 시나리오에 예약한 장애는 차트 아래에 있습니다."
        }
        FaultText::Schedule => "예약",
        FaultText::AtSeconds => "시각 (초)",
        FaultText::AddToScenario => "시나리오에 추가",
        FaultText::NeedsTime => {
            "장애에는 실행 시작부터 잰 시각(초 단위, 0에서 10억 사이)이 있어야 합니다."
        }
        FaultText::ScheduledFaults => "예약된 장애",
        FaultText::NoFaults => {
            "예약된 장애가 없습니다. 장애 주입에서 대상과 시각을 고른 뒤 시나리오에 추가를 누르세요."
        }
        FaultText::WhenSeconds => "시각 (초)",
        FaultText::Remove => "삭제",
        FaultText::BadTime => "장애 시각은 0에서 10억 사이의 초 단위 값이어야 합니다.",
        FaultText::Removed => "(삭제됨)",
    }
}

/// A fault's name on the timeline: the same words as its button (Korean has no case to change).
pub fn fault_name(action: FaultAction) -> String {
    crate::present::korean::fault_action(action)
}

pub fn datacenter_target(name: &str) -> String {
    crate::present::korean::datacenter_named(name)
}

pub fn wire_target(from: &str, to: &str) -> String {
    format!("연결선 {from} → {to}")
}

pub fn wire_target_from_port(from: &str, port: &str, to: &str) -> String {
    format!("연결선 {from}({port}) → {to}")
}

pub fn scheduled(action: &str, target: &str) -> String {
    format!("{target} {action}")
}

pub fn scheduled_at(at_s: f64, action: &str, target: &str) -> String {
    format!("{at_s}초: {target} {action}", at_s = Fixed(at_s, 0))
}

pub fn remove_at(at_s: f64) -> String {
    format!("{at_s}초의 장애 삭제", at_s = Fixed(at_s, 0))
}
