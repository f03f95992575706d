//! What potline says to the people who use it, in English and in Simplified Chinese. Every
//! message is an entry of the Fluent catalogue under `locales/<language>/`, found by a stable code
//! (`date-out-of-range`), with its variables and, as the attribute `.hint`, how to fix it. Code
//! builds a [`Message`] (a code and its arguments); the text is made only when it is shown, in the
//! language the command line, the site or the system locale chose ([`set_language`]).

mod catalogue;
mod language;
pub mod reference;

use std::borrow::Cow;
use std::fmt;

pub use catalogue::{AREAS, codes, hint_of, render};
pub use language::{Lang, language, set_language};

/// A value given to a message: text, or a number (which chooses plural forms).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Arg {
    /// A whole number.
    Number(i64),
    /// Text, shown as it is.
    Text(String),
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(i32, i64, u8, u16, u32, u64, usize);

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(text: Cow<'_, str>) -> Self {
        Arg::Text(text.into_owned())
    }
}

impl From<&std::path::Path> for Arg {
    fn from(path: &std::path::Path) -> Self {
        Arg::Text(crate::diagnostics::display_path(path))
    }
}

impl From<&std::path::PathBuf> for Arg {
    fn from(path: &std::path::PathBuf) -> Self {
        Arg::Text(crate::diagnostics::display_path(path))
    }
}

/// Something to tell the user: a catalogue entry with its arguments, or (while the code base
/// moves to the catalogue, and for text that comes from elsewhere, such as a parser's own words)
/// text as it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Message {
    /// The entry's code; empty for text shown as it is.
    pub code: Cow<'static, str>,
    /// The arguments, by variable name; for text shown as it is, the text under `text`.
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

impl Message {
    /// The catalogue entry `code`, without arguments yet.
    pub fn new(code: &'static str) -> Self {
        Message {
            code: Cow::Borrowed(code),
            args: Vec::new(),
        }
    }

    /// Adds the value of the variable `name`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// Text shown as it is, in every language (it carries no code).
    pub fn plain(text: impl Into<String>) -> Self {
        Message {
            code: Cow::Borrowed(""),
            args: vec![(Cow::Borrowed("text"), Arg::Text(text.into()))],
        }
    }

    /// The stable code of the entry, if it is one.
    pub fn code(&self) -> Option<&str> {
        (!self.code.is_empty()).then_some(&*self.code)
    }

    /// The text in `lang`.
    pub fn text_in(&self, lang: Lang) -> String {
        match self.code() {
            Some(code) => render(lang, code, None, &self.args),
            None => self.plain_text().to_string(),
        }
    }

    /// The text in the language chosen for this run.
    pub fn text(&self) -> String {
        self.text_in(language())
    }

    /// The entry's own hint (its `.hint` attribute) in `lang`, if it has one.
    pub fn hint_in(&self, lang: Lang) -> Option<String> {
        self.code().and_then(|code| hint_of(lang, code, &self.args))
    }

    fn plain_text(&self) -> &str {
        match self.args.first() {
            Some((_, Arg::Text(text))) => text,
            _ => "",
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// `msg!("code", name = value, ...)`: the catalogue entry `code` with these arguments. Codes
/// written this way are checked against the catalogue by the tests.
#[macro_export]
macro_rules! msg {
    ($code:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message::new($code)$(.arg(stringify!($name), $value))*
    };
}

/// The text of the entry `code` in the language chosen for this run: for labels and summary
/// lines that are not a [`Message`] kept for later.
pub fn text(message: Message) -> String {
    message.text()
}
