//! Interaction state: camera, selection, hover, the tool state machine, commands and undo.
//!
//! Pure Rust fed with [`InputEvent`]s carrying world and screen positions; it knows nothing of
//! the DOM, reads no clock and draws no random numbers. Camera and selection are session state:
//! they never enter the undo history, the file or the URL, and changing them never clears redo.
//!
//! The document changes only through [`Command`]s applied by the [`History`], so every change
//! can be undone; a pointer gesture that changes the document (a drag, a resize) owns one
//! history mark in its tool state from its start to its end and becomes one undo entry, or is
//! rolled back whole by Escape, `Cancel` or `Blur`. A second touch contact during a one-finger
//! gesture rolls that gesture back the same way and starts a pinch, so touch never leaves a drag
//! half done. Keyboard shortcuts, toolbar buttons and menu items all run the same [`Action`]s
//! from one registry ([`actions::ACTIONS`]).
//!
//! Module map: [`geometry`] and [`camera`] are plain maths; [`layout`] says where cards, ports
//! and frames are and what a point hits; [`history`] is generic undo/redo; [`command`] the
//! document edits; [`input`] the events; [`tool`] the gesture states; [`selection`] the picked
//! items; [`gesture`] two-finger pinch and pan; [`actions`] the command registry;
//! [`context_menu`] the canvas menu's entries, placement and keyboard moves; [`clipboard`] the
//! copy/paste format; [`form`] the card summaries and inspector fields, [`number`] numbers as typed into them, [`form_order`] their
//! order and groups by meaning with each field's help; [`traffic`] the run
//! panel's traffic profile form. The editor's behaviour is split by job over private files,
//! each adding to [`Editor`]'s methods: `events` (the one entry point, [`Editor::handle`],
//! routing each event to its job), `pointer` (the pointer transitions of the tool state
//! machine and the end of a gesture), `keyboard` (keys and keyboard wiring), `run_actions`
//! (what each action does and when it is enabled), `document_ops` (every document edit, as
//! commands through the history) and `picking` (what a point or rectangle picks, where a wire
//! would end), `tap_wire` (tap a port, then a card: wiring by touch),
//! `viewport` (the canvas's size: the first fit, and keeping the diagram in view
//! when it changes). This file holds the [`Editor`] itself, what the view reads from it, and the
//! session state the view may replace (selection, settings, camera, a whole new document).

pub mod actions;
pub mod auto_pan;
pub mod camera;
pub mod clipboard;
pub mod command;
pub mod context_menu;
mod document_ops;
mod events;
pub mod form;
pub mod form_order;
pub mod geometry;
pub mod gesture;
pub mod history;
pub mod input;
mod keyboard;
pub mod layout;
pub mod notice;
pub mod number;
mod picking;
pub mod placement;
mod pointer;
pub mod routing;
mod run_actions;
pub mod selection;
mod tap_wire;
pub mod tool;
pub mod traffic;
mod viewport;

pub use actions::{ACTIONS, Action, ActionSpec, Shortcut};
pub use camera::Camera;
pub use command::{Command, CommandError};
pub use geometry::{Rect, Vec2};
pub use history::{History, HistoryError, Mark};
pub use input::{
    InputEvent, Key, Modifiers, PaletteItem, PointerButton, PointerEvent, PointerId, PointerKind,
};
pub use layout::HitTarget;
pub use selection::{Selectable, Selection};
pub use tool::{ConnectionTarget, SourceTarget, ToolKind, ToolState};
pub use viewport::Cover;

use crate::model::{Diagram, GroupId, InPortRef, OutPortRef};
use crate::present::lang::Lang;
use crate::present::say;
pub use notice::{Announcement, EditFailure, Notice, PortMention, WireRefusal};

/// The size of a new datacenter frame, in world units.
pub const DATACENTER_SIZE: Vec2 = Vec2::new(480.0, 360.0);

/// Tunable behaviour; the defaults suit a mouse on a desktop browser.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorSettings {
    /// Grid spacing in world units.
    pub grid: f64,
    /// Whether drags, drops and new components snap to the grid (Alt held disables it for one
    /// gesture).
    pub snap: bool,
    /// How far (screen pixels) a pressed pointer must move before a press becomes a drag.
    pub drag_threshold_px: f64,
    /// How close (screen pixels) the pointer must be to a port or wire to hit it.
    pub hit_radius_px: f64,
    /// Padding (screen pixels) left around the diagram by fit-to-view.
    pub fit_padding_px: f64,
    /// Whether a plain upright wheel zooms (a mouse's wheel, the default); otherwise it pans,
    /// as a trackpad's two-finger scroll expects. Ctrl/Cmd+wheel and a pinch zoom either way.
    pub wheel_zooms: bool,
    /// Whether a scroll that looks like a trackpad's, met while the wheel zooms, may say once
    /// that a wheel that pans can be chosen (off once the person has chosen either way).
    pub wheel_hint: bool,
    /// How far (world units) each successive paste is offset from the copied items.
    pub paste_offset: f64,
}

impl Default for EditorSettings {
    fn default() -> Self {
        EditorSettings {
            grid: 20.0,
            snap: true,
            drag_threshold_px: 4.0,
            hit_radius_px: 8.0,
            fit_padding_px: 48.0,
            wheel_zooms: true,
            wheel_hint: true,
            paste_offset: 40.0,
        }
    }
}

/// What the view must do after an event, besides re-rendering.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Response {
    /// Whether the editor used the event (the view then calls `preventDefault`).
    pub handled: bool,
    /// A side effect only the view can perform.
    pub effect: Option<Effect>,
}

impl Response {
    fn handled() -> Self {
        Response {
            handled: true,
            effect: None,
        }
    }

    fn ignored() -> Self {
        Response::default()
    }

    fn with(effect: Effect) -> Self {
        Response {
            handled: true,
            effect: Some(effect),
        }
    }
}

/// A side effect the editor asks the view to perform.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Put this text on the system clipboard (copy, cut).
    WriteClipboard(String),
    /// Read the clipboard and send its text back as [`InputEvent::Paste`].
    ReadClipboard,
    /// Open the context menu for `item` (already selected), pointing at `at`: a position
    /// relative to the canvas element, in CSS pixels.
    /// `item`: what the menu acts on, or `None` for the empty canvas's menu.
    OpenContextMenu { item: Option<Selectable>, at: Vec2 },
}

/// A wire being drawn: from an output port to the cursor or the port it would snap to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GhostWire {
    pub from: Vec2,
    pub to: Vec2,
    /// `Some(true)` over a valid input port, `Some(false)` over a refused one, `None` elsewhere.
    pub valid: Option<bool>,
}

/// The editor: the document with its undo history and the session state around it.
#[derive(Debug)]
pub struct Editor {
    diagram: Diagram,
    history: History<Command>,
    camera: Camera,
    selection: Selection,
    hover: HitTarget,
    tool: ToolState,
    settings: EditorSettings,
    /// The canvas size in CSS pixels.
    viewport: Vec2,
    /// Whether Space is held (Space+drag pans).
    space_held: bool,
    /// Whether the palette drag under way was cancelled (Escape): the browser still ends it
    /// with a drop, which must add nothing.
    palette_drag_cancelled: bool,
    /// Whether the trackpad's notice ([`Notice::WheelCanPan`]) has been shown.
    wheel_hinted: bool,
    /// A message for the user about the last refused action, until the next gesture.
    notice: Option<Notice>,
    /// The notice worded in `lang` (kept so [`Editor::notice`] can lend it).
    notice_words: Option<String>,
    /// What a screen reader should say about keyboard wiring (the view's live region).
    announcement: Option<Announcement>,
    /// The announcement worded in `lang`.
    announcement_words: Option<String>,
    /// The screen language: new components are labelled in it, and the notice and the
    /// announcement are worded in it. Session state: never in the history, the file or the URL.
    lang: Lang,
    /// How many times the current clipboard content has been pasted (each paste shifts further).
    paste_count: u32,
    /// Touch contacts down on the canvas, by pointer id, at their last screen positions.
    touches: Vec<(PointerId, Vec2)>,
    /// A wire aimed by touch (`tap_wire`), set aside while a finger pressed elsewhere: given
    /// back if that press pans or pinches the view, dropped if it taps or drags anything.
    aim_set_aside: Option<tool::ToolState>,
    /// The camera the last fit set: while the camera is still it, a new canvas size fits
    /// again (`viewport`).
    fitted: viewport::FittedCamera,
    /// What panels (a lesson's) cover of the canvas's edges: fits leave it out (`viewport`).
    cover: Cover,
    /// Wire routes remembered while no card moves (a cache: never part of the document).
    routes: routing::RouteCache,
    /// The last pointer press or move: a drag held near the edge plays it again as the view
    /// pans under it (`auto_pan`).
    last_pointer: Option<PointerEvent>,
}

impl Default for Editor {
    fn default() -> Self {
        Editor::new(Diagram::new())
    }
}

impl Editor {
    /// An editor over `diagram`, with empty history, default camera and settings.
    pub fn new(diagram: Diagram) -> Self {
        Editor::with_settings(diagram, EditorSettings::default())
    }

    pub fn with_settings(diagram: Diagram, settings: EditorSettings) -> Self {
        Editor {
            diagram,
            history: History::new(),
            camera: Camera::default(),
            selection: Selection::default(),
            hover: HitTarget::Canvas,
            tool: ToolState::Idle,
            settings,
            viewport: Vec2::new(1024.0, 768.0),
            space_held: false,
            palette_drag_cancelled: false,
            wheel_hinted: false,
            notice: None,
            notice_words: None,
            announcement: None,
            announcement_words: None,
            lang: Lang::En,
            paste_count: 0,
            touches: Vec::new(),
            aim_set_aside: None,
            fitted: None,
            cover: Cover::NONE,
            routes: routing::RouteCache::default(),
            last_pointer: None,
        }
    }

    // ----- what the view reads -----

    /// A router for the wires of the document as it is now: the view draws, the run's flows
    /// follow and hit testing measures the routes it gives (remembered while no card moves).
    pub fn wire_router(&self) -> routing::Router<'_> {
        self.routes.router(layout::wire_obstacles(&self.diagram))
    }

    /// The document.
    pub fn diagram(&self) -> &Diagram {
        &self.diagram
    }

    /// The undo history (for `can_undo`/`can_redo`).
    pub fn history(&self) -> &History<Command> {
        &self.history
    }

    pub fn camera(&self) -> &Camera {
        &self.camera
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// What the pointer is over while idle (the view highlights it).
    pub fn hover(&self) -> HitTarget {
        self.hover
    }

    /// The gesture in progress.
    pub fn tool(&self) -> &ToolState {
        &self.tool
    }

    pub fn settings(&self) -> &EditorSettings {
        &self.settings
    }

    /// The canvas size in CSS pixels, as last reported.
    pub fn viewport(&self) -> Vec2 {
        self.viewport
    }

    /// The world position under a screen position (the view calls this to build pointer events).
    pub fn world_at(&self, screen: Vec2) -> Vec2 {
        self.camera.screen_to_world(screen)
    }

    /// A message about the last refused action (an invalid wire dropped, a paste that held no
    /// components), shown until the next gesture, worded in the editor's language.
    pub fn notice(&self) -> Option<&str> {
        self.notice_words.as_deref()
    }

    /// The notice as a typed value (`say::notice(lang, ..)` words it).
    pub fn notice_value(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// What the keyboard wiring has to say (the target picked, a connection made or refused),
    /// for the view's polite live region; cleared by the next pointer press. Worded in the
    /// editor's language.
    pub fn announcement(&self) -> Option<&str> {
        self.announcement_words.as_deref()
    }

    /// The announcement as a typed value (`say::announcement(lang, ..)` words it).
    pub fn announcement_value(&self) -> Option<&Announcement> {
        self.announcement.as_ref()
    }

    /// The screen language the editor labels new components in and words its messages in.
    pub fn language(&self) -> Lang {
        self.lang
    }

    /// Sets the screen language (session state: no undo entry, nothing in the file). The
    /// notice and the announcement showing are worded anew; labels already given stay.
    pub fn set_language(&mut self, lang: Lang) {
        self.lang = lang;
        self.set_notice(self.notice.clone());
        self.set_announcement(self.announcement.clone());
    }

    /// Shows `notice` (or clears it), worded in the editor's language.
    pub(crate) fn set_notice(&mut self, notice: Option<Notice>) {
        self.notice_words = notice.as_ref().map(|n| say::notice(self.lang, n));
        self.notice = notice;
    }

    /// Says `announcement` (or clears it), worded in the editor's language.
    pub(crate) fn set_announcement(&mut self, announcement: Option<Announcement>) {
        self.announcement_words = announcement
            .as_ref()
            .map(|a| say::announcement(self.lang, a));
        self.announcement = announcement;
    }

    /// The target picked while wiring from the keyboard (the view outlines its card).
    pub fn keyboard_target(&self) -> Option<&ConnectionTarget> {
        match &self.tool {
            ToolState::KeyboardConnecting {
                targets, current, ..
            } => targets.get(*current),
            _ => None,
        }
    }

    /// The selection rectangle in world units while box selecting.
    pub fn box_select_rect(&self) -> Option<Rect> {
        match &self.tool {
            ToolState::BoxSelecting {
                start_world,
                current_world,
                ..
            } => Some(Rect::from_corners(*start_world, *current_world)),
            _ => None,
        }
    }

    /// The wire being drawn while connecting.
    pub fn ghost_wire(&self) -> Option<GhostWire> {
        match &self.tool {
            ToolState::Connecting {
                from_position,
                cursor,
                over,
                ..
            } => {
                let (to, valid) = match over {
                    Some(target) => {
                        let snapped = layout::in_ref_position(&self.diagram, target.port);
                        match target.verdict {
                            Ok(()) => (snapped.unwrap_or(*cursor), Some(true)),
                            Err(_) => (*cursor, Some(false)),
                        }
                    }
                    None => (*cursor, None),
                };
                Some(GhostWire {
                    from: *from_position,
                    to,
                    valid,
                })
            }
            ToolState::ConnectingFromInput {
                to_position,
                cursor,
                over,
                ..
            } => {
                let (from, valid) = match over {
                    Some(source) => {
                        let snapped = layout::out_ref_position(&self.diagram, source.port);
                        match source.verdict {
                            Ok(()) => (snapped.unwrap_or(*cursor), Some(true)),
                            Err(_) => (*cursor, Some(false)),
                        }
                    }
                    None => (*cursor, None),
                };
                Some(GhostWire {
                    from,
                    to: *to_position,
                    valid,
                })
            }
            ToolState::KeyboardConnecting {
                from_position,
                targets,
                current,
                ..
            } => {
                let target = targets.get(*current)?;
                Some(GhostWire {
                    from: *from_position,
                    to: layout::in_ref_position(&self.diagram, target.port)
                        .or_else(|| {
                            self.diagram
                                .component(target.port.component)
                                .map(|c| c.pos.into())
                        })
                        .unwrap_or(*from_position),
                    valid: Some(target.verdict.is_ok()),
                })
            }
            _ => None,
        }
    }

    /// Input ports a wire being drawn may end at (empty unless connecting).
    pub fn valid_targets(&self) -> &[InPortRef] {
        match &self.tool {
            ToolState::Connecting { valid_targets, .. }
            | ToolState::KeyboardConnecting { valid_targets, .. } => valid_targets,
            _ => &[],
        }
    }

    /// Output ports a wire being drawn backwards from an input port may start at (empty unless
    /// drawing one).
    pub fn valid_sources(&self) -> &[OutPortRef] {
        match &self.tool {
            ToolState::ConnectingFromInput { valid_sources, .. } => valid_sources,
            _ => &[],
        }
    }

    /// Why the input port under the cursor refuses the wire being drawn, while hovering it.
    /// Worded in the editor's language; [`Editor::refusal_value`] is the typed reason.
    pub fn refusal(&self) -> Option<String> {
        self.refusal_value()
            .map(|reason| say::wire_refusal(self.lang, reason))
    }

    /// Why the input port under the cursor (or picked from the keyboard) refuses the wire.
    pub fn refusal_value(&self) -> Option<&WireRefusal> {
        if let Some(ConnectionTarget {
            verdict: Err(reason),
            ..
        }) = self.keyboard_target()
        {
            return Some(reason);
        }
        match &self.tool {
            ToolState::Connecting {
                over:
                    Some(ConnectionTarget {
                        verdict: Err(reason),
                        ..
                    }),
                ..
            } => Some(reason),
            ToolState::ConnectingFromInput {
                over:
                    Some(SourceTarget {
                        verdict: Err(reason),
                        ..
                    }),
                ..
            } => Some(reason),
            _ => None,
        }
    }

    /// The datacenter a drag in progress would drop into (the view highlights its frame).
    pub fn drop_group(&self) -> Option<GroupId> {
        match &self.tool {
            ToolState::DraggingComponents { drop_group, .. } => *drop_group,
            _ => None,
        }
    }

    /// Where a palette drag would place its item (the centre of the card or datacenter frame).
    pub fn palette_ghost(&self) -> Option<(PaletteItem, Vec2)> {
        match &self.tool {
            ToolState::DraggingFromPalette { item, at: Some(at) } => {
                Some((*item, self.snapped(*at, Modifiers::NONE)))
            }
            _ => None,
        }
    }

    // ----- session changes from outside the canvas -----

    /// Replaces the document (a file opened, a link loaded): history, selection and gesture are
    /// reset; the camera fits the new diagram.
    pub fn load(&mut self, diagram: Diagram) {
        self.cancel_gesture();
        self.diagram = diagram;
        self.history = History::new();
        self.fresh_view();
    }

    /// Replaces the document with `diagram` (an opened file or link over work) as one undo
    /// entry: Undo brings the replaced document back, where [`Editor::load`] forgets it.
    pub fn open_replacing(&mut self, diagram: Diagram) {
        self.cancel_gesture();
        let replace = Command::ReplaceDiagram(Box::new(diagram.clone()));
        if self.history.apply(&replace, &mut self.diagram).is_err() {
            self.load(diagram);
            return;
        }
        self.fresh_view();
    }

    /// A document just opened: nothing selected, hovered or said, pastes counted afresh, and
    /// the camera fitted to it.
    fn fresh_view(&mut self) {
        self.selection = Selection::default();
        self.hover = HitTarget::Canvas;
        self.set_notice(None);
        self.set_announcement(None);
        self.paste_count = 0;
        self.fit_to_view();
    }

    /// Opens an example (built with English labels), named in the editor's language
    /// ([`notice::name_example`]), then loads it like [`Editor::load`]. A file or a link is
    /// loaded as it is, with [`Editor::load`].
    pub fn load_example(&mut self, mut diagram: Diagram) {
        notice::name_example(&mut diagram, self.lang);
        self.load(diagram);
    }

    /// Replaces the selection (the view's outline panel, say).
    pub fn set_selection(&mut self, mut selection: Selection) {
        selection.prune(&self.diagram);
        self.selection = selection;
    }

    /// Replaces the settings (the view's "snap to grid" toggle, say). Takes effect from the next
    /// event; a gesture in progress keeps going. The notice pointing to the wheel's choice goes
    /// once the choice is made.
    pub fn set_settings(&mut self, settings: EditorSettings) {
        if !settings.wheel_hint && self.notice == Some(Notice::WheelCanPan) {
            self.set_notice(None);
        }
        self.settings = settings;
    }

    /// Replaces the camera (restoring a saved view).
    pub fn set_camera(&mut self, camera: Camera) {
        self.camera = Camera {
            offset: camera.offset,
            zoom: camera::clamp_zoom(camera.zoom),
        };
    }

    // ----- helpers shared by the files of the editor -----

    fn snapped(&self, world: Vec2, modifiers: Modifiers) -> Vec2 {
        if self.settings.snap && !modifiers.alt {
            geometry::snap_to_grid(world, self.settings.grid)
        } else {
            world
        }
    }
}
