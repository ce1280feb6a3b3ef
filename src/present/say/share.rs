//! The share layer's words beside [`super::share_error`]: what was ignored or repaired while
//! reading a document, and what the app says about what it opened.

use crate::share::ImportWarning;
use crate::share::open::Notice;

use super::super::lang::Lang;
use super::super::{english, korean};

/// One thing ignored or repaired while reading a document.
pub fn import_warning(lang: Lang, w: &ImportWarning) -> String {
    match lang {
        Lang::En => english::import_warning(w),
        Lang::Ko => korean::import_warning(w),
    }
}

/// The warnings of an import as one note to append after a message (with its leading space),
/// or nothing when there are none.
pub fn import_note(lang: Lang, warnings: &[ImportWarning]) -> String {
    match lang {
        Lang::En => english::import_note(warnings),
        Lang::Ko => korean::import_note(warnings),
    }
}

/// Whether the words of `e` already say that the link itself is at fault (damaged, cut off,
/// too large, not a ScaleLab link): a notice about a link then says them alone, rather than
/// "this link is damaged" around them again.
pub(crate) fn speaks_of_the_link(e: &crate::share::ShareError) -> bool {
    use crate::share::{ShareError, Source};
    matches!(
        e,
        ShareError::TooLarge {
            what: Source::Link,
            ..
        } | ShareError::NotALink
            | ShareError::BadCharacters { .. }
            | ShareError::CutOff
            | ShareError::Corrupted
            | ShareError::ExpandsTooMuch { .. }
    )
}

/// What the app says about what it opened at start (its level is [`Notice::level`]).
pub fn opening_notice(lang: Lang, n: &Notice) -> String {
    match lang {
        Lang::En => english::notice(n),
        Lang::Ko => korean::notice(n),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::ComponentKind;
    use crate::model::config::{ConfigError, ConfigProblem, Number};
    use crate::model::rules::WireReason;
    use crate::present::say::share_error;
    use crate::present::text::korean_check::foreign_words;
    use crate::share::open::Kept;
    use crate::share::{Expected, NotDiagram, Place, Problem, ShareError, Source, Thing, WireEnd};

    /// The text without what is quoted from the file itself (`between backticks`).
    fn prose(text: &str) -> String {
        let mut out = String::new();
        let mut quoted = false;
        for c in text.chars() {
            match c {
                '\u{201c}' => quoted = true,
                '\u{201d}' => {
                    quoted = false;
                    out.push(' ');
                }
                _ if !quoted => out.push(c),
                _ => {}
            }
        }
        out
    }

    pub(crate) fn setting() -> ConfigError {
        ConfigError {
            field: "instances".into(),
            problem: ConfigProblem::CountOutOfRange {
                min: 1,
                max: 10_000,
                value: 0,
            },
        }
    }

    fn problems() -> Vec<Problem> {
        let mut all = vec![
            Problem::Unreadable {
                detail: "missing field `x`".into(),
            },
            Problem::NotWholeNumber,
            Problem::Coordinate {
                field: "x",
                value: Number(f64::INFINITY),
            },
            Problem::TooLong {
                field: "label",
                chars: 300,
            },
            Problem::UnknownRegion {
                name: "mars".into(),
            },
            Problem::UnknownRegionIndex { index: 9 },
            Problem::NegativeSize,
            Problem::DatacenterMissing { datacenter: 4 },
            Problem::ConfigNotObject,
            Problem::Settings {
                detail: "invalid type".into(),
            },
            Problem::Setting(setting()),
            Problem::Traffic(ConfigError {
                field: "period_s".into(),
                problem: ConfigProblem::Zero,
            }),
            Problem::NoSuchOutput {
                kind: ComponentKind::Cache,
                port: "data".into(),
            },
            Problem::NoSuchInput {
                kind: ComponentKind::Cache,
                port: "jobs".into(),
            },
            Problem::NoInput {
                kind: ComponentKind::Users,
            },
            Problem::FaultTime {
                value: Number(-1.0),
            },
            Problem::SlowFactor {
                value: Number(f64::NAN),
            },
            Problem::TargetMissing,
            Problem::IdsFull,
            Problem::RowTooShort { min: 4 },
            Problem::IdCounter,
            Problem::MissingField {
                field: "label".into(),
            },
        ];
        for expected in [
            Expected::WholeNumber,
            Expected::Index,
            Expected::Number,
            Expected::Text,
            Expected::Object,
            Expected::KnownOutPort,
            Expected::KnownInPort,
            Expected::TrueOrFalse,
            Expected::List,
        ] {
            all.push(Problem::FieldShouldBe {
                field: "kind",
                expected,
            });
            for field in [Some("x".to_string()), None] {
                all.push(Problem::WrongValue {
                    field,
                    found: "abc".into(),
                    expected,
                });
            }
        }
        all
    }

    /// Every share error, every place and every problem.
    pub(crate) fn errors() -> Vec<ShareError> {
        let places = [
            Place::TopLevel,
            Place::NextId,
            Place::Ids,
            Place::Link,
            Place::Scenario,
            Place::TrafficProfile,
            Place::Datacenter(1),
            Place::Component(2),
            Place::ComponentSettings(2),
            Place::Wire(3),
            Place::DatacenterAt(0),
            Place::ComponentAt(0),
            Place::WireAt(0),
            Place::FaultAt(0),
        ];
        let mut all = vec![
            ShareError::Empty,
            ShareError::TooLarge {
                what: Source::Link,
                limit: 100,
            },
            ShareError::TooLarge {
                what: Source::File,
                limit: 100,
            },
            ShareError::NotALink,
            ShareError::BadCharacters { position: 7 },
            ShareError::CutOff,
            ShareError::FileCutOff,
            ShareError::Corrupted,
            ShareError::ExpandsTooMuch { limit: 4 << 20 },
            ShareError::NotJson {
                line: 1,
                column: 2,
                detail: "expected value".into(),
            },
            ShareError::NewerVersion {
                what: Source::Link,
                version: 3,
            },
            ShareError::UnsupportedVersion {
                what: Source::File,
                version: "one".into(),
            },
            ShareError::UnknownKind {
                component: 1,
                kind: "mainframe".into(),
            },
        ];
        for why in [
            NotDiagram::TopNotObject,
            NotDiagram::ShouldBeList("wires"),
            NotDiagram::ShouldBeObject("scenario"),
            NotDiagram::Missing("next_id"),
            NotDiagram::FormatIs("7".into()),
        ] {
            all.push(ShareError::NotADiagram { why });
        }
        for what in [
            Thing::Component,
            Thing::Wire,
            Thing::Datacenter,
            Thing::Fault,
        ] {
            all.push(ShareError::DuplicateId { what, id: 3 });
            all.push(ShareError::TooMany { what, limit: 500 });
        }
        for end in [WireEnd::Start, WireEnd::End] {
            all.push(ShareError::DanglingWire {
                wire: 2,
                end,
                component: 8,
            });
        }
        for place in places {
            all.push(ShareError::Invalid {
                place,
                problem: Problem::IdsFull,
            });
        }
        for problem in problems() {
            all.push(ShareError::Invalid {
                place: Place::Component(1),
                problem,
            });
        }
        all
    }

    pub(crate) fn warnings() -> Vec<ImportWarning> {
        let mut all = vec![
            ImportWarning::UnknownField {
                place: Place::TopLevel,
                field: "theme".into(),
            },
            ImportWarning::UnknownField {
                place: Place::ComponentSettings(2),
                field: "gpu".into(),
            },
            ImportWarning::TrailingValues {
                place: Place::WireAt(1),
                count: 2,
            },
            ImportWarning::SelfWire { wire: 3 },
            ImportWarning::DuplicateWire { wire: 3 },
            ImportWarning::NextIdRaised { was: 1, now: 10 },
            ImportWarning::UpgradedFromV0,
        ];
        all.extend(WireReason::ALL.map(|reason| ImportWarning::BreaksRule { wire: 3, reason }));
        all
    }

    fn notices() -> Vec<Notice> {
        let mut all = vec![Notice::UnreadableAutosave(ShareError::CutOff)];
        for own_diagram_shown in [true, false] {
            all.push(Notice::DamagedLink {
                error: ShareError::Corrupted,
                own_diagram_shown,
            });
        }
        for kept in [
            Kept::Nothing,
            Kept::PreviousDiagram,
            Kept::UnreadableAutosave,
        ] {
            all.push(Notice::OpenedLink {
                kept,
                warnings: vec![
                    ImportWarning::UpgradedFromV0,
                    ImportWarning::SelfWire { wire: 1 },
                ],
            });
        }
        all
    }

    #[test]
    fn every_share_message_is_worded_in_korean() {
        let mut texts: Vec<(String, String)> = Vec::new();
        for e in errors() {
            texts.push((format!("{e:?}"), share_error(Lang::Ko, &e)));
        }
        for w in warnings() {
            texts.push((format!("{w:?}"), import_warning(Lang::Ko, &w)));
        }
        for n in notices() {
            texts.push((format!("{n:?}"), opening_notice(Lang::Ko, &n)));
        }
        let bad: Vec<String> = texts
            .iter()
            .filter(|(_, ko)| {
                !foreign_words(&prose(ko)).is_empty()
                    || !ko.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
            })
            .map(|(what, ko)| format!("{what}: {ko:?}"))
            .collect();
        assert!(bad.is_empty(), "not Korean:\n{}", bad.join("\n"));
        for (what, ko) in &texts {
            assert!(
                !ko.contains("missing field"),
                "{what}: parser English in {ko:?}"
            );
        }
    }

    #[test]
    fn messages_read_the_same_in_english_as_before_and_in_korean_with_particles() {
        let e = ShareError::Invalid {
            place: Place::Component(2),
            problem: Problem::Setting(setting()),
        };
        assert_eq!(
            share_error(Lang::En, &e),
            "component 2: setting “instances” must be between 1 and 10,000, not 0"
        );
        assert_eq!(
            share_error(Lang::Ko, &e),
            "컴포넌트 2: 설정 “instances”: 1에서 10,000 사이여야 합니다(지금 0)"
        );
        let damaged = Notice::DamagedLink {
            error: ShareError::CutOff,
            own_diagram_shown: true,
        };
        assert_eq!(
            opening_notice(Lang::En, &damaged),
            "This link is damaged: its data ends early (it was cut off, or a character \
             changed); copy the whole link again. Your own diagram is shown instead, untouched."
        );
        assert_eq!(
            opening_notice(Lang::Ko, &damaged),
            "링크가 손상되었습니다. 잘렸거나 일부가 바뀌어 데이터가 일찍 끝납니다. 링크 전체를 다시 복사해 \
             주세요. 대신 내 다이어그램을 손대지 않고 그대로 보여 줍니다."
        );
        let refused = Notice::DamagedLink {
            error: e.clone(),
            own_diagram_shown: false,
        };
        assert_eq!(
            opening_notice(Lang::En, &refused),
            "This link could not be opened: component 2: setting “instances” must be between 1 \
             and 10,000, not 0."
        );
        assert_eq!(
            opening_notice(Lang::Ko, &refused),
            "이 링크를 열지 못했습니다: 컴포넌트 2: 설정 “instances”: 1에서 10,000 사이여야 \
             합니다(지금 0)."
        );
        let w = ImportWarning::NextIdRaised { was: 1, now: 10 };
        assert_eq!(
            import_warning(Lang::En, &w),
            "“next_id” was 1, not above every id; raised to 10"
        );
        assert_eq!(
            import_warning(Lang::Ko, &w),
            "“next_id” 값 1이 모든 ID보다 크지 않아 10으로 올렸습니다"
        );
        let n = Notice::OpenedLink {
            kept: Kept::Nothing,
            warnings: vec![ImportWarning::SelfWire { wire: 3 }],
        };
        assert_eq!(
            opening_notice(Lang::En, &n),
            "Opened the shared diagram. Note: wire 3 connects a component to itself"
        );
        assert_eq!(
            opening_notice(Lang::Ko, &n),
            "공유된 다이어그램을 열었습니다. 참고: 연결선 3은 컴포넌트를 자기 자신에 연결합니다."
        );
    }
}
