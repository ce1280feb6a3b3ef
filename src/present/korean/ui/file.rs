//! The file actions' and the share dialog's Korean.

use crate::present::export::Column;
use crate::present::text::file::FileText;

pub fn file(t: FileText) -> &'static str {
    match t {
        FileText::Share => "링크 공유",
        FileText::ShareTitle => "이 다이어그램과 시나리오를 담은 링크를 복사합니다",
        FileText::Export => "내보내기",
        FileText::ExportTitle => "다이어그램을 파일이나 그림으로, 실행 수치를 표로 내려받습니다",
        FileText::Import => "가져오기",
        FileText::ImportTitle => "JSON 파일에서 다이어그램을 엽니다",
        FileText::ImportFile => "가져올 다이어그램 파일",
        FileText::ShareDialog => "링크 공유",
        FileText::ShareUrl => "이 다이어그램의 링크",
        FileText::ShareExplain => {
            "이 링크를 여는 사람은 누구나 이 다이어그램과 시나리오를 그대로 받습니다."
        }
        FileText::Copying => "복사하는 중…",
        FileText::Copied => "클립보드에 복사했습니다.",
        FileText::CopyRefused => {
            "상자에서 직접 복사하세요. 브라우저가 클립보드 접근을 허용하지 않았습니다."
        }
        FileText::Close => "닫기",
        FileText::ExportMenu => "내보낼 형식",
        FileText::ExportJson => "다이어그램 파일 (JSON)",
        FileText::ExportJsonTitle => "가져오기로 다시 열 수 있는 파일입니다",
        FileText::ExportSvg => "그림 (SVG)",
        FileText::ExportSvgTitle => {
            "다이어그램 전체를 보이는 그대로 담습니다. 크기를 키워도 선명합니다"
        }
        FileText::ExportPng => "그림 (PNG)",
        FileText::ExportPngTitle => {
            "다이어그램 전체를 보이는 그대로 담은 이미지입니다. 발표 자료와 문서에 씁니다"
        }
        FileText::ExportCsv => "실행 수치 (CSV)",
        FileText::ExportCsvTitle => "차트의 수치를 표본마다 한 행씩 담은 스프레드시트용 표입니다",
        FileText::ExportCsvNone => "먼저 시뮬레이션을 실행하세요. 아직 수치가 없습니다",
        FileText::ExportFigures => "그림에 실시간 수치 포함",
    }
}

/// " 모두 1234자입니다.", after the share status.
pub fn link_length(chars: usize) -> String {
    format!(" 모두 {chars}자입니다.")
}

/// A column of the exported CSV: what it holds and its unit.
pub fn csv_column(column: Column) -> String {
    match column {
        Column::Time => "시뮬레이션 시간 (초)".to_string(),
        Column::Completed => "완료 (req/s)".to_string(),
        Column::P50 => "p50 응답 지연시간 (ms)".to_string(),
        Column::P95 => "p95 응답 지연시간 (ms)".to_string(),
        Column::P99 => "p99 응답 지연시간 (ms)".to_string(),
        Column::Failures(reason) => format!("{} (req/s)", super::super::failure_legend(reason)),
        Column::HitRatio(label) => format!("{label} 적중률 (%)"),
        Column::ReplicaLag(label) => format!("{label} 복제 지연 (ms)"),
        Column::CopyLag(label) => format!("{} 지연 (ms)", super::super::cross_region(label)),
        Column::QueueDepth(label) => format!("{label} 대기열 길이"),
        Column::Instances(label) => format!("{label} 인스턴스 수"),
        Column::DcShare(label) => format!("{label} 트래픽 비율 (%)"),
        Column::Faults => "장애".to_string(),
    }
}
