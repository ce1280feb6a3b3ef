//! The view's shared keyed list and shown-or-not view (`ui::erase::keyed`, `ui::erase::show`)
//! behave as Leptos's `For` and `Show` do: a row is built when its key comes, kept (the same
//! element, moved) while it stays, and dropped when it goes; a view is built when its condition
//! turns true and dropped when it turns false.

use leptos::prelude::*;
use leptos::task::tick;
use scalelab::ui::erase::{keyed, show};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// The rows' texts, in document order, and their elements.
fn rows(host: &web_sys::HtmlElement) -> (Vec<String>, Vec<web_sys::Element>) {
    let list = host.query_selector_all("li").unwrap();
    let elements: Vec<web_sys::Element> = (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect();
    let texts = elements
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect();
    (texts, elements)
}

#[wasm_bindgen_test]
async fn a_keyed_row_is_kept_while_its_key_stays_and_built_once() {
    let host = host();
    let keys = RwSignal::new(vec![3u64, 1, 2]);
    let built = StoredValue::new(0u32);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <ul>
                {keyed(move || keys.get(), move |k| {
                    built.update_value(|n| *n += 1);
                    view! { <li>{format!("row {k}")}</li> }.into_any()
                })}
            </ul>
        }
    });
    tick().await;
    let (texts, first) = rows(&host);
    assert_eq!(texts, ["row 3", "row 1", "row 2"]);
    assert_eq!(built.get_value(), 3);

    // Reordered, one gone, one new: the staying rows are the same elements, moved.
    keys.set(vec![2, 4, 3]);
    tick().await;
    let (texts, now) = rows(&host);
    assert_eq!(texts, ["row 2", "row 4", "row 3"]);
    assert!(now[0].is_same_node(Some(&first[2])), "row 2 rebuilt");
    assert!(now[2].is_same_node(Some(&first[0])), "row 3 rebuilt");
    assert_eq!(built.get_value(), 4, "only row 4 is new");
    assert!(!host.contains(Some(&first[1])), "row 1 still in the page");

    keys.set(Vec::new());
    tick().await;
    assert!(rows(&host).0.is_empty());
}

#[wasm_bindgen_test]
async fn a_shown_view_is_built_when_its_condition_turns_true_and_dropped_when_false() {
    let host = host();
    let open = RwSignal::new(false);
    let count = RwSignal::new(0u32);
    let built = StoredValue::new(0u32);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <div>
                {show(move || open.get() && count.get() < 100, move || {
                    built.update_value(|n| *n += 1);
                    view! { <p class="shown">{move || count.get()}</p> }.into_any()
                })}
            </div>
        }
    });
    tick().await;
    assert!(host.query_selector(".shown").unwrap().is_none());
    open.set(true);
    tick().await;
    let shown = host.query_selector(".shown").unwrap().expect("shown");
    assert_eq!(shown.text_content().unwrap(), "0");
    // A change that leaves the condition true updates the view in place, without building it
    // again.
    count.set(5);
    tick().await;
    let same = host.query_selector(".shown").unwrap().expect("still shown");
    assert!(same.is_same_node(Some(&shown)));
    assert_eq!(same.text_content().unwrap(), "5");
    assert_eq!(built.get_value(), 1);
    open.set(false);
    tick().await;
    assert!(host.query_selector(".shown").unwrap().is_none());
    open.set(true);
    tick().await;
    assert!(host.query_selector(".shown").unwrap().is_some());
    assert_eq!(built.get_value(), 2);
}
