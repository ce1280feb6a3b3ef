//! Why a diagram cannot run, in Korean: one sentence per [`BuildError`], and the words of the
//! scenario's traffic settings that [`super::review`] shares.

use crate::sim::BuildError;

use super::grammar::{Particle, with};

/// The Korean sentence of a build error, saying what to change.
pub fn build_error(e: &BuildError) -> String {
    match e {
        BuildError::NoUsers => {
            "트래픽을 보낼 사용자가 없습니다: 사용자 컴포넌트를 추가하세요".to_string()
        }
        // The detail is the setting error in English (the engine keeps only its text), so the
        // sentence points to the design review, which words that error in Korean.
        BuildError::InvalidConfig {
            component, label, ..
        } => format!(
            "컴포넌트 {component}({label})의 설정이 올바르지 않습니다: 설계 검토에서 어느 값이 \
             잘못되었는지 확인하세요"
        ),
        BuildError::ConfigKindMismatch { component } => {
            format!("컴포넌트 {component}에 다른 종류의 컴포넌트 설정이 들어 있습니다")
        }
        BuildError::DuplicateComponent(id) => format!(
            "두 컴포넌트가 같은 {} 씁니다",
            with(&format!("ID {id}"), Particle::EulReul)
        ),
        BuildError::DanglingWire { wire, component } => {
            format!("{wire}번 연결선이 다이어그램에 없는 컴포넌트 {component}에 이어져 있습니다")
        }
        BuildError::InvalidTraffic(detail) => {
            format!(
                "시나리오의 트래픽 설정: {}",
                traffic_rule(traffic_field(detail), None)
            )
        }
    }
}

/// The field a traffic error names between backticks ("`period_s` must be above 0").
fn traffic_field(detail: &str) -> &str {
    detail.split('`').nth(1).unwrap_or("")
}

/// The Korean name of a traffic profile's setting.
pub(super) fn traffic_field_name(field: &str) -> &'static str {
    match field {
        "start_factor" => "시작 배율",
        "end_factor" => "끝 배율",
        "period_s" => "주기",
        "trough_factor" => "최저 배율",
        "at_s" => "급증 시각",
        "duration_s" => "급증 지속 시간",
        "factor" => "급증 배율",
        "start_users" | "end_users" => "사용자 수",
        _ => "값",
    }
}

/// What a traffic setting must be, as a sentence: "주기는 0보다 커야 합니다 (지금 0)". `value`
/// is the setting as the diagram has it, when known.
pub(super) fn traffic_rule(field: &str, value: Option<f64>) -> String {
    let name = with(traffic_field_name(field), Particle::EunNeun);
    let rule = match field {
        "start_factor" | "end_factor" | "trough_factor" | "factor" => "0에서 1,000 사이여야 합니다",
        "period_s" if value == Some(0.0) => "0보다 커야 합니다",
        "period_s" => "0보다 큰 초 단위 값이어야 합니다",
        "at_s" | "duration_s" => "0 이상의 초 단위 값이어야 합니다",
        "start_users" | "end_users" => "100억 명 이하여야 합니다",
        _ => "올바르지 않습니다",
    };
    match value {
        Some(v) => format!("{name} {rule} (지금 {v})"),
        None => format!("{name} {rule}"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::check::assert_korean_text;
    use super::*;

    /// Every build error, as the engine makes them.
    fn every_build_error() -> Vec<BuildError> {
        let mut all = vec![
            BuildError::NoUsers,
            BuildError::InvalidConfig {
                component: 3,
                label: "웹 서버".into(),
                detail: "threads must be at least 1".into(),
            },
            BuildError::ConfigKindMismatch { component: 4 },
            BuildError::DuplicateComponent(7),
            BuildError::DanglingWire {
                wire: 2,
                component: 9,
            },
        ];
        for field in [
            "start_factor",
            "end_factor",
            "period_s",
            "trough_factor",
            "at_s",
            "duration_s",
            "factor",
            "end_users",
        ] {
            all.push(BuildError::InvalidTraffic(format!(
                "`{field}` must be between 0 and 1000, not -1"
            )));
        }
        all
    }

    /// Which build error `e` is, numbered; a new one fails to compile here until the test
    /// renders it.
    fn variant(e: &BuildError) -> usize {
        match e {
            BuildError::NoUsers => 0,
            BuildError::InvalidConfig { .. } => 1,
            BuildError::ConfigKindMismatch { .. } => 2,
            BuildError::DuplicateComponent(_) => 3,
            BuildError::DanglingWire { .. } => 4,
            BuildError::InvalidTraffic(_) => 5,
        }
    }

    #[test]
    fn every_build_error_is_korean() {
        let mut seen = [false; 6];
        for e in every_build_error() {
            seen[variant(&e)] = true;
            assert_korean_text(&format!("{e:?}"), &build_error(&e), &[]);
        }
        assert!(
            seen.iter().all(|s| *s),
            "build errors not rendered: {seen:?}"
        );
        assert_eq!(
            build_error(&BuildError::DuplicateComponent(7)),
            "두 컴포넌트가 같은 ID 7을 씁니다"
        );
        assert_eq!(
            build_error(&BuildError::InvalidTraffic(
                "`period_s` must be above 0".into()
            )),
            "시나리오의 트래픽 설정: 주기는 0보다 큰 초 단위 값이어야 합니다"
        );
    }
}
