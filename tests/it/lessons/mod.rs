//! Every lesson proves its point: its starting design misses at least one objective, its
//! reference fix meets every one, and each design the chapter warns against misses one too.
//! The runs are whole runs of the lessons' scenarios, judged as the app judges them.

use scalelab::lessons::headless::{Judged, judge, judge_with, reference_answer};
use scalelab::lessons::{Lesson, LessonId, Status};
use scalelab::present::lang::Lang;

fn run(lesson: &Lesson, which: &str, diagram: &scalelab::model::Diagram) -> Judged {
    // The fix comes with the reference answer (what a learner must find, found).
    let answer = if which == "fix" {
        reference_answer(lesson)
    } else {
        Vec::new()
    };
    let judged = judge_with(lesson, diagram, &answer)
        .unwrap_or_else(|e| panic!("lesson {:?} {which}: does not build: {e:?}", lesson.id));
    assert!(judged.last.accounting_holds());
    judged
}

fn statuses(j: &Judged) -> Vec<(Status, Option<f64>)> {
    j.tracker
        .verdicts()
        .iter()
        .map(|v| (v.status, v.figure))
        .collect()
}

fn misses_one(j: &Judged) -> bool {
    j.tracker
        .verdicts()
        .iter()
        .any(|v| v.status == Status::Failed)
}

/// The start misses, the fix passes, each alternative misses, for lesson `id`.
fn proves_its_point(id: LessonId) {
    let lesson = Lesson::build(id, Lang::En);
    assert!(
        scalelab::model::validate(&lesson.start)
            .iter()
            .all(|f| f.severity != scalelab::model::Severity::Error),
        "the start of {id:?} has design errors"
    );
    let start = run(&lesson, "start", &lesson.start);
    eprintln!("{id:?} start: {:?}", statuses(&start));
    assert!(
        misses_one(&start),
        "the start of {id:?} meets every objective: {:?}",
        statuses(&start)
    );
    let fix = run(&lesson, "fix", &lesson.fix);
    eprintln!("{id:?} fix: {:?}", statuses(&fix));
    assert!(
        fix.tracker.all_passed(),
        "the fix of {id:?} misses: {:?}",
        statuses(&fix)
    );
    for (alt, d) in &lesson.alternatives {
        let j = run(&lesson, "alternative", d);
        eprintln!("{id:?} {alt:?}: {:?}", statuses(&j));
        assert!(
            misses_one(&j),
            "{id:?}: the alternative {alt:?} meets every objective: {:?}",
            statuses(&j)
        );
    }
    // Every step has words and so has every hint, in both languages (the catalogue tests check
    // the words themselves).
    for lang in Lang::ALL {
        let text = scalelab::present::say::lesson_body(lang, id);
        assert_eq!(
            text.steps.len(),
            lesson.steps.len(),
            "{id:?} {lang:?} steps"
        );
        assert_eq!(text.hints.len(), lesson.hints, "{id:?} {lang:?} hints");
    }
}

#[test]
fn lesson_1_single_server_saturates_and_a_bigger_machine_copes() {
    proves_its_point(LessonId::SingleServer);
}

#[test]
fn lesson_2_scaling_up_hits_the_biggest_machine_and_scaling_out_costs_less() {
    proves_its_point(LessonId::VerticalScaling);
}

#[test]
fn lesson_3_a_balancer_keeps_the_site_up_when_a_server_dies() {
    proves_its_point(LessonId::LoadBalancer);
}

/// Lesson 1 asks for room to spare: a 4-vCPU server, full as the growth ends (about 400
/// requests a second for 400), misses, where the 8-vCPU fix is about half busy.
#[test]
fn lesson_1_fails_a_server_that_ends_the_run_full() {
    use scalelab::model::ComponentConfig;
    use scalelab::model::config::InstanceSize;
    let lesson = Lesson::build(LessonId::SingleServer, Lang::En);
    let mut d = lesson.fix.clone();
    for c in &mut d.components {
        if let ComponentConfig::WebServers(w) = &mut c.config {
            w.instance_size = InstanceSize::Vcpu4;
        }
    }
    let full = run(&lesson, "4 vCPU", &d);
    let verdicts = full.tracker.verdicts();
    assert_eq!(verdicts[2].status, Status::Failed, "{:?}", statuses(&full));
    assert!(verdicts[2].figure.unwrap() > 90.0, "{:?}", statuses(&full));
    let fix = run(&lesson, "fix", &lesson.fix);
    let busy = fix.tracker.verdicts()[2].figure.unwrap();
    assert!(
        (40.0..60.0).contains(&busy),
        "the fix is about half busy: {busy}"
    );
}

/// Lesson 3's second server may be a second instance of the one tier, as the design review
/// asks ("run at least two behind a load balancer"): a fault takes one server, and the balancer
/// routes around it as it does around a second tier.
#[test]
fn lesson_3_passes_with_two_instances_of_one_tier_behind_the_balancer() {
    use scalelab::model::{ComponentConfig, ComponentKind, validate};
    let lesson = Lesson::build(LessonId::LoadBalancer, Lang::En);
    let mut d = lesson.fix.clone();
    let second = d
        .components
        .iter()
        .filter(|c| c.kind == ComponentKind::WebServers)
        .nth(1)
        .unwrap()
        .id;
    d.components.retain(|c| c.id != second);
    d.wires
        .retain(|w| w.from.component != second && w.to.component != second);
    for c in &mut d.components {
        if let ComponentConfig::WebServers(w) = &mut c.config {
            w.instances = 2;
        }
    }
    assert!(
        validate(&d)
            .iter()
            .all(|f| !matches!(f.finding, scalelab::model::Finding::WebTierOfOne { .. })),
        "the review finds no single server"
    );
    let j = run(&lesson, "two instances", &d);
    assert!(j.tracker.all_passed(), "{:?}", statuses(&j));
    let fix = run(&lesson, "fix", &lesson.fix);
    let (two, fix) = (
        j.last.overall.failed.total(),
        fix.last.overall.failed.total(),
    );
    assert!(
        two.abs_diff(fix) * 10 <= fix,
        "a second instance fails about as a second tier does: {two} against {fix}"
    );
}

#[test]
fn lesson_4_replicas_spread_reads_and_take_over_from_a_failed_primary() {
    proves_its_point(LessonId::Replication);
}

#[test]
fn lesson_5_a_big_enough_replicated_cache_keeps_reads_off_the_database() {
    proves_its_point(LessonId::Cache);
}

#[test]
fn lesson_6_a_big_edge_offloads_the_origin_and_versioned_urls_serve_no_stale_asset() {
    proves_its_point(LessonId::Cdn);
}

#[test]
fn lesson_7_sessions_in_a_shared_store_survive_scaling_and_a_dying_server() {
    proves_its_point(LessonId::StatelessWeb);
}

#[test]
fn lesson_8_faster_health_checks_and_a_shorter_ttl_fail_over_a_datacenter_sooner() {
    proves_its_point(LessonId::Datacenters);
}

#[test]
fn lesson_10_the_learner_finds_the_full_session_store_and_sizes_it() {
    proves_its_point(LessonId::Monitoring);
    // Fixing without finding does not pass, nor does finding without fixing, nor naming the
    // wrong component.
    let lesson = Lesson::build(LessonId::Monitoring, Lang::En);
    let unfound = judge(&lesson, &lesson.fix).unwrap();
    assert!(!unfound.tracker.all_passed());
    assert_eq!(unfound.tracker.verdicts()[0].status, Status::Failed);
    assert_eq!(unfound.tracker.verdicts()[1].status, Status::Passed);
    let answer = reference_answer(&lesson);
    assert_eq!(answer, vec![scalelab::model::ComponentKind::SessionStore]);
    let unfixed = judge_with(&lesson, &lesson.start, &answer).unwrap();
    assert_eq!(unfixed.tracker.verdicts()[0].status, Status::Passed);
    assert_eq!(unfixed.tracker.verdicts()[1].status, Status::Failed);
    let wrong = judge_with(
        &lesson,
        &lesson.fix,
        &[scalelab::model::ComponentKind::Database],
    )
    .unwrap();
    assert!(!wrong.tracker.all_passed());
    // A wrong guess is said beside the objective: ruled out, where the culprit found is not.
    assert_eq!(
        wrong.tracker.ruled_out(),
        [scalelab::model::ComponentKind::Database]
    );
    assert_eq!(unfixed.tracker.ruled_out(), []);
    // What broke is in the log, for the learner to read.
    assert!(
        unfixed.last.log.iter().any(|e| matches!(
            e.event,
            scalelab::sim::log::LogEvent::SessionStoreFull { .. }
        )),
        "the log says the store is full"
    );
}

#[test]
fn every_written_lesson_is_numbered_in_order_and_opens_by_number() {
    for id in LessonId::ALL {
        assert_eq!(LessonId::from_number(u32::from(id.number())), Some(id));
    }
    assert_eq!(LessonId::from_number(0), None);
    assert_eq!(LessonId::from_number(13), None);
}

#[test]
fn lesson_9_a_durable_queue_keeps_jobs_through_a_crash_and_workers_scale_on_its_depth() {
    proves_its_point(LessonId::MessageQueue);
}

#[test]
fn lesson_11_consistent_hashing_moves_few_keys_and_replicas_spread_the_celebrity() {
    proves_its_point(LessonId::Sharding);
}

#[test]
fn lesson_12_millions_survive_a_datacenter_failure_within_the_budget_by_autoscaling() {
    proves_its_point(LessonId::Millions);
}

/// Lesson `id`'s fix with the first `kind` component's settings changed by `change`: the
/// verdict of each objective.
fn fix_without(
    id: LessonId,
    kind: scalelab::model::ComponentKind,
    change: impl FnOnce(&mut scalelab::model::ComponentConfig),
) -> Vec<Status> {
    let lesson = Lesson::build(id, Lang::En);
    let mut d = lesson.fix.clone();
    let c = d
        .components
        .iter_mut()
        .find(|c| c.kind == kind)
        .expect("the fix has one");
    change(&mut c.config);
    let j = run(&lesson, "changed fix", &d);
    eprintln!("{id:?} fix changed: {:?}", statuses(&j));
    j.tracker.verdicts().iter().map(|v| v.status).collect()
}

/// The starting design misses the backlog objective for its backlog, not only the jobs
/// objective for its losses: the crash empties its volatile queue, which a backlog read at the
/// end would have counted as drained.
#[test]
fn lesson_9_the_start_misses_the_backlog_before_its_crash_empties_the_queue() {
    let lesson = Lesson::build(LessonId::MessageQueue, Lang::En);
    let start = run(&lesson, "start", &lesson.start);
    let backlog = start.tracker.verdicts()[1];
    assert_eq!(backlog.status, Status::Failed, "{:?}", statuses(&start));
    assert!(
        backlog.figure.unwrap() > 7_000.0,
        "the burst piles up more than 7,000 jobs: {:?}",
        statuses(&start)
    );
    let fix = run(&lesson, "fix", &lesson.fix);
    let most = fix.tracker.verdicts()[1].figure.unwrap();
    assert!(
        (500.0..1_500.0).contains(&most),
        "workers scaled on depth keep about 1,000 waiting at most: {most}"
    );
}

#[test]
fn lesson_9_a_durable_queue_alone_leaves_the_burst_queued() {
    let s = fix_without(
        LessonId::MessageQueue,
        scalelab::model::ComponentKind::Workers,
        |c| {
            if let scalelab::model::ComponentConfig::Workers(w) = c {
                w.autoscaling.enabled = false;
            }
        },
    );
    assert_eq!(
        s,
        [Status::Passed, Status::Failed],
        "no job lost, the backlog piled up"
    );
}

#[test]
fn lesson_11_consistent_hashing_alone_leaves_the_celebrity_shard_saturated() {
    let s = fix_without(
        LessonId::Sharding,
        scalelab::model::ComponentKind::ShardedDatabase,
        |c| {
            if let scalelab::model::ComponentConfig::ShardedDatabase(s) = c {
                s.replicas_per_shard = 0;
            }
        },
    );
    assert_eq!(
        s,
        [Status::Failed, Status::Passed],
        "latency missed, few keys moved"
    );
}

#[test]
fn every_lesson_design_names_each_of_its_components_once() {
    // The design review, the inspector and the event log name components by label: two with
    // the same label (a web tier in each datacenter) would read as one.
    for lang in [Lang::En, Lang::Ko] {
        for id in LessonId::ALL {
            let lesson = Lesson::build(id, lang);
            let designs = [("start", &lesson.start), ("fix", &lesson.fix)]
                .into_iter()
                .chain(lesson.alternatives.iter().map(|(_, d)| ("alternative", d)));
            for (which, d) in designs {
                let mut labels: Vec<&str> = d.components.iter().map(|c| c.label.as_str()).collect();
                labels.sort_unstable();
                let mut repeated: Vec<&str> = labels
                    .windows(2)
                    .filter(|w| w[0] == w[1])
                    .map(|w| w[0])
                    .collect();
                repeated.dedup();
                assert!(
                    repeated.is_empty(),
                    "lesson {} {which} ({lang:?}): {repeated:?} label more than one component",
                    id.number()
                );
            }
        }
    }
}

#[test]
fn no_lesson_draws_a_component_its_design_review_calls_idle() {
    // A store that holds nothing only adds to the bill: a lesson that draws one has the review
    // contradict the design it teaches (lesson 12 drew a session store per datacenter while
    // nobody logs in).
    use scalelab::model::{Finding, validate};
    for id in LessonId::ALL {
        let lesson = Lesson::build(id, Lang::En);
        for (which, d) in [("start", &lesson.start), ("fix", &lesson.fix)] {
            let idle: Vec<&str> = validate(d)
                .iter()
                .filter_map(|diagnostic| match diagnostic.finding {
                    Finding::NoSessionsToKeep { store } => d.component(store),
                    _ => None,
                })
                .map(|c| c.label.as_str())
                .collect();
            assert!(
                idle.is_empty(),
                "lesson {} {which}: {idle:?} hold nothing",
                id.number()
            );
        }
    }
}

#[test]
fn every_setting_a_step_names_is_a_field_of_the_component_its_link_selects() {
    for lang in [Lang::En, Lang::Ko] {
        for id in LessonId::ALL {
            let lesson = Lesson::build(id, lang);
            for link in lesson.steps.iter().filter_map(|s| s.setting) {
                let c = link
                    .component(&lesson.start)
                    .and_then(|c| lesson.start.component(c))
                    .unwrap_or_else(|| panic!("{id:?}: nothing to select for {link:?}"));
                assert_eq!(c.kind, link.kind, "{id:?}");
                if let Some(region) = link.region {
                    assert_eq!(lesson.start.region_of(c.id), Some(region), "{id:?}");
                }
                assert!(
                    scalelab::editor::form::fields(&c.config)
                        .iter()
                        .any(|f| f.path == link.path),
                    "{id:?}: {} has no field {}",
                    c.label,
                    link.path
                );
            }
        }
    }
}

/// Lesson 12's step says Europe must grow while North America is down: the autoscaling its
/// link selects is the one that meets the objective, where the first web tier's (North
/// America's, the one that fails) does not.
#[test]
fn lesson_12_the_autoscaling_its_step_names_is_the_surviving_datacenters() {
    use scalelab::model::{ComponentConfig, ComponentKind, Region};
    let lesson = Lesson::build(LessonId::Millions, Lang::En);
    let link = lesson
        .steps
        .iter()
        .find_map(|s| s.setting)
        .expect("a step names a setting");
    assert_eq!(link.region, Some(Region::Europe));
    let fixed_autoscaling = lesson
        .fix
        .components
        .iter()
        .find_map(|c| match &c.config {
            ComponentConfig::WebServers(w) if w.autoscaling.enabled => Some(w.autoscaling.clone()),
            _ => None,
        })
        .expect("the fix autoscales");
    let autoscaled = |pick: scalelab::model::ComponentId| {
        let mut d = lesson.start.clone();
        let c = d.components.iter_mut().find(|c| c.id == pick).unwrap();
        if let ComponentConfig::WebServers(w) = &mut c.config {
            w.autoscaling = fixed_autoscaling.clone();
        }
        let j = run(&lesson, "start autoscaled in one datacenter", &d);
        eprintln!("lesson 12, one tier autoscaled: {:?}", statuses(&j));
        j.tracker.verdicts()[0].status
    };
    let linked = link.component(&lesson.start).unwrap();
    assert_eq!(autoscaled(linked), Status::Passed);
    let first = lesson
        .start
        .components
        .iter()
        .find(|c| c.kind == ComponentKind::WebServers)
        .unwrap()
        .id;
    assert_ne!(first, linked);
    assert_eq!(lesson.start.region_of(first), Some(Region::NorthAmerica));
    assert_eq!(autoscaled(first), Status::Failed);
}

/// Lesson 6's start misses both objectives in one run: the narration moves to the first
/// missed objective's step (give the edge more room), and Next leads on to the second's
/// (versioned URLs), rather than jumping to the last and hiding the first's advice. Lesson
/// 1's run, started, saturated and missed at once, goes to the advice; its fix's run, to the
/// last step.
#[test]
fn steps_that_fire_together_give_each_missed_objectives_advice_in_order() {
    let lesson = Lesson::build(LessonId::Cdn, Lang::En);
    let start = run(&lesson, "start", &lesson.start);
    let fired = start.tracker.fired().to_vec();
    assert_eq!(fired, [true, true, true, false], "both objectives missed");
    let before = [true, false, false, false];
    assert_eq!(lesson.narration_after(0, &before, &fired), Some(1));
    // Already reading a later step: nothing earlier is forced on the learner.
    assert_eq!(lesson.narration_after(2, &before, &fired), None);
    // Nothing new: the narration stays.
    assert_eq!(lesson.narration_after(0, &fired, &fired), None);

    let lesson = Lesson::build(LessonId::SingleServer, Lang::En);
    let start = run(&lesson, "start", &lesson.start);
    let fired = start.tracker.fired().to_vec();
    assert_eq!(fired, [true, true, true, true, false]);
    assert_eq!(
        lesson.narration_after(0, &[true, false, false, false, false], &fired),
        Some(3)
    );
    let fix = run(&lesson, "fix", &lesson.fix);
    let fired = fix.tracker.fired().to_vec();
    assert!(fired[4], "{fired:?}");
    assert_eq!(
        lesson.narration_after(3, &[true, false, false, false, false], &fired),
        Some(4)
    );
}
