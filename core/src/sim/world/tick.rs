//! The one-second tick: marks for the last-window figures, health checks of DNS and load
//! balancers ([`Health`]), autoscaling, and the alerts (`alerts.rs`).
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
        self.scrape(now);
        self.autoscale(now, q);
        self.watch_alerts(now);
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
                | State::Queue(_)
                | State::Workers(_)
                | State::Sink(_) => continue,
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
            let target = self.nodes[target].label.clone();
            self.note(now, Some(checker), LogEvent::HealthCheck { target, up });
        }
    }

    pub(crate) fn autoscale(&mut self, now: SimTime, q: &mut EventQueue<Ev>) {
        let mut notes = Vec::new();
        for i in 0..self.nodes.len() {
            let node = &mut self.nodes[i];
            let incarnation = node.incarnation;
            match &mut node.state {
                State::Web(w) => {
                    if let Some(m) = w.autoscale(now, &node.label) {
                        notes.push((NodeIx(i as u32), m));
                    }
                }
                State::Workers(w) => {
                    if let Some(m) = w.autoscale(now, &node.label, NodeIx(i as u32), incarnation, q)
                    {
                        notes.push((NodeIx(i as u32), m));
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
                | State::Sink(_) => {}
            }
        }
        for (n, m) in notes {
            self.note(now, Some(n), m);
        }
    }
}
