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
use crate::editor::placement::distinct_labels;
use crate::model::ComponentKind;
use crate::model::builder::DiagramBuilder;
use crate::model::config::{UserLoad, UsersConfig, WebServersConfig};
use crate::model::{ComponentConfig, ComponentId, OutPort};
use crate::present::lang::Lang;
use crate::present::say;

/// The lesson `id` in `lang`, each of its designs' components labelled once
/// ([`distinct_labels`]: a web tier in each datacenter reads "Web servers (DC1)" and "Web
/// servers (DC2)" in the review, the inspector and the log).
pub(super) fn build(id: LessonId, lang: Lang) -> Lesson {
    let mut lesson = written(id, lang);
    let designs = [&mut lesson.start, &mut lesson.fix]
        .into_iter()
        .chain(lesson.alternatives.iter_mut().map(|(_, d)| d));
    for d in designs {
        distinct_labels(d, lang);
    }
    lesson
}

/// The lesson `id` in `lang`, as its file writes it.
fn written(id: LessonId, lang: Lang) -> Lesson {
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

/// Users at the left edge, `active_users` of them sending a request every 10 s each, of which
/// a `login` share needs a session (sessions are lesson 7's subject: elsewhere nobody logs in),
/// `change` setting the rest of their settings; and DNS, which both their page and static
/// requests ask first. Returns the DNS.
fn users_and_dns(
    b: &mut DiagramBuilder,
    lang: Lang,
    active_users: u64,
    login: f64,
    change: impl FnOnce(&mut UsersConfig),
) -> ComponentId {
    let users = put(b, lang, ComponentKind::Users, (0.0, 200.0), |c| {
        if let ComponentConfig::Users(u) = c {
            u.load = UserLoad::ActiveUsers {
                active_users,
                requests_per_user_per_s: 0.1,
            };
            u.login_session_share = login;
            change(u);
        }
    });
    let dns = put(b, lang, ComponentKind::Dns, (220.0, 60.0), defaults);
    b.wire(users, OutPort::Dynamic, dns);
    b.wire(users, OutPort::Static, dns);
    dns
}

/// A load balancer that `dns` resolves to, in front of a web tier set by `change`. Returns
/// the web tier.
fn balanced_web(
    b: &mut DiagramBuilder,
    lang: Lang,
    dns: ComponentId,
    change: impl FnOnce(&mut WebServersConfig),
) -> ComponentId {
    let lb = put(
        b,
        lang,
        ComponentKind::LoadBalancer,
        (440.0, 200.0),
        defaults,
    );
    let web = put(b, lang, ComponentKind::WebServers, (660.0, 200.0), |c| {
        if let ComponentConfig::WebServers(w) = c {
            change(w);
        }
    });
    b.wire(dns, OutPort::Resolve, lb);
    b.wire(lb, OutPort::Backends, web);
    web
}
