//! Progress of a build, handed to whoever runs it through a callback (the library never
//! prints): each stage as it ends, and the pictures whose copies are being made, which can take
//! seconds. `potline build` and `potline deploy` draw it on a terminal.

use std::fmt;
use std::sync::Arc;

/// One step of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildStep {
    /// A stage ended, named as `--verbose` shows it (`parse`, `markdown`, `templates`, ...).
    StageDone(&'static str),
    /// Of the `total` pictures whose resized copies this build makes, `done` are made.
    Images {
        /// Pictures done.
        done: usize,
        /// Pictures to do.
        total: usize,
    },
}

/// Receives the steps of a build (from several threads); by default, nobody does.
#[derive(Clone, Default)]
pub struct BuildProgress(Option<Arc<dyn Fn(BuildStep) + Send + Sync>>);

impl BuildProgress {
    /// Hands every step to `report`.
    pub fn new(report: impl Fn(BuildStep) + Send + Sync + 'static) -> Self {
        BuildProgress(Some(Arc::new(report)))
    }

    /// Tells the receiver, if there is one.
    pub(crate) fn report(&self, step: BuildStep) {
        if let Some(report) = &self.0 {
            report(step);
        }
    }
}

impl fmt::Debug for BuildProgress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "BuildProgress(reported)"
        } else {
            "BuildProgress(none)"
        })
    }
}
