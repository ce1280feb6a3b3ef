//! DNS: resolves a request to one of its entry points (TTL-cached per bucket of clients,
//! health-checked, nearest datacenter or weighted). It routes a request on the moment it is
//! sent there, for its arrival time: it neither queues nor takes time.

use crate::model::config::DnsConfig;
use crate::sim::world::build::BuildCtx;
use crate::sim::world::*;

impl DnsNode {
    /// The node state of a component with these settings.
    pub(crate) fn build(d: &DnsConfig, ctx: &mut BuildCtx<'_>) -> State {
        let (seed, id) = (ctx.seed, ctx.id);
        State::Dns(DnsNode {
            ttl: SimTime::from_secs(d.record_ttl_s as u64),
            routing: d.routing.clone(),
            health: Health::new(
                d.health_check_interval_s,
                d.failure_threshold,
                &ctx.targets(OutPort::Resolve),
            ),
            cache: KeyMap::default(),
            rng: SimRng::stream(seed, id as u64, "dns"),
        })
    }
}

pub(crate) struct DnsNode {
    pub(crate) ttl: SimTime,
    pub(crate) routing: DnsRouting,
    pub(crate) health: Health,
    /// (users node, client bucket) -> (answer, expires)
    pub(crate) cache: KeyMap<(NodeIx, SimTime)>,
    pub(crate) rng: SimRng,
}

impl World {
    pub(crate) fn resolve(&mut self, now: SimTime, n: NodeIx, r: ReqId) -> Option<NodeIx> {
        let req = self.reqs[r as usize];
        let mut candidates = std::mem::take(&mut self.scratch.targets);
        candidates.clear();
        candidates.extend(self.targets(n, OutPort::Resolve));
        let nodes = &mut self.nodes;
        let State::Dns(d) = &mut nodes[n].state else {
            self.scratch.targets = candidates;
            return None;
        };
        let bucket = req.client as u64 % DNS_BUCKETS;
        let cache_key = req.users.0 as u64 * DNS_BUCKETS + bucket;
        if let Some(&(answer, expires)) = d.cache.get(&cache_key)
            && now < expires
            && candidates.contains(&answer)
        {
            self.scratch.targets = candidates;
            return Some(answer);
        }
        let mut healthy = std::mem::take(&mut self.scratch.picks);
        healthy.clear();
        healthy.extend(
            (0..candidates.len() as u32).filter(|&i| d.health.believed_up(candidates[i as usize])),
        );
        let region = |i: u32| self.nodes[candidates[i as usize]].region;
        let id = |i: u32| self.nodes[candidates[i as usize]].id;
        let State::Dns(d) = &self.nodes[n].state else {
            unreachable!("checked above")
        };
        let mut draw = d.rng.clone();
        let pick = match &d.routing {
            DnsRouting::Nearest => healthy.iter().copied().min_by(|&a, &b| {
                let rtt = |i: u32| region(i).map_or(1e9, |g| req.region.round_trip_ms(g));
                rtt(a).total_cmp(&rtt(b)).then(a.cmp(&b))
            }),
            DnsRouting::Weighted { percent } => {
                // Healthy targets by their weight (evenly if none of them has one).
                let weight = |i: u32| {
                    percent
                        .iter()
                        .find(|w| w.target == id(i))
                        .map_or(0, |w| w.percent as u64)
                };
                let total: u64 = healthy.iter().map(|&i| weight(i)).sum();
                if healthy.is_empty() {
                    None
                } else if total == 0 {
                    Some(healthy[draw.below(healthy.len() as u64) as usize])
                } else {
                    let mut x = draw.below(total);
                    healthy.iter().copied().find(|&i| {
                        let w = weight(i);
                        if x < w {
                            true
                        } else {
                            x -= w;
                            false
                        }
                    })
                }
            }
        };
        let answer = pick.map(|i| candidates[i as usize]);
        self.scratch.targets = candidates;
        self.scratch.picks = healthy;
        let State::Dns(d) = &mut self.nodes[n].state else {
            unreachable!("checked above")
        };
        d.rng = draw;
        let answer = answer?;
        // Buckets expire at staggered times, so clients re-resolve gradually over a TTL.
        let stagger = SimTime(d.ttl.0 / DNS_BUCKETS * bucket);
        let expires = if d.ttl == SimTime::ZERO {
            now
        } else {
            let base = now.after(d.ttl);
            if d.cache.contains_key(&cache_key) {
                base
            } else {
                base.since(stagger)
            }
        };
        d.cache.insert(cache_key, (answer, expires));
        Some(answer)
    }
}

impl World {
    /// A request reaches the resolver `n`: on to the entry point it answers, or *no healthy
    /// backend*.
    pub(crate) fn dns_arrive(&mut self, now: SimTime, n: NodeIx, r: ReqId, q: &mut EventQueue<Ev>) {
        match self.resolve(now, n, r) {
            Some(t) => {
                self.nodes[n].completions += 1;
                self.send(now, n, t, r, SimTime::ZERO, q)
            }
            None => self.fail(now, n, r, FailureReason::NoHealthyBackend),
        }
    }
}
