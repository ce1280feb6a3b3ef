//! The design review in Korean: one sentence per [`Finding`], saying what is wrong and what to
//! do about it, with the labels and names read from the diagram the review was run on;
//! [`review`] runs the review and words each finding, as the view lists them.
//!
//! Names of component kinds and ports come from [`crate::present::say`] (their owners word
//! them), as do setting errors and refused wires, so that a name reads the same here as on
//! the palette and the cards.

use crate::decimal::Shortest;
use crate::model::validate::{FaultMismatch, Finding};
use crate::model::{ComponentId, ComponentKind, Diagram, GroupId, OutPort, validate};
use crate::present::lang::Lang;
use crate::present::say;

use super::grammar::finish;

pub use crate::present::say::Worded;

/// The design review of `d`, each diagnostic with its sentence.
pub fn review(d: &Diagram) -> Vec<Worded> {
    validate(d)
        .into_iter()
        .map(|diagnostic| Worded {
            message: message(&diagnostic.finding, d),
            diagnostic,
        })
        .collect()
}

/// A component's label; "컴포넌트 <id>" if the diagram no longer has it.
fn label(d: &Diagram, id: ComponentId) -> String {
    d.component(id)
        .map_or_else(|| format!("컴포넌트 {}", id.0), |c| c.label.clone())
}

/// A datacenter's name (empty if the diagram no longer has it).
fn datacenter(d: &Diagram, id: GroupId) -> String {
    d.group(id).map_or(String::new(), |g| g.name.clone())
}

/// A kind's Korean name.
fn kind(k: ComponentKind) -> &'static str {
    say::kind_name(Lang::Ko, k)
}

/// A port's Korean name, quoted as the cards show it: "`데이터` 포트".
fn port(p: OutPort) -> String {
    format!("“{}” 포트", say::out_port_name(Lang::Ko, p))
}

fn mismatch(why: FaultMismatch) -> &'static str {
    match why {
        FaultMismatch::CutNeedsWire => "연결선만 끊을 수 있습니다",
        FaultMismatch::FlushNeedsCache => "캐시나 CDN만 비울 수 있습니다",
        FaultMismatch::DeployNeedsCdn => "정적 콘텐츠는 CDN 뒤에 배포합니다",
        FaultMismatch::AddShardNeedsSharded => "샤드는 샤딩된 데이터베이스에만 추가할 수 있습니다",
        FaultMismatch::SlowFactorBelowOne => "느려지는 배율은 1 이상이어야 합니다",
        FaultMismatch::NothingToSlow => {
            "DNS나 로그·메트릭 컴포넌트는 시뮬레이션에서 처리 시간을 쓰지 않으므로 느리게 할 \
             것이 없습니다"
        }
        FaultMismatch::UsersOnlySend => {
            "사용자는 요청을 보내기만 합니다: 부하를 바꾸려면 트래픽 패턴을 바꾸세요"
        }
    }
}

/// The sentence for finding `f` of the review of `d`.
pub fn message(f: &Finding, d: &Diagram) -> String {
    let l = |id: &ComponentId| label(d, *id);
    finish(match f {
        Finding::EmptyCanvas => format!(
            "캔버스가 비어 있습니다: {}과(와) {}(으)로 시작하세요",
            kind(ComponentKind::Users),
            kind(ComponentKind::WebServers)
        ),
        Finding::NoUsers => format!(
            "{}이(가) 없습니다: 트래픽을 보낼 컴포넌트가 없습니다",
            kind(ComponentKind::Users)
        ),
        Finding::BadSettings { component, error } => {
            format!("{}: {}", l(component), say::setting_error(Lang::Ko, error))
        }
        Finding::WireMissingEnd { wire } => {
            format!("{}번 연결선의 한쪽 끝이 없습니다", wire.0)
        }
        Finding::WireRefused { from, to, reason } => format!(
            "{} → {}: {}",
            l(from),
            l(to),
            say::wire_reason(Lang::Ko, *reason)
        ),
        Finding::UsersUnwired { users } => format!(
            "{}은(는) 아무 데도 연결되어 있지 않습니다: {} 또는 {}에 연결하세요",
            l(users),
            kind(ComponentKind::Dns),
            kind(ComponentKind::LoadBalancer)
        ),
        Finding::DynamicPortUnwired { users } => format!(
            "{}은(는) 읽기와 쓰기를 보내지만 {}가 연결되어 있지 않습니다",
            l(users),
            port(OutPort::Dynamic)
        ),
        Finding::StaticPortUnwired { users } => format!(
            "{}은(는) 정적 콘텐츠를 요청하지만 {}가 연결되어 있지 않습니다: {}에 연결하세요",
            l(users),
            port(OutPort::Static),
            kind(ComponentKind::Cdn)
        ),
        Finding::WritesReachNoStore { users } => format!(
            "{}의 쓰기가 저장할 곳에 닿지 않습니다: 웹 계층의 {}를 {}에 연결하세요",
            l(users),
            port(OutPort::Data),
            kind(ComponentKind::Database)
        ),
        Finding::Unreachable { component } => format!(
            "{}의 트래픽이 {}까지 닿지 않습니다",
            kind(ComponentKind::Users),
            l(component)
        ),
        Finding::LoadBalancerSinglePoint { balancer } => format!(
            "{}은(는) 단일 장애 지점입니다: 장애가 나면 아무도 들어올 수 없습니다. 두 번째 {}을(를) \
             추가하세요(예: {} 뒤의 다른 데이터 센터에)",
            l(balancer),
            kind(ComponentKind::LoadBalancer),
            kind(ComponentKind::Dns)
        ),
        Finding::WebTierOfOne { web } => format!(
            "{}은(는) 서버 한 대로 돌아가는 단일 장애 지점입니다: {} 뒤에 서버를 두 대 이상 두세요",
            l(web),
            kind(ComponentKind::LoadBalancer)
        ),
        Finding::StatefulBehindNonSticky { web, balancer } => format!(
            "{}은(는) 세션을 메모리에 보관하지만 {}은(는) 고정 세션을 쓰지 않습니다: 요청이 다른 서버로 가면 \
             사용자가 로그아웃됩니다. {}을(를) 두어 무상태 웹 계층으로 만드세요",
            l(web),
            l(balancer),
            kind(ComponentKind::SessionStore)
        ),
        Finding::SessionsPortUnwired { web } => format!(
            "{}은(는) 무상태로 설정되어 있지만 {}가 연결되어 있지 않습니다: {}에 연결하세요",
            l(web),
            port(OutPort::Sessions),
            kind(ComponentKind::SessionStore)
        ),
        Finding::NoSessionsToKeep { store } => format!(
            "{}에는 세션이 하나도 쌓이지 않습니다: 로그인한 사용자가 없어(로그인한 사용자의 요청 \
             비율이 0) 비용만 늘어납니다",
            l(store)
        ),
        Finding::DatabaseWithoutReplicas { database } => format!(
            "{}에는 부 데이터베이스가 없습니다: 장애 복구할 곳이 없는 단일 장애 지점입니다. 읽기용 \
             부 데이터베이스를 추가하세요",
            l(database)
        ),
        Finding::CacheWithNothingBehind { cache } => format!(
            "{} 뒤에 아무것도 없습니다: {}를 {}에 연결하세요",
            l(cache),
            port(OutPort::Miss),
            kind(ComponentKind::Database)
        ),
        Finding::SingleNodeCache { cache } => format!(
            "{}은(는) 노드 하나로 돌아갑니다: 장애가 나면 모든 읽기가 한꺼번에 데이터베이스로 몰립니다. \
             사본 수를 늘리세요",
            l(cache)
        ),
        Finding::QueueWithoutConsumers { queue } => format!(
            "{}에는 소비자가 없습니다: 가득 찰 때까지 작업이 쌓입니다. {}에 연결하세요",
            l(queue),
            kind(ComponentKind::Workers)
        ),
        Finding::DnsWeightUnwired {
            dns,
            percent,
            target,
        } => format!(
            "{}은(는) 응답의 {percent}%를 컴포넌트 {}에 보내지만 그 컴포넌트와 연결되어 있지 않습니다",
            l(dns),
            target.0
        ),
        Finding::DuplicateDatacenterName { datacenter: g } => format!(
            "데이터 센터 두 곳의 이름이 \u{201c}{}\u{201d}(으)로 같습니다. 장애와 실행 로그, 이 검토에서 구별할 수 \
             있도록 한 곳의 이름을 바꾸세요",
            datacenter(d, *g)
        ),
        Finding::DatacenterWithoutData { datacenter: g } => format!(
            "{}에서 데이터로 가는 경로가 없습니다: 웹 서버가 어떤 데이터베이스에도 닿지 \
             않습니다",
            super::datacenter_named(&datacenter(d, *g))
        ),
        Finding::DataInOneDatacenter {
            database,
            datacenter: g,
        } => format!(
            "{}에는 다른 데이터 센터에 없는 데이터가 있습니다: {}에 장애가 나면 다른 곳으로 안내된 \
             사용자는 자신이 쓴 데이터를 찾지 못합니다. {}를 다른 데이터 센터의 {}에 \
             연결하세요(데이터 동기화)",
            l(database),
            super::datacenter_named(&datacenter(d, *g)),
            port(OutPort::Replicate),
            kind(ComponentKind::Database)
        ),
        Finding::CopyInSameDatacenter { leader, copy } => format!(
            "{}은(는) 같은 데이터 센터의 {}을(를) 복제합니다: 그 데이터 센터에 장애가 나면 사본이 원본과 함께 \
             사라집니다. 가까운 사본은 이미 부 데이터베이스가 보관합니다",
            l(copy),
            l(leader)
        ),
        Finding::BadTrafficProfile { error } => {
            format!("트래픽 패턴: {}", say::traffic_error(Lang::Ko, error))
        }
        Finding::FaultTargetGone { at_s } => {
            format!("{}초 시점의 장애 대상이 더 이상 없습니다", Shortest(at_s.0))
        }
        Finding::FaultTimeImpossible { at_s } => {
            format!(
                "장애가 불가능한 시각({})에 예약되어 있습니다",
                Shortest(at_s.0)
            )
        }
        Finding::FaultAfterRunEnds { at_s, duration_s } => format!(
            "{}초의 장애는 실행이 끝난 뒤({duration_s}초)에 일어납니다",
            Shortest(at_s.0)
        ),
        Finding::FaultMismatch { at_s, why } => {
            format!("{}초 시점의 장애: {}", Shortest(at_s.0), mismatch(*why))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::check::assert_korean_text;
    use super::*;
    use crate::model::config::ComponentConfig;
    use crate::model::validate::Seconds;
    use crate::model::{DiagramBuilder, Region, WireId};

    /// Which finding `f` is, numbered; a new finding fails to compile here until the test
    /// renders it.
    fn variant(f: &Finding) -> usize {
        match f {
            Finding::EmptyCanvas => 0,
            Finding::NoUsers => 1,
            Finding::BadSettings { .. } => 2,
            Finding::WireMissingEnd { .. } => 3,
            Finding::WireRefused { .. } => 4,
            Finding::UsersUnwired { .. } => 5,
            Finding::DynamicPortUnwired { .. } => 6,
            Finding::StaticPortUnwired { .. } => 7,
            Finding::WritesReachNoStore { .. } => 8,
            Finding::Unreachable { .. } => 9,
            Finding::LoadBalancerSinglePoint { .. } => 10,
            Finding::WebTierOfOne { .. } => 11,
            Finding::StatefulBehindNonSticky { .. } => 12,
            Finding::SessionsPortUnwired { .. } => 13,
            Finding::NoSessionsToKeep { .. } => 28,
            Finding::DatabaseWithoutReplicas { .. } => 14,
            Finding::CacheWithNothingBehind { .. } => 15,
            Finding::SingleNodeCache { .. } => 16,
            Finding::QueueWithoutConsumers { .. } => 17,
            Finding::DnsWeightUnwired { .. } => 18,
            Finding::DatacenterWithoutData { .. } => 19,
            Finding::DataInOneDatacenter { .. } => 20,
            Finding::CopyInSameDatacenter { .. } => 21,
            Finding::BadTrafficProfile { .. } => 22,
            Finding::FaultTargetGone { .. } => 23,
            Finding::FaultTimeImpossible { .. } => 24,
            Finding::FaultAfterRunEnds { .. } => 25,
            Finding::FaultMismatch { .. } => 26,
            Finding::DuplicateDatacenterName { .. } => 27,
        }
    }
    const VARIANTS: usize = 29;

    /// A diagram with Korean labels, a refused wire, a web tier with a bad setting and a
    /// traffic profile out of range; and every finding about its parts.
    fn diagram_and_findings() -> (Diagram, Vec<Finding>) {
        let mut b = DiagramBuilder::new();
        let seoul = b.group(Region::Asia).name("서울").id();
        let users = b.add(ComponentKind::Users).label("사용자").id();
        let dns = b.add(ComponentKind::Dns).label("도메인 이름 서비스").id();
        let lb = b
            .add(ComponentKind::LoadBalancer)
            .label("로드밸런서")
            .group(seoul)
            .id();
        let web = b
            .add(ComponentKind::WebServers)
            .label("웹 서버")
            .group(seoul)
            .configure(|c| {
                if let ComponentConfig::WebServers(w) = c {
                    w.instances = 0;
                }
            })
            .id();
        let cache = b.add(ComponentKind::Cache).label("캐시").group(seoul).id();
        let db = b
            .add(ComponentKind::Database)
            .label("주 데이터베이스")
            .group(seoul)
            .id();
        let copy = b
            .add(ComponentKind::Database)
            .label("사본 데이터베이스")
            .group(seoul)
            .id();
        let queue = b.add(ComponentKind::MessageQueue).label("메시지 큐").id();
        b.wire_ignoring_rules(users, OutPort::Dynamic, db);
        b.scenario_mut().traffic = crate::model::TrafficProfile::Diurnal {
            period_s: 0.0,
            trough_factor: 0.5,
        };
        let d = b.finish();
        let mut all: Vec<Finding> = validate(&d).into_iter().map(|x| x.finding).collect();
        assert!(
            all.iter().any(|f| matches!(f, Finding::BadSettings { .. })),
            "the web tier's bad setting is found"
        );
        assert!(
            all.iter().any(|f| matches!(f, Finding::WireRefused { .. })),
            "the refused wire is found"
        );
        all.extend([
            Finding::EmptyCanvas,
            Finding::NoUsers,
            Finding::WireMissingEnd { wire: WireId(9) },
            Finding::UsersUnwired { users },
            Finding::DynamicPortUnwired { users },
            Finding::StaticPortUnwired { users },
            Finding::WritesReachNoStore { users },
            Finding::Unreachable { component: cache },
            Finding::LoadBalancerSinglePoint { balancer: lb },
            Finding::WebTierOfOne { web },
            Finding::StatefulBehindNonSticky { web, balancer: lb },
            Finding::SessionsPortUnwired { web },
            Finding::NoSessionsToKeep { store: cache },
            Finding::DatabaseWithoutReplicas { database: db },
            Finding::CacheWithNothingBehind { cache },
            Finding::SingleNodeCache { cache },
            Finding::QueueWithoutConsumers { queue },
            Finding::DnsWeightUnwired {
                dns,
                percent: 30,
                target: lb,
            },
            Finding::DatacenterWithoutData { datacenter: seoul },
            Finding::DuplicateDatacenterName { datacenter: seoul },
            Finding::DataInOneDatacenter {
                database: db,
                datacenter: seoul,
            },
            Finding::CopyInSameDatacenter { leader: db, copy },
            Finding::FaultTargetGone {
                at_s: Seconds(30.0),
            },
            Finding::FaultTimeImpossible {
                at_s: Seconds(-1.0),
            },
            Finding::FaultAfterRunEnds {
                at_s: Seconds(130.0),
                duration_s: 120,
            },
        ]);
        for why in [
            FaultMismatch::CutNeedsWire,
            FaultMismatch::FlushNeedsCache,
            FaultMismatch::DeployNeedsCdn,
            FaultMismatch::AddShardNeedsSharded,
            FaultMismatch::SlowFactorBelowOne,
            FaultMismatch::NothingToSlow,
            FaultMismatch::UsersOnlySend,
        ] {
            all.push(Finding::FaultMismatch {
                at_s: Seconds(30.0),
                why,
            });
        }
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
            all.push(Finding::BadTrafficProfile {
                error: crate::model::config::ConfigError {
                    field: field.into(),
                    problem: crate::model::config::ConfigProblem::OutOfRange {
                        min: crate::model::config::Number(0.0),
                        max: crate::model::config::Number(1000.0),
                        value: crate::model::config::Number(-1.0),
                    },
                },
            });
        }
        (d, all)
    }

    #[test]
    fn every_finding_reads_in_korean() {
        let (d, all) = diagram_and_findings();
        let mut seen = [false; VARIANTS];
        for f in &all {
            seen[variant(f)] = true;
            // Words other catalogues give (a setting error, a refused wire) are checked there.
            let extra = match f {
                Finding::BadSettings { error, .. } => vec![say::setting_error(Lang::Ko, error)],
                Finding::WireRefused { reason, .. } => {
                    vec![say::wire_reason(Lang::Ko, *reason).to_string()]
                }
                _ => vec![],
            };
            assert_korean_text(&format!("{f:?}"), &message(f, &d), &extra);
        }
        let missing: Vec<usize> = (0..VARIANTS).filter(|i| !seen[*i]).collect();
        assert!(missing.is_empty(), "findings not rendered: {missing:?}");
    }

    #[test]
    fn the_review_words_each_finding_with_particles_after_the_labels() {
        let (d, _) = diagram_and_findings();
        let worded = review(&d);
        assert!(!worded.is_empty());
        for w in &worded {
            assert_eq!(w.message, message(&w.diagnostic.finding, &d));
        }
        let (_, all) = diagram_and_findings();
        let single = all
            .iter()
            .find(|f| matches!(f, Finding::SingleNodeCache { .. }))
            .unwrap();
        assert!(message(single, &d).starts_with("캐시는 노드 하나로"));
        let traffic = worded
            .iter()
            .find(|w| matches!(w.diagnostic.finding, Finding::BadTrafficProfile { .. }))
            .unwrap();
        assert_eq!(traffic.message, "트래픽 패턴: 주기는 0보다 커야 합니다");
    }
}
