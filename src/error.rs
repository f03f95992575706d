//! The library's error type: either IO naming the path, or the list of problems a build found in
//! the site's own files (which the writer can fix).

use std::path::PathBuf;

use crate::diagnostics::Diagnostics;
use crate::messages::Message;

/// Result with potline's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a potline command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed; the path is always named.
    #[error("{}", crate::msg!("io-failed", action = action.replace(' ', "-"), path = path))]
    Io {
        /// What we tried to do: "read", "write", "create folder", ...
        action: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// Problems in the site's files, each with its location and a hint.
    #[error("{0}")]
    Site(Diagnostics),
    /// Anything else, worded for the user (with the entry's hint on a line of its own).
    #[error("{}", with_hint(.0))]
    Message(Message),
    /// Several such problems found together (the settings of a deploy target), each with its
    /// hint, one after the other.
    #[error("{}", .0.iter().map(with_hint).collect::<Vec<_>>().join("\n"))]
    Messages(Vec<Message>),
}

impl Error {
    /// A problem worded for the user (a catalogue entry).
    pub fn message(message: impl Into<Message>) -> Self {
        Error::Message(message.into())
    }

    /// An IO error that names its path.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

/// A message and, when its entry has one, its hint below it, in the run's language.
fn with_hint(message: &Message) -> String {
    let lang = crate::messages::language();
    let mut text = message.text_in(lang);
    if let Some(hint) = message.hint_in(lang) {
        let label = crate::messages::render(lang, "label-hint", None, &[]);
        text.push_str(&format!("\n  {label}: {hint}"));
    }
    text
}
