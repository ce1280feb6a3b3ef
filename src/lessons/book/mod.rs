//! The lessons themselves, a file each: their designs, objectives and narration steps.
//!
//! Each file builds its start, its fix and its alternatives from one function with options, so
//! the components they share keep the same ids (a scheduled fault aimed at the start's web server
//! still hits it in the fix). Numbers in a lesson are chosen so the start misses an objective
//! for the reason the chapter gives, and the fix meets all of them; the tests in
//! `tests/it/lessons/` hold them to it.

mod cache;
mod cdn;
mod datacenters;
mod load_balancer;
mod message_queue;
mod millions;
mod monitoring;
mod replication;
mod sharding;
mod single_server;
mod stateless_web;
mod vertical_scaling;

use super::{Lesson, LessonId};
use crate::model::ComponentKind;
use crate::model::builder::DiagramBuilder;
use crate::model::{ComponentConfig, ComponentId};
use crate::present::lang::Lang;
use crate::present::say;

/// The lesson `id` in `lang`.
pub(super) fn build(id: LessonId, lang: Lang) -> Lesson {
    match id {
        LessonId::SingleServer => single_server::lesson(lang),
        LessonId::VerticalScaling => vertical_scaling::lesson(lang),
        LessonId::LoadBalancer => load_balancer::lesson(lang),
        LessonId::Replication => replication::lesson(lang),
        LessonId::Cache => cache::lesson(lang),
        LessonId::Cdn => cdn::lesson(lang),
        LessonId::StatelessWeb => stateless_web::lesson(lang),
        LessonId::Datacenters => datacenters::lesson(lang),
        LessonId::Monitoring => monitoring::lesson(lang),
        LessonId::MessageQueue => message_queue::lesson(lang),
        LessonId::Sharding => sharding::lesson(lang),
        LessonId::Millions => millions::lesson(lang),
    }
}

/// Adds a `kind` component named as the palette names it in `lang`, at (`x`, `y`), with its
/// settings changed by `change`.
fn put(
    b: &mut DiagramBuilder,
    lang: Lang,
    kind: ComponentKind,
    (x, y): (f64, f64),
    change: impl FnOnce(&mut ComponentConfig),
) -> ComponentId {
    b.add(kind)
        .label(say::kind_name(lang, kind))
        .at(x, y)
        .configure(change)
        .id()
}

/// Leaves settings as they are.
fn defaults(_: &mut ComponentConfig) {}
