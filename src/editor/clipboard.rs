//! The copy/paste format: a selected sub-diagram as JSON text.
//!
//! The share module has no file format yet, so the clipboard carries its own small, tagged
//! payload: the copied components and the wires between them (wires with only one end copied
//! are left out). It is versioned by its `format` tag so a later switch to the share format can
//! still read it; parsing never panics and foreign text gives a precise error. Pasting re-ids
//! everything with fresh ids from the target diagram and offsets positions, so the same text can
//! be pasted many times, into any diagram.

use serde::{Deserialize, Serialize};

use crate::model::{Component, ComponentId, Diagram, Wire};

use super::geometry::Vec2;

/// The tag every clipboard payload carries.
pub const FORMAT: &str = "scalelab-clipboard/1";

/// What is on the clipboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClipboardPayload {
    pub format: String,
    pub components: Vec<Component>,
    pub wires: Vec<Wire>,
}

/// Why clipboard text could not be pasted.
#[derive(Clone, Debug, PartialEq)]
pub enum PasteError {
    /// The text is not a ScaleLab clipboard payload.
    NotScaleLab,
    /// The payload is well-formed JSON but broken (a config that does not match its kind...).
    Invalid(String),
    /// The payload holds no components.
    Empty,
    /// The diagram ran out of ids.
    IdsExhausted,
}

impl std::fmt::Display for PasteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PasteError::NotScaleLab => write!(f, "the clipboard does not hold ScaleLab components"),
            PasteError::Invalid(why) => write!(f, "the copied components are damaged: {why}"),
            PasteError::Empty => write!(f, "there is nothing to paste"),
            PasteError::IdsExhausted => write!(f, "this diagram has run out of ids"),
        }
    }
}

/// The payload for `ids` (in drawing order) and the wires among them.
pub fn copy(diagram: &Diagram, ids: &[ComponentId]) -> ClipboardPayload {
    let components: Vec<Component> = diagram
        .components
        .iter()
        .filter(|c| ids.contains(&c.id))
        .cloned()
        .collect();
    let wires = diagram
        .wires
        .iter()
        .filter(|w| ids.contains(&w.from.component) && ids.contains(&w.to.component))
        .copied()
        .collect();
    ClipboardPayload {
        format: FORMAT.to_string(),
        components,
        wires,
    }
}

impl ClipboardPayload {
    /// The clipboard text.
    pub fn to_text(&self) -> String {
        // Serialising plain data with string keys cannot fail; fall back to an empty string
        // rather than panic if it ever did.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads clipboard text.
    pub fn from_text(text: &str) -> Result<ClipboardPayload, PasteError> {
        let payload: ClipboardPayload =
            serde_json::from_str(text).map_err(|_| PasteError::NotScaleLab)?;
        if payload.format != FORMAT {
            return Err(PasteError::NotScaleLab);
        }
        if payload.components.is_empty() {
            return Err(PasteError::Empty);
        }
        for c in &payload.components {
            if c.config.kind() != c.kind {
                return Err(PasteError::Invalid(format!(
                    "`{}` has the settings of a {}",
                    c.label,
                    c.config.kind().name()
                )));
            }
            if !(c.pos.x.is_finite() && c.pos.y.is_finite()) {
                return Err(PasteError::Invalid(format!(
                    "`{}` has no position",
                    c.label
                )));
            }
        }
        Ok(payload)
    }

    /// Copies of the payload's components and internal wires with fresh ids from `diagram`,
    /// moved by `offset`. Group membership is kept only for datacenters `diagram` has; wires
    /// whose ends are not both in the payload, or whose ports the kinds lack, are dropped.
    pub fn instantiate(
        &self,
        diagram: &mut Diagram,
        offset: Vec2,
    ) -> Result<(Vec<Component>, Vec<Wire>), PasteError> {
        let mut id_map: Vec<(ComponentId, ComponentId)> = Vec::new();
        let mut components = Vec::with_capacity(self.components.len());
        for c in &self.components {
            if id_map.iter().any(|(old, _)| *old == c.id) {
                continue; // a repeated id in hand-edited text: keep the first
            }
            let id = diagram
                .fresh_component_id()
                .ok_or(PasteError::IdsExhausted)?;
            id_map.push((c.id, id));
            let mut copy = c.clone();
            copy.id = id;
            copy.pos.x += offset.x;
            copy.pos.y += offset.y;
            copy.group = c.group.filter(|g| diagram.group(*g).is_some());
            components.push(copy);
        }
        let new_id = |old: ComponentId| id_map.iter().find(|(o, _)| *o == old).map(|(_, n)| *n);
        let mut wires = Vec::new();
        for w in &self.wires {
            let (Some(from), Some(to)) = (new_id(w.from.component), new_id(w.to.component)) else {
                continue;
            };
            let kinds = (
                components.iter().find(|c| c.id == from).map(|c| c.kind),
                components.iter().find(|c| c.id == to).map(|c| c.kind),
            );
            let (Some(from_kind), Some(to_kind)) = kinds else {
                continue;
            };
            if !from_kind.ports().has_output(w.from.port) || !to_kind.ports().has_input(w.to.port) {
                continue;
            }
            let id = diagram.fresh_wire_id().ok_or(PasteError::IdsExhausted)?;
            let mut copy = *w;
            copy.id = id;
            copy.from.component = from;
            copy.to.component = to;
            if !wires
                .iter()
                .any(|x: &Wire| x.from == copy.from && x.to == copy.to)
            {
                wires.push(copy);
            }
        }
        Ok((components, wires))
    }
}
