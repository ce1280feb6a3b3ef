//! The simulation's tests, one file per behaviour. Two kinds of test live side by side in
//! each file: the building blocks (`Engine`, `Station`, `Cache`, `ShardMap`, `ReplicaSet`)
//! driven with seeded random traffic and compared with closed-form theory, and whole diagrams
//! run through `sim::build` -> `step_until` -> `snapshot`, checked against what the chapter
//! teaches and against the theory lines the run view draws (`sim::predict`).
//!
//! - `accounting`: random diagrams never panic and every snapshot balances; build errors.
//! - `determinism`: the same diagram and seed give the same run (the golden summary).
//! - `queueing`: M/M/1, M/M/c, M/D/1, Little's law, overload backlog on the bare engine.
//! - `scaling`: overload fixed by scaling out or up, autoscaling with its cool-down, and a web
//!   tier behind a balancer against its diagram-derived queueing line.
//! - `routing`: balancer health checks and capacity, and the write rates `predict` derives.
//! - `cost`: what a design costs an hour, as drawn and as it runs; the biggest instance size.
//! - `caching`: eviction and TTL hit ratios (alone and against the run view's lines), a cache
//!   node's queue, replicated caches.
//! - `sessions`: sticky balancers, session expiry, an undersized or failed session store.
//! - `settings`: every setting the inspector offers changes the run (under its condition), but
//!   the few listed as cosmetic.
//! - `replication`: replica lag, stale reads, lost writes and failover time.
//! - `sharding`: remapping, ring imbalance and hot shards; a sharded database's shard loads,
//!   shard replicas and shard failover in a whole run.
//! - `nosql`: the cost and the availability of a replication factor.
//! - `regions`: GeoDNS failover and a database's copy in another datacenter.
//! - `faults`: injected faults take effect and are logged.
//! - `cdn`: edge failure and asset deploys, versioned or not.
//! - `message_queue`: backlog, autoscaling on depth, durable jobs.
//! - `traffic`: each traffic profile sends the integral of its rate.
//! - `last_window`: the windowed figures against the whole-run ones.
//! - `alerts`: sustained errors, saturation and growing queues logged when they begin and end.
//!
//! Tolerances: queue means within 3 % at >= 1e7 events, cache hit ratios within +-0.005 at
//! 2e7 requests, consistent-hashing averages within 15 % over >= 100 seeds, exact results
//! exactly (or < 0.5 %). The slow ones are meant for `cargo test --release --test it sim::`.
//! This module holds what the files share: the oracle assertions, the seed offset, and the
//! diagram helpers of the behaviour tests.

mod accounting;
mod alerts;
mod caching;
mod cdn;
mod cost;
mod database;
mod determinism;
mod faults;
mod last_window;
mod message_queue;
mod monitoring;
mod nosql;
mod queueing;
mod regions;
mod replication;
mod routing;
mod scaling;
mod sessions;
mod settings;
mod sharding;
mod traffic;

use scalelab::model::config::{CacheConfig, ServiceTime, UserLoad};
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, DiagramBuilder, Fault, FaultAction,
    FaultTarget, GroupId, OutPort as O,
};
use scalelab::sim::SimTime;
use scalelab::sim::rng::Dist;

/// Every random stream's seed, shifted by `SCALELAB_ORACLE_SEED` (default 0): rerun the oracles
/// on fresh randomness with e.g. `SCALELAB_ORACLE_SEED=1000 cargo test --release --test it sim::`.
fn seeded(seed: u64) -> u64 {
    let offset = std::env::var("SCALELAB_ORACLE_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    seed.wrapping_add(offset)
}

fn assert_rel(got: f64, want: f64, tol: f64, what: &str) {
    let rel = (got - want).abs() / want.abs();
    assert!(
        rel <= tol,
        "{what}: got {got:.6}, theory {want:.6} (off by {:.2} %, tolerance {:.2} %)",
        rel * 100.0,
        tol * 100.0
    );
}

fn assert_abs(got: f64, want: f64, tol: f64, what: &str) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got:.6}, theory {want:.6} (tolerance +-{tol})"
    );
}

fn secs(s: f64) -> SimTime {
    SimTime::from_secs_f64(s)
}

fn exp_mean(s: f64) -> Dist {
    Dist::Exponential { mean: secs(s) }
}

/// A builder for a behaviour test's diagram: the scenario's seed is `seed`, and ids start at 2
/// (the ids the tests' expected figures were measured with: each component's random streams
/// derive from its id).
fn builder(seed: u64) -> DiagramBuilder {
    let mut d = Diagram::new();
    d.next_id = 2;
    d.scenario.seed = seed;
    DiagramBuilder::on(d)
}

/// The diagram built so far, after checking that every edit took effect (no wire refused).
fn diagram(b: &DiagramBuilder) -> &Diagram {
    assert_eq!(b.problems(), [], "an edit was left out");
    b.diagram()
}

/// The diagram built, after the same check as [`diagram`].
fn finish(b: DiagramBuilder) -> Diagram {
    diagram(&b);
    b.finish()
}

/// A cache in `group` and a database behind it for the web tier `web`: reads go web ->
/// cache, misses cache -> database. Returns (cache, database).
fn cache_and_database(
    b: &mut DiagramBuilder,
    web: ComponentId,
    group: Option<GroupId>,
    configure: impl FnOnce(&mut CacheConfig),
) -> (ComponentId, ComponentId) {
    let cache = b
        .add(ComponentKind::Cache)
        .label("Cache")
        .group(group)
        .configure(|c| {
            if let ComponentConfig::Cache(k) = c {
                configure(k);
            }
        })
        .id();
    let db = b.add(ComponentKind::Database).label("Database").id();
    b.wire(web, O::Data, cache);
    b.wire(cache, O::Miss, db);
    (cache, db)
}

pub(crate) fn users(
    rate_rps: f64,
    read: f64,
    write: f64,
    login: f64,
) -> impl FnOnce(&mut ComponentConfig) {
    move |c| {
        if let ComponentConfig::Users(u) = c {
            u.load = UserLoad::Rate { rate_rps };
            u.read_share = read;
            u.write_share = write;
            u.static_share = (1.0 - read - write).max(0.0);
            u.login_session_share = login;
        }
    }
}

pub(crate) fn run_to(
    sim: &mut scalelab::sim::Simulation,
    s: u64,
) -> scalelab::sim::MetricsSnapshot {
    sim.step_until(s * 1_000_000_000, u64::MAX);
    let snap = sim.snapshot();
    assert!(snap.accounting_holds());
    snap
}

fn component(
    s: &scalelab::sim::MetricsSnapshot,
    id: ComponentId,
) -> &scalelab::sim::metrics::ComponentMetrics {
    s.components.iter().find(|c| c.id == id.0).unwrap()
}

fn fault(sim: &mut scalelab::sim::Simulation, action: FaultAction, id: ComponentId) {
    sim.inject(Fault {
        at_s: 0.0,
        action,
        target: FaultTarget::Component(id),
    });
}

/// Schedules the scenario's faults on `target`: each step's action at its time in seconds.
fn schedule(
    b: &mut DiagramBuilder,
    target: FaultTarget,
    steps: impl IntoIterator<Item = (f64, FaultAction)>,
) {
    for (at_s, action) in steps {
        b.scenario_mut().faults.push(Fault {
            at_s,
            action,
            target,
        });
    }
}

fn logged(s: &scalelab::sim::MetricsSnapshot, text: &str) -> bool {
    s.log.iter().any(|e| said(e).contains(text))
}

/// What a log entry says, in the app's English.
fn said(e: &scalelab::sim::metrics::LogEntry) -> String {
    scalelab::present::english::log_message(&e.event)
}

fn web_config(
    f: impl FnOnce(&mut scalelab::model::config::WebServersConfig),
) -> impl FnOnce(&mut ComponentConfig) {
    move |c| {
        if let ComponentConfig::WebServers(w) = c {
            w.service_time = ServiceTime::Exponential { mean_ms: 20.0 };
            w.concurrency_per_instance = 4;
            f(w);
        }
    }
}

/// Users at `rate_rps` (reads only) straight into one web tier configured by `web`.
fn one_tier(
    seed: u64,
    rate_rps: f64,
    web: impl FnOnce(&mut ComponentConfig),
) -> (DiagramBuilder, ComponentId) {
    let mut b = builder(seed);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(rate_rps, 1.0, 0.0, 0.0))
        .id();
    let w = b.add(ComponentKind::WebServers).configure(web).id();
    b.wire(us, O::Dynamic, w);
    (b, w)
}
