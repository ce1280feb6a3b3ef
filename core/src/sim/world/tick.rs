//! The one-second tick: marks for the last-window figures, health checks of DNS and load
//! balancers ([`Health`]), and autoscaling.
//!
//! Invariants: health checks only read whether targets are down; a target is marked down
//! after `threshold` consecutive failed checks, and back after one that passes.

use super::*;

pub(crate) struct Health {
    pub(crate) interval: u64,
    pub(crate) threshold: u32,
    /// Per target node: consecutive failed checks, believed up.
    pub(crate) state: Vec<(NodeIx, u32, bool)>,
}

impl Health {
    pub(crate) fn new(interval_s: u32, threshold: u32, targets: &[NodeIx]) -> Health {
        Health {
            interval: interval_s.max(1) as u64,
            threshold: threshold.max(1),
            state: targets.iter().map(|&t| (t, 0, true)).collect(),
        }
    }
    pub(crate) fn believed_up(&self, target: NodeIx) -> bool {
        self.state
            .iter()
            .find(|s| s.0 == target)
            .is_none_or(|s| s.2)
    }
}

impl World {
    pub(crate) fn tick(&mut self, now: SimTime, q: &mut EventQueue<Ev>) {
        self.ticks += 1;
        let slot = (self.ticks % WINDOW_TICKS as u64) as usize;
        self.window[slot] = self.totals.completed;
        for node in &mut self.nodes {
            node.capacity_area += node.servers_now() as u128 * TICK.0 as u128;
            node.window[slot] = node.mark(now);
        }
        self.health_checks(now);
        self.autoscale(now, q);
        q.schedule(now.after(TICK), Ev::Tick);
    }

    pub(crate) fn health_checks(&mut self, now: SimTime) {
        let secs = now.0 / 1_000_000_000;
        let down: Vec<bool> = (0..self.nodes.len() as u32)
            .map(|t| self.node_down(NodeIx(t)))
            .collect();
        let mut notes = Vec::new();
        for (i, node) in self.nodes.iter_mut().enumerate() {
            let health = match &mut node.state {
                State::Dns(d) => &mut d.health,
                State::Lb(l) => &mut l.health,
                State::Users(_)
                | State::Cdn(_)
                | State::Web(_)
                | State::Cache(_)
                | State::Sessions(_)
                | State::Db(_)
                | State::NoSql(_)
                | State::Sharded(_)
                | State::Queue
                | State::Workers(_)
                | State::Sink => continue,
            };
            if !secs.is_multiple_of(health.interval) {
                continue;
            }
            for s in &mut health.state {
                if down[s.0.ix()] {
                    s.1 += 1;
                    if s.2 && s.1 >= health.threshold {
                        s.2 = false;
                        notes.push((NodeIx(i as u32), s.0, false));
                    }
                } else {
                    s.1 = 0;
                    if !s.2 {
                        s.2 = true;
                        notes.push((NodeIx(i as u32), s.0, true));
                    }
                }
            }
        }
        for (checker, target, up) in notes {
            let label = self.nodes[target].label.clone();
            let what = if up {
                "back in rotation"
            } else {
                "marked down by health checks"
            };
            self.note(now, Some(checker), format!("{label} {what}"));
        }
    }

    pub(crate) fn autoscale(&mut self, now: SimTime, q: &mut EventQueue<Ev>) {
        let mut notes = Vec::new();
        for i in 0..self.nodes.len() {
            let incarnation = self.nodes[i].incarnation;
            match &mut self.nodes[i].state {
                State::Web(w) => {
                    let Some(a) = w.autoscale.clone() else {
                        continue;
                    };
                    let (mut busy, mut servers) = (0u128, 0u128);
                    for st in w.instances.iter_mut().take(w.active as usize) {
                        st.advance(now);
                        busy += st.stats().busy_area;
                        servers += st.stats().server_area;
                    }
                    let util = if servers > w.last_server {
                        (busy - w.last_busy.min(busy)) as f64 / (servers - w.last_server) as f64
                    } else {
                        0.0
                    };
                    w.last_busy = busy;
                    w.last_server = servers;
                    if w.last_scale
                        .is_some_and(|t| now.since(t) < SimTime::from_secs(a.cooldown_s as u64))
                    {
                        continue;
                    }
                    let want = (w.active as f64 * util / a.target_utilization).ceil() as u32;
                    let want = want
                        // max/min rather than clamp: never panics, even if min > max slipped by.
                        .max(a.min_instances.max(1))
                        .min(a.max_instances.max(1))
                        .min(w.instances.len() as u32);
                    if want != w.active {
                        notes.push((
                            NodeIx(i as u32),
                            format!("autoscaled from {} to {want} instances", w.active),
                        ));
                        w.active = want;
                        w.last_scale = Some(now);
                    }
                }
                State::Workers(w) => {
                    if !w.autoscale.enabled {
                        continue;
                    }
                    let a = &w.autoscale;
                    if now.since(w.last_scale) < SimTime::from_secs(a.cooldown_s as u64) {
                        continue;
                    }
                    // Enough instances for each to have at most the target backlog waiting,
                    // and for the jobs in hand to keep them at most 80 % busy: depth alone
                    // would scale in as soon as the backlog drained, and flap.
                    let per_backlog = (w.station.queued() as u64)
                        .div_ceil(a.target_backlog_per_instance.max(1) as u64);
                    let per_work = (w.station.busy() as f64
                        / (w.concurrency.max(1) as f64 * WORKER_TARGET_BUSY))
                        .ceil() as u64;
                    let want = per_backlog.max(per_work).min(u32::MAX as u64) as u32;
                    let want = want.max(a.min_instances.max(1)).min(a.max_instances.max(1));
                    if want != w.instances {
                        notes.push((
                            NodeIx(i as u32),
                            format!("workers scaled from {} to {want}", w.instances),
                        ));
                        w.instances = want;
                        w.last_scale = now;
                        let mut timed_out = Vec::new();
                        let started = w.station.set_servers(
                            now,
                            want.saturating_mul(w.concurrency),
                            &mut timed_out,
                        );
                        for s in started {
                            q.schedule(
                                s.done_at,
                                Ev::Done {
                                    node: NodeIx(i as u32),
                                    sub: 0,
                                    req: s.job,
                                    arrived: s.arrived,
                                    incarnation,
                                },
                            );
                        }
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
                | State::Sink => {}
            }
        }
        for (n, m) in notes {
            self.note(now, Some(n), m);
        }
    }
}
