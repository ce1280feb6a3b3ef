//! The world's glue to [`crate::sim::regions`]: which databases form a region group,
//! shipping the leader's writes to the copies, holding them behind a cut wire or a copy
//! that is down, and the take-over when the leader is lost.
//!
//! Databases copied across datacenters (a `replicate` wire from a source to each copy, see
//! [`crate::sim::regions`]): the leader (at first the source) takes every write, those reaching a
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
        let copies: Vec<(NodeIx, u32)> = nodes[src]
            .outs
            .iter()
            .filter(|o| o.0 == OutPort::Replicate)
            .map(|o| (o.1, o.2))
            .filter(|&(t, _)| {
                t.ix() != src && !claimed[t.ix()] && matches!(nodes[t].state, State::Db(_))
            })
            .collect();
        if copies.is_empty() || claimed[src] || !matches!(nodes[src].state, State::Db(_)) {
            continue;
        }
        let member = |n: NodeIx, wire: Option<u32>| {
            let node = &nodes[n];
            let State::Db(db) = &node.state else {
                return None;
            };
            Some(Member {
                node: n.0,
                region: node.region,
                apply: db.set.config().apply,
                timing: db.timing,
                wire,
            })
        };
        let src_ix = NodeIx(src as u32);
        let mut members: Vec<Member> = member(src_ix, None).into_iter().collect();
        let mut seen = vec![src_ix];
        for (t, w) in copies {
            if !seen.contains(&t) {
                seen.push(t);
                members.extend(member(t, Some(w)));
            }
        }
        let g = RegionGroupIx(groups.len() as u32);
        for &n in &seen {
            claimed[n.ix()] = true;
            if let State::Db(db) = &mut nodes[n].state {
                db.region_group = Some(g);
            }
        }
        groups.push(RegionGroup::new(members, seed, nodes[src].id.0 as u64));
    }
    groups
}

/// A region group's node and member numbers as the world's typed indices (`regions` numbers
/// them with bare integers).
trait TypedGroup {
    fn leader_ix(&self) -> NodeIx;
    fn member_ix(&self, n: NodeIx) -> Option<MemberIx>;
    fn node_of(&self, m: u32) -> NodeIx;
}

impl TypedGroup for RegionGroup {
    #[inline]
    fn leader_ix(&self) -> NodeIx {
        NodeIx(self.leader_node())
    }
    #[inline]
    fn member_ix(&self, n: NodeIx) -> Option<MemberIx> {
        self.member(n.0).map(MemberIx)
    }
    #[inline]
    fn node_of(&self, m: u32) -> NodeIx {
        NodeIx(self.members()[m as usize].node)
    }
}

/// Regions: shipping a leader's writes to the copies of its database in other datacenters,
/// and handing the writes over to a copy when the leader is lost.
impl World {
    /// Whether member `m` of group `g` can receive the leader's writes now: it is up, and the
    /// `replicate` wires between them (through the diagram's source) are intact.
    pub(crate) fn region_reachable(&self, g: RegionGroupIx, m: MemberIx) -> bool {
        let rg = &self.regions[g];
        let member = &rg.members()[m];
        let leader_wire = rg.leader().wire;
        !node_is_down(&self.nodes, &self.groups, NodeIx(member.node))
            && link_up(&self.wire_up, member.wire)
            && link_up(&self.wire_up, leader_wire)
    }

    /// The leader of group `g` took a write of `key`: ship it to every copy.
    pub(crate) fn region_write(
        &mut self,
        now: SimTime,
        g: RegionGroupIx,
        key: u64,
        q: &mut EventQueue<Ev>,
    ) {
        let mut reachable = std::mem::take(&mut self.scratch.reachable);
        reachable.clear();
        for m in 0..self.regions[g].members().len() as u32 {
            reachable.push(self.region_reachable(g, MemberIx(m)));
        }
        let mut shipped = std::mem::take(&mut self.scratch.shipped);
        let rg = &mut self.regions[g];
        rg.write(now, key, &reachable, &mut shipped);
        for (m, at, op) in shipped.drain(..) {
            q.schedule(
                at,
                Ev::RegionDeliver {
                    group: g,
                    member: MemberIx(m),
                    op,
                },
            );
        }
        self.scratch.shipped = shipped;
        self.scratch.reachable = reachable;
    }

    pub(crate) fn region_deliver(
        &mut self,
        now: SimTime,
        g: RegionGroupIx,
        m: MemberIx,
        op: WriteOp,
        q: &mut EventQueue<Ev>,
    ) {
        let reachable = self.region_reachable(g, m);
        let rg = &mut self.regions[g];
        if !reachable {
            rg.hold(m.0, op);
        } else if let Some(s) = rg.deliver(now, m.0, op) {
            q.schedule(
                s.done_at,
                Ev::RegionApplied {
                    group: g,
                    member: m,
                    op: s.job,
                    arrived: s.arrived,
                },
            );
        }
    }

    pub(crate) fn region_applied(
        &mut self,
        now: SimTime,
        g: RegionGroupIx,
        m: MemberIx,
        op: WriteOp,
        arrived: SimTime,
        q: &mut EventQueue<Ev>,
    ) {
        let rg = &mut self.regions[g];
        let (applied, next) = rg.applied(now, m.0, op, arrived);
        if let Some(s) = next {
            q.schedule(
                s.done_at,
                Ev::RegionApplied {
                    group: g,
                    member: m,
                    op: s.job,
                    arrived: s.arrived,
                },
            );
        }
        if !applied {
            return;
        }
        // The copy's own read replicas replay what it applied.
        let n = rg.node_of(m.0);
        if let State::Db(db) = &mut self.nodes[n].state
            && !db.replicas.is_empty()
        {
            db.ship(now, n, op.key, q);
        }
    }

    /// The writes held for member `m` of group `g` go out, if it can get them now; how many.
    pub(crate) fn region_release(
        &mut self,
        now: SimTime,
        g: RegionGroupIx,
        m: MemberIx,
        q: &mut EventQueue<Ev>,
    ) -> usize {
        if !self.region_reachable(g, m) {
            return 0;
        }
        let held = self.regions[g].release(now, m.0);
        let count = held.len();
        for (at, op) in held {
            q.schedule(
                at,
                Ev::RegionDeliver {
                    group: g,
                    member: m,
                    op,
                },
            );
        }
        count
    }

    /// Database node `n` became unreachable: if it leads a region group, a copy is planned to
    /// take over.
    pub(crate) fn region_leader_lost(&mut self, now: SimTime, n: NodeIx, q: &mut EventQueue<Ev>) {
        for g in 0..self.regions.len() {
            let g = RegionGroupIx(g as u32);
            if self.regions[g].leader_ix() != n {
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
            let plan = rg.leader_lost(now, |m| !node_is_down(nodes, groups, NodeIx(m.node)));
            let label = self.nodes[n].label.clone();
            let takeover = match plan {
                Some(p) => {
                    q.schedule(
                        p.at,
                        Ev::TakeOver {
                            group: g,
                            epoch: p.epoch,
                        },
                    );
                    let copy = self.regions[g].node_of(p.member);
                    Some((self.nodes[copy].label.clone(), p.at.as_secs_f64()))
                }
                None if pending => continue,
                None => None,
            };
            self.note(
                now,
                Some(n),
                LogEvent::LeaderUnreachable { label, takeover },
            );
        }
    }

    /// Node `n`'s figures as a member of region group `g`.
    pub(crate) fn region_copy(
        &self,
        now: SimTime,
        g: RegionGroupIx,
        n: NodeIx,
    ) -> Option<RegionCopy> {
        let rg = &self.regions[g];
        let m = rg.member_ix(n)?;
        let leader = rg.leader_ix();
        let lag = rg.lag(now, m.0);
        let stats = rg.set().stats();
        let (reads, stale_reads) = rg.reads(m.0);
        Some(RegionCopy {
            leader: self.nodes[leader].id.0,
            leader_label: self.nodes[leader].label.clone(),
            leading: leader == n,
            lag_ms: lag.map(|l| l.0.as_millis_f64()),
            lag_ops: lag.map(|l| l.1),
            mean_lag_ms: (stats.applies > 0).then(|| stats.lag.mean_secs() * 1e3),
            applies: stats.applies,
            reads,
            stale_reads,
            takeover: rg.plan().map(|p| {
                let node = rg.node_of(p.member);
                (self.nodes[node].label.clone(), p.at.as_secs_f64())
            }),
        })
    }

    /// A planned take-over is due: the copy leads from now on.
    pub(crate) fn take_over(&mut self, now: SimTime, g: RegionGroupIx, epoch: u32) {
        let World {
            nodes,
            groups,
            regions,
            ..
        } = &mut *self;
        let Some(t) =
            regions[g].take_over(now, epoch, |m| !node_is_down(nodes, groups, NodeIx(m.node)))
        else {
            return;
        };
        self.totals.lost_writes += t.lost_writes;
        let rg = &self.regions[g];
        let (new, old) = (rg.node_of(t.member), rg.node_of(t.from));
        let event = LogEvent::CopyPromoted {
            label: self.nodes[new].label.clone(),
            old: self.nodes[old].label.clone(),
            lost_writes: t.lost_writes,
        };
        self.note(now, Some(new), event);
    }

    /// Database node `n` is back: a leader back before its take-over cancels it; a copy gets
    /// the writes held for it.
    pub(crate) fn region_member_back(&mut self, now: SimTime, n: NodeIx, q: &mut EventQueue<Ev>) {
        let Some(g) = (match &self.nodes[n].state {
            State::Db(db) => db.region_group,
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
            | State::Sink(_) => None,
        }) else {
            return;
        };
        if self.node_down(n) {
            return;
        }
        let rg = &mut self.regions[g];
        if rg.leader_ix() == n {
            if rg.leader_back() {
                let label = self.nodes[n].label.clone();
                self.note(now, Some(n), LogEvent::LeaderBackInTime { label });
            }
        } else if let Some(m) = rg.member_ix(n) {
            let leader = rg.leader_ix();
            let count = self.region_release(now, g, m, q);
            if count > 0 {
                let event = LogEvent::BackAsCopy {
                    label: self.nodes[n].label.clone(),
                    leader: self.nodes[leader].label.clone(),
                    writes: count,
                };
                self.note(now, Some(n), event);
            }
        }
    }
}
