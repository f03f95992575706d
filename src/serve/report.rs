//! What `potline serve` has to say while it runs, as values: the library never prints, the
//! command line decides how to show them.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::build::BuildReport;
use crate::diagnostics::Diagnostic;

/// Receives the server's events (from several threads).
pub type Reporter = Arc<dyn Fn(&ServeEvent) + Send + Sync>;

/// Something worth telling the person running the server.
#[derive(Debug, Clone)]
pub enum ServeEvent {
    /// The port asked for was taken; another one was used.
    PortTaken {
        /// The port asked for.
        wanted: u16,
        /// The port listened on.
        got: u16,
    },
    /// The server listens; the site is being built for the first time.
    Listening {
        /// The address to open: `http://127.0.0.1:1111/`.
        url: String,
        /// Listening on an address other machines can reach.
        exposed: bool,
        /// Watching by polling instead of system events.
        polling: bool,
        /// Drafts are shown (always on loopback; elsewhere only with `--drafts`).
        drafts: bool,
    },
    /// A build succeeded and is now served.
    Built(BuildSummary),
    /// A build failed; the last good one is still served, with the errors over every page.
    Failed(FailureSummary),
    /// A problem that does not stop the server.
    Warning(String),
}

/// Why a build ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// The server started.
    Start,
    /// These files or folders changed (relative to the site root, with `/`).
    Changed(Vec<String>),
    /// Changes were lost by the system (too many at once): everything was rebuilt.
    Rescan,
}

impl fmt::Display for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trigger::Start => f.write_str("first build"),
            Trigger::Rescan => f.write_str("too many changes to follow one by one"),
            Trigger::Changed(paths) => {
                let shown: Vec<&str> = paths.iter().take(3).map(String::as_str).collect();
                write!(f, "{}", shown.join(", "))?;
                if paths.len() > shown.len() {
                    write!(f, " and {} more", paths.len() - shown.len())?;
                }
                f.write_str(" changed")
            }
        }
    }
}

/// A build that is now served.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// Why it ran.
    pub trigger: Trigger,
    /// What the build did (`written` counts outputs whose bytes changed).
    pub report: BuildReport,
    /// Output files that are gone since the previous build.
    pub removed: usize,
    /// Only stylesheets changed, swapped in open pages without a reload.
    pub css_only: bool,
    /// Warnings that the previous build did not have (all of them for the first build).
    pub new_warnings: Vec<Diagnostic>,
    /// From the change to the new build being served.
    pub elapsed: Duration,
}

impl fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.report;
        write!(
            f,
            "{}: built {} pages and {} sections in {} ms; ",
            self.trigger,
            r.pages,
            r.sections,
            self.elapsed.as_millis()
        )?;
        match (r.written, self.removed) {
            (written, _) if self.trigger == Trigger::Start => {
                write!(f, "{written} {}", files(written))?
            }
            (0, 0) => f.write_str("no file changed")?,
            (written, 0) => write!(f, "{written} {} changed", files(written))?,
            (written, removed) => {
                write!(f, "{written} {} changed, {removed} removed", files(written))?
            }
        }
        if self.css_only {
            f.write_str(" (stylesheets swapped without reload)")?;
        }
        if !r.warnings.is_empty() {
            write!(f, "; {} warnings", r.warnings.len())?;
        }
        Ok(())
    }
}

fn files(n: usize) -> &'static str {
    if n == 1 { "file" } else { "files" }
}

/// A build that failed.
#[derive(Debug, Clone)]
pub struct FailureSummary {
    /// Why it ran.
    pub trigger: Trigger,
    /// Every problem, `file:line:col: error: ...` with its hint, as the overlay shows them.
    pub messages: Vec<String>,
    /// Is a previous build still served?
    pub serving_previous: bool,
}

impl fmt::Display for FailureSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let still = if self.serving_previous {
            "still serving the last good build, with the errors over every page"
        } else {
            "every page shows the errors until the site builds"
        };
        write!(f, "{}: the build failed; {still}", self.trigger)?;
        for message in &self.messages {
            write!(f, "\n{message}")?;
        }
        Ok(())
    }
}

impl fmt::Display for ServeEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeEvent::PortTaken { wanted, got } => {
                write!(
                    f,
                    "port {wanted} is in use; listening on port {got} instead"
                )
            }
            ServeEvent::Listening { url, .. } => write!(f, "listening on {url}"),
            ServeEvent::Built(summary) => {
                for warning in &summary.new_warnings {
                    writeln!(f, "{warning}")?;
                }
                write!(f, "{summary}")
            }
            ServeEvent::Failed(summary) => write!(f, "{summary}"),
            ServeEvent::Warning(text) => write!(f, "warning: {text}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigger_names_a_few_paths() {
        let paths: Vec<String> = (1..=5).map(|i| format!("content/{i}.md")).collect();
        assert_eq!(
            Trigger::Changed(paths).to_string(),
            "content/1.md, content/2.md, content/3.md and 2 more changed"
        );
    }
}
