//! Lesson 5, a cache: read-through caching, its size and eviction policy, the cache as a single
//! point of failure and the miss storm, and replicas as the fix.
//!
//! 3,000 requests/s, 2,160 of them reads of 10,000 keys whose popularity follows Zipf's law
//! (alpha 0.8). The database answers about 1,600 a second (5 ms on 8 connections). The start's
//! cache holds 200 keys, first in first out: it misses most reads and the database saturates.
//! With 5,000 keys and LRU it answers about three reads in four. Two minutes in, a cache node
//! fails: a single-node cache is gone with it (every read reaches the database at once, and the
//! cache comes back cold), while a second replica keeps serving its warm copy.

use crate::lessons::Trigger;
use crate::lessons::{Alternative, Lesson, LessonId, Limit, Measure, Objective, Step, Subject};
use crate::model::builder::DiagramBuilder;
use crate::model::config::{Eviction, InstanceSize, ServiceTime};
use crate::model::{
    ComponentConfig, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, OutPort,
};
use crate::present::lang::Lang;

use super::{balanced_web, put, users_and_dns};

/// Simulated seconds into the run when a cache node fails.
const FAILS_AT_S: f64 = 120.0;

/// The cache's settings.
#[derive(Clone, Copy)]
struct CacheShape {
    keys: u64,
    eviction: Eviction,
    replicas: u32,
}

pub(super) fn lesson(lang: Lang) -> Lesson {
    let small = CacheShape {
        keys: 200,
        eviction: Eviction::Fifo,
        replicas: 1,
    };
    let fixed = CacheShape {
        keys: 5_000,
        eviction: Eviction::Lru,
        replicas: 2,
    };
    Lesson {
        id: LessonId::Cache,
        start: design(lang, small),
        fix: design(lang, fixed),
        objectives: vec![
            Objective::throughout(Measure::P99Ms, Limit::AtMost(200.0), 20.0),
            Objective::throughout(
                Measure::ArrivalRps(ComponentKind::Database),
                Limit::AtMost(1_200.0),
                20.0,
            ),
        ],
        steps: vec![
            Step::now(),
            Step::when(Trigger::Saturated(ComponentKind::Database)),
            Step::when(Trigger::ObjectiveMissed(1)).naming(ComponentKind::Cache, "capacity_keys"),
            Step::when(Trigger::Down(Subject::Kind(ComponentKind::Cache)))
                .naming(ComponentKind::Cache, "replicas"),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: vec![(
            Alternative::SingleCacheNode,
            design(
                lang,
                CacheShape {
                    replicas: 1,
                    ..fixed
                },
            ),
        )],
    }
}

fn design(lang: Lang, cache: CacheShape) -> Diagram {
    let mut b = DiagramBuilder::new();
    let dns = users_and_dns(&mut b, lang, 30_000, 0.0, |_| {});
    let web = balanced_web(&mut b, lang, dns, |w| {
        w.instances = 6;
        w.instance_size = InstanceSize::Vcpu8;
    });
    let cache_id = put(&mut b, lang, ComponentKind::Cache, (900.0, 60.0), |c| {
        if let ComponentConfig::Cache(k) = c {
            k.capacity_keys = cache.keys;
            k.eviction = cache.eviction;
            k.replicas = cache.replicas;
        }
    });
    let db = put(
        &mut b,
        lang,
        ComponentKind::Database,
        (1_140.0, 200.0),
        |c| {
            if let ComponentConfig::Database(d) = c {
                d.service_time = ServiceTime::Exponential { mean_ms: 5.0 };
            }
        },
    );
    b.wire(web, OutPort::Data, cache_id);
    b.wire(cache_id, OutPort::Miss, db);
    b.wire(web, OutPort::Data, db);
    let s = b.scenario_mut();
    s.duration_s = 240;
    s.faults.push(Fault {
        at_s: FAILS_AT_S,
        action: FaultAction::Fail,
        target: FaultTarget::Component(cache_id),
    });
    b.finish()
}
