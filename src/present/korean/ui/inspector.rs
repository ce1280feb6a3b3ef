//! The inspector's Korean (around the form's own field labels).

use crate::present::text::inspector::InspectorText;

pub fn inspector(t: InspectorText) -> &'static str {
    match t {
        InspectorText::Inspector => "속성 패널",
        InspectorText::EmptyHint => {
            "캔버스에서 컴포넌트를 선택하면 설정을 보고 고칠 수 있습니다. 왼쪽 컴포넌트 \
             목록에서 추가해 보세요."
        }
        InspectorText::EmptyHintTouch => {
            "캔버스에서 컴포넌트를 누르면 설정을 보고 고칠 수 있습니다. 위의 컴포넌트 버튼으로 \
             목록을 열어 추가해 보세요."
        }
        InspectorText::Datacenter => "데이터 센터",
        InspectorText::Name => "이름",
        InspectorText::Region => "지역",
        InspectorText::NameNeeded => "데이터 센터에는 이름이 있어야 합니다.",
        InspectorText::Label => "이름",
        InspectorText::LabelNeeded => "컴포넌트에는 이름이 있어야 합니다.",
        InspectorText::Connect => "연결…",
        InspectorText::ConnectKey => "W",
        InspectorText::ConnectTitle => {
            "키보드로 이 컴포넌트를 연결합니다(W). Tab으로 대상을 고르고, Enter로 연결하고, \
             Esc로 취소합니다"
        }
        InspectorText::DesignReview => "설계 검토",
        InspectorText::NoFindings => "지적 사항이 없습니다. 설계가 모든 검사를 통과합니다.",
        InspectorText::SelectConcerned => "관련 컴포넌트 선택",
        InspectorText::Live => "실시간",
        InspectorText::LiveFigures => "실시간 수치",
        InspectorText::BreakItNow => "지금 장애 주입",
        InspectorText::FaultsHere => "여기서 주입한 장애는 이번 실행에만 적용됩니다.",
    }
}

pub fn selection_summary(components: usize, wires: usize, datacenters: usize) -> String {
    let parts: Vec<String> = [
        (components, "컴포넌트"),
        (wires, "연결선"),
        (datacenters, "데이터 센터"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{what} {n}개"))
    .collect();
    let duplicate = if components > 0 {
        " Ctrl+D로 컴포넌트를 복제할 수도 있습니다."
    } else {
        ""
    };
    format!(
        "{}를 선택했습니다. Delete 키로 지울 수 있습니다.{duplicate}",
        parts.join(", ")
    )
}

pub fn datacenter_members(members: usize) -> String {
    format!("컴포넌트 {members}개가 들어 있습니다. 카드를 안팎으로 끌어 옮기면 바뀝니다.")
}
