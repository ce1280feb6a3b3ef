//! The model's words in Korean: component kinds with the palette's descriptions, regions,
//! ports, why a wire is refused and why a setting is refused, in the terms of
//! `docs/glossary.md`.
//!
//! Owns the Korean of the values [`crate::present::english`]'s `model` words, with the same
//! signatures. Reasons are phrases without a final full stop, as in English, so that the
//! sentences that quote them (the review, the canvas) punctuate them.

use crate::decimal::Shortest;
use crate::model::config::{ConfigError, ConfigProblem, InstanceSize};
use crate::model::rules::{Refusal, ReplicationRefusal, WireReason};
use crate::model::{ComponentKind, EditError, FaultAction, FaultTarget, InPort, OutPort, Region};

use super::grammar::finish;
use crate::present::format::grouped;

/// The name shown on the palette and on a new component's card.
pub fn kind_name(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Users => "사용자",
        ComponentKind::Dns => "DNS",
        ComponentKind::Cdn => "CDN",
        ComponentKind::LoadBalancer => "로드밸런서",
        ComponentKind::WebServers => "웹 서버",
        ComponentKind::Cache => "캐시",
        ComponentKind::SessionStore => "세션 저장소",
        ComponentKind::Database => "데이터베이스",
        ComponentKind::NoSql => "NoSQL 저장소",
        ComponentKind::ShardedDatabase => "샤딩된 데이터베이스",
        ComponentKind::MessageQueue => "메시지 큐",
        ComponentKind::Workers => "작업 프로세스",
        ComponentKind::MetricsSink => "로그·메트릭",
    }
}

/// One line saying what the component does in a scaled-out web service; the notes' English
/// term stays beside the Korean where the notes keep it.
pub fn kind_description(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Users => "읽기, 쓰기, 정적 콘텐츠 요청을 보내는 사용자 집단입니다.",
        ComponentKind::Dns => {
            "도메인 이름 서비스(DNS): 도메인 이름을 주소로 바꿔 줍니다. 지리적 라우팅(GeoDNS)은 사용자를 가장 가까운 정상 데이터 센터로 보냅니다."
        }
        ComponentKind::Cdn => {
            "콘텐츠 전송 네트워크(CDN): 정적 콘텐츠를 사용자와 가까운 엣지에 캐시합니다. 캐시 미스가 나거나 엣지에 장애가 나면 원본 서버에서 가져옵니다."
        }
        ComponentKind::LoadBalancer => {
            "사용자가 접속하는 공개 진입점으로, 요청을 정상인 웹 서버들에 고르게 분산합니다."
        }
        ComponentKind::WebServers => {
            "웹 서버 묶음: 더 큰 인스턴스로 수직적 규모 확장(스케일 업), 더 많은 인스턴스로 수평적 규모 확장(스케일 아웃)을 합니다."
        }
        ComponentKind::Cache => {
            "자주 읽는 데이터를 메모리에 두는 캐시 계층입니다(읽기 주도형 캐시 전략, 만료 정책과 TTL, LRU/LFU/FIFO 데이터 방출 정책)."
        }
        ComponentKind::SessionStore => {
            "세션 데이터를 웹 서버 밖의 공유 저장소에 두어 무상태 웹 계층을 만듭니다."
        }
        ComponentKind::Database => {
            "관계형 데이터베이스: 쓰기는 주 데이터베이스가 받고 읽기는 부 데이터베이스가 나눠 받습니다(데이터베이스 다중화). 장애 복구와 다른 데이터 센터의 사본도 둘 수 있습니다."
        }
        ComponentKind::NoSql => {
            "비관계형 데이터베이스(NoSQL)인 키-값 저장소: 응답 지연시간이 짧고 수평적 규모 확장이 쉽지만 조인은 없습니다."
        }
        ComponentKind::ShardedDatabase => {
            "샤딩 키에 따라 데이터를 여러 샤드에 나눠 담습니다. 샤드는 나머지 연산이나 안정 해시로 정합니다."
        }
        ComponentKind::MessageQueue => {
            "메시지를 잃지 않고 보관하며(무손실) 비동기 통신을 지원하는 버퍼입니다. 생산자와 소비자의 규모를 각기 독립적으로 확장할 수 있습니다."
        }
        ComponentKind::Workers => {
            "메시지 큐에서 작업을 꺼내 비동기적으로 처리하는 작업 프로세스 묶음입니다. 쌓인 작업 수에 따라 규모가 조정됩니다."
        }
        ComponentKind::MetricsSink => "연결된 컴포넌트들의 로그와 메트릭을 모읍니다.",
    }
}

/// A region's name.
pub fn region_name(region: Region) -> &'static str {
    match region {
        Region::NorthAmerica => "북미",
        Region::SouthAmerica => "남미",
        Region::Europe => "유럽",
        Region::Asia => "아시아",
        Region::Oceania => "오세아니아",
    }
}

/// The short label drawn beside an output port.
pub fn out_port_name(port: OutPort) -> &'static str {
    match port {
        OutPort::Dynamic => "동적",
        OutPort::Static => "정적",
        OutPort::Resolve => "이름 해석",
        OutPort::Origin => "원본",
        OutPort::Backends => "백엔드",
        OutPort::Data => "데이터",
        OutPort::Sessions => "세션",
        OutPort::Jobs => "작업",
        OutPort::Logs => "로그",
        OutPort::Miss => "미스",
        OutPort::Consumers => "소비자",
        OutPort::Replicate => "복제",
    }
}

/// The short label drawn beside an input port.
pub fn in_port_name(port: InPort) -> &'static str {
    match port {
        InPort::Requests => "요청",
        InPort::Data => "데이터",
        InPort::Sessions => "세션",
        InPort::Jobs => "작업",
        InPort::Logs => "로그",
    }
}

/// Why the connection table refuses a wire.
pub fn wire_reason(reason: WireReason) -> &'static str {
    use WireReason as W;
    match reason {
        W::DynamicToCdn => {
            "CDN은 정적 콘텐츠를 전달합니다. 동적 요청은 DNS나 로드밸런서로 보내야 합니다"
        }
        W::DynamicToCache => {
            "사용자는 캐시에 직접 질의하지 않습니다. 캐시를 쓰는 웹 서버에 연결해야 합니다"
        }
        W::DynamicToDatabase => {
            "사용자는 데이터베이스에 직접 접근하지 않습니다. 사이에 웹 서버를 두어야 합니다"
        }
        W::DynamicToUsers => {
            "사용자는 다른 사용자에게 요청을 보내지 않습니다. DNS나 로드밸런서에 연결해야 합니다"
        }
        W::DynamicElsewhere => "동적 요청은 DNS, 로드밸런서 또는 웹 서버로 갑니다",
        W::StaticToCache => {
            "정적 콘텐츠는 엣지에서 캐시합니다. 데이터 캐시가 아니라 CDN에 연결해야 합니다"
        }
        W::StaticElsewhere => "정적 콘텐츠는 CDN으로 갑니다(CDN이 없으면 웹 서버로 갑니다)",
        W::ResolveToDns => {
            "DNS는 접속할 주소를 알려 줍니다. 다른 DNS가 아니라 로드밸런서나 웹 서버로 연결해야 합니다"
        }
        W::ResolveElsewhere => "DNS는 로드밸런서, 웹 서버 또는 CDN의 주소를 알려 줍니다",
        W::OriginToCdn => {
            "CDN의 원본 서버는 직접 운영하는 서버입니다. 로드밸런서나 웹 서버에 연결해야 합니다"
        }
        W::OriginElsewhere => {
            "CDN은 엣지에 없는 콘텐츠를 원본 서버인 로드밸런서나 웹 서버에서 가져옵니다"
        }
        W::BackendsToLoadBalancer => {
            "로드밸런서를 이어 붙이면 거치는 단계만 늘고 처리 용량은 늘지 않습니다. 웹 서버에 연결해야 합니다"
        }
        W::BackendsToDatabase => {
            "로드밸런서는 요청을 웹 서버들에 분산합니다. 부 데이터베이스는 데이터베이스의 설정에서 추가합니다"
        }
        W::BackendsElsewhere => "로드밸런서는 요청을 웹 서버들에 분산합니다",
        W::DataToSessionStore => {
            "세션 데이터는 “세션” 포트로 보내야 합니다. 애플리케이션 데이터는 캐시나 데이터베이스로 갑니다"
        }
        W::DataToMessageQueue => "큐에 작업을 발행하려면 “작업” 포트를 써야 합니다",
        W::DataToWebServers => {
            "애플리케이션 데이터는 다른 웹 서버가 아니라 캐시나 데이터베이스에 있습니다"
        }
        W::DataElsewhere => {
            "애플리케이션 데이터는 캐시, 데이터베이스, NoSQL 저장소 또는 샤딩된 데이터베이스로 갑니다"
        }
        W::SessionsToShardedDatabase => {
            "세션은 샤딩된 사용자 데이터가 아니라 세션 저장소, 캐시 또는 NoSQL 저장소에 두어야 합니다"
        }
        W::SessionsElsewhere => {
            "세션은 공유 저장소인 세션 저장소, 캐시, NoSQL 저장소 또는 데이터베이스로 갑니다"
        }
        W::JobsToWorkers => {
            "웹 서버와 작업 프로세스 사이에 메시지 큐를 두어야 양쪽이 따로 규모를 키우고 따로 장애를 견딜 수 있습니다"
        }
        W::JobsElsewhere => "작업은 메시지 큐에 발행합니다",
        W::LogsElsewhere => "로그와 메트릭은 로그·메트릭 컴포넌트로 갑니다",
        W::MissToWebServers => {
            "캐시는 웹 서버를 호출하지 않습니다. 캐시 미스는 데이터베이스로 연결해야 합니다"
        }
        W::MissToCache => {
            "여기서 캐시 뒤에 캐시를 두면 거치는 단계만 늘어납니다. 캐시 미스는 데이터베이스로 연결해야 합니다"
        }
        W::MissElsewhere => "캐시 미스가 나면 캐시는 데이터베이스에서 읽어 옵니다",
        W::ConsumersToWebServers => {
            "웹 서버는 작업을 발행하고 작업 프로세스가 소비합니다. 큐는 작업 프로세스에 연결해야 합니다"
        }
        W::ConsumersElsewhere => "메시지 큐는 작업을 작업 프로세스에 전달합니다",
        W::ReplicateToCache => {
            "캐시는 읽기로 스스로 채워집니다. 다른 데이터 센터의 데이터베이스로 복제해야 합니다"
        }
        W::ReplicateToShardedDatabase => {
            "샤딩된 데이터베이스는 샤드마다 스스로 다중화합니다. 데이터베이스로 복제해야 합니다"
        }
        W::ReplicateElsewhere => "데이터베이스는 쓰기를 자신의 사본인 다른 데이터베이스로 보냅니다",
    }
}

/// Why a `replicate` wire is refused.
pub fn replication_refusal(r: ReplicationRefusal) -> &'static str {
    match r {
        ReplicationRefusal::TargetAlreadyACopy => {
            "이 데이터베이스는 이미 다른 데이터베이스의 사본입니다. 사본은 원본 하나만 따릅니다"
        }
        ReplicationRefusal::SourceIsACopy => {
            "이 데이터베이스는 그 자체가 사본입니다. “복제” 연결선은 쓰기를 받는 데이터베이스에서 시작해야 합니다"
        }
        ReplicationRefusal::TargetShipsCopies => {
            "그 데이터베이스는 자기 사본을 내보내고 있습니다. 사본이 동시에 원본이 될 수는 없습니다"
        }
    }
}

/// Why a wire was refused, as a sentence for the user.
pub fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::UnknownComponent(id) => {
            finish(format!("컴포넌트 {}은(는) 더 이상 없습니다", id.0))
        }
        Refusal::NoSuchOutPort { kind, port } => format!(
            "{}에는 “{}” 출력이 없습니다",
            kind_name(*kind),
            out_port_name(*port)
        ),
        Refusal::NoSuchInPort { kind, port } => format!(
            "{}에는 “{}” 입력이 없습니다",
            kind_name(*kind),
            in_port_name(*port)
        ),
        Refusal::SelfLoop => "컴포넌트를 자기 자신에 연결할 수는 없습니다".to_string(),
        Refusal::Duplicate => "이 포트들은 이미 연결되어 있습니다".to_string(),
        Refusal::NotAllowed { reason, .. } => wire_reason(*reason).to_string(),
        Refusal::Cycle => "이 연결선은 고리를 만듭니다. 요청이 끝없이 돌게 됩니다".to_string(),
        Refusal::Replication(why) => replication_refusal(*why).to_string(),
        Refusal::IdsExhausted => "이 다이어그램은 ID를 모두 써 버렸습니다".to_string(),
    }
}

/// What is wrong with a value, as a sentence without its subject: "0에서 1 사이여야 합니다
/// (지금 2)".
pub fn config_problem(p: &ConfigProblem) -> String {
    match p {
        ConfigProblem::NotFinite => "유한한 숫자여야 합니다".to_string(),
        ConfigProblem::OutOfRange { min, max, value } => {
            format!(
                "{}에서 {} 사이여야 합니다(지금 {})",
                shown(min.0),
                shown(max.0),
                shown(value.0)
            )
        }
        ConfigProblem::CountOutOfRange { min, max, value } => format!(
            "{}에서 {} 사이여야 합니다(지금 {})",
            grouped(*min),
            grouped(*max),
            grouped(*value)
        ),
        ConfigProblem::NotAboveZeroAtMost { max, value } => {
            format!(
                "0보다 크고 {} 이하여야 합니다(지금 {})",
                shown(max.0),
                shown(value.0)
            )
        }
        ConfigProblem::SharesDoNotAddUp { sum } => format!(
            "읽기, 쓰기, 정적 콘텐츠 비율의 합은 1이어야 합니다(지금 {})",
            shown(sum.0)
        ),
        ConfigProblem::WeightsDoNotAddUp { sum } => {
            format!("가중치의 합은 100%여야 합니다(지금 {sum}%)")
        }
        ConfigProblem::ShardingKeyLength => "열 이름이어야 합니다(1~64자)".to_string(),
        ConfigProblem::NotSeconds { value } => {
            format!("0 이상의 초 단위 값이어야 합니다(지금 {})", shown(value.0))
        }
        ConfigProblem::Zero => "0보다 커야 합니다".to_string(),
        ConfigProblem::AboveMax { max } => format!("{max} 이하여야 합니다"),
    }
}

/// A value as typed, with the two that are not numbers in words.
fn shown(x: f64) -> String {
    if x.is_nan() {
        "숫자가 아님".to_string()
    } else if x.is_infinite() {
        format!("{}무한대", if x < 0.0 { "-" } else { "" })
    } else {
        crate::present::format::as_typed_grouped(x)
    }
}

/// Why a setting was refused: the field's path, then what is wrong with it.
pub fn config_error(e: &ConfigError) -> String {
    format!("“{}”: {}", e.field, config_problem(&e.problem))
}

/// Why an edit of the diagram was refused.
pub fn edit_error(e: &EditError) -> String {
    let missing = |what: &str, id: u32| format!("{what} {id}이(가) 없습니다");
    let taken = |what: &str, id: u32| format!("{what} ID {id}은(는) 이미 쓰이고 있습니다");
    finish(match e {
        EditError::UnknownComponent(id) => missing("컴포넌트", id.0),
        EditError::UnknownWire(id) => missing("연결선", id.0),
        EditError::UnknownGroup(id) => missing("데이터 센터", id.0),
        EditError::DuplicateComponent(id) => taken("컴포넌트", id.0),
        EditError::DuplicateWire(id) => taken("연결선", id.0),
        EditError::DuplicateGroup(id) => taken("데이터 센터", id.0),
        EditError::ConfigKindMismatch { component, config } => format!(
            "{}에 {}의 설정을 넣을 수 없습니다",
            kind_name(*component),
            kind_name(*config)
        ),
        EditError::NoSuchOutPort(kind, port) => format!(
            "{}에는 “{}” 출력이 없습니다",
            kind_name(*kind),
            out_port_name(*port)
        ),
        EditError::NoSuchInPort(kind, port) => format!(
            "{}에는 “{}” 입력이 없습니다",
            kind_name(*kind),
            in_port_name(*port)
        ),
        EditError::UnknownFaultTarget(t) => {
            let target = match t {
                FaultTarget::Component(id) => format!("컴포넌트 {}", id.0),
                FaultTarget::Group(id) => format!("데이터 센터 {}", id.0),
                FaultTarget::Wire(id) => format!("연결선 {}", id.0),
            };
            format!("장애의 대상인 {target}이(가) 없습니다")
        }
        EditError::IdsExhausted => "이 다이어그램은 ID를 모두 써 버렸습니다".to_string(),
    })
}

/// The button words for a fault ("5배 느리게", "캐시 비우기").
pub fn fault_action(action: FaultAction) -> String {
    match action {
        FaultAction::Fail => "장애 발생".into(),
        FaultAction::Restore => "복구".into(),
        FaultAction::Slow { factor } => format!("{}배 느리게", Shortest(factor)),
        FaultAction::CutLink => "연결선 끊기".into(),
        FaultAction::FlushCache => "캐시 비우기".into(),
        FaultAction::DeployAssets => "정적 콘텐츠 배포".into(),
        FaultAction::AddShard => "샤드 추가".into(),
    }
}

/// A server size as pickers show it.
pub fn instance_size(size: InstanceSize) -> &'static str {
    match size {
        InstanceSize::Vcpu2 => "2 vCPU / 8 GiB",
        InstanceSize::Vcpu4 => "4 vCPU / 16 GiB",
        InstanceSize::Vcpu8 => "8 vCPU / 32 GiB",
        InstanceSize::Vcpu16 => "16 vCPU / 64 GiB",
        InstanceSize::Vcpu32 => "32 vCPU / 128 GiB",
        InstanceSize::Vcpu64 => "64 vCPU / 256 GiB",
    }
}
