//! One file per component kind: its node state, how it is built from its settings, what
//! happens when a request arrives or finishes there, what failing and restoring it does,
//! its autoscaling where it has one, and the figures it fills into the snapshot.

pub(crate) mod cache;
pub(crate) mod cdn;
pub(crate) mod database;
pub(crate) mod dns;
pub(crate) mod load_balancer;
pub(crate) mod nosql;
pub(crate) mod queue;
pub(crate) mod sessions;
pub(crate) mod sharded;
pub(crate) mod sink;
pub(crate) mod users;
pub(crate) mod web;
