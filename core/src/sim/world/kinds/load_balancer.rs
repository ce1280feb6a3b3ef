//! Load balancer: spreads requests over its health-checked backends (one slot per active
//! web instance) by its policy. With a capacity it forwards one request at a time, in
//! arrival order (Lindley's recursion on its own arrival event); a request that would wait
//! past the timeout is refused.

use crate::model::config::LoadBalancerConfig;
use crate::sim::world::build::{BuildCtx, ms};
use crate::sim::world::*;

impl LbNode {
    /// The node state of a component with these settings.
    pub(crate) fn build(l: &LoadBalancerConfig, ctx: &mut BuildCtx<'_>) -> State {
        let (seed, id) = (ctx.seed, ctx.id);
        State::Lb(LbNode {
            algorithm: l.algorithm,
            added: ms(l.added_latency_ms),
            health: Health::new(
                l.health_check_interval_s,
                l.failure_threshold,
                &ctx.targets(OutPort::Backends),
            ),
            next: RoundRobin::default(),
            rng: SimRng::stream(seed, id as u64, "lb"),
            forwarding: (l.capacity_rps > 0).then(|| LookupNodes::new(1, l.capacity_rps)),
        })
    }
}

pub(crate) struct LbNode {
    pub(crate) algorithm: LbAlgorithm,
    pub(crate) added: SimTime,
    pub(crate) health: Health,
    pub(crate) next: RoundRobin,
    pub(crate) rng: SimRng,
    /// A balancer with a capacity forwards one request at a time, in arrival order; `None`:
    /// no limit.
    pub(crate) forwarding: Option<LookupNodes>,
}

/// The slots a balancer spreads requests over at backend `b`: one per active instance of web
/// servers, one for any other backend.
pub(crate) fn slots_of(nodes: &[Node], b: NodeIx) -> usize {
    match &nodes[b].state {
        State::Web(w) => (w.active as usize).min(w.instances.len()),
        State::Users(_)
        | State::Dns(_)
        | State::Cdn(_)
        | State::Lb(_)
        | State::Cache(_)
        | State::Sessions(_)
        | State::Db(_)
        | State::NoSql(_)
        | State::Sharded(_)
        | State::Queue
        | State::Workers(_)
        | State::Sink => 1,
    }
}

impl World {
    pub(crate) fn balance(&mut self, now: SimTime, n: NodeIx, r: ReqId, q: &mut EventQueue<Ev>) {
        let mut healthy = std::mem::take(&mut self.scratch.healthy);
        let mut slots = std::mem::take(&mut self.scratch.slots);
        healthy.clear();
        slots.clear();
        let mut least_connections = false;
        if let State::Lb(lb) = &self.nodes[n].state {
            healthy.extend(
                self.targets(n, OutPort::Backends)
                    .filter(|&b| lb.health.believed_up(b)),
            );
            least_connections = lb.algorithm == LbAlgorithm::LeastConnections;
        }
        // The policy spreads over (backend, instance) slots; only least connections needs each
        // slot's load.
        let total: usize = healthy.iter().map(|&b| slots_of(&self.nodes, b)).sum();
        if least_connections {
            for &b in &healthy {
                match &self.nodes[b].state {
                    State::Web(w) => {
                        for st in w.instances.iter().take(w.active as usize) {
                            slots.push(st.in_system());
                        }
                    }
                    State::Users(_)
                    | State::Dns(_)
                    | State::Cdn(_)
                    | State::Lb(_)
                    | State::Cache(_)
                    | State::Sessions(_)
                    | State::Db(_)
                    | State::NoSql(_)
                    | State::Sharded(_)
                    | State::Queue
                    | State::Workers(_)
                    | State::Sink => slots.push(0),
                }
            }
        }
        let chosen = self.pick_slot(n, r, total, &slots).map(|mut i| {
            let b = *healthy
                .iter()
                .find(|&&b| {
                    let k = slots_of(&self.nodes, b);
                    if i < k {
                        true
                    } else {
                        i -= k;
                        false
                    }
                })
                .expect("a slot of a healthy backend");
            (b, i as u32)
        });
        self.scratch.healthy = healthy;
        self.scratch.slots = slots;
        let Some((b, inst)) = chosen else {
            self.fail(now, n, r, FailureReason::NoHealthyBackend);
            return;
        };
        let node = &mut self.nodes[n];
        let slow = node.slow;
        let State::Lb(lb) = &mut node.state else {
            return;
        };
        let mut added = lb.added;
        if let Some(f) = &mut lb.forwarding {
            let Some(wait) = f.admit(now, 1, slow) else {
                self.fail(now, n, r, FailureReason::Timeout);
                return;
            };
            added = added.after(wait);
            node.latency.record(now, added);
        }
        self.nodes[n].completions += 1;
        self.reqs[r as usize].instance = Some(inst);
        self.send(now, n, b, r, added, q);
    }

    /// The load balancer `n`'s choice among its `total` slots for request `r` (`loads`: each
    /// slot's requests in the system, for least connections only), or `None` if there is none.
    pub(crate) fn pick_slot(
        &mut self,
        n: NodeIx,
        r: ReqId,
        total: usize,
        loads: &[u64],
    ) -> Option<usize> {
        if total == 0 {
            return None;
        }
        let client = self.reqs[r as usize].client as u64;
        let State::Lb(lb) = &mut self.nodes[n].state else {
            return None;
        };
        Some(match lb.algorithm {
            LbAlgorithm::RoundRobin => lb.next.next(total as u64) as usize,
            LbAlgorithm::Random => lb.rng.below(total as u64) as usize,
            LbAlgorithm::LeastConnections => {
                let start = lb.rng.below(total as u64) as usize;
                (0..total)
                    .map(|k| (start + k) % total)
                    .min_by_key(|&k| loads.get(k).copied().unwrap_or(0))
                    .unwrap_or(0)
            }
            LbAlgorithm::StickyByClient => target_for_key(client, total as u64) as usize,
        })
    }
}
