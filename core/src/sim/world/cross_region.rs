//! The world's glue to [`super::super::regions`]: which databases form a region group,
//! shipping the leader's writes to the copies, holding them behind a cut wire or a copy
//! that is down, and the take-over when the leader is lost.
//!
//! Databases copied across datacenters (a `replicate` wire from a source to each copy, see
//! [`super::regions`]): the leader (at first the source) takes every write, those reaching a
//! copy crossing to it (one cross-region hop); it ships each write it takes to the copies, which
//! apply them after the one-way delay between the regions on their own apply thread, and pass
//! them on to their own read replicas. A read at a copy is stale if the copy (or the replica
//! that served it) lacks the key's latest write. Writes for a copy that is down, or behind a cut
//! wire, wait and go out when it is back. When the leader becomes unreachable (its datacenter
//! fails, or it fails with no replica of its own to promote) shipping stops, and after the
//! copy's detection and promotion time the most up-to-date copy still up leads; the writes it
//! lacked are lost. Until then writes fail at the unreachable leader. A leader back before that
//! keeps leading and loses nothing; one back after it follows the new leader and catches up.
//! Copies are always asynchronous, and a local failover at the leader does not rewind them.

use super::*;

/// The databases wired with `replicate`, each source with its copies, in diagram order. A
/// hand-edited file breaking the rules (a copy of a copy, two sources) is read leniently: a
/// database joins the first group that claims it.
pub(crate) fn region_groups(nodes: &mut [Node], seed: u64) -> Vec<RegionGroup> {
    let mut claimed = vec![false; nodes.len()];
    let mut groups = Vec::new();
    for src in 0..nodes.len() {
        let copies: Vec<(u32, u32)> = nodes[src]
            .outs
            .iter()
            .filter(|o| o.0 == OutPort::Replicate)
            .map(|o| (o.1, o.2))
            .filter(|&(t, _)| {
                t as usize != src
                    && !claimed[t as usize]
                    && matches!(nodes[t as usize].state, State::Db(_))
            })
            .collect();
        if copies.is_empty() || claimed[src] || !matches!(nodes[src].state, State::Db(_)) {
            continue;
        }
        let member = |n: u32, wire: Option<u32>| {
            let node = &nodes[n as usize];
            let State::Db(db) = &node.state else {
                return None;
            };
            Some(Member {
                node: n,
                region: node.region,
                apply: db.set.config().apply,
                timing: db.timing,
                wire,
            })
        };
        let mut members: Vec<Member> = member(src as u32, None).into_iter().collect();
        let mut seen = vec![src as u32];
        for (t, w) in copies {
            if !seen.contains(&t) {
                seen.push(t);
                members.extend(member(t, Some(w)));
            }
        }
        let g = groups.len() as u32;
        for &n in &seen {
            claimed[n as usize] = true;
            if let State::Db(db) = &mut nodes[n as usize].state {
                db.region_group = Some(g);
            }
        }
        groups.push(RegionGroup::new(members, seed, nodes[src].id.0 as u64));
    }
    groups
}

/// Regions: shipping a leader's writes to the copies of its database in other datacenters,
/// and handing the writes over to a copy when the leader is lost.
impl World {
    /// Whether member `m` of group `g` can receive the leader's writes now: it is up, and the
    /// `replicate` wires between them (through the diagram's source) are intact.
    pub(crate) fn region_reachable(&self, g: u32, m: u32) -> bool {
        let rg = &self.regions[g as usize];
        let member = &rg.members()[m as usize];
        let leader_wire = rg.leader().wire;
        !node_is_down(&self.nodes, &self.groups, member.node)
            && link_up(&self.wire_up, member.wire)
            && link_up(&self.wire_up, leader_wire)
    }

    /// The leader of group `g` took a write of `key`: ship it to every copy.
    pub(crate) fn region_write(&mut self, now: SimTime, g: u32, key: u64, q: &mut EventQueue<Ev>) {
        let mut reachable = std::mem::take(&mut self.scratch.reachable);
        reachable.clear();
        for m in 0..self.regions[g as usize].members().len() as u32 {
            reachable.push(self.region_reachable(g, m));
        }
        let mut shipped = std::mem::take(&mut self.scratch.shipped);
        let rg = &mut self.regions[g as usize];
        rg.write(now, key, &reachable, &mut shipped);
        for (m, at, op) in shipped.drain(..) {
            q.schedule(at, Ev::RegionDeliver(g, m, op));
        }
        self.scratch.shipped = shipped;
        self.scratch.reachable = reachable;
    }

    pub(crate) fn region_deliver(
        &mut self,
        now: SimTime,
        g: u32,
        m: u32,
        op: WriteOp,
        q: &mut EventQueue<Ev>,
    ) {
        let reachable = self.region_reachable(g, m);
        let rg = &mut self.regions[g as usize];
        if !reachable {
            rg.hold(m, op);
        } else if let Some(s) = rg.deliver(now, m, op) {
            q.schedule(s.done_at, Ev::RegionApplied(g, m, s.job, s.arrived));
        }
    }

    pub(crate) fn region_applied(
        &mut self,
        now: SimTime,
        g: u32,
        m: u32,
        op: WriteOp,
        arrived: SimTime,
        q: &mut EventQueue<Ev>,
    ) {
        let rg = &mut self.regions[g as usize];
        let (applied, next) = rg.applied(now, m, op, arrived);
        if let Some(s) = next {
            q.schedule(s.done_at, Ev::RegionApplied(g, m, s.job, s.arrived));
        }
        if !applied {
            return;
        }
        // The copy's own read replicas replay what it applied.
        let n = rg.members()[m as usize].node;
        if let State::Db(db) = &mut self.nodes[n as usize].state
            && !db.replicas.is_empty()
        {
            db.ship(now, n, op.key, q);
        }
    }

    /// The writes held for member `m` of group `g` go out, if it can get them now; how many.
    pub(crate) fn region_release(
        &mut self,
        now: SimTime,
        g: u32,
        m: u32,
        q: &mut EventQueue<Ev>,
    ) -> usize {
        if !self.region_reachable(g, m) {
            return 0;
        }
        let held = self.regions[g as usize].release(now, m);
        let count = held.len();
        for (at, op) in held {
            q.schedule(at, Ev::RegionDeliver(g, m, op));
        }
        count
    }

    /// Database node `n` became unreachable: if it leads a region group, a copy is planned to
    /// take over.
    pub(crate) fn region_leader_lost(&mut self, now: SimTime, n: u32, q: &mut EventQueue<Ev>) {
        for g in 0..self.regions.len() {
            if self.regions[g].leader_node() != n {
                continue;
            }
            let World {
                nodes,
                groups,
                regions,
                ..
            } = &mut *self;
            let rg = &mut regions[g];
            let pending = rg.plan().is_some();
            let plan = rg.leader_lost(now, |m| !node_is_down(nodes, groups, m.node));
            let label = self.nodes[n as usize].label.clone();
            let message = match plan {
                Some(p) => {
                    q.schedule(p.at, Ev::TakeOver(g as u32, p.epoch));
                    let copy = self.regions[g].members()[p.member as usize].node;
                    format!(
                        "{label} unreachable: its copy {} takes the writes at {:.0} s (detection + promotion); until then writes fail",
                        self.nodes[copy as usize].label,
                        p.at.as_secs_f64()
                    )
                }
                None if pending => continue,
                None => format!(
                    "{label} unreachable and no copy of it is up: writes fail until it is back"
                ),
            };
            self.note(now, Some(n), message);
        }
    }

    /// Node `n`'s figures as a member of region group `g`.
    pub(crate) fn region_copy(&self, now: SimTime, g: u32, n: u32) -> Option<RegionCopy> {
        let rg = &self.regions[g as usize];
        let m = rg.member(n)?;
        let leader = rg.leader_node();
        let lag = rg.lag(now, m);
        let stats = rg.set().stats();
        let (reads, stale_reads) = rg.reads(m);
        Some(RegionCopy {
            leader: self.nodes[leader as usize].id.0,
            leader_label: self.nodes[leader as usize].label.clone(),
            leading: leader == n,
            lag_ms: lag.map(|l| l.0.as_millis_f64()),
            lag_ops: lag.map(|l| l.1),
            mean_lag_ms: (stats.applies > 0).then(|| stats.lag.mean_secs() * 1e3),
            applies: stats.applies,
            reads,
            stale_reads,
            takeover: rg.plan().map(|p| {
                let node = rg.members()[p.member as usize].node;
                (self.nodes[node as usize].label.clone(), p.at.as_secs_f64())
            }),
        })
    }

    /// A planned take-over is due: the copy leads from now on.
    pub(crate) fn take_over(&mut self, now: SimTime, g: u32, epoch: u32) {
        let World {
            nodes,
            groups,
            regions,
            ..
        } = &mut *self;
        let Some(t) =
            regions[g as usize].take_over(now, epoch, |m| !node_is_down(nodes, groups, m.node))
        else {
            return;
        };
        self.totals.lost_writes += t.lost_writes;
        let members = self.regions[g as usize].members();
        let (new, old) = (
            members[t.member as usize].node,
            members[t.from as usize].node,
        );
        let message = format!(
            "{} promoted: it takes the writes of every datacenter now; {} acknowledged writes made at {} never reached it and are lost",
            self.nodes[new as usize].label, t.lost_writes, self.nodes[old as usize].label
        );
        self.note(now, Some(new), message);
    }

    /// Database node `n` is back: a leader back before its take-over cancels it; a copy gets
    /// the writes held for it.
    pub(crate) fn region_member_back(&mut self, now: SimTime, n: u32, q: &mut EventQueue<Ev>) {
        let Some(g) = (match &self.nodes[n as usize].state {
            State::Db(db) => db.region_group,
            _ => None,
        }) else {
            return;
        };
        if self.node_down(n) {
            return;
        }
        let rg = &mut self.regions[g as usize];
        if rg.leader_node() == n {
            if rg.leader_back() {
                let label = self.nodes[n as usize].label.clone();
                self.note(
                    now,
                    Some(n),
                    format!("{label} back before its copy took over: no write lost"),
                );
            }
        } else if let Some(m) = rg.member(n) {
            let leader = rg.leader_node();
            let count = self.region_release(now, g, m, q);
            if count > 0 {
                let message = format!(
                    "{} back as a copy of {}: {count} writes to catch up on",
                    self.nodes[n as usize].label, self.nodes[leader as usize].label
                );
                self.note(now, Some(n), message);
            }
        }
    }
}
