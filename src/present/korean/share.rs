//! The share layer's words in Korean: why a file or link could not be opened, what was ignored
//! or repaired on the way in, and what the app says when it opens.
//!
//! Owns the Korean of the values `english::share` words, with the same signatures. A key or
//! a value from the file itself stays as written, between backticks; the parser's own English
//! detail is left out (the line and column say where).

use crate::decimal::{Shortest, shortest};
use crate::share::open::{Kept, Notice};
use crate::share::v1::FORMAT_MARKER;
use crate::share::{
    Expected, FORMAT_VERSION, ImportWarning, MAX_COORD, MAX_LABEL_CHARS, NotDiagram, Place,
    Problem, ShareError, Source, Thing, WireEnd,
};

use super::grammar::finish;
use super::{config_error, kind_name, wire_reason};

fn thing(t: Thing) -> &'static str {
    match t {
        Thing::Component => "컴포넌트",
        Thing::Wire => "연결선",
        Thing::Datacenter => "데이터 센터",
        Thing::Fault => "장애",
    }
}

/// Where in a document: "컴포넌트 3", "연결선 #0", "트래픽 패턴".
pub fn share_place(p: Place) -> String {
    match p {
        Place::TopLevel => "파일".to_string(),
        Place::NextId => "“next_id”".to_string(),
        Place::Ids => "ID".to_string(),
        Place::Link => "링크".to_string(),
        Place::Scenario => "시나리오".to_string(),
        Place::TrafficProfile => "트래픽 패턴".to_string(),
        Place::Datacenter(id) => format!("데이터 센터 {id}"),
        Place::Component(id) => format!("컴포넌트 {id}"),
        Place::ComponentSettings(id) => format!("컴포넌트 {id} 설정"),
        Place::Wire(id) => format!("연결선 {id}"),
        Place::DatacenterAt(n) => format!("데이터 센터 #{n}"),
        Place::ComponentAt(n) => format!("컴포넌트 #{n}"),
        Place::WireAt(n) => format!("연결선 #{n}"),
        Place::FaultAt(n) => format!("장애 #{n}"),
    }
}

fn expected(e: Expected) -> &'static str {
    match e {
        Expected::WholeNumber => "0 이상 4,294,967,295 이하의 정수",
        Expected::Index => "번호",
        Expected::Number => "숫자",
        Expected::Text => "텍스트",
        Expected::Object => "객체",
        Expected::KnownOutPort => "알려진 출력 포트",
        Expected::KnownInPort => "알려진 입력 포트",
        Expected::TrueOrFalse => "“true”나 “false”",
        Expected::List => "리스트",
    }
}

/// A text longer than the format holds (`field` as the user knows it).
pub fn too_long(field: &str, chars: usize) -> String {
    format!("“{field}” 값이 {chars}자입니다. 최대 {MAX_LABEL_CHARS}자까지 쓸 수 있습니다")
}

fn problem(p: &Problem) -> String {
    match p {
        Problem::Unreadable { .. } => "값의 형식이 올바르지 않습니다".to_string(),
        Problem::NotWholeNumber => "4,294,967,295 이하의 정수여야 합니다".to_string(),
        // A key of the file is quoted with 값 after it, so that the particle follows a Korean
        // word (how a Latin key is read aloud varies): "“x” 값은".
        Problem::Coordinate { field, value } => format!(
            "“{field}” 값은 ±{} 안의 좌표여야 합니다(지금 {})",
            Shortest(MAX_COORD),
            if value.0.is_finite() {
                shortest(value.0)
            } else {
                "숫자가 아님".to_string()
            }
        ),
        Problem::TooLong { field, chars } => too_long(field, *chars),
        Problem::UnknownRegion { name } => format!("알 수 없는 지역 “{name}”입니다"),
        Problem::UnknownRegionIndex { index } => format!("알 수 없는 지역 번호 {index}입니다"),
        Problem::NegativeSize => "“width”, “height” 값은 음수일 수 없습니다".to_string(),
        Problem::DatacenterMissing { datacenter } => {
            format!("다이어그램에 없는 데이터 센터 {datacenter}에 속해 있습니다")
        }
        Problem::ConfigNotObject => "“config” 값은 객체여야 합니다".to_string(),
        Problem::Settings { .. } => "설정을 이 종류의 설정으로 읽을 수 없습니다".to_string(),
        Problem::Setting(e) => format!("설정 {}", config_error(e)),
        Problem::Traffic(e) => config_error(e),
        Problem::NoSuchOutput { kind, port } => {
            format!("{}에는 “{port}” 출력이 없습니다", kind_name(*kind))
        }
        Problem::NoSuchInput { kind, port } => {
            format!("{}에는 “{port}” 입력이 없습니다", kind_name(*kind))
        }
        Problem::NoInput { kind } => format!("{}에는 입력이 없습니다", kind_name(*kind)),
        Problem::FaultTime { value } => format!(
            "“at_s” 값은 0에서 10억 사이의 초 단위 시각이어야 합니다(지금 {})",
            if value.0.is_finite() {
                shortest(value.0)
            } else {
                "숫자가 아님".to_string()
            }
        ),
        Problem::SlowFactor { value } => format!(
            "느려지는 배율은 1에서 1000000 사이여야 합니다(지금 {})",
            if value.0.is_finite() {
                shortest(value.0)
            } else {
                "숫자가 아님".to_string()
            }
        ),
        Problem::TargetMissing => "다이어그램에 없는 대상을 가리킵니다".to_string(),
        Problem::IdsFull => "ID 4294967295가 쓰여 새 ID를 만들 수 없습니다".to_string(),
        Problem::RowTooShort { min } => format!("값이 {min}개 이상인 목록이어야 합니다"),
        Problem::FieldShouldBe { field, expected: e } => {
            format!("“{field}” 값은 {}여야 합니다", expected(*e))
        }
        Problem::IdCounter => "ID 카운터가 없거나 정수가 아닙니다".to_string(),
        Problem::WrongValue {
            field: Some(field),
            found,
            expected: e,
        } => format!("“{field}” 값은 {}여야 합니다(지금 “{found}”)", expected(*e)),
        Problem::WrongValue {
            field: None,
            found,
            expected: e,
        } => format!("{}여야 할 자리에 “{found}” 값이 있습니다", expected(*e)),
        Problem::MissingField { field } => format!("“{field}” 값이 없습니다"),
    }
}

fn not_diagram(why: &NotDiagram) -> String {
    match why {
        NotDiagram::TopNotObject => "최상위 값이 객체여야 합니다".to_string(),
        NotDiagram::ShouldBeList(key) => format!("“{key}” 값은 목록이어야 합니다"),
        NotDiagram::ShouldBeObject(key) => format!("“{key}” 값은 객체여야 합니다"),
        NotDiagram::Missing(key) => format!("파일에 “{key}” 항목이 없습니다"),
        NotDiagram::FormatIs(other) => {
            format!("“format” 값이 “{other}”입니다(올바른 값: “{FORMAT_MARKER}”)")
        }
    }
}

/// Why a link or a file could not be opened, so a user can act on it.
pub fn share_error(e: &ShareError) -> String {
    const COPY_AGAIN: &str = "링크 전체를 다시 복사해 주세요";
    finish(match e {
        ShareError::Empty => "열 내용이 없습니다. 링크나 파일이 비어 있습니다".to_string(),
        ShareError::TooLarge { what, limit } => {
            let what = source(*what);
            format!("이 {what}은(는) ScaleLab 다이어그램이라기에는 너무 큽니다({limit}바이트 초과)")
        }
        ShareError::NotALink => {
            "ScaleLab 링크가 아닙니다. “#” 뒤는 “v1=”로 시작해야 합니다".to_string()
        }
        ShareError::BadCharacters { position } => format!(
            "링크가 손상되었습니다. ScaleLab 링크에 올 수 없는 문자가 있습니다({position}번째 위치). {COPY_AGAIN}"
        ),
        ShareError::CutOff => {
            format!(
                "링크가 손상되었습니다. 잘렸거나 일부가 바뀌어 데이터가 일찍 끝납니다. {COPY_AGAIN}"
            )
        }
        ShareError::FileCutOff => "파일이 중간에 잘려 데이터가 일찍 끝납니다. 저장이나 내려받기가 \
                                   끝나지 않았을 수 있습니다"
            .to_string(),
        ShareError::Corrupted => {
            format!("링크가 손상되었습니다. 데이터의 압축이 풀리지 않습니다. {COPY_AGAIN}")
        }
        ShareError::ExpandsTooMuch { limit } => format!(
            "이 링크는 풀면 {limit}바이트가 넘어 어떤 다이어그램보다도 큽니다. 열지 않았습니다"
        ),
        ShareError::NotJson { line, column, .. } => {
            format!("올바른 JSON 파일이 아닙니다({line}행 {column}열)")
        }
        ShareError::NotADiagram { why } => {
            format!("ScaleLab 다이어그램이 아닙니다: {}", not_diagram(why))
        }
        ShareError::NewerVersion { what, version } => format!(
            "더 새로운 ScaleLab에서 만든 {}입니다(형식 v{version}). 이 버전은 v{FORMAT_VERSION}까지 읽을 수 있으니 페이지를 새로 고쳐 업데이트해 주세요",
            source(*what)
        ),
        ShareError::UnsupportedVersion { what, version } => {
            format!(
                "형식 버전이 “{version}”인 {}은(는) 이 ScaleLab에서 읽을 수 없습니다",
                source(*what)
            )
        }
        ShareError::Invalid { place, problem: p } => {
            format!("{}: {}", share_place(*place), problem(p))
        }
        ShareError::UnknownKind { component, kind } => {
            format!("컴포넌트 {component}의 종류 “{kind}”: 이 ScaleLab이 모르는 종류입니다")
        }
        ShareError::DuplicateId { what, id } => format!(
            "{} 두 개가 같은 ID {id}을(를) 씁니다. ID는 모두 달라야 합니다",
            thing(*what)
        ),
        ShareError::DanglingWire {
            wire,
            end,
            component,
        } => {
            let end = match end {
                WireEnd::Start => "시작",
                WireEnd::End => "끝",
            };
            format!("연결선 {wire}의 {end} 컴포넌트 {component}이(가) 다이어그램에 없습니다")
        }
        ShareError::TooMany { what, limit } => format!(
            "이 다이어그램의 {} 수가 ScaleLab이 허용하는 최대 {limit}개를 넘습니다",
            thing(*what)
        ),
    })
}

/// One thing ignored or repaired while reading a document.
pub fn import_warning(w: &ImportWarning) -> String {
    finish(match w {
        ImportWarning::UnknownField {
            place: Place::TopLevel,
            field,
        } => format!("알 수 없는 필드를 무시했습니다: “{field}”"),
        ImportWarning::UnknownField { place, field } => format!(
            "{}: 알 수 없는 필드를 무시했습니다: “{field}”",
            share_place(*place)
        ),
        ImportWarning::TrailingValues { place, count } => format!(
            "{}: 행 끝의 알 수 없는 값 {count}개를 무시했습니다",
            share_place(*place)
        ),
        ImportWarning::BreaksRule { wire, reason } => format!(
            "연결선 {wire}은(는) 연결 규칙에 어긋납니다: {}",
            wire_reason(*reason)
        ),
        ImportWarning::SelfWire { wire } => {
            format!("연결선 {wire}은(는) 컴포넌트를 자기 자신에 연결합니다")
        }
        ImportWarning::DuplicateWire { wire } => {
            format!("연결선 {wire}은(는) 다른 연결선과 겹칩니다")
        }
        ImportWarning::NextIdRaised { was, now } => {
            format!("“next_id” 값 {was}이(가) 모든 ID보다 크지 않아 {now}(으)로 올렸습니다")
        }
        ImportWarning::UpgradedFromV0 => {
            "초기 ScaleLab(형식 v0)에서 만든 파일이라 새 형식으로 바꿨습니다".to_string()
        }
    })
}

/// The warnings of an import as one note to put after a message: " 참고: 가. 나." or nothing.
pub fn import_note(warnings: &[ImportWarning]) -> String {
    if warnings.is_empty() {
        String::new()
    } else {
        let all: Vec<String> = warnings.iter().map(import_warning).collect();
        format!(" 참고: {}.", all.join(". "))
    }
}

/// What the app says about what it opened at start.
pub fn notice(n: &Notice) -> String {
    match n {
        Notice::UnreadableAutosave(e) => format!(
            "자동 저장된 다이어그램을 읽지 못했습니다({}). 덮어쓰지 않고 그대로 따로 보관했습니다.",
            share_error(e)
        ),
        Notice::DamagedLink {
            error,
            own_diagram_shown,
        } => {
            let kept = if *own_diagram_shown {
                " 대신 내 다이어그램을 손대지 않고 그대로 보여 줍니다."
            } else {
                ""
            };
            let words = share_error(error);
            if crate::present::say::speaks_of_the_link(error) {
                format!("{words}.{kept}")
            } else {
                format!("이 링크를 열지 못했습니다: {words}.{kept}")
            }
        }
        Notice::OpenedLink { kept, warnings } => {
            let message = match kept {
                Kept::PreviousDiagram => {
                    "공유된 다이어그램을 열었습니다. 이전 다이어그램은 보관해 두었으니 필요하면 되돌리세요."
                }
                Kept::UnreadableAutosave => {
                    "공유된 다이어그램을 열었습니다. 읽을 수 없던 자동 저장본은 따로 보관했습니다."
                }
                Kept::Nothing => "공유된 다이어그램을 열었습니다.",
            };
            format!("{message}{}", import_note(warnings))
        }
    }
}

/// What was read: a link or a file.
fn source(what: Source) -> &'static str {
    match what {
        Source::Link => "링크",
        Source::File => "파일",
    }
}
