//! A metrics sink: what it receives follows its settings. Error logs add one line per request
//! that failed at the web tier; each metric family adds its samples at every scrape, so the
//! sink's arrivals (its ingest) follow the families and the scrape interval.

use scalelab::model::config::MetricsSinkConfig;
use scalelab::model::{
    ComponentConfig, ComponentKind, Fault, FaultAction, FaultTarget, OutPort as O,
};
use scalelab::sim::{RunConfig, build};

use super::{builder, component, diagram, run_to, users, web_config};

/// Users reading 20 times a second through a web tier of 3 instances to a database, the web
/// tier's logs going to a sink with settings `sink`; the database failed from the start if
/// `db_down`. After 31 s (scrapes at 10, 20 and 30 s for a 10 s interval): the whole run's
/// figures and the sink's arrivals.
fn monitored(sink: MetricsSinkConfig, db_down: bool) -> (scalelab::sim::MetricsSnapshot, u64) {
    let mut b = builder(29);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(20.0, 1.0, 0.0, 0.0))
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(web_config(|w| w.instances = 3))
        .id();
    let db = b.add(ComponentKind::Database).id();
    let mx = b
        .add(ComponentKind::MetricsSink)
        .config(ComponentConfig::MetricsSink(sink))
        .id();
    b.wire(us, O::Dynamic, web);
    b.wire(web, O::Data, db);
    b.wire(web, O::Logs, mx);
    if db_down {
        b.scenario_mut().faults.push(Fault {
            at_s: 0.0,
            action: FaultAction::Fail,
            target: FaultTarget::Component(db),
        });
    }
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 31);
    let arrivals = component(&s, mx).arrivals;
    (s, arrivals)
}

fn nothing_but(f: impl FnOnce(&mut MetricsSinkConfig)) -> MetricsSinkConfig {
    let mut c = MetricsSinkConfig {
        host_metrics: false,
        aggregated_metrics: false,
        business_metrics: false,
        error_logs: false,
        scrape_interval_s: 10,
    };
    f(&mut c);
    c
}

#[test]
fn error_logs_send_the_sink_one_line_per_failed_request() {
    // The database is down: every read the web tier served fails there. Without error logs
    // the sink gets the access lines only (one per request the web tier served); with them,
    // one more line per failed request.
    let (off, without) = monitored(nothing_but(|_| {}), true);
    let (on, with) = monitored(nothing_but(|c| c.error_logs = true), true);
    let failed = on.overall.failed.total();
    assert!(failed > 500, "about 20 x 31 reads fail: {failed}");
    assert_eq!(off.overall.failed.total(), failed, "the same run otherwise");
    assert_eq!(with - without, failed);
    // Nothing fails: error logs add nothing.
    let (_, quiet) = monitored(nothing_but(|c| c.error_logs = true), false);
    let (_, quiet_off) = monitored(nothing_but(|_| {}), false);
    assert_eq!(quiet, quiet_off);
}

#[test]
fn each_metric_family_adds_its_samples_at_every_scrape() {
    let (_, base) = monitored(nothing_but(|_| {}), false);
    let extra = |f: fn(&mut MetricsSinkConfig)| monitored(nothing_but(f), false).1 - base;
    // Three scrapes (10, 20, 30 s) of one web tier of 3 instances.
    assert_eq!(
        extra(|c| c.host_metrics = true),
        3 * 4 * 3,
        "4 host samples per instance"
    );
    assert_eq!(
        extra(|c| c.aggregated_metrics = true),
        3 * 3,
        "3 per component"
    );
    assert_eq!(extra(|c| c.business_metrics = true), 3 * 3, "3 per scrape");
    // Every 5 s: six scrapes, twice the samples.
    assert_eq!(
        extra(|c| {
            c.host_metrics = true;
            c.scrape_interval_s = 5;
        }),
        6 * 4 * 3
    );
}

#[test]
fn a_sink_is_not_offered_the_slow_fault_and_a_queue_is() {
    let slow = FaultAction::Slow { factor: 5.0 };
    let target = FaultTarget::Component(scalelab::model::ComponentId(9));
    assert!(!slow.applies_to(target, Some(ComponentKind::MetricsSink)));
    assert!(slow.applies_to(target, Some(ComponentKind::MessageQueue)));
}
