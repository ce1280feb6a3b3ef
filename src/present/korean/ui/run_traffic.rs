//! The run panel's traffic form in Korean.

use crate::present::korean::grammar::{self, Particle};
use crate::present::text::Phrase;
use crate::present::text::run_traffic::{FieldError, Problem, TrafficText};

pub fn words(t: TrafficText) -> &'static str {
    match t {
        TrafficText::Traffic => "트래픽",
        TrafficText::RequestRate => "초당 요청 수 (사용자 집단마다, req/s)",
        TrafficText::ActiveUsers => "활성 사용자 수 (사용자 집단마다)",
        TrafficText::RequestsPerUser => "사용자 1명의 초당 요청 수",
        TrafficText::WriteShare => "쓰기 (데이터 요청 중 %)",
        TrafficText::StaticShare => "정적 콘텐츠 (전체 요청 중 %)",
        TrafficText::Celebrity => "유명인사 키 (데이터 요청의 10 %가 키 하나에 몰림)",
        TrafficText::TrafficProfile => "트래픽 패턴",
        TrafficText::RunLength => "실행 시간",
        TrafficText::KindConstant => "일정",
        TrafficText::KindRamp => "직선 증감",
        TrafficText::KindDiurnal => "하루 주기",
        TrafficText::KindSpike => "급증 (순간 폭주)",
        TrafficText::KindGrowth => "사용자 0명에서 N명까지",
        TrafficText::ExplainConstant => "설정한 부하가 실행 내내 그대로 이어집니다.",
        TrafficText::ExplainRamp => "부하에 곱하는 배수가 시작 값에서 끝 값까지 직선으로 바뀝니다.",
        TrafficText::ExplainDiurnal => {
            "주기가 시작될 때 가장 낮고, 주기의 절반에서 최대 부하에 이릅니다."
        }
        TrafficText::ExplainSpike => "일정 시간 동안 부하에 배수를 곱합니다 (순간 폭주).",
        TrafficText::ExplainGrowth => {
            "사용자가 시작 사용자 수에서 목표 사용자 수까지 기하급수적으로 늘어납니다. 사용자마다 요청 빈도는 그대로입니다."
        }
        TrafficText::Start => "시작",
        TrafficText::End => "끝",
        TrafficText::Period => "주기",
        TrafficText::Trough => "최저",
        TrafficText::StartsAt => "시작 시각",
        TrafficText::Lasts => "지속 시간",
        TrafficText::Factor => "배수",
        TrafficText::From => "시작 사용자 수",
        TrafficText::To => "목표 사용자 수",
        TrafficText::UnitLoad => "× 부하",
        TrafficText::UnitUsers => "명",
    }
}

pub fn add_users_for_traffic(users: &str) -> String {
    format!("트래픽을 보내려면 {users} 컴포넌트를 추가하세요.")
}

pub fn populations(n: usize, total: &str) -> String {
    format!("사용자 집단 {n}개, 모두 합쳐 {total} req/s")
}

pub fn mix(reads: f64, writes: f64, statics: f64) -> String {
    format!("읽기 {reads:.0} %, 쓰기 {writes:.0} %, 정적 콘텐츠 {statics:.0} %")
}

pub fn zipf(alpha: f64) -> String {
    format!("Zipf 쏠림 (α {alpha:.2})")
}

pub fn logged_in(percent: f64) -> String {
    format!("로그인한 사용자 비율 ({percent:.0} %)")
}

pub fn profile_constant(rate: &str, duration_s: u32) -> String {
    format!("{duration_s} s 실행 내내 {rate} req/s")
}

pub fn profile_varying(first: &str, last: &str, duration_s: u32, peak: &str) -> String {
    format!("{duration_s} s 동안 {first} → {last} req/s, 최고 {peak}")
}

pub fn offered_load(summary: &str) -> String {
    format!("실행 동안 들어오는 부하: {summary}")
}

/// A bound of a field for a sentence: whole numbers in 만 and 억, others as they are.
fn bound(v: f64) -> String {
    if v.fract() == 0.0 && (0.0..1e15).contains(&v) {
        grammar::count(v as u64)
    } else {
        format!("{v}")
    }
}

pub fn field_error(e: &FieldError) -> String {
    let label = e.label.korean();
    if e.problem == Problem::Inconsistent {
        return format!(
            "{label}: 이 값으로는 트래픽 패턴이 성립하지 않습니다. 다른 값을 입력하세요."
        );
    }
    let unit = crate::present::text::run_traffic::unit(crate::present::lang::Lang::Ko, e.unit);
    let number = if e.integer { "정수" } else { "수" };
    let rule = format!(
        "{label} 값은 {}부터 {} {unit}까지의 {number}여야 합니다.",
        bound(e.min),
        bound(e.max)
    );
    match e.problem {
        Problem::NotANumber => format!(
            "{rule} {} 수가 아닙니다.",
            grammar::with(&format!("“{}”", e.typed), Particle::EunNeun)
        ),
        Problem::OutOfRange => format!(
            "{rule} {} 쓸 수 없습니다.",
            grammar::with(&e.typed, Particle::EunNeun)
        ),
        _ => rule,
    }
}
