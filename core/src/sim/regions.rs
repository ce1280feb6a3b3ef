//! A database copied across datacenters: one member takes every write (the leader), the
//! others hold copies that apply the leader's writes after the cross-region delay.
//!
//! Owns: who leads, the leader's [`ReplicaSet`] over the other members (one replica each, at
//! the one-way delay between the two regions, applying at the member's own apply rate),
//! writes held back while a member or its link is down, per-member read and stale counts,
//! and the failover plan: when the leader becomes unreachable the set is frozen (what each
//! copy had applied is what it keeps), and after the copy's detection and promotion time the
//! most up-to-date copy still up becomes the leader; the acknowledged writes it lacked are lost.
//!
//! ```text
//!  diagram:  A ──replicate──▶ B, A ──replicate──▶ C        members [A, B, C], leader A
//!  write at B or C ─forwarded across regions─▶ leader ─▶ ship to every other member
//!  A unreachable ─▶ freeze ─(detection + promotion of the best copy)─▶ B leads; A, C follow B
//!  A back before that ─▶ resync, nothing lost
//! ```
//!
//! Does not: schedule events (the world does), or decide what is up (the world says). A
//! restored member catches up by applying the writes held for it while it was away. After a
//! change of leader every copy restarts in sync with the new one.

use super::SimTime;
use super::replication::{
    Failover, FailoverTiming, ReplicaSet, ReplicaSpec, ReplicationConfig, ReplicationMode, WriteOp,
};
use super::rng::Dist;
use crate::model::Region;

/// One database of the group.
#[derive(Clone, Debug)]
pub struct Member {
    /// The world's node index.
    pub node: u32,
    /// Where it is (none outside a datacenter: same-region delays).
    pub region: Option<Region>,
    /// Its replicas' apply time (the copy applies the leader's writes at that rate).
    pub apply: Dist,
    /// Its failover timing: how fast it notices the leader is gone and takes over.
    pub timing: FailoverTiming,
    /// The wire slot of the `replicate` wire linking it to the diagram's source (none for the
    /// source itself).
    pub wire: Option<u32>,
}

/// The pending take-over after the leader became unreachable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Member expected to take over (the most up-to-date copy up at the time).
    pub member: u32,
    /// When it will accept writes.
    pub at: SimTime,
    /// Identifies the plan, so a stale promotion event is ignored.
    pub epoch: u32,
}

/// A completed take-over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TakeOver {
    /// The member now leading.
    pub member: u32,
    /// The member that led before.
    pub from: u32,
    /// Acknowledged writes the new leader never received.
    pub lost_writes: u64,
}

/// A database and its copies in other datacenters.
#[derive(Clone, Debug)]
pub struct RegionGroup {
    members: Vec<Member>,
    leader: u32,
    set: ReplicaSet,
    /// Writes waiting per member (by member index) while it or its link is down.
    held: Vec<Vec<WriteOp>>,
    reads: Vec<u64>,
    stale: Vec<u64>,
    plan: Option<Plan>,
    plans: u32,
    /// Shipping stopped when the leader was lost and has not restarted.
    frozen: bool,
    deliveries: Vec<(u32, SimTime)>,
}

/// One-way delay between two members' datacenters ([`Region::one_way_ms`]).
fn one_way(a: Option<Region>, b: Option<Region>) -> SimTime {
    SimTime::from_secs_f64(Region::one_way_ms(a, b) / 1e3)
}

impl RegionGroup {
    /// A group led by `members[0]` (the diagram's source), seeded like the leader's node.
    pub fn new(members: Vec<Member>, seed: u64, component: u64) -> RegionGroup {
        let n = members.len();
        let mut g = RegionGroup {
            set: ReplicaSet::with_specs(
                ReplicationConfig {
                    replicas: 0,
                    network: Dist::Deterministic(SimTime::ZERO),
                    apply: Dist::Deterministic(SimTime::ZERO),
                    mode: ReplicationMode::Async,
                },
                Vec::new(),
                seed,
                component,
                "region",
            ),
            members,
            leader: 0,
            held: vec![Vec::new(); n],
            reads: vec![0; n],
            stale: vec![0; n],
            plan: None,
            plans: 0,
            frozen: false,
            deliveries: Vec::new(),
        };
        g.set.respec(g.specs());
        g
    }

    fn specs(&self) -> Vec<ReplicaSpec> {
        let lead = self.leader().region;
        self.followers()
            .map(|m| {
                let x = &self.members[m as usize];
                ReplicaSpec {
                    network: Dist::Deterministic(one_way(lead, x.region)),
                    apply: x.apply,
                }
            })
            .collect()
    }

    /// The members other than the leader, in order: replica `r` of the set is the `r`-th.
    fn followers(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.members.len() as u32).filter(move |&m| m != self.leader)
    }

    fn replica_of(&self, member: u32) -> Option<u32> {
        match member.cmp(&self.leader) {
            std::cmp::Ordering::Less => Some(member),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(member - 1),
        }
    }

    fn member_of(&self, replica: u32) -> u32 {
        if replica < self.leader {
            replica
        } else {
            replica + 1
        }
    }

    /// The members.
    pub fn members(&self) -> &[Member] {
        &self.members
    }
    /// The member index of `node`, if it belongs to the group.
    pub fn member(&self, node: u32) -> Option<u32> {
        self.members
            .iter()
            .position(|m| m.node == node)
            .map(|i| i as u32)
    }
    /// The node that takes writes.
    pub fn leader_node(&self) -> u32 {
        self.leader().node
    }
    /// The member that takes writes.
    pub fn leader(&self) -> &Member {
        &self.members[self.leader as usize]
    }
    /// The pending take-over, if the leader is unreachable.
    pub fn plan(&self) -> Option<Plan> {
        self.plan
    }
    /// Counters of the current leader's shipping (lag of applied writes, lost writes, ...).
    pub fn set(&self) -> &ReplicaSet {
        &self.set
    }

    /// The leader took a write of `key`: `(member, arrival, op)` of each copy reachable now
    /// (`reachable[member]`) is pushed onto `out`; the others get it when they come back.
    pub fn write(
        &mut self,
        now: SimTime,
        key: u64,
        reachable: &[bool],
        out: &mut Vec<(u32, SimTime, WriteOp)>,
    ) {
        let mut deliveries = std::mem::take(&mut self.deliveries);
        let op = self.set.write(now, key, &mut deliveries);
        for (r, at) in deliveries.drain(..) {
            let m = self.member_of(r);
            if reachable.get(m as usize) == Some(&true) {
                out.push((m, at, op));
            } else {
                self.held[m as usize].push(op);
            }
        }
        self.deliveries = deliveries;
    }

    /// `op` reached `member` while it or its link was down: it gets it when it comes back.
    pub fn hold(&mut self, member: u32, op: WriteOp) {
        if let Some(h) = self.held.get_mut(member as usize) {
            h.push(op);
        }
    }

    /// `op` reaches `member`; the apply to schedule if its thread was idle.
    pub fn deliver(
        &mut self,
        now: SimTime,
        member: u32,
        op: WriteOp,
    ) -> Option<super::station::Started<WriteOp>> {
        let r = self.replica_of(member)?;
        self.set.deliver(now, r, op)
    }

    /// `member` finished applying `op`: whether it counted (not from a frozen or replaced
    /// epoch), and its next apply to schedule.
    pub fn applied(
        &mut self,
        now: SimTime,
        member: u32,
        op: WriteOp,
        arrived: SimTime,
    ) -> (bool, Option<super::station::Started<WriteOp>>) {
        match self.replica_of(member) {
            Some(r) if self.set.is_current(&op) => {
                (true, self.set.applied(now, r, op, arrived).next)
            }
            _ => (false, None),
        }
    }

    /// The writes held for `member` while it was unreachable, in order, with when each reaches
    /// it if sent at `now` (the member came back, or its link did).
    pub fn release(&mut self, now: SimTime, member: u32) -> Vec<(SimTime, WriteOp)> {
        let lead = self.leader().region;
        let Some(x) = self.members.get(member as usize) else {
            return Vec::new();
        };
        let at = now.after(one_way(lead, x.region));
        std::mem::take(&mut self.held[member as usize])
            .into_iter()
            .map(|op| (at, op))
            .collect()
    }

    /// A read of `key` at `member` at `now`: true if the member has not applied the key's
    /// latest write. The leader is always fresh. Counted.
    pub fn read(&mut self, now: SimTime, member: u32, key: u64) -> bool {
        let Some(r) = self.replica_of(member) else {
            return false;
        };
        let stale = self.set.read(now, r, key);
        self.reads[member as usize] += 1;
        if stale {
            self.stale[member as usize] += 1;
        }
        stale
    }

    /// Reads served at `member` and how many were stale.
    pub fn reads(&self, member: u32) -> (u64, u64) {
        (
            self.reads.get(member as usize).copied().unwrap_or(0),
            self.stale.get(member as usize).copied().unwrap_or(0),
        )
    }

    /// Lag of `member` right now: time and writes not applied (none for the leader).
    pub fn lag(&self, now: SimTime, member: u32) -> Option<(SimTime, u64)> {
        let r = self.replica_of(member)?;
        Some((self.set.lag_time(now, r), self.set.lag_ops(r)))
    }

    /// The leader became unreachable at `now`. Shipping stops, and the most up-to-date copy
    /// `up` accepts is planned to take over after its detection and promotion time. `None` if
    /// a take-over is already planned or no copy is up.
    pub fn leader_lost(&mut self, now: SimTime, up: impl Fn(&Member) -> bool) -> Option<Plan> {
        if self.plan.is_some() {
            return None;
        }
        let best = self
            .followers()
            .filter(|&m| up(&self.members[m as usize]))
            .max_by_key(|&m| {
                let r = self.replica_of(m).unwrap_or(0);
                (self.set.applied_upto(r), std::cmp::Reverse(m))
            })?;
        self.set.freeze();
        self.frozen = true;
        self.plans += 1;
        let plan = Plan {
            member: best,
            at: self.members[best as usize]
                .timing
                .promoted_at(now, SimTime::ZERO),
            epoch: self.plans,
        };
        self.plan = Some(plan);
        Some(plan)
    }

    /// The leader is back before any copy took over: the copies resync and nothing is lost.
    /// True if a take-over was cancelled.
    pub fn leader_back(&mut self) -> bool {
        if std::mem::take(&mut self.frozen) {
            self.set.resync();
        }
        self.plan.take().is_some()
    }

    /// The planned take-over `epoch` is due: the most up-to-date copy `up` accepts leads from
    /// now on. `None` if the plan was cancelled or replaced, or no copy is up.
    pub fn take_over(
        &mut self,
        now: SimTime,
        epoch: u32,
        up: impl Fn(&Member) -> bool,
    ) -> Option<TakeOver> {
        if self.plan.map(|p| p.epoch) != Some(epoch) {
            return None;
        }
        self.plan = None;
        let eligible: Vec<bool> = self
            .followers()
            .map(|m| up(&self.members[m as usize]))
            .collect();
        let Failover {
            promoted,
            lost_writes,
        } = self
            .set
            .promote_among(now, |r| eligible.get(r as usize) == Some(&true))?;
        let from = self.leader;
        self.frozen = false;
        self.leader = self.member_of(promoted);
        for h in &mut self.held {
            h.clear();
        }
        let specs = self.specs();
        self.set.respec(specs);
        Some(TakeOver {
            member: self.leader,
            from,
            lost_writes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(node: u32, region: Region) -> Member {
        Member {
            node,
            region: Some(region),
            apply: Dist::Deterministic(SimTime::from_millis(1)),
            timing: FailoverTiming {
                check_interval: SimTime::from_secs(5),
                failures_to_detect: 3,
                promotion: SimTime::from_secs(30),
                dns_ttl: SimTime::ZERO,
            },
            wire: None,
        }
    }

    fn pair() -> RegionGroup {
        RegionGroup::new(
            vec![member(10, Region::NorthAmerica), member(20, Region::Europe)],
            7,
            10,
        )
    }

    #[test]
    fn a_copy_gets_each_write_after_the_one_way_cross_region_delay() {
        let mut g = pair();
        assert_eq!(g.leader_node(), 10);
        let mut out = Vec::new();
        g.write(SimTime::ZERO, 5, &[true, true], &mut out);
        // North America <-> Europe: 80 ms round trip, 40 ms one way.
        assert_eq!(out.len(), 1);
        let (m, at, op) = out[0];
        assert_eq!((m, at), (1, SimTime::from_millis(40)));
        assert!(g.read(at, 1, 5), "not applied yet: stale");
        assert!(!g.read(at, 0, 5), "the leader is fresh");
        let s = g.deliver(at, 1, op).unwrap();
        assert_eq!(s.done_at, SimTime::from_millis(41));
        assert_eq!(g.applied(s.done_at, 1, op, s.arrived), (true, None));
        assert!(!g.read(s.done_at, 1, 5));
        assert_eq!(g.reads(1), (2, 1));
        assert_eq!(g.lag(s.done_at, 1), Some((SimTime::ZERO, 0)));
        assert_eq!(g.lag(s.done_at, 0), None);
    }

    #[test]
    fn losing_the_leader_promotes_the_copy_and_loses_what_it_lacked() {
        let mut g = pair();
        let mut out = Vec::new();
        for k in 0..3 {
            g.write(SimTime::from_millis(k), k, &[true, true], &mut out);
        }
        let (_, at, op) = out[0];
        let s = g.deliver(at, 1, op).unwrap();
        g.applied(s.done_at, 1, op, s.arrived);
        let t = SimTime::from_secs(1);
        let plan = g.leader_lost(t, |_| true).unwrap();
        // Detection: checks every 5 s from 0, 3 failures (5, 10, 15 s), then 30 s promotion.
        assert_eq!((plan.member, plan.at), (1, SimTime::from_secs(45)));
        assert!(g.leader_lost(t, |_| true).is_none(), "already planned");
        // In-flight writes of the frozen epoch are never applied.
        assert!(g.deliver(at, 1, out[1].2).is_none());
        assert!(g.take_over(plan.at, plan.epoch + 1, |_| true).is_none());
        let t = g.take_over(plan.at, plan.epoch, |_| true).unwrap();
        assert_eq!(
            t,
            TakeOver {
                member: 1,
                from: 0,
                lost_writes: 2
            }
        );
        assert_eq!(g.leader_node(), 20);
        assert_eq!(g.set().stats().lost_writes, 2);
        // The old leader now follows: writes ship to it, held while it is down.
        let mut out = Vec::new();
        g.write(SimTime::from_secs(50), 9, &[false, true], &mut out);
        assert!(out.is_empty());
        let back = g.release(SimTime::from_secs(60), 0);
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].0, SimTime::from_millis(60_040));
        assert!(g.read(back[0].0, 0, 9), "stale until it catches up");
    }

    #[test]
    fn a_leader_back_before_the_take_over_loses_nothing() {
        let mut g = pair();
        let mut out = Vec::new();
        g.write(SimTime::ZERO, 1, &[true, true], &mut out);
        let plan = g.leader_lost(SimTime::from_millis(1), |_| true).unwrap();
        assert!(g.leader_back());
        assert!(g.take_over(plan.at, plan.epoch, |_| true).is_none());
        assert_eq!(g.leader_node(), 10);
        assert_eq!(g.set().stats().lost_writes, 0);
        assert!(!g.read(SimTime::from_millis(2), 1, 1), "resynced");
        // No copy up: nothing to plan.
        assert!(
            g.leader_lost(SimTime::from_secs(2), |m| m.node == 10)
                .is_none()
        );
    }

    #[test]
    fn with_no_copy_up_when_it_is_due_the_leader_keeps_its_place_and_resyncs_when_back() {
        let mut g = pair();
        let mut out = Vec::new();
        g.write(SimTime::ZERO, 1, &[true, true], &mut out);
        let plan = g.leader_lost(SimTime::from_millis(1), |_| true).unwrap();
        assert!(g.take_over(plan.at, plan.epoch, |_| false).is_none());
        assert_eq!(g.leader_node(), 10);
        assert!(!g.leader_back(), "no take-over was pending any more");
        assert!(
            !g.read(SimTime::from_secs(50), 1, 1),
            "resynced when the leader came back"
        );
        assert_eq!(g.set().stats().lost_writes, 0);
    }
}
