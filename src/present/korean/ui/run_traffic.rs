//! The run panel's traffic form in Korean.

use crate::decimal::Fixed;
use crate::present::text::run_traffic::TrafficText;

pub fn words(t: TrafficText) -> &'static str {
    match t {
        TrafficText::Traffic => "트래픽",
        TrafficText::RequestRate => "초당 요청 수 (req/s)",
        TrafficText::RequestRateAll => "초당 요청 수 (모든 사용자 집단 합계, req/s)",
        TrafficText::ActiveUsers => "활성 사용자 수",
        TrafficText::ActiveUsersAll => "활성 사용자 수 (모든 사용자 집단 합계)",
        TrafficText::RequestsPerUser => "사용자 1명의 초당 요청 수",
        TrafficText::PerUserVaries => "사용자 집단마다 다름",
        TrafficText::WriteShare => "쓰기 (데이터 요청 중 %)",
        TrafficText::StaticShare => "정적 콘텐츠 (전체 요청 중 %)",
        TrafficText::Celebrity => "유명인사 키 (데이터 요청의 10%가 키 하나에 몰림)",
        TrafficText::TrafficProfile => "트래픽 패턴",
        TrafficText::RunLength => "실행 시간",
    }
}

pub fn add_users_for_traffic(users: &str) -> String {
    format!("트래픽을 보내려면 {users} 컴포넌트를 추가하세요.")
}

pub fn populations(n: usize, total: &str) -> String {
    format!("사용자 집단 {n}개, 트래픽 패턴 적용 전 설정값 모두 합쳐 {total} req/s")
}

pub fn mix(reads: f64, writes: f64, statics: f64) -> String {
    format!(
        "읽기 {reads}%, 쓰기 {writes}%, 정적 콘텐츠 {statics}%",
        reads = Fixed(reads, 0),
        writes = Fixed(writes, 0),
        statics = Fixed(statics, 0)
    )
}

pub fn zipf(alpha: f64) -> String {
    format!("Zipf 쏠림 (α {alpha})", alpha = Fixed(alpha, 2))
}

pub fn logged_in(percent: f64) -> String {
    format!(
        "로그인한 사용자 비율 ({percent}%)",
        percent = Fixed(percent, 0)
    )
}

pub fn profile_constant(rate: &str, duration_s: u32) -> String {
    format!("{duration_s}초 실행 내내 {rate} req/s")
}

pub fn profile_varying(first: &str, last: &str, duration_s: u32, peak: &str) -> String {
    format!("{duration_s}초 동안 {first} → {last} req/s, 최고 {peak}")
}

pub fn offered_load(summary: &str) -> String {
    format!("실행 동안 들어오는 부하: {summary}")
}
