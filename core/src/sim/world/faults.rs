//! Faults: failing, slowing, restoring a component or a datacenter, cutting and mending
//! wires, flushing a cache, deploying assets, adding a shard (`kinds/sharded.rs`).
//!
//! Owns: the crash of a node (what it holds is lost or kept) and the log lines a fault
//! writes. Invariant: every request a crash drops fails as *unavailable* (or is kept by a
//! durable queue); nothing is dropped silently.

use super::*;

impl World {
    pub(crate) fn crash(&mut self, now: SimTime, n: NodeIx) {
        let node = &mut self.nodes[n];
        node.incarnation += 1;
        let mut dropped = Vec::new();
        let mut note = None;
        match &mut node.state {
            State::Web(w) => w.crash(now, &mut dropped),
            State::NoSql(s) => s.crash(now, &mut dropped),
            State::Sharded(s) => s.crash(now, &mut dropped),
            State::Workers(w) => note = Some(w.crash(now, &mut dropped)),
            // Every node of the component goes down together (its datacenter, or its last
            // node): the copies are gone.
            State::Cache(c) | State::Cdn(c) => c.cache.flush(),
            State::Sessions(s) => s.table.flush(),
            State::Db(db) => db.crash(now, &mut dropped),
            State::Users(_) | State::Dns(_) | State::Lb(_) | State::Queue(_) | State::Sink(_) => {}
        }
        for (_, r) in dropped {
            self.fail(now, n, r, FailureReason::Unavailable);
        }
        if let Some((jobs, durable)) = note {
            let label = self.nodes[n].label.clone();
            self.note(
                now,
                Some(n),
                LogEvent::JobsAtCrash {
                    label,
                    jobs,
                    durable,
                },
            );
        }
    }

    pub(crate) fn fault(&mut self, now: SimTime, f: Fault, q: &mut EventQueue<Ev>) {
        if self.applied_faults.len() >= FAULTS_KEEP {
            self.applied_faults.pop_front();
        }
        self.applied_faults.push_back(Fault {
            at_s: now.as_secs_f64(),
            ..f
        });
        let nodes: Vec<NodeIx> = match f.target {
            FaultTarget::Component(id) => self
                .nodes
                .iter()
                .position(|x| x.id == id)
                .map(|i| vec![NodeIx(i as u32)])
                .unwrap_or_default(),
            FaultTarget::Group(g) => {
                let Some(gi) = self.groups.iter().position(|x| x.id == g.0) else {
                    return;
                };
                match f.action {
                    FaultAction::Fail => {
                        self.set_group_failed(gi, true);
                        let name = self.groups[gi].name.clone();
                        self.note(now, None, LogEvent::DatacenterFailed { name });
                        for n in (0..self.nodes.len() as u32).map(NodeIx) {
                            if self.nodes[n].group == Some(GroupIx(gi as u32)) {
                                self.crash(now, n);
                            }
                        }
                        for n in (0..self.nodes.len() as u32).map(NodeIx) {
                            if self.nodes[n].group == Some(GroupIx(gi as u32)) {
                                self.region_leader_lost(now, n, q);
                            }
                        }
                        return;
                    }
                    FaultAction::Restore => {
                        self.set_group_failed(gi, false);
                        let name = self.groups[gi].name.clone();
                        self.note(now, None, LogEvent::DatacenterRestored { name });
                        // What the datacenter's failure wiped comes back empty (said of a cache
                        // or a session store that anything ever reached).
                        for n in (0..self.nodes.len() as u32).map(NodeIx) {
                            let node = &self.nodes[n];
                            if node.group != Some(GroupIx(gi as u32))
                                || node.failed
                                || node.arrivals == 0
                            {
                                continue;
                            }
                            let part = match node.state {
                                State::Cache(_) => ColdStart::Cache,
                                State::Sessions(_) => ColdStart::Sessions,
                                State::Users(_)
                                | State::Dns(_)
                                | State::Cdn(_)
                                | State::Lb(_)
                                | State::Web(_)
                                | State::Db(_)
                                | State::NoSql(_)
                                | State::Sharded(_)
                                | State::Queue(_)
                                | State::Workers(_)
                                | State::Sink(_) => continue,
                            };
                            let label = node.label.clone();
                            self.note(now, Some(n), LogEvent::ComesBackEmpty { label, part });
                        }
                        for n in (0..self.nodes.len() as u32).map(NodeIx) {
                            if self.nodes[n].group == Some(GroupIx(gi as u32)) {
                                self.region_member_back(now, n, q);
                                // The jobs a durable queue kept for its workers when the
                                // datacenter went down reach them now (unless the workers
                                // themselves are still down).
                                self.redeliver(now, n, q);
                            }
                        }
                        return;
                    }
                    FaultAction::Slow { .. }
                    | FaultAction::CutLink
                    | FaultAction::FlushCache
                    | FaultAction::DeployAssets
                    | FaultAction::AddShard => (0..self.nodes.len() as u32)
                        .map(NodeIx)
                        .filter(|&n| self.nodes[n].group == Some(GroupIx(gi as u32)))
                        .collect(),
                }
            }
            FaultTarget::Wire(w) => {
                let up = !matches!(f.action, FaultAction::CutLink | FaultAction::Fail);
                if let Some(slot) = self.wire_index(w.0) {
                    self.wire_up[slot] = up;
                    self.index_wires();
                    // Named by its ends, as the canvas shows it.
                    let ends = self.nodes.iter().enumerate().find_map(|(from, node)| {
                        let &(_, to, _) = node.outs.iter().find(|o| o.2 as usize == slot)?;
                        Some((NodeIx(from as u32), to))
                    });
                    let name = |n: NodeIx| self.nodes[n].label.clone();
                    let event = LogEvent::WireChanged {
                        wire: w.0,
                        ends: ends.map(|(from, to)| (name(from), name(to))),
                        up,
                    };
                    self.note(now, ends.map(|(from, _)| from), event);
                    if up {
                        // A mended `replicate` wire sends the writes held behind it.
                        for g in (0..self.regions.len() as u32).map(RegionGroupIx) {
                            for m in (0..self.regions[g].members().len() as u32).map(MemberIx) {
                                self.region_release(now, g, m, q);
                            }
                        }
                    }
                }
                return;
            }
        };
        for n in nodes {
            // A fault that means nothing for this kind (the menu never offers it; an older
            // file may still schedule it) is not applied, and the log does not claim it was.
            let (id, kind) = (self.nodes[n].id, self.nodes[n].kind);
            if !f.action.applies_to(FaultTarget::Component(id), Some(kind)) {
                continue;
            }
            let label = self.nodes[n].label.clone();
            match f.action {
                FaultAction::Fail => self.fail_node(now, n, &label, q),
                FaultAction::Restore => {
                    let all_had_failed = self.nodes[n].failed;
                    self.set_failed(n, false);
                    let node = &mut self.nodes[n];
                    node.slow = 1.0;
                    let how = match &mut node.state {
                        State::Db(db) => db.restore(),
                        State::Cache(c) => c.restore(all_had_failed),
                        State::Sessions(st) => st.restore(all_had_failed),
                        State::NoSql(st) => st.restore(),
                        State::Sharded(s) => s.restore(),
                        State::Web(w) => {
                            w.restore();
                            Restored::Whole
                        }
                        State::Users(_)
                        | State::Dns(_)
                        | State::Cdn(_)
                        | State::Lb(_)
                        | State::Queue(_)
                        | State::Workers(_)
                        | State::Sink(_) => Restored::Whole,
                    };
                    self.set_slow(n, 1.0);
                    self.note(now, Some(n), LogEvent::Restored { label, how });
                    self.region_member_back(now, n, q);
                    self.redeliver(now, n, q);
                }
                FaultAction::Slow { factor } => {
                    self.set_slow(n, factor);
                    self.note(now, Some(n), LogEvent::Slowed { label, factor });
                }
                FaultAction::CutLink => {
                    let outs: Vec<u32> = self.nodes[n].outs.iter().map(|o| o.2).collect();
                    for w in outs {
                        self.wire_up[w as usize] = false;
                    }
                    self.index_wires();
                    self.note(now, Some(n), LogEvent::LinksCut { label });
                }
                FaultAction::FlushCache => {
                    if let State::Cache(c) | State::Cdn(c) = &mut self.nodes[n].state {
                        c.cache.flush();
                        self.note(now, Some(n), LogEvent::Flushed { label });
                    }
                }
                FaultAction::DeployAssets => {
                    if let State::Cdn(c) = &mut self.nodes[n].state {
                        let event = c.deploy_assets(now, label);
                        self.note(now, Some(n), event);
                    }
                }
                FaultAction::AddShard => self.add_shard(now, n, q),
            }
        }
    }

    pub(crate) fn wire_index(&self, wire_id: u32) -> Option<usize> {
        self.wire_ids.iter().position(|&w| w == wire_id)
    }

    pub(crate) fn set_slow(&mut self, n: NodeIx, factor: f64) {
        let node = &mut self.nodes[n];
        let f = if factor.is_finite() && factor >= 1.0 {
            factor
        } else {
            1.0
        };
        node.slow = f;
        let Some(base) = node.base_service else {
            return;
        };
        let d = base.scaled(f);
        match &mut node.state {
            State::Web(w) => {
                w.service = d;
                for st in &mut w.instances {
                    st.set_service(d);
                }
            }
            State::Db(db) => {
                db.primary.set_service(d);
                for st in &mut db.replicas {
                    st.set_service(d);
                }
            }
            State::NoSql(s) => {
                for st in &mut s.stations {
                    st.set_service(d);
                }
            }
            State::Sharded(s) => {
                for st in &mut s.stations {
                    st.set_service(d);
                }
            }
            State::Workers(w) => w.station.set_service(d),
            // A cache or session-store node's lookups, a CDN edge's answer and a balancer's
            // added latency read `node.slow` as each request arrives; users and a resolver are
            // never offered a slow-down (they take no time).
            State::Users(_)
            | State::Dns(_)
            | State::Cdn(_)
            | State::Lb(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::Queue(_)
            | State::Sink(_) => {}
        }
    }
}

impl World {
    /// A `Fail` fault on node `n`: its kind says what fails (a database its primary, a
    /// replicated cache or session store or a NoSQL store one node); the world crashes what
    /// goes down whole, fails the requests lost and writes the log line.
    fn fail_node(&mut self, now: SimTime, n: NodeIx, label: &str, q: &mut EventQueue<Ev>) {
        let node = &mut self.nodes[n];
        let whole = node.failed;
        let failure = match &mut node.state {
            State::Db(db) => {
                node.incarnation += 1;
                db.fail_primary(now, n, node.incarnation, label, q)
            }
            State::Cache(c) if !whole => c.fail_one(label),
            State::Sessions(s) if !whole => s.fail_one(label),
            State::NoSql(s) if !whole => s.fail_one(now, label),
            State::Sharded(s) if !whole => s.fail_shard(now, n, label, q),
            State::Web(w) if !whole => w.fail_one(now, label),
            State::Users(_)
            | State::Dns(_)
            | State::Cdn(_)
            | State::Lb(_)
            | State::Web(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::NoSql(_)
            | State::Sharded(_)
            | State::Queue(_)
            | State::Workers(_)
            | State::Sink(_) => NodeFailure::Down { event: None },
        };
        match failure {
            NodeFailure::Nothing => {}
            NodeFailure::Degraded { event } => self.note(now, Some(n), event),
            NodeFailure::Down { event } => {
                self.set_failed(n, true);
                self.crash(now, n);
                let event = event.unwrap_or_else(|| LogEvent::Failed {
                    label: label.to_string(),
                });
                self.note(now, Some(n), event);
            }
            NodeFailure::Lost {
                dropped,
                event,
                down,
                lost_writes,
            } => {
                self.totals.lost_writes += lost_writes;
                if down {
                    self.set_failed(n, true);
                }
                for r in dropped {
                    self.fail(now, n, r, FailureReason::Unavailable);
                }
                self.note(now, Some(n), event);
                if down {
                    self.region_leader_lost(now, n, q);
                }
            }
        }
    }
}
