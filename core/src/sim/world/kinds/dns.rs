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
            cache: Vec::new(),
            rng: SimRng::stream(seed, id as u64, "dns"),
        })
    }
}

pub(crate) struct DnsNode {
    pub(crate) ttl: SimTime,
    pub(crate) routing: DnsRouting,
    pub(crate) health: Health,
    /// (answer, expires) by `users node * DNS_BUCKETS + client bucket`: a few slots a
    /// population, so an array, not a hash map (a lookup on every request).
    pub(crate) cache: Vec<Option<(NodeIx, SimTime)>>,
    pub(crate) rng: SimRng,
}

impl World {
    /// A request reaches the resolver `n`: on to the entry point it answers, or *no healthy
    /// backend*. The resolver is handed the entry points wired to it and the nodes' places.
    pub(crate) fn dns_arrive(&mut self, now: SimTime, n: NodeIx, r: ReqId, q: &mut EventQueue<Ev>) {
        let World {
            nodes,
            reqs,
            scratch,
            places,
            wires,
            ..
        } = self;
        // The entry points wired to it and up, in wiring order (listed again only after a cut or
        // a restore: `WireIndex`).
        let entries = wires.of(n, OutPort::Resolve);
        let node = &mut nodes[n];
        let req = &reqs[r as usize];
        let answer = match &mut node.state {
            State::Dns(d) => d.resolve(now, req, entries, places, &mut scratch.picks),
            // Only resolvers resolve.
            State::Users(_)
            | State::Cdn(_)
            | State::Lb(_)
            | State::Web(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::Db(_)
            | State::NoSql(_)
            | State::Sharded(_)
            | State::Queue(_)
            | State::Workers(_)
            | State::Sink(_) => None,
        };
        match answer {
            Some(t) => {
                self.nodes[n].completions += 1;
                self.send(now, n, t, r, SimTime::ZERO, q)
            }
            None => self.fail(now, n, r, FailureReason::NoHealthyBackend),
        }
    }
}

impl DnsNode {
    /// The entry point (among `entries`, in wiring order; `places`: the places of all nodes) a request is resolved to: the
    /// answer cached for its bucket of clients while it lasts, else a healthy entry point by
    /// the routing policy (nearest to the request's region, or by weight), cached for the TTL
    /// (buckets expire at staggered times, so clients re-resolve gradually). `picks`: a reused
    /// buffer.
    #[inline]
    pub(crate) fn resolve(
        &mut self,
        now: SimTime,
        req: &Req,
        entries: &[NodeIx],
        places: &[Place],
        picks: &mut Vec<u32>,
    ) -> Option<NodeIx> {
        let bucket = req.client as u64 % DNS_BUCKETS;
        let cache_key = (req.users.0 as u64 * DNS_BUCKETS + bucket) as usize;
        if let Some(&Some((answer, expires))) = self.cache.get(cache_key)
            && now < expires
            && entries.contains(&answer)
        {
            return Some(answer);
        }
        picks.clear();
        picks.extend(
            (0..entries.len() as u32).filter(|&i| self.health.believed_up(entries[i as usize])),
        );
        let healthy = &*picks;
        let pick = match &self.routing {
            DnsRouting::Nearest => healthy.iter().copied().min_by(|&a, &b| {
                let rtt = |i: u32| {
                    places[entries[i as usize].0 as usize]
                        .region
                        .map_or(1e9, |g| req.region.round_trip_ms(g))
                };
                rtt(a).total_cmp(&rtt(b)).then(a.cmp(&b))
            }),
            DnsRouting::Weighted { percent } => {
                // Healthy targets by their weight (evenly if none of them has one).
                let weight = |i: u32| {
                    percent
                        .iter()
                        .find(|w| w.target == places[entries[i as usize].0 as usize].id)
                        .map_or(0, |w| w.percent as u64)
                };
                let total: u64 = healthy.iter().map(|&i| weight(i)).sum();
                if healthy.is_empty() {
                    None
                } else if total == 0 {
                    Some(healthy[self.rng.below(healthy.len() as u64) as usize])
                } else {
                    let mut x = self.rng.below(total);
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
        let answer = entries[pick? as usize];
        // Buckets expire at staggered times, so clients re-resolve gradually over a TTL.
        let stagger = SimTime(self.ttl.0 / DNS_BUCKETS * bucket);
        let expires = if self.ttl == SimTime::ZERO {
            now
        } else {
            let base = now.after(self.ttl);
            if self.cache.get(cache_key).is_some_and(Option::is_some) {
                base
            } else {
                base.since(stagger)
            }
        };
        if cache_key >= self.cache.len() {
            self.cache.resize(cache_key + 1, None);
        }
        self.cache[cache_key] = Some((answer, expires));
        Some(answer)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::builder::DiagramBuilder;
    use crate::model::{ComponentKind, OutPort};

    #[test]
    fn a_cut_entry_wire_is_no_longer_an_answer_from_the_moment_it_is_cut() {
        // The resolver's entry points are listed once per cut or restore (`WireIndex`): a cut
        // between two ticks must still move every client to the other entry point at once.
        let mut b = DiagramBuilder::new();
        let users = b.add_users_at(2000.0);
        let dns = b.add(ComponentKind::Dns).id();
        let first = b.add(ComponentKind::WebServers).id();
        let second = b.add(ComponentKind::WebServers).id();
        b.wire(users, OutPort::Dynamic, dns);
        let wire = b.wire(dns, OutPort::Resolve, first).expect("an entry wire");
        b.wire(dns, OutPort::Resolve, second);
        assert!(b.problems().is_empty(), "{:?}", b.problems());
        super::super::assert_a_cut_reroutes_at_once(&b.finish(), wire, second, first);
    }
}
