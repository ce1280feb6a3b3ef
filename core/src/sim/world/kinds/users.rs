//! Users: a population sending requests (read, write or static; a Zipf key or a celebrity
//! key; a login flag; a client id; its region) at the scenario's rate and profile.

use crate::sim::world::*;

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
