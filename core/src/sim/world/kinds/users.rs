//! Users: a population sending requests (read, write or static; a Zipf key or a celebrity
//! key; a login flag; a client id; its region) at the scenario's rate and profile.

use crate::model::config::UsersConfig;
use crate::sim::world::build::BuildCtx;
use crate::sim::world::*;

impl UsersNode {
    /// The node state of a component with these settings.
    pub(crate) fn build(u: &UsersConfig, ctx: &mut BuildCtx<'_>) -> State {
        let (seed, id) = (ctx.seed, ctx.id);
        let keys = u.key_space.clamp(1, MAX_ZIPF_KEYS);
        // A bare rate stands for users sending one request every 10 s: the growth
        // profile scales it like a population given as a user count.
        let base_users = u.load.active_users();
        State::Users(Box::new(UsersNode {
            base_rate: u.load.rate_rps(),
            all_users: ctx.diagram.active_users(),
            read: u.read_share,
            write: u.write_share,
            login: u.login_session_share,
            zipf: match ctx
                .zipfs
                .iter()
                .find(|z| z.0 == keys && z.1 == u.zipf_alpha.to_bits())
            {
                Some(z) => Rc::clone(&z.2),
                None => {
                    let z = Rc::new(Zipf::new(keys, u.zipf_alpha));
                    ctx.zipfs
                        .push((keys, u.zipf_alpha.to_bits(), Rc::clone(&z)));
                    z
                }
            },
            celebrities: u.celebrity_keys.min(keys as u32),
            celebrity_share: u.celebrity_share,
            clients: (base_users as u64).clamp(1, MAX_CLIENTS),
            region: u.region,
            rng: SimRng::stream(seed, id as u64, "users"),
        }))
    }
}

pub(crate) struct UsersNode {
    pub(crate) base_rate: f64,
    /// The users of every population together, which the growth profile's counts replace.
    pub(crate) all_users: f64,
    pub(crate) read: f64,
    pub(crate) write: f64,
    pub(crate) login: f64,
    pub(crate) zipf: Rc<Zipf>,
    pub(crate) celebrities: u32,
    pub(crate) celebrity_share: f64,
    pub(crate) clients: u64,
    pub(crate) region: Region,
    pub(crate) rng: SimRng,
}

/// What a population does at its `Generate` event.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Draw {
    /// No traffic now (the profile's rate is zero): it looks again `after` from now.
    Quiet { after: SimTime },
    /// A request `req` now, and its next draw `after` from now.
    Request { after: SimTime, req: Req },
}

impl UsersNode {
    /// Users node `n` draws at `now`, at its rate under the traffic profile: the gap to its
    /// next request, then the request (read, write or static; a celebrity key or a Zipf key;
    /// a login; a client), in that order of draws.
    #[inline]
    pub(crate) fn draw(
        &mut self,
        now: SimTime,
        traffic: &crate::model::TrafficProfile,
        duration_s: f64,
        n: NodeIx,
    ) -> Draw {
        let rate =
            self.base_rate * traffic.multiplier_at(now.as_secs_f64(), duration_s, self.all_users);
        if !(rate.is_finite() && rate > 0.0) {
            return Draw::Quiet { after: TICK };
        }
        let gap = SimTime::from_secs_f64(self.rng.exponential(1.0 / rate));
        let x = self.rng.uniform();
        let kind = if x < self.read {
            ReqKind::Read
        } else if x < self.read + self.write {
            ReqKind::Write
        } else {
            ReqKind::Static
        };
        let key = if self.celebrities > 0 && self.rng.chance(self.celebrity_share) {
            self.rng.below(self.celebrities as u64)
        } else {
            self.zipf.sample(&mut self.rng)
        };
        let login = kind != ReqKind::Static && self.rng.chance(self.login);
        let client = self.rng.below(self.clients) as u32;
        Draw::Request {
            after: gap.max(SimTime(1)),
            req: Req {
                kind,
                login,
                key,
                client,
                users: n,
                region: self.region,
                born: now,
                net: SimTime::ZERO,
                hops: 0,
                web: MaybeIx::NONE,
                instance: MaybeIx::NONE,
                edge: MaybeIx::NONE,
                cache: MaybeIx::NONE,
                entered_dc: false,
            },
        }
    }
}
