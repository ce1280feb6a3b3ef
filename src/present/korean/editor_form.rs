//! The inspector's form and the cards' summaries in Korean: the word of every serde key a
//! form shows, units, choices, refusals of a typed value, and a card's key settings.

use crate::editor::form::{
    Field, FieldName, FieldRefusal, ShareRefusal, ShareTarget, Unit, duration,
};
use crate::model::config::{
    ComponentConfig, DnsRouting, Eviction, LbAlgorithm, Replication, SessionMode, ShardingStrategy,
};
use crate::present::korean::grammar::{Particle, count, with};
use crate::present::lang::Lang;
use crate::present::say;

/// The Korean word of one serde key of a component's settings, `None` for a key the form
/// never shows.
pub fn key_word(key: &str) -> Option<&'static str> {
    Some(match key {
        "added_latency_ms" => "추가 지연시간",
        "aggregated_metrics" => "집계 메트릭",
        "algorithm" => "분산 방식",
        "apply_rate_per_s" => "복제 적용 속도",
        "autoscaling" => "자동 규모 확장",
        "cooldown_s" => "휴지 기간",
        "enabled" => "사용",
        "max_instances" => "최대 인스턴스 수",
        "min_instances" => "최소 인스턴스 수",
        "target_backlog_per_instance" => "인스턴스당 목표 대기 작업 수",
        "target_utilization" => "목표 사용률",
        "business_metrics" => "비즈니스 메트릭",
        "capacity_keys" => "키 용량",
        "capacity_messages" => "메시지 용량",
        "capacity_rps" => "처리 용량",
        "capacity_sessions" => "세션 용량",
        "celebrity_keys" => "유명인사 키 수",
        "celebrity_share" => "유명인사 키 비율",
        "concurrency_per_instance" => "인스턴스당 동시 처리 수",
        "concurrency_per_node" => "노드당 동시 처리 수",
        "concurrency_per_shard" => "샤드당 동시 처리 수",
        "durable" => "무손실",
        "edge_capacity_objects" => "엣지 오브젝트 용량",
        "edge_rtt_ms" => "엣지 왕복 시간",
        "enqueue_latency_ms" => "큐 적재 지연시간",
        "error_logs" => "오류 로그",
        "eviction" => "데이터 방출 정책",
        "expiry" => "만료 정책",
        "failover" => "장애 복구",
        "detection_interval_s" => "감지 간격",
        "failure_threshold" => "장애 판정 횟수",
        "promotion_time_s" => "승격 시간",
        "get_latency_ms" => "조회 지연시간",
        "health_check_interval_s" => "헬스 체크 간격",
        "host_metrics" => "호스트 메트릭",
        "instance_size" => "인스턴스 크기",
        "instances" => "인스턴스 수",
        "key_space" => "키 공간",
        "load" => "부하",
        "active_users" => "활성 사용자 수",
        "requests_per_user_per_s" => "사용자당 초당 요청 수",
        "rate_rps" => "초당 요청 수",
        "login_session_share" => "로그인한 사용자의 요청 비율",
        "network_delay_ms" => "네트워크 지연",
        "nodes" => "노드 수",
        "object_versioning" => "오브젝트 버저닝",
        "ops_per_node_per_s" => "노드당 처리량",
        "read_replicas" => "부 데이터베이스 수",
        "read_share" => "읽기 비율",
        "read_through" => "읽기 주도형 캐시",
        "record_ttl_s" => "레코드 TTL",
        "region" => "지역",
        "replicas" => "사본 수",
        "replicas_per_shard" => "샤드당 부 데이터베이스 수",
        "replication" => "복제 방식",
        "replication_factor" => "복제 계수",
        "routing" => "라우팅",
        "scrape_interval_s" => "수집 간격",
        "service_time" => "처리 시간",
        "mean_ms" => "평균",
        "sigma" => "시그마",
        "session_ttl_s" => "세션 TTL",
        "sessions" => "세션",
        "sharding_key" => "샤딩 키",
        "shards" => "샤드 수",
        "static_share" => "정적 콘텐츠 비율",
        "strategy" => "샤딩 방식",
        "virtual_nodes" => "가상 노드 수",
        "ttl_s" => "TTL",
        "write_share" => "쓰기 비율",
        "zipf_alpha" => "Zipf 알파",
        "percent" => "비율",
        _ => return None,
    })
}

/// "처리 시간 · 평균", "라우팅 · 동부로 보내는 비율".
pub fn field_label(name: &FieldName) -> String {
    let words: Vec<&str> = name
        .keys
        .iter()
        .map(|k| key_word(k).unwrap_or("설정"))
        .collect();
    let label = words.join(" · ");
    match &name.share_of {
        Some(target) => format!(
            "{label} · {} 보내는 비율",
            with(&share_target(target), Particle::EuroRo)
        ),
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

/// The unit beside a field.
pub fn unit(u: Unit) -> &'static str {
    match u {
        Unit::Ms => "ms",
        Unit::Seconds => "s",
        Unit::Rps => "req/s",
        Unit::RpsOrNoLimit => "req/s, 0: 제한 없음",
        Unit::PerSecond => "회/s",
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
            format!("0에서 100 % 사이여야 합니다(입력: {v} %)")
        }
        ShareRefusal::PercentsOverflow(total) => {
            format!("남는 몫이 없습니다: 비율의 합이 {total} %가 되어 100 %를 넘습니다")
        }
        ShareRefusal::NotADnsTarget => "이 DNS의 대상이 아닙니다".into(),
        ShareRefusal::FractionOutOfRange(v) => format!("0에서 1 사이여야 합니다(입력: {v})"),
        ShareRefusal::MixOverflow { kept_share, kept } => format!(
            "남는 몫이 없습니다: {} {kept}이므로 합이 1을 넘습니다",
            with(key_word(kept_share).unwrap_or("다른 비율"), Particle::IGa)
        ),
    }
}

/// Why a typed value was not applied.
pub fn field_refusal(r: &FieldRefusal) -> String {
    match r {
        FieldRefusal::NoSuchSetting { .. } => "이 컴포넌트에는 그런 설정이 없습니다".into(),
        FieldRefusal::NotEditable => "이 컴포넌트의 설정은 고칠 수 없습니다".into(),
        FieldRefusal::NotWholeNumber { field, raw } => format!(
            "{}에는 0 이상의 정수를 넣어야 합니다(입력: “{raw}”)",
            field_label(field)
        ),
        FieldRefusal::NotNumber { field, raw } => {
            format!(
                "{}에는 숫자를 넣어야 합니다(입력: “{raw}”)",
                field_label(field)
            )
        }
        FieldRefusal::NotOnOff { field } => format!(
            "{} 켜거나 끄기만 할 수 있습니다",
            with(&field_label(field), Particle::EunNeun)
        ),
        FieldRefusal::NotAChoice { field, raw } => {
            format!("{}에는 “{raw}” 값을 고를 수 없습니다", field_label(field))
        }
        FieldRefusal::Share { field, why } => {
            format!("{}: {}", field_label(field), share_refusal(why))
        }
        FieldRefusal::Check { field, error } => {
            say::setting_refused(Lang::Ko, &field_label(field), error)
        }
    }
}

/// A figure for a card, grouped as Korean readers group it: 5,000, 2.5만, 1.2억.
fn compact(v: f64) -> String {
    let (scaled, unit) = if v >= 1e8 {
        (v / 1e8, "억")
    } else if v >= 1e4 {
        (v / 1e4, "만")
    } else if v.fract() == 0.0 {
        return count(v as u64);
    } else {
        return format!("{v:.1}");
    };
    let rounded = (scaled * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}{unit}")
    } else {
        format!("{rounded:.1}{unit}")
    }
}

/// The key settings of a component in a few words, for its card ("인스턴스 3개 · 무상태").
pub fn summary(config: &ComponentConfig) -> String {
    let scaled = |on: bool| if on { " · 자동 규모 확장" } else { "" };
    match config {
        ComponentConfig::Users(c) => format!(
            "{} req/s · {}",
            compact(c.load.rate_rps()),
            say::region_name(Lang::Ko, c.region)
        ),
        ComponentConfig::Dns(c) => {
            let routing = match c.routing {
                DnsRouting::Nearest => "가까운 지역",
                DnsRouting::Weighted { .. } => "가중치 분배",
            };
            format!("TTL {} s · {routing}", c.record_ttl_s)
        }
        ComponentConfig::Cdn(c) => format!(
            "오브젝트 {}개 · TTL {}",
            compact(c.edge_capacity_objects as f64),
            duration(c.ttl_s)
        ),
        ComponentConfig::LoadBalancer(c) => {
            let algorithm = match c.algorithm {
                LbAlgorithm::RoundRobin => "라운드 로빈",
                LbAlgorithm::LeastConnections => "최소 연결",
                LbAlgorithm::Random => "무작위",
                LbAlgorithm::StickyByClient => "고정 세션",
            };
            match c.capacity_rps {
                0 => format!("{algorithm} · 헬스 체크 {} s", c.health_check_interval_s),
                cap => format!("{algorithm} · ≤ {} req/s", compact(cap as f64)),
            }
        }
        ComponentConfig::WebServers(c) => {
            let sessions = match c.sessions {
                SessionMode::Stateful => "상태 정보 의존",
                SessionMode::Stateless => "무상태",
            };
            format!(
                "인스턴스 {}개 · {sessions}{}",
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
        ComponentConfig::MetricsSink(c) => format!("{} s마다 수집", c.scrape_interval_s),
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
        let mut out: Vec<(ComponentConfig, FieldContext)> = Vec::new();
        let mut stack: Vec<ComponentConfig> = ComponentKind::ALL
            .iter()
            .map(|k| k.default_config())
            .collect();
        while let Some(config) = stack.pop() {
            if out.iter().any(|(c, _)| *c == config) {
                continue;
            }
            for field in fields_in(&config, &ctx) {
                if let FieldInput::Choice { options, .. } = &field.input {
                    for value in options {
                        if let Ok(next) = apply_field_in(&config, &ctx, &field.path, value) {
                            stack.push(next);
                        }
                    }
                }
            }
            out.push((config, ctx.clone()));
        }
        out
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
    fn every_field_label_unit_and_choice_is_worded_in_korean() {
        let elsewhere = allowed_elsewhere();
        let mut shares = 0;
        for (config, ctx) in reachable() {
            for field in fields_in(&config, &ctx) {
                for key in &field.name.keys {
                    assert!(key_word(key).is_some(), "no Korean for key `{key}`");
                }
                shares += usize::from(field.name.share_of.is_some());
                let label = say::field_label(Lang::Ko, &field.name);
                assert_korean(&label, &elsewhere);
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
            "인스턴스 수에는 0 이상의 정수를 넣어야 합니다(입력: “-5”)"
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
        assert_eq!(say::summary(Lang::Ko, &web3), "인스턴스 3개 · 무상태");
        let mut cache = ComponentKind::Cache.default_config();
        if let ComponentConfig::Cache(c) = &mut cache {
            c.capacity_keys = 25_000;
        }
        assert_eq!(say::summary(Lang::Ko, &cache), "LRU · 키 2.5만개");
    }
}
