//! The simulation's tests, one file per behaviour. Two kinds of test live side by side in
//! each file: the building blocks (`Engine`, `Station`, `Cache`, `ShardMap`, `ReplicaSet`)
//! driven with seeded random traffic and compared with closed-form theory, and whole diagrams
//! run through `sim::build` -> `step_until` -> `snapshot`, checked against what the chapter
//! teaches and against the theory lines the run view draws (`sim::predict`).
//!
//! - `accounting`: random diagrams never panic and every snapshot balances; build errors.
//! - `determinism`: the same diagram and seed give the same run (the golden summary).
//! - `queueing`: M/M/1, M/M/c, M/D/1, Little's law, overload backlog on the bare engine.
//! - `scaling`: overload fixed by scaling out or up, and autoscaling with its cool-down.
//! - `routing`: balancer health checks and capacity, and the write rates `predict` derives.
//! - `caching`: eviction and TTL hit ratios, a cache node's queue, replicated caches.
//! - `sessions`: sticky balancers, session expiry, an undersized or failed session store.
//! - `replication`: replica lag, stale reads, lost writes and failover time.
//! - `sharding`: remapping, ring imbalance and hot shards.
//! - `nosql`: the cost and the availability of a replication factor.
//! - `regions`: GeoDNS failover and a database's copy in another datacenter.
//! - `faults`: injected faults take effect and are logged.
//! - `cdn`: edge failure and asset deploys, versioned or not.
//! - `message_queue`: backlog, autoscaling on depth, durable jobs.
//! - `traffic`: each traffic profile sends the integral of its rate.
//! - `last_window`: the windowed figures against the whole-run ones.
//!
//! Tolerances: queue means within 3 % at >= 1e7 events, cache hit ratios within +-0.005 at
//! 2e7 requests, consistent-hashing averages within 15 % over >= 100 seeds, exact results
//! exactly (or < 0.5 %). The slow ones are meant for `cargo test --release --test it sim::`.
//! This module holds what the files share: the oracle assertions, the seed offset, and the
//! diagram helpers of the behaviour tests.

mod accounting;
mod caching;
mod cdn;
mod determinism;
mod faults;
mod last_window;
mod message_queue;
mod nosql;
mod queueing;
mod regions;
mod replication;
mod routing;
mod scaling;
mod sessions;
mod sharding;
mod traffic;

use scalelab::model::config::{CacheConfig, ServiceTime, UserLoad};
use scalelab::model::{
    Component, ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction,
    FaultTarget, Group, GroupId, InPortRef, OutPort as O, OutPortRef, Point, Rect, Region, Wire,
    WireId,
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

/// A small diagram builder for behaviour tests.
pub(crate) struct Builder {
    pub(crate) d: Diagram,
    next: u32,
}

impl Builder {
    pub(crate) fn new(seed: u64) -> Builder {
        let mut d = Diagram::new();
        d.scenario.seed = seed;
        Builder { d, next: 1 }
    }
    fn id(&mut self) -> u32 {
        self.next += 1;
        self.d.next_id = self.next + 1;
        self.next
    }
    pub(crate) fn group(&mut self, region: Region) -> GroupId {
        let id = GroupId(self.id());
        self.d.groups.push(Group {
            id,
            name: format!("DC {}", id.0),
            region,
            bounds: Rect::new(0.0, 0.0, 1.0, 1.0),
        });
        id
    }
    pub(crate) fn add(
        &mut self,
        kind: ComponentKind,
        group: Option<GroupId>,
        configure: impl FnOnce(&mut ComponentConfig),
    ) -> ComponentId {
        let id = ComponentId(self.id());
        let mut c = Component::new(id, kind, Point::new(0.0, 0.0));
        c.group = group;
        configure(&mut c.config);
        self.d.components.push(c);
        id
    }
    /// A cache in `group` and a database behind it for the web tier `web`: reads go web ->
    /// cache, misses cache -> database. Returns (cache, database).
    pub(crate) fn cache_and_database(
        &mut self,
        web: ComponentId,
        group: Option<GroupId>,
        configure: impl FnOnce(&mut CacheConfig),
    ) -> (ComponentId, ComponentId) {
        let cache = self.add(ComponentKind::Cache, group, |c| {
            if let ComponentConfig::Cache(k) = c {
                configure(k);
            }
        });
        let db = self.add(ComponentKind::Database, None, |_| {});
        self.wire(web, scalelab::model::OutPort::Data, cache);
        self.wire(cache, scalelab::model::OutPort::Miss, db);
        (cache, db)
    }
    pub(crate) fn wire(
        &mut self,
        from: ComponentId,
        port: scalelab::model::OutPort,
        to: ComponentId,
    ) {
        let kind = self.d.component(to).unwrap().kind;
        let id = WireId(self.id());
        self.d.wires.push(Wire {
            id,
            from: OutPortRef {
                component: from,
                port,
            },
            to: InPortRef {
                component: to,
                port: kind.input().unwrap(),
            },
        });
    }
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

fn logged(s: &scalelab::sim::MetricsSnapshot, text: &str) -> bool {
    s.log.iter().any(|e| e.message.contains(text))
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
) -> (Builder, ComponentId) {
    let mut b = Builder::new(seed);
    let us = b.add(ComponentKind::Users, None, users(rate_rps, 1.0, 0.0, 0.0));
    let w = b.add(ComponentKind::WebServers, None, web);
    b.wire(us, O::Dynamic, w);
    (b, w)
}
