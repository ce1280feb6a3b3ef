//! Native timing of the editor's hot path: one pointer move of a component drag in a
//! 200-component, 400-wire diagram (the history folds each move into the drag's one command).
//!
//! `run()` prints the median and 90th percentile over many pointer moves. It is meant to be
//! called from the crate's bench runner (`mod editor; editor::run()`); compiled on its own as a
//! bench target, its one test runs it once so the timing code keeps compiling and working.
//! Wall-clock time is read here, in the bench, never inside `editor/`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use scalelab::editor::{
    Editor, InputEvent, Modifiers, PointerButton, PointerEvent, PointerId, PointerKind, ToolKind,
    Vec2,
};
use scalelab::model::{ComponentId, ComponentKind, Diagram, DiagramBuilder, OutPort};

const COMPONENTS: u32 = 200;
const MOVES: usize = 2_000;

/// A grid of 200 web-server cards, each wired to its next and its seventh neighbour (400 wires).
/// The wires only need their ports to exist; the connection rules are not the point here.
fn big_diagram() -> Diagram {
    let mut b = DiagramBuilder::new();
    let ids: Vec<ComponentId> = (0..COMPONENTS)
        .map(|i| {
            let (x, y) = (f64::from(i % 20) * 240.0, f64::from(i / 20) * 160.0);
            b.add(ComponentKind::WebServers).at(x, y).id()
        })
        .collect();
    for (i, from) in ids.iter().enumerate() {
        for step in [1, 7] {
            let to = ids[(i + step) % ids.len()];
            b.wire_ignoring_rules(*from, OutPort::Data, to);
        }
    }
    assert!(b.problems().is_empty(), "{:?}", b.problems());
    b.finish()
}

fn pointer(editor: &Editor, screen: Vec2) -> PointerEvent {
    PointerEvent {
        pointer: PointerId(1),
        kind: PointerKind::Mouse,
        button: PointerButton::Primary,
        modifiers: Modifiers::NONE,
        screen,
        world: editor.world_at(screen),
    }
}

/// Times `moves` pointer moves of a drag of the first component; returns each move's time.
fn time_drag(moves: usize) -> Vec<Duration> {
    let diagram = big_diagram();
    let dragged: ComponentId = diagram.components[0].id;
    let start: Vec2 = diagram.components[0].pos.into();
    let mut editor = Editor::new(diagram);
    let down = pointer(&editor, start);
    editor.handle(InputEvent::PointerDown(down));
    let mut times = Vec::with_capacity(moves);
    for i in 0..moves {
        // A wandering path, far enough to cross grid lines on most moves.
        let t = i as f64;
        let at = start + Vec2::new(15.0 + (t * 0.37).sin() * 400.0, 15.0 + t % 300.0);
        let event = InputEvent::PointerMove(pointer(&editor, at));
        let began = Instant::now();
        black_box(editor.handle(black_box(event)));
        times.push(began.elapsed());
    }
    assert_eq!(editor.tool().kind(), ToolKind::DraggingComponents);
    let end = pointer(&editor, start + Vec2::new(100.0, 100.0));
    editor.handle(InputEvent::PointerUp(end));
    assert_eq!(editor.history().undo_len(), 1, "the drag is one undo entry");
    assert!(editor.diagram().component(dragged).is_some());
    times
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Prints the median (and p90) native time of one drag pointer move.
pub fn run() {
    let mut times = time_drag(MOVES);
    times.sort();
    println!(
        "editor: drag move, {COMPONENTS} components / {} wires: median {:.2} µs, p90 {:.2} µs over {MOVES} moves",
        COMPONENTS * 2,
        percentile(&times, 0.5).as_secs_f64() * 1e6,
        percentile(&times, 0.9).as_secs_f64() * 1e6,
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bench_runs_and_its_drag_is_one_undo_entry() {
        super::run();
    }
}
