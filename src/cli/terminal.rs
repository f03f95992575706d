//! How potline behaves on a terminal, one rule for every command, as cargo and ripgrep do: when
//! to colour (`--color`, then `NO_COLOR` and whether the output is a terminal) and when to draw
//! progress (on a terminal only; never in a pipe, in CI or on a dumb terminal). The library
//! never prints: these are the command line's decisions, taken once per run.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

use anstyle::{AnsiColor, Style};
use clap::ValueEnum;

use crate::messages;

/// When to colour (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    /// Always, even in a pipe and with NO_COLOR set.
    Always,
    /// Never.
    Never,
}

static COLOR: AtomicU8 = AtomicU8::new(0);

/// Chooses when this run colours (the command line does, once, before running a command).
pub fn set_color(when: ColorWhen) {
    COLOR.store(when as u8, Ordering::Relaxed);
}

fn color_when() -> ColorWhen {
    match COLOR.load(Ordering::Relaxed) {
        1 => ColorWhen::Always,
        2 => ColorWhen::Never,
        _ => ColorWhen::Auto,
    }
}

/// Where a text is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// Whether what goes to `stream` is coloured in this run. `auto` follows anstream's reading of
/// the environment: no colour when `NO_COLOR` is set or the stream is not a terminal (a pipe,
/// a file), colour with `CLICOLOR_FORCE`; `--color always|never` wins over both.
pub fn colors(stream: Stream) -> bool {
    let auto = |choice: anstream::ColorChoice| choice != anstream::ColorChoice::Never;
    match color_when() {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => match stream {
            Stream::Stdout => auto(anstream::AutoStream::choice(&std::io::stdout())),
            Stream::Stderr => auto(anstream::AutoStream::choice(&std::io::stderr())),
        },
    }
}

/// Whether progress may be drawn: standard error is a terminal, not a dumb one, and this is not
/// a CI run (`CI` set), whose logs would fill with redrawn lines.
pub fn progress_allowed() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    std::io::stderr().is_terminal()
        && !set("CI")
        && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
}

/// The styles potline colours with.
#[derive(Debug, Clone, Copy)]
pub enum Tone {
    /// `error:`.
    Error,
    /// `warning:`.
    Warning,
    /// `hint:`.
    Hint,
    /// `file:line:col:`.
    Location,
    /// A summary line of work that succeeded.
    Done,
}

impl Tone {
    fn style(self) -> Style {
        match self {
            Tone::Error => AnsiColor::Red.on_default().bold(),
            Tone::Warning => AnsiColor::Yellow.on_default().bold(),
            Tone::Hint => AnsiColor::Cyan.on_default(),
            Tone::Location => Style::new().bold(),
            Tone::Done => AnsiColor::Green.on_default().bold(),
        }
    }
}

/// `text` in `tone` when `color` is on, else as it is.
pub fn paint(text: &str, tone: Tone, color: bool) -> String {
    if color {
        let style = tone.style();
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

fn word(code: &str) -> String {
    messages::render(messages::language(), code, None, &[])
}

/// Problems as potline prints them (`file:line:col: error: message`, `  hint: ...` below,
/// `error: ...` without a location), their locations and labels coloured when `color` is on.
/// Reading the printed text rather than the problems keeps one way of wording them.
pub fn paint_problems(text: &str, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let labels = [
        (format!("{}:", word("label-error")), Tone::Error),
        (format!("{}:", word("label-warning")), Tone::Warning),
    ];
    let hint = format!("  {}:", word("label-hint"));
    let paint_line = |line: &str| -> String {
        if let Some(rest) = line.strip_prefix(&hint) {
            return format!("  {}{rest}", paint(&hint[2..], Tone::Hint, true));
        }
        for (label, tone) in &labels {
            if let Some(rest) = line.strip_prefix(&format!("{label} ")) {
                return format!("{} {rest}", paint(label, *tone, true));
            }
        }
        // The first label after a location is the level; later ones belong to the message.
        let first = labels
            .iter()
            .filter_map(|(label, tone)| Some((line.find(&format!(": {label} "))?, label, tone)))
            .min_by_key(|(at, ..)| *at);
        match first {
            Some((at, label, tone)) => format!(
                "{} {} {}",
                paint(&line[..=at], Tone::Location, true),
                paint(label, *tone, true),
                &line[at + label.len() + 3..]
            ),
            None => line.to_string(),
        }
    };
    text.split('\n')
        .map(paint_line)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn painting_adds_escape_codes_only_when_asked() {
        assert_eq!(paint("error:", Tone::Error, false), "error:");
        assert_eq!(
            paint("error:", Tone::Error, true),
            "\u{1b}[1m\u{1b}[31merror:\u{1b}[0m"
        );
    }

    #[test]
    fn problems_read_the_same_coloured_or_not() {
        let item = crate::diagnostics::Diagnostic::warning(
            "content/a.md",
            3,
            1,
            crate::messages::Message::plain("odd: error: x"),
        )
        .with_hint(crate::messages::Message::plain("fix it"));
        let text = format!("{item}\nerror: could not read `x`\n  caused by: gone");
        assert_eq!(paint_problems(&text, false), text);
        let coloured = paint_problems(&text, true);
        assert_eq!(anstream::adapter::strip_str(&coloured).to_string(), text);
        assert!(
            coloured.starts_with("\u{1b}[1mcontent/a.md:3:1:\u{1b}[0m \u{1b}[1m\u{1b}[33mwarning:")
        );
        assert!(
            coloured.contains("\n  \u{1b}[36mhint:\u{1b}[0m fix it\n\u{1b}[1m\u{1b}[31merror:")
        );
    }
}
