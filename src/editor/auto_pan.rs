//! Auto-pan: a drag held near the canvas's edge moves the view that way, so a card, a frame's
//! corner, a wire's end or a selection box can reach what is out of view without letting go.
//!
//! The view asks whether the editor wants animation frames ([`Editor::auto_pans`]) after each
//! pointer event and, while it does, sends [`InputEvent::AnimationFrame`] with the wall time
//! since the last one. Each frame pans the camera by the edge's speed times that time and plays
//! the gesture's last pointer move again at the same screen point, so whatever the pointer
//! holds stays under it while the world slides by. The gesture's commands fold into its one
//! undo entry as any move's do; Escape still rolls the document back (the view stays where it
//! panned to, as after any pan).
//!
//! Only the gestures that aim at something in the world pan: dragging cards or a frame,
//! resizing a frame, drawing a wire from either end, and box selection. A press that has not yet
//! become a drag never pans, so grabbing a card that sits at the edge does not move the view.
//!
//! [`InputEvent::AnimationFrame`]: super::InputEvent::AnimationFrame

use super::geometry::{Rect, Vec2};
use super::tool::ToolKind;
use super::{Editor, Response};
use crate::decimal::Within;

/// How deep (CSS pixels) the band along each edge of the visible canvas is where a drag pans.
pub const EDGE_PX: f64 = 32.0;
/// The panning speed with the pointer at or past the edge, in CSS pixels per second.
pub const MAX_SPEED_PX_S: f64 = 900.0;
/// The most wall time one frame accounts for: a frame late after a stall does not jump.
pub const MAX_FRAME_MS: f64 = 50.0;

/// The velocity (CSS pixels per second) at which the view should travel toward the edges near
/// `screen`, within the visible part `area` of the canvas: zero in the middle, growing with
/// the square of how deep the pointer is in an edge's band, at most [`MAX_SPEED_PX_S`] on each
/// axis. On a canvas too small for two bands the bands narrow to a sixth of its side.
pub fn edge_velocity(screen: Vec2, area: Rect) -> Vec2 {
    if !screen.is_finite() {
        return Vec2::ZERO;
    }
    let axis = |at: f64, min: f64, max: f64| -> f64 {
        let band = EDGE_PX.min((max - min) / 6.0);
        if band <= 0.0 {
            return 0.0;
        }
        let speed = |depth: f64| MAX_SPEED_PX_S * (depth.min(band) / band).powi(2);
        if at < min + band {
            -speed(min + band - at)
        } else if at > max - band {
            speed(at - (max - band))
        } else {
            0.0
        }
    };
    Vec2::new(
        axis(screen.x, area.min.x, area.max.x),
        axis(screen.y, area.min.y, area.max.y),
    )
}

impl Editor {
    /// Whether a drag is held near the canvas's edge: the view then sends
    /// [`InputEvent::AnimationFrame`](super::InputEvent::AnimationFrame)s until this is false.
    pub fn auto_pans(&self) -> bool {
        self.auto_pan_velocity() != Vec2::ZERO
    }

    /// The velocity the view travels at for the gesture under way (zero for none).
    fn auto_pan_velocity(&self) -> Vec2 {
        let pans = matches!(
            self.tool.kind(),
            ToolKind::DraggingComponents
                | ToolKind::DraggingGroup
                | ToolKind::ResizingGroup
                | ToolKind::Connecting
                | ToolKind::ConnectingFromInput
                | ToolKind::BoxSelecting
        );
        match self.last_pointer {
            Some(p) if pans && self.tool.pointer() == Some(p.pointer) => {
                let cover = self.cover_within_viewport();
                let area = Rect::from_corners(
                    Vec2::new(cover.left, 0.0),
                    Vec2::new(self.viewport.x, self.viewport.y - cover.bottom),
                );
                edge_velocity(p.screen, area)
            }
            _ => Vec2::ZERO,
        }
    }

    /// One animation frame, `elapsed_ms` after the last: pans toward the edge the drag is held
    /// at and moves the gesture along with it. Ignored when no drag is at an edge.
    pub(super) fn auto_pan(&mut self, elapsed_ms: f64) -> Response {
        let velocity = self.auto_pan_velocity();
        let Some(mut p) = self.last_pointer else {
            return Response::ignored();
        };
        if velocity == Vec2::ZERO {
            return Response::ignored();
        }
        let seconds = if elapsed_ms.is_finite() {
            elapsed_ms.within(0.0, MAX_FRAME_MS) / 1000.0
        } else {
            0.0
        };
        // The view travels with the velocity, so the world slides the other way on screen.
        self.camera.pan_by_screen(velocity.scale(-seconds));
        p.world = self.camera.screen_to_world(p.screen);
        self.pointer_move(p);
        Response::handled()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area() -> Rect {
        Rect::from_corners(Vec2::ZERO, Vec2::new(800.0, 600.0))
    }

    #[test]
    fn the_middle_is_still_and_the_edges_pull_outward() {
        assert_eq!(edge_velocity(Vec2::new(400.0, 300.0), area()), Vec2::ZERO);
        assert_eq!(edge_velocity(Vec2::new(EDGE_PX, 300.0), area()), Vec2::ZERO);
        let left = edge_velocity(Vec2::new(EDGE_PX / 2.0, 300.0), area());
        assert_eq!(left, Vec2::new(-MAX_SPEED_PX_S / 4.0, 0.0));
        let corner = edge_velocity(Vec2::new(799.0, 599.0), area());
        assert!(corner.x > 0.0 && corner.y > 0.0);
    }

    #[test]
    fn past_the_edge_is_full_speed_and_no_faster() {
        let v = edge_velocity(Vec2::new(-500.0, 900.0), area());
        assert_eq!(v, Vec2::new(-MAX_SPEED_PX_S, MAX_SPEED_PX_S));
    }

    #[test]
    fn a_small_canvas_keeps_a_still_middle() {
        let small = Rect::from_corners(Vec2::ZERO, Vec2::new(60.0, 60.0));
        assert_eq!(edge_velocity(Vec2::new(30.0, 30.0), small), Vec2::ZERO);
        assert!(edge_velocity(Vec2::new(2.0, 30.0), small).x < 0.0);
        let none = Rect::from_corners(Vec2::ZERO, Vec2::ZERO);
        assert_eq!(edge_velocity(Vec2::new(0.0, 0.0), none), Vec2::ZERO);
        assert_eq!(edge_velocity(Vec2::new(f64::NAN, 0.0), area()), Vec2::ZERO);
    }
}
