//! The rebuild loop of `potline serve`, on its own thread: takes each batch of changes (see
//! `batch`), runs the one build pipeline (`Builder::invalidate`, then `render`), makes the new
//! in-memory snapshot, swaps it in, and only then tells the open pages. A failed build keeps
//! the last good one served and puts its errors over every page.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use super::batch::next_batch;
use super::reload::{LiveEvent, overlay_html};
use super::report::{BuildSummary, FailureSummary, Reporter, ServeEvent, Trigger};
use super::snapshot::{SiteFolders, SiteSnapshot};
use super::state::{Failure, Published, Shared};
use super::watch::{Message, Watcher};
use crate::build::{BuildOptions, Builder, RenderedSite};
use crate::config::CONFIG_FILE;
use crate::diagnostics::Diagnostic;
use crate::source::relative_slash_path;
use crate::{Error, Result};

/// Owns the [`Builder`] and publishes what it builds.
pub(crate) struct Rebuilder {
    builder: Builder,
    options: BuildOptions,
    root: PathBuf,
    shared: Arc<Shared>,
    reporter: Reporter,
    instance: String,
    generation: u64,
    warnings: Vec<Diagnostic>,
}

impl Rebuilder {
    pub fn new(
        options: BuildOptions,
        shared: Arc<Shared>,
        reporter: Reporter,
        instance: String,
    ) -> Self {
        Rebuilder {
            builder: watched_builder(&options),
            root: options.root.clone(),
            options,
            shared,
            reporter,
            instance,
            generation: 0,
            warnings: Vec::new(),
        }
    }

    /// The build before the server answers its first request.
    pub fn first_build(&mut self) {
        self.build(Trigger::Start, Instant::now());
    }

    /// Builds after every batch of changes until told to stop.
    pub fn run(mut self, receiver: Receiver<Message>, mut watcher: Watcher) {
        loop {
            let batch = next_batch(&receiver, &self.reporter);
            if batch.stop {
                return;
            }
            if batch.is_empty() {
                continue;
            }
            let started = Instant::now();
            let mut changed: Vec<PathBuf> = batch.paths.into_keys().collect();
            if let Err(error) = watcher.refresh(&changed) {
                let message = match error {
                    Error::Message(message) => message,
                    other => crate::msg!("serve-watch-failed", reason = other.to_string()),
                };
                (self.reporter)(&ServeEvent::Warning(message));
            }
            let trigger = if batch.rescan {
                // A change to `site.yaml` drops every cache.
                changed.push(self.root.join(CONFIG_FILE));
                Trigger::Rescan
            } else {
                Trigger::Changed(
                    changed
                        .iter()
                        .map(|p| relative_slash_path(&self.root, p))
                        .collect(),
                )
            };
            self.builder.invalidate(&changed);
            self.build(trigger, started);
        }
    }

    fn build(&mut self, trigger: Trigger, started: Instant) {
        let result = self.render().and_then(|site| {
            let previous = self.shared.published();
            let build_id = format!("{}-{}", self.instance, self.generation + 1);
            let (snapshot, refused) = SiteSnapshot::new(
                &site.outputs,
                &previous.snapshot,
                &SiteFolders::of(&self.root),
                build_id,
            )?;
            Ok((site, previous, snapshot, refused))
        });
        match result {
            Ok((site, previous, snapshot, refused)) => {
                self.publish(site, &previous, snapshot, trigger, started);
                for warning in refused {
                    (self.reporter)(&ServeEvent::Warning(warning));
                }
            }
            Err(error) => self.fail(&error, trigger),
        }
    }

    /// Renders, turning a panic of the build into an error instead of a dead rebuild thread.
    fn render(&mut self) -> Result<RenderedSite> {
        match catch_unwind(AssertUnwindSafe(|| self.builder.render())) {
            Ok(result) => result,
            Err(panic) => {
                // Its caches may be half-updated: start afresh.
                self.builder = watched_builder(&self.options);
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(Error::message(crate::msg!(
                    "serve-build-panicked",
                    what = what
                )))
            }
        }
    }

    fn publish(
        &mut self,
        site: RenderedSite,
        previous: &Published,
        snapshot: SiteSnapshot,
        trigger: Trigger,
        started: Instant,
    ) {
        let changes = snapshot.changes_since(&previous.snapshot);
        let was_failing = previous.failure.is_some();
        let (snapshot, event) = if changes.is_empty() && !previous.snapshot.is_empty() {
            // Same bytes as what open pages show: they need no reload, unless they show errors.
            let event = was_failing.then(|| LiveEvent::Reload {
                build: previous.snapshot.build_id.clone(),
            });
            (Arc::clone(&previous.snapshot), event)
        } else {
            self.generation += 1;
            let build = snapshot.build_id.clone();
            let event = if changes.css_only() && !was_failing {
                LiveEvent::Css {
                    build,
                    paths: changes.changed.iter().map(|p| format!("/{p}")).collect(),
                }
            } else {
                LiveEvent::Reload { build }
            };
            (Arc::new(snapshot), Some(event))
        };
        let css_only = matches!(event, Some(LiveEvent::Css { .. }));
        let total = snapshot.len();
        self.shared.publish(
            Published {
                snapshot,
                failure: None,
            },
            event,
        );
        let new_warnings = site
            .report
            .warnings
            .iter()
            .filter(|w| !self.warnings.contains(w))
            .cloned()
            .collect();
        self.warnings.clone_from(&site.report.warnings);
        let mut report = site.report;
        report.written = changes.changed.len();
        report.unchanged = total.saturating_sub(report.written);
        (self.reporter)(&ServeEvent::Built(BuildSummary {
            trigger,
            report,
            removed: changes.removed.len(),
            css_only,
            new_warnings,
            elapsed: started.elapsed(),
        }));
    }

    fn fail(&mut self, error: &Error, trigger: Trigger) {
        let messages = describe(error);
        let previous = self.shared.published();
        let serving_previous = !previous.snapshot.is_empty();
        let overlay: Arc<str> = overlay_html(&messages, serving_previous).into();
        let failure = Failure {
            messages: messages.clone(),
            overlay: Arc::clone(&overlay),
        };
        let published = Published {
            snapshot: Arc::clone(&previous.snapshot),
            failure: Some(Arc::new(failure)),
        };
        self.shared
            .publish(published, Some(LiveEvent::Failure { overlay }));
        // The next successful build shows its warnings again.
        self.warnings.clear();
        (self.reporter)(&ServeEvent::Failed(FailureSummary {
            trigger,
            messages,
            serving_previous,
        }));
    }
}

/// A builder told that the watcher reports every change, so that it looks only at those files.
fn watched_builder(options: &BuildOptions) -> Builder {
    let mut builder = Builder::new(options.clone());
    builder.trust_reported_changes();
    builder
}

/// A failed build's problems, one message each, as the terminal and the overlay show them.
pub(crate) fn describe(error: &Error) -> Vec<String> {
    match error {
        Error::Site(diagnostics) => diagnostics
            .items()
            .iter()
            .map(ToString::to_string)
            .collect(),
        _ => {
            let word = |code: &'static str| crate::messages::Message::new(code).text();
            let mut text = format!("{}: {error}", word("label-error"));
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                text.push_str(&format!("\n  {}: {cause}", word("caused-by")));
                source = cause.source();
            }
            vec![text]
        }
    }
}
