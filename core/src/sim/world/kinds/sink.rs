//! Metrics sink: what the components wired to it send it, counted as its arrivals (its ingest,
//! in lines and samples per second). A web tier sends an access log line per request it
//! served and, with `error_logs`, a line per request that failed in its hands; every `scrape_interval_s` the sink scrapes each component wired to it, a
//! fixed number of samples per enabled family (host metrics per instance, aggregated metrics
//! per component, business metrics once). The sink answers nothing and has no service time:
//! it never saturates, and a `Slow` fault has nothing to slow (the menu does not offer it).

use crate::model::config::MetricsSinkConfig;
use crate::sim::world::*;

/// Host-level samples per instance per scrape: CPU, memory, disk I/O, network.
pub(crate) const HOST_SAMPLES: u64 = 4;
/// Aggregated samples per wired component per scrape: request rate, error rate, latency.
pub(crate) const AGGREGATED_SAMPLES: u64 = 3;
/// Business samples per scrape: daily active users, retention, revenue.
pub(crate) const BUSINESS_SAMPLES: u64 = 3;

/// A metrics sink's settings, as the engine reads them.
pub(crate) struct SinkNode {
    error_logs: bool,
    host: bool,
    aggregated: bool,
    business: bool,
    /// Seconds between scrapes (at least 1).
    every_s: u64,
}

impl SinkNode {
    /// The node state of a sink with these settings.
    pub(crate) fn build(m: &MetricsSinkConfig) -> State {
        State::Sink(SinkNode {
            error_logs: m.error_logs,
            host: m.host_metrics,
            aggregated: m.aggregated_metrics,
            business: m.business_metrics,
            every_s: m.scrape_interval_s.max(1) as u64,
        })
    }

    /// Whether it scrapes at all.
    fn scrapes(&self) -> bool {
        self.host || self.aggregated || self.business
    }
}

impl World {
    /// Node `n` served a request: its access log line reaches its sink, if it has one that is
    /// up.
    pub(crate) fn log_to_sink(&mut self, n: NodeIx) {
        if let Some(sink) = self.first_target(n, OutPort::Logs)
            && !self.node_down(sink)
        {
            self.ingest(sink, 1);
        }
    }

    /// User request `r` failed at `n`: the web tier that held it (that served it, or `n`
    /// itself) sends an error log line to its sink, if the sink is up and collects error logs.
    pub(crate) fn error_log(&mut self, n: NodeIx, r: ReqId) {
        let web = match self.reqs[r as usize].web.node() {
            Some(w) => w,
            None if self.nodes[n].kind == ComponentKind::WebServers => n,
            None => return,
        };
        if let Some(sink) = self.first_target(web, OutPort::Logs)
            && !self.node_down(sink)
            && matches!(&self.nodes[sink].state, State::Sink(s) if s.error_logs)
        {
            self.ingest(sink, 1);
        }
    }

    /// The tick at `now`: each sink that is up and due scrapes the components wired to it.
    pub(crate) fn scrape(&mut self, now: SimTime) {
        let secs = now.0 / 1_000_000_000;
        for k in 0..self.nodes.len() {
            let sink = NodeIx(k as u32);
            let due = match &self.nodes[sink].state {
                State::Sink(s) => s.scrapes() && secs > 0 && secs.is_multiple_of(s.every_s),
                State::Users(_)
                | State::Dns(_)
                | State::Cdn(_)
                | State::Lb(_)
                | State::Web(_)
                | State::Cache(_)
                | State::Sessions(_)
                | State::Db(_)
                | State::NoSql(_)
                | State::Sharded(_)
                | State::Queue(_)
                | State::Workers(_) => false,
            };
            if !due || self.node_down(sink) {
                continue;
            }
            let samples = self.scrape_samples(sink);
            self.ingest(sink, samples);
        }
    }

    /// The samples one scrape by `sink` brings in: per component wired to it that is up, the
    /// host samples of each of its running instances and its aggregated samples; the business
    /// samples once.
    fn scrape_samples(&self, sink: NodeIx) -> u64 {
        let State::Sink(s) = &self.nodes[sink].state else {
            return 0;
        };
        let mut samples = if s.business { BUSINESS_SAMPLES } else { 0 };
        for k in 0..self.nodes.len() {
            let n = NodeIx(k as u32);
            if self.first_target(n, OutPort::Logs) != Some(sink) || self.node_down(n) {
                continue;
            }
            let instances = match &self.nodes[n].state {
                State::Web(w) => w.active as u64,
                State::Workers(w) => w.instances as u64,
                // Only web tiers and worker pools send logs (the wiring rules see to it).
                State::Users(_)
                | State::Dns(_)
                | State::Cdn(_)
                | State::Lb(_)
                | State::Cache(_)
                | State::Sessions(_)
                | State::Db(_)
                | State::NoSql(_)
                | State::Sharded(_)
                | State::Queue(_)
                | State::Sink(_) => 1,
            };
            if s.host {
                samples += HOST_SAMPLES * instances;
            }
            if s.aggregated {
                samples += AGGREGATED_SAMPLES;
            }
        }
        samples
    }

    /// `count` lines or samples reach `sink`.
    fn ingest(&mut self, sink: NodeIx, count: u64) {
        self.nodes[sink].arrivals += count;
        self.nodes[sink].completions += count;
    }
}
