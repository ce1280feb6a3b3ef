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
    /// Per web server that failed alone behind a target that is up (target, instance):
    /// consecutive failed checks, believed up. A balancer checks each server it sends to; an
    /// entry lives from the server's first missed check until it answers again.
    pub(crate) servers: Vec<(NodeIx, u32, u32, bool)>,
}

impl Health {
    pub(crate) fn new(interval_s: u32, threshold: u32, targets: &[NodeIx]) -> Health {
        Health {
            interval: interval_s.max(1) as u64,
            threshold: threshold.max(1),
            state: targets.iter().map(|&t| (t, 0, true)).collect(),
            servers: Vec::new(),
        }
    }
    /// A check of every server behind its targets that is failed (`failed`: (tier, server)
    /// of each), for checker `me`: one more miss for each, out past the threshold; a server
    /// that answers again is back in at once. What changed goes to `notes`.
    fn check_servers(
        &mut self,
        failed: &[(NodeIx, u32)],
        me: NodeIx,
        notes: &mut Vec<(NodeIx, NodeIx, u32, bool)>,
    ) {
        let threshold = self.threshold;
        self.servers.retain(|s| {
            let still = failed.contains(&(s.0, s.1));
            if !still && !s.3 {
                notes.push((me, s.0, s.1, true));
            }
            still
        });
        for &(tier, k) in failed {
            if !self.state.iter().any(|s| s.0 == tier) {
                continue;
            }
            let entry = match self.servers.iter().position(|s| s.0 == tier && s.1 == k) {
                Some(e) => e,
                None => {
                    self.servers.push((tier, k, 0, true));
                    self.servers.len() - 1
                }
            };
            let s = &mut self.servers[entry];
            s.2 += 1;
            if s.3 && s.2 >= threshold {
                s.3 = false;
                notes.push((me, tier, k, false));
            }
        }
    }

    /// Whether server `instance` of `target` is believed out (failed checks past the
    /// threshold).
    pub(crate) fn server_out(&self, target: NodeIx, instance: u32) -> bool {
        self.servers
            .iter()
            .any(|s| s.0 == target && s.1 == instance && !s.3)
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
        self.window_failed[slot] = self.totals.failed;
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
        // The web servers failed alone, by tier (none in almost every run).
        let mut failed_servers: Vec<(NodeIx, u32)> = Vec::new();
        for (t, node) in self.nodes.iter().enumerate() {
            if let State::Web(w) = &node.state {
                let failed = w.failed.iter().enumerate().filter(|(_, f)| **f);
                failed_servers.extend(failed.map(|(k, _)| (NodeIx(t as u32), k as u32)));
            }
        }
        let mut notes = Vec::new();
        let mut server_notes = Vec::new();
        for (i, node) in self.nodes.iter_mut().enumerate() {
            // A balancer also checks each server of its web tiers; a resolver only that a
            // tier answers at all.
            let (health, servers) = match &mut node.state {
                State::Dns(d) => (&mut d.health, false),
                State::Lb(l) => (&mut l.health, true),
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
            if servers {
                health.check_servers(&failed_servers, NodeIx(i as u32), &mut server_notes);
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
        for (checker, target, server, up) in server_notes {
            let target = self.nodes[target].label.clone();
            let event = LogEvent::ServerHealthCheck {
                target,
                server: server + 1,
                up,
            };
            self.note(now, Some(checker), event);
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
