//! Settings of the logs and metrics sink: which families of metrics it collects and how often
//! it scrapes. The simulation reads every one of them: each changes what the sink receives
//! (its arrivals), as `core/src/sim/world/kinds/sink.rs` says.

use serde::{Deserialize, Serialize};

/// Logs and metrics collection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricsSinkConfig {
    /// Host-level metrics: CPU, memory, disk I/O, network (4 samples per instance per scrape).
    pub host_metrics: bool,
    /// Aggregated metrics: request rate, error rate, latency (3 samples per wired component per
    /// scrape).
    pub aggregated_metrics: bool,
    /// Key business metrics: daily active users, retention, revenue (3 samples per scrape).
    pub business_metrics: bool,
    /// Error logs: a line per request that failed at a wired web tier.
    pub error_logs: bool,
    /// Seconds between scrapes of the wired components.
    pub scrape_interval_s: u32,
}

impl Default for MetricsSinkConfig {
    fn default() -> Self {
        MetricsSinkConfig {
            host_metrics: true,
            aggregated_metrics: true,
            business_metrics: false,
            error_logs: true,
            scrape_interval_s: 15,
        }
    }
}
