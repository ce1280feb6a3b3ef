//! The canvas's Korean.

use crate::present::text::canvas::CanvasText;

pub fn canvas(t: CanvasText) -> &'static str {
    match t {
        CanvasText::Canvas => "다이어그램 캔버스",
        CanvasText::Diagram => "다이어그램",
        CanvasText::EmptyTitle => "단일 서버부터 시작해 보세요",
        CanvasText::EmptyHint => {
            "컴포넌트 목록에서 사용자와 웹 서버를 끌어오거나 눌러서 추가하세요. 그다음 카드 \
             오른쪽 포트에서 다른 카드의 왼쪽 포트로 끌면 연결됩니다(카드를 선택하고 W 키를 \
             눌러도 됩니다)."
        }
        CanvasText::EmptyHintTouch => {
            "위의 컴포넌트 버튼으로 목록을 열어 사용자와 웹 서버를 추가하세요. 그다음 카드의 출력 \
             포트를 누르고 다른 카드를 누르면 연결됩니다."
        }
    }
}

/// "입력: 요청", "출력: 데이터".
pub fn port_title(input: bool, port_name: &str) -> String {
    let side = if input { "입력" } else { "출력" };
    format!("{side}: {port_name}")
}
