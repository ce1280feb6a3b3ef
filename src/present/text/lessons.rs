//! The lessons' words: the fixed words of the gallery and the lesson panel, and the shape of a
//! lesson's own text (title, one line, narration steps, hints, what the simulation simplifies).
//!
//! A lesson's text is worded per language by `present::{english,korean}::lessons::{head, body}`;
//! the tests check that each written lesson has as many steps and hints in both languages as the
//! lesson has, and that the Korean is Korean.

use crate::present::{english, korean};

/// A lesson's name and line in one language: compiled into the app (the gallery lists them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LessonHead {
    pub title: &'static str,
    /// One line for the gallery's card.
    pub summary: &'static str,
}

/// The rest of a lesson's words in one language, as the catalogue writes them. The app does
/// not compile these in: it fetches them as the language's lesson pack
/// (`present::lesson_pack`), generated from here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LessonBody {
    /// The narration, one or two sentences a step, in the lesson's step order.
    pub steps: &'static [&'static str],
    /// Hints, shown one at a time before the fix.
    pub hints: &'static [&'static str],
    /// What the simulation simplifies in this lesson, said rather than hidden.
    pub simplified: &'static str,
}

crate::phrases! {
    /// The gallery's and the lesson panel's fixed words.
    pub enum LessonWord => (english::lessons::word, korean::lessons::word) {
        /// The toolbar button that opens the gallery.
        Lessons,
        /// The gallery's heading.
        GalleryTitle,
        /// The gallery's line under the heading.
        GalleryIntro,
        /// Free play: the empty canvas.
        EmptyCanvas,
        /// Free play: the chapter's first example.
        ExampleSingleServer,
        /// Free play: the chapter's final architecture.
        ExampleChapterFinal,
        /// The heading of the free-play choices.
        FreePlay,
        /// A lesson the learner has completed (on its card).
        Completed,
        /// Closes the gallery.
        Close,
        /// The panel's objectives heading.
        Objectives,
        /// Narration: the previous step.
        Back,
        /// Narration: the next step.
        Next,
        /// Shows the next hint.
        Hint,
        /// Applies the reference design.
        ShowFix,
        /// Copies a link to the learner's attempt with its lesson.
        ShareAttempt,
        /// Opens the lesson's start again.
        Restart,
        /// Leaves the lesson (free play on the same diagram).
        Leave,
        /// The heading over what the simulation simplifies.
        Simplified,
        /// Shown when the attempt link was copied.
        AttemptCopied,
        /// The fix was applied (announced; undo brings the attempt back).
        FixApplied,
        /// Every objective passed.
        AllPassed,
        /// The button that opens the next lesson once this one is passed.
        NextLesson,
        /// An objective's figure heading.
        Figure,
        /// Before a step's trigger, what the narration waits for is said after this.
        WaitingFor,
        /// No figure yet.
        NoFigure,
        /// Folds or unfolds the lesson panel.
        Fold,
        /// In place of a lesson's narration, hints or simplifications while its language's
        /// words are fetched.
        Loading,
        /// The lesson's words could not be fetched (offline, or the server did not answer).
        PackUnreachable,
        /// The lesson's words fetched are another version's: the page is older than the site.
        PackMismatch,
        /// Fetches the lesson's words again.
        TryAgain,
        /// Reloads the page, to get it and the lessons' words from the same version.
        Reload,
    }
}
