//! JavaScript strings made once and handed to the page by reference: the attribute and
//! style-property names the page is read with repeat from element to element, and making a
//! JavaScript string from Rust's UTF-8 is a `TextDecoder` call each time.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// JavaScript strings made once and handed over by reference (making a JavaScript string from
/// Rust's UTF-8 is a `TextDecoder` call each time): each string's index in the list, by its
/// text (a map of the type the report's marks use already, not one of its own: less code in
/// the browser build).
#[derive(Default)]
pub(crate) struct Strings(RefCell<(HashMap<String, usize>, Vec<JsValue>)>);

impl Strings {
    /// Calls `f` with `s` as a JavaScript string.
    pub(crate) fn with<R>(&self, s: &str, f: impl FnOnce(&JsValue) -> R) -> R {
        let i = self.0.borrow().0.get(s).copied();
        let i = i.unwrap_or_else(|| {
            let (index, values) = &mut *self.0.borrow_mut();
            values.push(JsValue::from_str(s));
            index.insert(s.to_string(), values.len() - 1);
            values.len() - 1
        });
        f(&self.0.borrow().1[i])
    }
}

#[wasm_bindgen]
extern "C" {
    /// An element (or a style declaration), seen through the calls below (which take
    /// JavaScript strings).
    type Raw;
    #[wasm_bindgen(method, js_name = getAttribute)]
    fn get_attribute(this: &Raw, name: &JsValue) -> Option<String>;
    #[wasm_bindgen(method, js_name = getPropertyValue)]
    fn get_property_value(this: &Raw, name: &JsValue) -> String;
    #[wasm_bindgen(method, catch, js_name = checkVisibility)]
    fn check_visibility(this: &Raw, options: &JsValue) -> Result<bool, JsValue>;
}

thread_local! {
    /// The names the page is read with (attributes, style properties).
    static NAMES: Strings = Strings::default();
}

/// `el.getAttribute(name)`, the name handed over once.
pub(crate) fn attribute(el: &Element, name: &str) -> Option<String> {
    NAMES.with(|n| n.with(name, |name| el.unchecked_ref::<Raw>().get_attribute(name)))
}

/// `style.getPropertyValue(name)`, the name handed over once.
pub(crate) fn property(style: &web_sys::CssStyleDeclaration, name: &str) -> String {
    NAMES.with(|n| {
        n.with(name, |name| {
            style.unchecked_ref::<Raw>().get_property_value(name)
        })
    })
}

/// `el.checkVisibility(options)`; false where the browser lacks it.
pub(crate) fn check_visibility(el: &Element, options: &JsValue) -> bool {
    el.unchecked_ref::<Raw>()
        .check_visibility(options)
        .unwrap_or(false)
}
