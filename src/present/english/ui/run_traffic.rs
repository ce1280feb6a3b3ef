//! The run panel's traffic form in English (the profile kinds' and fields' words are the
//! editor's own, repeated here so both languages word the same keys).

use crate::decimal::Fixed;
use crate::present::english::plural;
use crate::present::text::run_traffic::TrafficText;

pub fn words(t: TrafficText) -> &'static str {
    match t {
        TrafficText::Traffic => "Traffic",
        TrafficText::RequestRate => "Request rate (req/s)",
        TrafficText::RequestRateAll => "Request rate (req/s, all populations together)",
        TrafficText::ActiveUsers => "Active users",
        TrafficText::ActiveUsersAll => "Active users (all populations together)",
        TrafficText::RequestsPerUser => "Requests per user per second",
        TrafficText::PerUserVaries => "differs by population",
        TrafficText::WriteShare => "Writes (% of data requests)",
        TrafficText::StaticShare => "Static assets (% of requests)",
        TrafficText::Celebrity => "Celebrity key (10 % of data requests on one key)",
        TrafficText::TrafficProfile => "Traffic profile",
        TrafficText::RunLength => "Run length",
    }
}

pub fn add_users_for_traffic(users: &str) -> String {
    format!("Add a {users} component to send traffic.")
}

pub fn populations(n: usize, total: &str) -> String {
    let populations = plural(n as u64, "population");
    format!("{populations} configured at {total} req/s in all, before the traffic profile")
}

pub fn mix(reads: f64, writes: f64, statics: f64) -> String {
    format!(
        "{reads} % reads, {writes} % writes, {statics} % static",
        reads = Fixed(reads, 0),
        writes = Fixed(writes, 0),
        statics = Fixed(statics, 0)
    )
}

pub fn zipf(alpha: f64) -> String {
    format!("Zipf skew (alpha {alpha})", alpha = Fixed(alpha, 2))
}

pub fn logged_in(percent: f64) -> String {
    format!("Logged-in share ({percent} %)", percent = Fixed(percent, 0))
}

pub fn profile_constant(rate: &str, duration_s: u32) -> String {
    format!("{rate} req/s throughout the {duration_s} s run")
}

pub fn profile_varying(first: &str, last: &str, duration_s: u32, peak: &str) -> String {
    format!("{first} → {last} req/s over {duration_s} s, peak {peak}")
}

pub fn offered_load(summary: &str) -> String {
    format!("Offered load over the run: {summary}")
}
