//! Share-format benchmark: how long the chapter's final architecture's link is, and how fast a
//! large (500-component) diagram decodes from a link.
//!
//! `run()` prints its figures; `benches/main.rs` calls it. Wall-clock timing is
//! fine here: benches are native tools, outside the pure core.

use std::time::{Duration, Instant};

use scalelab::model::config::WebServersConfig;
use scalelab::model::examples::chapter_final;
use scalelab::model::{ComponentConfig, ComponentKind, Diagram, DiagramBuilder, OutPort};
use scalelab::share::{decode_link, encode_link, export_json, import_json};

/// A 500-component diagram: users, DNS, a CDN and a metrics sink in front of 124 cells of
/// load balancer -> web tier -> cache -> database, with varied settings (every wire follows
/// the connection rules).
pub fn large_diagram() -> Diagram {
    let mut b = DiagramBuilder::new();
    let users = b.add(ComponentKind::Users).id();
    let dns = b.add(ComponentKind::Dns).at(150.0, 0.0).id();
    let cdn = b.add(ComponentKind::Cdn).at(150.0, 200.0).id();
    let metrics = b.add(ComponentKind::MetricsSink).at(1200.0, 0.0).id();
    b.wire(users, OutPort::Dynamic, dns);
    b.wire(users, OutPort::Static, cdn);
    for cell in 0..124u32 {
        let y = f64::from(cell) * 140.0;
        let lb = b.add(ComponentKind::LoadBalancer).at(300.0, y).id();
        let web = b
            .add(ComponentKind::WebServers)
            .at(500.0, y)
            .label(format!("Web tier {cell}"))
            .config(ComponentConfig::WebServers(WebServersConfig {
                instances: 1 + cell % 8,
                ..WebServersConfig::default()
            }))
            .id();
        let cache = b.add(ComponentKind::Cache).at(700.0, y).id();
        let db = b.add(ComponentKind::Database).at(900.0, y + 0.5).id();
        b.wire(dns, OutPort::Resolve, lb);
        b.wire(lb, OutPort::Backends, web);
        b.wire(web, OutPort::Data, cache);
        b.wire(web, OutPort::Logs, metrics);
        b.wire(cache, OutPort::Miss, db);
    }
    assert!(b.problems().is_empty(), "{:?}", b.problems());
    b.finish()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

/// Prints the figures.
pub fn run() {
    let link = encode_link(&chapter_final());
    println!(
        "share: chapter_final link = {} characters (limit 2000)",
        link.len()
    );

    let big = large_diagram();
    let big_link = encode_link(&big);
    let big_json = export_json(&big);
    println!(
        "share: 500-component diagram ({} components, {} wires): link {} characters, JSON {} bytes",
        big.components.len(),
        big.wires.len(),
        big_link.len(),
        big_json.len()
    );
    let runs = 31;
    let mut link_times = Vec::with_capacity(runs);
    let mut json_times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let decoded = decode_link(&big_link);
        link_times.push(t.elapsed());
        assert!(decoded.is_ok_and(|i| i.diagram == big));
        let t = Instant::now();
        let imported = import_json(&big_json);
        json_times.push(t.elapsed());
        assert!(imported.is_ok());
    }
    println!(
        "share: median decode of the 500-component link = {:.3} ms, of its JSON file = {:.3} ms ({runs} runs)",
        median(link_times).as_secs_f64() * 1e3,
        median(json_times).as_secs_f64() * 1e3
    );
}
