//! Lesson 11, sharding: modulo placement against consistent hashing when a shard is added live,
//! the copy of the keys that move, and the celebrity (hot-spot key) problem.
//!
//! 40,000 users send 4,000 requests/s, every one reading (90 %) or writing (10 %) one of
//! 100,000 keys; 40 % of them aim at one celebrity key, the rest follow Zipf (alpha 0.8, the
//! most popular key about 2 % of them). A shard's primary serves 2 ms queries 4 at a time
//! (2,000 a second). The celebrity's shard takes about 1,600 + 600 a second: more than it can
//! serve, while the others idle at 30 %. At 60 s a fifth shard is added: under modulo
//! (`key % 4` to `key % 5`) four keys in five change shard (80,000 keys, copied at 1,000 a
//! second for 80 s); on a ring of 100 virtual nodes per shard only the keys on the new shard's
//! arcs move, about one in five (theory 1 / 5; this ring moves 21 %, copied in about 21 s).
//! Two replicas per shard split each shard's reads, so the celebrity's reads are spread over
//! two machines, about 1,000 a second each (the chapter's "spread that shard's data").

use crate::lessons::{Alternative, Lesson, LessonId, Limit, Measure, Objective, Step, Trigger};
use crate::model::builder::DiagramBuilder;
use crate::model::config::{InstanceSize, ServiceTime, ShardingStrategy};
use crate::model::{
    ComponentConfig, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, OutPort,
};
use crate::present::lang::Lang;

use super::{balanced_web, put, users_and_dns};

/// Simulated seconds into the run when the fifth shard is added.
const RESHARD_AT_S: f64 = 60.0;
/// Virtual nodes per shard on the ring.
const VIRTUAL_NODES: u32 = 100;

/// How keys are placed and how many copies serve each shard's reads.
#[derive(Clone, Copy, PartialEq)]
struct Shape {
    consistent: bool,
    replicas_per_shard: u32,
}

pub(super) fn lesson(lang: Lang) -> Lesson {
    Lesson {
        id: LessonId::Sharding,
        start: design(
            lang,
            Shape {
                consistent: false,
                replicas_per_shard: 0,
            },
        ),
        fix: design(
            lang,
            Shape {
                consistent: true,
                replicas_per_shard: 2,
            },
        ),
        objectives: vec![
            Objective::throughout(Measure::P99Ms, Limit::AtMost(100.0), 10.0),
            Objective::at_end(Measure::KeysMovedPercent, Limit::AtMost(30.0)),
        ],
        steps: vec![
            Step::now(),
            // The component's utilization is its shards' average: the hot shard shows in the
            // latency first.
            Step::when(Trigger::ObjectiveMissed(0))
                .naming(ComponentKind::ShardedDatabase, "replicas_per_shard"),
            Step::when(Trigger::AtTime(RESHARD_AT_S + 1.0)),
            Step::now().naming(ComponentKind::ShardedDatabase, "strategy"),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: vec![(
            Alternative::Modulo,
            design(
                lang,
                Shape {
                    consistent: false,
                    replicas_per_shard: 2,
                },
            ),
        )],
    }
}

fn design(lang: Lang, shape: Shape) -> Diagram {
    let mut b = DiagramBuilder::new();
    let dns = users_and_dns(&mut b, lang, 40_000, 0.0, |u| {
        u.read_share = 0.9;
        u.write_share = 0.1;
        u.static_share = 0.0;
        u.key_space = 100_000;
        u.zipf_alpha = 0.8;
        u.celebrity_keys = 1;
        u.celebrity_share = 0.4;
    });
    let web = balanced_web(&mut b, lang, dns, |w| {
        w.instances = 8;
        w.instance_size = InstanceSize::Vcpu8;
    });
    let db = put(
        &mut b,
        lang,
        ComponentKind::ShardedDatabase,
        (900.0, 200.0),
        |c| {
            if let ComponentConfig::ShardedDatabase(s) = c {
                s.shards = 4;
                s.strategy = if shape.consistent {
                    ShardingStrategy::ConsistentHashing {
                        virtual_nodes: VIRTUAL_NODES,
                    }
                } else {
                    ShardingStrategy::Modulo
                };
                s.replicas_per_shard = shape.replicas_per_shard;
                s.service_time = ServiceTime::Exponential { mean_ms: 2.0 };
                s.concurrency_per_shard = 4;
            }
        },
    );
    b.wire(web, OutPort::Data, db);
    let s = b.scenario_mut();
    s.duration_s = 150;
    s.faults.push(Fault {
        at_s: RESHARD_AT_S,
        action: FaultAction::AddShard,
        target: FaultTarget::Component(db),
    });
    b.finish()
}
