//! Every setting the inspector offers changes the run. The fields come from the editor's own
//! list ([`form::fields_in`], the one the inspector draws), so a new setting is covered without
//! touching this file; each is perturbed through [`form::apply_field_in`] (the inspector's own
//! edit path) to a value it accepts that differs meaningfully (a number doubled, a switch
//! flipped, another choice), on a small diagram where that kind carries traffic, and the run's
//! [`MetricsSnapshot::summary`](scalelab::sim::MetricsSnapshot::summary) must differ from the
//! unperturbed run's.
//!
//! Settings that act only under a condition (a fault, autoscaling on, a TTL short enough to
//! expire within the run, a capacity small enough to bind) are run with that condition set up
//! in both runs: [`condition`] is that table. Settings that are deliberately cosmetic are
//! listed, with their reason, in [`COSMETIC`]; settings found to change nothing although they
//! should are listed in [`KNOWN_INERT`] with the defect (so the sweep names them rather than
//! hiding them). This file does not check the size or direction of an effect: each kind's own
//! tests do that.

use scalelab::editor::form::{self, FieldContext, FieldInput};
use scalelab::model::{
    ComponentId, ComponentKind as K, Diagram, Fault, FaultAction, FaultTarget, OutPort as O,
};
use scalelab::present::lang::Lang;
use scalelab::present::say;
use scalelab::sim::{RunConfig, build};

use super::{builder, finish, users};

/// Fields that change nothing in a run on purpose: `(kind, path, reason)`.
const COSMETIC: &[(K, &str, &str)] = &[
    (
        K::ShardedDatabase,
        "sharding_key",
        "names the key the shards are split by, for the card and the review; the simulated \
         requests carry one abstract key, whatever it is called",
    ),
    (
        K::Users,
        "load",
        "chooses how the load is entered (a fixed rate, or active users x requests each); \
         switching carries the total rate over by design, so the run is the same; the numbers \
         of each form are swept as their own fields",
    ),
];

/// Fields this sweep found to change nothing although the inspector offers them as acting:
/// `(kind, path, the defect)`. Each entry is a defect to fix in the engine, not a pass.
const KNOWN_INERT: &[(K, &str, &str)] = &[];

/// Settings applied to both runs before the perturbation: `(on which kind, or the perturbed
/// component's own when `None`; path; value)`.
type Enabling = &'static [(Option<K>, &'static str, &'static str)];

/// Workers slow enough that the queue in front of them backs up (1 instance x 1 slot x 1 s =
/// 1 job/s against the web tier's job rate).
const SLOW_WORKERS: [(Option<K>, &str, &str); 3] = [
    (Some(K::Workers), "instances", "1"),
    (Some(K::Workers), "concurrency_per_instance", "1"),
    (Some(K::Workers), "service_time.exponential.mean_ms", "1000"),
];

/// What a run of the sweep needs around the perturbed setting.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Condition {
    /// The base diagram as it is.
    None,
    /// The component of kind `of` (the perturbed one when `None`) fails at 5 s (and, for
    /// `restore`, comes back at 12 s).
    FailAt5 { of: Option<K>, restore: bool },
    /// A CDN asset deploy at 5 s.
    DeployAt5,
}

/// The condition a field acts under, and the settings that let it act within the run: `(kind,
/// path prefix, condition, settings applied to both runs before the perturbation)`.
const CONDITIONS: &[(K, &str, Condition, Enabling)] = &[
    (
        K::Database,
        "failover.",
        Condition::FailAt5 {
            of: None,
            restore: false,
        },
        &[
            (None, "read_replicas", "1"),
            (None, "failover.detection_interval_s", "1"),
            (None, "failover.failure_threshold", "2"),
            (None, "failover.promotion_time_s", "4"),
        ],
    ),
    (
        K::Database,
        "apply_rate_per_s",
        Condition::None,
        &[
            (None, "read_replicas", "1"),
            (None, "apply_rate_per_s", "20"),
        ],
    ),
    (
        K::Database,
        "network_delay_ms",
        Condition::None,
        &[(None, "read_replicas", "1")],
    ),
    (
        K::Database,
        "replication",
        Condition::None,
        &[(None, "read_replicas", "1")],
    ),
    (
        K::Dns,
        "",
        Condition::FailAt5 {
            of: Some(K::LoadBalancer),
            restore: false,
        },
        &[
            (None, "health_check_interval_s", "2"),
            (None, "failure_threshold", "2"),
            (None, "record_ttl_s", "4"),
        ],
    ),
    (
        K::LoadBalancer,
        "health_check_interval_s",
        Condition::FailAt5 {
            of: Some(K::WebServers),
            restore: false,
        },
        &[
            (None, "health_check_interval_s", "2"),
            (None, "failure_threshold", "2"),
        ],
    ),
    (
        K::LoadBalancer,
        "failure_threshold",
        Condition::FailAt5 {
            of: Some(K::WebServers),
            restore: false,
        },
        &[
            (None, "health_check_interval_s", "2"),
            (None, "failure_threshold", "2"),
        ],
    ),
    (
        K::WebServers,
        "autoscaling.max_instances",
        Condition::None,
        &[
            (None, "autoscaling.enabled", "true"),
            (None, "autoscaling.cooldown_s", "4"),
            (None, "autoscaling.min_instances", "1"),
            (None, "autoscaling.max_instances", "2"),
            (None, "autoscaling.target_utilization", "0.05"),
            (None, "instances", "1"),
        ],
    ),
    (
        K::WebServers,
        "autoscaling.min_instances",
        Condition::None,
        &[
            (None, "autoscaling.enabled", "true"),
            (None, "autoscaling.cooldown_s", "4"),
            (None, "autoscaling.min_instances", "1"),
            (None, "autoscaling.target_utilization", "0.9"),
            (None, "instances", "4"),
        ],
    ),
    (
        K::WebServers,
        "autoscaling.",
        Condition::None,
        &[
            (None, "autoscaling.enabled", "true"),
            (None, "autoscaling.cooldown_s", "4"),
            (None, "autoscaling.min_instances", "1"),
            (None, "autoscaling.max_instances", "3"),
            (None, "autoscaling.target_utilization", "0.2"),
            (None, "instances", "1"),
        ],
    ),
    (
        K::Workers,
        "autoscaling.max_instances",
        Condition::None,
        &[
            (None, "autoscaling.enabled", "true"),
            (None, "autoscaling.cooldown_s", "4"),
            (None, "autoscaling.target_backlog_per_instance", "5"),
            (None, "autoscaling.max_instances", "2"),
            (None, "instances", "1"),
            (None, "concurrency_per_instance", "1"),
            (None, "service_time.exponential.mean_ms", "1000"),
        ],
    ),
    (
        K::Workers,
        "autoscaling.min_instances",
        Condition::None,
        &[
            (None, "autoscaling.enabled", "true"),
            (None, "autoscaling.cooldown_s", "4"),
            (None, "autoscaling.min_instances", "1"),
            (None, "instances", "4"),
        ],
    ),
    (
        K::Workers,
        "autoscaling.",
        Condition::None,
        &[
            (None, "autoscaling.enabled", "true"),
            (None, "autoscaling.cooldown_s", "4"),
            (None, "autoscaling.target_backlog_per_instance", "5"),
            (None, "instances", "1"),
            (None, "concurrency_per_instance", "1"),
            (None, "service_time.exponential.mean_ms", "1000"),
        ],
    ),
    (K::Cache, "ttl_s", Condition::None, &[(None, "ttl_s", "3")]),
    (K::Cache, "expiry", Condition::None, &[(None, "ttl_s", "3")]),
    (K::Cdn, "ttl_s", Condition::None, &[(None, "ttl_s", "3")]),
    (
        K::Cdn,
        "edge_capacity_objects",
        Condition::None,
        &[(None, "edge_capacity_objects", "50")],
    ),
    (K::Cdn, "object_versioning", Condition::DeployAt5, &[]),
    (
        K::SessionStore,
        "session_ttl_s",
        Condition::None,
        &[(None, "session_ttl_s", "3")],
    ),
    (
        K::SessionStore,
        "capacity_sessions",
        Condition::None,
        &[(None, "capacity_sessions", "50")],
    ),
    (
        K::MessageQueue,
        "capacity_messages",
        Condition::None,
        &[
            (None, "capacity_messages", "20"),
            SLOW_WORKERS[0],
            SLOW_WORKERS[1],
            SLOW_WORKERS[2],
        ],
    ),
    (
        K::MessageQueue,
        "durable",
        Condition::FailAt5 {
            of: Some(K::Workers),
            restore: true,
        },
        &SLOW_WORKERS,
    ),
    (
        K::MetricsSink,
        "error_logs",
        Condition::FailAt5 {
            of: Some(K::Cache),
            restore: false,
        },
        &[],
    ),
    (
        K::ShardedDatabase,
        "replicas_per_shard",
        Condition::FailAt5 {
            of: None,
            restore: false,
        },
        &[],
    ),
    (
        K::Users,
        "celebrity_share",
        Condition::None,
        &[
            (None, "celebrity_keys", "10"),
            (None, "celebrity_share", "0.2"),
        ],
    ),
];

/// The condition and the enabling settings of `kind`'s field `path`.
fn condition(kind: K, path: &str) -> (Condition, Enabling) {
    CONDITIONS
        .iter()
        .find(|(k, prefix, _, _)| *k == kind && path.starts_with(prefix))
        .map_or((Condition::None, &[]), |(_, _, c, s)| (*c, *s))
}

/// Users -> DNS -> two balancers -> two web tiers (static via a CDN whose origin is the first
/// balancer); the first web tier reads through a cache into `store`, keeps sessions in a
/// session store, publishes jobs to a queue consumed by workers and logs to a metrics sink.
/// Returns the diagram and the component of each kind the sweep perturbs.
fn base(store: K) -> (Diagram, Vec<(K, ComponentId)>) {
    let mut b = builder(19);
    let us = b.add(K::Users).configure(users(150.0, 0.6, 0.15, 0.5)).id();
    let dns = b.add(K::Dns).id();
    let cdn = b.add(K::Cdn).id();
    // The balancers stand in two regions, so the users' region and the DNS policy choose.
    let na = b.group(scalelab::model::Region::NorthAmerica).id();
    let eu = b.group(scalelab::model::Region::Europe).id();
    let lb = b.add(K::LoadBalancer).group(na).id();
    let lb2 = b.add(K::LoadBalancer).group(eu).id();
    let stateless = |c: &mut scalelab::model::ComponentConfig| {
        if let scalelab::model::ComponentConfig::WebServers(w) = c {
            w.sessions = scalelab::model::config::SessionMode::Stateless;
        }
    };
    let web = b.add(K::WebServers).configure(stateless).id();
    let web2 = b.add(K::WebServers).configure(stateless).id();
    let cache = b.add(K::Cache).id();
    let db = b.add(store).id();
    let sessions = b.add(K::SessionStore).id();
    let mq = b.add(K::MessageQueue).id();
    let workers = b.add(K::Workers).id();
    let sink = b.add(K::MetricsSink).id();
    b.wire(us, O::Dynamic, dns);
    b.wire(us, O::Static, cdn);
    b.wire(dns, O::Resolve, lb);
    b.wire(dns, O::Resolve, lb2);
    b.wire(cdn, O::Origin, lb);
    b.wire(lb, O::Backends, web);
    b.wire(lb, O::Backends, web2);
    b.wire(lb2, O::Backends, web2);
    b.wire(web, O::Data, cache);
    b.wire(web2, O::Data, cache);
    b.wire(cache, O::Miss, db);
    b.wire(web, O::Sessions, sessions);
    b.wire(web2, O::Sessions, sessions);
    b.wire(web, O::Jobs, mq);
    b.wire(mq, O::Consumers, workers);
    b.wire(web, O::Logs, sink);
    b.wire(web2, O::Logs, sink);
    let mut d = finish(b);
    d.scenario.duration_s = 40;
    let perturbed = vec![
        (K::Users, us),
        (K::Dns, dns),
        (K::Cdn, cdn),
        (K::LoadBalancer, lb),
        (K::WebServers, web),
        (K::Cache, cache),
        (store, db),
        (K::SessionStore, sessions),
        (K::MessageQueue, mq),
        (K::Workers, workers),
        (K::MetricsSink, sink),
    ];
    (d, perturbed)
}

/// Sets `path` of component `id` to `raw` through the inspector's edit path; or why not, in
/// English.
fn set(d: &mut Diagram, id: ComponentId, path: &str, raw: &str) -> Result<(), String> {
    let ctx = FieldContext::of(d, id);
    let component = d
        .component_mut(id)
        .expect("the component is in the diagram");
    component.config = form::apply_field_in(&component.config, &ctx, path, raw)
        .map_err(|r| say::field_refusal(Lang::En, &r))?;
    Ok(())
}

/// Shares that must add up to one with others: the form accepts no edit of one alone, so the
/// sweep moves 0.1 from `partner` to the share (both checked by the config's own rules).
const SHARES: &[(K, &str, &str)] = &[
    (K::Users, "read_share", "static_share"),
    (K::Users, "write_share", "read_share"),
    (K::Users, "static_share", "read_share"),
];

/// Moves 0.1 of the users' traffic from `partner` to `path`; returns what was done.
fn shift_share(d: &mut Diagram, id: ComponentId, path: &str, partner: &str) -> String {
    let component = d.component_mut(id).unwrap();
    let mut json = serde_json::to_value(&component.config).unwrap();
    let body = json.as_object_mut().unwrap().values_mut().next().unwrap();
    for (key, delta) in [(path, 0.1), (partner, -0.1)] {
        let v = body[key].as_f64().unwrap() + delta;
        body[key] = serde_json::Value::from(v);
    }
    let updated: scalelab::model::ComponentConfig = serde_json::from_value(json).unwrap();
    updated
        .check()
        .expect("the shifted shares pass the config's rules");
    component.config = updated;
    format!("+0.1 from {partner}")
}

/// Choices whose first other option would not differ in the sweep's diagram, and the one
/// tried instead: `(kind, path, value, why)`.
const PREFERRED: &[(K, &str, &str, &str)] = &[(
    K::Users,
    "region",
    "europe",
    "the balancers stand in North America and Europe; South America's nearest is North America",
)];

/// Values to try for a field, best first: the first one the form accepts is the perturbation.
fn candidates(kind: K, path: &str, input: &FieldInput) -> Vec<String> {
    match input {
        FieldInput::Integer(0) => vec!["1".into(), "10".into(), "100".into()],
        FieldInput::Integer(v) => {
            vec![
                (v * 2).to_string(),
                (v + 1).to_string(),
                (v / 2).to_string(),
                (v - 1).to_string(),
            ]
        }
        FieldInput::Number(x) if *x == 0.0 => vec!["0.1".into(), "0.5".into(), "1".into()],
        FieldInput::Number(x) => vec![
            (x * 2.0).to_string(),
            (x / 2.0).to_string(),
            (x + 0.1).to_string(),
            (x - 0.1).to_string(),
        ],
        FieldInput::Toggle(b) => vec![(!b).to_string()],
        FieldInput::Choice { .. }
            if let Some((_, _, raw, _)) = PREFERRED
                .iter()
                .find(|(k, p, _, _)| *k == kind && *p == path) =>
        {
            vec![raw.to_string()]
        }
        FieldInput::Choice { selected, options } => {
            options.iter().filter(|&v| v != selected).cloned().collect()
        }
        FieldInput::Text(s) => vec![format!("{s}_other")],
    }
}

/// The summary and the components' figures of `d` run for its scenario's length, with `condition` on component `id`.
fn run(d: &Diagram, id: ComponentId, condition: Condition) -> String {
    let mut d = d.clone();
    let target = match condition {
        Condition::FailAt5 { of: Some(kind), .. } => {
            d.components
                .iter()
                .find(|c| c.kind == kind)
                .expect("the condition's component is in the diagram")
                .id
        }
        _ => id,
    };
    let at = |at_s: f64, action: FaultAction| Fault {
        at_s,
        action,
        target: FaultTarget::Component(target),
    };
    match condition {
        Condition::None => {}
        Condition::FailAt5 { restore, .. } => {
            d.scenario.faults.push(at(5.0, FaultAction::Fail));
            if restore {
                d.scenario.faults.push(at(12.0, FaultAction::Restore));
            }
        }
        Condition::DeployAt5 => d.scenario.faults.push(at(5.0, FaultAction::DeployAssets)),
    }
    let mut sim = build(&d, &RunConfig::default()).expect("the sweep's diagram builds");
    let snap = super::run_to(&mut sim, u64::from(d.scenario.duration_s));
    // The summary, and every figure of every component (the inspector's rows read these: a
    // session store's expired sessions, a database's replica lag).
    format!("{}{:?}", snap.summary(), snap.components)
}

/// Which fields of the sweep changed nothing: `(kind, path, perturbation)`.
fn inert_fields(store: K, kinds: &[K]) -> Vec<(K, String, String)> {
    let (template, perturbed) = base(store);
    let mut inert = Vec::new();
    for &(kind, id) in perturbed.iter().filter(|(k, _)| kinds.contains(k)) {
        let ctx = FieldContext::of(&template, id);
        let config = &template.component(id).unwrap().config;
        for field in form::fields_in(config, &ctx) {
            if COSMETIC
                .iter()
                .any(|(k, p, _)| *k == kind && *p == field.path)
            {
                continue;
            }
            let (cond, enabling) = condition(kind, &field.path);
            let mut d = template.clone();
            for (on, path, raw) in enabling {
                let on = on.map_or(id, |k| perturbed.iter().find(|(pk, _)| *pk == k).unwrap().1);
                set(&mut d, on, path, raw)
                    .unwrap_or_else(|e| panic!("{kind:?} condition {path}={raw}: {e}"));
            }
            let now = form::fields_in(&d.component(id).unwrap().config, &FieldContext::of(&d, id))
                .into_iter()
                .find(|f| f.path == field.path)
                .expect("the field is still offered under its condition");
            let mut changed = d.clone();
            let raw = match SHARES
                .iter()
                .find(|(k, p, _)| *k == kind && *p == field.path)
            {
                Some((_, path, partner)) => shift_share(&mut changed, id, path, partner),
                None => candidates(kind, &field.path, &now.input)
                    .into_iter()
                    .find(|raw| set(&mut changed, id, &field.path, raw).is_ok())
                    .unwrap_or_else(|| panic!("{kind:?} {}: no other value accepted", field.path)),
            };
            if run(&d, id, cond) == run(&changed, id, cond) {
                inert.push((kind, field.path.clone(), raw));
            }
        }
    }
    inert
}

fn assert_every_setting_acts(store: K, kinds: &[K]) {
    let inert: Vec<_> = inert_fields(store, kinds)
        .into_iter()
        .filter(|(k, p, _)| !KNOWN_INERT.iter().any(|(ik, ip, _)| ik == k && ip == p))
        .collect();
    assert!(
        inert.is_empty(),
        "settings the inspector offers that change nothing in the run (kind, field, value tried): \
         {inert:?}"
    );
}

#[test]
fn every_edge_setting_changes_the_run() {
    assert_every_setting_acts(K::Database, &[K::Users, K::Dns, K::Cdn, K::LoadBalancer]);
}

#[test]
fn every_tier_setting_changes_the_run() {
    assert_every_setting_acts(
        K::Database,
        &[
            K::WebServers,
            K::Cache,
            K::SessionStore,
            K::MessageQueue,
            K::Workers,
            K::MetricsSink,
        ],
    );
}

#[test]
fn every_database_setting_changes_the_run() {
    assert_every_setting_acts(K::Database, &[K::Database]);
    assert_every_setting_acts(K::NoSql, &[K::NoSql]);
    assert_every_setting_acts(K::ShardedDatabase, &[K::ShardedDatabase]);
}

/// Every kind the palette offers is swept by one of the tests above.
#[test]
fn the_sweep_reaches_every_kind() {
    for kind in K::ALL {
        let store = match kind {
            K::NoSql | K::ShardedDatabase => kind,
            _ => K::Database,
        };
        assert!(
            base(store).1.iter().any(|(k, _)| *k == kind),
            "{kind:?} is not in the sweep's diagram"
        );
    }
}
