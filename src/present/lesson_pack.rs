//! A language's lesson pack: the lessons' narration, hints and simplifications as one small
//! text file (`web/lessons/en.txt`, `web/lessons/ko.txt`) that the app fetches when the
//! gallery or a lesson opens, rather than compiling both languages' into the wasm that every
//! visitor downloads. The titles and lines stay compiled in ([`LessonHead`]): the gallery lists
//! them before anything is fetched.
//!
//! Owns: the pack's format ([`render`], [`LessonPack::parse`]), the fingerprint of each
//! language's file as this build knows it ([`expected_fingerprint`]: the file fetched is
//! checked against it, so a pack from another build is refused rather than shown out of step
//! with the lessons), and where the file is ([`file_name`]).
//!
//! Invariants: the files are generated from the catalogues (`english::lessons::body`,
//! `korean::lessons::body`); a test fails when a file differs from what the catalogue renders,
//! and `SCALELAB_BLESS=1 cargo test lesson_pack` writes them again. Only the fingerprints are
//! compiled into the app: the files' bytes are read at compile time, never kept.
//!
//! The format: one line per item, `lesson N` starting lesson N's entries (in the chapter's
//! order), then `step …`, `hint …` and one `simplified …`; lines starting with `#` are
//! comments.
//!
//! [`LessonHead`]: crate::present::text::lessons::LessonHead

use crate::lessons::LessonId;
use crate::present::lang::Lang;

/// One lesson's words from a pack.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackedLesson {
    pub steps: Vec<String>,
    pub hints: Vec<String>,
    pub simplified: String,
}

/// Every lesson's words in one language, in [`LessonId::ALL`]'s order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonPack {
    lessons: Vec<PackedLesson>,
}

/// Why a fetched pack cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PackError {
    /// Its fingerprint is not this build's: a file from another version of the app.
    Stale,
    /// A line that is not one of the format's, or entries out of the chapter's order.
    Malformed { line: usize },
    /// Not every lesson is there, or one has no simplification.
    Incomplete,
}

/// The pack's file, relative to the page: `lessons/ko.txt`.
pub fn file_name(lang: Lang) -> String {
    format!("lessons/{}.txt", lang.code())
}

/// FNV-1a, 64 bits: a fingerprint computable at compile time.
pub const fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

const ENGLISH: u64 = fingerprint(include_bytes!("../../web/lessons/en.txt"));
const KOREAN: u64 = fingerprint(include_bytes!("../../web/lessons/ko.txt"));

/// The fingerprint of `lang`'s pack as this build was made with it.
pub fn expected_fingerprint(lang: Lang) -> u64 {
    match lang {
        Lang::En => ENGLISH,
        Lang::Ko => KOREAN,
    }
}

impl LessonPack {
    /// Reads a pack fetched for `lang`, refusing one this build was not made with.
    pub fn read(lang: Lang, text: &str) -> Result<LessonPack, PackError> {
        if fingerprint(text.as_bytes()) != expected_fingerprint(lang) {
            return Err(PackError::Stale);
        }
        LessonPack::parse(text)
    }

    /// Parses a pack's text.
    pub fn parse(text: &str) -> Result<LessonPack, PackError> {
        let mut lessons: Vec<PackedLesson> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let malformed = PackError::Malformed { line: i + 1 };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (tag, words) = line.split_once(' ').ok_or(malformed)?;
            if tag == "lesson" {
                if words.parse::<usize>().ok() != Some(lessons.len() + 1)
                    || lessons.len() == LessonId::ALL.len()
                {
                    return Err(malformed);
                }
                lessons.push(PackedLesson::default());
                continue;
            }
            let lesson = lessons.last_mut().ok_or(malformed)?;
            // A lesson's simplification is its last line, and never empty.
            let done = !lesson.simplified.is_empty();
            match tag {
                "step" if lesson.hints.is_empty() && !done => lesson.steps.push(words.into()),
                "hint" if !done => lesson.hints.push(words.into()),
                "simplified" if !done && !words.is_empty() => lesson.simplified = words.into(),
                _ => return Err(malformed),
            }
        }
        if lessons.len() != LessonId::ALL.len() || lessons.iter().any(|l| l.simplified.is_empty()) {
            return Err(PackError::Incomplete);
        }
        Ok(LessonPack { lessons })
    }

    /// Lesson `id`'s words.
    pub fn lesson(&self, id: LessonId) -> &PackedLesson {
        &self.lessons[usize::from(id.number()) - 1]
    }
}

/// `lang`'s pack as the catalogue words it: what `web/lessons/<code>.txt` must hold.
pub fn render(lang: Lang) -> String {
    let mut out = format!(
        "# ScaleLab's lessons in {}: generated from the catalogue (present::{}::lessons::body).\n\
         # Edit the catalogue, then run SCALELAB_BLESS=1 cargo test lesson_pack.\n",
        lang.code(),
        match lang {
            Lang::En => "english",
            Lang::Ko => "korean",
        }
    );
    for id in LessonId::ALL {
        let body = crate::present::say::lesson_body(lang, id);
        out.push_str(&format!("lesson {}\n", id.number()));
        let lines = body.steps.iter().map(|s| ("step", *s));
        let lines = lines.chain(body.hints.iter().map(|h| ("hint", *h)));
        for (tag, words) in lines.chain([("simplified", body.simplified)]) {
            assert!(
                !words.contains('\n') && !words.is_empty(),
                "{id:?}: a {tag} must be one line of words"
            );
            out.push_str(&format!("{tag} {words}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(lang: Lang) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("web")
            .join(file_name(lang))
    }

    #[test]
    fn lesson_pack_files_are_what_the_catalogue_says() {
        for lang in Lang::ALL {
            let rendered = render(lang);
            if std::env::var("SCALELAB_BLESS").is_ok_and(|v| v == "1") {
                std::fs::write(file(lang), &rendered).expect("write the pack");
                continue;
            }
            let on_disk = std::fs::read_to_string(file(lang)).expect("the pack's file");
            assert!(
                on_disk == rendered,
                "{} is not what the catalogue says: run SCALELAB_BLESS=1 cargo test lesson_pack",
                file_name(lang)
            );
            // What the app fetches is what it was built with, and reads back whole.
            let pack = LessonPack::read(lang, &on_disk).expect("the pack reads");
            for id in LessonId::ALL {
                let body = crate::present::say::lesson_body(lang, id);
                let packed = pack.lesson(id);
                assert_eq!(packed.steps, body.steps, "{id:?} {lang:?}");
                assert_eq!(packed.hints, body.hints, "{id:?} {lang:?}");
                assert_eq!(packed.simplified, body.simplified, "{id:?} {lang:?}");
            }
        }
    }

    #[test]
    fn a_pack_from_another_build_or_language_is_refused() {
        let english = render(Lang::En);
        assert_eq!(LessonPack::read(Lang::Ko, &english), Err(PackError::Stale));
        let edited = english.replacen("step ", "step  ", 1);
        assert_eq!(LessonPack::read(Lang::En, &edited), Err(PackError::Stale));
        // Parsing alone accepts the edited text: the fingerprint is what refuses it.
        assert!(LessonPack::parse(&edited).is_ok());
    }

    #[test]
    fn a_damaged_pack_says_where() {
        let english = render(Lang::En);
        let line_of = |needle: &str| english.lines().position(|l| l == needle).unwrap() + 1;
        // A lesson out of order, an unknown line, a step after the hints, a lesson cut short.
        let swapped = english.replacen("lesson 2\n", "lesson 3\n", 1);
        assert_eq!(
            LessonPack::parse(&swapped),
            Err(PackError::Malformed {
                line: line_of("lesson 2")
            })
        );
        let unknown = english.replacen("lesson 2\n", "lesson 2\nnarration x\n", 1);
        assert_eq!(
            LessonPack::parse(&unknown),
            Err(PackError::Malformed {
                line: line_of("lesson 2") + 1
            })
        );
        let first_hint = english
            .lines()
            .position(|l| l.starts_with("hint "))
            .unwrap();
        let mut lines: Vec<&str> = english.lines().collect();
        lines.insert(first_hint + 1, "step late");
        assert_eq!(
            LessonPack::parse(&lines.join("\n")),
            Err(PackError::Malformed {
                line: first_hint + 2
            })
        );
        let cut = &english[..english.rfind("simplified ").unwrap()];
        assert_eq!(LessonPack::parse(cut), Err(PackError::Incomplete));
        assert_eq!(LessonPack::parse(""), Err(PackError::Incomplete));
    }
}
