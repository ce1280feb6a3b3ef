//! The gallery: a card per lesson (a drawing of its starting design, its title and one line,
//! whether it is completed), and free play one click away (the empty canvas and the examples).
//! Opens on a first visit and from the toolbar's lessons button; Escape or the close button
//! closes it.

use crate::decimal::{Shortest, shortest};
use leptos::prelude::*;

use super::use_lessons;
use crate::editor::layout::{CARD_HEIGHT, CARD_WIDTH};
use crate::lessons::{Lesson, LessonId};
use crate::model::{Diagram, examples};
use crate::present::lang::Lang;
use crate::present::say;
use crate::present::text::banner::BannerMessage;
use crate::present::text::lessons::LessonWord;
use crate::ui::i18n::use_language;
use crate::ui::state::{AppState, use_app};

/// A small drawing of `diagram`: its cards as boxes and its wires as lines.
fn drawing(diagram: &Diagram) -> impl IntoView + use<> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for c in &diagram.components {
        x0 = x0.min(c.pos.x);
        y0 = y0.min(c.pos.y);
        x1 = x1.max(c.pos.x + CARD_WIDTH);
        y1 = y1.max(c.pos.y + CARD_HEIGHT);
    }
    let pad = 24.0;
    let view_box = format!(
        "{} {} {} {}",
        Shortest(x0 - pad),
        Shortest(y0 - pad),
        Shortest(x1 - x0 + 2.0 * pad),
        Shortest(y1 - y0 + 2.0 * pad)
    );
    // A wire leaves its card's right side and enters the other's left side, as the canvas
    // draws its output and input ports.
    let side = |id, right: bool| {
        diagram.component(id).map(|c| {
            let x = if right { c.pos.x + CARD_WIDTH } else { c.pos.x };
            (x, c.pos.y + CARD_HEIGHT / 2.0)
        })
    };
    let wires: Vec<_> = diagram
        .wires
        .iter()
        .filter_map(|w| Some((side(w.from.component, true)?, side(w.to.component, false)?)))
        .map(|((ax, ay), (bx, by))| {
            view! { <line x1=shortest(ax) y1=shortest(ay) x2=shortest(bx) y2=shortest(by) class="thumb-wire"/> }
        })
        .collect();
    let cards: Vec<_> = diagram
        .components
        .iter()
        .map(|c| {
            let icon = crate::ui::icons::icon_path(c.kind);
            let (ix, iy) = (c.pos.x + CARD_WIDTH / 2.0 - 24.0, c.pos.y + CARD_HEIGHT / 2.0 - 24.0);
            view! {
                <rect x=shortest(c.pos.x) y=shortest(c.pos.y) width=shortest(CARD_WIDTH) height=shortest(CARD_HEIGHT) rx="12" class="thumb-card"/>
                <g transform=format!("translate({} {}) scale(2)", Shortest(ix), Shortest(iy))>
                    <path d=icon class="thumb-icon"/>
                </g>
            }
        })
        .collect();
    view! {
        <svg class="lesson-thumb" viewBox=view_box aria-hidden="true" preserveAspectRatio="xMidYMid meet">
            {wires}
            {cards}
        </svg>
    }
}

/// A free-play choice: its test id, its words, and the diagram it opens.
type Choice = (&'static str, LessonWord, fn() -> Diagram);

/// Free play's choices.
const FREE_PLAY: [Choice; 3] = [
    ("free-empty", LessonWord::EmptyCanvas, Diagram::new),
    (
        "free-single-server",
        LessonWord::ExampleSingleServer,
        examples::single_server,
    ),
    (
        "free-chapter-final",
        LessonWord::ExampleChapterFinal,
        examples::chapter_final,
    ),
];

/// Opens `diagram` for free play (leaving any lesson), named in `lang` like the palette names.
fn free_play(
    app: AppState,
    lessons: super::Lessons,
    mut diagram: Diagram,
    lang: Lang,
    message: BannerMessage,
) {
    crate::editor::notice::name_example(&mut diagram, lang);
    crate::ui::persist::open_document(app, diagram, message);
    lessons.leave();
    lessons.gallery.set(false);
}

#[component]
pub fn Gallery() -> impl IntoView {
    let app = use_app();
    let lessons = use_lessons();
    let language = use_language();
    let t = move |w: LessonWord| move || language.t(w);
    let close = move || lessons.gallery.set(false);
    let close_button = NodeRef::<leptos::html::Button>::new();
    let cards = move || {
        let lang = language.get();
        LessonId::ALL
            .into_iter()
            .map(|id| {
                let text = say::lesson_head(lang, id);
                let n = id.number();
                let start = Lesson::build(id, lang).start;
                let done = move || lessons.done.with(|d| d.contains(&n));
                view! {
                    <li>
                        <button
                            class="lesson-card"
                            data-testid=format!("lesson-card-{n}")
                            on:click=move |_| lessons.open(app, id, language.get_untracked())
                        >
                            {drawing(&start)}
                            <span class="lesson-card-title">
                                <span class="lesson-number">{n}</span>
                                {text.title}
                            </span>
                            <span class="lesson-card-summary">{text.summary}</span>
                            {crate::ui::erase::show(done, move || view! {
                                <span class="lesson-done" data-testid="lesson-done">
                                    "✓ " {t(LessonWord::Completed)}
                                </span>
                            }.into_any())}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        {crate::ui::erase::show(move || lessons.gallery.get(), move || {
            // Opened at any time (the Lessons button, a finished lesson), the dialog takes the
            // focus on its close button, as a first visit's does, and gives it back as it closes.
            crate::ui::modal::hold_focus(move || close_button.get().map(Into::into));
            view! {
            <div
                class="gallery-backdrop"
                on:click=move |ev| {
                    if ev.target() == ev.current_target() {
                        close();
                    }
                }
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        close();
                    }
                    crate::ui::modal::keep_tab_within(&ev);
                }
            >
                <div
                    class="gallery"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="gallery-title"
                    data-testid="gallery"
                >
                    <header class="gallery-head">
                        <h2 id="gallery-title">{t(LessonWord::GalleryTitle)}</h2>
                        <button
                            node_ref=close_button
                            class="btn btn-ghost gallery-close"
                            data-testid="gallery-close"
                            aria-label=t(LessonWord::Close)
                            title=t(LessonWord::Close)
                            on:click=move |_| close()
                            autofocus
                        >
                            "×"
                        </button>
                    </header>
                    <p class="gallery-intro">{t(LessonWord::GalleryIntro)}</p>
                    <ol class="gallery-cards">{cards}</ol>
                    <section class="free-play">
                        <h3>{t(LessonWord::FreePlay)}</h3>
                        {FREE_PLAY
                            .into_iter()
                            .map(|(testid, word, diagram)| {
                                view! {
                                    <button
                                        class="btn"
                                        data-testid=testid
                                        on:click=move |_| {
                                            free_play(
                                                app,
                                                lessons,
                                                diagram(),
                                                language.get_untracked(),
                                                BannerMessage::worded(move |l| {
                                                    say::lesson_word(l, word).to_string()
                                                }),
                                            )
                                        }
                                    >
                                        {t(word)}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </section>
                </div>
            </div>
            }.into_any()
        })}
    }
}
