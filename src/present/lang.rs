//! The languages ScaleLab speaks, and how the first visit picks one.
//!
//! Owns: [`Lang`] (English or Korean), its code as `<html lang>` and storage write it, and
//! [`Lang::from_browser`] (the first of the browser's preferred languages that ScaleLab
//! speaks). Deliberately absent: where the choice is kept (the view's storage) and any words
//! (the catalogues, [`super::english`] and [`super::korean`]).

/// A language the screen can be in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    /// Every language, in the order the language control lists them.
    pub const ALL: [Lang; 2] = [Lang::Ko, Lang::En];

    /// The BCP 47 code: `<html lang>`, storage and `--lang` use it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language's own name, as the language control shows it (in every language).
    pub fn autonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// The language of a code such as `ko`, `ko-KR` or `en-GB` (case-insensitive), if it is one
    /// ScaleLab speaks.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            _ => None,
        }
    }

    /// The first of the browser's preferred languages (`navigator.languages`, best first) that
    /// ScaleLab speaks; English when none is.
    pub fn from_browser<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(Lang::from_code)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_regions_are_ignored() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("ko-KR"), Some(Lang::Ko));
        assert_eq!(Lang::from_code("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("ja"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn the_browser_decides_the_first_visit() {
        assert_eq!(Lang::from_browser(["ja-JP", "ko-KR", "en"]), Lang::Ko);
        assert_eq!(Lang::from_browser(["en-US", "ko"]), Lang::En);
        assert_eq!(Lang::from_browser(["fr", "de"]), Lang::En);
        assert_eq!(Lang::from_browser([]), Lang::En);
    }
}
