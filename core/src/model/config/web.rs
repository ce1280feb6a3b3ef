//! Settings of the web tier: instance sizes (scaling up), the session mode (stateful or a shared
//! store: the stateless web tier), autoscaling and the web servers themselves.

use serde::{Deserialize, Serialize};

use super::ServiceTime;

/// Server size: scaling up means a bigger one, up to the biggest, [`InstanceSize::Vcpu64`].
///
/// Up to 16 vCPU a size twice as big serves twice as fast for twice the price. Beyond, the
/// price still doubles (on-demand list prices are linear in vCPU within a family) but the speed
/// does not: one machine's cores share memory bandwidth, caches and locks, so the last doublings
/// add less (`docs/fidelity.md#what-a-design-costs`). Capacity per dollar falls, and 64 vCPU is
/// where scaling up stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstanceSize {
    Vcpu2,
    Vcpu4,
    Vcpu8,
    Vcpu16,
    Vcpu32,
    Vcpu64,
}

impl InstanceSize {
    /// Every size, smallest first; the last is the biggest there is.
    pub const ALL: [InstanceSize; 6] = [
        InstanceSize::Vcpu2,
        InstanceSize::Vcpu4,
        InstanceSize::Vcpu8,
        InstanceSize::Vcpu16,
        InstanceSize::Vcpu32,
        InstanceSize::Vcpu64,
    ];

    /// The biggest size: scaling up cannot go further.
    pub const BIGGEST: InstanceSize = InstanceSize::Vcpu64;

    /// Its vCPUs.
    pub fn vcpus(self) -> u32 {
        match self {
            InstanceSize::Vcpu2 => 2,
            InstanceSize::Vcpu4 => 4,
            InstanceSize::Vcpu8 => 8,
            InstanceSize::Vcpu16 => 16,
            InstanceSize::Vcpu32 => 32,
            InstanceSize::Vcpu64 => 64,
        }
    }

    /// How many times faster than the smallest size (service times are divided by it).
    ///
    /// Linear up to 16 vCPU (8x). From 16 to 32 vCPU each added core does 3/4 of a core's
    /// work (8 + 16 x 0.75 / 2 = 14x), from 32 to 64 half (14 + 32 x 0.5 / 2 = 22x): the
    /// sublinear speed-up of one big machine (contention for memory bandwidth, shared caches
    /// and locks; Gunther's universal scalability law has the same shape).
    pub fn cpu_multiplier(self) -> f64 {
        match self {
            InstanceSize::Vcpu2 => 1.0,
            InstanceSize::Vcpu4 => 2.0,
            InstanceSize::Vcpu8 => 4.0,
            InstanceSize::Vcpu16 => 8.0,
            InstanceSize::Vcpu32 => 14.0,
            InstanceSize::Vcpu64 => 22.0,
        }
    }

    /// On-demand price of a web or worker server of this size in US dollars per hour: a
    /// general-purpose cloud instance with 4 GiB per vCPU (AWS m5, us-east-1, Linux: m5.large
    /// $0.096 to m5.16xlarge $3.072).
    pub fn cost_per_hour_usd(self) -> f64 {
        match self {
            InstanceSize::Vcpu2 => 0.096,
            InstanceSize::Vcpu4 => 0.192,
            InstanceSize::Vcpu8 => 0.384,
            InstanceSize::Vcpu16 => 0.768,
            InstanceSize::Vcpu32 => 1.536,
            InstanceSize::Vcpu64 => 3.072,
        }
    }

    /// On-demand price of a managed relational database node of this size in US dollars per
    /// hour (AWS RDS for MySQL, db.m5, single-AZ, us-east-1: db.m5.large $0.171 to
    /// db.m5.16xlarge $5.472).
    pub fn database_cost_per_hour_usd(self) -> f64 {
        match self {
            InstanceSize::Vcpu2 => 0.171,
            InstanceSize::Vcpu4 => 0.342,
            InstanceSize::Vcpu8 => 0.684,
            InstanceSize::Vcpu16 => 1.368,
            InstanceSize::Vcpu32 => 2.736,
            InstanceSize::Vcpu64 => 5.472,
        }
    }
}

/// Where a web tier keeps user sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionMode {
    /// In each server's memory: a client must come back to the same server.
    Stateful,
    /// In a shared store wired from the `sessions` port: any server can serve anyone.
    Stateless,
}

/// Autoscaling of a web tier on CPU utilization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Autoscaling {
    pub enabled: bool,
    pub min_instances: u32,
    pub max_instances: u32,
    /// Utilization (0..1] the scaler aims for.
    pub target_utilization: f64,
    /// Seconds to wait after a scaling action before the next one.
    pub cooldown_s: u32,
}

impl Default for Autoscaling {
    fn default() -> Self {
        Autoscaling {
            enabled: false,
            min_instances: 2,
            max_instances: 10,
            target_utilization: 0.6,
            cooldown_s: 300,
        }
    }
}

/// A tier of identical web servers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WebServersConfig {
    /// Running servers (the starting count when autoscaling is on).
    pub instances: u32,
    pub instance_size: InstanceSize,
    /// Time to serve one request on the smallest size.
    pub service_time: ServiceTime,
    /// Requests one server handles at once (worker threads).
    pub concurrency_per_instance: u32,
    pub sessions: SessionMode,
    pub autoscaling: Autoscaling,
}

impl Default for WebServersConfig {
    fn default() -> Self {
        WebServersConfig {
            instances: 1,
            instance_size: InstanceSize::Vcpu2,
            service_time: ServiceTime::Exponential { mean_ms: 20.0 },
            concurrency_per_instance: 4,
            sessions: SessionMode::Stateful,
            autoscaling: Autoscaling::default(),
        }
    }
}
