//! Share-format benchmark: how long the chapter's final architecture's link is, and how fast a
//! large (500-component) diagram decodes from a link.
//!
//! `run()` prints its figures; `benches/main.rs` calls it. Wall-clock timing is
//! fine here: benches are native tools, outside the pure core.

use std::time::{Duration, Instant};

use scalelab::model::config::WebServersConfig;
use scalelab::model::examples::chapter_final;
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, InPortRef, OutPort, OutPortRef, Point,
};
use scalelab::share::{decode_link, encode_link, export_json, import_json};

/// Wires `from.port` to `to`'s input, following the connection rules.
fn wire(d: &mut Diagram, from: ComponentId, port: OutPort, to: ComponentId) {
    if let Some(input) = d.component(to).and_then(|c| c.kind.input()) {
        let _ = d.connect(
            OutPortRef {
                component: from,
                port,
            },
            InPortRef {
                component: to,
                port: input,
            },
        );
    }
}

/// A 500-component diagram: users, DNS, a CDN and a metrics sink in front of 124 cells of
/// load balancer -> web tier -> cache -> database, with varied settings.
pub fn large_diagram() -> Diagram {
    let mut d = Diagram::new();
    let add = |d: &mut Diagram, kind, x: f64, y: f64| {
        d.add_component(kind, Point::new(x, y))
            .unwrap_or(ComponentId(0))
    };
    let users = add(&mut d, ComponentKind::Users, 0.0, 0.0);
    let dns = add(&mut d, ComponentKind::Dns, 150.0, 0.0);
    let cdn = add(&mut d, ComponentKind::Cdn, 150.0, 200.0);
    let metrics = add(&mut d, ComponentKind::MetricsSink, 1200.0, 0.0);
    wire(&mut d, users, OutPort::Dynamic, dns);
    wire(&mut d, users, OutPort::Static, cdn);
    for cell in 0..124u32 {
        let y = f64::from(cell) * 140.0;
        let lb = add(&mut d, ComponentKind::LoadBalancer, 300.0, y);
        let web = add(&mut d, ComponentKind::WebServers, 500.0, y);
        let cache = add(&mut d, ComponentKind::Cache, 700.0, y);
        let db = add(&mut d, ComponentKind::Database, 900.0, y + 0.5);
        let _ = d.set_label(web, format!("Web tier {cell}"));
        let _ = d.set_config(
            web,
            ComponentConfig::WebServers(WebServersConfig {
                instances: 1 + cell % 8,
                ..WebServersConfig::default()
            }),
        );
        wire(&mut d, dns, OutPort::Resolve, lb);
        wire(&mut d, lb, OutPort::Backends, web);
        wire(&mut d, web, OutPort::Data, cache);
        wire(&mut d, web, OutPort::Logs, metrics);
        wire(&mut d, cache, OutPort::Miss, db);
    }
    d
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
