//! Web servers: instances, each a c-server FIFO station. A served request checks its
//! session (local if stateful, else at the session store: found, new login, or lost), logs
//! to a metrics sink, and goes on to its data: reads to a cache or a store, writes to a
//! store (invalidating the caches the tier reads, publishing a job if wired).

use crate::model::config::WebServersConfig;
use crate::sim::world::build::{BuildCtx, dist_of, station};
use crate::sim::world::*;

impl WebNode {
    /// The node state of a component with these settings.
    pub(crate) fn build(w: &WebServersConfig, ctx: &mut BuildCtx<'_>) -> State {
        let (seed, id) = (ctx.seed, ctx.id);
        let service = dist_of(&w.service_time, w.instance_size.cpu_multiplier());
        ctx.base_service = Some(service);
        let max = if w.autoscaling.enabled {
            w.autoscaling.max_instances.max(w.instances)
        } else {
            w.instances
        };
        State::Web(WebNode {
            instances: (0..max)
                .map(|k| {
                    station(
                        seed,
                        id,
                        &format!("web.{k}"),
                        w.concurrency_per_instance,
                        service,
                        QUEUE_CAPACITY,
                    )
                })
                .collect(),
            active: w.instances,
            failed: vec![false; max as usize],
            incarnations: vec![0; max as usize],
            service,
            stateful: w.sessions == SessionMode::Stateful,
            next: RoundRobin::default(),
            autoscale: w.autoscaling.enabled.then(|| w.autoscaling.clone()),
            last_scale: None,
            seen: vec![(0, 0); max as usize],
        })
    }
}

pub(crate) struct WebNode {
    pub(crate) instances: Vec<Station<ReqId>>,
    pub(crate) active: u32,
    /// Per instance: failed by a `Fail` fault that took it alone (the tier's other instances
    /// went on); a `Restore` brings it back.
    pub(crate) failed: Vec<bool>,
    /// Per instance: how many times it crashed alone, added to the node's incarnation so that
    /// the completions it had scheduled are void and the sessions it held are gone.
    pub(crate) incarnations: Vec<u32>,
    pub(crate) service: Dist,
    pub(crate) stateful: bool,
    pub(crate) next: RoundRobin,
    pub(crate) autoscale: Option<crate::model::config::Autoscaling>,
    pub(crate) last_scale: Option<SimTime>,
    /// Per instance: its busy and offered server time (the integrals) at the autoscaler's
    /// last look, so that each look measures every running instance over the same interval,
    /// whichever instances ran at the one before (a server failing or coming back, the tier
    /// growing or shrinking).
    pub(crate) seen: Vec<(u128, u128)>,
}

impl World {
    pub(crate) fn web_done(
        &mut self,
        now: SimTime,
        n: NodeIx,
        r: ReqId,
        session: Option<bool>,
        q: &mut EventQueue<Ev>,
    ) {
        let req = self.reqs[r as usize];
        self.log_to_sink(n);
        self.reqs[r as usize].web = n.into();
        let mut extra = SimTime::ZERO;
        if req.login {
            let store = self.first_target(n, OutPort::Sessions);
            if let Some(kept) = session {
                if !kept {
                    self.fail(now, n, r, FailureReason::SessionLost);
                    return;
                }
            } else if let Some(s) = store {
                if self.node_down(s) {
                    self.nodes[s].arrivals += 1;
                    self.fail(now, n, r, FailureReason::SessionLost);
                    return;
                }
                let client = self.client(&req);
                let node = &mut self.nodes[s];
                node.arrivals += 1;
                let login = match &mut node.state {
                    State::Sessions(st) => st.login_at(now, client, node.slow, &mut node.latency),
                    State::Users(_)
                    | State::Dns(_)
                    | State::Cdn(_)
                    | State::Lb(_)
                    | State::Web(_)
                    | State::Cache(_)
                    | State::Db(_)
                    | State::NoSql(_)
                    | State::Sharded(_)
                    | State::Queue(_)
                    | State::Workers(_)
                    | State::Sink(_) => LoginAt::NotAStore,
                };
                match login {
                    LoginAt::Refused(reason) => {
                        self.fail(now, s, r, reason);
                        return;
                    }
                    LoginAt::Lost { store_full } => {
                        if store_full {
                            let label = self.nodes[s].label.clone();
                            self.note(now, Some(s), LogEvent::SessionStoreFull { label });
                        }
                        self.fail(now, s, r, FailureReason::SessionLost);
                        return;
                    }
                    LoginAt::Answered { latency } => {
                        extra = latency.after(SAME_DC_HOP).after(SAME_DC_HOP);
                    }
                    LoginAt::NotAStore => {}
                }
                self.nodes[s].completions += 1;
            }
        }
        match req.kind {
            ReqKind::Static | ReqKind::Job | ReqKind::Migration => {
                self.reply_after(now, n, r, extra, q);
            }
            ReqKind::Read => {
                let cache = self
                    .targets(n, OutPort::Data)
                    .find(|&t| self.nodes[t].kind == ComponentKind::Cache && !self.node_down(t));
                match cache.or_else(|| self.store_of(n, req.key)) {
                    Some(t) => self.send(now, n, t, r, extra, q),
                    None => self.reply_after(now, n, r, extra, q),
                }
            }
            ReqKind::Write => {
                let mut caches = std::mem::take(&mut self.scratch.targets);
                caches.clear();
                caches.extend(
                    self.targets(n, OutPort::Data)
                        .filter(|&t| self.nodes[t].kind == ComponentKind::Cache),
                );
                for &c in &caches {
                    if let State::Cache(c) = &mut self.nodes[c].state {
                        c.cache.invalidate(req.key);
                    }
                }
                self.scratch.targets = caches;
                if let Some(queue) = self.first_target(n, OutPort::Jobs) {
                    // The publish call returns once the queue acknowledged the job.
                    extra = extra.after(self.enqueue_ack(queue));
                    self.publish_job(now, n, queue, req, q);
                }
                let store = self
                    .store_of(n, req.key)
                    .or_else(|| self.first_target(n, OutPort::Data));
                match store {
                    Some(t) => self.send(now, n, t, r, extra, q),
                    None => self.reply_after(now, n, r, extra, q),
                }
            }
        }
    }
}

impl WebNode {
    /// A request takes its place at the instance its balancer chose (if still active), else at
    /// the next instance in turn.
    #[inline]
    pub(crate) fn arrive(&mut self, now: SimTime, req: &mut Req, r: ReqId) -> Arrival {
        let chosen = req.instance.take();
        let active = self.active.max(1).min(self.instances.len() as u32);
        let inst = match chosen {
            Some(i) if i < active => i,
            Some(_) | None => self.next.next(active as u64) as u32,
        };
        if self.failed.get(inst as usize) == Some(&true) {
            // Nothing answers there: a balancer sends it requests until its health checks
            // miss, and without one its turn keeps coming round.
            return Arrival::Fail(FailureReason::Unavailable);
        }
        let admission = match self.instances.get_mut(inst as usize) {
            Some(st) => st.arrive(now, r),
            None => Admission::Rejected(r),
        };
        Arrival::Station {
            sub: inst,
            admission,
        }
    }
}

impl World {
    /// The client that sent `req`, numbered across every population (each holds at most
    /// [`MAX_CLIENTS`]), so that a session store keeps its clients in one dense table.
    #[inline]
    pub(crate) fn client(&self, req: &Req) -> u32 {
        self.places[req.users.ix()].first_client + req.client
    }
}

impl WebNode {
    /// A login served by instance `inst` of web tier `node` (in incarnation `incarnation`): at
    /// a stateful tier, whether that server holds the user's session in its memory (`held`:
    /// where each client's session lives, over every web tier). Another server, of this tier
    /// or another, or this one restarted since, holds none: the user is logged out, and the
    /// session is now here. `None` if the request is no login or the servers are stateless.
    #[inline]
    pub(crate) fn session_kept(
        &self,
        held: &mut KeyMap<(u32, u32, u32)>,
        req: &Req,
        node: NodeIx,
        inst: u32,
        incarnation: u32,
    ) -> Option<bool> {
        if !(req.login && self.stateful) {
            return None;
        }
        let key = req.users.0 as u64 * MAX_CLIENTS + req.client as u64;
        let here = (node.0, inst, incarnation);
        Some(match held.insert(key, here) {
            Some(before) => before == here,
            None => true,
        })
    }
}

impl WebNode {
    /// The autoscaler's look at the tier (every tick): the utilization of the instances
    /// running (active and not failed) since the last look decides how many it wants, outside
    /// its cooldown; what it did, for the log (the tier named `label`). A failed instance
    /// keeps its place (it is still there, and billed) and the running ones are sized for the
    /// load: it wants what the running ones need at its target, plus the failed ones.
    pub(crate) fn autoscale(&mut self, now: SimTime, label: &str) -> Option<LogEvent> {
        let a = self.autoscale.clone()?;
        let active = (self.active as usize).min(self.instances.len());
        let (mut busy, mut servers) = (0u128, 0u128);
        for (k, st) in self.instances.iter_mut().enumerate() {
            let (b, s) = if k < active {
                st.advance(now);
                (st.stats().busy_area, st.stats().server_area)
            } else {
                let (b, s, _, _) = st.areas_at(now);
                (b, s)
            };
            let (seen_b, seen_s) = std::mem::replace(&mut self.seen[k], (b, s));
            if k < active && !self.failed[k] {
                busy += b - seen_b.min(b);
                servers += s - seen_s.min(s);
            }
        }
        let util = if servers > 0 {
            busy as f64 / servers as f64
        } else {
            0.0
        };
        if self
            .last_scale
            .is_some_and(|t| now.since(t) < SimTime::from_secs(a.cooldown_s as u64))
        {
            return None;
        }
        let up = self.up();
        let want = (up as f64 * util / a.target_utilization).ceil() as u32 + (active as u32 - up);
        let want = want
            // max/min rather than clamp: never panics, even if min > max slipped by.
            .max(a.min_instances.max(1))
            .min(a.max_instances.max(1))
            .min(self.instances.len() as u32);
        if want == self.active {
            return None;
        }
        let event = LogEvent::Autoscaled {
            label: label.to_string(),
            from: self.active,
            to: want,
        };
        self.active = want;
        self.last_scale = Some(now);
        Some(event)
    }
}

impl WebNode {
    /// Its figures in the snapshot beyond its stations': the instances active, and how many
    /// of them run while some have failed alone.
    pub(crate) fn figures(&self, m: &mut ComponentMetrics) {
        m.instances = self.active;
        let up = self.up();
        if up < self.active {
            m.nodes = Some(NodesUp {
                up,
                total: self.active,
            });
        }
    }
}

impl WebNode {
    /// The instances running now: active and not failed alone.
    pub(crate) fn up(&self) -> u32 {
        let active = (self.active as usize).min(self.instances.len());
        self.failed[..active].iter().filter(|f| !**f).count() as u32
    }

    /// A `Fail` fault on the tier (named `label`) takes one server, the first running one:
    /// the requests waiting there are lost (those in service fail when their service would
    /// have ended, as at any crash), and a stateful tier's sessions there are gone. With one
    /// server running, the whole tier goes down instead.
    pub(crate) fn fail_one(&mut self, now: SimTime, label: &str) -> NodeFailure {
        let active = (self.active as usize).min(self.instances.len());
        let first_up = self.failed[..active].iter().position(|f| !*f);
        let (Some(k), true) = (first_up, self.up() > 1) else {
            return NodeFailure::Down { event: None };
        };
        self.failed[k] = true;
        self.incarnations[k] = self.incarnations[k].wrapping_add(1);
        let dropped = self.instances[k]
            .crash(now)
            .into_iter()
            .map(|x| x.1)
            .collect();
        NodeFailure::Lost {
            dropped,
            event: LogEvent::WebServerFailed {
                label: label.to_string(),
                server: k as u32 + 1,
                up: self.up(),
                servers: self.active,
            },
            down: false,
            lost_writes: 0,
        }
    }

    /// Every server failed alone is back (its sessions, if any, stay lost).
    pub(crate) fn restore(&mut self) {
        self.failed.iter_mut().for_each(|f| *f = false);
    }

    /// The incarnation a completion at instance `inst` carries, from the node's.
    pub(crate) fn incarnation(&self, node: u32, inst: u32) -> u32 {
        node.wrapping_add(self.incarnations.get(inst as usize).copied().unwrap_or(0))
    }
}

impl WebNode {
    /// Every instance crashes: the requests they held are `dropped`, and a stateful tier's
    /// sessions are gone (the node's new incarnation holds none of them).
    pub(crate) fn crash(&mut self, now: SimTime, dropped: &mut Vec<(SimTime, ReqId)>) {
        for st in &mut self.instances {
            dropped.extend(st.crash(now));
        }
    }
}
