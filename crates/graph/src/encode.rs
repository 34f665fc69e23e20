//! Percent-encoding of text put into URLs, one `AsciiSet` per place it goes, through the
//! `percent-encoding` crate. Every set starts from "everything but letters and digits" and
//! lets through exactly what that place may carry bare; anything else (bytes of non-ASCII
//! text included) becomes `%XX`.
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// One path segment (an id, a user principal name, a drive path's name): RFC 3986 unreserved
/// characters and `@`, which Graph shows bare in `users/adele@contoso.com`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'@');

/// A query key or value the client sends: also the OData punctuation Graph's own examples
/// leave bare (`$ ' ( ) , : /`). `+`, `&`, `=`, `#` and `%` stay encoded, so no value can change
/// the query's structure.
const QUERY_PART: &AsciiSet =
    &SEGMENT.remove(b'$').remove(b'\'').remove(b'(').remove(b')').remove(b',').remove(b':').remove(b'/');

/// A query as `Query` shows it (logs, tests): also `! * ;` bare, as OData examples write them.
const QUERY_SHOWN: &AsciiSet = &QUERY_PART.remove(b'!').remove(b'*').remove(b';');

/// Percent-encodes one path segment.
pub fn encode_segment(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// Percent-encodes a query key or value for a request.
pub fn encode_query_part(text: &str) -> String {
    utf8_percent_encode(text, QUERY_PART).to_string()
}

/// Percent-encodes a query key or value for showing the query.
pub fn encode_shown_query_part(text: &str) -> String {
    utf8_percent_encode(text, QUERY_SHOWN).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every ASCII byte that each set leaves bare.
    fn bare(encode: fn(&str) -> String) -> String {
        (1u8..128).map(char::from).filter(|c| encode(&c.to_string()) == c.to_string()).collect()
    }

    #[test]
    fn each_place_lets_exactly_its_own_characters_through() {
        const ALNUM: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let sorted = |extra: &str| {
            let mut all: Vec<char> = format!("{ALNUM}{extra}").chars().collect();
            all.sort_unstable();
            all.into_iter().collect::<String>()
        };
        assert_eq!(bare(encode_segment), sorted("-._~@"));
        assert_eq!(bare(encode_query_part), sorted("-._~@$'(),:/"));
        assert_eq!(bare(encode_shown_query_part), sorted("-._~@$'(),:/!*;"));
    }

    #[test]
    fn text_is_encoded_byte_by_byte_in_upper_case() {
        assert_eq!(encode_segment("a b/ü%"), "a%20b%2F%C3%BC%25");
        assert_eq!(encode_query_part("subject eq 'a&b=c+d'"), "subject%20eq%20'a%26b%3Dc%2Bd'");
        assert_eq!(encode_shown_query_part("\"pizza\" #1;*"), "%22pizza%22%20%231;*");
    }
}
