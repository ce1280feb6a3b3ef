//! Sessions: stateful servers behind a round-robin balancer lose them, sticky ones keep them,
//! and a session in one server's memory is found on no other tier's nor after a restart;
//! idle sessions expire as a TTL refreshed on hit predicts; an undersized store logs users
//! out; a failed store loses nothing while a replica lives and everything when none does.

use scalelab::model::config::{LbAlgorithm, ServiceTime, SessionMode};
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, DiagramBuilder, Fault, FaultAction,
    FaultTarget, GroupId, OutPort as O, Region,
};
use scalelab::sim::{RunConfig, build};

use super::{builder, component, diagram, fault, finish, logged, run_to, said, schedule, users};

#[test]
fn stateful_servers_lose_sessions_unless_the_balancer_is_sticky() {
    let mut lost = Vec::new();
    for algorithm in [LbAlgorithm::RoundRobin, LbAlgorithm::StickyByClient] {
        let mut b = builder(9);
        let us = b
            .add(ComponentKind::Users)
            .configure(users(100.0, 1.0, 0.0, 1.0))
            .id();
        let lb = b
            .add(ComponentKind::LoadBalancer)
            .configure(move |c| {
                if let ComponentConfig::LoadBalancer(l) = c {
                    l.algorithm = algorithm;
                }
            })
            .id();
        let web = b
            .add(ComponentKind::WebServers)
            .configure(|c| {
                if let ComponentConfig::WebServers(w) = c {
                    w.instances = 3;
                    w.sessions = SessionMode::Stateful;
                }
            })
            .id();
        b.wire(us, O::Dynamic, lb);
        b.wire(lb, O::Backends, web);
        let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
        lost.push(run_to(&mut sim, 60).overall.failed.session_lost);
    }
    assert!(
        lost[0] > 1000,
        "round robin scatters a user's requests: {lost:?}"
    );
    assert_eq!(lost[1], 0, "sticky sessions keep them together");
}

/// Sessions live in one server's memory, whichever tier it belongs to: two stateful tiers of
/// one server each behind a round-robin balancer log users out as one tier of two servers
/// does, and a tier that crashed and came back holds none of the sessions it had.
#[test]
fn a_session_in_one_servers_memory_is_not_found_on_any_other_or_after_a_restart() {
    let stateful = |instances: u32| {
        move |c: &mut ComponentConfig| {
            if let ComponentConfig::WebServers(w) = c {
                w.instances = instances;
                w.sessions = SessionMode::Stateful;
            }
        }
    };
    let mut lost = Vec::new();
    for tiers in [1, 2] {
        let mut b = builder(10);
        let us = b
            .add(ComponentKind::Users)
            .configure(users(100.0, 1.0, 0.0, 1.0))
            .id();
        let lb = b.add(ComponentKind::LoadBalancer).id();
        b.wire(us, O::Dynamic, lb);
        for _ in 0..tiers {
            let web = b
                .add(ComponentKind::WebServers)
                .configure(stateful(3 - tiers))
                .id();
            b.wire(lb, O::Backends, web);
        }
        let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
        lost.push(run_to(&mut sim, 60).overall.failed.session_lost);
    }
    // Two servers either way: about half the logins land on the other one.
    assert!(lost[0] > 1000, "{lost:?}");
    let (one, two) = (lost[0] as f64, lost[1] as f64);
    assert!(
        (two / one - 1.0).abs() < 0.1,
        "two tiers lose as two servers of one tier do: {lost:?}"
    );

    // One stateful server, crashed and restored: its users are logged out once each.
    let mut b = builder(11);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(100.0, 1.0, 0.0, 1.0))
        .id();
    let web = b.add(ComponentKind::WebServers).configure(stateful(1)).id();
    b.wire(us, O::Dynamic, web);
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let before = run_to(&mut sim, 30);
    assert_eq!(
        before.overall.failed.session_lost, 0,
        "one server holds them all"
    );
    fault(&mut sim, FaultAction::Fail, web);
    run_to(&mut sim, 31);
    fault(&mut sim, FaultAction::Restore, web);
    let after = run_to(&mut sim, 60).overall.failed.session_lost;
    assert!(
        after > 100,
        "the restarted server had lost every session: {after}"
    );
}

/// Users (logging in on every request) -> web (stateless) -> session store.
fn logins(
    seed: u64,
    configure: impl FnOnce(&mut scalelab::model::config::SessionStoreConfig) + 'static,
) -> (Diagram, ComponentId, ComponentId) {
    let mut b = builder(seed);
    // 1,000 requests/s from 10,000 clients (a bare rate: one request per client every 10 s).
    let us = b
        .add(ComponentKind::Users)
        .configure(users(1_000.0, 1.0, 0.0, 1.0))
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(|c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instances = 4;
                w.service_time = ServiceTime::Exponential { mean_ms: 2.0 };
                w.sessions = SessionMode::Stateless;
            }
        })
        .id();
    let store = b
        .add(ComponentKind::SessionStore)
        .configure(move |c| {
            if let ComponentConfig::SessionStore(s) = c {
                configure(s);
            }
        })
        .id();
    b.wire(us, O::Dynamic, web);
    b.wire(web, O::Sessions, store);
    (finish(b), web, store)
}

#[test]
fn idle_sessions_expire_into_new_logins_as_refresh_on_hit_ttl_predicts() {
    // Each client logs in as a Poisson process of 0.1/s; an idle timeout of T keeps its
    // session with probability 1 - e^(-0.1 T) (docs/fidelity.md#ttl, TTL refreshed on hit).
    for ttl in [5u32, 20] {
        let (d, _, store) = logins(41, move |s| s.session_ttl_s = ttl);
        let mut sim = build(&d, &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, 600);
        let counts = component(&s, store).sessions.unwrap();
        assert_eq!(
            s.overall.failed.total(),
            0,
            "an expired session is a new login"
        );
        assert_eq!(counts.lost, 0);
        let kept = counts.found as f64 / (counts.found + counts.expired) as f64;
        let theory = 1.0 - (-0.1 * ttl as f64).exp();
        assert!(
            (kept - theory).abs() < 0.01,
            "ttl {ttl}: kept {kept:.4}, theory {theory:.4}"
        );
        assert!(counts.created <= 10_000);
        assert!(counts.held <= 10_000);
    }
    let (d, _, store) = logins(41, |s| s.session_ttl_s = 1_800);
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 600);
    let counts = component(&s, store).sessions.unwrap();
    assert_eq!(counts.expired, 0, "nobody idles for half an hour here");
    assert!(
        counts.created > 9_900,
        "every client logged in once: {counts:?}"
    );
}

#[test]
fn an_undersized_session_store_logs_users_out() {
    let mut lost = Vec::new();
    for capacity in [1_000u64, 1_000_000] {
        let (d, _, store) = logins(42, move |s| s.capacity_sessions = capacity);
        let mut sim = build(&d, &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, 120);
        let c = component(&s, store);
        let counts = c.sessions.unwrap();
        assert!(counts.held <= capacity);
        assert_eq!(counts.lost, s.overall.failed.session_lost);
        assert_eq!(c.errors.session_lost, counts.lost, "counted at the store");
        lost.push(counts.lost);
        if capacity == 1_000 {
            assert!(counts.evicted > 10_000, "{counts:?}");
            assert!(logged(&s, "is full"), "{:?}", s.log);
            assert_eq!(
                s.log.iter().filter(|e| said(e).contains("is full")).count(),
                1,
                "said once"
            );
        }
    }
    // 10,000 clients share 1,000 slots: most returning users find their session evicted.
    assert!(lost[0] > 50_000, "{lost:?}");
    assert_eq!(lost[1], 0, "{lost:?}");
}

#[test]
fn a_session_store_loses_nothing_while_a_replica_lives_and_everything_when_none_does() {
    // Two replicas: one node fails, every session survives.
    let (d, _, store) = logins(43, |s| s.replicas = 2);
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    run_to(&mut sim, 60);
    fault(&mut sim, FaultAction::Fail, store);
    let s = run_to(&mut sim, 120);
    assert_eq!(s.overall.failed.total(), 0);
    assert!(component(&s, store).up);
    assert!(logged(
        &s,
        "node 1 of 2 failed; a replica keeps every session"
    ));
    fault(&mut sim, FaultAction::Restore, store);
    let s = run_to(&mut sim, 180);
    assert_eq!(s.overall.failed.total(), 0);
    assert!(logged(&s, "no session lost"), "{:?}", s.log);

    // One node: down for 10 s, back empty; every user with a live session loses it, once.
    let (d, _, store) = logins(43, |s| s.replicas = 1);
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    let warm = run_to(&mut sim, 60);
    assert_eq!(warm.overall.failed.total(), 0);
    let clients = component(&warm, store).sessions.unwrap().created;
    fault(&mut sim, FaultAction::Fail, store);
    let down = run_to(&mut sim, 70);
    assert!(!component(&down, store).up);
    assert!(logged(&down, "the session store is down"), "{:?}", down.log);
    let lost_down = down.overall.failed.session_lost;
    assert!(lost_down > 9_000, "about 10 s of logins fail: {lost_down}");
    fault(&mut sim, FaultAction::Restore, store);
    let back = run_to(&mut sim, 70);
    assert!(logged(&back, "restored empty"), "{:?}", back.log);
    let settled = run_to(&mut sim, 400);
    let lost_after = settled.overall.failed.session_lost - lost_down;
    let counts = component(&settled, store).sessions.unwrap();
    assert_eq!(counts.lost, lost_after);
    // Each client that had a session loses it exactly once (all ~10,000 had one by then).
    assert!(
        lost_after > clients * 95 / 100 && lost_after <= clients,
        "{lost_after} of {clients} clients logged out"
    );
    let late = run_to(&mut sim, 500);
    assert_eq!(
        late.overall.failed.total(),
        settled.overall.failed.total(),
        "logged in again, nobody loses a session twice"
    );
}

/// Users (1,000 req/s, reads, `login` of them logged in) through a stateless web tier whose
/// session store, of `replicas` nodes, stands in a datacenter of North America.
fn store_in_a_datacenter(login: f64, replicas: u32) -> (DiagramBuilder, GroupId, ComponentId) {
    let mut b = builder(44);
    let dc = b.group(Region::NorthAmerica).id();
    let us = b
        .add(ComponentKind::Users)
        .configure(users(1_000.0, 1.0, 0.0, login))
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(|c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instances = 4;
                w.service_time = ServiceTime::Exponential { mean_ms: 2.0 };
                w.sessions = SessionMode::Stateless;
            }
        })
        .id();
    let store = b
        .add(ComponentKind::SessionStore)
        .group(dc)
        .configure(|c| {
            if let ComponentConfig::SessionStore(s) = c {
                s.replicas = replicas;
            }
        })
        .id();
    b.wire(us, O::Dynamic, web);
    b.wire(web, O::Sessions, store);
    (b, dc, store)
}

#[test]
fn a_datacenter_failure_takes_every_session_store_node_and_its_sessions() {
    let (b, dc, store) = store_in_a_datacenter(1.0, 3);
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let warm = run_to(&mut sim, 60);
    let clients = component(&warm, store).sessions.unwrap().created;
    for (at, action) in [(60, FaultAction::Fail), (70, FaultAction::Restore)] {
        run_to(&mut sim, at);
        sim.inject(Fault {
            at_s: 0.0,
            action,
            target: FaultTarget::Group(dc),
        });
    }
    let back = run_to(&mut sim, 70);
    assert!(logged(&back, "comes back empty"), "{:?}", back.log);
    let settled = run_to(&mut sim, 400);
    let lost = component(&settled, store).sessions.unwrap().lost;
    assert!(
        lost > clients * 95 / 100 && lost <= clients,
        "three replicas in one datacenter: {lost} of {clients} users logged out"
    );
}

#[test]
fn a_session_store_nobody_used_does_not_come_back_empty_after_its_datacenter() {
    // The same store and datacenter, but nobody logs in: nothing to lose, nothing to say.
    let (mut b, dc, store) = store_in_a_datacenter(0.0, 1);
    schedule(
        &mut b,
        FaultTarget::Group(dc),
        [(30.0, FaultAction::Fail), (40.0, FaultAction::Restore)],
    );
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 60);
    assert_eq!(component(&s, store).arrivals, 0);
    assert!(logged(&s, "restored"), "{:?}", s.log);
    assert!(!logged(&s, "comes back empty"), "{:?}", s.log);
}
