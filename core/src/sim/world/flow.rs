//! The request flow: a request is drawn, sent hop by hop, arrives at a node (the kind's
//! handler decides what happens there), is served by a station (`Done`), and completes or
//! fails with one reason.
//!
//! Owns: the request slab ([`World::alloc`], [`World::release`]), the hop ([`World::send`]:
//! network delay, hop limit, routing on at send time), completion and failure accounting,
//! and the dispatch of an arrival or a completion to its kind.
//!
//! Invariants: a request leaves the flow exactly once, through `complete` or `fail`.

use super::*;

impl World {
    pub(crate) fn generate(&mut self, now: SimTime, n: NodeIx, q: &mut EventQueue<Ev>) {
        let traffic = self.traffic;
        let duration = self.duration_s;
        let full = self.live_requests as usize + self.live_jobs as usize >= MAX_IN_FLIGHT;
        let draw = match &mut self.nodes[n].state {
            State::Users(u) => u.draw(now, &traffic, duration, n),
            // Only populations are scheduled to generate.
            State::Dns(_)
            | State::Cdn(_)
            | State::Lb(_)
            | State::Web(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::Db(_)
            | State::NoSql(_)
            | State::Sharded(_)
            | State::Queue(_)
            | State::Workers(_)
            | State::Sink(_) => return,
        };
        let req = match draw {
            Draw::Quiet { after } => {
                q.schedule(now.after(after), Ev::Generate { users: n });
                return;
            }
            Draw::Request { after, req } => {
                q.schedule(now.after(after), Ev::Generate { users: n });
                req
            }
        };
        let kind = req.kind;
        self.totals.arrived += 1;
        self.nodes[n].arrivals += 1;
        self.live_requests += 1;
        let r = self.alloc(req);
        if full {
            self.fail(now, n, r, FailureReason::Overload);
            return;
        }
        let port = if kind == ReqKind::Static {
            OutPort::Static
        } else {
            OutPort::Dynamic
        };
        let mut target = self.targets(n, port).next().or_else(|| {
            // Static assets go through the dynamic path when no separate one is drawn.
            self.first_target(n, OutPort::Dynamic)
        });
        // A failed CDN edge: the client falls back to the origin for its static assets.
        if let Some(edge) = target
            && kind == ReqKind::Static
            && self.nodes[edge].kind == ComponentKind::Cdn
            && self.node_down(edge)
        {
            target = self
                .first_target(edge, OutPort::Origin)
                .or_else(|| self.first_target(n, OutPort::Dynamic))
                .or(target);
        }
        match target {
            Some(t) => self.send(now, n, t, r, SimTime::ZERO, q),
            None => self.fail(now, n, r, FailureReason::NoRoute),
        }
    }

    pub(crate) fn send(
        &mut self,
        now: SimTime,
        from: NodeIx,
        to: NodeIx,
        r: ReqId,
        extra: SimTime,
        q: &mut EventQueue<Ev>,
    ) {
        // The facts of both ends come from `places` (fixed during a run, a few bytes a node),
        // not from the nodes.
        let (pf, pt) = (self.places[from.ix()], self.places[to.ix()]);
        let req = &mut self.reqs[r as usize];
        let from_region = if pf.users {
            Some(req.region)
        } else {
            pf.region
        };
        let hop = match (from_region, pt.region) {
            (Some(a), Some(b)) if pf.users || a != b => self.one_way[a as usize][b as usize],
            _ => SAME_DC_HOP,
        };
        req.hops = req.hops.saturating_add(1);
        if req.hops > HOP_LIMIT {
            self.fail(now, to, r, FailureReason::NoRoute);
            return;
        }
        req.net = req.net.after(hop);
        let at = now.after(hop).after(extra);
        if pt.passes {
            self.arrive(at, to, r, q);
        } else {
            q.schedule(at, Ev::Arrive { node: to, req: r });
        }
    }

    /// Whether a request is routed on by `n` the moment it gets there, without an event of its
    /// own: a DNS resolver or a load balancer without a capacity neither queues nor takes
    /// time, so deciding at send time, from the state of that moment, for the arrival time is
    /// the same thing. Not for least connections, whose choice must see the backends as they
    /// are on arrival, nor for a balancer with a capacity: its queue must take requests in
    /// the order they arrive, which is not the order they were sent in when they come from
    /// several regions.
    pub(crate) fn passes_through(&self, n: NodeIx) -> bool {
        match &self.nodes[n].state {
            State::Dns(_) => true,
            State::Lb(lb) => {
                lb.algorithm != LbAlgorithm::LeastConnections && lb.forwarding.is_none()
            }
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
            | State::Sink(_) => false,
        }
    }

    /// The request is answered `delay` from now: the time is the reply's, so it is completed
    /// at once with `delay` added to its network time (no event needed).
    pub(crate) fn reply_after(
        &mut self,
        now: SimTime,
        n: NodeIx,
        r: ReqId,
        delay: SimTime,
        q: &mut EventQueue<Ev>,
    ) {
        let req = &mut self.reqs[r as usize];
        req.net = req.net.after(delay);
        self.complete(now, n, r, q);
    }

    pub(crate) fn fail(&mut self, _now: SimTime, n: NodeIx, r: ReqId, reason: FailureReason) {
        let kind = self.reqs[r as usize].kind;
        if kind == ReqKind::Migration {
            // A key copy lost (crash, overload, timeout) is copied again; not a request.
            self.copy_lost(n, r);
            return;
        }
        self.nodes[n].errors.bump(reason);
        if kind == ReqKind::Job {
            self.totals.jobs_failed += 1;
        } else {
            self.totals.failed.bump(reason);
            let users = self.reqs[r as usize].users;
            self.nodes[users].sent_failed += 1;
            self.error_log(n, r);
        }
        self.release(r);
    }

    /// The request is answered (`n` is where it ended); a read missed by a cache-aside cache
    /// first goes back to the cache with its value (see [`World::write_back_due`]).
    pub(crate) fn complete(&mut self, now: SimTime, n: NodeIx, r: ReqId, q: &mut EventQueue<Ev>) {
        let req = self.reqs[r as usize];
        if req.kind == ReqKind::Job {
            self.totals.jobs_done += 1;
            self.release(r);
            return;
        }
        if self.write_back_due(now, n, r, q) {
            return;
        }
        for filler in [req.edge, req.cache].into_iter().filter_map(MaybeIx::node) {
            if let State::Cdn(c) | State::Cache(c) = &mut self.nodes[filler].state {
                let key = c.object_key(req.key);
                c.cache.fill(now, key);
            }
        }
        let latency = now.since(req.born).after(req.net);
        self.latency.record(now, latency);
        self.totals.completed += 1;
        self.nodes[req.users].completions += 1;
        self.release(r);
    }

    pub(crate) fn arrive(&mut self, now: SimTime, n: NodeIx, r: ReqId, q: &mut EventQueue<Ev>) {
        if !self.reqs[r as usize].entered_dc
            && let Some(g) = self.nodes[n].group
        {
            self.reqs[r as usize].entered_dc = true;
            self.groups[g].requests += 1;
        }
        self.nodes[n].arrivals += 1;
        if self.node_down(n) {
            // A durable queue keeps jobs for its crashed workers (up to its capacity).
            if self.nodes[n].failed
                && let State::Workers(w) = &mut self.nodes[n].state
                && w.durable
            {
                if w.held.len() < w.capacity {
                    w.held.push_back(r);
                } else {
                    self.fail(now, n, r, FailureReason::Overload);
                }
                return;
            }
            self.fail(now, n, r, FailureReason::Unavailable);
            return;
        }
        let World {
            nodes,
            reqs,
            regions,
            totals,
            ..
        } = self;
        let node = &mut nodes[n];
        let req = &mut reqs[r as usize];
        let here = Here {
            node: n,
            slow: node.slow,
            completions: &mut node.completions,
            latency: &mut node.latency,
        };
        let arrival = match &mut node.state {
            State::Users(_) | State::Sessions(_) | State::Sink(_) => {
                Arrival::Fail(FailureReason::NoRoute)
            }
            State::Dns(_) => return self.dns_arrive(now, n, r, q),
            State::Lb(_) => return self.balance(now, n, r, q),
            State::Cdn(c) => c.edge_arrive(now, req, here, &mut totals.stale_assets),
            State::Web(w) => w.arrive(now, req, r),
            State::Cache(c) => c.arrive(now, req, here),
            State::Db(db) => db.arrive(now, req, r, n, regions),
            State::NoSql(s) => s.arrive(now, req, r),
            State::Sharded(s) => s.arrive(now, req, r),
            State::Queue(m) => m.arrive(now, here),
            State::Workers(w) => w.arrive(now, r),
        };
        self.apply(now, n, r, arrival, q);
    }

    /// Carries out what the kind at `n` decided for request `r`.
    #[inline(always)]
    pub(crate) fn apply(
        &mut self,
        now: SimTime,
        n: NodeIx,
        r: ReqId,
        arrival: Arrival,
        q: &mut EventQueue<Ev>,
    ) {
        match arrival {
            Arrival::Answered { delay } => self.reply_after(now, n, r, delay, q),
            Arrival::Forward { to, extra } => self.send(now, n, to, r, extra, q),
            Arrival::Port {
                port,
                extra,
                served,
            } => match self.first_target(n, port) {
                Some(t) => {
                    if served {
                        self.nodes[n].completions += 1;
                    }
                    self.send(now, n, t, r, extra, q)
                }
                None => self.fail(now, n, r, FailureReason::NoRoute),
            },
            Arrival::Miss { extra } => {
                if self.read_aside(now, n, r, extra, q) {
                    return;
                }
                let Req { web, key, .. } = self.reqs[r as usize];
                let next = self
                    .targets(n, OutPort::Miss)
                    .next()
                    .or_else(|| web.node().and_then(|w| self.store_of(w, key)));
                match next {
                    Some(t) => self.send(now, n, t, r, extra, q),
                    None => self.fail(now, n, r, FailureReason::NoRoute),
                }
            }
            Arrival::Station { sub, admission } => {
                let incarnation = self.incarnation_of(n, sub);
                self.admitted(now, n, sub, r, admission, incarnation, q);
            }
            Arrival::Fail(reason) => self.fail(now, n, r, reason),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn admitted(
        &mut self,
        now: SimTime,
        n: NodeIx,
        sub: u32,
        r: ReqId,
        adm: Admission<ReqId>,
        incarnation: u32,
        q: &mut EventQueue<Ev>,
    ) {
        match adm {
            Admission::Started(s) => q.schedule(
                s.done_at,
                Ev::Done {
                    node: n,
                    sub,
                    req: r,
                    arrived: s.arrived,
                    incarnation,
                },
            ),
            Admission::Queued => {}
            Admission::Rejected(_) => self.fail(now, n, r, FailureReason::Overload),
        }
    }

    pub(crate) fn station_of(&mut self, n: NodeIx, sub: u32) -> Option<&mut Station<ReqId>> {
        match &mut self.nodes[n].state {
            State::Web(w) => w.instances.get_mut(sub as usize),
            State::Db(db) => match sub {
                0 => Some(&mut db.primary),
                k => db.replicas.get_mut(k as usize - 1),
            },
            State::NoSql(s) => s.stations.get_mut(sub as usize),
            State::Sharded(s) => s.stations.get_mut(sub as usize),
            State::Workers(w) => Some(&mut w.station),
            State::Users(_)
            | State::Dns(_)
            | State::Cdn(_)
            | State::Lb(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::Queue(_)
            | State::Sink(_) => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn done(
        &mut self,
        now: SimTime,
        n: NodeIx,
        sub: u32,
        r: ReqId,
        arrived: SimTime,
        incarnation: u32,
        q: &mut EventQueue<Ev>,
    ) {
        if incarnation != self.incarnation_of(n, sub) {
            // The station crashed while serving it. A durable queue had not been told the job
            // was done: it redelivers it.
            if let State::Workers(w) = &mut self.nodes[n].state
                && w.durable
            {
                w.held.push_back(r);
                self.redeliver(now, n, q);
                return;
            }
            self.fail(now, n, r, FailureReason::Unavailable);
            return;
        }
        let mut timed_out = std::mem::take(&mut self.timed_out);
        let next = self
            .station_of(n, sub)
            .and_then(|st| st.complete(now, arrived, &mut timed_out));
        if let Some(s) = next {
            q.schedule(
                s.done_at,
                Ev::Done {
                    node: n,
                    sub,
                    req: s.job,
                    arrived: s.arrived,
                    incarnation,
                },
            );
        }
        for (_, job) in timed_out.drain(..) {
            self.fail(now, n, job, FailureReason::Timeout);
        }
        self.timed_out = timed_out;
        if self.reqs[r as usize].kind == ReqKind::Migration {
            self.copy_step_done(now, n, sub, r, q);
            return;
        }
        let World {
            nodes,
            reqs,
            regions,
            totals,
            web_sessions,
            ..
        } = self;
        let node = &mut nodes[n];
        let req = &reqs[r as usize];
        let finish = match &mut node.state {
            State::NoSql(s) => s.done(now, req, sub, r),
            State::Db(db) => db.done(now, req, sub, r, n, regions, &mut totals.stale_reads, q),
            State::Web(w) => {
                let incarnation = w.incarnation(node.incarnation, sub);
                Finish::Web {
                    session: w.session_kept(web_sessions, req, n, sub, incarnation),
                }
            }
            State::Sharded(_) | State::Workers(_) => Finish::Complete,
            State::Users(_)
            | State::Dns(_)
            | State::Cdn(_)
            | State::Lb(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::Queue(_)
            | State::Sink(_) => Finish::Complete,
        };
        match finish {
            Finish::Next { sub, admission } => {
                // On to the key's next replica, one same-datacenter hop away: not served yet.
                let req = &mut self.reqs[r as usize];
                req.net = req.net.after(SAME_DC_HOP);
                let incarnation = self.incarnation_of(n, sub);
                self.admitted(now, n, sub, r, admission, incarnation, q);
            }
            Finish::Complete => {
                self.served(now, n, arrived);
                self.complete(now, n, r, q);
            }
            Finish::Written { pending, region } => {
                self.served(now, n, arrived);
                if let Some(g) = region {
                    let key = self.reqs[r as usize].key;
                    self.region_write(now, g, key, q);
                }
                if !pending {
                    self.complete(now, n, r, q);
                }
            }
            Finish::Web { session } => {
                self.served(now, n, arrived);
                self.web_done(now, n, r, session, q);
            }
        }
    }

    /// A station of `n` finished serving a request it took at `arrived`.
    #[inline]
    fn served(&mut self, now: SimTime, n: NodeIx, arrived: SimTime) {
        let node = &mut self.nodes[n];
        node.completions += 1;
        node.latency.record(now, now.since(arrived));
    }

    /// The incarnation a completion scheduled by station `sub` of node `n` must carry.
    pub(crate) fn incarnation_of(&self, n: NodeIx, sub: u32) -> u32 {
        let node = &self.nodes[n];
        match &node.state {
            State::NoSql(s) => node
                .incarnation
                .wrapping_add(s.incarnations.get(sub as usize).copied().unwrap_or(0)),
            State::Sharded(s) => node
                .incarnation
                .wrapping_add(s.incarnations.get(sub as usize).copied().unwrap_or(0)),
            State::Web(w) => w.incarnation(node.incarnation, sub),
            State::Users(_)
            | State::Dns(_)
            | State::Cdn(_)
            | State::Lb(_)
            | State::Cache(_)
            | State::Sessions(_)
            | State::Db(_)
            | State::Queue(_)
            | State::Workers(_)
            | State::Sink(_) => node.incarnation,
        }
    }

    pub(crate) fn publish_job(
        &mut self,
        now: SimTime,
        from: NodeIx,
        queue: NodeIx,
        req: Req,
        q: &mut EventQueue<Ev>,
    ) {
        self.totals.jobs_published += 1;
        self.live_jobs += 1;
        let j = self.alloc(Req {
            kind: ReqKind::Job,
            login: false,
            hops: 0,
            net: SimTime::ZERO,
            born: now,
            web: MaybeIx::NONE,
            instance: MaybeIx::NONE,
            edge: MaybeIx::NONE,
            cache: MaybeIx::NONE,
            entered_dc: true,
            ..req
        });
        self.send(now, from, queue, j, SimTime::ZERO, q);
    }
}
