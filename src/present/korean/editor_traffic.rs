//! The run panel's traffic profiles in Korean: their names, what each does, their fields,
//! units and refusals.

use crate::editor::traffic::{
    ProfileField, ProfileFieldName, ProfileKind, ProfileRefusal, ProfileUnit, number,
};
use crate::present::korean::grammar::finish;

/// A profile kind's name in the menu.
pub fn profile_name(k: ProfileKind) -> &'static str {
    match k {
        ProfileKind::Constant => "일정한 부하",
        ProfileKind::Ramp => "점진적 변화",
        ProfileKind::Diurnal => "하루 주기",
        ProfileKind::Spike => "급증(순간 폭주)",
        ProfileKind::Growth => "사용자 0명에서 N명까지",
    }
}

/// What a profile kind does, in a few words.
pub fn profile_explain(k: ProfileKind) -> &'static str {
    match k {
        ProfileKind::Constant => "실행 내내 설정한 부하를 보냅니다.",
        ProfileKind::Ramp => "부하가 시작 배수에서 끝 배수까지 일정한 속도로 바뀝니다.",
        ProfileKind::Diurnal => "주기가 시작될 때 가장 낮고, 주기의 절반에서 최대 부하가 됩니다.",
        ProfileKind::Spike => {
            "시작 시각부터 지속 시간 동안 부하의 배수만큼 트래픽이 몰립니다(순간 폭주)."
        }
        ProfileKind::Growth => {
            "모든 사용자 집단을 합친 사용자 수가 시작 수에서 끝 수까지 기하급수적으로 늘어납니다. \
             집단마다 비율은 그대로이고, 사용자 1명의 초당 요청 수도 그대로입니다."
        }
    }
}

/// A profile field's label.
pub fn profile_field(n: ProfileFieldName) -> &'static str {
    match n {
        ProfileFieldName::Start => "시작 배수",
        ProfileFieldName::End => "끝 배수",
        ProfileFieldName::Period => "주기",
        ProfileFieldName::Trough => "최저 배수",
        ProfileFieldName::StartsAt => "시작 시각",
        ProfileFieldName::Lasts => "지속 시간",
        ProfileFieldName::Factor => "배수",
        ProfileFieldName::From => "시작 사용자 수",
        ProfileFieldName::To => "끝 사용자 수",
        ProfileFieldName::RunLength => "실행 시간",
        ProfileFieldName::RequestRate => "초당 요청 수",
        ProfileFieldName::ActiveUsers => "활성 사용자 수",
        ProfileFieldName::RequestsPerUser => "사용자 1명의 초당 요청 수",
    }
}

/// A profile field's unit.
pub fn profile_unit(u: ProfileUnit) -> &'static str {
    match u {
        ProfileUnit::TimesLoad => "× 부하",
        ProfileUnit::Seconds => "초",
        ProfileUnit::Users => "명",
        ProfileUnit::RequestsPerSecond => "req/s",
    }
}

fn range(field: &ProfileField) -> String {
    // A unit of Latin letters or a sign stands apart from its number; 초 and 명 do not.
    let unit = profile_unit(field.measure);
    let gap = if unit.starts_with(|c: char| c.is_ascii() || c == '×') {
        " "
    } else {
        ""
    };
    format!(
        "{}{gap}{unit}에서 {}{gap}{unit} 사이의 {}",
        number(field.min),
        number(field.max),
        if field.integer { "정수" } else { "숫자" }
    )
}

/// Why a typed value was not applied to the profile.
pub fn profile_refusal(r: &ProfileRefusal) -> String {
    finish(match r {
        ProfileRefusal::NoSuchSetting(_) => "이 트래픽 패턴에는 그런 설정이 없습니다.".into(),
        ProfileRefusal::Empty(f) => {
            format!("{}은(는) {}여야 합니다.", profile_field(f.name), range(f))
        }
        ProfileRefusal::NotANumber(f, text) => format!(
            "{}은(는) {}여야 합니다. “{text}”은(는) 숫자가 아닙니다.",
            profile_field(f.name),
            range(f)
        ),
        ProfileRefusal::OutOfRange(f, text) => format!(
            "{}은(는) {}여야 합니다(입력: {text}).",
            profile_field(f.name),
            range(f)
        ),
        ProfileRefusal::Check(e) => format!(
            "트래픽 패턴: {}.",
            crate::present::say::traffic_error(crate::present::lang::Lang::Ko, e)
        ),
    })
}

#[cfg(test)]
mod tests {
    use crate::editor::traffic::{
        ProfileFieldName, ProfileKind, ProfileUnit, apply_field, fields, run_length,
    };
    use crate::model::TrafficProfile;
    use crate::present::lang::Lang;
    use crate::present::say;
    use crate::present::text::korean_check::foreign_words;

    fn assert_korean(text: &str) {
        assert!(foreign_words(text).is_empty(), "{text:?}");
        assert!(text.chars().any(|c| ('가'..='힣').contains(&c)), "{text:?}");
    }

    #[test]
    fn every_profile_word_and_refusal_is_korean() {
        for k in ProfileKind::ALL {
            assert_korean(say::profile_name(Lang::Ko, k));
            assert_korean(say::profile_explain(Lang::Ko, k));
            let p = k.profile(&TrafficProfile::Constant, 600);
            for f in fields(&p, 600) {
                for text in ["", "많이", "-1"] {
                    let r = apply_field(&p, 600, f.key, text).unwrap_err();
                    assert_korean(&say::profile_refusal(Lang::Ko, &r));
                }
            }
        }
        for n in ProfileFieldName::ALL {
            assert_korean(say::profile_field(Lang::Ko, n));
        }
        for u in ProfileUnit::ALL {
            assert!(foreign_words(say::profile_unit(Lang::Ko, u)).is_empty());
        }
        let r = run_length("0").unwrap_err();
        assert_eq!(
            say::profile_refusal(Lang::Ko, &r),
            "실행 시간은 1초에서 604,800초 사이의 정수여야 합니다(입력: 0)."
        );
        let diurnal = ProfileKind::Diurnal.profile(&TrafficProfile::Constant, 600);
        let r = apply_field(&diurnal, 600, "trough_factor", "1.5").unwrap_err();
        assert_korean(&say::profile_refusal(Lang::Ko, &r));
        let r = apply_field(&diurnal, 600, "nope", "1").unwrap_err();
        assert_korean(&say::profile_refusal(Lang::Ko, &r));
    }
}
