//! The palette's Korean.

use crate::present::text::palette::PaletteText;

pub fn palette(t: PaletteText) -> &'static str {
    match t {
        PaletteText::Palette => "컴포넌트 목록",
        PaletteText::Title => "컴포넌트",
        PaletteText::Hint => "캔버스로 끌어다 놓거나, 눌러서 화면 가운데에 추가합니다.",
        PaletteText::HintTouch => "눌러서 화면 가운데에 추가하거나, 옆으로 끌어 캔버스에 놓습니다.",
        PaletteText::Datacenter => "데이터 센터",
        PaletteText::DatacenterDescription => {
            "지역을 나타내는 틀입니다. 안에 놓은 카드는 그 데이터 센터에서 실행됩니다."
        }
        PaletteText::DatacenterTitle => {
            "데이터 센터 틀: 카드를 안으로 끌어 넣으면 그 지역에 배치됩니다"
        }
        PaletteText::AddDatacenter => "데이터 센터 틀 추가",
        PaletteText::Collapse => "컴포넌트 목록을 아이콘만 남기고 접기",
        PaletteText::Expand => "컴포넌트 목록 펼치기",
    }
}

/// "캐시 추가: <description>".
pub fn add_kind(name: &str, description: &str) -> String {
    format!("{name} 추가: {description}")
}
