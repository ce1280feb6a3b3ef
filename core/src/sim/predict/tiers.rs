//! The queues up to the web tiers and the caches behind them, predicted from the diagram
//! alone: each web tier's wait ([`web_tier_predictions`]: the offered rate split over its
//! instances as its balancers split it, each instance M/M/c or, when arrivals or service are
//! not exponential, Allen-Cunneen), a capped balancer's M/D/1 wait ([`balancer_prediction`]),
//! and each cache's hit ratio by its eviction policy and TTL ([`cache_predictions`]).
//!
//! Invariant: every input is read from the diagram and the traffic profile (through the parent
//! module's flow of requests), never from a run, so a theory line can check the simulation it
//! is drawn beside. Steady state with everything up, as in the parent module: faults, health
//! checks and autoscaling (the starting instance count is used) are left out, a CDN edge's
//! misses are estimated by Che's approximation, and each prediction says which of these applies
//! to it. Knows nothing of the view.

use crate::model::config::UsersConfig;
use crate::model::{ComponentConfig, ComponentId, ComponentKind, Diagram, OutPort};

use super::{request_rates, requests_to_web_tiers};
use crate::sim::theory;
use crate::sim::world::MAX_ZIPF_KEYS;

/// How a web tier's requests are spread over its instances.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstanceSplit {
    /// In turn (a round-robin balancer, or the tier's own turns when nothing balances it):
    /// equal shares, each instance getting every `n`-th request, more regularly than a Poisson
    /// stream (`ca^2 = 1 / n` of a Poisson stream split over `n` slots).
    RoundRobin,
    /// At random, or by a hash of the client (sticky): equal shares of a Poisson stream (for
    /// sticky, about equal over many clients).
    Random,
    /// To the instance with the fewest requests in hand: no closed form; it behaves nearly as
    /// one pooled queue over all the tier's threads, which is the least any balancer can reach.
    LeastConnections,
    /// Several of the above, from different balancers.
    Mixed,
}

/// Which queueing formula gave a web tier's wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebQueueModel {
    /// Poisson arrivals, exponential service: Erlang C per instance, exact.
    Mmc,
    /// Arrivals or service not both exponential: the Allen-Cunneen approximation per instance.
    AllenCunneen,
    /// A least-connections balancer: the whole tier as one queue over all its threads (M/M/c,
    /// or Allen-Cunneen for other service), a lower bound it comes close to.
    PooledLowerBound,
}

/// What queueing theory says about one web tier, from the diagram alone.
#[derive(Clone, Debug, PartialEq)]
pub struct WebTierPrediction {
    /// The web tier.
    pub web: ComponentId,
    /// Its label.
    pub label: String,
    /// Requests per second offered to the whole tier.
    pub arrival_rps: f64,
    /// Instances (the starting count when autoscaling is on).
    pub instances: u32,
    /// Requests one instance serves at once.
    pub threads_per_instance: u32,
    /// Requests per second reaching one instance (equal shares).
    pub instance_rps: f64,
    /// Mean service time of one request on this instance size, in milliseconds.
    pub service_ms: f64,
    /// Squared coefficient of variation of the service time (1 exponential, 0 fixed).
    pub service_scv: f64,
    /// Squared coefficient of variation of one instance's arrival gaps (1 Poisson).
    pub arrival_scv: f64,
    /// How the balancers spread requests over the instances.
    pub split: InstanceSplit,
    /// Offered work over capacity: `instance_rps x service / threads`.
    pub utilization: f64,
    /// The mean wait before service, in ms, by `model` (at one instance, or for least
    /// connections in the pooled queue); `None` when overloaded (the queue grows without bound
    /// until requests time out).
    pub wait_ms: Option<f64>,
    /// The same tier as one queue over all its threads, in ms: the least wait any balancer
    /// could reach; `None` when overloaded.
    pub pooled_wait_ms: Option<f64>,
    /// Which formula gave `wait_ms`.
    pub model: WebQueueModel,
    /// Whether static assets reach a CDN edge on the way: the misses it passes on, counted in
    /// `arrival_rps`, are Che's estimate, not a figure of the diagram.
    pub cdn_misses_estimated: bool,
    /// Whether the tier autoscales (theory keeps the starting instance count).
    pub autoscaled: bool,
}

impl WebTierPrediction {
    /// Mean time in the tier (wait + service), in ms; `None` when overloaded.
    pub fn response_ms(&self) -> Option<f64> {
        Some(self.wait_ms? + self.service_ms)
    }

    /// [`WebTierPrediction::pooled_wait_ms`] plus service.
    pub fn pooled_response_ms(&self) -> Option<f64> {
        Some(self.pooled_wait_ms? + self.service_ms)
    }
}

/// Queueing predictions for every web tier at `t_s` seconds into a run, in diagram order, from
/// the diagram alone: the rate offered under the traffic profile ([`request_rates`]), split
/// evenly over the instances as the balancers in front do (by slot: a tier's instances are
/// slots of its balancer), each instance a `threads`-server queue: M/M/c when arrivals are
/// Poisson and service exponential; otherwise Allen-Cunneen with the arrival variability of the
/// split (`1 / slots` for round robin, superposed across balancers by their rates, as Whitt's
/// QNA does) and the service time's.
pub fn web_tier_predictions(d: &Diagram, t_s: f64) -> Vec<WebTierPrediction> {
    use crate::model::config::{LbAlgorithm, ServiceTime};
    let (_, flow) = requests_to_web_tiers(d, t_s);
    let arrivals = flow.web_arrivals.borrow();
    let edges_with_static = !flow.static_at_edges.borrow().is_empty();
    let mut out = Vec::new();
    for (n, c) in d.components.iter().enumerate() {
        let ComponentConfig::WebServers(w) = &c.config else {
            continue;
        };
        let instances = w.instances.max(1);
        let threads = w.concurrency_per_instance.max(1);
        let speed = w.instance_size.cpu_multiplier();
        let service_ms = w.service_time.mean_ms() / speed;
        let service_scv = match w.service_time {
            ServiceTime::Exponential { .. } => 1.0,
            ServiceTime::Deterministic { .. } => 0.0,
            ServiceTime::LogNormal { sigma, .. } => theory::lognormal_scv(sigma),
        };
        let mut arrival_rps = 0.0;
        let mut scv_sum = 0.0;
        let mut splits: Vec<InstanceSplit> = Vec::new();
        for a in arrivals.iter().filter(|a| a.web == n) {
            let (split, scv) = match a.balancer.map(|b| (b, &d.components[b].config)) {
                Some((b, ComponentConfig::LoadBalancer(lb))) => match lb.algorithm {
                    LbAlgorithm::RoundRobin => {
                        let slots: f64 = flow
                            .targets(b, OutPort::Backends)
                            .iter()
                            .map(|&t| match &d.components[t].config {
                                ComponentConfig::WebServers(w) => w.instances as f64,
                                _ => 1.0,
                            })
                            .sum();
                        (InstanceSplit::RoundRobin, 1.0 / slots.max(1.0))
                    }
                    LbAlgorithm::Random | LbAlgorithm::StickyByClient => {
                        (InstanceSplit::Random, 1.0)
                    }
                    // The figure is the pooled queue's (below); the arrivals stay Poisson.
                    LbAlgorithm::LeastConnections => (InstanceSplit::LeastConnections, 1.0),
                },
                _ => (InstanceSplit::RoundRobin, 1.0 / instances as f64),
            };
            arrival_rps += a.rps;
            scv_sum += a.rps * scv;
            if !splits.contains(&split) {
                splits.push(split);
            }
        }
        let split = match splits.as_slice() {
            [one] => *one,
            [] => InstanceSplit::RoundRobin,
            _ => InstanceSplit::Mixed,
        };
        let arrival_scv = if arrival_rps > 0.0 {
            scv_sum / arrival_rps
        } else {
            1.0
        };
        let instance_rps = arrival_rps / instances as f64;
        let poisson_exponential =
            (arrival_scv - 1.0).abs() < 1e-12 && (service_scv - 1.0).abs() < 1e-12;
        let pooled_wait_ms = theory::allen_cunneen_wait_ms(
            instances.saturating_mul(threads),
            arrival_rps,
            service_ms,
            1.0,
            service_scv,
        );
        let (wait_ms, model) = if split == InstanceSplit::LeastConnections {
            (pooled_wait_ms, WebQueueModel::PooledLowerBound)
        } else {
            let wait_ms = theory::allen_cunneen_wait_ms(
                threads,
                instance_rps,
                service_ms,
                arrival_scv,
                service_scv,
            );
            let model = if poisson_exponential {
                WebQueueModel::Mmc
            } else {
                WebQueueModel::AllenCunneen
            };
            (wait_ms, model)
        };
        out.push(WebTierPrediction {
            web: c.id,
            label: c.label.clone(),
            arrival_rps,
            instances,
            threads_per_instance: threads,
            instance_rps,
            service_ms,
            service_scv,
            arrival_scv,
            split,
            utilization: instance_rps * service_ms / 1e3 / threads as f64,
            wait_ms,
            pooled_wait_ms,
            model,
            cdn_misses_estimated: edges_with_static,
            autoscaled: w.autoscaling.enabled,
        });
    }
    out
}

/// What theory says of a load balancer with a capacity: Poisson arrivals forwarded one at a
/// time, each in exactly `1 / capacity` (M/D/1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BalancerPrediction {
    /// Requests per second offered to it, from the diagram.
    pub arrival_rps: f64,
    /// Requests per second it forwards at most.
    pub capacity_rps: f64,
    /// The mean wait to be forwarded, in ms; `None` when arrivals reach the capacity (the line
    /// grows until requests time out).
    pub wait_ms: Option<f64>,
}

/// The M/D/1 prediction of load balancer `id` at `t_s` seconds into a run, if it has a
/// capacity: the rate offered to it is read from the diagram ([`request_rates`]), never from
/// the run it is compared with.
pub fn balancer_prediction(d: &Diagram, id: ComponentId, t_s: f64) -> Option<BalancerPrediction> {
    let ComponentConfig::LoadBalancer(lb) = &d.component(id)?.config else {
        return None;
    };
    if lb.capacity_rps == 0 {
        return None;
    }
    let arrival_rps = request_rates(d, t_s).get(&id).copied().unwrap_or(0.0);
    let capacity_rps = lb.capacity_rps as f64;
    Some(BalancerPrediction {
        arrival_rps,
        capacity_rps,
        wait_ms: theory::md1_wait_ms(arrival_rps, capacity_rps),
    })
}

/// What theory says of one cache's or CDN edge's hit ratio.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CachePrediction {
    /// The cache or CDN.
    pub cache: ComponentId,
    /// The share of reads that hit (0-1), and the formula.
    pub theory: theory::CacheHitTheory,
    /// Whether writes reach it (each invalidates its key), lowering the figure.
    pub writes_invalidate: bool,
}

/// The hit-ratio prediction of every cache and CDN edge at `t_s` seconds into a run, in diagram
/// order, from the diagram alone. The key popularity is the busiest population's (its key space
/// and Zipf skew; celebrity keys ignored). A cache gets the reads of the web tiers whose first
/// cache it is and the writes of every web tier wired to it (a write invalidates the key in each
/// cache its tier reads), at the rates [`request_rates`] offers the tiers; its eviction policy
/// and TTL pick the formula ([`theory::cache_hit_ratio`]). A cache no request reaches has no
/// prediction. A CDN edge is taken as an LRU cache of its objects (Che), its TTL ignored.
pub fn cache_predictions(d: &Diagram, t_s: f64) -> Vec<CachePrediction> {
    use crate::model::config::{Eviction, Expiry};
    let Some(users) = busiest_users(d) else {
        return Vec::new();
    };
    let (_, flow) = requests_to_web_tiers(d, t_s);
    let arrivals = flow.web_arrivals.borrow();
    let caches_of = |web: usize| -> Vec<usize> {
        flow.targets(web, OutPort::Data)
            .into_iter()
            .filter(|&t| flow.kind(t) == ComponentKind::Cache)
            .collect()
    };
    let mut out = Vec::new();
    for (n, c) in d.components.iter().enumerate() {
        match &c.config {
            ComponentConfig::Cache(cache) => {
                let (mut reads, mut writes) = (0.0, 0.0);
                for a in arrivals.iter() {
                    let caches = caches_of(a.web);
                    if caches.first() == Some(&n) {
                        reads += a.reads;
                    }
                    if caches.contains(&n) {
                        writes += a.writes;
                    }
                }
                let rate = reads + writes;
                if !(rate > 0.0 && reads > 0.0) {
                    continue;
                }
                let eviction = match cache.eviction {
                    Eviction::Lru => theory::EvictionRule::Lru,
                    Eviction::Fifo => theory::EvictionRule::Fifo,
                    Eviction::Lfu => theory::EvictionRule::Lfu,
                };
                let ttl_s = cache.ttl_s as f64;
                let ttl = match cache.expiry {
                    _ if cache.ttl_s == 0 => theory::TtlRule::Never,
                    Expiry::SetOnWrite => theory::TtlRule::SetOnFill { ttl_s },
                    Expiry::RefreshOnHit => theory::TtlRule::RefreshOnHit { ttl_s },
                };
                out.push(CachePrediction {
                    cache: c.id,
                    theory: theory::cache_hit_ratio(
                        users.key_space.clamp(1, MAX_ZIPF_KEYS),
                        users.zipf_alpha,
                        cache.capacity_keys,
                        eviction,
                        ttl,
                        rate,
                        reads / rate,
                    ),
                    writes_invalidate: writes > 0.0,
                });
            }
            ComponentConfig::Cdn(cdn) => out.push(CachePrediction {
                cache: c.id,
                theory: theory::CacheHitTheory {
                    hit_ratio: theory::che_lru_hit_ratio(
                        users.key_space.clamp(1, MAX_ZIPF_KEYS),
                        users.zipf_alpha,
                        cdn.edge_capacity_objects,
                    ),
                    formula: theory::CacheFormula::CheLru,
                },
                writes_invalidate: false,
            }),
            _ => {}
        }
    }
    out
}

/// The user population that sends the most traffic: its key space and skew drive the caches.
fn busiest_users(d: &Diagram) -> Option<&UsersConfig> {
    d.components
        .iter()
        .filter_map(|c| match &c.config {
            ComponentConfig::Users(u) => Some(u),
            _ => None,
        })
        .max_by(|a, b| a.load.rate_rps().total_cmp(&b.load.rate_rps()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::{Eviction, LbAlgorithm, ServiceTime, UserLoad};
    use crate::sim::predict::tests::{close, diagram};

    #[test]
    fn request_rates_and_web_tier_inputs_follow_the_wires() {
        use ComponentKind as K;
        // Users (1,000 req/s: 60 % reads, 10 % writes, 30 % static assets through a CDN) ->
        // round-robin LB -> web A (1 instance) and web B (3 instances); web A reads a FIFO
        // cache in front of a database.
        let mut d = diagram(
            &[
                K::Users,
                K::LoadBalancer,
                K::WebServers,
                K::WebServers,
                K::Cdn,
                K::Cache,
                K::Database,
            ],
            &[
                (0, OutPort::Dynamic, 1),
                (0, OutPort::Static, 4),
                (4, OutPort::Origin, 1),
                (1, OutPort::Backends, 2),
                (1, OutPort::Backends, 3),
                (2, OutPort::Data, 5),
                (5, OutPort::Miss, 6),
            ],
        );
        if let ComponentConfig::Users(u) = &mut d.components[0].config {
            u.load = UserLoad::Rate { rate_rps: 1_000.0 };
            u.read_share = 0.6;
            u.write_share = 0.1;
            u.static_share = 0.3;
        }
        if let ComponentConfig::WebServers(w) = &mut d.components[3].config {
            w.instances = 3;
            w.service_time = ServiceTime::LogNormal {
                mean_ms: 20.0,
                sigma: 1.0,
            };
        }
        if let ComponentConfig::Cache(c) = &mut d.components[5].config {
            c.eviction = Eviction::Fifo;
            c.ttl_s = 0;
        }
        let rates = request_rates(&d, 0.0);
        let at = |i: u32| rates.get(&ComponentId(i + 1)).copied().unwrap_or(0.0);
        // Static assets reach the edge, which passes on its misses (Che over the default Zipf
        // 0.8 of 10,000 keys on 5,000 objects); with the rest they reach the balancer, which
        // gives web A one slot of four and web B three.
        close(at(4), 300.0, "cdn");
        let misses = 300.0 * (1.0 - theory::che_lru_hit_ratio(10_000, 0.8, 5_000));
        assert!(misses > 10.0 && misses < 150.0, "{misses}");
        close(at(1), 700.0 + misses, "lb");
        close(at(2), (700.0 + misses) / 4.0, "web A");
        close(at(3), (700.0 + misses) * 0.75, "web B");
        close(at(6), 0.0, "nothing is followed past the web tiers");
        let p = web_tier_predictions(&d, 0.0);
        assert_eq!(p.len(), 2);
        // Web A: `a` req/s on 4 threads of 20 ms, every fourth request of a Poisson stream
        // (ca^2 = 1/4), exponential service: Allen-Cunneen, 0.625 x M/M/4.
        let a = (700.0 + misses) / 4.0;
        close(p[0].instance_rps, a, "A per instance");
        close(p[0].arrival_scv, 0.25, "A ca^2");
        close(p[0].service_scv, 1.0, "A cs^2");
        close(p[0].utilization, a * 0.02 / 4.0, "A utilisation");
        assert!(p[0].utilization < 1.0);
        assert_eq!(p[0].split, InstanceSplit::RoundRobin);
        assert_eq!(p[0].model, WebQueueModel::AllenCunneen);
        close(
            p[0].wait_ms.unwrap(),
            0.625 * theory::mmc_wait_ms(4, a, 20.0).unwrap(),
            "A wait",
        );
        assert!(p[0].cdn_misses_estimated);
        // Web B: `a` req/s an instance, log-normal sigma 1 (cs^2 = e - 1).
        close(p[1].instance_rps, a, "B per instance");
        close(p[1].service_scv, 1.0_f64.exp() - 1.0, "B cs^2");
        close(
            p[1].wait_ms.unwrap(),
            (0.25 + 1.0_f64.exp() - 1.0) / 2.0 * theory::mmc_wait_ms(4, a, 20.0).unwrap(),
            "B wait",
        );
        close(
            p[1].pooled_wait_ms.unwrap(),
            (1.0 + 1.0_f64.exp() - 1.0) / 2.0 * theory::mmc_wait_ms(12, 3.0 * a, 20.0).unwrap(),
            "B pooled",
        );
        // A random balancer: Poisson shares, and with exponential service M/M/c exactly.
        if let ComponentConfig::LoadBalancer(l) = &mut d.components[1].config {
            l.algorithm = LbAlgorithm::Random;
        }
        let p = web_tier_predictions(&d, 0.0);
        assert_eq!(p[0].model, WebQueueModel::Mmc);
        assert_eq!(p[0].split, InstanceSplit::Random);
        close(
            p[0].response_ms().unwrap(),
            theory::mmc_response_ms(4, a, 20.0).unwrap(),
            "A M/M/4",
        );
        // Twice the traffic: web A is offered twice `a` on 200 req/s of threads: overloaded.
        if let ComponentConfig::Users(u) = &mut d.components[0].config {
            u.load = UserLoad::Rate { rate_rps: 2_000.0 };
        }
        let p = web_tier_predictions(&d, 0.0);
        assert_eq!(p[0].response_ms(), None);
        close(p[0].utilization, 2.0 * a * 0.02 / 4.0, "A overloaded");
        // The cache gets web A's reads (150/s) and writes (25/s): FIFO, writes invalidate.
        if let ComponentConfig::Users(u) = &mut d.components[0].config {
            u.load = UserLoad::Rate { rate_rps: 1_000.0 };
        }
        let c = cache_predictions(&d, 0.0);
        let cache = c.iter().find(|c| c.cache == ComponentId(6)).unwrap();
        assert!(cache.writes_invalidate);
        let want = theory::cache_hit_ratio(
            10_000,
            0.8,
            1_000,
            theory::EvictionRule::Fifo,
            theory::TtlRule::Never,
            175.0,
            150.0 / 175.0,
        );
        assert_eq!(cache.theory, want);
        assert_eq!(want.formula, theory::CacheFormula::FifoCharacteristicTime);
        // A cache nothing reads has no line.
        let read_wire = d.wires[5].id; // the web tier's read wire, given sixth
        d.wires.retain(|w| w.id != read_wire);
        assert!(
            cache_predictions(&d, 0.0)
                .iter()
                .all(|c| c.cache != ComponentId(6))
        );
    }

    #[test]
    fn a_tier_reached_directly_takes_its_own_turns_over_its_instances() {
        use ComponentKind as K;
        let mut d = diagram(&[K::Users, K::WebServers], &[(0, OutPort::Dynamic, 1)]);
        if let ComponentConfig::Users(u) = &mut d.components[0].config {
            u.load = UserLoad::Rate { rate_rps: 300.0 };
            u.read_share = 1.0;
            u.write_share = 0.0;
            u.static_share = 0.0;
        }
        if let ComponentConfig::WebServers(w) = &mut d.components[1].config {
            w.instances = 2;
            w.service_time = ServiceTime::Deterministic { mean_ms: 20.0 };
        }
        let p = &web_tier_predictions(&d, 0.0)[0];
        close(p.arrival_scv, 0.5, "two turns");
        close(p.service_scv, 0.0, "fixed service");
        close(
            p.wait_ms.unwrap(),
            0.25 * theory::mmc_wait_ms(4, 150.0, 20.0).unwrap(),
            "Allen-Cunneen",
        );
        assert!(!p.cdn_misses_estimated && !p.autoscaled);
    }
}
