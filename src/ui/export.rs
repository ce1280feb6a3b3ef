//! Exports people paste into documents: the export menu (the diagram as JSON, as an SVG or PNG
//! picture, the run's figures as CSV) and the browser work behind it.
//!
//! Pictures use the browser's own means, no rasterizer compiled into the app. The SVG is a deep
//! copy of the canvas's `<svg>` made standalone: every element gets the computed values of the
//! styles that paint it inlined (so CSS variables arrive resolved in the current theme, and the
//! file needs no stylesheet), the world group loses the camera's transform, and the `viewBox`
//! frames the whole diagram (the union of the boxes of its datacenters, wires and cards, plus
//! the live figures if asked), not the part the camera shows. The grid is left out and a plain
//! rectangle in the canvas's background colour put under the drawing. Texts hidden because the
//! camera is zoomed far out (`.canvas.far`) are drawn: the class is lifted while the styles are
//! read, within one task, so the screen never shows it lifted. The PNG is that SVG drawn through
//! an `Image` onto a `<canvas>` at twice its size, then `toBlob`. The CSV and the files' names
//! come from `present::export`. The run's animated flows (a layer of their own) are not drawn.

use crate::decimal::{Shortest, shortest};
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::i18n::use_language;
use super::lessons::Lessons;
use super::run::RunContext;
use super::state::{AppState, Banner, BannerLevel, use_app};
use crate::editor::context_menu::MenuMove;
use crate::model::ComponentKind;
use crate::present::export::{file_stem, history_csv};
use crate::present::lang::Lang;
use crate::present::say;
use crate::present::text::banner::BannerMessage;
use crate::present::text::file::FileText;
use crate::share;

/// Room left around the diagram in a picture, in world units.
const PAD: f64 = 24.0;
/// The picture's frame when there is nothing to draw.
const EMPTY_BOX: (f64, f64, f64, f64) = (0.0, 0.0, 320.0, 200.0);
/// PNG pixels per world unit, so the picture stays sharp on dense screens and in print.
const PNG_SCALE: f64 = 2.0;
/// The longest side of a PNG in pixels (browsers refuse larger canvases); a larger diagram is
/// drawn at a smaller scale.
const MAX_PNG_SIDE: f64 = 8192.0;
/// The computed properties inlined on the elements of an exported picture: those that paint
/// SVG shapes and texts (geometry stays in attributes, except corner radii set from CSS), with
/// whether they inherit. An inherited value equal to the parent's is left to inheritance, and
/// any other equal to its initial value (the second field) left out, which keeps the file small.
const PAINT_PROPERTIES: &[(&str, Paint)] = &[
    ("display", Paint::Own("inline")),
    ("visibility", Paint::Inherited),
    ("opacity", Paint::Own("1")),
    ("fill", Paint::Inherited),
    ("fill-opacity", Paint::Inherited),
    ("stroke", Paint::Inherited),
    ("stroke-width", Paint::Inherited),
    ("stroke-opacity", Paint::Inherited),
    ("stroke-dasharray", Paint::Inherited),
    ("stroke-dashoffset", Paint::Inherited),
    ("stroke-linecap", Paint::Inherited),
    ("stroke-linejoin", Paint::Inherited),
    ("marker-start", Paint::Inherited),
    ("marker-end", Paint::Inherited),
    ("paint-order", Paint::Inherited),
    ("filter", Paint::Own("none")),
    ("rx", Paint::Own("auto")),
    ("ry", Paint::Own("auto")),
    ("font-family", Paint::Inherited),
    ("font-size", Paint::Inherited),
    ("font-weight", Paint::Inherited),
    ("font-style", Paint::Inherited),
    ("letter-spacing", Paint::Inherited),
    ("text-anchor", Paint::Inherited),
    ("dominant-baseline", Paint::Inherited),
];
/// Presentation attributes that may name a CSS variable, which a standalone file cannot
/// resolve: removed where present, the inlined style carrying their computed value.
const VARIABLE_ATTRIBUTES: &[&str] = &["fill", "stroke", "color", "stop-color"];

/// How a property of [`PAINT_PROPERTIES`] reaches an element.
#[derive(Clone, Copy)]
enum Paint {
    /// From its parent, unless set.
    Inherited,
    /// Its own, this value unless set.
    Own(&'static str),
}

/// How long a downloaded file's object URL stays valid: revoking it at once, while the browser
/// may still be starting the download, drops the download in some browsers.
const DOWNLOAD_URL_LIFETIME: Duration = Duration::from_secs(60);

/// The formats of the export menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Json,
    Svg,
    Png,
    Csv,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Csv => "csv",
        }
    }
}

/// A standalone SVG of the whole diagram and its size in world units.
struct Picture {
    markup: String,
    width: f64,
    height: f64,
}

fn document() -> Result<web_sys::Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::UNDEFINED)
}

/// The exported files' name, without extension: the open lesson's number and title in the
/// screen's language, else the name of the file the document was opened from, else the first
/// Users card's label unless it is the kind's own name, else `present::export::DEFAULT_STEM`.
fn stem(app: AppState, lessons: Option<Lessons>, lang: Lang) -> String {
    let lesson = lessons
        .and_then(|l| l.active.with_untracked(|a| a.as_ref().map(|a| a.lesson.id)))
        .map(|id| format!("{} {}", id.number(), say::lesson_head(lang, id).title));
    let users = app.editor.with_untracked(|e| {
        e.diagram()
            .components
            .iter()
            .find(|c| c.kind == ComponentKind::Users)
            .map(|c| c.label.clone())
            // The kind's own name ("Users", "사용자") names no diagram: "users.json" says
            // nothing the default does not.
            .filter(|label| {
                Lang::ALL
                    .iter()
                    .all(|&l| label != say::kind_name(l, ComponentKind::Users))
            })
    });
    let file = app.file_name.get_untracked();
    file_stem(
        lesson
            .iter()
            .chain(file.iter())
            .chain(users.iter())
            .map(String::as_str),
    )
}

/// The union of the boxes of the world group's children, in world units: the live figures'
/// group only `with_figures`, empty elements (an idle gesture preview) never.
fn diagram_box(world: &web_sys::Element, with_figures: bool) -> (f64, f64, f64, f64) {
    let children = world.children();
    let mut bounds: Option<(f64, f64, f64, f64)> = None;
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        if !with_figures && child.class_list().contains("run-overlay") {
            continue;
        }
        let Ok(shape) = child.dyn_into::<web_sys::SvgGraphicsElement>() else {
            continue;
        };
        let Ok(b) = shape.get_b_box() else { continue };
        let (x, y, w, h) = (
            b.x() as f64,
            b.y() as f64,
            b.width() as f64,
            b.height() as f64,
        );
        if w <= 0.0 && h <= 0.0 {
            continue;
        }
        bounds = Some(match bounds {
            None => (x, y, x + w, y + h),
            Some((l, t, r, b)) => (l.min(x), t.min(y), r.max(x + w), b.max(y + h)),
        });
    }
    match bounds {
        Some((l, t, r, b)) => (l - PAD, t - PAD, r - l + 2.0 * PAD, b - t + 2.0 * PAD),
        None => EMPTY_BOX,
    }
}

/// Copies the computed paint of `original` and every element under it onto the same elements
/// of `copy`, a deep clone of it (the root's in full, the others' where they differ from what
/// the file gives them anyway).
fn inline_styles(original: &web_sys::Element, copy: &web_sys::Element) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::UNDEFINED)?;
    let from = original.query_selector_all("*")?;
    let to = copy.query_selector_all("*")?;
    let pairs = std::iter::once((original.clone(), copy.clone())).chain(
        (0..from.length().min(to.length())).filter_map(|i| {
            let a = from.item(i)?.dyn_into::<web_sys::Element>().ok()?;
            let b = to.item(i)?.dyn_into::<web_sys::Element>().ok()?;
            Some((a, b))
        }),
    );
    for (a, b) in pairs {
        let Some(computed) = window.get_computed_style(&a)? else {
            continue;
        };
        let parent = if a == *original {
            None
        } else {
            match a.parent_element() {
                Some(p) => window.get_computed_style(&p)?,
                None => None,
            }
        };
        let mut style = String::new();
        for (property, paint) in PAINT_PROPERTIES {
            let value = computed.get_property_value(property)?;
            let implied = match (paint, &parent) {
                (_, None) => false,
                (Paint::Inherited, Some(p)) => p.get_property_value(property)? == value,
                (Paint::Own(initial), Some(_)) => value == *initial,
            };
            if !value.is_empty() && !implied {
                style.push_str(&format!("{property}:{value};"));
            }
        }
        b.set_attribute("style", &style)?;
        for name in VARIABLE_ATTRIBUTES {
            if b.get_attribute(name).is_some_and(|v| v.contains("var(")) {
                b.remove_attribute(name)?;
            }
        }
    }
    Ok(())
}

/// The canvas's background colour: the first of the canvas area's and its ancestors' that is
/// not transparent.
fn background_colour(svg: &web_sys::Element) -> Result<String, JsValue> {
    let window = web_sys::window().ok_or(JsValue::UNDEFINED)?;
    let mut element = svg.parent_element();
    while let Some(e) = element {
        if let Some(computed) = window.get_computed_style(&e)? {
            let colour = computed.get_property_value("background-color")?;
            if !colour.is_empty() && colour != "transparent" && colour != "rgba(0, 0, 0, 0)" {
                return Ok(colour);
            }
        }
        element = e.parent_element();
    }
    Ok("white".to_string())
}

/// The whole diagram as a standalone SVG, in the current theme, with or without the live
/// figures.
fn picture(with_figures: bool) -> Result<Picture, JsValue> {
    let svg = document()?
        .query_selector("svg.canvas")?
        .ok_or(JsValue::UNDEFINED)?;
    let far = svg.class_list().contains("far");
    if far {
        svg.class_list().remove_1("far")?;
    }
    let result = standalone(&svg, with_figures);
    if far {
        svg.class_list().add_1("far")?;
    }
    result
}

fn standalone(svg: &web_sys::Element, with_figures: bool) -> Result<Picture, JsValue> {
    let world = svg.query_selector("g.world")?.ok_or(JsValue::UNDEFINED)?;
    let (x, y, width, height) = diagram_box(&world, with_figures);
    let copy: web_sys::Element = svg.clone_node_with_deep(true)?.dyn_into()?;
    inline_styles(svg, &copy)?;
    let leave_out = if with_figures {
        "rect.grid, pattern"
    } else {
        "rect.grid, pattern, .run-overlay"
    };
    let dropped = copy.query_selector_all(leave_out)?;
    for i in 0..dropped.length() {
        if let Some(e) = dropped
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            e.remove();
        }
    }
    if let Some(copied_world) = copy.query_selector("g.world")? {
        copied_world.remove_attribute("transform")?;
        let document = document()?;
        let backdrop = document.create_element_ns(Some("http://www.w3.org/2000/svg"), "rect")?;
        for (name, value) in [("x", x), ("y", y), ("width", width), ("height", height)] {
            backdrop.set_attribute(name, &shortest(value))?;
        }
        backdrop.set_attribute("fill", &background_colour(svg)?)?;
        copy.insert_before(&backdrop, Some(&copied_world))?;
    }
    copy.remove_attribute("class")?;
    copy.set_attribute(
        "viewBox",
        &format!(
            "{} {} {} {}",
            Shortest(x),
            Shortest(y),
            Shortest(width),
            Shortest(height)
        ),
    )?;
    copy.set_attribute("width", &shortest(width.ceil()))?;
    copy.set_attribute("height", &shortest(height.ceil()))?;
    let markup = web_sys::XmlSerializer::new()?.serialize_to_string(&copy)?;
    Ok(Picture {
        markup: format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{markup}"),
        width,
        height,
    })
}

/// `text` as a file's contents of type `mime`.
pub(super) fn blob_of(text: &str, mime: &str) -> Result<web_sys::Blob, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
}

/// The picture drawn onto a canvas through an `Image`, as a PNG.
async fn png_of(picture: &Picture) -> Result<web_sys::Blob, JsValue> {
    let svg = blob_of(&picture.markup, "image/svg+xml;charset=utf-8")?;
    let url = web_sys::Url::create_object_url_with_blob(&svg)?;
    let image = web_sys::HtmlImageElement::new()?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded?;
    let longest = picture.width.max(picture.height).max(1.0);
    let scale = PNG_SCALE.min(MAX_PNG_SIDE / longest);
    let (width, height) = (
        (picture.width * scale).round().max(1.0),
        (picture.height * scale).round().max(1.0),
    );
    let canvas: web_sys::HtmlCanvasElement = document()?.create_element("canvas")?.dyn_into()?;
    canvas.set_width(width as u32);
    canvas.set_height(height as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or(JsValue::UNDEFINED)?
        .dyn_into()?;
    context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, width, height)?;
    let encoded = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(error) = canvas.to_blob_with_type(&resolve, "image/png") {
            let _ = reject.call1(&JsValue::UNDEFINED, &error);
        }
    });
    JsFuture::from(encoded).await?.dyn_into()
}

/// Saves `blob` as the file `name`: a link to it is attached to the document, clicked and
/// removed (a detached link's click is ignored by some browsers); its object URL is revoked a
/// minute later.
pub(super) fn download(name: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let document = document()?;
    let body = document.body().ok_or(JsValue::UNDEFINED)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    let clicked = body.append_child(&anchor).map(|_| anchor.click());
    anchor.remove();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        DOWNLOAD_URL_LIFETIME,
    );
    clicked
}

/// What a browser error says, in the browser's words: a JavaScript `Error`'s message (a
/// `DOMException` is one), or the string thrown, if any.
fn error_text(error: &JsValue) -> Option<String> {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
}

/// Makes the file of `format` and downloads it, or says why it could not.
async fn export(
    app: AppState,
    lessons: Option<Lessons>,
    run: Option<RunContext>,
    lang: Lang,
    format: Format,
    with_figures: bool,
) {
    let name = format!("{}.{}", stem(app, lessons, lang), format.extension());
    let blob = match format {
        Format::Json => {
            let json = app
                .editor
                .with_untracked(|e| share::export_json(e.diagram()));
            blob_of(&json, "application/json")
        }
        Format::Svg => picture(with_figures).and_then(|p| blob_of(&p.markup, "image/svg+xml")),
        Format::Png => match picture(with_figures) {
            Ok(p) => png_of(&p).await,
            Err(error) => Err(error),
        },
        Format::Csv => {
            let csv = run
                .map(|run| {
                    let faults: Vec<(f64, String)> = untrack(|| run.fault_marks(lang))
                        .into_iter()
                        .map(|m| (m.time, m.text))
                        .collect();
                    run.signals
                        .history
                        .with_untracked(|h| history_csv(lang, h, &faults))
                })
                .unwrap_or_default();
            blob_of(&csv, "text/csv;charset=utf-8")
        }
    };
    if let Err(error) = blob.and_then(|b| download(&name, &b)) {
        app.show(Banner::new(
            BannerLevel::Error,
            BannerMessage::DownloadRefused {
                reason: error_text(&error),
            },
        ));
    }
}

/// The export button and its menu: the diagram as JSON, SVG or PNG, the run's figures as CSV,
/// and whether the pictures carry the live figures.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let app = use_app();
    let language = use_language();
    let open = RwSignal::new(false);
    let with_figures = RwSignal::new(true);
    let root = NodeRef::<leptos::html::Div>::new();
    // The history holds the snapshot at time zero as soon as the simulation is built: there is
    // something to export once simulated time has moved.
    let run = super::run::use_run();
    let lessons = use_context::<Lessons>();
    let no_run = move || {
        run.is_none_or(|run| {
            run.signals
                .history
                .with(|h| h.throughput.last().is_none_or(|(t, _)| t <= 0.0))
        })
    };
    // A press outside the menu closes it.
    let outside = window_event_listener(ev::pointerdown, move |ev| {
        let inside = root.get_untracked().is_some_and(|r| {
            ev.target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .is_some_and(|t| r.contains(Some(&t)))
        });
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());
    let choose = move |format: Format| {
        open.set(false);
        let lang = language.get_untracked();
        let figures = with_figures.get_untracked();
        leptos::task::spawn_local(export(app, lessons, run, lang, format, figures));
    };
    let item = move |format: Format, label: FileText, title: FileText, testid: &'static str| {
        view! {
            <button
                class="export-item"
                role="menuitem"
                data-testid=testid
                title=move || language.t(title)
                on:click=move |_| choose(format)
            >
                {move || language.t(label)}
            </button>
        }
    };

    view! {
        <div
            class="export"
            node_ref=root
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                let movement = match ev.key().as_str() {
                    "Escape" if open.get_untracked() => {
                        open.set(false);
                        ev.stop_propagation();
                        // Back to the button that opened it.
                        if let Some(button) = root
                            .get_untracked()
                            .and_then(|r| r.query_selector("[data-testid=export]").ok().flatten())
                            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                        {
                            let _ = button.focus();
                        }
                        return;
                    }
                    "ArrowDown" => MenuMove::Next,
                    "ArrowUp" => MenuMove::Previous,
                    "Home" => MenuMove::First,
                    "End" => MenuMove::Last,
                    _ => return,
                };
                // The arrows walk the menu's entries, as in the canvas's menu; from the closed
                // button, the down arrow opens it on its first entry.
                let walk = move || {
                    if let Some(menu) = root
                        .get_untracked()
                        .and_then(|r| r.query_selector("[role=menu]").ok().flatten())
                        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        super::context_menu::move_focus(&menu, movement);
                    }
                };
                if open.get_untracked() {
                    ev.prevent_default();
                    walk();
                } else if movement == MenuMove::Next {
                    ev.prevent_default();
                    // Once the menu is drawn.
                    open.set(true);
                    request_animation_frame(walk);
                }
            }
        >
            <button
                class="btn"
                data-testid="export"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                title=move || language.t(FileText::ExportTitle)
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || language.t(FileText::Export)}
            </button>
            {crate::ui::erase::show(move || open.get(), move || view! {
                <div
                    class="export-menu"
                    role="menu"
                    data-testid="export-menu"
                    aria-label=move || language.t(FileText::ExportMenu)
                >
                    {item(Format::Json, FileText::ExportJson, FileText::ExportJsonTitle, "export-json")}
                    {item(Format::Svg, FileText::ExportSvg, FileText::ExportSvgTitle, "export-svg")}
                    {item(Format::Png, FileText::ExportPng, FileText::ExportPngTitle, "export-png")}
                    <button
                        class="export-item"
                        role="menuitem"
                        data-testid="export-csv"
                        disabled=no_run
                        title=move || language.t(if no_run() { FileText::ExportCsvNone } else { FileText::ExportCsvTitle })
                        on:click=move |_| choose(Format::Csv)
                    >
                        {move || language.t(FileText::ExportCsv)}
                    </button>
                    <label class="export-figures">
                        <input
                            type="checkbox"
                            data-testid="export-figures"
                            prop:checked=move || with_figures.get()
                            on:change=move |ev| with_figures.set(event_target_checked(&ev))
                        />
                        {move || language.t(FileText::ExportFigures)}
                    </label>
                </div>
            }.into_any())}
        </div>
    }
}
