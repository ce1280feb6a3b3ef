//! One live readout in Korean: what the figure is (a short noun phrase), its value with units,
//! and what theory says beside it. The Korean sibling of the English `row`.

use crate::decimal::Fixed;
use crate::present::lang::Lang;
use crate::present::say::CostBasis;
use crate::sim::metrics::WINDOW_S;

use super::super::format::{
    format_count, format_dollars, format_ms, format_percent, format_percents, format_quantiles,
    format_value_ko,
};
use super::super::readout::{CopyLagTheory, LagTheory, Readout, Span, WebTheory};
use super::{cache_prediction, failure_reason, read_back};
use crate::sim::predict::WebQueueModel;

pub use crate::present::say::RowText;

use crate::present::say::{text, with_theory};

/// "최근 10초 동안 ...", or "최근 10초 동안 없음"; before the run is that long, "시작 이후 ...",
/// or "아직 없음".
fn over_window(span: Span, figure: Option<String>) -> String {
    match (span, figure) {
        (Span::LastWindow, Some(f)) => format!("최근 {WINDOW_S}초 동안 {f}"),
        (Span::LastWindow, None) => format!("최근 {WINDOW_S}초 동안 없음"),
        (Span::SinceStart, Some(f)) => format!("시작 이후 {f}"),
        (Span::SinceStart, None) => "아직 없음".to_string(),
    }
}

/// "최근 10초 동안 없음; 시작 이후 <what> 25건 (0.25%)": failures over the last window (said
/// only once the run is that long) and since the start, as a share.
fn failures(span: Span, total: u64, recent: u64, share: f64, what: &str) -> String {
    let since_start = format!(
        "시작 이후 {what} {}건 ({})",
        format_count(Lang::Ko, total),
        format_percent(Lang::Ko, share)
    );
    match span {
        Span::LastWindow => format!(
            "{}; {since_start}",
            over_window(
                span,
                (recent > 0).then(|| format!("{}건", format_count(Lang::Ko, recent)))
            )
        ),
        Span::SinceStart => since_start,
    }
}

/// "<reads> 4.0k건 중 12건 (0.30%)", or "아직 <reads> 없음".
fn stale_of(stale: u64, reads: u64, what: &str) -> String {
    if reads > 0 {
        format!(
            "{what} {}건 중 {}건 ({})",
            format_count(Lang::Ko, reads),
            format_count(Lang::Ko, stale),
            format_percent(Lang::Ko, stale as f64 / reads as f64)
        )
    } else {
        format!("아직 {what} 없음")
    }
}

fn up_or_down(up: bool) -> String {
    if up { "정상" } else { "장애" }.to_string()
}

/// The apply queue's answer, as the lag rows quote it: `model` is what predicts a steady lag,
/// `thread` what writes can outrun, `idle` what is said when nothing is applied.
fn lag_theory(t: LagTheory, model: &str, thread: &str, idle: &str) -> String {
    match t {
        LagTheory::Predicts { mean_ms } => {
            format!("{model}의 예측 {} ms", format_value_ko(mean_ms))
        }
        LagTheory::Outrun { growth_s_per_s } => format!(
            "쓰기가 {thread}보다 빠릅니다: 지연이 1초마다 {growth_s_per_s}초씩 늘어납니다",
            growth_s_per_s = Fixed(growth_s_per_s, 2)
        ),
        LagTheory::Idle => idle.to_string(),
    }
}

fn copy_lag_theory(t: CopyLagTheory) -> String {
    let model = format!(
        "편도 {} ms + M/M/1 적용 대기열",
        format_value_ko(t.one_way_ms)
    );
    lag_theory(
        t.lag,
        &model,
        "사본의 적용 스레드",
        "사본이 적용하는 쓰기가 없습니다",
    )
}

fn lag_now(label: &str, ms: f64, writes: u64) -> RowText {
    text(
        label,
        format!(
            "{} (밀린 쓰기 {}건)",
            format_ms(Lang::Ko, ms),
            format_count(Lang::Ko, writes)
        ),
    )
}

/// The words of one live readout, whose recent figures cover `span`.
pub fn row(r: &Readout, span: Span) -> RowText {
    match r {
        Readout::Status { up } => text("상태", up_or_down(*up)),
        Readout::Arrivals { rps, total } => text(
            "도착한 요청",
            format!(
                "{} (전체 {})",
                over_window(span, Some(format!("{} req/s", format_value_ko(*rps)))),
                format_count(Lang::Ko, *total)
            ),
        ),
        Readout::Throughput { rps } => text(
            "처리량",
            over_window(span, Some(format!("{} req/s", format_value_ko(*rps)))),
        ),
        Readout::Utilization {
            recent,
            since_start,
        } => text(
            "사용률",
            match span {
                Span::LastWindow => format!(
                    "최근 {WINDOW_S}초 동안 {} (시작 이후 {})",
                    format_percent(Lang::Ko, *recent),
                    format_percent(Lang::Ko, *since_start)
                ),
                Span::SinceStart => {
                    format!("시작 이후 {}", format_percent(Lang::Ko, *since_start))
                }
            },
        ),
        Readout::Queue { waiting, mean } => text(
            "대기열",
            format!(
                "{}개 대기 중 (시작 이후 평균 {})",
                format_count(Lang::Ko, *waiting),
                format_value_ko(*mean)
            ),
        ),
        Readout::InService { busy, servers } => text(
            "처리 중",
            format!(
                "동시 처리 {}개 중 {}개",
                format_count(Lang::Ko, *servers),
                format_count(Lang::Ko, *busy)
            ),
        ),
        Readout::Failed {
            reason,
            total,
            recent,
            share,
        } => text(
            &format!("실패: {}", failure_reason(*reason).in_full()),
            failures(span, *total, *recent, *share, "요청"),
        ),
        Readout::SentFailed {
            total,
            recent,
            share,
        } => text(
            "보낸 요청 중 실패",
            failures(span, *total, *recent, *share, "보낸 요청 중"),
        ),
        Readout::HitRatio {
            recent,
            since_start,
            theory,
        } => with_theory(
            "적중률",
            match (span, recent) {
                (Span::LastWindow, Some(r)) => format!(
                    "최근 {WINDOW_S}초 동안 {}% (시작 이후 {}%)",
                    Fixed(r * 100.0, 1),
                    Fixed(since_start * 100.0, 1)
                ),
                _ => format!("시작 이후 {}%", Fixed(since_start * 100.0, 1)),
            },
            theory.map(|(p, model)| cache_prediction(model, p)),
        ),
        &Readout::CacheOperations {
            misses,
            write_backs,
        } => text(
            "미스당 캐시 연산 수",
            if misses == 0 {
                "아직 미스 없음".to_string()
            } else {
                let per_miss = (misses + write_backs) as f64 / misses as f64;
                let filled = match write_backs {
                    0 => "웹 계층이 다시 써넣은 값 없음".to_string(),
                    w => format!("웹 계층이 다시 써넣은 값 {}건", format_count(Lang::Ko, w)),
                };
                format!(
                    "{per_miss} (미스 {}건, {filled})",
                    format_count(Lang::Ko, misses),
                    per_miss = Fixed(per_miss, 2)
                )
            },
        ),
        Readout::ForwardWait {
            recent_ms,
            since_start_ms,
            arrival_rps,
            capacity_rps,
            predicted_ms,
        } => with_theory(
            "전달 전 평균 대기 시간",
            match (span, recent_ms) {
                (Span::LastWindow, None) => format!("최근 {WINDOW_S}초 동안 전달한 요청 없음"),
                (Span::LastWindow, Some(recent)) => format!(
                    "최근 {WINDOW_S}초 동안 {} (시작 이후 {})",
                    format_ms(Lang::Ko, *recent),
                    format_ms(Lang::Ko, *since_start_ms)
                ),
                (Span::SinceStart, None) => "아직 전달한 요청 없음".to_string(),
                (Span::SinceStart, Some(_)) => {
                    format!("시작 이후 {}", format_ms(Lang::Ko, *since_start_ms))
                }
            },
            Some(match predicted_ms {
                Some(w) => format!(
                    "처리 능력 {} req/s에 {} req/s가 들어올 때 M/D/1의 예측 {}",
                    format_value_ko(*capacity_rps),
                    format_value_ko(*arrival_rps),
                    format_ms(Lang::Ko, *w)
                ),
                None => format!(
                    "처리 능력 {} req/s에 {} req/s가 들어옵니다: 요청이 시간 초과될 때까지 \
                     대기열이 늘어납니다",
                    format_value_ko(*capacity_rps),
                    format_value_ko(*arrival_rps)
                ),
            }),
        ),
        Readout::ReplicaLagNow { ms, writes } => lag_now("현재 복제 지연", *ms, *writes),
        Readout::ReplicaLagMean { ms, theory } => with_theory(
            "쓰기당 평균 복제 지연",
            crate::present::format::format_ms(crate::present::lang::Lang::Ko, *ms),
            theory.map(|t| {
                lag_theory(
                    t,
                    "M/M/1 적용 대기열",
                    "적용 스레드",
                    "부 데이터베이스가 적용하는 쓰기가 없습니다",
                )
            }),
        ),
        Readout::StaleReads {
            stale,
            reads,
            theory_share,
        } => with_theory(
            "오래된 읽기",
            stale_of(*stale, *reads, "부 데이터베이스 읽기"),
            theory_share.map(|s| {
                format!(
                    "이론: 부 데이터베이스 읽기의 {}가 오래된 읽기",
                    format_percent(Lang::Ko, s)
                )
            }),
        ),
        Readout::ReadBack(chance) => text("쓴 값 다시 읽기", read_back(chance)),
        Readout::RegionLeader => text(
            "데이터 센터 간",
            "모든 데이터 센터의 쓰기를 받아 사본으로 보냅니다".to_string(),
        ),
        Readout::RegionCopy { leader } => text(
            "데이터 센터 간",
            format!("{leader}의 사본: 여기서 한 쓰기는 그쪽으로 건너갑니다"),
        ),
        Readout::CopyLagNow { ms, writes } => lag_now("현재 사본 지연", *ms, *writes),
        Readout::CopyLagMean { ms, theory } => with_theory(
            "쓰기당 평균 사본 지연",
            crate::present::format::format_ms(crate::present::lang::Lang::Ko, *ms),
            theory.map(copy_lag_theory),
        ),
        Readout::CopyStale {
            stale,
            reads,
            theory,
        } => with_theory(
            "최신 쓰기가 빠진 읽기",
            stale_of(*stale, *reads, "여기서 한 읽기"),
            theory.as_ref().map(read_back),
        ),
        Readout::Takeover { successor, at_s } => text(
            "장애 복구",
            super::grammar::finish(format!(
                "{at_s}초 시점에 {successor}이(가) 쓰기를 넘겨받습니다",
                at_s = Fixed(*at_s, 0)
            )),
        ),
        Readout::ShardLoad { per_shard } => text(
            "샤드별 요청 수",
            per_shard
                .iter()
                .map(|&n| format_count(Lang::Ko, n))
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        Readout::HottestShard { times_mean } => text(
            "가장 바쁜 샤드",
            format!("평균의 {times_mean}배", times_mean = Fixed(*times_mean, 2)),
        ),
        Readout::QueueDepth { messages, consumer } => text(
            "큐 깊이",
            super::grammar::finish(format!(
                "{consumer}을(를) 기다리는 메시지 {}개",
                format_count(Lang::Ko, *messages)
            )),
        ),
        Readout::JobsWaiting { jobs } => text(
            "대기 중인 작업",
            format!("작업 {}개", format_count(Lang::Ko, *jobs)),
        ),
        Readout::Workers { instances } => text("작업 프로세스", format!("인스턴스 {instances}개")),
        Readout::Instances { active, draining } => text(
            "인스턴스",
            if *draining > 0 {
                format!("활성 {active}개, 종료 중 {draining}개")
            } else {
                format!("활성 {active}개")
            },
        ),
        Readout::TimeInTier {
            mean_ms,
            recent,
            theory,
            autoscaled,
        } => with_theory(
            "계층 내 평균 체류 시간",
            match (mean_ms, recent) {
                (_, true) => over_window(span, mean_ms.map(|ms| format_ms(Lang::Ko, ms))),
                (Some(ms), false) => format!("시작 이후 {}", format_ms(Lang::Ko, *ms)),
                (None, false) => "아직 끝난 요청 없음".to_string(),
            },
            Some(if *autoscaled {
                format!(
                    "{} ({})",
                    web_theory(theory),
                    super::ui::run_charts::FROM_START
                )
            } else {
                web_theory(theory)
            }),
        ),
        Readout::NodesUp { up, total } => text("정상 노드", format!("{total}개 중 {up}개")),
        Readout::Sessions(s) => text(
            "세션",
            format!(
                "{}개 보관 중; 찾음 {}, 새로 만듦 {}, 만료 {}, 방출 {}",
                format_count(Lang::Ko, s.held),
                format_count(Lang::Ko, s.found),
                format_count(Lang::Ko, s.created),
                format_count(Lang::Ko, s.expired),
                format_count(Lang::Ko, s.evicted)
            ),
        ),
        Readout::SessionsLost { lost } => text(
            "로그아웃된 사용자",
            format!("세션 {}개 유실", format_count(Lang::Ko, *lost)),
        ),
        Readout::Latency { recent } => text(
            "응답 지연시간 p50 / p95 / p99 / p99.9",
            over_window(span, recent.as_ref().map(|l| format_quantiles(Lang::Ko, l))),
        ),
        Readout::LatencySinceStart { all } => text("… 시작 이후", format_quantiles(Lang::Ko, all)),
        Readout::Dns { in_dns } => text(
            "DNS 응답",
            match in_dns {
                Some(true) => "아직 이곳으로 안내 중",
                Some(false) => "DNS 응답에서 빠짐",
                None => "이곳으로 안내하는 DNS 없음",
            }
            .to_string(),
        ),
        Readout::TrafficShare { share, requests } => text(
            "트래픽 비중",
            format!(
                "{}% (들어온 요청 {}건)",
                Fixed(share * 100.0, 1),
                format_count(Lang::Ko, *requests)
            ),
        ),
        Readout::Cost { usd_per_hour } => text("비용", cost_per_hour(*usd_per_hour)),
        Readout::DatabaseParts(p) => text(
            "부분별 사용률(시작부터)",
            format!(
                "주 {} · 부 {} · 적용 스레드 {}",
                format_percent(Lang::Ko, p.primary_utilization_since_start),
                format_percents(Lang::Ko, &p.replica_utilization_since_start),
                format_percents(Lang::Ko, &p.apply_utilization_since_start)
            ),
        ),
        Readout::Resharding(r) => with_theory(
            "재 샤딩",
            format!(
                "샤드 {}개 → {}개: 키 {}개 중 {}개 이동 ({}), {}",
                r.from_shards,
                r.to_shards,
                format_count(Lang::Ko, r.keys),
                format_count(Lang::Ko, r.keys_moved),
                format_percent(Lang::Ko, r.share_moved),
                match r.finished_s {
                    Some(at) => format!("{at}초에 복사 끝남", at = Fixed(at, 0)),
                    None => format!(
                        "지금까지 {}개 복사됨",
                        format_count(Lang::Ko, r.keys_migrated)
                    ),
                }
            ),
            Some(if r.consistent_hashing {
                format!(
                    "안정 해시 이론값 1/(N+1): 키의 {}가 옮겨짐",
                    format_percent(Lang::Ko, r.theory_share)
                )
            } else {
                format!(
                    "나머지 연산 이론값: 키의 {}가 옮겨짐",
                    format_percent(Lang::Ko, r.theory_share)
                )
            }),
        ),
    }
}

/// What the cost badge's figure is: the design as drawn, or what runs now (`live`).
pub fn design_cost_title(basis: CostBasis) -> &'static str {
    match basis {
        CostBasis::Now => {
            "지금 실행 중인 서버와 처리 중인 요청의 온디맨드 정가로 계산한 설계 전체의 시간당 \
             비용입니다."
        }
        CostBasis::RunEnd => {
            "실행이 끝난 시점에 돌던 서버와 처리한 요청의 온디맨드 정가로 계산한 설계 전체의 \
             시간당 비용입니다."
        }
        CostBasis::Drawn => {
            "그린 그대로의 서버와 사용자가 보내는 요청의 온디맨드 정가로 계산한 설계 전체의 \
             시간당 비용입니다."
        }
    }
}

/// A price: "시간당 $0.096", the dollar sign as the lessons write it ("시간당 $8").
pub fn cost_per_hour(usd: f64) -> String {
    format!("시간당 ${}", format_dollars(usd))
}

/// A web tier's queueing theory in words: "인스턴스마다 M/M/2의 예측 39.2 ms", "인스턴스마다
/// Allen-Cunneen G/G/2 (도착 변동 계수² 0.25, 처리 변동 계수² 1.00)의 예측 32.0 ms", or that it is overloaded.
pub fn web_theory(t: &WebTheory) -> String {
    match *t {
        WebTheory::Predicts {
            mean_ms,
            model,
            servers,
            arrival_scv,
            service_scv,
        } => {
            let kind = |c: &str| {
                if (service_scv - 1.0).abs() < 1e-12 {
                    format!("M/M/{c}")
                } else {
                    format!(
                        "Allen-Cunneen M/G/{c} (처리 변동 계수² {service_scv})",
                        service_scv = Fixed(service_scv, 2)
                    )
                }
            };
            let model = match model {
                WebQueueModel::Mmc => format!("인스턴스마다 M/M/{servers}"),
                WebQueueModel::AllenCunneen => format!(
                    "인스턴스마다 Allen-Cunneen G/G/{servers} (도착 변동 계수² {arrival_scv}, \
                     처리 변동 계수² {service_scv})",
                    arrival_scv = Fixed(arrival_scv, 2),
                    service_scv = Fixed(service_scv, 2)
                ),
                WebQueueModel::PooledLowerBound => format!(
                    "최소 연결 방식을 하나의 {} 대기열로 본 하한",
                    kind(&servers.to_string())
                ),
            };
            format!("{model}의 예측 {}", format_ms(Lang::Ko, mean_ms))
        }
        WebTheory::Overloaded { utilization } => format!(
            "과부하: 처리 능력의 {}가 들어오므로 대기열이 끝없이 늘어납니다",
            format_percent(Lang::Ko, utilization)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::check::assert_korean_text;
    use super::*;
    use crate::present::readout::{CacheModel, StaleReadChance};
    use crate::sim::failure::FailureReason;
    use crate::sim::metrics::Latency;
    use crate::sim::metrics::SessionCounts;
    use crate::sim::theory::CacheFormula;

    /// A readout's words ten seconds or more into a run.
    fn row(r: &Readout) -> RowText {
        super::row(r, Span::LastWindow)
    }

    /// Which variant `r` is, numbered; a new variant fails to compile here until it is added
    /// to [`every_readout`].
    fn variant(r: &Readout) -> usize {
        match r {
            Readout::Status { .. } => 0,
            Readout::Arrivals { .. } => 1,
            Readout::Throughput { .. } => 2,
            Readout::Utilization { .. } => 3,
            Readout::Queue { .. } => 4,
            Readout::InService { .. } => 5,
            Readout::Failed { .. } => 6,
            Readout::HitRatio { .. } => 7,
            Readout::CacheOperations { .. } => 8,
            Readout::ForwardWait { .. } => 9,
            Readout::ReplicaLagNow { .. } => 10,
            Readout::ReplicaLagMean { .. } => 11,
            Readout::StaleReads { .. } => 12,
            Readout::ReadBack(_) => 13,
            Readout::RegionLeader => 14,
            Readout::RegionCopy { .. } => 15,
            Readout::CopyLagNow { .. } => 16,
            Readout::CopyLagMean { .. } => 17,
            Readout::CopyStale { .. } => 18,
            Readout::Takeover { .. } => 19,
            Readout::ShardLoad { .. } => 20,
            Readout::HottestShard { .. } => 21,
            Readout::QueueDepth { .. } => 22,
            Readout::JobsWaiting { .. } => 23,
            Readout::Workers { .. } => 24,
            Readout::Instances { .. } => 25,
            Readout::TimeInTier { .. } => 26,
            Readout::NodesUp { .. } => 27,
            Readout::Sessions(_) => 28,
            Readout::SessionsLost { .. } => 29,
            Readout::Latency { .. } => 30,
            Readout::LatencySinceStart { .. } => 31,
            Readout::Dns { .. } => 32,
            Readout::TrafficShare { .. } => 33,
            Readout::Cost { .. } => 34,
            Readout::Resharding(_) => 35,
            Readout::DatabaseParts(_) => 36,
            Readout::SentFailed { .. } => 37,
        }
    }
    const VARIANTS: usize = 38;

    /// Every readout, and every branch of its words.
    fn every_readout() -> Vec<Readout> {
        let latency = Latency {
            count: 100,
            mean_ms: 12.0,
            p50_ms: 10.0,
            p95_ms: 20.0,
            p99_ms: 30.0,
            p999_ms: 45.0,
        };
        let chance = StaleReadChance {
            after_ms: 10.0,
            probability: 0.0087,
        };
        let lags = [
            LagTheory::Predicts { mean_ms: 1.7 },
            LagTheory::Outrun {
                growth_s_per_s: 0.25,
            },
            LagTheory::Idle,
        ];
        let mut all = vec![
            Readout::Arrivals {
                rps: 120.0,
                total: 4_000,
            },
            Readout::Throughput { rps: 118.0 },
            Readout::Utilization {
                recent: 0.6,
                since_start: 0.5,
            },
            Readout::Queue {
                waiting: 3,
                mean: 1.2,
            },
            Readout::InService {
                busy: 3,
                servers: 8,
            },
            Readout::ReplicaLagNow { ms: 2.0, writes: 4 },
            Readout::ReplicaLagMean {
                ms: 1.7,
                theory: None,
            },
            Readout::ReadBack(chance),
            Readout::RegionLeader,
            Readout::RegionCopy {
                leader: "데이터베이스 (서울)".into(),
            },
            Readout::CopyLagNow {
                ms: 41.0,
                writes: 12,
            },
            Readout::CopyLagMean {
                ms: 41.0,
                theory: None,
            },
            Readout::Takeover {
                successor: "데이터베이스 (부산)".into(),
                at_s: 91.0,
            },
            Readout::ShardLoad {
                per_shard: vec![172, 147, 132, 182],
            },
            Readout::HottestShard { times_mean: 1.14 },
            Readout::QueueDepth {
                messages: 14,
                consumer: "작업 프로세스".into(),
            },
            Readout::JobsWaiting { jobs: 14 },
            Readout::Workers { instances: 4 },
            Readout::NodesUp { up: 2, total: 3 },
            Readout::Sessions(SessionCounts {
                held: 100,
                found: 900,
                created: 100,
                expired: 3,
                evicted: 1,
                lost: 0,
            }),
            Readout::SessionsLost { lost: 40 },
            Readout::LatencySinceStart { all: latency },
            Readout::TrafficShare {
                share: 0.74,
                requests: 31_745,
            },
            Readout::Cost {
                usd_per_hour: 1.536,
            },
            Readout::DatabaseParts(crate::sim::metrics::DatabaseParts {
                primary_utilization_since_start: 0.45,
                replica_utilization_since_start: vec![0.3, 0.28],
                apply_utilization_since_start: vec![0.12, 0.12],
            }),
        ];
        for finished_s in [None, Some(42.0)] {
            for consistent_hashing in [false, true] {
                all.push(Readout::Resharding(crate::sim::metrics::Resharding {
                    from_shards: 4,
                    to_shards: 5,
                    consistent_hashing,
                    keys: 10_000,
                    keys_moved: 8_000,
                    share_moved: 0.8,
                    theory_share: 0.8,
                    keys_migrated: 3_200,
                    started_s: 30.0,
                    finished_s,
                }));
            }
        }
        for up in [true, false] {
            all.push(Readout::Status { up });
        }
        for recent in [0, 5] {
            all.push(Readout::SentFailed {
                total: 40,
                recent,
                share: 0.003,
            });
        }
        for reason in FailureReason::ALL {
            for recent in [0, 5] {
                all.push(Readout::Failed {
                    reason,
                    total: 40,
                    recent,
                    share: 0.003,
                });
            }
        }
        let che = CacheModel {
            formula: CacheFormula::CheLru,
            writes_invalidate: false,
        };
        for recent in [Some(0.4), None] {
            for theory in [Some((43.7, che)), None] {
                all.push(Readout::HitRatio {
                    recent,
                    since_start: 0.38,
                    theory,
                });
            }
        }
        for (misses, write_backs) in [(0, 0), (10, 0), (10, 4)] {
            all.push(Readout::CacheOperations {
                misses,
                write_backs,
            });
        }
        for recent_ms in [Some(3.0), None] {
            for predicted_ms in [Some(2.5), None] {
                all.push(Readout::ForwardWait {
                    recent_ms,
                    since_start_ms: 2.8,
                    arrival_rps: 900.0,
                    capacity_rps: 1_000.0,
                    predicted_ms,
                });
            }
        }
        for lag in lags {
            all.push(Readout::ReplicaLagMean {
                ms: 1.7,
                theory: Some(lag),
            });
            all.push(Readout::CopyLagMean {
                ms: 41.0,
                theory: Some(CopyLagTheory {
                    one_way_ms: 40.0,
                    lag,
                }),
            });
        }
        for (stale, reads) in [(12, 4_000), (0, 0)] {
            for theory_share in [Some(0.003), None] {
                all.push(Readout::StaleReads {
                    stale,
                    reads,
                    theory_share,
                });
            }
            for theory in [Some(chance), None] {
                all.push(Readout::CopyStale {
                    stale,
                    reads,
                    theory,
                });
            }
        }
        for draining in [0, 2] {
            all.push(Readout::Instances {
                active: 4,
                draining,
            });
        }
        let theories = [
            WebTheory::Overloaded { utilization: 1.2 },
            WebTheory::Predicts {
                mean_ms: 39.2,
                model: WebQueueModel::Mmc,
                servers: 2,
                arrival_scv: 1.0,
                service_scv: 1.0,
            },
            WebTheory::Predicts {
                mean_ms: 32.0,
                model: WebQueueModel::AllenCunneen,
                servers: 2,
                arrival_scv: 0.25,
                service_scv: 1.0,
            },
            WebTheory::Predicts {
                mean_ms: 22.3,
                model: WebQueueModel::PooledLowerBound,
                servers: 8,
                arrival_scv: 1.0,
                service_scv: 1.0,
            },
            WebTheory::Predicts {
                mean_ms: 22.3,
                model: WebQueueModel::PooledLowerBound,
                servers: 8,
                arrival_scv: 1.0,
                service_scv: 0.5,
            },
        ];
        for theory in theories {
            for mean_ms in [Some(40.0), None] {
                for (autoscaled, recent) in [(false, false), (true, false), (false, true)] {
                    all.push(Readout::TimeInTier {
                        mean_ms,
                        recent,
                        theory,
                        autoscaled,
                    });
                }
            }
        }
        for recent in [Some(latency), None] {
            all.push(Readout::Latency { recent });
        }
        for in_dns in [Some(true), Some(false), None] {
            all.push(Readout::Dns { in_dns });
        }
        all
    }

    #[test]
    fn every_readout_reads_in_korean() {
        let all = every_readout();
        let mut seen = [false; VARIANTS];
        for (r, span) in all
            .iter()
            .flat_map(|r| [(r, Span::LastWindow), (r, Span::SinceStart)])
        {
            seen[variant(r)] = true;
            let words = super::row(r, span);
            let what = format!("{r:?} ({span:?})");
            assert_korean_text(&what, &words.label, &[]);
            // A value may be only figures ("172 · 147", "10 / 20 ms"): no English either way.
            assert_korean_text(&what, &format!("값 {}", words.value), &[]);
            if let Some(theory) = &words.theory {
                assert_korean_text(&what, theory, &[]);
            }
        }
        let missing: Vec<usize> = (0..VARIANTS).filter(|i| !seen[*i]).collect();
        assert!(missing.is_empty(), "readouts not rendered: {missing:?}");
    }

    #[test]
    fn rows_read_as_korean_labels_and_values() {
        assert_eq!(
            row(&Readout::InService {
                busy: 3,
                servers: 8
            }),
            RowText {
                label: "처리 중".into(),
                value: "동시 처리 8개 중 3개".into(),
                theory: None
            }
        );
        assert_eq!(
            row(&Readout::QueueDepth {
                messages: 14,
                consumer: "작업 프로세스".into()
            })
            .value,
            "작업 프로세스를 기다리는 메시지 14개"
        );
        assert_eq!(
            web_theory(&WebTheory::Predicts {
                mean_ms: 39.2,
                model: WebQueueModel::Mmc,
                servers: 2,
                arrival_scv: 1.0,
                service_scv: 1.0,
            }),
            format!("인스턴스마다 M/M/2의 예측 {}", format_ms(Lang::Ko, 39.2))
        );
    }
}
