//! The model's words that have no stub in [`super`]: the connection table's reasons, the
//! reasons a `replicate` wire is refused, and what is wrong with one setting.

use crate::model::config::{ConfigProblem, InstanceSize};
use crate::model::rules::{ReplicationRefusal, WireReason};
use crate::model::{EditError, FaultAction};

use super::super::lang::Lang;
use super::super::{english, korean};

/// Why the connection table refuses a wire (the review quotes it after the two labels).
pub fn wire_reason(lang: Lang, reason: WireReason) -> &'static str {
    match lang {
        Lang::En => english::wire_reason(reason),
        Lang::Ko => korean::wire_reason(reason),
    }
}

/// Why a `replicate` wire is refused.
pub fn replication_refusal(lang: Lang, r: ReplicationRefusal) -> &'static str {
    match lang {
        Lang::En => english::replication_refusal(r),
        Lang::Ko => korean::replication_refusal(r),
    }
}

/// What is wrong with one value, without naming it: English "must be between 0 and 1, not 2",
/// Korean "0에서 1 사이여야 합니다(지금 2)". The inspector puts the field's label before it.
pub fn config_problem(lang: Lang, p: &ConfigProblem) -> String {
    match lang {
        Lang::En => english::config_problem(p),
        Lang::Ko => korean::config_problem(p),
    }
}

/// Why an edit of the diagram was refused.
pub fn edit_error(lang: Lang, e: &EditError) -> String {
    match lang {
        Lang::En => english::edit_error(e),
        Lang::Ko => korean::edit_error(e),
    }
}

/// The button words for a fault.
pub fn fault_action(lang: Lang, action: FaultAction) -> String {
    match lang {
        Lang::En => english::fault_action(action),
        Lang::Ko => korean::fault_action(action),
    }
}

/// A server size as pickers show it.
pub fn instance_size(lang: Lang, size: InstanceSize) -> &'static str {
    match lang {
        Lang::En => english::instance_size(size),
        Lang::Ko => korean::instance_size(size),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::config::{ConfigError, Number};
    use crate::model::rules::Refusal;
    use crate::model::{ComponentId, ComponentKind, InPort, OutPort, Region};
    use crate::present::say;
    use crate::present::text::korean_check::foreign_words;

    fn has_hangul(s: &str) -> bool {
        s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    }

    /// Fails with every text that holds a foreign word or (unless it is only allowed words)
    /// no Hangul.
    fn assert_all_korean(texts: impl IntoIterator<Item = (String, String)>) {
        let bad: Vec<String> = texts
            .into_iter()
            .filter(|(_, ko)| {
                !foreign_words(ko).is_empty()
                    || (!has_hangul(ko) && !matches!(ko.as_str(), "DNS" | "CDN"))
            })
            .map(|(what, ko)| format!("{what}: {ko:?} has {:?}", foreign_words(&ko)))
            .collect();
        assert!(bad.is_empty(), "not Korean:\n{}", bad.join("\n"));
    }

    /// Every setting problem (fixtures the other catalogue tests reuse).
    pub(crate) fn problems() -> Vec<ConfigProblem> {
        vec![
            ConfigProblem::NotFinite,
            ConfigProblem::OutOfRange {
                min: Number(0.0),
                max: Number(1.0),
                value: Number(2.5),
            },
            ConfigProblem::CountOutOfRange {
                min: 1,
                max: 10_000,
                value: 0,
            },
            ConfigProblem::NotAboveZeroAtMost {
                max: Number(5.0),
                value: Number(-1.0),
            },
            ConfigProblem::SharesDoNotAddUp { sum: Number(1.2) },
            ConfigProblem::WeightsDoNotAddUp { sum: 90 },
            ConfigProblem::ShardingKeyLength,
            ConfigProblem::NotSeconds {
                value: Number(f64::NAN),
            },
            ConfigProblem::Zero,
            ConfigProblem::AboveMax {
                max: 10_000_000_000,
            },
        ]
    }

    /// Every edit error.
    pub(crate) fn edit_errors() -> Vec<EditError> {
        use crate::model::{FaultTarget, GroupId, WireId};
        vec![
            EditError::UnknownComponent(ComponentId(1)),
            EditError::UnknownWire(WireId(2)),
            EditError::UnknownGroup(GroupId(3)),
            EditError::DuplicateComponent(ComponentId(1)),
            EditError::DuplicateWire(WireId(2)),
            EditError::DuplicateGroup(GroupId(3)),
            EditError::ConfigKindMismatch {
                component: ComponentKind::Cache,
                config: ComponentKind::Database,
            },
            EditError::NoSuchOutPort(ComponentKind::Cache, OutPort::Data),
            EditError::NoSuchInPort(ComponentKind::Cache, InPort::Jobs),
            EditError::UnknownFaultTarget(FaultTarget::Component(ComponentId(4))),
            EditError::UnknownFaultTarget(FaultTarget::Group(GroupId(5))),
            EditError::UnknownFaultTarget(FaultTarget::Wire(WireId(6))),
            EditError::IdsExhausted,
        ]
    }

    /// Every wire refusal.
    pub(crate) fn refusals() -> Vec<Refusal> {
        let mut all = vec![
            Refusal::UnknownComponent(ComponentId(7)),
            Refusal::NoSuchOutPort {
                kind: ComponentKind::WebServers,
                port: OutPort::Miss,
            },
            Refusal::NoSuchInPort {
                kind: ComponentKind::Database,
                port: InPort::Logs,
            },
            Refusal::SelfLoop,
            Refusal::Duplicate,
            Refusal::Cycle,
            Refusal::IdsExhausted,
        ];
        all.extend(WireReason::ALL.map(|reason| Refusal::NotAllowed {
            port: OutPort::Data,
            to: ComponentKind::Users,
            reason,
        }));
        all.extend(ReplicationRefusal::ALL.map(Refusal::Replication));
        all
    }

    #[test]
    fn an_english_edit_error_names_what_it_means_in_words_not_in_code() {
        for e in edit_errors() {
            let text = edit_error(Lang::En, &e);
            assert!(
                !["Id(", "Component(", "Group(", "Wire(", "::"]
                    .iter()
                    .any(|code| text.contains(code)),
                "{e:?}: {text}"
            );
        }
        use crate::model::{FaultTarget, GroupId, WireId};
        for (target, named) in [
            (FaultTarget::Component(ComponentId(4)), "component 4"),
            (FaultTarget::Group(GroupId(5)), "datacenter 5"),
            (FaultTarget::Wire(WireId(6)), "wire 6"),
        ] {
            let text = edit_error(Lang::En, &EditError::UnknownFaultTarget(target));
            assert!(text.contains(named), "{text}");
        }
    }

    #[test]
    fn every_model_word_is_worded_in_korean() {
        let mut texts: Vec<(String, String)> = Vec::new();
        for k in ComponentKind::ALL {
            texts.push((format!("{k:?}"), say::kind_name(Lang::Ko, k).into()));
            texts.push((format!("{k:?}"), say::kind_description(Lang::Ko, k).into()));
        }
        for r in Region::ALL {
            texts.push((format!("{r:?}"), say::region_name(Lang::Ko, r).into()));
        }
        for p in OutPort::ALL {
            texts.push((format!("{p:?}"), say::out_port_name(Lang::Ko, p).into()));
        }
        for p in InPort::ALL {
            texts.push((format!("{p:?}"), say::in_port_name(Lang::Ko, p).into()));
        }
        for r in refusals() {
            texts.push((format!("{r:?}"), say::refusal(Lang::Ko, &r)));
        }
        for p in problems() {
            texts.push((format!("{p:?}"), config_problem(Lang::Ko, &p)));
        }
        for e in edit_errors() {
            texts.push((format!("{e:?}"), edit_error(Lang::Ko, &e)));
        }
        for a in FaultAction::OFFERED {
            texts.push((format!("{a:?}"), fault_action(Lang::Ko, a)));
        }
        for s in InstanceSize::ALL {
            let ko = instance_size(Lang::Ko, s);
            assert!(foreign_words(ko).is_empty(), "{s:?}: {ko}");
        }
        assert_all_korean(texts);
    }

    #[test]
    fn korean_names_are_distinct_and_descriptions_end_a_sentence() {
        let names: std::collections::BTreeSet<&str> = ComponentKind::ALL
            .iter()
            .map(|k| say::kind_name(Lang::Ko, *k))
            .collect();
        assert_eq!(names.len(), ComponentKind::ALL.len());
        for k in ComponentKind::ALL {
            assert!(say::kind_description(Lang::Ko, k).ends_with('.'), "{k:?}");
        }
        let outs: std::collections::BTreeSet<&str> = OutPort::ALL
            .iter()
            .map(|p| say::out_port_name(Lang::Ko, *p))
            .collect();
        assert_eq!(outs.len(), OutPort::ALL.len());
    }

    /// Fails unless every name is non-empty and no two are the same.
    fn assert_distinct_names<T: std::fmt::Debug>(what: &str, named: Vec<(T, String)>) {
        let mut seen = std::collections::BTreeMap::new();
        for (item, name) in named {
            assert!(!name.trim().is_empty(), "{what}: {item:?} has no name");
            if let Some(other) = seen.insert(name.clone(), format!("{item:?}")) {
                panic!("{what}: {item:?} and {other} are both named {name:?}");
            }
        }
    }

    #[test]
    fn every_kind_port_region_size_and_fault_has_a_distinct_name_in_both_languages() {
        // The core has no words of its own: the catalogues are the only names these have.
        for lang in [Lang::En, Lang::Ko] {
            let kinds = ComponentKind::ALL.map(|k| (k, say::kind_name(lang, k).to_string()));
            assert_distinct_names("kind", kinds.to_vec());
            let texts = ComponentKind::ALL.map(|k| (k, say::kind_description(lang, k).to_string()));
            assert_distinct_names("description", texts.to_vec());
            for (k, text) in texts {
                assert!(text.ends_with('.'), "{lang:?} {k:?}: {text}");
            }
            let regions = Region::ALL.map(|r| (r, say::region_name(lang, r).to_string()));
            assert_distinct_names("region", regions.to_vec());
            let outs = OutPort::ALL.map(|p| (p, say::out_port_name(lang, p).to_string()));
            assert_distinct_names("output port", outs.to_vec());
            let ins = InPort::ALL.map(|p| (p, say::in_port_name(lang, p).to_string()));
            assert_distinct_names("input port", ins.to_vec());
            let sizes = InstanceSize::ALL.map(|s| (s, instance_size(lang, s).to_string()));
            assert_distinct_names("instance size", sizes.to_vec());
            let faults = FaultAction::OFFERED.map(|a| (a, fault_action(lang, a)));
            assert_distinct_names("fault", faults.to_vec());
        }
    }

    #[test]
    fn refusals_and_settings_read_as_sentences_in_both_languages() {
        let r = Refusal::NoSuchOutPort {
            kind: ComponentKind::WebServers,
            port: OutPort::Miss,
        };
        assert_eq!(
            say::refusal(Lang::En, &r),
            "a Web servers has no “miss” output"
        );
        assert_eq!(
            say::refusal(Lang::Ko, &r),
            "웹 서버에는 “미스” 출력이 없습니다"
        );
        assert_eq!(
            say::refusal(Lang::Ko, &Refusal::UnknownComponent(ComponentId(3))),
            "컴포넌트 3은 더 이상 없습니다"
        );
        assert_eq!(
            wire_reason(Lang::En, WireReason::MissToWebServers),
            "a cache does not call web servers: wire its misses to a database"
        );
        let e = ConfigError {
            field: "read_share".into(),
            problem: ConfigProblem::OutOfRange {
                min: Number(0.0),
                max: Number(1.0),
                value: Number(2.0),
            },
        };
        assert_eq!(
            say::config_error(Lang::En, &e),
            "“read_share” must be between 0 and 1, not 2"
        );
        assert_eq!(
            say::config_error(Lang::Ko, &e),
            "“read_share”: 0에서 1 사이여야 합니다(지금 2)"
        );
    }
}
