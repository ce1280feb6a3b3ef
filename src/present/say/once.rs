//! Messages said once: every message that wraps another (an opening notice or a banner
//! around a share error, a build error around a setting error, an editor notice around a
//! paste error, the command line's `scalelab run:` line) is rendered around every inner
//! message it can hold, in both languages, and must not say the same thing twice: no phrase
//! of three words repeated in English, no pair of words repeated in Korean.

use std::collections::HashSet;

use super::model::tests::{edit_errors, problems, refusals as rule_refusals};
use super::share::tests::{errors, setting, warnings};
use super::*;
use crate::editor::clipboard::PasteError;
use crate::editor::command::CommandError;
use crate::editor::notice::{
    Announcement, EditFailure, Notice as EditorNotice, PortMention, WireRefusal,
};
use crate::model::config::ConfigError;
use crate::model::validate::Finding;
use crate::model::{ComponentKind, InPort, examples};
use crate::present::text::banner::BannerMessage;
use crate::share::open::{Kept, Notice};

/// The text without what is quoted from the user's data (`code`, “a file name”).
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '`' => quoted = !quoted,
            '“' => quoted = true,
            '”' => quoted = false,
            _ if !quoted => out.push(c),
            _ => {}
        }
    }
    out
}

/// The first phrase said twice in `text`: `n` words in a row, compared without case or
/// punctuation.
fn repeated(text: &str, n: usize) -> Option<String> {
    let words: Vec<String> = prose(text)
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut seen = HashSet::new();
    words
        .windows(n)
        .map(|w| w.join(" "))
        .find(|phrase| !seen.insert(phrase.clone()))
}

fn says_once(lang: Lang, what: &str, text: &str) -> Option<String> {
    let n = match lang {
        Lang::En => 3,
        Lang::Ko => 2,
    };
    repeated(text, n).map(|phrase| format!("{lang:?} {what}: «{phrase}» twice in {text:?}"))
}

fn config_errors() -> Vec<ConfigError> {
    problems()
        .into_iter()
        .map(|problem| ConfigError {
            field: "instances".into(),
            problem,
        })
        .chain(std::iter::once(setting()))
        .collect()
}

fn refusals() -> Vec<WireRefusal> {
    let mut all: Vec<WireRefusal> = rule_refusals().into_iter().map(WireRefusal::Rule).collect();
    all.push(WireRefusal::AcceptsNothing(ComponentKind::Users));
    all
}

/// Every wrapping message around every inner one, in `lang`: (what, text).
fn wrapped(lang: Lang) -> Vec<(String, String)> {
    let mut all = Vec::new();
    let mut push = |what: String, text: String| all.push((what, text));
    for e in errors() {
        for notice in [
            Notice::UnreadableAutosave(e.clone()),
            Notice::DamagedLink {
                error: e.clone(),
                own_diagram_shown: true,
            },
            Notice::DamagedLink {
                error: e.clone(),
                own_diagram_shown: false,
            },
        ] {
            push(format!("{notice:?}"), opening_notice(lang, &notice));
        }
        for banner in [
            BannerMessage::KeptUnreadable(e.clone()),
            BannerMessage::FileRefused {
                name: "diagram.json".into(),
                error: e.clone(),
            },
        ] {
            push(format!("{banner:?}"), banner.say(lang));
        }
        let paste = EditorNotice::Paste(PasteError::Unreadable(e.clone()));
        push(format!("{paste:?}"), super::editor::notice(lang, &paste));
        for (source, cli) in [("file", "diagram.json"), ("link", "share link")] {
            push(
                format!("cli {source} {e:?}"),
                format!("scalelab run: {cli}: {}", share_error(lang, &e)),
            );
        }
    }
    for w in warnings() {
        let opened = Notice::OpenedLink {
            kept: Kept::PreviousDiagram,
            warnings: vec![w.clone()],
        };
        push(format!("{opened:?}"), opening_notice(lang, &opened));
        let banner = BannerMessage::Opened {
            name: "diagram.json".into(),
            warnings: vec![w.clone()],
        };
        push(format!("{banner:?}"), banner.say(lang));
    }
    for e in edit_errors() {
        let failure = EditFailure::Command(CommandError::Edit(e));
        for notice in [
            EditorNotice::EditFailed(failure.clone()),
            EditorNotice::UndoFailed(failure.clone()),
        ] {
            push(format!("{notice:?}"), super::editor::notice(lang, &notice));
        }
    }
    for reason in refusals() {
        let target = PortMention::In {
            label: "Cache".into(),
            port: InPort::Requests,
        };
        let notice = EditorNotice::WireRefused(reason.clone());
        push(format!("{notice:?}"), super::editor::notice(lang, &notice));
        for a in [
            Announcement::Refused {
                target: target.clone(),
                reason: reason.clone(),
            },
            Announcement::Aiming {
                from: None,
                target: target.clone(),
                index: 0,
                count: 2,
                verdict: Err(reason.clone()),
            },
        ] {
            push(format!("{a:?}"), super::editor::announcement(lang, &a));
        }
    }
    let d = examples::chapter_final();
    let component = d.components[0].id;
    for detail in config_errors() {
        let finding = Finding::BadSettings {
            component,
            error: detail.clone(),
        };
        push(format!("{finding:?}"), message(lang, &finding, &d));
        for e in [
            BuildError::InvalidConfig {
                component: 3,
                label: "Web".into(),
                detail: detail.clone(),
            },
            BuildError::InvalidTraffic(detail.clone()),
        ] {
            push(format!("{e:?}"), build_error(lang, &e));
            push(
                format!("cli {e:?}"),
                format!("scalelab run: {}", build_error(lang, &e)),
            );
        }
    }
    all
}

#[test]
fn every_wrapped_message_says_each_thing_once() {
    let mut bad = Vec::new();
    for lang in Lang::ALL {
        for (what, text) in wrapped(lang) {
            bad.extend(says_once(lang, &what, &text));
        }
    }
    assert!(
        bad.is_empty(),
        "{} said twice:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn the_check_finds_a_phrase_said_twice() {
    assert!(repeated("This link is damaged: this link is damaged: cut off", 3).is_some());
    assert!(repeated("Opened “a b c a b c”.", 3).is_none());
    assert!(repeated("이 링크는 열 수 없습니다: 이 링크는 손상되었습니다", 2).is_some());
}

#[test]
fn a_datacenter_named_after_its_region_is_not_titled_twice() {
    use crate::model::Region;
    assert_eq!(
        datacenter_title(Lang::En, "DC1", Region::NorthAmerica),
        "DC1 · North America"
    );
    assert_eq!(
        datacenter_title(Lang::En, "Europe", Region::Europe),
        "Europe"
    );
    assert_eq!(
        datacenter_title(Lang::Ko, "북미", Region::NorthAmerica),
        "북미"
    );
    assert_eq!(
        datacenter_title(Lang::Ko, "데이터 센터 2", Region::Europe),
        "데이터 센터 2 · 유럽"
    );
}
