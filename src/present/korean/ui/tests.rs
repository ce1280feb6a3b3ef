//! The shell's Korean sentences that take values: every one rendered, checked for foreign
//! words (values a user typed, and the share layer's own wording, left out) and for Hangul.

use crate::present::lang::Lang;
use crate::present::say;
use crate::present::text::banner::BannerMessage;
use crate::present::text::korean_check::foreign_words;
use crate::present::text::{canvas, file, inspector, menu, palette};
use crate::share::ShareError;

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
}

fn assert_korean_sentence(text: &str) {
    assert!(has_hangul(text), "no Hangul in {text:?}");
    assert_eq!(foreign_words(text), Vec::<String>::new(), "in {text:?}");
}

#[test]
fn every_banner_message_is_korean() {
    let error = ShareError::CutOff;
    let worded_error = say::share_error(Lang::Ko, &error);
    let messages = [
        BannerMessage::StorageRefused,
        BannerMessage::SimulationOnPage,
        BannerMessage::Restored,
        BannerMessage::KeptFromEarlier,
        BannerMessage::KeptUnreadable(error.clone()),
        BannerMessage::NothingKept,
        BannerMessage::FileTooLarge {
            name: "설계".into(),
        },
        BannerMessage::FileUnreadable {
            name: "설계".into(),
        },
        BannerMessage::FileRefused {
            name: "설계".into(),
            error: error.clone(),
        },
        BannerMessage::Opened {
            name: "설계".into(),
            warnings: Vec::new(),
        },
        BannerMessage::DownloadRefused { reason: None },
    ];
    for m in &messages {
        let korean = m.say(Lang::Ko);
        // The share layer words its own errors (checked where they are worded).
        let own = korean.replace(worded_error.trim_end().trim_end_matches('.'), "");
        assert_korean_sentence(&own);
        assert_ne!(korean, m.say(Lang::En));
    }
}

#[test]
fn sentences_with_values_are_korean() {
    for text in [
        file::link_length(Lang::Ko, 1234),
        palette::add_kind(Lang::Ko, "캐시", "자주 읽는 데이터를 메모리에 둡니다"),
        canvas::port_title(Lang::Ko, true, "요청"),
        canvas::port_title(Lang::Ko, false, "데이터"),
        inspector::selection_summary(Lang::Ko, 2, 1, 0),
        inspector::datacenter_members(Lang::Ko, 3),
        menu::actions_for(Lang::Ko, "캐시"),
    ] {
        assert_korean_sentence(&text);
    }
}

#[test]
fn english_sentences_keep_their_wording() {
    assert_eq!(
        inspector::selection_summary(Lang::En, 2, 1, 0),
        "2 components and 1 wire selected. Press Delete to remove them or Ctrl+D to duplicate \
         the components."
    );
    // Only what is selected is counted, and duplicating is offered only for components.
    assert_eq!(
        inspector::selection_summary(Lang::En, 0, 1, 0),
        "1 wire selected. Press Delete to remove it."
    );
    assert_eq!(
        inspector::selection_summary(Lang::En, 1, 1, 0),
        "1 component and 1 wire selected. Press Delete to remove them or Ctrl+D to duplicate \
         the component."
    );
    assert_eq!(
        inspector::selection_summary(Lang::En, 3, 2, 1),
        "3 components, 2 wires and 1 datacenter selected. Press Delete to remove them or Ctrl+D \
         to duplicate the components."
    );
    assert_eq!(
        inspector::selection_summary(Lang::Ko, 0, 1, 0),
        "연결선 1개를 선택했습니다. Delete 키로 지울 수 있습니다."
    );
    assert_eq!(
        inspector::datacenter_members(Lang::En, 1),
        "1 component inside. Drag cards in or out to change that."
    );
    assert_eq!(
        canvas::port_title(Lang::En, true, "requests"),
        "input: requests"
    );
    assert_eq!(
        BannerMessage::Opened {
            name: "a.json".into(),
            warnings: vec![crate::share::ImportWarning::UpgradedFromV0]
        }
        .say(Lang::En),
        format!(
            "Opened “a.json”.{}",
            crate::present::say::import_note(
                Lang::En,
                &[crate::share::ImportWarning::UpgradedFromV0]
            )
        )
    );
}
