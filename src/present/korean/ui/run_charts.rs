//! The run charts' Korean: titles, units, legends and the theory lines beside them.

use crate::decimal::Fixed;
use crate::present::lang::Lang;
use crate::present::text::run_charts::ChartText;

pub fn words(t: ChartText) -> &'static str {
    match t {
        ChartText::Throughput => "최근 구간의 처리량과 오류",
        ChartText::Latency => "최근 구간의 응답 지연시간",
        ChartText::HitRatio => "최근 구간의 캐시와 CDN 적중률",
        ChartText::ReplicaLag => "쓰기당 평균 복제 지연",
        ChartText::Queues => "대기열 길이와 인스턴스 수",
        ChartText::Datacenters => "데이터 센터별 트래픽 비율",
        ChartText::UnitReqPerS => "req/s",
        ChartText::UnitMs => "ms",
        ChartText::UnitPercent => "%",
        ChartText::UnitCount => "개",
        ChartText::Completed => "완료",
        ChartText::HeatUnit => "(구간당 요청 수, 빨간색일수록 많음)",
        ChartText::NoCaches => {
            "이 설계에는 캐시나 CDN이 없습니다. 캐시를 두면 읽기를 얼마나 대신 처리하는지 \
             보입니다."
        }
        ChartText::NoReplicas => {
            "이 설계에는 부 데이터베이스도, 다른 데이터 센터의 사본도 없습니다. 데이터베이스를 \
             다중화하면 복제 지연이 보입니다."
        }
        ChartText::NoDatacenters => {
            "이 설계에는 데이터 센터가 없습니다. 컴포넌트를 데이터 센터에 넣으면 트래픽이 어디로 \
             가는지 보입니다."
        }
    }
}

pub fn instances_of(label: &str) -> String {
    format!("{label} 인스턴스")
}

pub fn value_at(value: &str, unit: &str, t_s: f64) -> String {
    format!(
        "{t_s}초 시점 {}",
        value_with_unit(value, unit),
        t_s = Fixed(t_s, 0)
    )
}

/// A counter word ("개") and the percent sign follow their number without a space, as Korean
/// writes them ("14.6%"); a unit symbol ("ms") with one.
pub fn value_with_unit(value: &str, unit: &str) -> String {
    if unit == "%" || unit.chars().all(|c| ('가'..='힣').contains(&c)) {
        format!("{value}{unit}")
    } else {
        format!("{value} {unit}")
    }
}

pub fn shard_load(label: &str) -> String {
    format!("샤드 부하: {label}")
}

pub fn shard_cell(shard: usize, t_s: f64, requests: u64) -> String {
    format!(
        "샤드 {shard}, {t_s}초: 요청 {}건",
        crate::present::format::grouped(requests),
        t_s = Fixed(t_s, 0)
    )
}

pub fn cache_for(prediction: &str, labels: &str) -> String {
    format!("{labels}: {prediction}")
}

/// A prediction of an autoscaled tier: of the instances it starts with.
pub const FROM_START: &str = "시작 인스턴스 수 기준";

#[allow(clippy::too_many_arguments)]
pub fn web_line(
    label: &str,
    theory: &str,
    rate: &str,
    instances: u32,
    threads: u32,
    service_ms: f64,
    simulated_ms: Option<f64>,
    window_s: Option<u32>,
    cdn_estimated: bool,
    autoscaled: bool,
) -> String {
    let simulated = simulated_ms
        .map(|m| {
            let over = window_s.map_or(String::new(), |w| format!("최근 {w}초 "));
            format!(
                "; {over}시뮬레이션 {}",
                crate::present::format::format_ms_2dp(Lang::Ko, m)
            )
        })
        .unwrap_or_default();
    let mut notes = Vec::new();
    if cdn_estimated {
        notes.push("CDN 미스는 Che 근사로 추정");
    }
    if autoscaled {
        notes.push(FROM_START);
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!("; {}", notes.join("; "))
    };
    format!(
        "{label}: {theory} ({rate} req/s, 인스턴스 {instances}개 × 동시 처리 {threads}개, \
         처리 시간 {service_ms} ms){simulated}{notes}",
        service_ms = Fixed(service_ms, 2)
    )
}

pub fn lag_rates(writes: &str, applies: &str, network_ms: &str) -> String {
    format!("쓰기 {writes}/s, 적용 {applies}/s, 네트워크 +{network_ms} ms")
}

pub fn stale_note(words: Option<&str>, share: Option<&str>, measured: &str) -> String {
    match (words, share) {
        (None, _) => String::new(),
        (Some(words), Some(share)) if measured.is_empty() => {
            format!("; {words}; 부 데이터베이스 읽기 중 오래된 읽기 {share}")
        }
        (Some(words), Some(share)) => {
            format!(
                "; {words}; 부 데이터베이스 읽기 중 오래된 읽기 {share} (시뮬레이션: {measured})"
            )
        }
        (Some(words), None) if measured.is_empty() => format!("; {words}"),
        (Some(words), None) => {
            format!("; {words}; 시뮬레이션한 오래된 읽기 비율: {measured}")
        }
    }
}

pub fn lag_sync(mean_ms: f64, names: &str, rates: &str) -> String {
    format!(
        "M/M/1 적용 대기열 예측: {names} {mean_ms} ms ({rates}). 동기 복제는 쓰기를 \
         적용한 뒤에야 완료를 응답하므로, 완료를 응답받은 쓰기가 부 데이터베이스에서 뒤처지는 \
         일은 없습니다. 대신 쓰기마다 이만큼 기다립니다",
        mean_ms = Fixed(mean_ms, 2)
    )
}

pub fn lag_async(mean_ms: f64, names: &str, rates: &str, stale: &str) -> String {
    format!(
        "M/M/1 적용 대기열 예측: {names} {mean_ms} ms ({rates}){stale}",
        mean_ms = Fixed(mean_ms, 2)
    )
}

pub fn lag_growing(names: &str, writes: &str, applies: &str, growth_s_per_s: f64) -> String {
    format!(
        "{names}에는 안정된 복제 지연이 없습니다: 초당 쓰기 {writes}건이 부 데이터베이스가 \
         초당 적용할 수 있는 {applies}건을 넘어서 지연이 1초마다 {growth_s_per_s}초씩 늘어납니다",
        growth_s_per_s = Fixed(growth_s_per_s, 2)
    )
}

pub fn lag_none(names: &str) -> String {
    format!("{names}에 대한 예측이 없습니다: 부 데이터베이스가 적용하는 쓰기가 없습니다")
}
