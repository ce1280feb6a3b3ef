//! Every lesson proves its point: its starting design misses at least one objective, its
//! reference fix meets every one, and each design the chapter warns against misses one too.
//! The runs are whole runs of the lessons' scenarios, judged as the app judges them.

use scalelab::lessons::headless::{Judged, judge};
use scalelab::lessons::{Lesson, LessonId, Status};
use scalelab::present::lang::Lang;

fn run(lesson: &Lesson, which: &str, diagram: &scalelab::model::Diagram) -> Judged {
    let judged = judge(lesson, diagram)
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
    let lesson = Lesson::build(id, Lang::En).expect("written");
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
        let text = scalelab::present::say::lesson_text(lang, id);
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

#[test]
fn lesson_4_replicas_spread_reads_and_take_over_from_a_failed_primary() {
    proves_its_point(LessonId::Replication);
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
    let lesson = Lesson::build(id, Lang::En).expect("written");
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

#[test]
fn lesson_9_a_durable_queue_alone_leaves_the_burst_queued_at_the_end() {
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
        "no job lost, backlog left"
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
