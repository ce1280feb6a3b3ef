//! The run panel: pressing Run on the chapter-final architecture advances simulated time over
//! animation frames and draws the charts; an empty diagram says what to add.

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

const AUTOSAVE_KEY: &str = "scalelab.autosave.v1";

fn host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

async fn frames(n: u32) {
    for _ in 0..n {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .request_animation_frame(&resolve)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

async fn sleep(d: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, d.as_millis() as i32)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn panel(host: &web_sys::HtmlElement) -> web_sys::Element {
    host.query_selector("[data-testid=metrics]")
        .unwrap()
        .expect("run panel")
}

fn sim_time(host: &web_sys::HtmlElement) -> f64 {
    panel(host)
        .get_attribute("data-sim-time")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1.0)
}

fn click(host: &web_sys::HtmlElement, testid: &str) {
    let el: web_sys::HtmlElement = host
        .query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("{testid} missing"))
        .unchecked_into();
    el.click();
}

#[wasm_bindgen_test]
async fn run_advances_simulated_time_and_draws_charts() {
    let json = scalelab::share::export_json(&scalelab::model::examples::chapter_final());
    storage().set_item(AUTOSAVE_KEY, &json).unwrap();
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    leptos::task::tick().await;
    frames(2).await;
    assert!(
        host.query_selector("[data-testid=run-error]")
            .unwrap()
            .is_none(),
        "chapter final should build"
    );
    assert_eq!(sim_time(&host), 0.0);

    click(&host, "run-toggle");
    frames(30).await;
    sleep(Duration::from_millis(400)).await;
    let t1 = sim_time(&host);
    assert!(t1 > 0.0, "simulated time did not advance: {t1}");
    frames(10).await;
    sleep(Duration::from_millis(300)).await;
    let t2 = sim_time(&host);
    assert!(t2 > t1, "simulated time stalled at {t1}");
    // The charts sample on simulated time (at most every half second): two samples make a line.
    for _ in 0..100 {
        if sim_time(&host) >= 1.1 {
            break;
        }
        frames(5).await;
    }

    // A chart out of view keeps what it last drew: shown, as a user scrolls to it, it catches
    // up within a frame.
    host.query_selector("[data-testid=chart-throughput]")
        .unwrap()
        .expect("throughput chart")
        .scroll_into_view();
    frames(3).await;
    let lines = host
        .query_selector_all("[data-testid=chart-throughput] path.run-line")
        .unwrap();
    assert!(lines.length() >= 1, "throughput chart has no line");
    let d = lines
        .item(0)
        .unwrap()
        .unchecked_into::<web_sys::Element>()
        .get_attribute("d")
        .unwrap_or_default();
    // A point per sample: a move to the first, a segment to each next.
    assert!(
        d.starts_with('M') && d.matches('L').count() >= 1,
        "throughput line: {d:?}"
    );
    let theory = host
        .query_selector("[data-testid=chart-hit-ratio] [data-testid=theory]")
        .unwrap()
        .expect("hit-ratio theory");
    assert!(
        theory
            .text_content()
            .unwrap_or_default()
            .contains("predicts")
    );

    click(&host, "run-toggle"); // pause
    frames(3).await;
    let paused = sim_time(&host);
    frames(10).await;
    assert_eq!(sim_time(&host), paused, "time moved while paused");
    storage().remove_item(AUTOSAVE_KEY).unwrap();
    host.remove();
}

#[wasm_bindgen_test]
async fn a_diagram_without_users_says_what_to_add_without_an_alert() {
    storage().remove_item(AUTOSAVE_KEY).unwrap();
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    leptos::task::tick().await;
    frames(2).await;
    let hint = host
        .query_selector("[data-testid=run-hint]")
        .unwrap()
        .expect("a hint for an empty diagram");
    assert!(
        hint.text_content().unwrap_or_default().contains("Users"),
        "{:?}",
        hint.text_content()
    );
    assert_eq!(hint.get_attribute("role"), None, "a hint, not an alert");
    assert!(
        host.query_selector("[data-testid=run-error]")
            .unwrap()
            .is_none(),
        "an empty canvas is not an error"
    );
    let toggle: web_sys::HtmlButtonElement = host
        .query_selector("[data-testid=run-toggle]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(toggle.disabled());
    host.remove();
}

/// Where the language choice is kept (`ui/i18n.rs`).
const LANGUAGE_KEY: &str = "scalelab.lang";

fn text_of(host: &web_sys::HtmlElement, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} missing"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn switching_the_language_rewords_the_run_panel_and_keeps_the_run() {
    let json = scalelab::share::export_json(&scalelab::model::examples::chapter_final());
    storage().set_item(AUTOSAVE_KEY, &json).unwrap();
    storage().set_item(LANGUAGE_KEY, "ko").unwrap();
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    leptos::task::tick().await;
    frames(2).await;
    assert_eq!(text_of(&host, "[data-testid=run-toggle]"), "실행");

    click(&host, "run-toggle");
    frames(30).await;
    sleep(Duration::from_millis(400)).await;
    assert_eq!(text_of(&host, "[data-testid=run-toggle]"), "일시 정지");
    let title = "[data-testid=chart-throughput] .run-chart-title";
    assert!(
        text_of(&host, title).contains("처리량"),
        "{}",
        text_of(&host, title)
    );
    let before = sim_time(&host);
    assert!(before > 0.0, "simulated time did not advance: {before}");

    let picker: web_sys::HtmlSelectElement = host
        .query_selector("[data-testid=language]")
        .unwrap()
        .expect("language picker")
        .unchecked_into();
    picker.set_value("en");
    picker
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    leptos::task::tick().await;
    frames(3).await;
    assert_eq!(text_of(&host, "[data-testid=run-toggle]"), "Pause");
    assert!(text_of(&host, title).contains("Throughput"));
    let after = sim_time(&host);
    assert!(after >= before, "the run restarted: {before} then {after}");

    storage().remove_item(LANGUAGE_KEY).unwrap();
    storage().remove_item(AUTOSAVE_KEY).unwrap();
    host.remove();
}
