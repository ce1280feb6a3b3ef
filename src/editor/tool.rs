//! The tool state machine: what a pointer gesture in progress means.
//!
//! Explicit states in the manner of tldraw's `select.idle -> pointing_shape -> translating`:
//!
//! ```text
//!            down on card/port/wire/frame/canvas           moved > threshold (screen px)
//!   Idle ────────────────────────────────────► Pointing ───────────────────────────────┐
//!    ▲ ▲  up (a click: select / clear)            │                                     │
//!    │ └──────────────────────────────────────────┘   card         ─► DraggingComponents
//!    │                                                title strip  ─► DraggingGroup
//!    │   up: commit one undo entry / connect          resize handle ─► ResizingGroup
//!    │   Escape, Cancel, Blur: roll back              out-port     ─► Connecting
//!    │                                                in-port      ─► ConnectingFromInput
//!    └────────────────────────────────────────────    canvas/wire  ─► Panning, or BoxSelecting
//!                                                                      with Shift/Ctrl/Cmd
//!   Idle ── middle button, or Space held + primary ──► Panning
//!   any one-touch gesture ── a second touch contact (roll back) ──► Pinching ── a lift ──► Idle
//!   Idle ── PaletteDragStart ──► DraggingFromPalette ── PaletteDrop ──► Idle
//!   Idle ── W (one component selected) ──► KeyboardConnecting ── Enter: connect ──► Idle
//!   Idle ── touch tap on an output port ──► KeyboardConnecting ── tap a card: connect / empty canvas: cancel
//!             Tab/arrows: next/previous target, W: next output    Escape, a press: cancel
//! ```
//!
//! Each state carries what the view needs to draw it (the box-select rectangle, the ghost wire,
//! the highlighted valid targets, the datacenter a drag would drop into) and what the editor
//! needs to finish or roll it back. Only the pointer that started a gesture can move or end it;
//! other pointers are ignored until it ends.
//!
//! The states that change the document (`DraggingComponents`, `DraggingGroup`,
//! `ResizingGroup`) own their history [`Mark`]: it is opened when the state is entered, lives in
//! the state and nowhere else, and leaves it only when the gesture ends, committed on release or
//! rolled back on Escape, `Cancel`, `Blur` or a second touch contact. A mark is neither `Clone`
//! nor constructible outside the history, so no mark can be open without its gesture, and this
//! type is deliberately not `Clone` either: the editor moves the state (`std::mem::replace`)
//! rather than copying it. [`ToolState::holds_mark`] lets the editor check, in debug builds,
//! that it never overwrites a state that still holds one.
//!
//! This file holds the states only; the transitions live in `pointer` (pointer gestures) and
//! `keyboard` (keyboard wiring).
//!
//! Datacenter membership changes only when components are dropped: moving or resizing a
//! datacenter frame never adopts or releases the components it passes over, so those gestures
//! cannot surprise anyone with a membership change they did not see.

use crate::model::{ComponentId, GroupId, InPortRef, OutPortRef, Rect as ModelRect};

use super::geometry::Vec2;
use super::gesture::TwoFingers;
use super::history::Mark;
use super::input::{Modifiers, PaletteItem, PointerId};
use super::layout::HitTarget;
use super::notice::WireRefusal;
use super::selection::Selection;

/// What the cursor is over while connecting, and whether a wire may end there.
#[derive(Clone, Debug, PartialEq)]
pub struct ConnectionTarget {
    /// The input port the wire would end at.
    pub port: InPortRef,
    /// `Ok` if the connection rules allow it, else the refusal the view shows.
    pub verdict: Result<(), WireRefusal>,
}

/// What the cursor is over while drawing a wire backwards from an input port, and whether the
/// wire may start there.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceTarget {
    /// The output port the wire would start at.
    pub port: OutPortRef,
    /// `Ok` if the connection rules allow it, else the refusal the view shows.
    pub verdict: Result<(), WireRefusal>,
}

/// The current gesture.
#[derive(Debug, PartialEq)]
pub enum ToolState {
    /// Nothing in progress; moving the pointer updates the hover.
    Idle,
    /// Primary button down, not yet moved past the drag threshold: still maybe a click.
    Pointing {
        pointer: PointerId,
        target: HitTarget,
        down_screen: Vec2,
        down_world: Vec2,
        modifiers: Modifiers,
        /// Whether the pressed item was already selected before the press (a click on it then
        /// narrows the selection to it, or Shift+click deselects it).
        was_selected: bool,
    },
    /// Moving the selected components; the gesture's history mark is open.
    DraggingComponents {
        pointer: PointerId,
        /// The gesture's undo mark: every move gathers under it into one undo entry.
        mark: Mark,
        /// What moves, in drawing order.
        ids: Vec<ComponentId>,
        /// The pressed component, whose position snaps to the grid.
        anchor: ComponentId,
        anchor_start: Vec2,
        down_world: Vec2,
        /// Total delta applied so far.
        applied: Vec2,
        /// The datacenter the anchor would end up in if dropped now (the view highlights it).
        drop_group: Option<GroupId>,
    },
    /// Moving a datacenter with its members; the gesture's history mark is open.
    DraggingGroup {
        pointer: PointerId,
        /// The gesture's undo mark.
        mark: Mark,
        id: GroupId,
        start_origin: Vec2,
        down_world: Vec2,
        applied: Vec2,
    },
    /// Resizing a datacenter from its bottom-right handle; the gesture's history mark is open.
    ResizingGroup {
        pointer: PointerId,
        /// The gesture's undo mark.
        mark: Mark,
        id: GroupId,
        start: ModelRect,
        down_world: Vec2,
    },
    /// Moving the camera with the pointer.
    Panning {
        pointer: PointerId,
        last_screen: Vec2,
    },
    /// Drawing a wire from an output port.
    Connecting {
        pointer: PointerId,
        from: OutPortRef,
        /// World position of the output port.
        from_position: Vec2,
        /// World position of the cursor.
        cursor: Vec2,
        /// Every input port the connection rules accept from `from` (the view highlights them).
        valid_targets: Vec<InPortRef>,
        /// The input port under the cursor, if any, with its verdict.
        over: Option<ConnectionTarget>,
    },
    /// Drawing a wire backwards, from an input port towards the output port that will feed it:
    /// the same rules and the same one undo entry as [`ToolState::Connecting`].
    ConnectingFromInput {
        pointer: PointerId,
        to: InPortRef,
        /// World position of the input port.
        to_position: Vec2,
        /// World position of the cursor.
        cursor: Vec2,
        /// Every output port the connection rules accept into `to` (the view highlights them).
        valid_sources: Vec<OutPortRef>,
        /// The output port under the cursor, if any, with its verdict.
        over: Option<SourceTarget>,
    },
    /// Dragging a selection rectangle.
    BoxSelecting {
        pointer: PointerId,
        start_world: Vec2,
        current_world: Vec2,
        /// The selection before the drag (kept when Shift was held, else empty).
        base: Selection,
    },
    /// Drawing a wire from the keyboard: the target is picked with Tab or the arrow keys, Enter
    /// connects, Escape cancels. Nothing changes in the document until Enter.
    KeyboardConnecting {
        from: OutPortRef,
        /// World position of the output port.
        from_position: Vec2,
        /// Every other component's best input port with its verdict, acceptable ones first.
        targets: Vec<ConnectionTarget>,
        /// The acceptable ports among `targets` (the view highlights their cards).
        valid_targets: Vec<InPortRef>,
        /// The target picked now, an index into `targets`.
        current: usize,
    },
    /// Two touch contacts pinch-zoom and pan the camera (the document is untouched).
    Pinching { fingers: TwoFingers },
    /// A palette entry is being dragged over the canvas.
    DraggingFromPalette {
        item: PaletteItem,
        /// The last world position reported over the canvas, if any.
        at: Option<Vec2>,
    },
}

/// The name of a [`ToolState`] without its data: for tests, CSS cursors and debugging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToolKind {
    Idle,
    Pointing,
    DraggingComponents,
    DraggingGroup,
    ResizingGroup,
    Panning,
    Connecting,
    ConnectingFromInput,
    KeyboardConnecting,
    BoxSelecting,
    Pinching,
    DraggingFromPalette,
}

impl ToolState {
    pub fn kind(&self) -> ToolKind {
        match self {
            ToolState::Idle => ToolKind::Idle,
            ToolState::Pointing { .. } => ToolKind::Pointing,
            ToolState::DraggingComponents { .. } => ToolKind::DraggingComponents,
            ToolState::DraggingGroup { .. } => ToolKind::DraggingGroup,
            ToolState::ResizingGroup { .. } => ToolKind::ResizingGroup,
            ToolState::Panning { .. } => ToolKind::Panning,
            ToolState::Connecting { .. } => ToolKind::Connecting,
            ToolState::ConnectingFromInput { .. } => ToolKind::ConnectingFromInput,
            ToolState::KeyboardConnecting { .. } => ToolKind::KeyboardConnecting,
            ToolState::BoxSelecting { .. } => ToolKind::BoxSelecting,
            ToolState::Pinching { .. } => ToolKind::Pinching,
            ToolState::DraggingFromPalette { .. } => ToolKind::DraggingFromPalette,
        }
    }

    /// Whether the state holds an open history mark (a gesture that changes the document).
    pub fn holds_mark(&self) -> bool {
        matches!(
            self,
            ToolState::DraggingComponents { .. }
                | ToolState::DraggingGroup { .. }
                | ToolState::ResizingGroup { .. }
        )
    }

    /// Ends the state, handing back its open history mark, if it holds one, for the caller to
    /// commit or roll back.
    pub(super) fn into_mark(self) -> Option<Mark> {
        match self {
            ToolState::DraggingComponents { mark, .. }
            | ToolState::DraggingGroup { mark, .. }
            | ToolState::ResizingGroup { mark, .. } => Some(mark),
            ToolState::Idle
            | ToolState::Pointing { .. }
            | ToolState::Panning { .. }
            | ToolState::Connecting { .. }
            | ToolState::ConnectingFromInput { .. }
            | ToolState::BoxSelecting { .. }
            | ToolState::KeyboardConnecting { .. }
            | ToolState::Pinching { .. }
            | ToolState::DraggingFromPalette { .. } => None,
        }
    }

    /// The pointer that owns the gesture, if a pointer gesture is in progress.
    pub fn pointer(&self) -> Option<PointerId> {
        match self {
            ToolState::Idle
            | ToolState::KeyboardConnecting { .. }
            | ToolState::DraggingFromPalette { .. } => None,
            ToolState::Pointing { pointer, .. }
            | ToolState::DraggingComponents { pointer, .. }
            | ToolState::DraggingGroup { pointer, .. }
            | ToolState::ResizingGroup { pointer, .. }
            | ToolState::Panning { pointer, .. }
            | ToolState::Connecting { pointer, .. }
            | ToolState::ConnectingFromInput { pointer, .. }
            | ToolState::BoxSelecting { pointer, .. } => Some(*pointer),
            ToolState::Pinching { fingers } => Some(fingers.first.0),
        }
    }

    /// A CSS `cursor` value suiting the state.
    pub fn cursor(&self) -> &'static str {
        match self {
            ToolState::Idle | ToolState::Pointing { .. } => "default",
            ToolState::DraggingComponents { .. } | ToolState::DraggingGroup { .. } => "grabbing",
            ToolState::ResizingGroup { .. } => "nwse-resize",
            ToolState::Panning { .. } => "grabbing",
            ToolState::Connecting { .. }
            | ToolState::ConnectingFromInput { .. }
            | ToolState::KeyboardConnecting { .. } => "crosshair",
            ToolState::BoxSelecting { .. } => "crosshair",
            ToolState::Pinching { .. } => "default",
            ToolState::DraggingFromPalette { .. } => "copy",
        }
    }
}
