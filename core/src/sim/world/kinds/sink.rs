//! Metrics sink: counts the log lines the web tier sends it; it answers nothing else.

use crate::sim::world::*;

impl World {
    /// Web node `n` served a request: its log line reaches its sink, if it has one that is up.
    pub(crate) fn log_to_sink(&mut self, n: NodeIx) {
        if let Some(sink) = self.first_target(n, OutPort::Logs)
            && !self.node_down(sink)
        {
            self.nodes[sink].arrivals += 1;
            self.nodes[sink].completions += 1;
        }
    }
}
