//! Messages from a storage service, cleaned of anything that could help someone use the access
//! key before they are shown: error output ends up in CI logs that many people read. S3-style
//! services answer a refused signature with the request's own details (`<AWSAccessKeyId>`,
//! `<StringToSign>`, `<CanonicalRequest>`, which holds the session token's header, and
//! `<SignatureProvided>`), and request URLs and headers carry `X-Amz-Credential=`,
//! `Signature=` and `Authorization:` values. The error's code and message stay readable.

/// What stands in for a removed value.
const REDACTED: &str = "[redacted]";

/// Key ids of AWS start with one of these and go on with 16 capitals and digits (`AKIA...` for
/// long-term keys, `ASIA...` for temporary ones).
const KEY_ID_PREFIXES: [&str; 2] = ["AKIA", "ASIA"];

/// Words that mark an XML element, a parameter or a header as carrying a secret or a signature
/// (compared in lower case): `AWSAccessKeyId`, `OSSAccessKeyId`, `SignatureProvided`,
/// `StringToSign`, `CanonicalRequest`, `X-Amz-Signature`, `X-Amz-Credential`,
/// `X-Amz-Security-Token`, `Authorization`...
const SECRET_WORDS: [&str; 7] = [
    "accesskeyid",
    "signature",
    "stringtosign",
    "canonicalrequest",
    "credential",
    "token",
    "authorization",
];

/// Removes credentials from the messages of one target.
#[derive(Debug, Clone, Default)]
pub(super) struct Redactor {
    /// The values of the key in use (key id, secret, token), longest first.
    known: Vec<String>,
}

impl Redactor {
    /// A redactor that also removes these values wherever they appear.
    pub(super) fn new<'a>(known: impl IntoIterator<Item = &'a str>) -> Redactor {
        // Very short values would blank out ordinary words; real keys are 16 characters or more.
        let mut known: Vec<String> = known
            .into_iter()
            .filter(|v| v.len() >= 4)
            .map(str::to_string)
            .collect();
        known.sort_by_key(|v| std::cmp::Reverse(v.len()));
        Redactor { known }
    }

    /// `text` with every credential-like part replaced by `[redacted]`.
    pub(super) fn redact(&self, text: &str) -> String {
        let mut text = redact_elements(text);
        text = redact_parameters(&text);
        for value in &self.known {
            text = text.replace(value.as_str(), REDACTED);
        }
        redact_key_ids(&text)
    }
}

fn is_secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|word| name.contains(word))
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')
}

/// Empties every secret-carrying XML element: `<StringToSign>...</StringToSign>`. An element
/// left open (a body cut short) is emptied to the end.
fn redact_elements(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let name_len = after.bytes().take_while(|&b| is_name_char(b)).count();
        let name = &after[..name_len];
        let Some(close) = after
            .find('>')
            .filter(|_| name_len > 0 && is_secret_name(name))
        else {
            out.push_str(&rest[..open + 1]);
            rest = after;
            continue;
        };
        out.push_str(&rest[..open + 1 + close + 1]);
        out.push_str(REDACTED);
        let inner = &after[close + 1..];
        let end_tag = format!("</{name}>");
        rest = inner.find(&end_tag).map_or("", |end| &inner[end..]);
    }
    out.push_str(rest);
    out
}

/// Removes the values of secret-carrying parameters and headers: `X-Amz-Signature=...` up to
/// the next `&`, `,`, space or quote; `Authorization: ...` (and `"authorization": "..."`, as
/// headers print) up to the end of the line or the closing quote.
fn redact_parameters(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        if !is_name_char(bytes[i]) || (i > 0 && is_name_char(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let name_end = i + bytes[i..].iter().take_while(|&&b| is_name_char(b)).count();
        let value = is_secret_name(&text[i..name_end])
            .then(|| value_span(bytes, name_end))
            .flatten();
        if let Some((start, end)) = value {
            out.push_str(&text[copied..start]);
            out.push_str(REDACTED);
            copied = end;
            i = end;
        } else {
            i = name_end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Where the value after a parameter's or header's name lies, if a value follows
/// (`=value`, `: value`, `": "value"`).
fn value_span(bytes: &[u8], name_end: usize) -> Option<(usize, usize)> {
    let mut i = name_end;
    if bytes.get(i) == Some(&b'"') {
        i += 1;
    }
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    let separator = *bytes.get(i).filter(|b| matches!(b, b'=' | b':'))?;
    i += 1;
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    let quoted = bytes.get(i).filter(|b| matches!(b, b'"' | b'\'')).copied();
    let start = i + usize::from(quoted.is_some());
    let ends = |b: &u8| match (quoted, separator) {
        (Some(quote), _) => *b == quote,
        (None, b':') => matches!(b, b'\n' | b'\r'),
        _ => {
            b.is_ascii_whitespace() || matches!(b, b'&' | b',' | b';' | b'"' | b'\'' | b'<' | b'>')
        }
    };
    let length = bytes[start..].iter().take_while(|b| !ends(b)).count();
    (length > 0).then_some((start, start + length))
}

/// Replaces AWS access key ids (`AKIA` or `ASIA` and 12 or more capitals and digits).
fn redact_key_ids(text: &str) -> String {
    let bytes = text.as_bytes();
    let key_char = |b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        let starts_key = (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && KEY_ID_PREFIXES
                .iter()
                .any(|p| bytes[i..].starts_with(p.as_bytes()));
        let length = if starts_key {
            bytes[i..].iter().take_while(|b| key_char(b)).count()
        } else {
            0
        };
        if length >= 16 {
            out.push_str(&text[copied..i]);
            out.push_str(REDACTED);
            copied = i + length;
            i = copied;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What AWS S3 answers a request signed with the wrong secret (its documented form, with
    /// made-up values), as object_store reports it.
    const REFUSAL: &str = "Generic S3 error: Error performing GET https://site.s3.amazonaws.com/.potline-manifest.json?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20250301%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024 in 120ms - Server returned non-2xx status code: 403 Forbidden: <?xml version=\"1.0\" encoding=\"UTF-8\"?>
<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256
20250301T101500Z
20250301/us-east-1/s3/aws4_request
7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972</StringToSign><SignatureProvided>f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41</SignatureProvided><StringToSignBytes>41 57 53 34 2d 48 4d 41 43</StringToSignBytes><CanonicalRequest>GET
/.potline-manifest.json

host:site.s3.amazonaws.com
x-amz-content-sha256:UNSIGNED-PAYLOAD
x-amz-date:20250301T101500Z
x-amz-security-token:IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ

host;x-amz-content-sha256;x-amz-date;x-amz-security-token
UNSIGNED-PAYLOAD</CanonicalRequest><CanonicalRequestBytes>47 45 54 0a</CanonicalRequestBytes><RequestId>4442587FB7D0A2F9</RequestId><HostId>Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7</HostId></Error>
request headers: {\"authorization\": \"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250301/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41\"}
Authorization: AWS4-HMAC-SHA256 Credential=LTAI5tQ9xyzSECRET/20250301/oss-cn-hongkong/oss/aws4_request
a key pasted elsewhere: ASIAY34FZKBOKMUTVV7A, and the secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    #[test]
    fn a_refused_signature_keeps_its_code_and_loses_every_credential() {
        let redactor = Redactor::new(["LTAI5tQ9xyz", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]);
        let shown = redactor.redact(REFUSAL);
        for secret in [
            "AKIAIOSFODNN7EXAMPLE",
            "ASIAY34FZKBOKMUTVV7A",
            "LTAI5tQ9xyz",
            "wJalrXUtnFEMI",
            "fe5f80f77d5fa3be",
            "f0e8bdb87c964420",
            "7344ae5b7ee6c3e7",
            "IQoJb3JpZ2luX2Vj",
            "20250301/us-east-1/s3/aws4_request",
            "41 57 53",
            "x-amz-security-token:",
            "host;x-amz-content-sha256",
        ] {
            assert!(!shown.contains(secret), "{secret} is shown:\n{shown}");
        }
        for kept in [
            "<Code>SignatureDoesNotMatch</Code>",
            "The request signature we calculated does not match the signature you provided.",
            "<AWSAccessKeyId>[redacted]</AWSAccessKeyId>",
            "<StringToSign>[redacted]</StringToSign>",
            "<CanonicalRequest>[redacted]</CanonicalRequest>",
            "<SignatureProvided>[redacted]</SignatureProvided>",
            "X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted] in 120ms",
            "\"authorization\": \"[redacted]\"}",
            "Authorization: [redacted]\n",
            "<RequestId>4442587FB7D0A2F9</RequestId>",
            "403 Forbidden",
        ] {
            assert!(shown.contains(kept), "{kept} is missing:\n{shown}");
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        let text = "could not connect: Connection refused (os error 111); token bucket: empty; 状态 <Code>NoSuchBucket</Code> AKIA is a prefix";
        assert_eq!(Redactor::new(["abc"]).redact(text), text);
    }

    #[test]
    fn an_element_cut_short_is_emptied_to_the_end() {
        assert_eq!(
            redact_elements("<Error><StringToSign>AWS4-HMAC-SHA256\n2025"),
            "<Error><StringToSign>[redacted]"
        );
    }
}
