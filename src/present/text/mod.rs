//! The keys of the screen's fixed words: one closed enum per part of the screen, each key
//! worded once in [`super::english`] and once in [`super::korean`].
//!
//! Owns: [`Phrase`] (a key that has a text in every language) and the [`phrases!`] macro that
//! declares a key enum with its `ALL` list. A key enum lives here; its English `match` lives in
//! `english/ui/<part>.rs` and its Korean `match` in `korean/ui/<part>.rs`, so a key missing in
//! one language does not compile (the matches are exhaustive).
//!
//! Invariant: sentences with arguments (a readout, a finding, a log entry, a refusal) are not
//! keys here but typed values each catalogue renders (`english::log_message`, ...); this module
//! holds only words that take no argument.

use super::lang::Lang;

/// A fixed piece of screen text, worded in every language.
pub trait Phrase: Copy + 'static {
    /// Every key of this enum (the catalogue tests walk them).
    const ALL: &'static [Self];
    /// The English text.
    fn english(self) -> &'static str;
    /// The Korean text.
    fn korean(self) -> &'static str;
    /// The text in `lang`.
    fn say(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.english(),
            Lang::Ko => self.korean(),
        }
    }
}

/// Declares a key enum with its `ALL` list and its [`Phrase`] impl, given the two catalogue
/// functions that word it:
///
/// ```text
/// phrases! {
///     /// The toolbar's words.
///     pub enum ToolbarText => (english::ui::toolbar, korean::ui::toolbar) {
///         Undo, Redo,
///     }
/// }
/// ```
#[macro_export]
macro_rules! phrases {
    ($(#[$meta:meta])* pub enum $name:ident => ($en:path, $ko:path) { $($(#[$vmeta:meta])* $key:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $key),* }

        impl $crate::present::text::Phrase for $name {
            const ALL: &'static [Self] = &[$($name::$key),*];
            fn english(self) -> &'static str { $en(self) }
            fn korean(self) -> &'static str { $ko(self) }
        }
    };
}
pub mod banner;
pub mod canvas;
pub mod file;
pub mod inspector;
pub mod lessons;
pub mod menu;
pub mod palette;
pub mod run;
pub mod run_charts;
pub mod run_faults;
pub mod run_traffic;
pub mod shell;
pub mod toolbar;

/// Checks that Korean text is Korean: the catalogues' tests call these.
#[cfg(test)]
pub(crate) mod korean_check {
    use super::Phrase;

    const ALLOWED: &str = include_str!("../../../tests/latin-allowed.txt");

    /// The runs of two or more Latin letters (digits may follow, as in p99) in `text` that a
    /// Korean engineer would not write in Latin letters, and any particle a sentence left in
    /// its unresolved form ("을(를)": `korean::grammar::finish` was not applied).
    pub(crate) fn foreign_words(text: &str) -> Vec<String> {
        let unresolved = crate::present::korean::grammar::UNRESOLVED;
        if let Some((form, _)) = unresolved.iter().find(|(f, _)| text.contains(f)) {
            return vec![form.to_string()];
        }
        let allowed: Vec<&str> = ALLOWED
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let mut out = Vec::new();
        let mut word = String::new();
        let mut flush = |word: &mut String| {
            let letters = word.chars().filter(char::is_ascii_alphabetic).count();
            if letters >= 2 && !allowed.contains(&word.as_str()) {
                out.push(word.clone());
            }
            word.clear();
        };
        for c in text.chars() {
            if c.is_ascii_alphabetic() || (c.is_ascii_digit() && !word.is_empty()) {
                word.push(c);
            } else {
                flush(&mut word);
            }
        }
        flush(&mut word);
        out
    }

    /// Fails with every key of `P` whose Korean holds a foreign word or no Hangul at all
    /// (unless it is only allowed words, digits and signs).
    pub(crate) fn assert_korean<P: Phrase + std::fmt::Debug>() {
        let bad: Vec<String> = P::ALL
            .iter()
            .filter_map(|p| {
                let ko = p.korean();
                let foreign = foreign_words(ko);
                (!foreign.is_empty()).then(|| format!("{p:?}: {ko:?} has {foreign:?}"))
            })
            .collect();
        assert!(
            bad.is_empty(),
            "English in the Korean catalogue:\n{}",
            bad.join("\n")
        );
    }

    #[test]
    fn foreign_words_skip_allowed_terms_and_single_letters() {
        assert_eq!(
            foreign_words("p99 지연 200 ms, 10 req/s"),
            Vec::<String>::new()
        );
        assert_eq!(
            foreign_words("M/M/c 대기열, DNS TTL 30 s"),
            Vec::<String>::new()
        );
        assert_eq!(foreign_words("캐시 hit ratio"), vec!["hit", "ratio"]);
        assert_eq!(foreign_words("Web 서버"), vec!["Web"]);
    }

    #[test]
    fn every_key_is_worded_in_korean() {
        assert_korean::<super::shell::ShellText>();
        assert_korean::<super::run::RunText>();
        assert_korean::<super::run_charts::ChartText>();
        assert_korean::<super::run_faults::FaultText>();
        assert_korean::<super::run_traffic::TrafficText>();
        assert_korean::<super::toolbar::ToolbarText>();
        assert_korean::<super::toolbar::HelpText>();
        assert_korean::<super::file::FileText>();
        assert_korean::<super::palette::PaletteText>();
        assert_korean::<super::canvas::CanvasText>();
        assert_korean::<super::inspector::InspectorText>();
        assert_korean::<super::menu::MenuText>();
        assert_korean::<super::banner::BannerText>();
        assert_korean::<super::lessons::LessonWord>();
    }
}
