//! The chapter as lessons: from one server to millions of users, each step felt before it is
//! fixed.
//!
//! Owns: [`LessonId`] (the twelve, in the chapter's order), [`Lesson`] (a starting design with
//! its scenario, measurable [`Objective`]s, narration [`Step`]s that wait for a [`Trigger`],
//! the reference fix, and the alternatives the chapter warns against), [`objective`] (the
//! objectives and the [`Tracker`] that judges them live from a run's snapshots) and [`headless`]
//! (a whole run judged without a screen: the command line and the tests).
//!
//! Invariants: a lesson is pure data built by [`DiagramBuilder`](crate::model::builder): the
//! same id and language always give the same lesson. Its starting design misses at least one
//! objective, its fix meets every one, and each alternative misses at least one
//! (`tests/it/lessons/` runs them all). Deliberately absent: words. Titles, narration, hints and
//! what the simulation simplifies are the catalogues' (`present::{english,korean}::lessons`);
//! a lesson only says how many steps and hints it has. Component labels are the kinds' names in
//! the language asked for, as the palette would name them.

pub mod headless;
pub mod link;
pub mod objective;

mod book;

pub use objective::{Check, Limit, Measure, Objective, Status, Subject, Tracker, Trigger, Verdict};

use crate::model::{ComponentId, ComponentKind, Diagram, Region};
use crate::present::lang::Lang;

/// The twelve lessons, in the chapter's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LessonId {
    SingleServer,
    VerticalScaling,
    LoadBalancer,
    Replication,
    Cache,
    Cdn,
    StatelessWeb,
    Datacenters,
    MessageQueue,
    Monitoring,
    Sharding,
    Millions,
}

impl LessonId {
    /// Every lesson, in the chapter's order.
    pub const ALL: [LessonId; 12] = [
        LessonId::SingleServer,
        LessonId::VerticalScaling,
        LessonId::LoadBalancer,
        LessonId::Replication,
        LessonId::Cache,
        LessonId::Cdn,
        LessonId::StatelessWeb,
        LessonId::Datacenters,
        LessonId::MessageQueue,
        LessonId::Monitoring,
        LessonId::Sharding,
        LessonId::Millions,
    ];

    /// Its number in the chapter, from 1.
    pub fn number(self) -> u8 {
        LessonId::ALL.iter().position(|l| *l == self).unwrap_or(0) as u8 + 1
    }

    /// The lesson numbered `n` (from 1).
    pub fn from_number(n: u32) -> Option<LessonId> {
        let i = usize::try_from(n).ok()?.checked_sub(1)?;
        LessonId::ALL.get(i).copied()
    }
}

/// A setting a narration step names: clicking its name selects the first component of `kind`
/// ([`SettingLink::component`]), in datacenters of `region` if it names one, and its field at
/// `path` (the inspector's dotted settings path).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SettingLink {
    pub kind: ComponentKind,
    pub path: &'static str,
    /// Where the step means: the datacenter that survives a failure, say, not the first one.
    pub region: Option<Region>,
}

impl SettingLink {
    /// The component the link selects in `d`: the first of its kind in its region, else (the
    /// learner may have moved things) the first of its kind anywhere.
    pub fn component(&self, d: &Diagram) -> Option<ComponentId> {
        let of_kind = || d.components.iter().filter(|c| c.kind == self.kind);
        self.region
            .and_then(|r| of_kind().find(|c| d.region_of(c.id) == Some(r)))
            .or_else(|| of_kind().next())
            .map(|c| c.id)
    }
}

/// One narration step: it speaks once `wait` has fired.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub wait: Trigger,
    pub setting: Option<SettingLink>,
}

impl Step {
    /// A step that speaks at once.
    pub const fn now() -> Step {
        Step {
            wait: Trigger::Now,
            setting: None,
        }
    }

    /// A step that waits for `wait`.
    pub const fn when(wait: Trigger) -> Step {
        Step {
            wait,
            setting: None,
        }
    }

    /// The same step, naming a setting.
    pub const fn naming(self, kind: ComponentKind, path: &'static str) -> Step {
        Step {
            setting: Some(SettingLink {
                kind,
                path,
                region: None,
            }),
            ..self
        }
    }

    /// The same step, naming a setting of a component in `region`'s datacenter.
    pub const fn naming_in(self, kind: ComponentKind, region: Region, path: &'static str) -> Step {
        Step {
            setting: Some(SettingLink {
                kind,
                path,
                region: Some(region),
            }),
            ..self
        }
    }
}

/// A design the chapter warns against, kept to show it misses the objectives too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alternative {
    /// A bigger machine instead of more machines.
    ScaleUp,
    /// Several servers with no load balancer checking them.
    NoBalancer,
    /// Sticky sessions instead of a shared session store.
    StickySessions,
    /// Modulo placement instead of consistent hashing.
    Modulo,
    /// A single cache node (no replicas).
    SingleCacheNode,
    /// Object URLs without versions.
    UnversionedAssets,
    /// Jobs kept in memory only.
    VolatileQueue,
}

/// A lesson: a design that shows a problem, what to reach, and the fix.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    pub id: LessonId,
    /// The starting design, with its scenario (traffic, seed, scheduled faults).
    pub start: Diagram,
    /// The reference design that meets every objective.
    pub fix: Diagram,
    pub objectives: Vec<Objective>,
    pub steps: Vec<Step>,
    /// How many hints the catalogues give, shown one at a time before the fix.
    pub hints: usize,
    pub alternatives: Vec<(Alternative, Diagram)>,
}

impl Lesson {
    /// The lesson `id` with its components named in `lang`.
    pub fn build(id: LessonId, lang: Lang) -> Lesson {
        book::build(id, lang)
    }

    /// The triggers of its steps, in order (for a [`Tracker`]).
    pub fn triggers(&self) -> Vec<Trigger> {
        self.steps.iter().map(|s| s.wait).collect()
    }

    /// A tracker for a run of `diagram` (the start, the fix, or the learner's attempt).
    pub fn tracker(&self, diagram: &Diagram) -> Tracker {
        Tracker::new(&self.objectives, &self.triggers(), diagram)
    }

    /// The step the narration moves to from `current` once the steps in `fired` have fired,
    /// those in `before` having fired already. Among the newly fired steps after `current` that
    /// waited for the run (steps that speak at once are read by pressing Next): the first that
    /// answers a missed objective, else the latest. A run that ends before the page draws it
    /// fires several at once; the latest says where the run is, but when two objectives are
    /// missed together (lesson 6's) the first one's advice would be hidden behind the second's:
    /// the learner reads it first, and Next leads on.
    pub fn narration_after(
        &self,
        current: usize,
        before: &[bool],
        fired: &[bool],
    ) -> Option<usize> {
        let newly: Vec<usize> = fired
            .iter()
            .enumerate()
            .filter(|&(i, &now)| {
                now && !before.get(i).copied().unwrap_or(false)
                    && i > current
                    && self.steps.get(i).is_some_and(|s| s.wait != Trigger::Now)
            })
            .map(|(i, _)| i)
            .collect();
        newly
            .iter()
            .copied()
            .find(|&i| matches!(self.steps[i].wait, Trigger::ObjectiveMissed(_)))
            .or(newly.last().copied())
    }
}
