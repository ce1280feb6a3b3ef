//! Copy and paste: a selected sub-diagram travels as the share module's v1 JSON file.
//!
//! Copying builds a small [`Diagram`] holding the selected components, the wires between them
//! (a wire with only one end copied is left out) and the datacenters they sit in, and writes it
//! with [`crate::share::export_json`], so the clipboard text is an ordinary ScaleLab file: it
//! can be pasted into another tab, saved as a file, or opened as one. Pasting accepts that
//! JSON, or a share link (`https://…#v1=…`, `#v1=…` or `v1=…`), decoded by the share module
//! with all its validation and size caps, so pasting never panics and foreign text gets a
//! precise error. Only components and their internal wires are pasted: they get fresh ids from
//! the target diagram and are offset, so the same text can be pasted many times. A pasted
//! component keeps its datacenter only when the target has that very datacenter (same id and
//! name: a copy within one document); scenario faults are not pasted. The editor then moves
//! the copies as a whole to free space, numbers taken labels and lets each copy join the
//! datacenter under its centre (see `placement` and `document_ops`).

use crate::model::{Component, ComponentId, Diagram, Wire};
use crate::share::{self, ShareError};

use super::geometry::Vec2;

/// Why clipboard text could not be pasted.
#[derive(Clone, Debug, PartialEq)]
pub enum PasteError {
    /// The text is neither a ScaleLab file nor a ScaleLab link.
    NotScaleLab,
    /// It looks like a ScaleLab file or link but could not be read.
    Unreadable(ShareError),
    /// It holds no components.
    Empty,
    /// The diagram ran out of ids.
    IdsExhausted,
}

/// The sub-diagram of `ids`: those components in drawing order, the wires among them and the
/// datacenters they belong to. Ids are kept (they are replaced on paste).
pub fn sub_diagram(diagram: &Diagram, ids: &[ComponentId]) -> Diagram {
    let mut sub = Diagram::new();
    for group in &diagram.groups {
        let used = diagram
            .components
            .iter()
            .any(|c| c.group == Some(group.id) && ids.contains(&c.id));
        if used {
            sub.groups.push(group.clone());
        }
    }
    sub.components = diagram
        .components
        .iter()
        .filter(|c| ids.contains(&c.id))
        .cloned()
        .collect();
    sub.wires = diagram
        .wires
        .iter()
        .filter(|w| ids.contains(&w.from.component) && ids.contains(&w.to.component))
        .copied()
        .collect();
    sub.next_id = diagram.next_id;
    sub
}

/// The clipboard text for `ids`: a v1 JSON file of their sub-diagram.
pub fn copy_text(diagram: &Diagram, ids: &[ComponentId]) -> String {
    share::export_json(&sub_diagram(diagram, ids))
}

/// Reads pasted text: a ScaleLab JSON file, or a share link or fragment.
pub fn read(text: &str) -> Result<Diagram, PasteError> {
    let text = text.trim();
    let imported = if text.starts_with('{') {
        share::import_json(text).map_err(PasteError::Unreadable)?
    } else {
        let fragment = text.rsplit_once('#').map_or(text, |(_, f)| f);
        share::decode_link(fragment).map_err(|e| match e {
            ShareError::Empty | ShareError::NotALink => PasteError::NotScaleLab,
            other => PasteError::Unreadable(other),
        })?
    };
    if imported.diagram.components.is_empty() {
        return Err(PasteError::Empty);
    }
    Ok(imported.diagram)
}

/// Copies of `source`'s components and wires with fresh ids from `target`, moved by `offset`.
/// Returns them for the caller to add with commands; `target` only has its id counter advanced.
pub fn instantiate(
    source: &Diagram,
    target: &mut Diagram,
    offset: Vec2,
) -> Result<(Vec<Component>, Vec<Wire>), PasteError> {
    let mut id_map: Vec<(ComponentId, ComponentId)> = Vec::with_capacity(source.components.len());
    let mut components = Vec::with_capacity(source.components.len());
    for c in &source.components {
        let id = target
            .fresh_component_id()
            .ok_or(PasteError::IdsExhausted)?;
        id_map.push((c.id, id));
        let mut copy = c.clone();
        copy.id = id;
        copy.pos.x += offset.x;
        copy.pos.y += offset.y;
        copy.group = c.group.filter(|g| {
            let here = target.group(*g).map(|x| &x.name);
            let there = source.group(*g).map(|x| &x.name);
            here.is_some() && here == there
        });
        components.push(copy);
    }
    let new_id = |old: ComponentId| id_map.iter().find(|(o, _)| *o == old).map(|(_, n)| *n);
    let mut wires = Vec::with_capacity(source.wires.len());
    for w in &source.wires {
        let (Some(from), Some(to)) = (new_id(w.from.component), new_id(w.to.component)) else {
            continue;
        };
        let id = target.fresh_wire_id().ok_or(PasteError::IdsExhausted)?;
        let mut copy = *w;
        copy.id = id;
        copy.from.component = from;
        copy.to.component = to;
        wires.push(copy);
    }
    Ok((components, wires))
}
