//! Queues on the bare engine against closed forms: M/M/1 means and p99, Erlang C for M/M/c,
//! Pollaczek-Khinchine for M/D/1, Little's law for any service distribution, and an
//! overloaded queue's backlog growing at the excess rate.

use scalelab::sim::rng::{Dist, SimRng};
use scalelab::sim::station::{Admission, Station, StationConfig};
use scalelab::sim::{Engine, EventQueue, Model, SimTime};

use super::{assert_rel, exp_mean, secs, seeded};

/// Open arrivals into one station; counts how many jobs had to wait and waited longer than
/// `wait_probe`.
struct QueueRun {
    station: Station<()>,
    gaps: Dist,
    rng: SimRng,
    arrivals_left: u64,
    timed_out: Vec<(SimTime, ())>,
    waited: u64,
    waited_longer: u64,
    wait_probe: SimTime,
}

enum QueueEvent {
    Arrival,
    Done(SimTime),
}

impl QueueRun {
    fn on_start(&mut self, wait: SimTime) {
        if wait > SimTime::ZERO {
            self.waited += 1;
        }
        if wait > self.wait_probe {
            self.waited_longer += 1;
        }
    }
}

impl Model for QueueRun {
    type Event = QueueEvent;
    fn handle(&mut self, now: SimTime, ev: QueueEvent, q: &mut EventQueue<QueueEvent>) {
        match ev {
            QueueEvent::Arrival => {
                if let Admission::Started(s) = self.station.arrive(now, ()) {
                    self.on_start(SimTime::ZERO);
                    q.schedule(s.done_at, QueueEvent::Done(s.arrived));
                }
                self.arrivals_left -= 1;
                if self.arrivals_left > 0 {
                    q.schedule(
                        now.after(self.gaps.sample(&mut self.rng)),
                        QueueEvent::Arrival,
                    );
                }
            }
            QueueEvent::Done(arrived) => {
                if let Some(s) = self.station.complete(now, arrived, &mut self.timed_out) {
                    self.on_start(now.since(s.arrived));
                    q.schedule(s.done_at, QueueEvent::Done(s.arrived));
                }
            }
        }
    }
}

fn queue_engine(
    seed: u64,
    servers: u32,
    gaps: Dist,
    service: Dist,
    jobs: u64,
    wait_probe: SimTime,
) -> Engine<QueueRun> {
    let mut e = Engine::new(QueueRun {
        station: Station::new(
            StationConfig {
                servers,
                service,
                queue_capacity: None,
                timeout: None,
            },
            SimRng::stream(seeded(seed), 1, "service"),
        ),
        gaps,
        rng: SimRng::stream(seeded(seed), 0, "arrivals"),
        arrivals_left: jobs,
        timed_out: Vec::new(),
        waited: 0,
        waited_longer: 0,
        wait_probe,
    });
    e.queue.schedule(SimTime::ZERO, QueueEvent::Arrival);
    e
}

/// Erlang C: probability that an arrival waits in M/M/c with offered load a = lambda / mu.
fn erlang_c(c: u32, a: f64) -> f64 {
    let mut term = 1.0; // a^k / k!
    let mut sum = 0.0;
    for k in 0..c {
        sum += term;
        term *= a / (k + 1) as f64;
    }
    let top = term * c as f64 / (c as f64 - a);
    top / (sum + top)
}

#[test]
fn erlang_c_matches_the_worked_example() {
    assert_rel(erlang_c(4, 3.2), 0.5964, 0.0005, "C(4, 3.2)");
    assert_rel(erlang_c(1, 0.8), 0.8, 1e-12, "C(1, a) = rho");
}

#[test]
fn mm1_means_and_p99_match_theory() {
    // (lambda, mu) per second
    for (seed, lambda, mu) in [(1, 800.0, 1000.0), (2, 500.0, 1000.0), (3, 70.0, 100.0)] {
        let probe = 0.004;
        let mut e = queue_engine(
            seed,
            1,
            exp_mean(1.0 / lambda),
            exp_mean(1.0 / mu),
            10_000_000,
            secs(probe),
        );
        e.step_until(SimTime::MAX, u64::MAX);
        let m = &e.model;
        let st = m.station.stats();
        let rho: f64 = lambda / mu;
        let w = 1.0 / (mu - lambda);
        let what = format!("M/M/1 lambda {lambda} mu {mu}");
        assert_rel(st.mean_response_secs(), w, 0.03, &format!("{what} W"));
        assert_rel(st.mean_wait_secs(), rho * w, 0.03, &format!("{what} Wq"));
        assert_rel(
            st.mean_queue_len(),
            rho * rho / (1.0 - rho),
            0.03,
            &format!("{what} Lq"),
        );
        assert_rel(st.utilization(), rho, 0.01, &format!("{what} utilisation"));
        let p99 = -libm::log(0.01) / (mu - lambda);
        assert_rel(
            st.response.p99().as_secs_f64(),
            p99,
            0.03,
            &format!("{what} p99"),
        );
        let p50 = -libm::log(0.5) / (mu - lambda);
        assert_rel(
            st.response.p50().as_secs_f64(),
            p50,
            0.03,
            &format!("{what} p50"),
        );
        let p_wait = m.waited as f64 / st.started as f64;
        assert_rel(p_wait, rho, 0.01, &format!("{what} P(wait)"));
    }
}

#[test]
fn mmc_erlang_c_for_several_server_counts_and_loads() {
    // (servers, lambda, mu): rho from 0.5 to 0.85
    for (seed, c, lambda, mu) in [
        (11, 2u32, 1.6, 1.0),
        (12, 4, 3.2, 1.0),
        (13, 8, 4.0, 1.0),
        (14, 16, 13.6, 1.0),
    ] {
        let a = lambda / mu;
        let cc = erlang_c(c, a);
        let drain = c as f64 * mu - lambda;
        let wq = cc / drain;
        let t_probe = 0.5 / drain;
        let mut e = queue_engine(
            seed,
            c,
            exp_mean(1.0 / lambda),
            exp_mean(1.0 / mu),
            5_000_000,
            secs(t_probe),
        );
        let out = e.step_until(SimTime::MAX, u64::MAX);
        assert!(out.processed >= 10_000_000);
        let m = &e.model;
        let st = m.station.stats();
        let what = format!("M/M/{c} lambda {lambda} mu {mu}");
        assert_rel(st.mean_wait_secs(), wq, 0.03, &format!("{what} Wq"));
        assert_rel(
            st.mean_response_secs(),
            wq + 1.0 / mu,
            0.03,
            &format!("{what} W"),
        );
        assert_rel(
            st.mean_queue_len(),
            lambda * wq,
            0.03,
            &format!("{what} Lq"),
        );
        let p_wait = m.waited as f64 / st.started as f64;
        assert_rel(p_wait, cc, 0.02, &format!("{what} C"));
        let p_tail = m.waited_longer as f64 / st.started as f64;
        assert_rel(
            p_tail,
            cc * libm::exp(-drain * t_probe),
            0.03,
            &format!("{what} P(Wq > t)"),
        );
        assert_rel(
            st.utilization(),
            a / c as f64,
            0.01,
            &format!("{what} utilisation"),
        );
    }
}

#[test]
fn md1_wait_matches_pollaczek_khinchine() {
    for (seed, lambda, service) in [(21, 800.0, 0.001), (22, 500.0, 0.001), (23, 90.0, 0.01)] {
        let mu = 1.0 / service;
        let rho = lambda / mu;
        let mut e = queue_engine(
            seed,
            1,
            exp_mean(1.0 / lambda),
            Dist::Deterministic(secs(service)),
            10_000_000,
            SimTime::MAX,
        );
        e.step_until(SimTime::MAX, u64::MAX);
        let st = e.model.station.stats();
        let wq = rho / (2.0 * mu * (1.0 - rho));
        let what = format!("M/D/1 lambda {lambda} service {service}");
        assert_rel(st.mean_wait_secs(), wq, 0.03, &format!("{what} Wq"));
        assert_rel(
            st.mean_queue_len(),
            lambda * wq,
            0.03,
            &format!("{what} Lq"),
        );
    }
}

#[test]
fn littles_law_is_an_identity_for_any_service_distribution() {
    let services = [
        Dist::LogNormal {
            median: SimTime::from_millis(2),
            sigma: 1.0,
        },
        Dist::Deterministic(SimTime::from_micros(2500)),
        exp_mean(0.003),
    ];
    for (i, service) in services.into_iter().enumerate() {
        let mut e = queue_engine(
            30 + i as u64,
            3,
            exp_mean(0.0015),
            service,
            200_000,
            SimTime::MAX,
        );
        // Cut the run in the middle: L = lambda W holds to < 0.5 % on a long stretch ...
        e.step_until(SimTime::from_secs(200), u64::MAX);
        let st = e.model.station.stats();
        let lambda = st.completions as f64 / (st.elapsed_ns as f64 * 1e-9);
        assert_rel(
            st.mean_in_system(),
            lambda * st.mean_response_secs(),
            0.005,
            &format!("Little, cut run, {service:?}"),
        );
        // ... and exactly (integer nanoseconds) once the station has drained.
        e.step_until(SimTime::MAX, u64::MAX);
        let st = e.model.station.stats();
        assert_eq!(e.model.station.in_system(), 0);
        assert_eq!(st.completions, 200_000);
        assert_eq!(
            st.system_area(),
            st.response.sum_nanos(),
            "area under N(t) = sum of sojourns"
        );
        assert_eq!(
            st.queue_area, st.wait_sum_ns,
            "area under Lq(t) = sum of waits"
        );
    }
}

#[test]
fn overload_backlog_grows_by_excess_rate_times_time() {
    // Deterministic traffic: the backlog is exact to one job.
    for (servers, rate, service_ms, secs_run) in [(1u32, 1200.0, 1u64, 60u64), (4, 4800.0, 1, 30)] {
        let gap = SimTime(1_000_000_000 / rate as u64);
        let rate_exact = 1e9 / gap.0 as f64;
        let mut e = queue_engine(
            40,
            servers,
            Dist::Deterministic(gap),
            Dist::Deterministic(SimTime::from_millis(service_ms)),
            u64::MAX,
            SimTime::MAX,
        );
        e.step_until(SimTime::from_secs(secs_run), u64::MAX);
        let cap = servers as f64 * 1000.0 / service_ms as f64;
        let want = (rate_exact - cap) * secs_run as f64;
        let got = e.model.station.queued() as f64;
        assert!(
            (got - want).abs() <= 2.0,
            "{servers} servers, {rate}/s: backlog {got}, theory {want}"
        );
    }
    // Poisson traffic at 1200/s into 1000/s for 60 s: 12,000 on average over seeds. One run's
    // backlog has a standard deviation of about sqrt(72,000 + 60,000) = 363, so 32 runs put 2 %
    // at 3.7 standard deviations of their mean.
    let mut total = 0.0;
    let runs = 32;
    for seed in 0..runs {
        let mut e = queue_engine(
            50 + seed,
            1,
            exp_mean(1.0 / 1200.0),
            exp_mean(0.001),
            u64::MAX,
            SimTime::MAX,
        );
        e.step_until(SimTime::from_secs(60), u64::MAX);
        total += e.model.station.queued() as f64;
    }
    assert_rel(
        total / runs as f64,
        12_000.0,
        0.02,
        "Poisson overload backlog",
    );
}
