//! Why a diagram cannot run, in Korean: one sentence per [`BuildError`], and the words of the
//! scenario's traffic settings that [`super::review`] shares.

use crate::present::lang::Lang;
use crate::present::say;
use crate::sim::BuildError;

use super::grammar::finish;

/// The Korean sentence of a build error, saying what to change.
pub fn build_error(e: &BuildError) -> String {
    match e {
        BuildError::NoUsers => {
            "트래픽을 보낼 사용자가 없습니다: 사용자 컴포넌트를 추가하세요".to_string()
        }
        // The detail is the setting error in English (the engine keeps only its text), so the
        // sentence points to the design review, which words that error in Korean.
        BuildError::InvalidConfig {
            component,
            label,
            detail,
        } => format!(
            "컴포넌트 {component}({label})의 설정: {}",
            say::setting_error(Lang::Ko, detail)
        ),
        BuildError::ConfigKindMismatch { component } => {
            format!("컴포넌트 {component}에 다른 종류의 컴포넌트 설정이 들어 있습니다")
        }
        BuildError::DuplicateComponent(id) => {
            finish(format!("두 컴포넌트가 같은 ID {id}을(를) 씁니다"))
        }
        BuildError::DanglingWire { wire, component } => {
            format!("{wire}번 연결선이 다이어그램에 없는 컴포넌트 {component}에 이어져 있습니다")
        }
        BuildError::InvalidTraffic(detail) => {
            format!(
                "시나리오의 트래픽 설정: {}",
                say::traffic_error(Lang::Ko, detail)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check::assert_korean_text;
    use super::*;
    use crate::model::config::{ConfigError, ConfigProblem, Number};

    /// Every build error, as the engine makes them.
    fn every_build_error() -> Vec<BuildError> {
        let mut all = vec![
            BuildError::NoUsers,
            BuildError::InvalidConfig {
                component: 3,
                label: "웹 서버".into(),
                detail: ConfigError {
                    field: "concurrency_per_instance".into(),
                    problem: ConfigProblem::CountOutOfRange {
                        min: 1,
                        max: 10_000,
                        value: 0,
                    },
                },
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
            all.push(BuildError::InvalidTraffic(ConfigError {
                field: field.into(),
                problem: ConfigProblem::OutOfRange {
                    min: Number(0.0),
                    max: Number(1000.0),
                    value: Number(-1.0),
                },
            }));
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
        let zero_period = build_error(&BuildError::InvalidTraffic(ConfigError {
            field: "period_s".into(),
            problem: ConfigProblem::Zero,
        }));
        assert!(
            zero_period.starts_with("시나리오의 트래픽 설정: 주기는 "),
            "{zero_period}"
        );
    }
}
