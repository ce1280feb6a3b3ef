//! Settings of asynchronous work: the message queue, its autoscaling on depth, and the workers
//! that consume it.

use serde::{Deserialize, Serialize};

use super::ServiceTime;

/// Message queue between producers (web servers) and consumers (workers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageQueueConfig {
    /// Messages it holds before refusing new ones.
    pub capacity_messages: u64,
    /// Whether messages survive a queue restart.
    pub durable: bool,
    /// Time to accept a job: the producer's publish waits for it, and the job reaches the
    /// workers that much later.
    pub enqueue_latency_ms: f64,
}

impl Default for MessageQueueConfig {
    fn default() -> Self {
        MessageQueueConfig {
            capacity_messages: 100_000,
            durable: true,
            enqueue_latency_ms: 1.0,
        }
    }
}

/// Autoscaling of a worker pool on queue depth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueAutoscaling {
    pub enabled: bool,
    pub min_instances: u32,
    pub max_instances: u32,
    /// Queued jobs per worker the scaler aims for.
    pub target_backlog_per_instance: u32,
    pub cooldown_s: u32,
}

impl Default for QueueAutoscaling {
    fn default() -> Self {
        QueueAutoscaling {
            enabled: false,
            min_instances: 1,
            max_instances: 20,
            target_backlog_per_instance: 100,
            cooldown_s: 60,
        }
    }
}

/// A pool of workers consuming jobs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkersConfig {
    pub instances: u32,
    /// Time for one job (photo processing and the like are slow).
    pub service_time: ServiceTime,
    pub concurrency_per_instance: u32,
    pub autoscaling: QueueAutoscaling,
}

impl Default for WorkersConfig {
    fn default() -> Self {
        WorkersConfig {
            instances: 2,
            service_time: ServiceTime::Exponential { mean_ms: 100.0 },
            concurrency_per_instance: 4,
            autoscaling: QueueAutoscaling::default(),
        }
    }
}
