//! What `potline serve` has to say while it runs, as values: the library never prints, the
//! command line decides how to show them.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::build::BuildReport;
use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use crate::msg;

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
    Warning(Message),
    /// `--open` found no browser to open the preview in.
    NoBrowser {
        /// The address to open by hand.
        url: String,
    },
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
        let message = match self {
            Trigger::Start => msg!("serve-trigger-start"),
            Trigger::Rescan => msg!("serve-trigger-rescan"),
            Trigger::Changed(paths) => {
                let shown: Vec<&str> = paths.iter().take(3).map(String::as_str).collect();
                msg!(
                    "serve-trigger-changed",
                    paths = shown.join(", "),
                    more = paths.len() - shown.len()
                )
            }
        };
        f.write_str(&message.text())
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
        let files = match (r.written, self.removed) {
            (written, _) if self.trigger == Trigger::Start => msg!("serve-files", count = written),
            (0, 0) => msg!("serve-no-file-changed"),
            (written, removed) => msg!("serve-files-changed", count = written, removed = removed),
        };
        let mut clauses = vec![
            msg!(
                "serve-built",
                trigger = self.trigger.to_string(),
                pages = r.pages,
                sections = r.sections,
                ms = self.elapsed.as_millis().to_string()
            ),
            files,
        ];
        if self.css_only {
            clauses.push(msg!("serve-css-swapped"));
        }
        if !r.warnings.is_empty() {
            clauses.push(msg!("summary-warnings", count = r.warnings.len()));
        }
        let separator = msg!("summary-separator").text();
        let texts: Vec<String> = clauses.iter().map(Message::text).collect();
        f.write_str(&texts.join(&separator))
    }
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
        let headline = if self.serving_previous {
            msg!("serve-failed-kept", trigger = self.trigger.to_string())
        } else {
            msg!("serve-failed", trigger = self.trigger.to_string())
        };
        f.write_str(&headline.text())?;
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
                let message = msg!(
                    "serve-port-taken",
                    wanted = wanted.to_string(),
                    got = got.to_string()
                );
                f.write_str(&message.text())
            }
            ServeEvent::Listening { url, .. } => {
                f.write_str(&msg!("serve-listening", url = url.as_str()).text())
            }
            ServeEvent::Built(summary) => {
                for warning in &summary.new_warnings {
                    writeln!(f, "{warning}")?;
                }
                write!(f, "{summary}")
            }
            ServeEvent::Failed(summary) => write!(f, "{summary}"),
            ServeEvent::Warning(message) => {
                let label = msg!("label-warning").text();
                write!(f, "{label}: {}", with_hint(message))
            }
            ServeEvent::NoBrowser { url } => {
                let label = msg!("label-warning").text();
                let message = msg!("serve-no-browser", url = url.as_str());
                write!(f, "{label}: {}", with_hint(&message))
            }
        }
    }
}

/// A message and, when its entry has one, its hint on a line of its own.
pub(crate) fn with_hint(message: &Message) -> String {
    let mut text = message.text();
    if let Some(hint) = message.hint_in(crate::messages::language()) {
        text.push_str(&format!("\n  {}: {hint}", msg!("label-hint").text()));
    }
    text
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
