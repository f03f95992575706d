//! Watching the site's sources for `potline serve`: notify behind a debouncer (which pairs the
//! renames of editors' atomic saves), the site's own folders only, and every event sorted into
//! what it touched (content, templates, static files, theme, `site.yaml`) or dropped (editors'
//! temporary and swap files, dot folders, generated folders, reads).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, RecommendedCache, notify};

use crate::config::CONFIG_FILE;
use crate::source::is_ignored;
use crate::{Error, Result};

/// How long a file must stay quiet before its events are passed on.
const DEBOUNCE: Duration = Duration::from_millis(40);
/// How often the debouncer looks at its queue.
const TICK: Duration = Duration::from_millis(10);
/// How often `--poll` looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// What the watcher tells the rebuild loop.
#[derive(Debug)]
pub(crate) enum Message {
    /// These source files or folders changed (absolute paths); the first of their changes was
    /// seen at `seen`.
    Changed { paths: Vec<PathBuf>, seen: Instant },
    /// Events were lost (the system's queue overflowed): rebuild everything.
    Rescan { seen: Instant },
    /// The watcher itself failed; the message says how.
    Error(String),
    /// The server is stopping.
    Stop,
}

/// Which part of the site a changed path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Area {
    /// `site.yaml`.
    Config,
    /// Under `content/`, or a data file under `data/`.
    Content,
    /// Under `templates/` or a theme's `templates/`, or the site's theme strings (`i18n/`).
    Template,
    /// Under `static/` or a theme's `static/`.
    Static,
    /// Anything else of a theme (`theme.yaml`).
    Theme,
}

/// Sorts a path into the part of the site it belongs to; `None` for paths no build reads.
pub(crate) fn classify(root: &Path, path: &Path) -> Option<Area> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for component in rel.components() {
        let Component::Normal(name) = component else {
            return None;
        };
        let name = name.to_str()?;
        if is_ignored(name) {
            return None;
        }
        parts.push(name);
    }
    match parts.as_slice() {
        [CONFIG_FILE] => Some(Area::Config),
        ["content", ..] | ["data", ..] => Some(Area::Content),
        ["static", ..] => Some(Area::Static),
        ["templates", ..] | ["i18n", ..] => Some(Area::Template),
        ["themes", _, "templates", ..] => Some(Area::Template),
        ["themes", _, "static", ..] => Some(Area::Static),
        ["themes", ..] => Some(Area::Theme),
        _ => None,
    }
}

/// Native events (inotify, FSEvents, ...) or polling for file systems without them.
enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Backend {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) {
        // The folder may already be gone, and its watch with it.
        let _ = match self {
            Backend::Native(d) => d.unwatch(path),
            Backend::Poll(d) => d.unwatch(path),
        };
    }
}

/// Watches a site's sources and sends [`Message`]s; stops when dropped.
pub(crate) struct Watcher {
    backend: Backend,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root` (canonical): `site.yaml` and the source folders.
    pub fn start(root: &Path, poll: bool, sender: Sender<Message>) -> Result<Watcher> {
        let handler = event_handler(root.to_path_buf(), sender);
        let backend = if poll {
            // Modification times are compared in whole seconds there: compare contents too,
            // or a second save within the same second would go unseen.
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            notify_debouncer_full::new_debouncer_opt(DEBOUNCE, Some(TICK), handler, NoCache, config)
                .map(Backend::Poll)
        } else {
            notify_debouncer_full::new_debouncer(DEBOUNCE, Some(TICK), handler).map(Backend::Native)
        };
        let mut backend = backend.map_err(|e| watch_error(root, e))?;
        // The root itself, not recursively: `site.yaml`, and source folders appearing.
        backend
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, e))?;
        let mut watcher = Watcher {
            backend,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        watcher.refresh(&[])?;
        Ok(watcher)
    }

    /// Follows source folders that appeared, vanished or were replaced among `changed`.
    pub fn refresh(&mut self, changed: &[PathBuf]) -> Result<()> {
        for name in crate::source::SOURCE_DIRS {
            let dir = self.root.join(name);
            let replaced = changed.contains(&dir);
            let watched = self.watched.contains(&dir);
            if watched && (replaced || !dir.is_dir()) {
                self.backend.unwatch(&dir);
                self.watched.remove(&dir);
            }
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.backend
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&dir, e))?;
                self.watched.insert(dir);
            }
        }
        Ok(())
    }
}

fn watch_error(path: &Path, error: notify::Error) -> Error {
    Error::message(crate::msg!(
        "serve-watch-folder-failed",
        path = path,
        reason = error.to_string()
    ))
}

/// Turns debounced events into messages: only paths a build reads, never mere reads.
fn event_handler(
    root: PathBuf,
    sender: Sender<Message>,
) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |result: DebounceEventResult| {
        let message = match result {
            Ok(events) => {
                // When the system reported the oldest of these changes (the debouncer held
                // them since): how long they have waited is counted from there.
                let seen = events
                    .iter()
                    .map(|e| e.time)
                    .min()
                    .unwrap_or_else(Instant::now);
                if events.iter().any(|e| e.need_rescan()) {
                    Message::Rescan { seen }
                } else {
                    let paths: BTreeSet<PathBuf> = events
                        .iter()
                        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                        .flat_map(|e| e.paths.iter())
                        .filter(|p| classify(&root, p).is_some())
                        .cloned()
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    Message::Changed {
                        paths: paths.into_iter().collect(),
                        seen,
                    }
                }
            }
            Err(errors) => {
                let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
                Message::Error(text.join("; "))
            }
        };
        // The rebuild loop is gone only when the server stops.
        let _ = sender.send(message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_sorted_into_areas() {
        let root = Path::new("/site");
        let area = |p: &str| classify(root, &root.join(p));
        assert_eq!(area("site.yaml"), Some(Area::Config));
        assert_eq!(area("content/news/a.md"), Some(Area::Content));
        assert_eq!(area("content"), Some(Area::Content));
        assert_eq!(area("templates/page.html"), Some(Area::Template));
        assert_eq!(
            area("themes/ingot/templates/base.html"),
            Some(Area::Template)
        );
        assert_eq!(area("themes/ingot/static/css/site.css"), Some(Area::Static));
        assert_eq!(area("static/img/a.png"), Some(Area::Static));
        assert_eq!(area("themes/ingot/theme.yaml"), Some(Area::Theme));
    }

    #[test]
    fn leftovers_and_generated_folders_are_dropped() {
        let root = Path::new("/site");
        for p in [
            "content/news/.a.md.swp",
            "content/news/a.md~",
            "content/news/4913",
            "content/.git/index",
            "content/news/#a.md#",
            "public/index.html",
            "target/debug/potline",
            ".git/HEAD",
            "README.md",
            "site.yaml.tmp",
        ] {
            assert_eq!(classify(root, &root.join(p)), None, "{p}");
        }
        assert_eq!(classify(root, Path::new("/elsewhere/site.yaml")), None);
    }
}
