//! Theory applied to a whole diagram: the inputs of the closed forms in [`super::theory`], read
//! from the component settings and the scenario, for the run view's previews and theory lines.
//!
//! Owns: the request rate the user populations offer at any moment of a run
//! ([`offered_rate_rps`], and [`rate_preview`], the traffic profile's curve over a run), the
//! write rate each component is offered ([`write_rates`]: every population's writes followed
//! along the wires, split the way the simulation routes them), and the replica-lag prediction
//! of every replicated database ([`replica_lag_predictions`]: its mean lag and, where the keys
//! reaching it are one population's whole key mix, the share of its reads that are stale), and
//! the requests each component is offered as far as the web tiers ([`request_rates`]), which
//! [`tiers`] turns into the web tiers' and balancers' queueing predictions and the caches' hit
//! ratios, and which prices the request-priced parts of a design ([`design_cost`]).
//!
//! ```text
//!  Users ─dynamic─▶ DNS (nearest region, or by weight) ─▶ LB (by instance slots) ─▶ Web
//!    Web ─▶ its data stores, evenly (the key hash) ─▶ Database: the primary's write rate
//!        └▶ no store: its first data target (a cache) ─▶ the cache's miss target
//! ```
//!
//! Steady state with everything up: faults, health checks, autoscaling, overload and DNS
//! answers cached per client are not modelled. A web tier picks a store by a hash of the key,
//! so popular keys tilt the split: the most popular ranks (and celebrity keys) are hashed
//! exactly as the simulation does, the long tail is taken to split evenly. Knows nothing of
//! the view: it returns numbers, which the view words.

use crate::sorted::SortedMap;

use crate::model::config::{Replication, UsersConfig};
use crate::model::{ComponentConfig, ComponentId, ComponentKind, Diagram, OutPort, Region};

use super::theory;
use super::world::{MAX_ZIPF_KEYS, target_for_key};

mod tiers;
pub use tiers::{
    BalancerPrediction, CachePrediction, InstanceSplit, WebQueueModel, WebTierPrediction,
    balancer_prediction, cache_predictions, web_tier_predictions,
};

/// Followed this many hops, a flow stops (the simulation fails such a request with no route).
const HOP_LIMIT: u8 = 24;

/// Requests per second all user populations send at `t_s` seconds into a run, under the
/// scenario's traffic profile: what the simulation's arrival rate is at that moment.
pub fn offered_rate_rps(d: &Diagram, t_s: f64) -> f64 {
    populations(d, t_s).map(|(_, rps, _)| rps).sum()
}

/// `(population index, requests per second at t_s, write share)` of every Users component.
fn populations(d: &Diagram, t_s: f64) -> impl Iterator<Item = (usize, f64, f64)> + '_ {
    let duration = d.scenario.duration_s as f64;
    let profile = d.scenario.traffic;
    let all_users = d.active_users();
    d.components
        .iter()
        .enumerate()
        .filter_map(move |(i, c)| match &c.config {
            ComponentConfig::Users(u) => {
                let m = profile.multiplier_at(t_s, duration, all_users);
                let rps = u.load.rate_rps() * m;
                Some((i, if rps.is_finite() { rps } else { 0.0 }, u.write_share))
            }
            _ => None,
        })
}

/// The offered request rate over the whole run as `(seconds, requests per second)` points,
/// oldest first, for a sparkline: `samples` evenly spaced points (at least 2, more for a short
/// daily period so every cycle shows), plus both sides of every step of a spike, so a short
/// flash crowd is never missed between two samples.
pub fn rate_preview(d: &Diagram, samples: usize) -> Vec<(f64, f64)> {
    use crate::model::TrafficProfile as P;
    let duration = d.scenario.duration_s as f64;
    let mut n = samples.max(2);
    let mut times: Vec<f64> = Vec::new();
    match d.scenario.traffic {
        P::Diurnal { period_s, .. } if period_s > 0.0 => {
            // 16 steps a cycle (so peaks and troughs are samples), within reason.
            let steps = (16.0 * duration / period_s).ceil();
            if steps.is_finite() {
                n = n.max(steps.min(2_000.0) as usize + 1);
            }
        }
        P::Spike {
            at_s, duration_s, ..
        } => {
            for edge in [at_s, at_s + duration_s] {
                if edge > 0.0 && edge < duration {
                    // Just before the step, and at it.
                    times.push((edge - duration * 1e-6).max(0.0));
                    times.push(edge);
                }
            }
        }
        _ => {}
    }
    times.extend((0..n).map(|i| duration * i as f64 / (n - 1) as f64));
    crate::order::sort_by(&mut times, &|a, b| a.total_cmp(b));
    times.dedup();
    times
        .into_iter()
        .map(|t| (t, offered_rate_rps(d, t)))
        .collect()
}

/// Writes per second reaching each component at `t_s` seconds into a run, by id: every
/// population's writes followed from its dynamic port as the simulation routes them. A
/// database's figure is the write rate of its primary (and so of every replica's apply queue).
pub fn write_rates(d: &Diagram, t_s: f64) -> SortedMap<ComponentId, f64> {
    let flow = Flow::new(d);
    let mut rates = SortedMap::new();
    for (i, rps, write_share) in populations(d, t_s) {
        let writes = rps * write_share;
        if !(writes.is_finite() && writes > 0.0) {
            continue;
        }
        let ComponentConfig::Users(users) = &d.components[i].config else {
            continue;
        };
        if let Some(&first) = flow.targets(i, OutPort::Dynamic).first() {
            let from = Source {
                users,
                web: None,
                balancer: None,
                static_asset: false,
            };
            flow.arrive(first, writes, from, 0, &mut rates);
        }
    }
    rates
}

/// Requests per second reaching each component at `t_s` seconds into a run, by id, as far as
/// the web tiers: every population's requests (reads, writes and static assets; static ones by
/// the `static` wire when drawn, else with the others) followed through DNS, CDN edges and load
/// balancers as the simulation routes them. A CDN edge passes on the static assets it misses,
/// by Che's approximation of an LRU cache (its TTL ignored). What the web tiers send on to
/// their stores is not counted.
pub fn request_rates(d: &Diagram, t_s: f64) -> SortedMap<ComponentId, f64> {
    requests_to_web_tiers(d, t_s).0
}

/// What `d` costs an hour as configured at `t_s` seconds into a run: every component's price
/// (`model::cost`), the request-priced ones (DNS, CDN, balancers) at the rates
/// [`request_rates`] says reach them. The cost badge shows it while nothing runs.
pub fn design_cost(d: &Diagram, t_s: f64) -> crate::model::cost::DesignCost {
    let rates = request_rates(d, t_s);
    crate::model::cost::design_cost(d, |id| rates.get(&id).copied().unwrap_or(0.0))
}

/// [`request_rates`], with the flow it followed (what reached each web tier, and from where).
fn requests_to_web_tiers(d: &Diagram, t_s: f64) -> (SortedMap<ComponentId, f64>, Flow<'_>) {
    let mut flow = Flow::new(d);
    flow.stop_at_web = true;
    let mut rates = SortedMap::new();
    for (i, rps, _) in populations(d, t_s) {
        let ComponentConfig::Users(users) = &d.components[i].config else {
            continue;
        };
        // The simulation draws a read below `read_share`, a write below `read + write`, and
        // a static asset above.
        let dynamic = (users.read_share + users.write_share).clamp(0.0, 1.0);
        let dynamic_target = flow.targets(i, OutPort::Dynamic).first().copied();
        let static_target = flow
            .targets(i, OutPort::Static)
            .first()
            .copied()
            .or(dynamic_target);
        for (target, share, static_asset) in [
            (dynamic_target, dynamic, false),
            (static_target, 1.0 - dynamic, true),
        ] {
            if let Some(t) = target {
                let from = Source {
                    users,
                    web: None,
                    balancer: None,
                    static_asset,
                };
                flow.arrive(t, rps * share, from, 0, &mut rates);
            }
        }
    }
    (rates, flow)
}

/// Where a flow of writes comes from: the population (its region picks the nearest
/// datacenter, its keys the store) and the web tier it went through, if any.
#[derive(Clone, Copy)]
struct Source<'a> {
    users: &'a UsersConfig,
    web: Option<usize>,
    /// The load balancer that chose the instance, if one did.
    balancer: Option<usize>,
    /// A static asset (a CDN edge answers its hits).
    static_asset: bool,
}

/// Requests reaching a web tier: from which balancer (`None`: straight from DNS, a CDN or the
/// users, so the tier's own round robin picks the instance), how many a second.
#[derive(Clone, Copy, Debug)]
struct WebArrival {
    web: usize,
    balancer: Option<usize>,
    rps: f64,
    /// Of which reads and writes (the rest are static assets).
    reads: f64,
    writes: f64,
}

/// Share of a population's requests whose key hashes to each of `count` stores, as the
/// simulation picks a store ([`target_for_key`]): the top ranks and the celebrity keys
/// exactly, the tail evenly.
fn key_split(users: &UsersConfig, count: usize) -> Vec<f64> {
    let mut share = vec![0.0; count.max(1)];
    let count = share.len() as u64;
    let keys = users.key_space.clamp(1, MAX_ZIPF_KEYS);
    let exact = keys.min(theory::EXACT_RANKS) as usize;
    let buckets = theory::zipf_buckets(keys, users.zipf_alpha);
    let mut covered = 0.0;
    for (k, &(p, _)) in buckets.iter().take(exact).enumerate() {
        share[target_for_key(k as u64, count) as usize] += p;
        covered += p;
    }
    let tail = (1.0 - covered).max(0.0) / count as f64;
    share.iter_mut().for_each(|s| *s += tail);
    // Celebrity keys are the first `celebrity_keys` keys, drawn evenly.
    let celebrities = (users.celebrity_keys as u64).min(keys);
    if celebrities > 0 {
        let c = users.celebrity_share.clamp(0.0, 1.0);
        share.iter_mut().for_each(|s| *s *= 1.0 - c);
        for k in 0..celebrities {
            share[target_for_key(k, count) as usize] += c / celebrities as f64;
        }
    }
    share
}

/// The wiring of a diagram, indexed for following flows.
struct Flow<'a> {
    d: &'a Diagram,
    /// Per component (diagram order): (port, target index), in wire order.
    outs: Vec<Vec<(OutPort, usize)>>,
    /// Whether flows stop at the web tiers (all requests, for the queues up to them) instead
    /// of going on to the stores (writes).
    stop_at_web: bool,
    /// With `stop_at_web`: what reached each web tier, and from where.
    web_arrivals: std::cell::RefCell<Vec<WebArrival>>,
    /// With `stop_at_web`: the CDN edges static requests reached (their misses go on to the
    /// origin at the rate Che's approximation gives).
    static_at_edges: std::cell::RefCell<Vec<usize>>,
}

impl<'a> Flow<'a> {
    fn new(d: &'a Diagram) -> Flow<'a> {
        let index = |id: ComponentId| d.components.iter().position(|c| c.id == id);
        let mut outs = vec![Vec::new(); d.components.len()];
        for w in &d.wires {
            if let (Some(f), Some(t)) = (index(w.from.component), index(w.to.component)) {
                outs[f].push((w.from.port, t));
            }
        }
        Flow {
            d,
            outs,
            stop_at_web: false,
            web_arrivals: Default::default(),
            static_at_edges: Default::default(),
        }
    }

    fn targets(&self, n: usize, port: OutPort) -> Vec<usize> {
        self.outs[n]
            .iter()
            .filter(|o| o.0 == port)
            .map(|o| o.1)
            .collect()
    }

    fn kind(&self, n: usize) -> ComponentKind {
        self.d.components[n].kind
    }

    fn region(&self, n: usize) -> Option<Region> {
        self.d.region_of(self.d.components[n].id)
    }

    /// The data stores (not caches) among a web tier's data targets.
    fn stores(&self, web: usize) -> Vec<usize> {
        self.targets(web, OutPort::Data)
            .into_iter()
            .filter(|&t| self.kind(t) != ComponentKind::Cache)
            .collect()
    }

    /// `rps` writes arrive at component `n`.
    fn arrive(
        &self,
        n: usize,
        rps: f64,
        from: Source<'_>,
        hops: u8,
        rates: &mut SortedMap<ComponentId, f64>,
    ) {
        if hops >= HOP_LIMIT || rps <= 0.0 {
            return;
        }
        *rates.entry(self.d.components[n].id).or_insert(0.0) += rps;
        let region = from.users.region;
        let web = from.web;
        let mut send = |to: usize, share: f64, web: Option<usize>| {
            self.arrive(to, rps * share, Source { web, ..from }, hops + 1, rates)
        };
        // A web tier's stores, each with its share of the keys.
        let split = |web: usize| {
            let stores = self.stores(web);
            let shares = key_split(from.users, stores.len());
            stores.into_iter().zip(shares).collect::<Vec<_>>()
        };
        match &self.d.components[n].config {
            ComponentConfig::Dns(dns) => {
                let targets = self.targets(n, OutPort::Resolve);
                match &dns.routing {
                    crate::model::config::DnsRouting::Nearest => {
                        let rtt =
                            |t: usize| self.region(t).map_or(1e9, |g| region.round_trip_ms(g));
                        let nearest = (0..targets.len())
                            .min_by(|&a, &b| rtt(targets[a]).total_cmp(&rtt(targets[b])));
                        if let Some(k) = nearest {
                            send(targets[k], 1.0, web);
                        }
                    }
                    crate::model::config::DnsRouting::Weighted { percent } => {
                        let id = |t: usize| self.d.components[t].id;
                        let weight = |t: usize| {
                            percent
                                .iter()
                                .find(|w| w.target == id(t))
                                .map_or(0.0, |w| w.percent as f64)
                        };
                        let total: f64 = targets.iter().map(|&t| weight(t)).sum();
                        for &t in &targets {
                            let share = if total > 0.0 {
                                weight(t) / total
                            } else {
                                1.0 / targets.len() as f64
                            };
                            send(t, share, web);
                        }
                    }
                }
            }
            // Static assets: the edge answers its hits (an LRU cache of objects, taken by Che's
            // approximation over the population's keys; its TTL ignored), its misses go on.
            ComponentConfig::Cdn(cdn) if from.static_asset => {
                self.static_at_edges.borrow_mut().push(n);
                let keys = from.users.key_space.clamp(1, MAX_ZIPF_KEYS);
                let hit = theory::che_lru_hit_ratio(
                    keys,
                    from.users.zipf_alpha,
                    cdn.edge_capacity_objects,
                );
                if let Some(&origin) = self.targets(n, OutPort::Origin).first() {
                    send(origin, 1.0 - hit, web);
                }
            }
            // Writes and dynamic requests are not static assets: the edge passes them on.
            ComponentConfig::Cdn(_) => {
                if let Some(&origin) = self.targets(n, OutPort::Origin).first() {
                    send(origin, 1.0, web);
                }
            }
            // Every policy spreads over (backend, instance) slots: a web tier counts its
            // instances, anything else one slot.
            ComponentConfig::LoadBalancer(_) => {
                let backends = self.targets(n, OutPort::Backends);
                let slots = |t: usize| match &self.d.components[t].config {
                    ComponentConfig::WebServers(w) => w.instances as f64,
                    _ => 1.0,
                };
                let total: f64 = backends.iter().map(|&t| slots(t)).sum();
                if total > 0.0 {
                    for &t in &backends {
                        let via = Source {
                            balancer: Some(n),
                            ..from
                        };
                        self.arrive(t, rps * slots(t) / total, via, hops + 1, rates);
                    }
                }
            }
            ComponentConfig::WebServers(_) if self.stop_at_web => {
                let u = from.users;
                let data = u.read_share.clamp(0.0, 1.0) + u.write_share.max(0.0);
                let reads = if from.static_asset || data <= 0.0 {
                    0.0
                } else {
                    rps * u.read_share.clamp(0.0, 1.0) / data
                };
                let writes = if from.static_asset || data <= 0.0 {
                    0.0
                } else {
                    rps - reads
                };
                self.web_arrivals.borrow_mut().push(WebArrival {
                    web: n,
                    balancer: from.balancer,
                    rps,
                    reads,
                    writes,
                });
            }
            ComponentConfig::WebServers(_) => {
                let stores = split(n);
                if stores.is_empty() {
                    if let Some(&first) = self.targets(n, OutPort::Data).first() {
                        send(first, 1.0, Some(n));
                    }
                } else {
                    for (s, share) in stores {
                        send(s, share, Some(n));
                    }
                }
            }
            // A write invalidates the key and goes on to the miss target, or to the stores of
            // the web tier it came through.
            ComponentConfig::Cache(_) => {
                if let Some(&miss) = self.targets(n, OutPort::Miss).first() {
                    send(miss, 1.0, web);
                } else if let Some(w) = web {
                    for (s, share) in split(w) {
                        send(s, share, web);
                    }
                }
            }
            // Where writes end (or fail): the stores, and what cannot take a request.
            ComponentConfig::Users(_)
            | ComponentConfig::SessionStore(_)
            | ComponentConfig::MetricsSink(_)
            | ComponentConfig::Database(_)
            | ComponentConfig::NoSql(_)
            | ComponentConfig::ShardedDatabase(_)
            | ComponentConfig::MessageQueue(_)
            | ComponentConfig::Workers(_) => {}
        }
    }
}

/// What queueing theory says about the replicas of one database.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplicaLagPrediction {
    /// The database.
    pub database: ComponentId,
    /// Its label.
    pub label: String,
    /// Writes per second reaching its primary (each replica applies every one).
    pub write_rps: f64,
    /// Writes per second one replica's apply thread replays.
    pub apply_rps: f64,
    /// One-way delay shipping a write to a replica.
    pub network_delay_ms: f64,
    /// Whether writes are acknowledged only once the replicas applied them.
    pub sync: bool,
    /// The mean lag of a write (network delay + M/M/1 apply sojourn), in milliseconds; `None`
    /// when writes arrive at least as fast as a replica applies them, and the lag grows
    /// without bound.
    pub mean_lag_ms: Option<f64>,
    /// The share of replica reads that find their key's latest write not applied yet, the
    /// figure comparable with the simulated one: `None` when the lag grows without bound, or
    /// when the keys reaching the database are not one population's whole key mix (a cache in
    /// front serves the popular reads; a second store or population takes part of the keys).
    pub stale_read_share: Option<f64>,
}

/// The delay after a write at which the view quotes the chance of a stale read: a client
/// reading back what it just wrote, one quick round trip later.
pub const READ_BACK_AFTER_MS: f64 = 10.0;

impl ReplicaLagPrediction {
    /// How fast the lag grows in overload: seconds of lag gained per second (the backlog
    /// grows by write - apply rate, and lag = backlog / apply rate). `None` when stable.
    pub fn lag_growth_s_per_s(&self) -> Option<f64> {
        if self.mean_lag_ms.is_some() || self.apply_rps <= 0.0 {
            return None;
        }
        Some((self.write_rps - self.apply_rps) / self.apply_rps)
    }

    /// The probability that a read `after_ms` after a write finds a replica without it.
    /// The simulation does not read at a fixed delay after a write (see
    /// [`ReplicaLagPrediction::stale_read_share`]); the view words this one for a client
    /// reading back its own write [`READ_BACK_AFTER_MS`] later.
    pub fn stale_read_probability(&self, after_ms: f64) -> Option<f64> {
        theory::replica_stale_probability(
            self.write_rps,
            self.apply_rps,
            self.network_delay_ms,
            after_ms,
        )
    }
}

/// The replica-lag prediction of every database with read replicas, at `t_s` seconds into a
/// run (the traffic profile sets the write rate then), in diagram order.
pub fn replica_lag_predictions(d: &Diagram, t_s: f64) -> Vec<ReplicaLagPrediction> {
    let rates = write_rates(d, t_s);
    d.components
        .iter()
        .filter_map(|c| {
            let ComponentConfig::Database(db) = &c.config else {
                return None;
            };
            if db.read_replicas == 0 {
                return None;
            }
            let write_rps = applied_writes(d, &rates, c.id);
            let stale_read_share = whole_key_mix(d, c.id, write_rps, t_s).and_then(|keys| {
                theory::replica_stale_share(
                    write_rps,
                    db.apply_rate_per_s,
                    db.network_delay_ms,
                    &keys,
                )
            });
            Some(ReplicaLagPrediction {
                database: c.id,
                label: c.label.clone(),
                write_rps,
                apply_rps: db.apply_rate_per_s,
                network_delay_ms: db.network_delay_ms,
                sync: db.replication == Replication::Sync,
                mean_lag_ms: theory::replica_lag_ms(
                    write_rps,
                    db.apply_rate_per_s,
                    db.network_delay_ms,
                ),
                stale_read_share,
            })
        })
        .collect()
}

/// The writes a database applies per second: those reaching it, or, in a group copied across
/// datacenters, every member's (copies forward theirs to the leader, which ships them all).
fn applied_writes(d: &Diagram, rates: &SortedMap<ComponentId, f64>, db: ComponentId) -> f64 {
    let replicate = |w: &&crate::model::Wire| w.from.port == OutPort::Replicate;
    let leader = d
        .wires
        .iter()
        .filter(replicate)
        .find(|w| w.to.component == db)
        .map_or(db, |w| w.from.component);
    let copies = d
        .wires
        .iter()
        .filter(replicate)
        .filter(|w| w.from.component == leader)
        .map(|w| w.to.component);
    std::iter::once(leader)
        .chain(copies)
        .map(|m| rates.get(&m).copied().unwrap_or(0.0))
        .sum()
}

/// The lag prediction of every copy of a database in another datacenter (the target of a
/// `replicate` wire), as the diagram has it (before any take-over): each applies all the
/// writes the leader takes (its own, and those its copies forward to it) after the one-way
/// delay between the two regions. The stale share of a whole run is not predicted for copies
/// (their reads and the leader's writes come from different populations).
pub fn copy_lag_predictions(d: &Diagram, t_s: f64) -> Vec<ReplicaLagPrediction> {
    let rates = write_rates(d, t_s);
    d.wires
        .iter()
        .filter(|w| w.from.port == OutPort::Replicate)
        .filter_map(|w| {
            let (leader, copy) = (w.from.component, w.to.component);
            let c = d.component(copy)?;
            let ComponentConfig::Database(db) = &c.config else {
                return None;
            };
            let write_rps = applied_writes(d, &rates, copy);
            let one_way_ms = Region::one_way_ms(d.region_of(leader), d.region_of(copy));
            Some(ReplicaLagPrediction {
                database: copy,
                label: c.label.clone(),
                write_rps,
                apply_rps: db.apply_rate_per_s,
                network_delay_ms: one_way_ms,
                sync: false,
                mean_lag_ms: theory::replica_lag_ms(write_rps, db.apply_rate_per_s, one_way_ms),
                stale_read_share: None,
            })
        })
        .collect()
}

/// The key popularity of the reads and writes reaching `database`, as (probability of one key,
/// number of such keys) buckets, when they are the whole key mix of the one population sending
/// traffic: all its writes arrive (`write_rps`), so no other store takes a part of its keys, and
/// no cache answers reads in front of it. `None` otherwise, or when there are more celebrity
/// keys than ranks summed exactly.
fn whole_key_mix(
    d: &Diagram,
    database: ComponentId,
    write_rps: f64,
    t_s: f64,
) -> Option<Vec<(f64, f64)>> {
    let mut sending = populations(d, t_s).filter(|p| p.1 > 0.0);
    let (i, rps, write_share) = sending.next()?;
    if sending.next().is_some() {
        return None;
    }
    let all_writes = rps * write_share;
    if !(all_writes > 0.0 && (write_rps - all_writes).abs() <= 1e-9 * all_writes) {
        return None;
    }
    let behind_cache = d
        .wires
        .iter()
        .any(|w| w.to.component == database && w.from.port == OutPort::Miss);
    if behind_cache {
        return None;
    }
    let ComponentConfig::Users(users) = &d.components[i].config else {
        return None;
    };
    let keys = users.key_space.clamp(1, MAX_ZIPF_KEYS);
    let mut buckets = theory::zipf_buckets(keys, users.zipf_alpha);
    // Celebrity keys are the first `celebrity_keys` keys, drawn evenly.
    let celebrities = (users.celebrity_keys as u64).min(keys);
    if celebrities > 0 {
        if celebrities > keys.min(theory::EXACT_RANKS) {
            return None;
        }
        let c = users.celebrity_share.clamp(0.0, 1.0);
        for (k, bucket) in buckets.iter_mut().enumerate() {
            bucket.0 *= 1.0 - c;
            if (k as u64) < celebrities {
                bucket.0 += c / celebrities as f64;
            }
        }
    }
    Some(buckets)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::config::{DnsRouting, UserLoad, WeightedTarget};
    use crate::model::{
        Component, InPortRef, OutPortRef, Point, TrafficProfile, Wire, WireId, examples,
    };

    pub(super) fn close(got: f64, want: f64, what: &str) {
        assert!(
            (got - want).abs() < 1e-9 * want.abs().max(1.0),
            "{what}: {got} vs {want}"
        );
    }

    fn near(got: f64, want: f64, rel: f64, what: &str) {
        assert!(
            (got - want).abs() <= rel * want.abs(),
            "{what}: {got} vs {want}"
        );
    }

    /// The share of Zipf(alpha) requests over `n` keys that hash to store `j` of `count`,
    /// summed key by key.
    fn brute_split(n: u64, alpha: f64, count: u64, j: u64) -> f64 {
        let w = |k: u64| ((k + 1) as f64).powf(-alpha);
        let total: f64 = (0..n).map(w).sum();
        (0..n)
            .filter(|&k| target_for_key(k, count) == j)
            .map(w)
            .sum::<f64>()
            / total
    }

    #[test]
    fn the_key_split_hashes_popular_and_celebrity_keys_as_the_simulation_does() {
        let mut u = UsersConfig {
            key_space: 1_000,
            zipf_alpha: 1.0,
            ..UsersConfig::default()
        };
        // Every key is a top rank here: exact.
        let split = key_split(&u, 3);
        for (j, share) in split.iter().enumerate() {
            near(*share, brute_split(1_000, 1.0, 3, j as u64), 1e-9, "exact");
        }
        close(split.iter().sum(), 1.0, "shares add up");
        // A large key space: the tail is spread evenly, which is right to a fraction of a %.
        u.key_space = 200_000;
        u.zipf_alpha = 0.8;
        for (j, share) in key_split(&u, 2).iter().enumerate() {
            near(
                *share,
                brute_split(200_000, 0.8, 2, j as u64),
                0.002,
                "tail",
            );
        }
        // Celebrity requests all go to the store key 0 hashes to.
        u.celebrity_keys = 1;
        u.celebrity_share = 1.0;
        let split = key_split(&u, 4);
        assert_eq!(split[target_for_key(0, 4) as usize], 1.0);
        assert_eq!(key_split(&u, 0), vec![1.0]);
    }

    fn by_label(d: &Diagram, rates: &SortedMap<ComponentId, f64>, label: &str) -> f64 {
        let c = d.components.iter().find(|c| c.label == label).unwrap();
        rates.get(&c.id).copied().unwrap_or(0.0)
    }

    /// A small diagram: components by kind (ids 1, 2, ... in order), wired in the order given
    /// (wire ids 100, 101, ...), each wire ending at its target's input port whatever the
    /// connection rules say: the predictions must hold for any wiring the engine accepts.
    pub(super) fn diagram(kinds: &[ComponentKind], wires: &[(usize, OutPort, usize)]) -> Diagram {
        let mut d = Diagram::new();
        for (i, &k) in kinds.iter().enumerate() {
            let label = format!("{k:?} {i}");
            let c = Component::new(ComponentId(i as u32 + 1), k, label, Point::new(0.0, 0.0));
            d.components.push(c);
        }
        for (w, &(from, port, to)) in wires.iter().enumerate() {
            d.wires.push(Wire {
                id: WireId(100 + w as u32),
                from: OutPortRef {
                    component: ComponentId(from as u32 + 1),
                    port,
                },
                to: InPortRef {
                    component: ComponentId(to as u32 + 1),
                    port: kinds[to].input().unwrap(),
                },
            });
        }
        d.next_id = 1_000;
        d
    }

    fn set_users(d: &mut Diagram, i: usize, rate_rps: f64, write_share: f64) {
        if let ComponentConfig::Users(u) = &mut d.components[i].config {
            u.load = UserLoad::Rate { rate_rps };
            u.write_share = write_share;
            u.read_share = 1.0 - write_share;
            u.static_share = 0.0;
        }
    }

    #[test]
    fn the_preview_follows_the_profile_over_the_run() {
        let mut d = diagram(&[ComponentKind::Users], &[]);
        set_users(&mut d, 0, 1_000.0, 0.1);
        d.scenario.duration_s = 100;
        d.scenario.traffic = TrafficProfile::Ramp {
            start_factor: 0.5,
            end_factor: 2.0,
        };
        let p = rate_preview(&d, 11);
        assert_eq!(p.len(), 11);
        assert_eq!(p[0], (0.0, 500.0));
        close(p[5].1, 1_250.0, "half way");
        assert_eq!(p[10], (100.0, 2_000.0));
        // A 2 s spike between two samples 10 s apart still shows, with vertical edges.
        d.scenario.traffic = TrafficProfile::Spike {
            at_s: 33.0,
            duration_s: 2.0,
            factor: 4.0,
        };
        let p = rate_preview(&d, 11);
        assert_eq!(p.len(), 15);
        let at = |t: f64| p.iter().find(|x| x.0 == t).unwrap().1;
        assert_eq!(at(33.0), 4_000.0);
        assert_eq!(at(35.0), 1_000.0);
        assert_eq!(p.iter().filter(|x| x.1 == 4_000.0).count(), 2);
        assert!(p.windows(2).all(|w| w[0].0 < w[1].0), "time increases");
        // Zero to a million users: a bare 1,000 req/s stands for 10,000 users at 0.1 req/s.
        d.scenario.traffic = TrafficProfile::Growth {
            start_users: 0,
            end_users: 1_000_000,
        };
        let p = rate_preview(&d, 3);
        close(p[0].1, 0.1, "one user");
        close(p[1].1, 100.0, "a thousand users");
        close(p[2].1, 100_000.0, "a million users");
        // A second population of as many users: the million is both together, each half.
        let mut two = diagram(&[ComponentKind::Users, ComponentKind::Users], &[]);
        set_users(&mut two, 0, 1_000.0, 0.1);
        set_users(&mut two, 1, 1_000.0, 0.1);
        two.scenario = d.scenario.clone();
        close(
            rate_preview(&two, 3)[2].1,
            100_000.0,
            "a million users in all",
        );
        // A daily cycle shorter than the run gets enough points for every cycle.
        d.scenario.traffic = TrafficProfile::Diurnal {
            period_s: 10.0,
            trough_factor: 0.0,
        };
        let p = rate_preview(&d, 11);
        assert_eq!(p.len(), 161);
        close(p[8].1, 1_000.0, "the first peak");
        close(p[16].1, 0.0, "the second trough");
    }

    #[test]
    fn writes_follow_geodns_the_balancers_and_the_key_hash_in_the_chapter_final_example() {
        // 2,000,000 users x 0.005 req/s in the Americas, 1,000,000 in Europe; 3 % writes.
        // GeoDNS sends each population to its nearest datacenter; each web tier splits writes
        // between its database (wired first) and the shared sharded database by key hash
        // (Zipf 0.8 over a million keys; the tail taken as even: within 0.3 %).
        let d = examples::chapter_final();
        let rates = write_rates(&d, 0.0);
        close(by_label(&d, &rates, "GeoDNS"), 450.0, "GeoDNS");
        close(by_label(&d, &rates, "Web tier (DC1)"), 300.0, "web DC1");
        close(by_label(&d, &rates, "Web tier (DC2)"), 150.0, "web DC2");
        let to_db = brute_split(1_000_000, 0.8, 2, 0);
        near(
            by_label(&d, &rates, "Database (DC1)"),
            300.0 * to_db,
            3e-3,
            "db DC1",
        );
        near(
            by_label(&d, &rates, "Database (DC2)"),
            150.0 * to_db,
            3e-3,
            "db DC2",
        );
        near(
            by_label(&d, &rates, "Users DB (sharded)"),
            450.0 * (1.0 - to_db),
            3e-3,
            "sharded",
        );
        // Writes never touch a cache on their way (the web tier invalidates it directly).
        assert_eq!(by_label(&d, &rates, "Cache (DC1)"), 0.0);
        let lag = replica_lag_predictions(&d, 0.0);
        assert_eq!(lag.len(), 2);
        assert_eq!(lag[0].label, "Database (DC1)");
        // DC1's database takes DC2's writes too (DC2's copies it), and both databases' replicas
        // apply them all: into 1,000 applies/s, 0.5 ms away: 0.5 + 1000 / (1000 - lambda) ms.
        let all = by_label(&d, &rates, "Database (DC1)") + by_label(&d, &rates, "Database (DC2)");
        close(lag[0].write_rps, all, "writes DC1");
        close(lag[1].write_rps, all, "writes DC2");
        close(
            lag[0].mean_lag_ms.unwrap(),
            0.5 + 1_000.0 / (1_000.0 - all),
            "lag DC1",
        );
        // DC2's copy gets them 40 ms later (80 ms round trip between the Americas and Europe).
        let copies = copy_lag_predictions(&d, 0.0);
        assert_eq!(copies.len(), 1);
        assert_eq!(copies[0].label, "Database (DC2)");
        close(copies[0].network_delay_ms, 40.0, "one way");
        close(
            copies[0].mean_lag_ms.unwrap(),
            40.0 + 1_000.0 / (1_000.0 - all),
            "copy lag",
        );
        assert!(!lag[0].sync);
        // Behind caches, and sharing the keys with the sharded database: no stale share.
        assert_eq!(lag[0].stale_read_share, None);
    }

    #[test]
    fn weighted_dns_balancer_slots_and_caches_split_writes() {
        use ComponentKind as K;
        // Users -> DNS (weighted 75/25) -> web A (3 instances) | LB -> web B (1), web C (3);
        // web A writes through a cache whose miss target is DB 1; web B has two stores.
        let mut d = diagram(
            &[
                K::Users,
                K::Dns,
                K::WebServers,
                K::LoadBalancer,
                K::WebServers,
                K::WebServers,
                K::Cache,
                K::Database,
                K::Database,
                K::NoSql,
            ],
            &[
                (0, OutPort::Dynamic, 1),
                (1, OutPort::Resolve, 2),
                (1, OutPort::Resolve, 3),
                (3, OutPort::Backends, 4),
                (3, OutPort::Backends, 5),
                (2, OutPort::Data, 6),
                (6, OutPort::Miss, 7),
                (4, OutPort::Data, 8),
                (4, OutPort::Data, 9),
                (5, OutPort::Data, 8),
            ],
        );
        set_users(&mut d, 0, 10_000.0, 0.04);
        if let ComponentConfig::Users(u) = &mut d.components[0].config {
            u.key_space = 500;
        }
        if let ComponentConfig::Dns(dns) = &mut d.components[1].config {
            dns.routing = DnsRouting::Weighted {
                percent: vec![
                    WeightedTarget {
                        target: ComponentId(3),
                        percent: 75,
                    },
                    WeightedTarget {
                        target: ComponentId(4),
                        percent: 25,
                    },
                ],
            };
        }
        for (i, n) in [(2, 3), (4, 1), (5, 3)] {
            if let ComponentConfig::WebServers(w) = &mut d.components[i].config {
                w.instances = n;
            }
        }
        let rates = write_rates(&d, 0.0);
        let at = |i: u32| rates.get(&ComponentId(i + 1)).copied().unwrap_or(0.0);
        close(at(0), 0.0, "users are a source");
        close(at(1), 400.0, "dns");
        close(at(2), 300.0, "web A");
        close(at(6), 300.0, "cache");
        close(at(7), 300.0, "db 1 behind the cache");
        close(at(3), 100.0, "lb");
        close(at(4), 25.0, "web B: one slot of four");
        close(at(5), 75.0, "web C: three slots of four");
        // Web B hashes keys over its two stores; web C has one.
        let to_db2 = brute_split(500, 0.8, 2, 0);
        near(at(8), 25.0 * to_db2 + 75.0, 1e-9, "db 2");
        near(at(9), 25.0 * (1.0 - to_db2), 1e-9, "nosql");
        // The profile scales the write rate at each moment.
        d.scenario.traffic = TrafficProfile::Ramp {
            start_factor: 1.0,
            end_factor: 3.0,
        };
        d.scenario.duration_s = 100;
        close(write_rates(&d, 50.0)[&ComponentId(8)], 600.0, "db 1 at 2x");
    }

    #[test]
    fn lag_predictions_say_when_writes_outrun_the_apply_thread() {
        use ComponentKind as K;
        let mut d = diagram(
            &[K::Users, K::WebServers, K::Database],
            &[(0, OutPort::Dynamic, 1), (1, OutPort::Data, 2)],
        );
        set_users(&mut d, 0, 1_000.0, 0.5);
        let replicas = |d: &mut Diagram, n: u32, apply: f64, mode: Replication| {
            if let ComponentConfig::Database(db) = &mut d.components[2].config {
                db.read_replicas = n;
                db.apply_rate_per_s = apply;
                db.replication = mode;
            }
        };
        replicas(&mut d, 0, 1_000.0, Replication::Async);
        assert!(replica_lag_predictions(&d, 0.0).is_empty(), "no replicas");
        replicas(&mut d, 2, 1_000.0, Replication::Async);
        let p = &replica_lag_predictions(&d, 0.0)[0];
        close(p.write_rps, 500.0, "writes");
        close(p.mean_lag_ms.unwrap(), 0.5 + 2.0, "lag");
        assert_eq!(p.lag_growth_s_per_s(), None);
        let stale = p.stale_read_probability(10.0).unwrap();
        close(stale, (-500.0_f64 * 0.0095).exp(), "stale after 10 ms");
        // The database gets the population's whole key mix: the share of stale reads follows.
        let keys = theory::zipf_buckets(10_000, 0.8);
        let share = theory::replica_stale_share(500.0, 1_000.0, 0.5, &keys).unwrap();
        close(p.stale_read_share.unwrap(), share, "stale share");
        // Celebrity keys take their share off the Zipf draws and get it evenly.
        if let ComponentConfig::Users(u) = &mut d.components[0].config {
            u.key_space = 10_000;
            u.celebrity_keys = 2;
            u.celebrity_share = 0.5;
        }
        let mut celebrated = keys.clone();
        for (k, b) in celebrated.iter_mut().enumerate() {
            b.0 = b.0 * 0.5 + if k < 2 { 0.25 } else { 0.0 };
        }
        let with = theory::replica_stale_share(500.0, 1_000.0, 0.5, &celebrated).unwrap();
        let p = &replica_lag_predictions(&d, 0.0)[0];
        close(p.stale_read_share.unwrap(), with, "celebrity share");
        assert!(with > share, "hot keys are written often: more stale reads");
        // A cache in front answers the popular reads: no prediction.
        let mut cached = diagram(
            &[K::Users, K::WebServers, K::Cache, K::Database],
            &[
                (0, OutPort::Dynamic, 1),
                (1, OutPort::Data, 2),
                (2, OutPort::Miss, 3),
            ],
        );
        set_users(&mut cached, 0, 1_000.0, 0.5);
        if let ComponentConfig::Database(db) = &mut cached.components[3].config {
            db.read_replicas = 1;
        }
        let p = &replica_lag_predictions(&cached, 0.0)[0];
        assert!(p.mean_lag_ms.is_some());
        assert_eq!(p.stale_read_share, None);
        // 500 writes/s into 400/s: no steady lag; it grows by 0.25 s every second.
        replicas(&mut d, 1, 400.0, Replication::Async);
        let p = &replica_lag_predictions(&d, 0.0)[0];
        assert_eq!(p.mean_lag_ms, None);
        close(p.lag_growth_s_per_s().unwrap(), 0.25, "growth");
        replicas(&mut d, 1, 1_000.0, Replication::Sync);
        assert!(replica_lag_predictions(&d, 0.0)[0].sync);
    }
}
