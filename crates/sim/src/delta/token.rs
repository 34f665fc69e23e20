//! The opaque tokens of a delta round (graph-facts §2.8): a `$skiptoken` for the next page of a
//! round and a `$deltatoken` for the next round, each naming its folder (scope) and the points
//! of the mailbox's change journal it stands between, with a check so that a token this tenant
//! did not issue, or one issued for another folder, is refused.
use base64::Engine;
use sha2::{Digest, Sha256};

/// Where a delta request starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    /// The first round: every item of the scope by position, `since` being the journal's point
    /// when it started (changes during the round come again in the next).
    Full { since: u64, offset: usize },
    /// A later round: the items changed after `since` up to `until`, by position in that list.
    Changes { since: u64, until: u64, offset: usize },
}

impl Round {
    /// The journal point every change of this round is after.
    pub fn since(&self) -> u64 {
        match self {
            Round::Full { since, .. } | Round::Changes { since, .. } => *since,
        }
    }
}

const PREFIX: &str = "o365sim-delta";

fn check(body: &str) -> String {
    let digest = Sha256::digest(format!("{PREFIX}:{body}").as_bytes());
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

fn seal(body: String) -> String {
    let sealed = format!("{}|{body}", check(&body));
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sealed)
}

fn open(token: &str) -> Option<String> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token.trim()).ok()?;
    let raw = String::from_utf8(raw).ok()?;
    let (sum, body) = raw.split_once('|')?;
    (sum == check(body)).then(|| body.to_owned())
}

/// The `$skiptoken` of the next page of `round` in `scope`.
pub fn skip_token(scope: &str, round: Round) -> String {
    match round {
        Round::Full { since, offset } => seal(format!("full|{since}|0|{offset}|{scope}")),
        Round::Changes { since, until, offset } => seal(format!("changes|{since}|{until}|{offset}|{scope}")),
    }
}

/// The `$deltatoken` of the round that starts after journal point `since`.
pub fn delta_token(scope: &str, since: u64) -> String {
    seal(format!("delta|{since}|0|0|{scope}"))
}

/// What a token stands for, if this tenant issued it for `scope`. A `$deltatoken` becomes a
/// `Changes` round up to `now`.
pub fn decode(token: &str, scope: &str, now: u64) -> Option<Round> {
    let body = open(token)?;
    let mut parts = body.splitn(5, '|');
    let (kind, since, until, offset, of) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if of != scope {
        return None;
    }
    let (since, until, offset) = (since.parse().ok()?, until.parse().ok()?, offset.parse().ok()?);
    match kind {
        "full" => Some(Round::Full { since, offset }),
        "changes" => Some(Round::Changes { since, until, offset }),
        "delta" => Some(Round::Changes { since, until: now, offset: 0 }),
        _ => None,
    }
}

/// The scope a `$deltatoken` this tenant issued stands for (`None` for a page's `$skiptoken`,
/// or a token it did not issue).
pub fn delta_scope(token: &str) -> Option<String> {
    let body = open(token)?;
    body.strip_prefix("delta|")?.splitn(4, '|').nth(3).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_read_back_only_for_their_scope() {
        let round = Round::Changes { since: 4, until: 9, offset: 20 };
        assert_eq!(decode(&skip_token("inbox", round), "inbox", 12), Some(round));
        assert_eq!(decode(&skip_token("inbox", round), "sent", 12), None, "another folder's token");
        let full = Round::Full { since: 3, offset: 10 };
        assert_eq!(decode(&skip_token("inbox", full), "inbox", 12), Some(full));
        assert_eq!(
            decode(&delta_token("inbox", 7), "inbox", 12),
            Some(Round::Changes { since: 7, until: 12, offset: 0 })
        );
    }

    #[test]
    fn a_delta_token_names_its_scope_and_a_skip_token_none() {
        assert_eq!(delta_scope(&delta_token("in|box", 7)).as_deref(), Some("in|box"));
        assert_eq!(delta_scope(&delta_token("", 7)).as_deref(), Some(""));
        assert_eq!(delta_scope(&skip_token("inbox", Round::Full { since: 1, offset: 2 })), None);
        assert_eq!(delta_scope("garbage"), None);
    }

    #[test]
    fn forged_or_garbled_tokens_are_refused() {
        let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("000000000000|delta|0|0|0|inbox");
        for token in ["", "abc", "%%%", forged.as_str()] {
            assert_eq!(decode(token, "inbox", 1), None, "{token}");
        }
    }
}
