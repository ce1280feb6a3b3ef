//! Settings of the web tier: instance sizes (scaling up), the session mode (stateful or a shared
//! store: the stateless web tier), autoscaling and the web servers themselves.

use serde::{Deserialize, Serialize};

use super::ServiceTime;

/// Server size: scaling up means a bigger one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstanceSize {
    Vcpu2,
    Vcpu4,
    Vcpu8,
    Vcpu16,
}

impl InstanceSize {
    /// Every size, smallest first.
    pub const ALL: [InstanceSize; 4] = [
        InstanceSize::Vcpu2,
        InstanceSize::Vcpu4,
        InstanceSize::Vcpu8,
        InstanceSize::Vcpu16,
    ];

    /// How many times faster than the smallest size (service times are divided by it).
    pub fn cpu_multiplier(self) -> f64 {
        match self {
            InstanceSize::Vcpu2 => 1.0,
            InstanceSize::Vcpu4 => 2.0,
            InstanceSize::Vcpu8 => 4.0,
            InstanceSize::Vcpu16 => 8.0,
        }
    }

    /// On-demand price in US dollars per hour (general-purpose cloud instances, 4 GiB per vCPU).
    pub fn cost_per_hour_usd(self) -> f64 {
        match self {
            InstanceSize::Vcpu2 => 0.096,
            InstanceSize::Vcpu4 => 0.192,
            InstanceSize::Vcpu8 => 0.384,
            InstanceSize::Vcpu16 => 0.768,
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
