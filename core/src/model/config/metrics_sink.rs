//! Settings of the logs and metrics sink: which families of metrics it collects and how often
//! it scrapes.

use serde::{Deserialize, Serialize};

/// Logs and metrics collection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricsSinkConfig {
    /// Host-level metrics: CPU, memory, disk I/O.
    pub host_metrics: bool,
    /// Aggregated metrics: per-tier latency, cache hit ratio, DB performance.
    pub aggregated_metrics: bool,
    /// Key business metrics: daily active users, retention, revenue.
    pub business_metrics: bool,
    /// Error logs of every wired component.
    pub error_logs: bool,
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
