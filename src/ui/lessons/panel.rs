//! The lesson panel over the canvas: the narration (Back/Next; a step that waits for the run
//! says what it waits for; a named setting is a button that selects it), the objectives with
//! their standing and deciding figure, live, and hints, the fix, sharing the attempt, starting
//! over and leaving.

use leptos::prelude::*;

use super::{Active, Lessons, PackState, use_lessons};
use crate::editor::{Cover, Selectable, Selection};
use crate::lessons::{Check, LessonId, Measure, SettingLink, Status};
use crate::present::say;
use crate::present::text::banner::BannerMessage;
use crate::present::text::lessons::LessonWord;
use crate::ui::drawer::{Drawer, Drawers, use_drawers};
use crate::ui::i18n::use_language;
use crate::ui::state::{AppState, Banner, BannerAction, BannerLevel, use_app};

/// The canvas width from which the panel floats over the canvas's left edge (`web/lessons.css`
/// puts it along the bottom of a narrower canvas, by the same width).
const WIDE_CANVAS_PX: f64 = 700.0;
/// What the floating panel covers: its width, 380 px, and its 12 px margin on either side.
const PANEL_COVER_PX: f64 = 404.0;
/// The gap under the panel along the bottom of a narrow canvas (`web/lessons.css`).
const PANEL_BOTTOM_GAP_PX: f64 = 8.0;

/// Selects the component the link names ([`SettingLink::component`]) and focuses its field in
/// the inspector, opening the inspector's sheet on a phone (a desktop shows the inspector
/// anyway).
fn select_setting(app: AppState, drawers: Drawers, link: SettingLink) {
    let Some(id) = app.editor.with_untracked(|e| link.component(e.diagram())) else {
        return;
    };
    app.editor
        .update(|e| e.set_selection(Selection::only(Selectable::Component(id))));
    drawers.open(Drawer::Inspector);
    let selector = format!("[data-testid=\"field-{}\"]", link.path);
    // The inspector draws the form on the next frame.
    request_animation_frame(move || {
        let field = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten());
        if let Some(field) = field {
            use wasm_bindgen::JsCast;
            if let Some(el) = field.dyn_ref::<web_sys::HtmlElement>() {
                // In the middle of the inspector, its label and help beside it.
                scroll_into_view(el, web_sys::ScrollLogicalPosition::Center);
                let _ = el.focus();
            }
        }
    });
}

/// Scrolls `el`'s scrolling ancestors so that it shows, placed at `block` vertically.
fn scroll_into_view(el: &web_sys::Element, block: web_sys::ScrollLogicalPosition) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(block);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Why the lesson's words are not here, with what to do: fetch them again (the focus then goes
/// to the narration the words fill), or reload a page older than the site's files. Shown under
/// the narration whatever step it is at; nothing while the words are here or on their way.
fn pack_notice(
    lessons: Lessons,
    lang: crate::present::lang::Lang,
    narration: NodeRef<leptos::html::Div>,
) -> Option<AnyView> {
    let word = |w| say::lesson_word(lang, w);
    let (message, button, act): (_, _, fn(Lessons, crate::present::lang::Lang)) =
        match lessons.packs.state(lang) {
            PackState::Unreachable => (
                LessonWord::PackUnreachable,
                LessonWord::TryAgain,
                |lessons, lang| lessons.packs.ensure(lang),
            ),
            PackState::Mismatch => (LessonWord::PackMismatch, LessonWord::Reload, |_, _| {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }),
            PackState::Missing | PackState::Loading | PackState::Ready(_) => return None,
        };
    Some(
        view! {
            <p class="lesson-pack-failed" data-testid="lesson-pack-failed" role="alert">
                {word(message)} " "
                <button
                    class="btn btn-link"
                    data-testid="lesson-pack-retry"
                    on:click=move |_| {
                        act(lessons, lang);
                        // The button goes with the notice: the focus stays in the panel.
                        if let Some(el) = narration.get_untracked() {
                            let _ = el.focus();
                        }
                    }
                >
                    {word(button)}
                </button>
            </p>
        }
        .into_any(),
    )
}

/// The objectives' standing at a glance, in the panel's header: a mark per objective, seen
/// even when the panel is folded or, on a phone, scrolled to its narration. Pressed, it shows
/// the objectives themselves: the panel unfolds and scrolls them into view (on a phone, below
/// a step's advice, they are under the panel's fold after a run).
#[component]
fn ObjectiveTally(
    /// Whether the panel is folded to its header.
    folded: RwSignal<bool>,
    /// The objectives' list.
    objectives: NodeRef<leptos::html::Ul>,
) -> impl IntoView {
    let lessons = use_lessons();
    let language = use_language();
    move || {
        let statuses: Vec<Status> = lessons
            .tracker
            .with(|t| {
                t.as_ref()
                    .map(|t| t.verdicts().iter().map(|v| v.status).collect())
            })
            .unwrap_or_default();
        let met = statuses.iter().filter(|s| s.is_good()).count();
        let label = say::objectives_met(language.get(), met, statuses.len());
        let marks = statuses
            .iter()
            .map(|s| {
                view! {
                    <span class="tally-mark" data-status=s.attribute()>{mark(*s)}</span>
                }
            })
            .collect_view();
        let show = move |_| {
            folded.set(false);
            // Unfolded, the list is laid out at the next frame.
            request_animation_frame(move || {
                if let Some(list) = objectives.get_untracked() {
                    scroll_into_view(&list, web_sys::ScrollLogicalPosition::Nearest);
                }
            });
        };
        // Nothing to tally before a lesson's tracker exists.
        (!statuses.is_empty()).then(|| {
            view! {
                <button type="button" class="objective-tally" data-testid="objective-tally" aria-label=label.clone() title=label on:click=show>
                    {marks}
                </button>
            }
        })
    }
}

/// An objective's mark: not judged yet, met, or missed.
fn mark(s: Status) -> &'static str {
    match s {
        Status::Waiting => "○",
        Status::Holding | Status::Passed => "✓",
        Status::Failing | Status::Failed => "✗",
    }
}

/// The objectives with their standing, live.
#[component]
fn ObjectiveList() -> impl IntoView {
    let lessons = use_lessons();
    let language = use_language();
    move || {
        let lang = language.get();
        let objectives = lessons
            .active
            .with(|a| a.as_ref().map(|a| a.lesson.objectives.clone()))
            .unwrap_or_default();
        let verdicts = lessons
            .tracker
            .with(|t| t.as_ref().map(|t| t.verdicts().to_vec()))
            .unwrap_or_default();
        // The learner's wrong guesses at a culprit, said beside the objective to find it.
        let ruled_out = lessons
            .tracker
            .with(|t| t.as_ref().map(|t| t.ruled_out()))
            .unwrap_or_default();
        objectives
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let v = verdicts.get(i).copied();
                let status = v.map_or(Status::Waiting, |v| v.status);
                let mark = mark(status);
                // No figure yet: the standing ("not judged yet") says it alone.
                let figure = v.and_then(|v| v.figure).map(|f| {
                    let figure = match o.check {
                        Check::Throughout { .. } => say::objective_worst(lang, o.measure, f),
                        Check::AtEnd => say::objective_figure(lang, o.measure, f),
                    };
                    view! { " · " <span data-testid="objective-figure">{figure}</span> }
                });
                let guesses = (matches!(o.measure, Measure::Found(_))
                    && !status.is_good()
                    && !ruled_out.is_empty())
                .then(|| {
                    view! {
                        " · "
                        <span data-testid="objective-ruled-out">
                            {say::ruled_out(lang, &ruled_out)}
                        </span>
                    }
                });
                view! {
                    <li
                        class="objective"
                        data-testid="objective"
                        data-status=status.attribute()
                        data-check=match o.check {
                            Check::Throughout { .. } => "throughout",
                            Check::AtEnd => "end",
                        }
                    >
                        <span class="objective-mark" aria-hidden="true">{mark}</span>
                        <span class="objective-text">{say::objective(lang, o)}</span>
                        <span class="objective-figure">
                            <span class="objective-status">
                                {say::objective_standing(lang, o, v)}
                            </span>
                            {figure}
                            {guesses}
                        </span>
                    </li>
                }
            })
            .collect_view()
    }
}

#[component]
pub fn LessonPanel() -> impl IntoView {
    let app = use_app();
    let lessons = use_lessons();
    let language = use_language();
    let drawers = use_drawers();
    let t = move |w: LessonWord| move || language.t(w);
    let attempt_link = RwSignal::new(None::<String>);
    let folded = RwSignal::new(false);
    let objectives_list = NodeRef::<leptos::html::Ul>::new();
    let panel = NodeRef::<leptos::html::Aside>::new();
    // Each lesson opens unfolded and scrolled to its top, its introduction showing, whatever
    // the one before was left at.
    crate::ui::erase::effect(move || {
        lessons.open.track();
        folded.set(false);
        if let Some(el) = panel.get_untracked() {
            el.set_scroll_top(0);
        }
        // The focus goes to the lesson's title, where a keyboard user starts reading it (the
        // panel is drawn by the next frame).
        request_animation_frame(|| {
            let title = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("lesson-title"));
            if let Some(title) = title {
                crate::ui::canvas::focus_without_scroll(&title);
            }
        });
    });
    let active = move || lessons.active.get();
    // The lesson after the open one, if any.
    let next_lesson = move || {
        lessons.active.with(|a| {
            let id = a.as_ref()?.lesson.id;
            LessonId::from_number(u32::from(id.number()) + 1)
        })
    };
    // Fits leave out what the panel covers: on a wide canvas the strip along its left edge
    // (unless folded to its title), on a narrow one its height along the bottom, folded or not.
    let height = RwSignal::new(0.0);
    crate::ui::size_watch::watch_size(panel, move |rect| height.set(rect.height()));
    crate::ui::erase::effect(move || {
        let wide = app.editor.with(|e| e.viewport().x >= WIDE_CANVAS_PX);
        let cover = match (lessons.active.with(Option::is_some), wide) {
            (false, _) => Cover::NONE,
            (true, true) if folded.get() => Cover::NONE,
            (true, true) => Cover {
                left: PANEL_COVER_PX,
                bottom: 0.0,
            },
            (true, false) => Cover {
                left: 0.0,
                bottom: height.get() + PANEL_BOTTOM_GAP_PX,
            },
        };
        if app.editor.with_untracked(|e| e.cover()) != cover {
            app.editor.update(|e| e.set_cover(cover));
        }
    });

    let narration = move || {
        let lang = language.get();
        let a: Active = lessons.active.get()?;
        let step = a.lesson.steps.get(a.step).copied()?;
        let fired = lessons
            .tracker
            .with(|t| t.as_ref().and_then(|t| t.fired().get(a.step).copied()))
            .unwrap_or(false);
        let body = if a.speaks(a.step, fired) {
            let pack = match lessons.packs.state(lang) {
                PackState::Ready(pack) => pack,
                PackState::Missing | PackState::Loading => {
                    let loading = say::lesson_word(lang, LessonWord::Loading);
                    return Some(
                        view! { <p class="lesson-step waiting" data-testid="lesson-loading">{loading}</p> }
                            .into_any(),
                    );
                }
                // Said under the narration, with what to do (`pack_notice`).
                PackState::Unreachable | PackState::Mismatch => return None,
            };
            let words = pack.lesson(a.lesson.id).steps.get(a.step).cloned();
            let link = step.setting.map(|link| {
                let label = say::setting_label(lang, link);
                view! {
                    <button
                        class="btn btn-link lesson-setting"
                        data-testid="lesson-setting"
                        on:click=move |_| select_setting(app, drawers, link)
                    >
                        {label}
                    </button>
                }
            });
            view! {
                <p class="lesson-step" data-testid="lesson-step">{words}</p>
                {link}
            }
            .into_any()
        } else {
            view! {
                <p class="lesson-step waiting" data-testid="lesson-waiting">
                    {say::lesson_word(lang, LessonWord::WaitingFor)} ": "
                    {say::trigger(lang, step.wait)} "…"
                </p>
            }
            .into_any()
        };
        Some(body)
    };
    // Back, where the learner is and Next: drawn once per lesson, so the button pressed keeps
    // the focus from step to step (outside the narration's live region, which says the step).
    let step_of = move || {
        lessons
            .active
            .with(|a| a.as_ref().map(|a| (a.step, a.lesson.steps.len())))
    };
    let narration_box = NodeRef::<leptos::html::Div>::new();
    // A new step, whether the run or a button moved the narration there, is brought into view
    // in the panel (a phone's panel is a few lines tall, and the learner may be reading the
    // objectives below): the panel scrolls as little as shows it, and the focus stays put.
    let shown_step = crate::ui::erase::memo(move || {
        lessons
            .active
            .with(|a| a.as_ref().map(|a| (a.lesson.id.number(), a.step)))
    });
    crate::ui::erase::effect(move || {
        if shown_step.get().is_none() {
            return;
        }
        request_animation_frame(move || {
            if let Some(el) = narration_box.get_untracked() {
                scroll_into_view(&el, web_sys::ScrollLogicalPosition::Nearest);
            }
        });
    });
    let nav = move || {
        view! {
            <div class="lesson-nav">
                <button
                    class="btn"
                    data-testid="lesson-back"
                    disabled=move || step_of().is_none_or(|(step, _)| step == 0)
                    on:click=move |_| lessons.active.update(|a| {
                        if let Some(a) = a {
                            a.step = a.step.saturating_sub(1);
                        }
                    })
                >
                    {t(LessonWord::Back)}
                </button>
                <span class="lesson-progress" data-testid="lesson-progress">
                    {move || step_of().map(|(step, n)| format!("{} / {n}", step + 1))}
                </span>
                <button
                    class="btn"
                    data-testid="lesson-next"
                    disabled=move || step_of().is_none_or(|(step, n)| step + 1 >= n)
                    on:click=move |_| {
                        lessons.active.update(|a| {
                            if let Some(a) = a
                                && a.step + 1 < a.lesson.steps.len()
                            {
                                a.step += 1;
                            }
                        });
                        // The last step disables Next: the focus goes to what it says.
                        if step_of().is_some_and(|(step, n)| step + 1 >= n)
                            && let Some(el) = narration_box.get_untracked()
                        {
                            let _ = el.focus();
                        }
                    }
                >
                    {t(LessonWord::Next)}
                </button>
            </div>
        }
    };

    let hints = move || {
        let lang = language.get();
        let a = lessons.active.get()?;
        if a.hints == 0 {
            return None;
        }
        let PackState::Ready(pack) = lessons.packs.state(lang) else {
            // The narration says why the words are not here, and offers to fetch them again.
            return None;
        };
        let shown: Vec<_> = pack
            .lesson(a.lesson.id)
            .hints
            .iter()
            .take(a.hints)
            .map(|h| view! { <li data-testid="lesson-hint">{h.clone()}</li> })
            .collect();
        Some(view! { <ol class="lesson-hints">{shown}</ol> })
    };

    let share_attempt = move |_| {
        let Some(id) = lessons
            .active
            .with_untracked(|a| a.as_ref().map(|a| a.lesson.id))
        else {
            return;
        };
        let payload = app
            .editor
            .with_untracked(|e| crate::share::encode_link(e.diagram()));
        let url = crate::ui::persist::url_with(&crate::lessons::link::fragment(id, Some(&payload)));
        attempt_link.set(Some(url.clone()));
        if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
            let promise = clipboard.write_text(&url);
            leptos::task::spawn_local(async move {
                if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                    app.show(Banner::new(
                        BannerLevel::Info,
                        BannerMessage::worded(|l| {
                            say::lesson_word(l, LessonWord::AttemptCopied).to_string()
                        }),
                    ));
                }
            });
        }
    };

    view! {
        {crate::ui::erase::show(move || active().is_some(), move || view! {
            // A layer over the canvas's column whose width places the panel (`web/lessons.css`).
            <div class="lesson-layer">
            <aside
                node_ref=panel
                class="lesson-panel"
                class:folded=move || folded.get()
                data-testid="lesson-panel"
                aria-labelledby="lesson-title"
            >
                <header class="lesson-head">
                    <h2 id="lesson-title" data-testid="lesson-title" tabindex="-1">
                        {move || {
                            let lang = language.get();
                            lessons.active.with(|a| a.as_ref().map(|a| {
                                let id = a.lesson.id;
                                format!("{}. {}", id.number(), say::lesson_head(lang, id).title)
                            }))
                        }}
                    </h2>
                    <ObjectiveTally folded=folded objectives=objectives_list/>
                    <button
                        class="btn btn-ghost"
                        data-testid="lesson-fold"
                        aria-expanded=move || (!folded.get()).to_string()
                        title=t(LessonWord::Fold)
                        aria-label=t(LessonWord::Fold)
                        on:click=move |_| folded.update(|f| *f = !*f)
                    >
                        {move || if folded.get() { "▸" } else { "▾" }}
                    </button>
                    <button
                        class="btn btn-ghost"
                        data-testid="lesson-leave"
                        title=t(LessonWord::Leave)
                        aria-label=t(LessonWord::Leave)
                        on:click=move |_| {
                            lessons.leave();
                            // The banner that opened the lesson, if it is still up, named the
                            // lesson: it now says what it still offers, the diagram before it.
                            app.banner.update(|b| {
                                if let Some(b) = b
                                    && b.action == Some(BannerAction::RestorePrevious)
                                {
                                    b.message = BannerMessage::KeptFromEarlier;
                                }
                            });
                        }
                    >
                        "×"
                    </button>
                </header>
                <div class="lesson-narration" aria-live="polite" tabindex="-1" node_ref=narration_box>
                    {narration}
                </div>
                {move || pack_notice(lessons, language.get(), narration_box)}
                {nav()}
                // Passed: said where the learner is reading, with the way on.
                {crate::ui::erase::show(move || lessons.tracker.with(|t| t.as_ref().is_some_and(|t| t.all_passed())), move || view! {
                    <p class="lesson-passed" data-testid="lesson-passed" role="status">
                        "✓ " {t(LessonWord::AllPassed)}
                    </p>
                    <button
                        class="btn btn-primary lesson-next-lesson"
                        data-testid="lesson-next-lesson"
                        hidden=move || next_lesson().is_none()
                        on:click=move |_| {
                            if let Some(next) = next_lesson() {
                                lessons.open(app, next, language.get_untracked());
                            }
                        }
                    >
                        {t(LessonWord::NextLesson)} " →"
                    </button>
                }.into_any())}
                <h3 class="lesson-subhead">{t(LessonWord::Objectives)}</h3>
                <ul class="objectives" data-testid="objectives" node_ref=objectives_list>
                    <ObjectiveList/>
                </ul>
                {hints}
                <div class="lesson-actions">
                    <button
                        class="btn"
                        data-testid="lesson-hint-button"
                        disabled=move || lessons.active.with(|a| {
                            a.as_ref().is_none_or(|a| {
                                a.hints >= a.lesson.hints
                                    || !matches!(lessons.packs.state(language.get()), PackState::Ready(_))
                            })
                        })
                        on:click=move |_| lessons.active.update(|a| {
                            if let Some(a) = a {
                                a.hints += 1;
                            }
                        })
                    >
                        {t(LessonWord::Hint)}
                    </button>
                    <button
                        class="btn"
                        data-testid="lesson-fix"
                        on:click=move |_| lessons.apply_fix(app, language.get_untracked())
                    >
                        {t(LessonWord::ShowFix)}
                    </button>
                    <button class="btn" data-testid="lesson-share" on:click=share_attempt>
                        {t(LessonWord::ShareAttempt)}
                    </button>
                    <button
                        class="btn"
                        data-testid="lesson-restart"
                        on:click=move |_| {
                            if let Some(id) = lessons.active.with_untracked(|a| a.as_ref().map(|a| a.lesson.id)) {
                                lessons.open(app, id, language.get_untracked());
                            }
                        }
                    >
                        {t(LessonWord::Restart)}
                    </button>
                </div>
                {move || attempt_link.get().map(|url| view! {
                    <input class="lesson-attempt-link" data-testid="lesson-attempt-link" readonly value=url/>
                })}
                <details class="lesson-simplified">
                    <summary>{t(LessonWord::Simplified)}</summary>
                    <p>{move || {
                        let id = lessons.open.get()?;
                        let lang = language.get();
                        let word = match lessons.packs.state(lang) {
                            PackState::Ready(pack) => return Some(pack.lesson(id).simplified.clone()),
                            PackState::Unreachable => LessonWord::PackUnreachable,
                            PackState::Mismatch => LessonWord::PackMismatch,
                            PackState::Missing | PackState::Loading => LessonWord::Loading,
                        };
                        Some(say::lesson_word(lang, word).to_string())
                    }}</p>
                </details>
            </aside>
            </div>
        }.into_any())}
    }
}
