//! The transactions view through its window path, at 10,000, 100,000 and 1,000,000 stored
//! transactions: the view opened (summary read, `Tab`, first window and count read from the
//! store, first frame drawn), a frame while paging, a search keystroke to its frame on screen
//! (the key through `update`, the window read on the one open connection as the runner's
//! reader thread does — `tasks::tx_window::perform_with`, with the sorts' orders (`Ranks`)
//! kept beside the connection across keystrokes, as that thread keeps them —, the frame drawn
//! on a 200x50 `TestBackend`), the count that follows, the same keystrokes under the label
//! sort (where a common search is served by the kept order: `pharmacie` typed a key at a time,
//! the first ranked key reading the order), and the first sort by amount and by label (each on
//! a freshly opened store, so nothing of an earlier read helps but the OS's page cache).
//! Medians of several runs; goals (issue 13): keystroke → frame ≤ 16 ms, first sort ≤ 50 ms.
//!
//! Prints `table|<row>|<size>|<value>` lines for `benches/table.sh`.
//!
//! The stores are built once and kept in `target/tmp/first_frame/` (or `$FIRST_FRAME_DIR`),
//! shared with the `first_frame` bench. Run: `cargo bench --bench dashboard_render` (add
//! `-- 100000` for one size only), then `rm -rf target/tmp/first_frame target/release`.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use coffre::app::{Command, Model, Msg, Screen, update};
use coffre::screens::dashboard::Dashboard;
use coffre::store::Store;
use coffre::store::window::Ranks;
use coffre::tasks::tx_window::perform_with;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The store with `rows` transactions, built once and kept (shared with `first_frame`).
fn store_with(rows: usize) -> PathBuf {
    let dir = std::env::var_os("FIRST_FRAME_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("first_frame"),
        PathBuf::from,
    );
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{rows}.sqlite"));
    let done = dir.join(format!("{rows}.done"));
    if done.exists() {
        return path;
    }
    let _ = std::fs::remove_file(&path);
    let Ok(mut store) = Store::open(&path) else {
        panic!("cannot create {}", path.display());
    };
    if let Err(e) = synthetic::fill(&mut store, rows) {
        panic!("cannot write the bench store: {e}");
    }
    drop(store);
    let _ = std::fs::write(&done, "");
    path
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v.get(v.len() / 2)
        .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
}

/// The TUI's model, its store connection with the orders kept beside it, and a terminal.
struct View {
    model: Model,
    store: Store,
    /// The sorts' orders the reader thread keeps between reads of its connection.
    ranks: Ranks,
    terminal: Terminal<TestBackend>,
    /// Counts and facts held back, as the reader serves them after the windows.
    later: Vec<Command>,
}

impl View {
    /// The dashboard opened on `path`, the transactions view on screen; and how long it took.
    fn open(path: &Path) -> (Self, Duration) {
        let started = Instant::now();
        let now: DateTime<Utc> = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
        let Ok(store) = Store::open(path) else {
            panic!("cannot open {}", path.display());
        };
        let Ok(terminal) = Terminal::new(TestBackend::new(200, 50));
        let mut model = Model::new(now, true, None);
        model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
        let mut view = View {
            model,
            store,
            ranks: Ranks::default(),
            terminal,
            later: Vec::new(),
        };
        let summary = coffre::store::load_dashboard_summary(&view.store, now);
        let loaded = Msg::Api(coffre::app::ApiEvent::DashboardLoaded(
            summary.map_err(|e| e.to_string()),
        ));
        let cmds = update(&mut view.model, loaded);
        view.serve(cmds);
        view.key(KeyCode::Tab);
        view.finish();
        (view, started.elapsed())
    }

    /// Serves the windows among `cmds` at once (and what their answers ask for); the counts
    /// and facts wait for [`Self::finish`].
    fn serve(&mut self, mut cmds: Vec<Command>) {
        while let Some(c) = cmds.pop() {
            if matches!(c, Command::ReadTxWindow { .. }) {
                if let Some(answer) = perform_with(&self.store, &mut self.ranks, &c) {
                    cmds.extend(update(&mut self.model, Msg::Api(answer)));
                }
            } else {
                self.later.push(c);
            }
        }
    }

    /// A key, its windows read, its frame drawn.
    fn key(&mut self, code: KeyCode) {
        let cmds = update(&mut self.model, key(code));
        self.serve(cmds);
        self.draw();
    }

    fn draw(&mut self) {
        let _ = self
            .terminal
            .draw(|f| coffre::app::view(&mut self.model, f));
    }

    /// Serves the counts and facts held back.
    fn finish(&mut self) {
        while let Some(c) = self.later.pop() {
            if let Some(answer) = perform_with(&self.store, &mut self.ranks, &c) {
                let more = update(&mut self.model, Msg::Api(answer));
                self.serve(more);
            }
        }
        self.draw();
    }
}

fn time(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn bench(n: usize) {
    let path = store_with(n);
    let mut opens = Vec::new();
    let (mut amount, mut label) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        let (mut view, opened) = View::open(&path);
        opens.push(opened);
        amount.push(time(|| view.key(KeyCode::Char('4'))));
        view.finish();
        let (mut view, _) = View::open(&path);
        label.push(time(|| view.key(KeyCode::Char('3'))));
        view.finish();
    }
    let (mut view, _) = View::open(&path);
    let mut frames = Vec::new();
    for i in 0..30 {
        let cmds = update(
            &mut view.model,
            key(if i % 2 == 0 {
                KeyCode::PageDown
            } else {
                KeyCode::Down
            }),
        );
        view.serve(cmds);
        frames.push(time(|| view.draw()));
    }
    let (mut keys, mut counts, mut rare) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        view.key(KeyCode::Char('/'));
        for c in "cb sncf".chars() {
            keys.push(time(|| view.key(KeyCode::Char(c))));
            counts.push(time(|| view.finish()));
        }
        view.key(KeyCode::Esc);
        view.finish();
        view.key(KeyCode::Char('/'));
        for c in "librairie".chars() {
            rare.push(time(|| view.key(KeyCode::Char(c))));
            view.finish();
        }
        view.key(KeyCode::Esc);
        view.finish();
    }
    // Under the label sort: `p` and `ph` are scanned (no trigram), `pha`… served by the kept
    // label order (read by the first of them, then kept).
    view.key(KeyCode::Char('3'));
    view.finish();
    let (mut short, mut ranked) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        view.key(KeyCode::Char('/'));
        for (i, c) in "pharmacie".chars().enumerate() {
            let took = time(|| view.key(KeyCode::Char(c)));
            if i < 2 {
                short.push(took)
            } else {
                ranked.push(took)
            }
            view.finish();
        }
        view.key(KeyCode::Esc);
        view.finish();
    }
    let (open, frame) = (median(opens), median(frames));
    let worst = |v: &[Duration]| {
        v.iter()
            .max()
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    };
    let (worst_key, worst_count) = (worst(&keys), worst(&counts));
    let (worst_ranked, worst_short) = (worst(&ranked), worst(&short));
    let (ranked_ms, short_ms) = (median(ranked), median(short));
    let (key_ms, count_ms, rare_ms) = (median(keys), median(counts), median(rare));
    let (amount_ms, label_ms) = (median(amount), median(label));
    println!("transactions view (window path) with {n} stored transactions:");
    println!("  opened, first window and count read, drawn {open:>8.1} ms (median of 3)");
    println!("  frame 200x50 while paging                  {frame:>8.1} ms (median of 30)");
    println!(
        "  search keystroke → frame (`cb sncf`)       {key_ms:>8.1} ms (median, goal ≤ 16 ms)"
    );
    println!("  search keystroke → frame (`librairie`)     {rare_ms:>8.1} ms (median)");
    println!("  the count after a keystroke                {count_ms:>8.1} ms (median)");
    println!(
        "  worst keystroke → frame, worst count       {worst_key:>8.1} ms, {worst_count:.1} ms"
    );
    println!(
        "  label sort: keystroke → frame (`pha`…`pharmacie`) {ranked_ms:>6.1} ms (median, worst {worst_ranked:.1} ms)"
    );
    println!(
        "  label sort: keystroke → frame (`p`, `ph`)  {short_ms:>8.1} ms (median, worst {worst_short:.1} ms)"
    );
    println!(
        "  first sort by amount → frame               {amount_ms:>8.1} ms (median of 3, goal ≤ 50 ms)"
    );
    println!(
        "  first sort by label → frame                {label_ms:>8.1} ms (median of 3, goal ≤ 50 ms)"
    );
    println!("table|transactions view opened in process, ms|{n}|{open:.1}");
    println!("table|search keystroke → frame, ms|{n}|{key_ms:.1}");
    println!("table|search keystroke → frame (rare word), ms|{n}|{rare_ms:.1}");
    println!("table|search count after the keystroke, ms|{n}|{count_ms:.1}");
    println!("table|worst search keystroke → frame, ms|{n}|{worst_key:.1}");
    println!("table|search keystroke → frame, label sort (3+ letters), ms|{n}|{ranked_ms:.1}");
    println!(
        "table|worst search keystroke → frame, label sort (3+ letters), ms|{n}|{worst_ranked:.1}"
    );
    println!("table|search keystroke → frame, label sort (1–2 letters), ms|{n}|{short_ms:.1}");
    println!("table|first sort by amount, ms|{n}|{amount_ms:.1}");
    println!("table|first sort by label, ms|{n}|{label_ms:.1}");
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    for n in sizes {
        bench(n);
    }
}
