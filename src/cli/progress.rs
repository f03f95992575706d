//! Progress of long work on standard error (indicatif), drawn as cargo draws its own: only on a
//! terminal (see [`super::terminal::progress_allowed`]), and only once the work has taken
//! [`DELAY`], so quick commands print nothing more than they did. A bar is cleared when the work
//! ends; what the command prints afterwards is unchanged.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before its progress is shown.
pub const DELAY: Duration = Duration::from_secs(1);

/// A progress bar (or a spinner, while the amount of work is unknown) that shows itself after
/// [`DELAY`] on a terminal, and never elsewhere.
pub struct Progress {
    bar: ProgressBar,
    /// Set once the work ended: a bar not shown yet must not appear afterwards.
    ended: Arc<Mutex<bool>>,
}

impl Progress {
    /// Starts counting; `message` says what is being done.
    pub fn start(message: String) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
            .with_style(spinner_style())
            .with_message(message);
        let ended = Arc::new(Mutex::new(false));
        if super::terminal::progress_allowed() {
            let (bar, ended) = (bar.clone(), Arc::clone(&ended));
            // Detached: it only sleeps, then shows the bar unless the work is over.
            let _ = std::thread::Builder::new()
                .name("potline-progress".into())
                .spawn(move || {
                    std::thread::sleep(DELAY);
                    let ended = ended.lock().unwrap_or_else(PoisonError::into_inner);
                    if !*ended {
                        bar.set_draw_target(ProgressDrawTarget::stderr());
                        bar.enable_steady_tick(Duration::from_millis(120));
                    }
                });
        }
        Progress { bar, ended }
    }

    /// Progress never shown (`--quiet`).
    pub fn hidden() -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
            ended: Arc::new(Mutex::new(true)),
        }
    }

    /// Says what is being done now.
    pub fn message(&self, message: String) {
        self.bar.set_message(message);
    }

    /// `done` of `total` steps are done: the spinner becomes a bar.
    pub fn count(&self, done: usize, total: usize) {
        if self.bar.length() != Some(total as u64) {
            self.bar.set_length(total as u64);
            self.bar.set_style(bar_style());
        }
        self.bar.set_position(done as u64);
    }

    /// The amount of work is unknown again: back to a spinner.
    pub fn uncounted(&self) {
        if self.bar.length().is_some() {
            self.bar.set_style(spinner_style());
            self.bar.unset_length();
        }
    }

    /// Prints a line on standard error above the bar (which is drawn again below it).
    pub fn say(&self, line: &str) {
        use std::io::Write as _;
        // A closed standard error must not stop the work.
        self.bar
            .suspend(|| writeln!(std::io::stderr().lock(), "{line}"))
            .ok();
    }

    /// Ends the work: the bar is cleared (or never shown).
    pub fn finish(&self) {
        let mut ended = self.ended.lock().unwrap_or_else(PoisonError::into_inner);
        *ended = true;
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}")
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}
