//! The inspector's form and the cards' summaries in Korean: the word of every serde key a
//! form shows, the form's group headings, each field's one-line help (naming its unit and
//! explaining its terms in the glossary's words), units, choices, refusals of a typed value,
//! and a card's key settings.

use crate::decimal::{Fixed, Shortest};
use crate::editor::form::{
    DurationUnit, Field, FieldName, FieldRefusal, ShareRefusal, ShareTarget, Unit, duration,
};
use crate::editor::form_order::{FieldGroup, FieldHelp};
use crate::model::config::{
    ComponentConfig, DnsRouting, Eviction, LbAlgorithm, Replication, SessionMode, ShardingStrategy,
};
use crate::present::format::format_value_ko;
use crate::present::korean::grammar::{count, finish};
use crate::present::lang::Lang;
use crate::present::say;

/// The Korean word of one serde key of a component's settings, `None` for a key the form
/// never shows.
pub fn key_word(key: &str) -> Option<&'static str> {
    KEY_WORDS.lines().find_map(|line| {
        let (k, word) = line.split_once('=')?;
        (k == key).then_some(word)
    })
}

/// One `key=word` line per serde key the form shows, searched by [`key_word`]: a `match` on
/// the keys compiled to a comparison each, and the whole app was 0.14 KB larger gzipped.
const KEY_WORDS: &str = "\
added_latency_ms=추가 지연시간\n\
aggregated_metrics=집계 메트릭\n\
algorithm=분산 방식\n\
apply_rate_per_s=복제 적용 속도\n\
autoscaling=자동 규모 확장\n\
cooldown_s=휴지 기간\n\
enabled=사용\n\
max_instances=최대 인스턴스 수\n\
min_instances=최소 인스턴스 수\n\
target_backlog_per_instance=인스턴스당 목표 대기 작업 수\n\
target_utilization=목표 사용률\n\
business_metrics=비즈니스 메트릭\n\
capacity_keys=키 용량\n\
capacity_messages=메시지 용량\n\
capacity_rps=처리 용량\n\
capacity_sessions=세션 용량\n\
celebrity_keys=유명인사 키 수\n\
celebrity_share=유명인사 키 비율\n\
concurrency_per_instance=인스턴스당 동시 처리 수\n\
concurrency_per_node=노드당 동시 처리 수\n\
concurrency_per_shard=샤드당 동시 처리 수\n\
durable=무손실\n\
edge_capacity_objects=엣지 오브젝트 용량\n\
edge_rtt_ms=엣지 왕복 시간\n\
enqueue_latency_ms=큐 적재 지연시간\n\
error_logs=오류 로그\n\
eviction=데이터 방출 정책\n\
expiry=만료 정책\n\
failover=장애 복구\n\
detection_interval_s=감지 간격\n\
failure_threshold=장애 판정 횟수\n\
promotion_time_s=승격 시간\n\
get_latency_ms=조회 지연시간\n\
health_check_interval_s=헬스 체크 간격\n\
host_metrics=호스트 메트릭\n\
instance_size=인스턴스 크기\n\
instances=인스턴스 수\n\
key_space=키 공간\n\
load=부하\n\
active_users=활성 사용자 수\n\
requests_per_user_per_s=사용자당 초당 요청 수\n\
rate_rps=초당 요청 수\n\
login_session_share=로그인한 사용자의 요청 비율\n\
network_delay_ms=네트워크 지연\n\
nodes=노드 수\n\
object_versioning=오브젝트 버저닝\n\
ops_per_node_per_s=노드당 처리량\n\
read_replicas=부 데이터베이스 수\n\
read_share=읽기 비율\n\
read_through=읽기 주도형 캐시\n\
record_ttl_s=레코드 TTL\n\
region=지역\n\
replicas=사본 수\n\
replicas_per_shard=샤드당 부 데이터베이스 수\n\
replication=복제 방식\n\
replication_factor=복제 계수\n\
routing=라우팅\n\
scrape_interval_s=수집 간격\n\
service_time=처리 시간\n\
mean_ms=평균\n\
sigma=시그마\n\
session_ttl_s=세션 TTL\n\
sessions=세션\n\
sharding_key=샤딩 키\n\
shards=샤드 수\n\
static_share=정적 콘텐츠 비율\n\
strategy=샤딩 방식\n\
virtual_nodes=가상 노드 수\n\
ttl_s=TTL\n\
write_share=쓰기 비율\n\
zipf_alpha=Zipf 알파\n\
percent=비율\n\
";

/// "처리 시간 · 평균", "라우팅 · 동부로 보내는 비율".
pub fn field_label(name: &FieldName) -> String {
    let words: Vec<&str> = name
        .keys
        .iter()
        .map(|k| key_word(k).unwrap_or("설정"))
        .collect();
    let label = words.join(" · ");
    match &name.share_of {
        Some(target) => finish(format!(
            "{label} · {}(으)로 보내는 비율",
            share_target(target)
        )),
        None => label,
    }
}

fn share_target(t: &ShareTarget) -> String {
    match t {
        ShareTarget::Named(label) => label.clone(),
        ShareTarget::Twin { label, id } => format!("{label} #{}", id.0),
        ShareTarget::Unwired(id) => format!("연결되지 않은 {}번 컴포넌트", id.0),
    }
}

/// A group heading of the form.
pub fn group(g: FieldGroup) -> &'static str {
    match g {
        FieldGroup::Capacity => "용량",
        FieldGroup::Behaviour => "동작 방식",
        FieldGroup::Failure => "장애 대응",
        FieldGroup::Advanced => "고급 설정",
    }
}

/// A field's one-line explanation: what it means, its unit, and its terms in plain words.
pub fn help(h: FieldHelp) -> &'static str {
    use FieldHelp as H;
    match h {
        H::UsersLoad => {
            "트래픽을 정하는 방식입니다. 전체 초당 요청 수로 정하거나, 활성 사용자 수와 \
             사용자당 요청 수로 정합니다."
        }
        H::UsersRate => "이 사용자들이 모두 합쳐 1초에 보내는 요청 수(req/s)입니다.",
        H::UsersActiveUsers => "같은 순간에 서비스를 쓰고 있는 사람 수입니다.",
        H::UsersRequestsPerUser => {
            "활성 사용자 한 명이 1초에 보내는 요청 수(회/s)입니다. 0.1이면 10초에 한 번입니다."
        }
        H::UsersRegion => {
            "사용자가 있는 지역입니다. 지리적 라우팅은 이들을 가장 가까운 데이터 센터로 보냅니다."
        }
        H::UsersReadShare => {
            "데이터를 읽는 요청의 비율(0–1)입니다. 읽기, 쓰기, 정적 콘텐츠 비율을 합하면 1입니다."
        }
        H::UsersWriteShare => "데이터를 바꾸는 요청의 비율(0–1)입니다.",
        H::UsersStaticShare => {
            "이미지나 스크립트 같은 정적 콘텐츠 요청의 비율(0–1)입니다. CDN이 맡을 수 있는 \
             몫입니다."
        }
        H::UsersLoginShare => {
            "로그인한 사용자가 보내는 요청의 비율(0–1)입니다. 이 요청에는 세션이 따라옵니다."
        }
        H::UsersKeySpace => "요청이 나뉘어 가는 서로 다른 항목(키)의 수입니다.",
        H::UsersZipfAlpha => {
            "Zipf 알파: 요청이 인기 있는 키에 쏠리는 정도로, 단위가 없습니다. 0이면 고르게 \
             퍼지고, 1이면 대부분이 상위 몇 개 키로 갑니다. 웹 트래픽은 0.6–1.0입니다."
        }
        H::UsersCelebrityKeys => {
            "유명인사 키: 유명인의 프로필처럼 다른 항목보다 훨씬 인기 있는 항목의 수입니다. \
             한 샤드에 몰려 핫스팟 키가 됩니다."
        }
        H::UsersCelebrityShare => {
            "데이터 요청 가운데 유명인사 키로 가는 비율(0–1)입니다. Zipf 분포에 더해집니다."
        }
        H::DnsRouting => {
            "DNS가 답하는 방식입니다. 사용자에게 가장 가까운 정상 대상을 알려 주거나(지리적 \
             라우팅), 대상마다 정한 비율대로 나눕니다."
        }
        H::DnsWeightedShare => {
            "이 대상을 알려 주는 응답의 비율(%)입니다. 합이 100이 되도록 다른 비율이 나머지를 \
             맡습니다."
        }
        H::DnsHealthCheckInterval => "DNS가 각 대상이 살아 있는지 확인하는 간격(초)입니다.",
        H::DnsFailureThreshold => {
            "대상을 응답에서 빼기 전에 연달아 실패해야 하는 헬스 체크 횟수입니다."
        }
        H::DnsRecordTtl => {
            "TTL(유효 기간): 리졸버가 응답을 기억하는 시간(초)입니다. 장애가 나도 사용자는 이 \
             시간 동안 멈춘 데이터 센터로 계속 갑니다."
        }
        H::CdnEdgeCapacity => {
            "엣지 하나가 담는 오브젝트(파일) 수입니다. 넘치는 오브젝트는 원본 서버에서 다시 \
             가져옵니다."
        }
        H::CdnTtl => {
            "TTL(유효 기간): 엣지가 오브젝트를 원본 서버에 다시 묻기 전까지 간직하는 \
             시간(초)입니다."
        }
        H::CdnObjectVersioning => {
            "오브젝트 버저닝: 배포할 때마다 파일에 새 이름을 붙여, 어느 엣지도 옛 사본을 \
             내주지 않습니다."
        }
        H::CdnEdgeRtt => "사용자에게서 가장 가까운 엣지까지의 왕복 시간(ms)입니다.",
        H::LbCapacity => {
            "로드밸런서가 1초에 넘길 수 있는 요청 수(req/s)입니다. 0이면 제한이 없습니다. \
             스스로 규모를 늘리는 관리형 로드밸런서입니다."
        }
        H::LbAlgorithm => {
            "서버를 고르는 방식입니다. 차례대로, 가장 한가한 서버, 무작위, 또는 클라이언트마다 \
             늘 같은 서버(고정 세션)를 고릅니다."
        }
        H::LbHealthCheckInterval => "로드밸런서가 뒤의 각 서버를 확인하는 간격(초)입니다.",
        H::LbFailureThreshold => {
            "서버에 트래픽을 그만 보내기 전에 연달아 실패해야 하는 헬스 체크 횟수입니다."
        }
        H::LbAddedLatency => {
            "로드밸런서가 요청마다 더하는 시간(ms)으로, 데이터 센터 안에서 한 번 건너가는 \
             시간입니다."
        }
        H::InstanceSize => {
            "서버 하나의 크기(vCPU)입니다(수직적 규모 확장). 두 배 크기는 두 배 빠르고 값도 두 \
             배지만, 16 vCPU를 넘으면 빨라지는 폭이 줄어듭니다."
        }
        H::ServiceTimeShape => {
            "처리 시간이 평균을 둘러싸고 흩어지는 모양입니다. 지수 분포는 무작위, 고정값은 늘 \
             평균, 로그 정규 분포는 느린 요청이 길게 꼬리를 끕니다."
        }
        H::LogNormalSigma => {
            "시그마: 로그 정규 분포 처리 시간이 퍼진 정도로, 단위가 없습니다. 0.5이면 p99가 \
             중앙값의 약 세 배이고, 클수록 꼬리가 깁니다."
        }
        H::AutoscalingEnabled => {
            "자동 규모 확장: 실행 중에 부하를 따라 인스턴스를 늘리고 줄입니다."
        }
        H::AutoscalingMin => "자동 규모 확장이 남겨 두는 가장 적은 인스턴스 수입니다.",
        H::AutoscalingMax => "자동 규모 확장이 띄울 수 있는 가장 많은 인스턴스 수입니다.",
        H::AutoscalingCooldown => {
            "휴지 기간: 규모를 한 번 바꾼 뒤 다음에 바꾸기까지 기다리는 시간(초)입니다. \
             늘렸다 줄였다를 되풀이하지 않게 합니다."
        }
        H::LookupOpsPerNode => {
            "노드 하나가 하나씩 차례로 1초에 답하는 조회 수(회/s)입니다. 넘치는 조회는 차례를 \
             기다립니다."
        }
        H::LookupLatency => "같은 데이터 센터의 서버에서 조회 한 번에 드는 왕복 시간(ms)입니다.",
        H::WebInstances => {
            "실행 중인 서버 수입니다(수평적 규모 확장). 자동 규모 확장을 켜면 시작할 때의 \
             수입니다."
        }
        H::WebConcurrency => {
            "서버 하나가 한 번에 처리하는 요청 수(작업 스레드 수)입니다. 넘치는 요청은 \
             대기열에서 기다립니다."
        }
        H::WebServiceMean => "가장 작은 크기(2 vCPU)에서 요청 하나를 처리하는 평균 시간(ms)입니다.",
        H::WebSessions => {
            "세션을 두는 곳입니다. 상태 정보 의존은 각 서버의 메모리에 두어 사용자가 같은 \
             서버로 돌아와야 하고, 무상태는 공유 세션 저장소에 둡니다."
        }
        H::WebTargetUtilization => {
            "자동 규모 확장이 맞추려는 CPU 사용률(0–1)입니다. 넘으면 서버를 늘리고, 한참 \
             밑돌면 줄입니다."
        }
        H::CacheCapacity => {
            "캐시가 담는 키 수입니다. 가득 차면 데이터 방출 정책이 키 하나를 내보냅니다."
        }
        H::CacheReadThrough => {
            "읽기 주도형 캐시: 캐시 미스가 나면 캐시가 직접 키를 읽어 옵니다. 끄면 웹 서버가 \
             데이터베이스를 읽고 그 값을 캐시에 다시 씁니다."
        }
        H::CacheEviction => {
            "데이터 방출 정책: 가득 찬 캐시가 내보낼 키를 고릅니다. LRU는 가장 오래전에 쓴 키, \
             LFU는 가장 적게 쓴 키, FIFO는 가장 먼저 들어온 키입니다."
        }
        H::CacheTtl => {
            "TTL(유효 기간): 키가 만료되기 전까지 남는 시간(초)입니다. 0이면 만료되지 않습니다."
        }
        H::CacheExpiry => {
            "만료 정책: 키의 TTL이 시작되는 때입니다. 쓸 때 한 번 정하거나, 적중할 때마다 \
             다시 시작합니다."
        }
        H::CacheReplicas => {
            "저마다 전체 사본을 가진 노드 수입니다. 마지막 노드를 잃으면 모든 읽기가 \
             데이터베이스로 갑니다."
        }
        H::SessionCapacity => {
            "저장소가 담는 세션 수입니다. 가득 차면 가장 오래전에 쓴 세션을 지우고, 그 \
             사용자는 로그아웃됩니다."
        }
        H::SessionTtl => {
            "쓰지 않은 세션이 만료되기까지의 시간(초)입니다. 만료되면 사용자가 다시 \
             로그인합니다."
        }
        H::SessionReplicas => {
            "저마다 모든 세션을 가진 노드 수입니다. 하나뿐이면 장애 한 번에 모두 \
             로그아웃됩니다."
        }
        H::DbReadReplicas => {
            "주 데이터베이스의 사본으로 읽기를 맡는 부 데이터베이스 수입니다. 쓰기는 주 \
             데이터베이스만 받습니다."
        }
        H::DbConcurrency => {
            "데이터베이스 노드 하나가 한 번에 실행하는 질의 수입니다. 넘치는 질의는 \
             대기열에서 기다립니다."
        }
        H::DbServiceMean => "가장 작은 크기(2 vCPU)에서 질의 하나에 드는 평균 시간(ms)입니다.",
        H::DbReplication => {
            "쓰기가 부 데이터베이스에 닿는 방식입니다. 비동기는 먼저 답해 복제 지연이 생기고 \
             장애 복구 때 쓰기를 잃을 수 있으며, 동기는 부 데이터베이스를 기다립니다."
        }
        H::DbApplyRate => {
            "복제 적용 속도: 부 데이터베이스 하나가 1초에 다시 적용하는 쓰기 수(회/s)입니다. \
             쓰기 속도보다 낮으면 복제 지연이 끝없이 늘어납니다."
        }
        H::DbDetectionInterval => "주 데이터베이스가 살아 있는지 확인하는 간격(초)입니다.",
        H::DbFailureThreshold => {
            "부 데이터베이스를 승격하기 전에 연달아 실패해야 하는 확인 횟수입니다."
        }
        H::DbPromotionTime => {
            "부 데이터베이스를 주 데이터베이스로 승격하는 데 드는 시간(초)입니다. 그동안 \
             쓰기는 실패합니다."
        }
        H::DbNetworkDelay => {
            "주 데이터베이스에서 부 데이터베이스로 쓰기를 보내는 편도 지연(ms)입니다."
        }
        H::StoreServiceMean => "노드 하나에서 읽기나 쓰기 한 번에 드는 평균 시간(ms)입니다.",
        H::NoSqlNodes => "데이터를 나누어 담는 노드 수입니다.",
        H::NoSqlConcurrency => {
            "노드 하나가 한 번에 처리하는 요청 수입니다. 넘치는 요청은 대기열에서 기다립니다."
        }
        H::NoSqlReplicationFactor => {
            "복제 계수: 항목마다 서로 다른 노드에 두는 사본 수입니다(노드 수 이하). 사본이 \
             모두 멈춰야 그 항목을 쓸 수 없게 됩니다."
        }
        H::Shards => "데이터를 나누어 담는 샤드 수입니다. 샤드마다 따로 된 데이터베이스입니다.",
        H::ShardConcurrency => {
            "샤드 하나가 한 번에 실행하는 질의 수입니다. 넘치는 질의는 대기열에서 기다립니다."
        }
        H::ShardingKey => "어느 샤드가 행을 가질지 정하는 열입니다.",
        H::ShardingStrategy => {
            "키를 샤드에 나누는 방식입니다. 나머지 연산은 단순하지만 샤드를 더하면 키 대부분이 \
             옮겨 가고, 안정 해시(해시 링)는 약 1/(N+1)만 옮겨 갑니다."
        }
        H::VirtualNodes => {
            "가상 노드: 샤드마다 해시 링 위에 차지하는 점의 수입니다. 많을수록 키가 샤드에 \
             고르게 퍼집니다."
        }
        H::ReplicasPerShard => {
            "샤드마다 주 데이터베이스 말고 두는 부 데이터베이스 수입니다. 읽기를 맡고, 주 \
             데이터베이스가 멈추면 하나가 승격됩니다."
        }
        H::QueueCapacity => "새 메시지를 거절하기 전까지 큐가 담는 메시지 수입니다.",
        H::QueueDurable => {
            "무손실: 작업 프로세스가 멈추거나 장애가 나도 작업이 남습니다. 끄면 그 작업을 \
             잃습니다."
        }
        H::QueueEnqueueLatency => {
            "작업을 받는 데 드는 시간(ms)입니다. 생산자는 이만큼 기다리고, 작업은 그만큼 늦게 \
             작업 프로세스에 닿습니다."
        }
        H::WorkerInstances => "작업 프로세스 수입니다. 자동 규모 확장을 켜면 시작할 때의 수입니다.",
        H::WorkerConcurrency => "작업 프로세스 하나가 한 번에 실행하는 작업 수입니다.",
        H::WorkerServiceMean => "작업 프로세스 하나에서 작업 하나에 드는 평균 시간(ms)입니다.",
        H::WorkerTargetBacklog => {
            "자동 규모 확장이 맞추려는 작업 프로세스당 대기 작업 수입니다. 더 쌓이면 작업 \
             프로세스를 늘립니다."
        }
        H::SinkScrapeInterval => "연결된 컴포넌트에서 메트릭을 수집하는 간격(초)입니다.",
        H::SinkHostMetrics => {
            "호스트 메트릭: 모든 인스턴스의 CPU, 메모리, 디스크, 네트워크를 모읍니다."
        }
        H::SinkAggregatedMetrics => {
            "집계 메트릭: 연결된 컴포넌트마다 요청 수, 오류율, 응답 지연시간을 모읍니다."
        }
        H::SinkBusinessMetrics => "비즈니스 메트릭: 일간 활성 사용자, 재방문율, 매출을 모읍니다.",
        H::SinkErrorLogs => "오류 로그: 연결된 웹 계층에서 실패한 요청마다 한 줄씩 남깁니다.",
    }
}

/// The unit beside a field.
pub fn unit(u: Unit) -> &'static str {
    match u {
        Unit::Ms => "ms",
        Unit::Seconds => "초",
        Unit::Rps => "req/s",
        Unit::RpsOrNoLimit => "req/s, 0: 제한 없음",
        Unit::PerSecond => "회/초",
        Unit::Fraction => "0–1",
        Unit::Percent => "%",
    }
}

/// The Korean of one choice `value` of the field whose serde key is `key`.
pub fn choice_word(key: &str, value: &str) -> Option<String> {
    let word = match (key, value) {
        ("algorithm", "round_robin") => "라운드 로빈",
        ("algorithm", "least_connections") => "최소 연결",
        ("algorithm", "random") => "무작위",
        ("algorithm", "sticky_by_client") => "고정 세션(클라이언트별)",
        ("sessions", "stateful") => "상태 정보 의존",
        ("sessions", "stateless") => "무상태",
        ("eviction", "lru") => "LRU",
        ("eviction", "lfu") => "LFU",
        ("eviction", "fifo") => "FIFO",
        ("expiry", "set_on_write") => "쓸 때 설정",
        ("expiry", "refresh_on_hit") => "적중 시 갱신",
        ("replication", "async") => "비동기",
        ("replication", "sync") => "동기",
        ("service_time", "exponential") => "지수 분포",
        ("service_time", "deterministic") => "고정값",
        ("service_time", "log_normal") => "로그 정규 분포",
        ("load", "rate") => "초당 요청 수",
        ("load", "active_users") => "활성 사용자",
        ("routing", "nearest") => "가장 가까운 지역",
        ("routing", "weighted") => "가중치 분배",
        ("strategy", "modulo") => "나머지 연산",
        ("strategy", "consistent_hashing") => "안정 해시",
        ("region", region) => {
            let r = crate::model::Region::ALL.into_iter().find(|r| {
                serde_json::to_value(r)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .as_deref()
                    == Some(region)
            })?;
            return Some(say::region_name(Lang::Ko, r).to_string());
        }
        ("instance_size", size) => {
            let s = crate::model::config::InstanceSize::ALL
                .into_iter()
                .find(|s| {
                    serde_json::to_value(s)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .as_deref()
                        == Some(size)
                })?;
            return Some(say::instance_size(Lang::Ko, s).to_string());
        }
        _ => return None,
    };
    Some(word.to_string())
}

/// A choice's label, as the form lists it.
pub fn choice_label(field: &Field, value: &str) -> String {
    let key = field.name.keys.last().map_or("", String::as_str);
    choice_word(key, value).unwrap_or_else(|| "알 수 없는 값".to_string())
}

fn share_refusal(why: &ShareRefusal) -> String {
    match why {
        ShareRefusal::PercentOutOfRange(v) => {
            format!("0에서 100% 사이여야 합니다(입력: {v}%)")
        }
        ShareRefusal::PercentsOverflow(total) => {
            format!("남는 몫이 없습니다: 비율의 합이 {total}%가 되어 100%를 넘습니다")
        }
        ShareRefusal::NotADnsTarget => "이 DNS의 대상이 아닙니다".into(),
        ShareRefusal::FractionOutOfRange(v) => {
            format!("0에서 1 사이여야 합니다(입력: {})", Shortest(*v))
        }
        ShareRefusal::MixOverflow { kept_share, kept } => format!(
            "남는 몫이 없습니다: {}이(가) {}이므로 합이 1을 넘습니다",
            key_word(kept_share).unwrap_or("다른 비율"),
            Shortest(*kept)
        ),
    }
}

/// Why a typed value was not applied.
pub fn field_refusal(r: &FieldRefusal) -> String {
    finish(match r {
        FieldRefusal::NoSuchSetting { .. } => "이 컴포넌트에는 그런 설정이 없습니다".into(),
        FieldRefusal::NotWholeNumber { field, raw } => format!(
            "{}에는 0 이상의 정수를 넣어야 합니다(입력: “{raw}”)",
            field_label(field)
        ),
        FieldRefusal::Empty { field } => format!("{}에 숫자를 넣어야 합니다", field_label(field)),
        FieldRefusal::WholeOutOfRange {
            field,
            raw,
            min,
            max,
        } => format!(
            "{}에는 {}에서 {} 사이의 정수를 넣어야 합니다(입력: “{raw}”)",
            field_label(field),
            crate::present::format::grouped(*min),
            crate::present::format::grouped(*max)
        ),
        FieldRefusal::NotNumber { field, raw } => {
            format!(
                "{}에는 숫자를 넣어야 합니다(입력: “{raw}”)",
                field_label(field)
            )
        }
        FieldRefusal::NotOnOff { field } => {
            format!("{}은(는) 켜거나 끄기만 할 수 있습니다", field_label(field))
        }
        FieldRefusal::NotAChoice { field, raw } => {
            format!("{}에는 “{raw}” 값을 고를 수 없습니다", field_label(field))
        }
        FieldRefusal::Share { field, why } => {
            format!("{}: {}", field_label(field), share_refusal(why))
        }
        FieldRefusal::Check { field, error } => {
            say::setting_refused(Lang::Ko, &field_label(field), error)
        }
    })
}

/// A whole number of seconds in the largest unit that divides it: "1일", "1시간", "90초".
pub(crate) fn duration_ko(seconds: u32) -> String {
    let (n, unit) = duration(seconds);
    let unit = match unit {
        DurationUnit::Day => "일",
        DurationUnit::Hour => "시간",
        DurationUnit::Second => "초",
    };
    format!("{n}{unit}")
}

/// A figure for a card, grouped as Korean readers group it: 5,000, 2.5만, 1.2억.
fn compact(v: f64) -> String {
    if v >= 1e4 {
        format_value_ko(v)
    } else if v.fract() == 0.0 {
        count(v as u64)
    } else {
        Fixed(v, 1).to_string()
    }
}

/// The key settings of a component in a few words, for its card ("서버 3대 · 무상태").
pub fn summary(config: &ComponentConfig) -> String {
    let scaled = |on: bool| if on { " · 자동 규모 확장" } else { "" };
    match config {
        ComponentConfig::Users(c) => format!(
            "{} req/s 전송 · {}",
            compact(c.load.rate_rps()),
            say::region_name(Lang::Ko, c.region)
        ),
        ComponentConfig::Dns(c) => {
            let routing = match c.routing {
                DnsRouting::Nearest => "가까운 지역",
                DnsRouting::Weighted { .. } => "가중치 분배",
            };
            format!("TTL {}초 · {routing}", c.record_ttl_s)
        }
        ComponentConfig::Cdn(c) => format!(
            "오브젝트 {}개 · TTL {}",
            compact(c.edge_capacity_objects as f64),
            duration_ko(c.ttl_s)
        ),
        ComponentConfig::LoadBalancer(c) => {
            let algorithm = match c.algorithm {
                LbAlgorithm::RoundRobin => "라운드 로빈",
                LbAlgorithm::LeastConnections => "최소 연결",
                LbAlgorithm::Random => "무작위",
                LbAlgorithm::StickyByClient => "고정 세션",
            };
            match c.capacity_rps {
                0 => format!("{algorithm} · 헬스 체크 {}초", c.health_check_interval_s),
                cap => format!("{algorithm} · ≤ {} req/s", compact(cap as f64)),
            }
        }
        ComponentConfig::WebServers(c) => {
            let sessions = match c.sessions {
                SessionMode::Stateful => "상태 정보 의존",
                SessionMode::Stateless => "무상태",
            };
            // Servers counted short, as in English, so the sessions survive the cut beside the
            // port names.
            format!(
                "서버 {}대 · {sessions}{}",
                c.instances,
                scaled(c.autoscaling.enabled)
            )
        }
        ComponentConfig::Cache(c) => {
            let eviction = match c.eviction {
                Eviction::Lru => "LRU",
                Eviction::Lfu => "LFU",
                Eviction::Fifo => "FIFO",
            };
            format!("{eviction} · 키 {}개", compact(c.capacity_keys as f64))
        }
        ComponentConfig::SessionStore(c) => format!(
            "세션 {}개 · 사본 {}개",
            compact(c.capacity_sessions as f64),
            c.replicas
        ),
        ComponentConfig::Database(c) => {
            let mode = match c.replication {
                Replication::Async => "비동기",
                Replication::Sync => "동기",
            };
            if c.read_replicas == 0 {
                "주 데이터베이스만".to_string()
            } else {
                format!("주 + 부 {}개 · {mode} 복제", c.read_replicas)
            }
        }
        ComponentConfig::NoSql(c) => format!("노드 {}개 · RF {}", c.nodes, c.replication_factor),
        ComponentConfig::ShardedDatabase(c) => {
            let strategy = match c.strategy {
                ShardingStrategy::Modulo => "나머지 연산",
                ShardingStrategy::ConsistentHashing { .. } => "안정 해시",
            };
            format!("샤드 {}개 · 키 {} · {strategy}", c.shards, c.sharding_key)
        }
        ComponentConfig::MessageQueue(c) => format!(
            "메시지 {}개 · {}",
            compact(c.capacity_messages as f64),
            if c.durable { "무손실" } else { "메모리" }
        ),
        ComponentConfig::Workers(c) => format!(
            "작업 프로세스 {}개{}",
            c.instances,
            scaled(c.autoscaling.enabled)
        ),
        ComponentConfig::MetricsSink(c) => format!("{}초마다 수집", c.scrape_interval_s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::form::{FieldContext, FieldInput, apply_field_in, fields_in};
    use crate::model::{ComponentId, ComponentKind};
    use crate::present::text::korean_check::foreign_words;

    /// Every config a form can reach from a kind's default by switching choices, with a DNS
    /// context of two targets (so the weighted split has shares).
    fn reachable() -> Vec<(ComponentConfig, FieldContext)> {
        let ctx = FieldContext {
            dns_targets: vec![
                (ComponentId(2), "동부".into()),
                (ComponentId(3), "서부".into()),
            ],
        };
        crate::editor::form::reachable_configs(&ctx)
    }

    /// Latin words that come from data: the default sharding key, a column name (`user_id`).
    fn allowed_elsewhere() -> Vec<String> {
        vec!["user".to_string(), "id".to_string()]
    }

    fn assert_korean(text: &str, elsewhere: &[String]) {
        let own: Vec<String> = foreign_words(text)
            .into_iter()
            .filter(|w| !elsewhere.contains(w))
            .collect();
        assert!(own.is_empty(), "{text:?} has {own:?}");
    }

    #[test]
    fn a_cdn_card_says_its_ttl_in_korean_units() {
        let ttl = |ttl_s| {
            let c = crate::model::config::CdnConfig {
                ttl_s,
                ..Default::default()
            };
            summary(&ComponentConfig::Cdn(c))
        };
        assert!(ttl(86_400).ends_with("TTL 1일"), "{}", ttl(86_400));
        assert!(ttl(7_200).ends_with("TTL 2시간"));
        assert!(ttl(90).ends_with("TTL 90초"));
    }

    #[test]
    fn every_field_label_unit_and_choice_is_worded_in_korean() {
        let elsewhere = allowed_elsewhere();
        let mut shares = 0;
        for (config, ctx) in reachable() {
            for field in fields_in(&config, &ctx) {
                for key in &field.name.keys {
                    assert!(key_word(key).is_some(), "no Korean for key “{key}”");
                }
                shares += usize::from(field.name.share_of.is_some());
                let label = say::field_label(Lang::Ko, &field.name);
                assert_korean(&label, &elsewhere);
                let help = say::field_help(Lang::Ko, &field).expect("every field has help");
                assert_korean(help, &[]);
                assert!(help.ends_with("니다."), "not a polite sentence: {help}");
                assert_korean(say::field_group(Lang::Ko, field.group), &[]);
                if let Some(u) = field.measure {
                    assert_korean(say::field_unit(Lang::Ko, u), &elsewhere);
                }
                if let FieldInput::Choice { options, .. } = &field.input {
                    let key = field.name.keys.last().unwrap();
                    for value in options {
                        assert!(
                            choice_word(key, value).is_some(),
                            "no Korean for {key} = {value}"
                        );
                        assert_korean(&say::choice_label(Lang::Ko, &field, value), &elsewhere);
                    }
                }
            }
            assert_korean(&say::summary(Lang::Ko, &config), &elsewhere);
        }
        assert!(shares >= 2, "the weighted split's shares were not reached");
    }

    #[test]
    fn refusals_name_the_field_in_korean() {
        let elsewhere = allowed_elsewhere();
        let web = ComponentKind::WebServers.default_config();
        let ctx = FieldContext::default();
        let refusal = |path: &str, raw: &str| {
            let r = apply_field_in(&web, &ctx, path, raw).unwrap_err();
            say::field_refusal(Lang::Ko, &r)
        };
        let text = refusal("instances", "-5");
        assert_eq!(
            text,
            "인스턴스 수에는 1에서 10,000 사이의 정수를 넣어야 합니다(입력: “-5”)"
        );
        // Words where a number belongs get the field's own range, as "-5" does.
        assert_eq!(
            refusal("instances", "여러 개"),
            "인스턴스 수에는 1에서 10,000 사이의 정수를 넣어야 합니다(입력: “여러 개”)"
        );
        let mean = refusal("service_time.exponential.mean_ms", "빠르게");
        assert!(mean.starts_with("처리 시간 · 평균에는 숫자를"), "{mean}");
        let users = ComponentKind::Users.default_config();
        let over = apply_field_in(&users, &ctx, "read_share", "2").unwrap_err();
        let over = say::field_refusal(Lang::Ko, &over);
        assert!(over.starts_with("읽기 비율: 0에서 1 사이여야"), "{over}");
        for text in [text, mean, over, refusal("no_such", "1")] {
            assert_korean(&text, &elsewhere);
        }
        let mut web3 = web.clone();
        if let ComponentConfig::WebServers(c) = &mut web3 {
            c.instances = 3;
            c.sessions = SessionMode::Stateless;
        }
        assert_eq!(say::summary(Lang::Ko, &web3), "서버 3대 · 무상태");
        let mut cache = ComponentKind::Cache.default_config();
        if let ComponentConfig::Cache(c) = &mut cache {
            c.capacity_keys = 25_000;
        }
        assert_eq!(say::summary(Lang::Ko, &cache), "LRU · 키 2.5만개");
    }
}
