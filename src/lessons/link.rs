//! Lesson links: `#lesson=N` opens lesson N at its start; `#lesson=N&v1=...` opens a learner's
//! attempt (a share link's payload) inside lesson N.
//!
//! Pure string work, so the view only reads the fragment and calls these. A number that names
//! no lesson is kept as typed, for the message that says so.

use super::LessonId;

/// A lesson link, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonLink<'a> {
    /// The lesson, or the text that named none.
    pub lesson: Result<LessonId, &'a str>,
    /// The attempt's share payload (`v1=...`), if the link carries one.
    pub attempt: Option<&'a str>,
}

/// The lesson link in `fragment` (with or without its `#`), or `None` when it is not one.
pub fn parse(fragment: &str) -> Option<LessonLink<'_>> {
    let f = fragment.trim().trim_start_matches('#');
    let rest = f.strip_prefix("lesson=")?;
    let (number, attempt) = match rest.split_once('&') {
        Some((n, a)) => (n, Some(a).filter(|a| !a.is_empty())),
        None => (rest, None),
    };
    let lesson = number
        .parse::<u32>()
        .ok()
        .and_then(LessonId::from_number)
        .ok_or(number);
    Some(LessonLink { lesson, attempt })
}

/// The fragment (without `#`) of a link to lesson `id`, with an attempt's share payload.
pub fn fragment(id: LessonId, attempt: Option<&str>) -> String {
    match attempt {
        Some(a) => format!("lesson={}&{a}", id.number()),
        None => format!("lesson={}", id.number()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lesson_links_read_back() {
        assert_eq!(
            parse("#lesson=3"),
            Some(LessonLink {
                lesson: Ok(LessonId::LoadBalancer),
                attempt: None
            })
        );
        let f = fragment(LessonId::Replication, Some("v1=abc"));
        assert_eq!(f, "lesson=4&v1=abc");
        assert_eq!(
            parse(&f),
            Some(LessonLink {
                lesson: Ok(LessonId::Replication),
                attempt: Some("v1=abc")
            })
        );
        assert_eq!(parse("v1=abc"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn a_number_that_names_no_lesson_is_kept_for_the_message() {
        assert_eq!(parse("lesson=42").unwrap().lesson, Err("42"));
        assert_eq!(parse("lesson=two&v1=x").unwrap().lesson, Err("two"));
        assert_eq!(parse("lesson=").unwrap().lesson, Err(""));
    }
}
