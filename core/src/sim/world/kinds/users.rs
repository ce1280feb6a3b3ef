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
            base_users,
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
    pub(crate) base_users: f64,
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
