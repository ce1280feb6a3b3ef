//! Native timing of the editor's hot path: one pointer move of a component drag in a
//! 200-component, 400-wire diagram (the history folds each move into the drag's one command),
//! and routing all 400 wires of that diagram around its cards, as the canvas does after each
//! drag move, and a hover's hit test, which routes the wires it tests.
//!
//! `run()` prints the median and 90th percentile over many pointer moves; `self_test()` runs the
//! same drag with a few moves and checks what the figure depends on (the press lands on the
//! card, the drag moves that card and no other, and it is one undo entry), so a figure that
//! times a drag of nothing cannot pass. Both are called from the crate's bench runner
//! (`benches/main.rs`): `run()` under `cargo bench`, `self_test()` under `cargo test`.
//! Wall-clock time is read here, in the bench, never inside `editor/`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use scalelab::editor::layout;
use scalelab::editor::routing::RouteCache;
use scalelab::editor::{
    Editor, HitTarget, InputEvent, Modifiers, PointerButton, PointerEvent, PointerId, PointerKind,
    ToolKind, ToolState, Vec2,
};
use scalelab::model::{ComponentId, ComponentKind, Diagram, DiagramBuilder, OutPort};

const COMPONENTS: u32 = 200;
const MOVES: usize = 2_000;
/// Pointer moves in the self-test: enough to cross grid lines, a few milliseconds of work.
const SELF_TEST_MOVES: usize = 50;

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
/// Panics unless the press grabbed that component and the drag moved it, and only it, as one
/// undo entry.
fn time_drag(moves: usize) -> Vec<Duration> {
    let diagram = big_diagram();
    let dragged: ComponentId = diagram.components[0].id;
    let start: Vec2 = diagram.components[0].pos.into();
    let mut editor = Editor::new(diagram.clone());
    let down = pointer(&editor, start);
    let pressed_at = down.world;
    editor.handle(InputEvent::PointerDown(down));
    assert!(
        matches!(
            editor.tool(),
            ToolState::Pointing { target: HitTarget::Component(id), .. } if *id == dragged
        ),
        "the press at {pressed_at:?} did not land on the dragged card: {:?}",
        editor.tool()
    );
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
    for before in &diagram.components {
        let after = editor
            .diagram()
            .component(before.id)
            .expect("no card is lost");
        if before.id == dragged {
            assert_ne!(after.pos, before.pos, "the dragged card did not move");
        } else {
            assert_eq!(after.pos, before.pos, "card {:?} moved too", before.id);
        }
    }
    times
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Prints the median (and p90) native time of one drag pointer move.
pub fn run() {
    run_routes();
    let mut times = time_drag(MOVES);
    times.sort();
    println!(
        "editor: drag move, {COMPONENTS} components / {} wires: median {:.2} µs, p90 {:.2} µs over {MOVES} moves",
        COMPONENTS * 2,
        percentile(&times, 0.5).as_secs_f64() * 1e6,
        percentile(&times, 0.9).as_secs_f64() * 1e6,
    );
}

/// Times `passes` routings of every wire of the big diagram with one card moved a little
/// further each pass; returns each pass's time. `remembered`: through one `RouteCache`, as the
/// canvas does after each drag move (routes no moved card could change are kept), else from
/// scratch. Panics unless every route runs from its output port to its input port.
fn time_routes(passes: usize, remembered: bool) -> Vec<Duration> {
    let cache = RouteCache::default();
    let mut diagram = big_diagram();
    let dragged = diagram.components[0].id;
    let mut times = Vec::with_capacity(passes);
    for i in 0..passes {
        if let Some(c) = diagram.component_mut(dragged) {
            c.pos.x = (i as f64 * 7.0) % 900.0;
            c.pos.y = (i as f64 * 3.0) % 500.0;
        }
        let began = Instant::now();
        let obstacles = layout::wire_obstacles(&diagram);
        let routes: Vec<_> = if remembered {
            let mut router = cache.router(obstacles);
            let mut routes = Vec::with_capacity(diagram.wires.len());
            for w in &diagram.wires {
                let from = layout::out_ref_position(&diagram, w.from).expect("placed");
                let to = layout::in_ref_position(&diagram, w.to).expect("placed");
                routes.push(router.route(from, to));
            }
            routes
        } else {
            diagram
                .wires
                .iter()
                .filter_map(|w| layout::wire_route(&diagram, &obstacles, w))
                .collect()
        };
        black_box(&routes);
        times.push(began.elapsed());
        assert_eq!(routes.len(), diagram.wires.len(), "every wire is routed");
        for (w, r) in diagram.wires.iter().zip(&routes) {
            assert_eq!(
                r.points().first().copied(),
                layout::out_ref_position(&diagram, w.from)
            );
            assert_eq!(
                r.points().last().copied(),
                layout::in_ref_position(&diagram, w.to)
            );
        }
    }
    times
}

/// Times `moves` hover hit tests over empty spots between the cards (every wire is tested),
/// with the routes remembered between moves as the editor remembers them (no card moves).
fn time_hover(moves: usize) -> Vec<Duration> {
    let diagram = big_diagram();
    let cache = RouteCache::default();
    let mut times = Vec::with_capacity(moves);
    for i in 0..moves {
        let at = Vec2::new(
            120.0 + (i % 19) as f64 * 240.0,
            80.0 + (i % 9) as f64 * 160.0,
        );
        let began = Instant::now();
        let mut router = cache.router(layout::wire_obstacles(&diagram));
        black_box(layout::hit_test_routed(
            &diagram,
            black_box(at),
            4.0,
            &mut router,
        ));
        drop(router);
        times.push(began.elapsed());
    }
    times
}

/// Prints the median and p90 of `times` as one line.
fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "editor: {what}: median {:.2} µs, p90 {:.2} µs over {} runs",
        percentile(&times, 0.5).as_secs_f64() * 1e6,
        percentile(&times, 0.9).as_secs_f64() * 1e6,
        times.len(),
    );
}

/// Prints the routing figures (see `time_routes`, `time_hover`).
pub fn run_routes() {
    report(
        &format!(
            "route all {} wires from scratch, {COMPONENTS} cards",
            COMPONENTS * 2
        ),
        time_routes(300, false),
    );
    report(
        &format!(
            "route all {} wires after one card moved, remembered routes kept",
            COMPONENTS * 2
        ),
        time_routes(300, true),
    );
    report(
        &format!(
            "hover hit test, {COMPONENTS} cards / {} wires, routes remembered",
            COMPONENTS * 2
        ),
        time_hover(300),
    );
}

/// Runs the drag briefly and checks it (see `time_drag`); prints one line, panics on failure.
pub fn self_test() {
    let times = time_drag(SELF_TEST_MOVES);
    assert_eq!(times.len(), SELF_TEST_MOVES);
    println!("editor: drag self-test ok ({SELF_TEST_MOVES} moves, the card moved, one undo entry)");
    assert_eq!(time_routes(3, false).len(), 3);
    assert_eq!(time_routes(3, true).len(), 3);
    println!("editor: routing self-test ok (every wire routed from its port to its port)");
}
