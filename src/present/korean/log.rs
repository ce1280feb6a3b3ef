//! The run log in Korean: one sentence per [`LogEvent`].
//!
//! Owns: [`log_message`]. As in English, the sentences say what happened and what follows
//! from it for the learner (미스 폭주, 다시 로그인), in the notes' terms, in the polite
//! declarative; numbers are rounded as the log shows them (whole seconds, whole percents), and
//! the particle after a label follows the label ([`super::grammar`]).

use crate::decimal::{Fixed, Shortest};
use crate::editor::form::whole_seconds;
use crate::present::format::grouped;
use crate::sim::log::{
    Alert, AlertKind, ColdStart, ERROR_ALERT_SHARE, LogEvent, ReplicatedPart, Restored,
};

use super::grammar::finish;

/// A share as the log rounds it: "80.0%".
fn percent(share: f64) -> String {
    format!("{}%", Fixed(share * 100.0, 1))
}

/// A placement's name in a theory quote.
fn placement(consistent_hashing: bool) -> &'static str {
    if consistent_hashing {
        "안정 해시"
    } else {
        "나머지 연산"
    }
}

/// "노드 3개 중 2번 노드".
fn node_of(node: u32, nodes: u32) -> String {
    format!("노드 {nodes}개 중 {node}번 노드")
}

/// The Korean sentence of one log event, its particles in the forms the labels before them
/// take ([`finish`]).
pub fn log_message(event: &LogEvent) -> String {
    finish(sentence(event))
}

fn sentence(event: &LogEvent) -> String {
    match event {
        LogEvent::Failed { label } => format!("{label}에 장애가 발생했습니다"),
        LogEvent::Restored { label, how } => restored(label, *how),
        LogEvent::Slowed { label, factor } => {
            format!("{label}이(가) {}배 느려졌습니다", Shortest(*factor))
        }
        LogEvent::LinksCut { label } => format!("{label}에서 나가는 연결선이 모두 끊겼습니다"),
        LogEvent::Flushed { label } => {
            format!("{label}의 데이터를 모두 비웠습니다: 미스 폭주가 시작됩니다")
        }
        LogEvent::AssetsDeployed {
            label,
            versioned: true,
            ..
        } => format!(
            "{label}: 새 정적 콘텐츠를 새 URL로 배포했습니다(오브젝트 버저닝). 엣지 서버마다 오브젝트를 한 번씩 \
             원본 서버에서 가져옵니다"
        ),
        LogEvent::AssetsDeployed {
            label,
            versioned: false,
            ttl_s,
        } => {
            let how_long = match (ttl_s, ttl_s.and_then(whole_seconds)) {
                // A whole TTL in its largest unit ("1일"), as the CDN's card says it.
                (_, Some(s)) => format!("최대 {} 동안", super::editor_form::duration_ko(s)),
                (Some(t), None) => format!("최대 {t}초 동안", t = Fixed(*t, 0)),
                (None, None) => "방출될 때까지(TTL 없음)".to_string(),
            };
            format!(
                "{label}: 새 정적 콘텐츠를 같은 URL로 배포했습니다. 엣지 서버는 {how_long} 이전 \
                 콘텐츠를 제공합니다"
            )
        }
        LogEvent::WireChanged { wire, ends, up } => {
            let what = if *up {
                "다시 이어졌습니다"
            } else {
                "끊겼습니다"
            };
            match ends {
                Some((from, to)) => format!("{from} → {to} 연결선이 {what}"),
                None => format!("{wire}번 연결선이 {what}"),
            }
        }
        LogEvent::DatacenterFailed { name } => {
            format!("{}에 장애가 발생했습니다", super::datacenter_named(name))
        }
        LogEvent::DatacenterRestored { name } => {
            format!("{}이(가) 복구되었습니다", super::datacenter_named(name))
        }
        LogEvent::ComesBackEmpty { label, part } => match part {
            ColdStart::Cache => format!(
                "{label}이(가) 비어 있는 채로 돌아옵니다: 모든 키가 한 번씩 캐시 미스를 냅니다"
            ),
            ColdStart::Sessions => format!(
                "{label}이(가) 빈 상태로 돌아옵니다: 세션이 살아 있던 사용자는 다시 로그인해야 합니다"
            ),
        },
        // A resolver's checks as well as a balancer's: no word of load balancing.
        LogEvent::HealthCheck { target, up: true } => {
            format!("{target}이(가) 헬스 체크를 통과해 다시 트래픽을 받습니다")
        }
        LogEvent::HealthCheck { target, up: false } => {
            format!("헬스 체크가 {target}을(를) 장애로 판정해 트래픽을 보내지 않습니다")
        }
        LogEvent::ServerHealthCheck {
            target,
            server,
            up: true,
        } => format!("{target}: {server}번 서버가 다시 부하분산 대상에 들어갔습니다"),
        LogEvent::ServerHealthCheck {
            target,
            server,
            up: false,
        } => format!(
            "{target}: 헬스 체크가 {server}번 서버를 장애로 판정해 부하분산 대상에서 뺐습니다"
        ),
        LogEvent::WebServerFailed {
            label,
            server,
            up,
            servers,
        } => format!(
            "{label}: {server}번 서버에 장애가 발생했습니다. {servers}대 중 {up}대는 계속 \
             동작하지만, 로드밸런서의 헬스 체크가 이 서버를 빼기 전까지 이 서버로 가는 요청은 \
             실패합니다"
        ),
        LogEvent::Autoscaled { label, from, to } => {
            format!("자동 규모 확장: {label}의 인스턴스가 {from}개에서 {to}개로 조정되었습니다")
        }
        LogEvent::WorkersScaled { label, from, to } => {
            format!(
                "{label}: 자동 규모 확장으로 작업 프로세스가 {from}개에서 {to}개로 조정되었습니다"
            )
        }
        LogEvent::JobsAtCrash {
            label,
            jobs,
            durable: true,
        } => {
            format!(
                "{label}: 무손실 큐가 작업 {}개를 보관하고 있다가 복구되면 다시 전달합니다",
                grouped(*jobs as u64)
            )
        }
        LogEvent::JobsAtCrash {
            label,
            jobs,
            durable: false,
        } => format!(
            "{label}: 작업 {}개를 잃었습니다. 큐가 무손실을 보장하지 않습니다",
            grouped(*jobs as u64)
        ),
        LogEvent::JobsRedelivered { label, jobs } => {
            format!(
                "{label}: 무손실 큐가 작업 {}개를 다시 전달했습니다",
                grouped(*jobs as u64)
            )
        }
        LogEvent::ReplicatedNodeFailed {
            label,
            part,
            node,
            nodes,
            last: false,
        } => {
            let still = match part {
                ReplicatedPart::Cache => "사본을 가진 다른 노드가 계속 응답합니다",
                ReplicatedPart::SessionStore => "다른 노드의 사본에 모든 세션이 남아 있습니다",
            };
            format!(
                "{label}: {}에 장애가 발생했습니다. {still}",
                node_of(*node, *nodes)
            )
        }
        LogEvent::ReplicatedNodeFailed {
            label,
            part,
            node,
            nodes,
            last: true,
        } => {
            let which = if *nodes > 1 {
                format!("{label}: {}에", node_of(*node, *nodes))
            } else {
                format!("{label}에")
            };
            let (what, down) = match part {
                ReplicatedPart::Cache => {
                    ("캐시가", "읽기가 모두 데이터베이스로 몰립니다(미스 폭주)")
                }
                ReplicatedPart::SessionStore => {
                    ("세션 저장소가", "로그인한 사용자는 세션을 잃습니다")
                }
            };
            format!("{which} 장애가 발생해 {what} 멈췄습니다. {down}")
        }
        LogEvent::NoSqlNodeFailed {
            label,
            node,
            nodes,
            down,
            unavailable_share,
            replication_factor,
        } => {
            if down == nodes {
                format!(
                    "{label}: {}에 장애가 발생해 모든 노드가 멈췄습니다",
                    node_of(*node, *nodes)
                )
            } else {
                let keys = if *unavailable_share > 0.0 {
                    format!(
                        "키의 {}%는 살아 있는 사본이 없습니다",
                        Fixed(unavailable_share * 100.0, 0)
                    )
                } else {
                    format!(
                        "모든 키에 살아 있는 사본이 남아 있습니다(복제 계수 \
                         {replication_factor})"
                    )
                };
                format!(
                    "{label}: {}에 장애가 발생했습니다(장애 노드 {down}개). {keys}",
                    node_of(*node, *nodes)
                )
            }
        }
        LogEvent::PrimaryFailed {
            label,
            replica,
            promote_at_s,
            lost_writes,
        } => format!(
            "{label}: 주 데이터베이스에 장애가 발생했습니다. {replica}번 부 데이터베이스가 \
             {promote_at_s}초 시점에 승격됩니다. 완료 응답을 보낸 쓰기 {lost_writes}건을 잃었습니다",
            promote_at_s = Fixed(*promote_at_s, 0)
        ),
        LogEvent::DatabaseFailedNoReplica { label } => {
            format!("{label}에 장애가 발생했습니다. 승격할 부 데이터베이스가 없습니다")
        }
        LogEvent::ReplicaPromoted { label } => {
            format!("{label}: 부 데이터베이스가 승격되어 다시 쓰기를 받습니다")
        }
        LogEvent::ShardPrimaryFailed {
            label,
            shard,
            shards,
            promote_at_s,
        } => format!(
            "{label}: 샤드 {shards}개 중 {shard}번 샤드의 주 데이터베이스에 장애가 발생했습니다. \
             {promote_at_s}초 시점에 부 데이터베이스가 승격될 때까지(감지 + 승격) 이 샤드의 \
             쓰기는 실패합니다",
            promote_at_s = Fixed(*promote_at_s, 0)
        ),
        LogEvent::ShardDown {
            label,
            shard,
            shards,
            down,
        } => format!(
            "{label}: {shard}번 샤드에 장애가 발생했지만 승격할 부 데이터베이스가 없어 그 \
             샤드의 키를 사용할 수 없습니다(샤드 {shards}개 중 {down}개에 장애)"
        ),
        LogEvent::ShardPromoted { label, shard } => {
            format!("{label}: {shard}번 샤드의 부 데이터베이스가 승격되어 다시 쓰기를 받습니다")
        }
        LogEvent::ShardAdded {
            label,
            resharding: r,
        } => format!(
            "{label}: 샤드를 추가했습니다(샤드 {}개 → {}개). 키 {}개 중 {}개({})가 옮겨지며 \
             {} 이론값은 {}입니다. 옮겨질 키는 새 샤드로 복사되고, 그때까지는 원래 샤드가 \
             처리합니다",
            r.from_shards,
            r.to_shards,
            grouped(r.keys),
            grouped(r.keys_moved),
            percent(r.share_moved),
            placement(r.consistent_hashing),
            percent(r.theory_share)
        ),
        LogEvent::MigrationDone {
            label,
            resharding: r,
        } => format!(
            "{label}: 키 {}개를 {}초 만에 새 샤드로 모두 복사했습니다(키의 {}, {} 이론값 \
             {})",
            grouped(r.keys_migrated),
            Fixed(r.finished_s.unwrap_or(r.started_s) - r.started_s, 0),
            percent(r.share_moved),
            placement(r.consistent_hashing),
            percent(r.theory_share)
        ),
        LogEvent::SessionStoreFull { label } => {
            format!("{label}이(가) 가득 찼습니다: 만료 전에 방출된 세션의 사용자는 로그아웃됩니다")
        }
        LogEvent::LeaderUnreachable {
            label,
            takeover: Some((copy, at_s)),
        } => format!(
            "{label}에 연결할 수 없습니다: {at_s}초 시점에 사본 {copy}이(가) 쓰기를 넘겨받습니다(감지 + \
             승격). 그때까지 쓰기는 실패합니다",
            at_s = Fixed(*at_s, 0)
        ),
        LogEvent::LeaderUnreachable {
            label,
            takeover: None,
        } => format!(
            "{label}에 연결할 수 없고 살아 있는 사본도 없습니다: 돌아올 때까지 쓰기는 실패합니다"
        ),
        LogEvent::CopyPromoted {
            label,
            old,
            lost_writes,
        } => format!(
            "{label}이(가) 승격되었습니다: 이제 모든 데이터 센터의 쓰기를 받습니다. {old}에서 완료된 쓰기 \
             {lost_writes}건은 이 사본에 닿지 못해 사라졌습니다"
        ),
        LogEvent::LeaderBackInTime { label } => {
            format!("{label}은(는) 사본이 쓰기를 넘겨받기 전에 돌아왔습니다: 잃은 쓰기는 없습니다")
        }
        LogEvent::BackAsCopy {
            label,
            leader,
            writes,
        } => format!(
            "{label}이(가) {leader}의 사본으로 돌아왔습니다: 따라잡을 쓰기가 {}건입니다",
            grouped(*writes as u64)
        ),
        LogEvent::AlertRaised {
            label,
            alert,
            for_s,
        } => match alert {
            Alert::Errors { share } => format!(
                "경보: {label}에서 {for_s}초 동안 요청의 {}%가 실패했습니다",
                Fixed(share * 100.0, 0),
                for_s = Fixed(*for_s, 0)
            ),
            Alert::Saturated { utilization } => format!(
                "경보: {label}의 사용률이 {for_s}초 동안 {}%로 포화 상태입니다",
                Fixed(utilization * 100.0, 0),
                for_s = Fixed(*for_s, 0)
            ),
            Alert::QueueGrowing { from, to } => format!(
                "경보: {label}의 대기열 길이가 {for_s}초 동안 {}건에서 {}건으로 \
                 늘었습니다",
                grouped(*from),
                grouped(*to),
                for_s = Fixed(*for_s, 0)
            ),
        },
        LogEvent::AlertCleared {
            label,
            kind,
            lasted_s,
        } => {
            let what = match kind {
                AlertKind::Errors => format!(
                    "요청 실패율이 다시 {}% 아래로 내려갔습니다",
                    Fixed(ERROR_ALERT_SHARE * 100.0, 0)
                ),
                AlertKind::Saturated => "포화 상태가 풀렸습니다".to_string(),
                AlertKind::QueueGrowing => "대기열이 더 이상 늘지 않습니다".to_string(),
            };
            format!(
                "경보 해제: {label}의 {what}(지속 시간 {lasted_s}초)",
                lasted_s = Fixed(*lasted_s, 0)
            )
        }
    }
}

/// How a component came back.
fn restored(label: &str, how: Restored) -> String {
    let back = format!("{label}이(가) 복구되었습니다");
    match how {
        Restored::Whole => back,
        Restored::CacheNodes { nodes, warm: true } => format!(
            "{back}: 노드 {nodes}개가 모두 살아났고, 살아남은 노드가 데이터를 지켜 캐시가 차 \
             있습니다"
        ),
        Restored::CacheNodes { nodes, warm: false } => format!(
            "{back}: 노드 {nodes}개가 모두 살아났지만 모든 노드에 장애가 났었으므로 캐시가 비어 \
             있습니다"
        ),
        Restored::SessionsEmpty => format!(
            "{label}이(가) 빈 상태로 복구되었습니다: 세션이 살아 있던 사용자는 다시 로그인해야 합니다"
        ),
        Restored::SessionNodes { nodes } => {
            format!("{back}: 노드 {nodes}개가 모두 살아났고 잃은 세션은 없습니다")
        }
        Restored::NoSqlNodes { nodes } => format!("{back}: 노드 {nodes}개가 모두 살아났습니다"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::check::assert_korean_text;
    use super::*;

    /// Every event and every branch of its sentence, with Korean labels.
    fn every_event() -> Vec<LogEvent> {
        let l = |s: &str| s.to_string();
        let mut all = vec![
            LogEvent::Failed {
                label: l("웹 서버"),
            },
            LogEvent::Slowed {
                label: l("데이터베이스"),
                factor: 3.0,
            },
            LogEvent::LinksCut {
                label: l("로드밸런서"),
            },
            LogEvent::Flushed { label: l("캐시") },
            LogEvent::AssetsDeployed {
                label: l("CDN"),
                versioned: true,
                ttl_s: Some(60.0),
            },
            LogEvent::AssetsDeployed {
                label: l("CDN"),
                versioned: false,
                ttl_s: Some(3600.0),
            },
            LogEvent::AssetsDeployed {
                label: l("CDN"),
                versioned: false,
                ttl_s: None,
            },
            LogEvent::DatacenterFailed { name: l("서울") },
            LogEvent::DatacenterRestored { name: l("서울") },
            LogEvent::Autoscaled {
                label: l("웹 서버"),
                from: 2,
                to: 4,
            },
            LogEvent::WorkersScaled {
                label: l("작업 프로세스"),
                from: 4,
                to: 2,
            },
            LogEvent::JobsRedelivered {
                label: l("작업 프로세스"),
                jobs: 12,
            },
            LogEvent::DatabaseFailedNoReplica {
                label: l("데이터베이스"),
            },
            LogEvent::ReplicaPromoted {
                label: l("데이터베이스"),
            },
            LogEvent::ShardPrimaryFailed {
                label: l("회원 데이터베이스"),
                shard: 2,
                shards: 4,
                promote_at_s: 40.0,
            },
            LogEvent::ShardDown {
                label: l("회원 데이터베이스"),
                shard: 2,
                shards: 4,
                down: 1,
            },
            LogEvent::ShardPromoted {
                label: l("회원 데이터베이스"),
                shard: 2,
            },
            LogEvent::ShardAdded {
                label: l("회원 데이터베이스"),
                resharding: crate::sim::metrics::Resharding {
                    from_shards: 4,
                    to_shards: 5,
                    consistent_hashing: true,
                    keys: 10_000,
                    keys_moved: 2_013,
                    share_moved: 0.2013,
                    theory_share: 0.2,
                    keys_migrated: 0,
                    started_s: 30.0,
                    finished_s: None,
                },
            },
            LogEvent::MigrationDone {
                label: l("회원 데이터베이스"),
                resharding: crate::sim::metrics::Resharding {
                    from_shards: 4,
                    to_shards: 5,
                    consistent_hashing: false,
                    keys: 10_000,
                    keys_moved: 8_000,
                    share_moved: 0.8,
                    theory_share: 0.8,
                    keys_migrated: 8_000,
                    started_s: 30.0,
                    finished_s: Some(38.0),
                },
            },
            LogEvent::SessionStoreFull {
                label: l("세션 저장소"),
            },
            LogEvent::LeaderUnreachable {
                label: l("데이터베이스 (서울)"),
                takeover: Some((l("데이터베이스 (부산)"), 91.0)),
            },
            LogEvent::LeaderUnreachable {
                label: l("데이터베이스 (서울)"),
                takeover: None,
            },
            LogEvent::CopyPromoted {
                label: l("데이터베이스 (부산)"),
                old: l("데이터베이스 (서울)"),
                lost_writes: 7,
            },
            LogEvent::LeaderBackInTime {
                label: l("데이터베이스 (서울)"),
            },
            LogEvent::BackAsCopy {
                label: l("데이터베이스 (서울)"),
                leader: l("데이터베이스 (부산)"),
                writes: 30,
            },
            LogEvent::PrimaryFailed {
                label: l("데이터베이스"),
                replica: 1,
                promote_at_s: 42.4,
                lost_writes: 7,
            },
        ];
        for how in [
            Restored::Whole,
            Restored::CacheNodes {
                nodes: 3,
                warm: true,
            },
            Restored::CacheNodes {
                nodes: 3,
                warm: false,
            },
            Restored::SessionsEmpty,
            Restored::SessionNodes { nodes: 2 },
            Restored::NoSqlNodes { nodes: 4 },
        ] {
            all.push(LogEvent::Restored {
                label: l("캐시"),
                how,
            });
        }
        for up in [true, false] {
            all.push(LogEvent::WireChanged {
                wire: 3,
                ends: Some((l("웹 서버"), l("캐시"))),
                up,
            });
            all.push(LogEvent::WireChanged {
                wire: 3,
                ends: None,
                up,
            });
            all.push(LogEvent::HealthCheck {
                target: l("웹 서버 (2)"),
                up,
            });
            all.push(LogEvent::ServerHealthCheck {
                target: l("웹 서버"),
                server: 2,
                up,
            });
            all.push(LogEvent::JobsAtCrash {
                label: l("작업 프로세스"),
                jobs: 12,
                durable: up,
            });
        }
        for part in [ColdStart::Cache, ColdStart::Sessions] {
            all.push(LogEvent::ComesBackEmpty {
                label: l("캐시"),
                part,
            });
        }
        all.push(LogEvent::WebServerFailed {
            label: l("웹 서버"),
            server: 1,
            up: 1,
            servers: 2,
        });
        for part in [ReplicatedPart::Cache, ReplicatedPart::SessionStore] {
            for (node, nodes, last) in [(1, 2, false), (2, 2, true), (1, 1, true)] {
                all.push(LogEvent::ReplicatedNodeFailed {
                    label: l("캐시"),
                    part,
                    node,
                    nodes,
                    last,
                });
            }
        }
        for alert in [
            Alert::Errors { share: 0.98 },
            Alert::Saturated { utilization: 0.99 },
            Alert::QueueGrowing { from: 12, to: 480 },
        ] {
            all.push(LogEvent::AlertRaised {
                label: l("웹 서버"),
                alert,
                for_s: 10.0,
            });
            all.push(LogEvent::AlertCleared {
                label: l("웹 서버"),
                kind: alert.kind(),
                lasted_s: 42.0,
            });
        }
        for (down, share) in [(1, 0.25), (1, 0.0), (4, 1.0)] {
            all.push(LogEvent::NoSqlNodeFailed {
                label: l("저장소"),
                node: 1,
                nodes: 4,
                down,
                unavailable_share: share,
                replication_factor: 2,
            });
        }
        all
    }

    /// Which event `e` is, numbered; a new event fails to compile here until the test
    /// renders it.
    fn variant(e: &LogEvent) -> usize {
        match e {
            LogEvent::Failed { .. } => 0,
            LogEvent::Restored { .. } => 1,
            LogEvent::Slowed { .. } => 2,
            LogEvent::LinksCut { .. } => 3,
            LogEvent::Flushed { .. } => 4,
            LogEvent::AssetsDeployed { .. } => 5,
            LogEvent::WireChanged { .. } => 6,
            LogEvent::DatacenterFailed { .. } => 7,
            LogEvent::DatacenterRestored { .. } => 8,
            LogEvent::ComesBackEmpty { .. } => 9,
            LogEvent::HealthCheck { .. } => 10,
            LogEvent::Autoscaled { .. } => 11,
            LogEvent::WorkersScaled { .. } => 12,
            LogEvent::JobsAtCrash { .. } => 13,
            LogEvent::JobsRedelivered { .. } => 14,
            LogEvent::ReplicatedNodeFailed { .. } => 15,
            LogEvent::NoSqlNodeFailed { .. } => 16,
            LogEvent::PrimaryFailed { .. } => 17,
            LogEvent::DatabaseFailedNoReplica { .. } => 18,
            LogEvent::ReplicaPromoted { .. } => 19,
            LogEvent::ShardPrimaryFailed { .. } => 20,
            LogEvent::ShardDown { .. } => 21,
            LogEvent::ShardPromoted { .. } => 22,
            LogEvent::SessionStoreFull { .. } => 23,
            LogEvent::LeaderUnreachable { .. } => 24,
            LogEvent::CopyPromoted { .. } => 25,
            LogEvent::LeaderBackInTime { .. } => 26,
            LogEvent::BackAsCopy { .. } => 27,
            LogEvent::AlertRaised { .. } => 28,
            LogEvent::AlertCleared { .. } => 29,
            LogEvent::ShardAdded { .. } => 30,
            LogEvent::MigrationDone { .. } => 31,
            LogEvent::ServerHealthCheck { .. } => 32,
            LogEvent::WebServerFailed { .. } => 33,
        }
    }
    const VARIANTS: usize = 34;

    #[test]
    fn every_event_reads_in_korean() {
        let mut seen = [false; VARIANTS];
        for event in every_event() {
            seen[variant(&event)] = true;
            assert_korean_text(&format!("{event:?}"), &log_message(&event), &[]);
        }
        let missing: Vec<usize> = (0..VARIANTS).filter(|i| !seen[*i]).collect();
        assert!(missing.is_empty(), "events not rendered: {missing:?}");
    }

    #[test]
    fn counts_are_grouped_and_a_whole_ttl_is_said_in_its_unit() {
        assert_eq!(
            log_message(&LogEvent::JobsAtCrash {
                label: "작업 큐".into(),
                jobs: 5_539,
                durable: false,
            }),
            "작업 큐: 작업 5,539개를 잃었습니다. 큐가 무손실을 보장하지 않습니다"
        );
        assert!(
            log_message(&LogEvent::AssetsDeployed {
                label: "CDN".into(),
                versioned: false,
                ttl_s: Some(86_400.0),
            })
            .contains("최대 1일 동안")
        );
    }

    #[test]
    fn particles_follow_the_labels() {
        assert_eq!(
            log_message(&LogEvent::Restored {
                label: "캐시".into(),
                how: Restored::Whole
            }),
            "캐시가 복구되었습니다"
        );
        assert_eq!(
            log_message(&LogEvent::HealthCheck {
                target: "웹 서버 (2)".into(),
                up: true
            }),
            "웹 서버 (2)가 헬스 체크를 통과해 다시 트래픽을 받습니다"
        );
        assert_eq!(
            log_message(&LogEvent::HealthCheck {
                target: "웹 서버".into(),
                up: false
            }),
            "헬스 체크가 웹 서버를 장애로 판정해 트래픽을 보내지 않습니다"
        );
        assert_eq!(
            log_message(&LogEvent::PrimaryFailed {
                label: "DB".into(),
                replica: 1,
                promote_at_s: 42.4,
                lost_writes: 7
            }),
            "DB: 주 데이터베이스에 장애가 발생했습니다. 1번 부 데이터베이스가 42초 \
             시점에 승격됩니다. 완료 응답을 보낸 쓰기 7건을 잃었습니다"
        );
        assert_eq!(
            log_message(&LogEvent::ReplicatedNodeFailed {
                label: "세션".into(),
                part: ReplicatedPart::SessionStore,
                node: 1,
                nodes: 1,
                last: true
            }),
            "세션에 장애가 발생해 세션 저장소가 멈췄습니다. 로그인한 사용자는 세션을 잃습니다"
        );
    }
}
