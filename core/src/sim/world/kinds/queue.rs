//! Message queue and its workers: the queue is the waiting line of the workers' station
//! (capacity, autoscaled on depth and on the jobs in hand); a durable one keeps its jobs
//! while the workers are down and redelivers the ones in hand at a crash, a non-durable one
//! loses them. Publishing a job costs the producer the queue's enqueue time (its publish
//! call waits for the acknowledgement; a `Slow` fault multiplies it), and the job reaches
//! the workers that much later. The broker itself has no service queue: it does not
//! saturate.

use crate::model::config::{MessageQueueConfig, WorkersConfig};
use crate::sim::world::build::{BuildCtx, dist_of, ms};
use crate::sim::world::*;

impl WorkersNode {
    /// The node state of a component with these settings.
    pub(crate) fn build(w: &WorkersConfig, ctx: &mut BuildCtx<'_>) -> State {
        let (seed, id) = (ctx.seed, ctx.id);
        let service = dist_of(&w.service_time, 1.0);
        ctx.base_service = Some(service);
        // The queue feeding the workers bounds their line; take the largest. A durable
        // one keeps its jobs through a crash of the workers.
        let feeding = || {
            ctx.diagram
                .wires
                .iter()
                .filter(|x| x.to.component == ctx.component)
                .filter_map(|x| ctx.diagram.component(x.from.component))
                .filter_map(|q| match &q.config {
                    ComponentConfig::MessageQueue(m) => Some(m),
                    ComponentConfig::Users(_)
                    | ComponentConfig::Dns(_)
                    | ComponentConfig::Cdn(_)
                    | ComponentConfig::LoadBalancer(_)
                    | ComponentConfig::WebServers(_)
                    | ComponentConfig::Cache(_)
                    | ComponentConfig::SessionStore(_)
                    | ComponentConfig::Database(_)
                    | ComponentConfig::NoSql(_)
                    | ComponentConfig::ShardedDatabase(_)
                    | ComponentConfig::Workers(_)
                    | ComponentConfig::MetricsSink(_) => None,
                })
        };
        let cap = feeding()
            .map(|m| m.capacity_messages)
            .max()
            .unwrap_or(QUEUE_CAPACITY as u64)
            .min(1 << 24) as usize;
        let durable = feeding().any(|m| m.durable);
        State::Workers(WorkersNode {
            durable,
            held: Default::default(),
            capacity: cap,
            station: Station::new(
                StationConfig {
                    servers: w.instances.saturating_mul(w.concurrency_per_instance),
                    service,
                    queue_capacity: Some(cap),
                    timeout: None,
                },
                SimRng::stream(seed, id as u64, "workers"),
            )
            .without_response_times(),
            concurrency: w.concurrency_per_instance,
            instances: w.instances,
            autoscale: w.autoscaling.clone(),
            last_scale: SimTime::ZERO,
        })
    }
}

pub(crate) struct WorkersNode {
    pub(crate) station: Station<ReqId>,
    /// Whether the queue feeding them is durable: jobs survive the workers' crash.
    pub(crate) durable: bool,
    /// Jobs a durable queue holds while the workers are down, redelivered on restore.
    pub(crate) held: std::collections::VecDeque<ReqId>,
    /// The queue's capacity (the waiting line's and the held jobs').
    pub(crate) capacity: usize,
    pub(crate) concurrency: u32,
    pub(crate) instances: u32,
    pub(crate) autoscale: crate::model::config::QueueAutoscaling,
    pub(crate) last_scale: SimTime,
}

impl World {
    /// Hands the jobs a durable queue held to its workers, if they are up.
    pub(crate) fn redeliver(&mut self, now: SimTime, n: NodeIx, q: &mut EventQueue<Ev>) {
        if self.node_down(n) {
            return;
        }
        let incarnation = self.nodes[n].incarnation;
        let admitted = match &mut self.nodes[n].state {
            State::Workers(w) => w.redeliver(now),
            // Only workers have jobs held for them.
            State::Users(_)
            | State::Dns(_)
            | State::Cdn(_)
            | State::Lb(_)
            | State::Web(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::Db(_)
            | State::NoSql(_)
            | State::Sharded(_)
            | State::Queue(_)
            | State::Sink(_) => return,
        };
        let count = admitted.len();
        for (r, adm) in admitted {
            self.admitted(now, n, 0, r, adm, incarnation, q);
        }
        if count > 1 {
            let label = self.nodes[n].label.clone();
            self.note(
                now,
                Some(n),
                LogEvent::JobsRedelivered { label, jobs: count },
            );
        }
    }
}

/// A message queue: the broker between the producers (web servers) and the workers.
pub(crate) struct QueueNode {
    /// Time the broker takes to accept a job (`enqueue_latency_ms`): the producer's publish
    /// call waits for it, and the job reaches the workers that much later.
    pub(crate) enqueue: SimTime,
}

impl QueueNode {
    /// The node state of a queue with these settings.
    pub(crate) fn build(m: &MessageQueueConfig) -> State {
        State::Queue(QueueNode {
            enqueue: ms(m.enqueue_latency_ms),
        })
    }

    /// Its enqueue time under a `Slow` fault of factor `slow`.
    #[inline]
    fn enqueue_time(&self, slow: f64) -> SimTime {
        if slow > 1.0 {
            SimTime::from_secs_f64(self.enqueue.as_secs_f64() * slow)
        } else {
            self.enqueue
        }
    }

    /// A job reaches the queue: accepted after the enqueue time (recorded as the time jobs
    /// spend here), then passed to the workers, whose waiting line the queue is.
    #[inline]
    pub(crate) fn arrive(&mut self, now: SimTime, here: Here<'_>) -> Arrival {
        let extra = self.enqueue_time(here.slow);
        here.latency.record(now, extra);
        Arrival::Port {
            port: OutPort::Consumers,
            extra,
            served: true,
        }
    }
}

impl World {
    /// What publishing a job to `queue` costs the producer: the queue's enqueue time (slowed
    /// by a `Slow` fault), the wait for its acknowledgement. Nothing if the queue is down: the
    /// publish is refused at once and the job is lost.
    pub(crate) fn enqueue_ack(&self, queue: NodeIx) -> SimTime {
        if self.node_down(queue) {
            return SimTime::ZERO;
        }
        match &self.nodes[queue].state {
            State::Queue(m) => m.enqueue_time(self.nodes[queue].slow),
            // Only a queue takes jobs (the wiring rules see to it).
            State::Users(_)
            | State::Dns(_)
            | State::Cdn(_)
            | State::Lb(_)
            | State::Web(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::Db(_)
            | State::NoSql(_)
            | State::Sharded(_)
            | State::Workers(_)
            | State::Sink(_) => SimTime::ZERO,
        }
    }
}

impl WorkersNode {
    /// A job takes its place in the workers' station.
    #[inline]
    pub(crate) fn arrive(&mut self, now: SimTime, r: ReqId) -> Arrival {
        Arrival::Station {
            sub: 0,
            admission: self.station.arrive(now, r),
        }
    }
}

impl WorkersNode {
    /// The autoscaler's look at the workers `n` (every tick, outside its cooldown): enough
    /// instances for each to have at most the target backlog waiting, and for the jobs in hand
    /// to keep them at most 80 % busy (depth alone would scale in as soon as the backlog
    /// drained, and flap). Jobs that get a server start now; what it did, for the log (the pool
    /// named `label`).
    pub(crate) fn autoscale(
        &mut self,
        now: SimTime,
        label: &str,
        n: NodeIx,
        incarnation: u32,
        q: &mut EventQueue<Ev>,
    ) -> Option<LogEvent> {
        if !self.autoscale.enabled {
            return None;
        }
        let a = &self.autoscale;
        if now.since(self.last_scale) < SimTime::from_secs(a.cooldown_s as u64) {
            return None;
        }
        let per_backlog =
            (self.station.queued() as u64).div_ceil(a.target_backlog_per_instance.max(1) as u64);
        let per_work = (self.station.busy() as f64
            / (self.concurrency.max(1) as f64 * WORKER_TARGET_BUSY))
            .ceil() as u64;
        let want = per_backlog.max(per_work).min(u32::MAX as u64) as u32;
        let want = want.max(a.min_instances.max(1)).min(a.max_instances.max(1));
        if want == self.instances {
            return None;
        }
        let event = LogEvent::WorkersScaled {
            label: label.to_string(),
            from: self.instances,
            to: want,
        };
        self.instances = want;
        self.last_scale = now;
        let mut timed_out = Vec::new();
        let started =
            self.station
                .set_servers(now, want.saturating_mul(self.concurrency), &mut timed_out);
        for s in started {
            q.schedule(
                s.done_at,
                Ev::Done {
                    node: n,
                    sub: 0,
                    req: s.job,
                    arrived: s.arrived,
                    incarnation,
                },
            );
        }
        Some(event)
    }
}

impl WorkersNode {
    /// Its figures in the snapshot beyond its station's: the jobs a durable queue holds for
    /// it count as queued, and its instances.
    pub(crate) fn figures(&self, m: &mut ComponentMetrics) {
        m.queue_len += self.held.len() as u64;
        m.instances = self.instances;
    }
}

impl WorkersNode {
    /// The workers crash: a durable queue keeps the jobs waiting and in hand (redelivered on
    /// restore), a non-durable one loses them (`dropped`). For the log: how many jobs, and
    /// whether the queue was durable.
    pub(crate) fn crash(
        &mut self,
        now: SimTime,
        dropped: &mut Vec<(SimTime, ReqId)>,
    ) -> (usize, bool) {
        let busy = self.station.busy();
        let line = self.station.crash(now);
        let total = busy as usize + line.len();
        if self.durable {
            self.held.extend(line.into_iter().map(|x| x.1));
        } else {
            dropped.extend(line);
        }
        (total, self.durable)
    }

    /// The workers are back: the jobs a durable queue held take their places in the station,
    /// in order; each one's admission.
    pub(crate) fn redeliver(&mut self, now: SimTime) -> Vec<(ReqId, Admission<ReqId>)> {
        std::mem::take(&mut self.held)
            .into_iter()
            .map(|r| (r, self.station.arrive(now, r)))
            .collect()
    }
}
