//! The lessons in the app: which lesson is open, where its narration stands, the tracker the
//! run feeds, progress and the open lesson kept in localStorage (a reload resumes it over the
//! autosaved attempt), and opening a lesson (from the gallery, a `#lesson=N` link or a
//! learner's shared attempt).
//!
//! The judging is `crate::lessons`' (pure, tested natively): the sim loop feeds the tracker the
//! same samples its charts get, so the panel shows what `scalelab lesson N` would print for the
//! same design and seed. Opening a lesson keeps the diagram it replaces restorable (the banner's
//! "restore" button), like opening a link.

mod gallery;
mod pack;
mod panel;

pub use gallery::Gallery;
pub use pack::{PackState, Packs};
pub use panel::LessonPanel;

use std::sync::Arc;

use leptos::prelude::*;

use crate::lessons::link::LessonLink;
use crate::lessons::{Lesson, LessonId, Tracker};
use crate::present::lang::Lang;
use crate::present::say;
use crate::present::text::banner::BannerMessage;
use crate::present::text::lessons::LessonWord;
use crate::ui::persist;
use crate::ui::state::{AppState, Banner, BannerLevel};

/// localStorage key of the completed lessons (their numbers, comma-separated).
const DONE_KEY: &str = "scalelab.lessons.done";
/// localStorage key of the lesson open now (its number), so that a reload, or a phone's
/// browser bringing back a tab it had put away, keeps it open over the autosaved attempt.
const OPEN_KEY: &str = "scalelab.lessons.open";

/// The lesson open now.
#[derive(Clone, Debug, PartialEq)]
pub struct Active {
    /// Objectives and steps (their words are the catalogues').
    pub lesson: Arc<Lesson>,
    /// The narration step shown.
    pub step: usize,
    /// Hints shown so far.
    pub hints: usize,
    /// The steps that have spoken in some run of this attempt: once read, a step stays
    /// readable, though the run after the learner's fix no longer fires its trigger.
    pub heard: Vec<bool>,
}

impl Active {
    /// Whether step `i` speaks: its trigger has fired in this run (`fired`) or in an earlier one.
    pub fn speaks(&self, i: usize, fired: bool) -> bool {
        fired || self.heard.get(i).copied().unwrap_or(false)
    }
}

/// The lessons' shared state, provided once as a context.
#[derive(Clone, Copy)]
pub struct Lessons {
    pub active: RwSignal<Option<Active>>,
    /// Judges the run of the open lesson (fed by the sim loop; `None` outside a lesson).
    pub tracker: RwSignal<Option<Tracker>>,
    /// Numbers of the lessons completed.
    pub done: RwSignal<Vec<u8>>,
    /// Whether the gallery is open.
    pub gallery: RwSignal<bool>,
    /// The open lesson's id: changes when another lesson opens, not at its narration's steps.
    pub open: Memo<Option<LessonId>>,
    /// The lessons' words in each language, fetched while the gallery or a lesson is open.
    pub packs: Packs,
}

fn read_done() -> Vec<u8> {
    persist::read(DONE_KEY)
        .map(|t| t.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_default()
}

/// Provides the lessons' state; call before the run state (the sim loop feeds its tracker).
pub fn provide_lessons(app: AppState) -> Lessons {
    let active = RwSignal::new(None::<Active>);
    let lessons = Lessons {
        active,
        tracker: RwSignal::new(None),
        done: RwSignal::new(read_done()),
        gallery: RwSignal::new(false),
        open: crate::ui::erase::memo(move || active.with(|a| a.as_ref().map(|a| a.lesson.id))),
        packs: Packs::new(),
    };
    provide_context(lessons);
    // The words of the lessons in the screen's language, fetched once the learner may read
    // them: with the gallery open (a first visit shows it) or a lesson.
    let language = crate::ui::i18n::use_language();
    crate::ui::erase::effect(move || {
        if lessons.gallery.get() || lessons.open.with(Option::is_some) {
            lessons.packs.ensure(language.get());
        }
    });
    // The open lesson is remembered (see `OPEN_KEY`); leaving it forgets it. Written when the
    // lesson changes, not at every narration step or hint.
    crate::ui::erase::effect(move || {
        let open = lessons.open.get().map(LessonId::number);
        persist::remember(OPEN_KEY, open.map(|n| n.to_string()).as_deref());
    });
    // A lesson whose every objective passed is completed, and stays so.
    crate::ui::erase::effect(move || {
        let passed = lessons
            .tracker
            .with(|t| t.as_ref().is_some_and(Tracker::all_passed));
        let Some(id) = lessons
            .active
            .with_untracked(|a| a.as_ref().map(|a| a.lesson.id))
        else {
            return;
        };
        if passed && !lessons.done.with_untracked(|d| d.contains(&id.number())) {
            lessons.done.update(|d| d.push(id.number()));
            let text: Vec<String> = lessons
                .done
                .get_untracked()
                .iter()
                .map(u8::to_string)
                .collect();
            persist::remember(DONE_KEY, Some(&text.join(",")));
        }
    });
    // Narration follows the run: of the later steps whose triggers have just fired, the first
    // missed objective's, else the latest (`Lesson::narration_after`).
    let seen = StoredValue::new(Vec::<bool>::new());
    crate::ui::erase::effect(move || {
        let fired = lessons
            .tracker
            .with(|t| t.as_ref().map(|t| t.fired().to_vec()))
            .unwrap_or_default();
        let before = seen.get_value();
        seen.set_value(fired.clone());
        let newly = fired
            .iter()
            .zip(before.iter().chain(std::iter::repeat(&false)))
            .any(|(now, was)| *now && !*was);
        let unheard = lessons.active.with_untracked(|a| {
            a.as_ref().is_some_and(|a| {
                fired
                    .iter()
                    .zip(&a.heard)
                    .any(|(fired, heard)| *fired && !*heard)
            })
        });
        if newly || unheard {
            lessons.active.update(|a| {
                let Some(a) = a else { return };
                for (heard, fired) in a.heard.iter_mut().zip(&fired) {
                    *heard |= *fired;
                }
                if let Some(i) = a.lesson.narration_after(a.step, &before, &fired) {
                    a.step = i;
                }
            });
        }
    });
    // What the learner selects may be what a lesson asks them to find.
    let selected_kinds = crate::ui::erase::memo(move || {
        app.editor.with(|e| {
            let d = e.diagram();
            e.selection()
                .components_in_order(d)
                .into_iter()
                .filter_map(|id| d.component(id).map(|c| c.kind))
                .collect::<Vec<_>>()
        })
    });
    crate::ui::erase::effect(move || {
        let kinds = selected_kinds.get();
        if !kinds.is_empty() && lessons.tracker.with_untracked(Option::is_some) {
            lessons.tracker.update(|t| {
                if let Some(t) = t {
                    t.note_selected(&kinds);
                }
            });
        }
    });
    lessons
}

/// The lessons' state provided by [`provide_lessons`].
pub fn use_lessons() -> Lessons {
    expect_context::<Lessons>()
}

impl Lessons {
    /// Makes `lesson` the open one, judging the document now in the editor.
    fn activate(self, app: AppState, lesson: Lesson) {
        let tracker = app.editor.with_untracked(|e| lesson.tracker(e.diagram()));
        self.tracker.set(Some(tracker));
        let steps = lesson.steps.len();
        self.active.set(Some(Active {
            lesson: Arc::new(lesson),
            step: 0,
            hints: 0,
            heard: vec![false; steps],
        }));
        self.gallery.set(false);
    }

    /// Opens lesson `id` at its start (the current diagram stays restorable).
    pub fn open(self, app: AppState, id: LessonId, lang: Lang) {
        let lesson = Lesson::build(id, lang);
        crate::ui::persist::open_document(
            app,
            lesson.start.clone(),
            BannerMessage::worded(move |l| say::lesson_opened(l, id)),
        );
        self.activate(app, lesson);
    }

    /// Opens again, over the diagram now in the editor (the autosave, restored at start), the
    /// lesson that was open when the page went away, if any.
    pub fn resume(self, app: AppState, lang: Lang) {
        let Some(id) = persist::read(OPEN_KEY)
            .and_then(|n| n.trim().parse().ok())
            .and_then(LessonId::from_number)
        else {
            return;
        };
        self.activate(app, Lesson::build(id, lang));
    }

    /// Leaves the lesson; the diagram stays as it is, for free play.
    pub fn leave(self) {
        self.active.set(None);
        self.tracker.set(None);
    }

    /// Applies the open lesson's reference design as one undoable edit.
    pub fn apply_fix(self, app: AppState, lang: Lang) {
        let Some(id) = self
            .active
            .with_untracked(|a| a.as_ref().map(|a| a.lesson.id))
        else {
            return;
        };
        let lesson = Lesson::build(id, lang);
        // Shown the fix, the learner is shown what was at fault too.
        let answer = crate::lessons::headless::reference_answer(&lesson);
        self.tracker.update(|t| {
            if let Some(t) = t {
                t.note_found(&answer);
            }
        });
        let done = app.editor.try_update(|e| {
            e.execute(crate::editor::Command::ReplaceDiagram(Box::new(lesson.fix)))?;
            // ... and sees it: the first component of each kind at fault is selected.
            let culprits = answer
                .iter()
                .filter_map(|kind| e.diagram().components.iter().find(|c| c.kind == *kind))
                .map(|c| c.id);
            let selection = crate::editor::Selection {
                components: crate::editor::selection::set_of(culprits),
                ..Default::default()
            };
            if !selection.is_empty() {
                e.set_selection(selection);
            }
            Ok::<(), crate::editor::HistoryError<crate::editor::command::CommandError>>(())
        });
        if matches!(done, Some(Ok(()))) {
            app.show(Banner::new(
                BannerLevel::Info,
                BannerMessage::worded(|l| say::lesson_word(l, LessonWord::FixApplied).to_string()),
            ));
        }
    }

    /// Opens what a lesson link names: the lesson's start, or the attempt it carries inside it.
    /// Returns false when the link names no lesson (the caller shows why).
    pub fn open_link(self, app: AppState, link: &LessonLink<'_>, lang: Lang) -> bool {
        let Ok(id) = link.lesson else {
            return false;
        };
        match link.attempt.map(|a| (a, crate::share::decode_link(a))) {
            None => self.open(app, id, lang),
            Some((attempt, Ok(_))) => {
                let lesson = Lesson::build(id, lang);
                crate::ui::persist::open_fragment(app, attempt);
                self.activate(app, lesson);
            }
            // A cut or damaged attempt opens the lesson at its start: the lesson must never
            // judge, and pass, whatever design was on the canvas before.
            Some((_, Err(error))) => {
                let lesson = Lesson::build(id, lang);
                crate::ui::persist::open_document_as(
                    app,
                    lesson.start.clone(),
                    BannerLevel::Warning,
                    BannerMessage::worded(move |l| say::lesson_attempt_damaged(l, id, &error)),
                );
                self.activate(app, lesson);
            }
        }
        true
    }
}
