//! The run charts' English: titles, units, legends and the theory lines beside them.

use crate::decimal::Fixed;
use crate::present::lang::Lang;
use crate::present::text::run_charts::ChartText;

pub fn words(t: ChartText) -> &'static str {
    match t {
        ChartText::Throughput => "Throughput and errors, recent window",
        ChartText::Latency => "Latency, recent window",
        ChartText::HitRatio => "Cache and CDN hit ratio, recent window",
        ChartText::ReplicaLag => "Replica lag, mean per write",
        ChartText::Queues => "Queue depth and instances",
        ChartText::Datacenters => "Traffic share per datacenter",
        ChartText::UnitReqPerS => "req/s",
        ChartText::UnitMs => "ms",
        ChartText::UnitPercent => "%",
        ChartText::UnitCount => "count",
        ChartText::Completed => "completed",
        ChartText::HeatUnit => "(requests per interval; red = hottest)",
        ChartText::NoCaches => {
            "No cache or CDN in this design: add one to see how many reads it answers."
        }
        ChartText::NoReplicas => {
            "No read replica and no copy in another datacenter in this design: the lag shows \
             once a database is replicated."
        }
        ChartText::NoDatacenters => {
            "No datacenter in this design: put components in datacenters to see where the \
             traffic goes."
        }
    }
}

pub fn instances_of(label: &str) -> String {
    format!("{label} instances")
}

pub fn value_at(value: &str, unit: &str, t_s: f64) -> String {
    format!("{value} {unit} at {t_s} s", t_s = Fixed(t_s, 0))
}

pub fn value_with_unit(value: &str, unit: &str) -> String {
    format!("{value} {unit}")
}

pub fn shard_load(label: &str) -> String {
    format!("Shard load: {label}")
}

pub fn shard_cell(shard: usize, t_s: f64, requests: u64) -> String {
    format!(
        "shard {shard} at {t_s} s: {} requests",
        crate::present::format::grouped(requests),
        t_s = Fixed(t_s, 0)
    )
}

pub fn cache_for(prediction: &str, labels: &str) -> String {
    format!("{prediction} for {labels}")
}

#[allow(clippy::too_many_arguments)]
pub fn web_line(
    label: &str,
    theory: &str,
    rate: &str,
    instances: u32,
    threads: u32,
    service_ms: f64,
    simulated_ms: Option<f64>,
    window_s: Option<u32>,
    cdn_estimated: bool,
    autoscaled: bool,
) -> String {
    let simulated = simulated_ms
        .map(|m| {
            let over = window_s.map_or(String::new(), |w| format!(" over the last {w} s"));
            format!(
                "; simulated {}{over}",
                crate::present::format::format_ms_2dp(Lang::En, m)
            )
        })
        .unwrap_or_default();
    let per_instance = format!(
        "{rate} req/s over {} of {} at {service_ms} ms",
        crate::present::english::plural(instances.into(), "instance"),
        crate::present::english::plural(threads.into(), "thread"),
        service_ms = Fixed(service_ms, 2)
    );
    let mut notes = Vec::new();
    if cdn_estimated {
        notes.push("CDN misses by Che's approximation");
    }
    if autoscaled {
        notes.push("at the starting instance count");
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!("; {}", notes.join("; "))
    };
    format!("{label}: {theory} ({per_instance}){simulated}{notes}")
}

pub fn lag_rates(writes: &str, applies: &str, network_ms: &str) -> String {
    format!("{writes} writes/s into {applies}/s, +{network_ms} ms network")
}

pub fn stale_note(words: Option<&str>, share: Option<&str>, measured: &str) -> String {
    match (words, share) {
        (None, _) => String::new(),
        (Some(words), Some(share)) if measured.is_empty() => {
            format!("; {words}; {share} of replica reads stale")
        }
        (Some(words), Some(share)) => {
            format!("; {words}; {share} of replica reads stale (simulated: {measured})")
        }
        (Some(words), None) if measured.is_empty() => format!("; {words}"),
        (Some(words), None) => {
            format!("; {words}; simulated share of stale replica reads: {measured}")
        }
    }
}

pub fn lag_sync(mean_ms: f64, names: &str, rates: &str) -> String {
    format!(
        "M/M/1 apply queue predicts {mean_ms} ms for {names} ({rates}); \
         sync replication acknowledges a write only once applied, so clients \
         never see an acknowledged write lag: each write waits this long instead",
        mean_ms = Fixed(mean_ms, 2)
    )
}

pub fn lag_async(mean_ms: f64, names: &str, rates: &str, stale: &str) -> String {
    format!(
        "M/M/1 apply queue predicts {mean_ms} ms for {names} ({rates}){stale}",
        mean_ms = Fixed(mean_ms, 2)
    )
}

pub fn lag_growing(names: &str, writes: &str, applies: &str, growth_s_per_s: f64) -> String {
    format!(
        "No steady lag for {names}: {writes} writes/s outrun the {applies}/s a replica \
         applies, so the lag grows by {growth_s_per_s} s every second",
        growth_s_per_s = Fixed(growth_s_per_s, 2)
    )
}

pub fn lag_none(names: &str) -> String {
    format!("No prediction for {names}: its replicas apply nothing")
}
