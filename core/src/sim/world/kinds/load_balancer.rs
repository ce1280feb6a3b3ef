//! Load balancer: spreads requests over its health-checked backends (one slot per active
//! web instance) by its policy. With a capacity it forwards one request at a time, in
//! arrival order (Lindley's recursion on its own arrival event); a request that would wait
//! past the timeout is refused.
//!
//! A slowed balancer (`Slow` ×f) adds f times its configured latency to each request it
//! forwards, and with a capacity also takes f times as long to forward each one.

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
            routes: LbRoutes::default(),
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
    /// Its healthy backends and their slots, worked out once per [`World::routes_epoch`]
    /// rather than for every request.
    pub(crate) routes: LbRoutes,
}

/// A balancer's healthy backends (wired, believed up by its health checks), in wire order,
/// and the slots of each ([`slots_of`]). They change only with a health check, an autoscaler's
/// turn (both at a tick) or a fault, so they are worked out again only after one of those.
#[derive(Default)]
pub(crate) struct LbRoutes {
    /// The [`World::routes_epoch`] they were worked out in (`None`: not yet).
    epoch: Option<u64>,
    healthy: Vec<NodeIx>,
    counts: Vec<usize>,
    total: usize,
    /// The instance of each slot, backend after backend, when its health checks took a web
    /// server out; empty when each backend's slots are its active instances in order (almost
    /// always).
    ids: Vec<u32>,
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
        | State::Queue(_)
        | State::Workers(_)
        | State::Sink(_) => 1,
    }
}

impl World {
    /// The healthy backends of balancer `n` and their slots, as of now.
    fn work_out_routes(&self, n: NodeIx, routes: &mut LbRoutes) {
        routes.healthy.clear();
        routes.counts.clear();
        if let State::Lb(lb) = &self.nodes[n].state {
            routes.healthy.extend(
                self.targets(n, OutPort::Backends)
                    .filter(|&b| lb.health.believed_up(b)),
            );
        }
        routes
            .counts
            .extend(routes.healthy.iter().map(|&b| slots_of(&self.nodes, b)));
        routes.ids.clear();
        if let State::Lb(lb) = &self.nodes[n].state
            && lb.health.servers.iter().any(|s| !s.3)
        {
            // Some servers are out: each slot names its instance, and those out have none.
            for (k, &b) in routes.healthy.iter().enumerate() {
                let all = routes.counts[k] as u32;
                let kept = (0..all).filter(|&i| !lb.health.server_out(b, i));
                let before = routes.ids.len();
                routes.ids.extend(kept);
                routes.counts[k] = routes.ids.len() - before;
            }
        }
        routes.total = routes.counts.iter().sum();
        routes.epoch = Some(self.routes_epoch);
    }

    pub(crate) fn balance(&mut self, now: SimTime, n: NodeIx, r: ReqId, q: &mut EventQueue<Ev>) {
        let mut routes = LbRoutes::default();
        let mut least_connections = false;
        if let State::Lb(lb) = &mut self.nodes[n].state {
            routes = std::mem::take(&mut lb.routes);
            least_connections = lb.algorithm == LbAlgorithm::LeastConnections;
        }
        if routes.epoch != Some(self.routes_epoch) {
            self.work_out_routes(n, &mut routes);
        }
        let mut slots = std::mem::take(&mut self.scratch.slots);
        slots.clear();
        // The policy spreads over (backend, instance) slots; only least connections needs each
        // slot's load.
        if least_connections {
            let mut first = 0;
            for (k, &b) in routes.healthy.iter().enumerate() {
                // The instances of this backend's slots, when some servers are out.
                let mapped = routes.ids.get(first..first + routes.counts[k]);
                first += routes.counts[k];
                match &self.nodes[b].state {
                    State::Web(w) if let Some(ids) = mapped => {
                        slots.extend(ids.iter().map(|&i| w.instances[i as usize].in_system()));
                    }
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
                    | State::Queue(_)
                    | State::Workers(_)
                    | State::Sink(_) => slots.push(0),
                }
            }
        }
        let World {
            nodes,
            reqs,
            scratch,
            ..
        } = self;
        let node = &mut nodes[n];
        let here = Here {
            node: n,
            slow: node.slow,
            completions: &mut node.completions,
            latency: &mut node.latency,
        };
        let req = &mut reqs[r as usize];
        let arrival = match &mut node.state {
            State::Lb(lb) => {
                let arrival = lb.forward(now, req, &routes, &slots, here);
                lb.routes = routes;
                arrival
            }
            // Only balancers balance.
            State::Users(_)
            | State::Dns(_)
            | State::Cdn(_)
            | State::Web(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::Db(_)
            | State::NoSql(_)
            | State::Sharded(_)
            | State::Queue(_)
            | State::Workers(_)
            | State::Sink(_) => Arrival::Fail(FailureReason::NoRoute),
        };
        scratch.slots = slots;
        self.apply(now, n, r, arrival, q);
    }
}

impl LbNode {
    /// Forwards a request over the healthy backends of its `routes` (`loads`: each slot's
    /// requests in the system, for least connections only): the policy picks a slot (the
    /// backend's instance goes with the request), and a balancer with
    /// a capacity makes it wait for its turn (or refuses it past the timeout). A slowed
    /// balancer's added latency is its configured one times the slow-down.
    #[inline]
    pub(crate) fn forward(
        &mut self,
        now: SimTime,
        req: &mut Req,
        routes: &LbRoutes,
        loads: &[u64],
        here: Here<'_>,
    ) -> Arrival {
        let Some(slot) = self.pick_slot(req.client as u64, routes.total, loads) else {
            return Arrival::Fail(FailureReason::NoHealthyBackend);
        };
        let mut i = slot;
        let k = routes
            .counts
            .iter()
            .position(|&c| {
                if i < c {
                    true
                } else {
                    i -= c;
                    false
                }
            })
            .expect("a slot of a healthy backend");
        let mut added = if here.slow == 1.0 {
            self.added
        } else {
            SimTime::from_secs_f64(self.added.as_secs_f64() * here.slow)
        };
        if let Some(f) = &mut self.forwarding {
            let Some(wait) = f.admit(now, 1, here.slow) else {
                return Arrival::Fail(FailureReason::Timeout);
            };
            added = added.after(wait);
            here.latency.record(now, added);
        }
        *here.completions += 1;
        let instance = routes.ids.get(slot).map_or(i as u32, |&id| id);
        req.instance = MaybeIx::instance(instance);
        Arrival::Forward {
            to: routes.healthy[k],
            extra: added,
        }
    }

    /// Its choice among its `total` slots for a request of `client` (`loads`: each slot's
    /// requests in the system, for least connections only), or `None` if there is none.
    #[inline]
    fn pick_slot(&mut self, client: u64, total: usize, loads: &[u64]) -> Option<usize> {
        if total == 0 {
            return None;
        }
        Some(match self.algorithm {
            LbAlgorithm::RoundRobin => self.next.next(total as u64) as usize,
            LbAlgorithm::Random => self.rng.below(total as u64) as usize,
            LbAlgorithm::LeastConnections => {
                let start = self.rng.below(total as u64) as usize;
                (0..total)
                    .map(|k| (start + k) % total)
                    .min_by_key(|&k| loads.get(k).copied().unwrap_or(0))
                    .unwrap_or(0)
            }
            LbAlgorithm::StickyByClient => target_for_key(client, total as u64) as usize,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::model::builder::DiagramBuilder;
    use crate::model::{ComponentKind, OutPort};

    #[test]
    fn a_cut_backend_wire_takes_the_backend_out_at_once_not_at_the_next_tick() {
        // The balancer's routes are worked out once per tick or fault: a fault between two
        // ticks must still reroute from the moment it happens.
        let mut b = DiagramBuilder::new();
        let users = b.add_users_at(2000.0);
        let lb = b.add(ComponentKind::LoadBalancer).id();
        let kept = b.add(ComponentKind::WebServers).id();
        let cut_off = b.add(ComponentKind::WebServers).id();
        b.wire(users, OutPort::Dynamic, lb);
        b.wire(lb, OutPort::Backends, kept);
        let wire = b
            .wire(lb, OutPort::Backends, cut_off)
            .expect("a backend wire");
        assert!(b.problems().is_empty(), "{:?}", b.problems());
        super::super::assert_a_cut_reroutes_at_once(&b.finish(), wire, kept, cut_off);
    }
}
