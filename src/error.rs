//! The library's error type: either IO naming the path, or the list of problems a build found in
//! the site's own files (which the writer can fix).

use std::path::PathBuf;

use crate::diagnostics::Diagnostics;
use crate::messages::{Arg, Message};

/// Result with potline's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a potline command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed; the path is always named.
    #[error("{}", crate::msg!("io-failed", action = *action, path = path))]
    Io {
        /// What we tried to do.
        action: IoAction,
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

/// What potline was doing with a file when the system refused: each is a variant of the
/// catalogue entry `io-failed` (`could not create the folder ...`), so that a new one cannot be
/// used without its wording in every language (a test renders them all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoAction {
    /// Reading a file (or what a path names).
    Read,
    /// Writing a file.
    Write,
    /// Opening a file or folder.
    Open,
    /// Removing a file.
    Remove,
    /// Copying a file.
    Copy,
    /// Putting a file in place of another.
    Replace,
    /// Creating a file.
    Create,
    /// Creating a folder.
    CreateFolder,
    /// Removing a folder and what it holds.
    RemoveFolder,
    /// Listing a folder.
    ReadFolder,
    /// Moving or renaming.
    Move,
    /// Listing the files of a folder tree.
    List,
    /// Following a link to where it leads.
    FollowTheLink,
    /// Making sure what was written is on the disk.
    Flush,
    /// Creating a link.
    CreateLink,
}

impl IoAction {
    /// Every action, for the test that each has its wording.
    pub const ALL: [IoAction; 15] = [
        IoAction::Read,
        IoAction::Write,
        IoAction::Open,
        IoAction::Remove,
        IoAction::Copy,
        IoAction::Replace,
        IoAction::Create,
        IoAction::CreateFolder,
        IoAction::RemoveFolder,
        IoAction::ReadFolder,
        IoAction::Move,
        IoAction::List,
        IoAction::FollowTheLink,
        IoAction::Flush,
        IoAction::CreateLink,
    ];

    /// Its variant of `$action` in the entry `io-failed`.
    pub fn key(self) -> &'static str {
        match self {
            IoAction::Read => "read",
            IoAction::Write => "write",
            IoAction::Open => "open",
            IoAction::Remove => "remove",
            IoAction::Copy => "copy",
            IoAction::Replace => "replace",
            IoAction::Create => "create",
            IoAction::CreateFolder => "create-folder",
            IoAction::RemoveFolder => "remove-folder",
            IoAction::ReadFolder => "read-folder",
            IoAction::Move => "move",
            IoAction::List => "list",
            IoAction::FollowTheLink => "follow-the-link",
            IoAction::Flush => "flush",
            IoAction::CreateLink => "create-link",
        }
    }
}

/// The English verb (`create folder`), as messages written before the catalogue show it.
impl std::fmt::Display for IoAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.key().replace('-', " "))
    }
}

/// A message argument: the variant key, which the entry words in each language.
impl From<IoAction> for Arg {
    fn from(action: IoAction) -> Self {
        Arg::Text(action.key().to_string())
    }
}

impl Error {
    /// A problem worded for the user (a catalogue entry).
    pub fn message(message: impl Into<Message>) -> Self {
        Error::Message(message.into())
    }

    /// The message and the causes below it on one line (`could not read `a.md`: Permission
    /// denied (os error 13)`), for a message that holds another.
    pub fn with_causes(&self) -> String {
        let mut text = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(found) = cause {
            text.push_str(&format!(": {found}"));
            cause = found.source();
        }
        text
    }

    /// An IO error that names its path.
    pub fn io(action: IoAction, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    /// The variants of `$action` in the entry `io-failed` of a catalogue file.
    fn variants_of_io_failed(source: &str) -> Vec<String> {
        source
            .lines()
            .skip_while(|line| !line.starts_with("io-failed ="))
            .skip(1)
            .take_while(|line| line.starts_with(' '))
            .filter_map(|line| {
                let key = line
                    .trim_start()
                    .trim_start_matches('*')
                    .strip_prefix('[')?;
                Some(key.split_once(']')?.0.to_string())
            })
            .collect()
    }

    /// Every action has its own words in both languages: none falls through to the entry's
    /// default variant, which would show the bare key.
    #[test]
    fn every_io_action_is_worded_in_both_languages() {
        for source in [
            include_str!("../locales/en/core.ftl"),
            include_str!("../locales/zh/core.ftl"),
        ] {
            let variants = variants_of_io_failed(source);
            for action in IoAction::ALL {
                assert!(variants.iter().any(|v| v == action.key()), "{action:?}");
            }
        }
        for action in IoAction::ALL {
            let message = crate::msg!("io-failed", action = action, path = "a.md");
            let chinese = message.text_in(Lang::Zh);
            assert!(!chinese.contains(action.key()), "{chinese}");
            assert!(chinese.ends_with(" `a.md`"), "{chinese}");
        }
        let message = crate::msg!(
            "io-failed",
            action = IoAction::CreateFolder,
            path = "public"
        );
        assert_eq!(message.text_in(Lang::Zh), "无法创建文件夹 `public`");
        assert_eq!(
            message.text_in(Lang::En),
            "could not create the folder `public`"
        );
    }
}
