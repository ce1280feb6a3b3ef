//! What the view shows: [`World::snapshot`] reads the world into a plain `MetricsSnapshot`
//! (totals, per component, per datacenter, the log), and the per-node marks taken at each
//! tick from which the last-window figures are computed.
//!
//! Deliberately absent: words for the screen and any change to the world (a snapshot
//! only reads).

use super::*;

impl Node {
    /// The stations serving requests, with whether each counts towards the servers offered
    /// right now (an instance autoscaling removed only finishes what it holds).
    pub(crate) fn stations(&self) -> Vec<(&Station<ReqId>, bool)> {
        match &self.state {
            State::Web(w) => w
                .instances
                .iter()
                .enumerate()
                .map(|(k, st)| (st, (k as u32) < w.active && !w.failed[k]))
                .collect(),
            State::Db(db) => std::iter::once(&db.primary)
                .chain(&db.replicas)
                .map(|st| (st, true))
                .collect(),
            State::NoSql(s) => s.stations.iter().map(|st| (st, true)).collect(),
            State::Sharded(s) => s.stations.iter().map(|st| (st, true)).collect(),
            State::Workers(w) => vec![(&w.station, true)],
            State::Users(_)
            | State::Dns(_)
            | State::Cdn(_)
            | State::Lb(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::Queue(_)
            | State::Sink(_) => Vec::new(),
        }
    }

    /// The lookup queue of an in-memory store (caches, session stores) and its nodes up.
    pub(crate) fn lookup_nodes(&self) -> Option<(&LookupNodes, u32)> {
        match &self.state {
            State::Cache(c) => c.lookups.as_ref().map(|l| (l, c.nodes_up)),
            State::Sessions(s) => Some((&s.lookups, s.nodes_up)),
            State::Lb(lb) => lb.forwarding.as_ref().map(|l| (l, 1)),
            State::Users(_)
            | State::Dns(_)
            | State::Cdn(_)
            | State::Web(_)
            | State::Db(_)
            | State::NoSql(_)
            | State::Sharded(_)
            | State::Queue(_)
            | State::Workers(_)
            | State::Sink(_) => None,
        }
    }

    /// Servers or nodes billed right now: an autoscaled tier's running instances (draining
    /// ones too: they still run), a sharded database's shard nodes (shards added during the
    /// run included), else what the settings ask for.
    pub(crate) fn billed_servers(&self, m: &ComponentMetrics) -> u32 {
        match &self.state {
            State::Web(_) => m.instances + m.draining,
            State::Workers(_) => m.instances,
            State::Sharded(s) => s.stations.len() as u32,
            State::Users(_)
            | State::Dns(_)
            | State::Cdn(_)
            | State::Lb(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::Db(_)
            | State::NoSql(_)
            | State::Queue(_)
            | State::Sink(_) => self.price.servers,
        }
    }

    /// Parallel servers offered right now.
    pub(crate) fn servers_now(&self) -> u64 {
        if self.failed {
            return 0;
        }
        if let Some((_, up)) = self.lookup_nodes() {
            return up as u64;
        }
        self.stations()
            .into_iter()
            .filter(|(_, active)| *active)
            .map(|(st, _)| st.config().servers as u64)
            .sum()
    }

    /// Its counters now.
    pub(crate) fn mark(&self, now: SimTime) -> Mark {
        let lookups = match &self.state {
            State::Cache(c) | State::Cdn(c) => {
                let s = c.cache.stats();
                Lookups {
                    lookups: s.hits + s.misses,
                    hits: s.hits,
                }
            }
            State::Users(_)
            | State::Dns(_)
            | State::Lb(_)
            | State::Web(_)
            | State::Sessions(_)
            | State::Db(_)
            | State::NoSql(_)
            | State::Sharded(_)
            | State::Queue(_)
            | State::Workers(_)
            | State::Sink(_) => Lookups::default(),
        };
        Mark {
            arrivals: self.arrivals,
            completions: self.completions,
            errors: self.errors,
            sent_failed: self.sent_failed,
            lookups,
            busy_area: self
                .stations()
                .into_iter()
                .map(|(st, _)| st.areas_at(now).0)
                .sum::<u128>()
                + self.lookup_nodes().map_or(0, |(l, _)| l.busy_by(now)),
            capacity_area: self.capacity_area,
        }
    }
}

impl World {
    pub(crate) fn snapshot(&self, now: SimTime, events: u64) -> MetricsSnapshot {
        let slot_old = ((self.ticks + 1) % WINDOW_TICKS as u64) as usize;
        // The window runs from the oldest mark kept (tick `k` is taken at `k` seconds; before
        // the ring is full, the start at zero) to now: `WINDOW_S` seconds and however far into
        // the next second now is, or since the start in the run's first seconds. Dividing by
        // the whole seconds alone overstated every rate by up to a tenth between two ticks, so
        // that a chart sampled twice a second zigzagged, and read zero before the first tick.
        let tick_at = |k: u64| SimTime(k * TICK.0);
        let window_s = now
            .since(tick_at(self.ticks.saturating_sub(WINDOW_S as u64)))
            .as_secs_f64();
        let since_tick = now.since(tick_at(self.ticks));
        let rate = |now_count: u64, old: u64| {
            if window_s <= 0.0 {
                0.0
            } else {
                now_count.saturating_sub(old) as f64 / window_s
            }
        };
        let (old_total, old_failed) = if self.ticks < WINDOW_TICKS as u64 {
            (0, ErrorCounts::default())
        } else {
            (self.window[slot_old], self.window_failed[slot_old])
        };
        let mut totals = self.totals.clone();
        totals.in_flight = self.live_requests;
        (totals.latency, totals.recent_latency) =
            self.latency.read_total_and_recent(now, Latency::of_merged);
        totals.throughput_rps = rate(self.totals.completed, old_total);
        totals.recent_failed = self.totals.failed.since(&old_failed);
        totals.window_s = window_s;
        let mut components = Vec::with_capacity(self.nodes.len());
        for (i, node) in self.nodes.iter().enumerate() {
            let old = if self.ticks < WINDOW_TICKS as u64 {
                Mark::default()
            } else {
                node.window[slot_old]
            };
            let current = node.mark(now);
            let lookups = current.lookups.lookups.saturating_sub(old.lookups.lookups);
            let (latency, recent_latency) =
                node.latency.read_total_and_recent(now, Latency::of_merged);
            let mut m = ComponentMetrics {
                id: node.id.0,
                kind: Some(node.kind),
                label: node.label.clone(),
                up: !self.node_down(NodeIx(i as u32)),
                arrivals: node.arrivals,
                completions: node.completions,
                errors: node.errors,
                throughput_rps: rate(node.completions, old.completions),
                arrival_rps: rate(node.arrivals, old.arrivals),
                error_rps: rate(current.errors.total(), old.errors.total()),
                recent_errors: current.errors.since(&old.errors),
                sent_failed: node.sent_failed,
                recent_sent_failed: current.sent_failed.saturating_sub(old.sent_failed),
                // Over the rates' window: the servers offered are summed at each tick, and
                // since the last one those serving now count for the part of a second gone.
                recent_utilization: match current.capacity_area.saturating_sub(old.capacity_area)
                    + node.servers_now() as u128 * since_tick.0 as u128
                {
                    0 => 0.0,
                    c => {
                        (current.busy_area.saturating_sub(old.busy_area) as f64 / c as f64).min(1.0)
                    }
                },
                recent_hit_ratio: (lookups > 0).then(|| {
                    current.lookups.hits.saturating_sub(old.lookups.hits) as f64 / lookups as f64
                }),
                latency,
                recent_latency,
                ..ComponentMetrics::default()
            };
            let add = |st: &Station<ReqId>, m: &mut ComponentMetrics| {
                m.queue_len += st.queued() as u64;
                m.in_service += st.busy() as u64;
                m.servers += st.config().servers as u64;
                st.areas_at(now)
            };
            let mut sums = (0u128, 0u128, 0u128, 0u64);
            // Stations out of service (instances autoscaling removed) count only while they
            // finish what they hold: they are draining.
            for (st, active) in node.stations() {
                if active || st.in_system() > 0 {
                    let t = add(st, &mut m);
                    sums.0 += t.0;
                    sums.1 += t.1;
                    sums.2 += t.2;
                    sums.3 = sums.3.max(t.3);
                }
                if !active && st.in_system() > 0 {
                    m.draining += 1;
                }
            }
            match &node.state {
                State::Web(w) => w.figures(&mut m),
                State::Db(db) => {
                    db.figures(now, &mut m);
                    if let Some(g) = db.region_group {
                        m.region_copy = self.region_copy(now, g, NodeIx(i as u32));
                    }
                }
                State::NoSql(s) => s.figures(&mut m),
                State::Sessions(s) => s.figures(&mut m),
                State::Sharded(s) => s.figures(&mut m),
                State::Workers(w) => w.figures(&mut m),
                State::Cache(c) => c.figures(&mut m, current.lookups),
                State::Cdn(c) => c.edge_figures(&mut m, current.lookups),
                State::Users(_)
                | State::Dns(_)
                | State::Lb(_)
                | State::Queue(_)
                | State::Sink(_) => {}
            }
            // Down, itself or with its datacenter, it serves from none of its nodes.
            if !m.up
                && let Some(nodes) = m.nodes.as_mut()
            {
                nodes.up = 0;
            }
            if let Some((l, up)) = node.lookup_nodes() {
                let backlog = l.backlog(now);
                m.servers = up as u64;
                m.in_service = backlog.min(up as u64);
                m.queue_len = backlog - m.in_service;
                let offered = now.0 as u128 * l.free_at.len() as u128;
                if offered > 0 {
                    m.utilization = (l.busy_by(now) as f64 / offered as f64).min(1.0);
                    m.mean_queue_len = l.waited_by(now) as f64 / now.0 as f64;
                }
            }
            if sums.1 > 0 {
                m.utilization = sums.0 as f64 / sums.1 as f64;
            }
            if sums.3 > 0 {
                m.mean_queue_len = sums.2 as f64 / sums.3 as f64;
            }
            m.cost_per_hour_usd = node
                .price
                .usd_per_hour(node.billed_servers(&m), m.arrival_rps);
            totals.cost_per_hour_usd += m.cost_per_hour_usd;
            components.push(m);
        }
        let dc_total: u64 = self.groups.iter().map(|g| g.requests).sum();
        // Per group: whether some DNS answers with an entry point in it, and whether one of
        // those is believed healthy.
        let mut in_dns: Vec<Option<bool>> = vec![None; self.groups.len()];
        for node in &self.nodes {
            if let State::Dns(d) = &node.state {
                for &(target, _, believed_up) in &d.health.state {
                    if let Some(g) = self.nodes[target].group {
                        let slot = &mut in_dns[g.0 as usize];
                        *slot = Some(slot.unwrap_or(false) || believed_up);
                    }
                }
            }
        }
        let datacenters = self
            .groups
            .iter()
            .zip(in_dns)
            .map(|(g, in_dns)| DatacenterMetrics {
                id: g.id,
                name: g.name.clone(),
                up: !g.failed,
                in_dns,
                requests: g.requests,
                share: if dc_total == 0 {
                    0.0
                } else {
                    g.requests as f64 / dc_total as f64
                },
            })
            .collect();
        MetricsSnapshot {
            time_s: now.as_secs_f64(),
            events,
            overall: totals,
            components,
            datacenters,
            log: self.log.iter().cloned().collect(),
            faults: self.applied_faults.iter().copied().collect(),
        }
    }
}
