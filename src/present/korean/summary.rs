//! The command line's text summary of a run, in Korean: the same figures, in the same order
//! and with the same decimals, as the engine's key=value summary
//! (`MetricsSnapshot::summary`, which stays the English output and the golden files), each
//! named in the glossary's words.

use crate::decimal::Fixed;
use crate::sim::metrics::MetricsSnapshot;

use super::failure_reason;

/// The run at `s` in a few lines: the totals, then one line per component and per datacenter.
pub fn summary(s: &MetricsSnapshot) -> String {
    let o = &s.overall;
    let failed: Vec<String> = o
        .failed
        .by_reason()
        .iter()
        .map(|(r, n)| format!("{}={n}", failure_reason(*r).name))
        .collect();
    let mut out = format!(
        "시각 {}초 · 이벤트 {} · 도착 {} · 완료 {} · 처리 중 {} · 실패[{}] · 오래된 읽기 {} · \
         잃은 쓰기 {} · 작업 발행/완료/실패 {}/{}/{} · p50 {} ms · p99 {} ms\n",
        Fixed(s.time_s, 3),
        s.events,
        o.arrived,
        o.completed,
        o.in_flight,
        failed.join(", "),
        o.stale_reads,
        o.lost_writes,
        o.jobs_published,
        o.jobs_done,
        o.jobs_failed,
        Fixed(o.latency.p50_ms, 3),
        Fixed(o.latency.p99_ms, 3)
    );
    for c in &s.components {
        out.push_str(&format!(
            "  #{} {}: {} · 도착 {} · 완료 {} · 오류 {} · 사용률 {} · 대기열 {} · p99 {} ms",
            c.id,
            c.label,
            if c.up { "정상" } else { "장애" },
            c.arrivals,
            c.completions,
            c.errors.total(),
            Fixed(c.utilization, 4),
            c.queue_len,
            Fixed(c.latency.p99_ms, 3)
        ));
        if let Some(h) = c.hit_ratio {
            out.push_str(&format!(" · 적중률 {h}", h = Fixed(h, 4)));
        }
        if let Some(l) = c.mean_replication_lag_ms {
            out.push_str(&format!(" · 복제 지연 {l} ms", l = Fixed(l, 3)));
        }
        if let Some(r) = &c.region_copy
            && !r.leading
        {
            out.push_str(&format!(
                " · #{}의 사본 · 사본 지연 {} ms · 최신 쓰기가 빠진 읽기 {}/{}",
                r.leader,
                Fixed(r.mean_lag_ms.unwrap_or(0.0), 3),
                r.stale_reads,
                r.reads
            ));
        }
        if !c.shard_load.is_empty() {
            out.push_str(&format!(" · 샤드별 요청 {:?}", c.shard_load));
        }
        out.push('\n');
    }
    for d in &s.datacenters {
        out.push_str(&format!(
            "  데이터 센터 {} {}: {} · 요청 {} · 비중 {}\n",
            d.id,
            d.name,
            if d.up { "정상" } else { "장애" },
            d.requests,
            Fixed(d.share, 4)
        ));
    }
    out
}
