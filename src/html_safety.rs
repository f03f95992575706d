//! What counts as code in HTML a writer typed: script-like elements, `on...=` event handlers
//! and addresses that run code (`javascript:`, even spelled with entities, tabs or mixed case).
//! The Markdown stage shows such raw HTML as text unless the site trusts its writers; the fuzz
//! targets use [`unsafe_markup`] to prove that nothing of the kind reaches a page.

/// Elements that run code or change how the rest of the page is read.
const ELEMENTS: [&str; 14] = [
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "svg",
    "math", "form", "link", "style",
];

/// Addresses that run code when followed or loaded (browsers ignore case, whitespace and
/// control characters in them, and decode entities first).
pub(crate) fn is_dangerous_url(url: &str) -> bool {
    let cleaned = normalise(url);
    ["javascript:", "vbscript:", "livescript:"]
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
        || (cleaned.starts_with("data:") && !safe_data_url(&cleaned))
}

/// Raw HTML that can run code: a script-like element, an event handler, or a code address
/// anywhere in it (even in text, where it is harmless: when in doubt, show it as text).
pub(crate) fn is_dangerous_html(html: &str) -> bool {
    let cleaned = normalise(html);
    if ["javascript:", "vbscript:", "livescript:"]
        .iter()
        .any(|s| cleaned.contains(s))
        || cleaned.contains("data:text")
        || cleaned.contains("data:application")
        || cleaned.contains("data:image/svg")
    {
        return true;
    }
    unsafe_markup(html).is_some()
}

/// The first tag of `html` (as a browser reads it) that could run code, described; `None`
/// when there is none. Text between tags is not looked at: it is shown, never run.
pub fn unsafe_markup(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(found) = bytes[i..].iter().position(|b| *b == b'<') {
        let start = i + found;
        if html[start..].starts_with("<!--") {
            i = comment_end(html, start + 4);
            continue;
        }
        let (tag, end) = read_tag(html, start + 1);
        if let Some(problem) = tag.and_then(|tag| tag.problem()) {
            return Some(problem);
        }
        i = end.max(start + 1);
    }
    None
}

/// Where a comment whose text starts at `from` ends, as browsers read it (`<!-->` and
/// `<!--->` are whole comments).
fn comment_end(html: &str, from: usize) -> usize {
    let text = &html[from..];
    if text.starts_with('>') {
        return from + 1;
    }
    if text.starts_with("->") {
        return from + 2;
    }
    let close = ["-->", "--!>"]
        .iter()
        .filter_map(|end| text.find(end).map(|at| at + end.len()))
        .min();
    close.map_or(html.len(), |at| from + at)
}

/// A start or end tag: its lowercase name and attributes (names lowercase, values raw).
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

impl Tag {
    fn problem(&self) -> Option<String> {
        if ELEMENTS.contains(&self.name.as_str()) {
            return Some(format!("a <{}> element", self.name));
        }
        for (name, value) in &self.attributes {
            if name.starts_with("on") && name.len() > 2 {
                return Some(format!("an event handler `{name}` on <{}>", self.name));
            }
            if is_dangerous_url(value) {
                return Some(format!(
                    "the code address `{name}={value}` on <{}>",
                    self.name
                ));
            }
            if name == "style" && normalise(value).contains("url(") && is_dangerous_html(value) {
                return Some(format!("a code address in the style of <{}>", self.name));
            }
        }
        None
    }
}

/// Reads the tag starting after a `<` at `from`; returns it (None when this `<` opens no tag)
/// and where reading stopped.
fn read_tag(html: &str, from: usize) -> (Option<Tag>, usize) {
    let bytes = html.as_bytes();
    let mut i = from;
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return (None, from);
    }
    let name_end = scan(bytes, i, |b| !is_space(b) && b != b'/' && b != b'>');
    let mut tag = Tag {
        name: html[i..name_end].to_ascii_lowercase(),
        attributes: Vec::new(),
    };
    i = name_end;
    loop {
        i = scan(bytes, i, |b| is_space(b) || b == b'/');
        match bytes.get(i) {
            None => return (Some(tag), i),
            Some(b'>') => return (Some(tag), i + 1),
            Some(_) => {}
        }
        let name_end = scan(bytes, i + 1, |b| !is_space(b) && !b"/>=".contains(&b));
        let name = html[i..name_end].to_ascii_lowercase();
        i = scan(bytes, name_end, is_space);
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i = scan(bytes, i + 1, is_space);
            let (text, next) = read_value(html, i);
            value = text.to_string();
            i = next;
        }
        tag.attributes.push((name, value));
    }
}

fn read_value(html: &str, at: usize) -> (&str, usize) {
    let bytes = html.as_bytes();
    match bytes.get(at) {
        Some(&quote) if quote == b'"' || quote == b'\'' => {
            let end = scan(bytes, at + 1, |b| b != quote);
            (&html[at + 1..end], (end + 1).min(bytes.len()))
        }
        _ => {
            let end = scan(bytes, at, |b| !is_space(b) && b != b'>');
            (&html[at..end], end)
        }
    }
}

fn scan(bytes: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    let from = from.min(bytes.len());
    bytes[from..]
        .iter()
        .position(|b| !keep(*b))
        .map_or(bytes.len(), |p| from + p)
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// `data:` images that cannot run code (SVG can).
fn safe_data_url(cleaned: &str) -> bool {
    [
        "data:image/png",
        "data:image/jpeg",
        "data:image/gif",
        "data:image/webp",
        "data:image/avif",
    ]
    .iter()
    .any(|p| cleaned.starts_with(p))
}

/// Text as a browser reads an address: character references decoded, whitespace and control
/// characters dropped, lowercase.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (decoded, used) = match c {
            '&' => character_reference(rest).unwrap_or(('&', 1)),
            _ => (c, c.len_utf8()),
        };
        rest = &rest[used..];
        if !decoded.is_whitespace() && !decoded.is_control() && !is_invisible(decoded) {
            out.extend(decoded.to_lowercase());
        }
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{feff}' | '\u{ad}')
}

/// `&#106;`, `&#x6A`, `&colon;` ... at the start of `text`: the character and the bytes used.
fn character_reference(text: &str) -> Option<(char, usize)> {
    let body = &text[1..];
    if let Some(number) = body.strip_prefix('#') {
        let (digits, radix, skip) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (number, 10, 2),
        };
        let len = digits.chars().take_while(|c| c.is_digit(radix)).count();
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(0xFFFD);
        let semicolon = usize::from(digits[len..].starts_with(';'));
        let c = char::from_u32(value).unwrap_or('\u{fffd}');
        return Some((c, skip + len + semicolon));
    }
    const NAMED: [(&str, char); 8] = [
        ("colon", ':'),
        ("tab", '\t'),
        ("newline", '\n'),
        ("sol", '/'),
        ("lpar", '('),
        ("rpar", ')'),
        ("amp", '&'),
        ("nbsp", ' '),
    ];
    let len = body.chars().take_while(char::is_ascii_alphanumeric).count();
    let name = body[..len].to_ascii_lowercase();
    let c = NAMED.iter().find(|(n, _)| *n == name)?.1;
    let semicolon = usize::from(body[len..].starts_with(';'));
    Some((c, 1 + len + semicolon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_addresses_in_every_spelling() {
        for url in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "&#0000106avascript:alert(1)",
            "javascript&colon;alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
        ] {
            assert!(is_dangerous_url(url), "{url}");
        }
        for url in [
            "https://example.org",
            "/news/",
            "data:image/png;base64,AAAA",
            "#top",
        ] {
            assert!(!is_dangerous_url(url), "{url}");
        }
    }

    #[test]
    fn tags_that_run_code() {
        for html in [
            "<script>x</script>",
            "<SCRIPT src=x>",
            "<img src=x onerror=alert(1)>",
            "<img/src=\"x\"/onerror=alert(1)>",
            "<img src=x\nonerror=alert(1)>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href='jav&#x09;ascript:alert(1)'>x</a>",
            "<iframe srcdoc=x>",
            "<svg><animate onbegin=alert(1)>",
            "<div style=\"background:url(javascript:alert(1))\">",
            "<!--><script>alert(1)</script>-->",
            "<!---><img src=x onerror=alert(1)>-->",
            "<!-- x --!><img src=x onerror=alert(1)>",
        ] {
            assert!(is_dangerous_html(html), "{html}");
            assert!(
                unsafe_markup(html).is_some() || html.contains("javascript"),
                "{html}"
            );
        }
        for html in [
            "<p>Hello</p>",
            "<a href=\"/news/\" title=\"on time\">x</a>",
            "<!-- <script> -->",
            "<!---->",
            "<details><summary>More</summary>x</details>",
        ] {
            assert!(!is_dangerous_html(html), "{html}");
        }
    }
}
