//! A refusal from the identity platform, as its error body gives it (graph-facts §1.6): the
//! RFC 6749 `error`, and what Entra adds in `error_description`: the AADSTS number and its
//! message on the first line, then `Trace ID:`, `Correlation ID:` and `Timestamp:` lines.
//!
//! Flows still branch on `error` alone, as Microsoft asks; the number and the ids are kept so an
//! application can say what the refusal means and an administrator can find the sign-in in
//! Entra's logs.
use std::fmt;

/// One refusal: the redirect's or token endpoint's `error` and what its description says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refusal {
    /// `invalid_grant`, `unauthorized_client`, `invalid_client`, `interaction_required`, ...
    pub error: String,
    /// The AADSTS number (`700016` for `AADSTS700016`), when the description starts with one.
    pub code: Option<u32>,
    /// The first line of the description, without its `AADSTSnnn: ` prefix.
    pub message: Option<String>,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    /// As Entra writes it: `2016-01-09 02:02:12Z`.
    pub timestamp: Option<String>,
}

impl Refusal {
    /// Reads `error` and an `error_description` such as
    /// `AADSTS70011: The provided value ...\r\nTrace ID: ...\r\nCorrelation ID: ...\r\nTimestamp: ...`.
    pub fn parse(error: &str, description: Option<&str>) -> Self {
        let mut refusal = Refusal { error: error.trim().to_owned(), ..Refusal::default() };
        let Some(description) = description else { return refusal };
        let mut lines = description.lines().map(str::trim).filter(|l| !l.is_empty());
        if let Some(first) = lines.next() {
            let (code, message) = split_code(first);
            refusal.code = code;
            refusal.message = Some(message.to_owned()).filter(|m| !m.is_empty());
        }
        for line in lines {
            let Some((name, value)) = line.split_once(':') else { continue };
            let value = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
            match name.trim().to_ascii_lowercase().as_str() {
                "trace id" => refusal.trace_id = value,
                "correlation id" => refusal.correlation_id = value,
                "timestamp" => refusal.timestamp = value,
                _ => {}
            }
        }
        refusal
    }

    /// `AADSTS700016`, when the description carried a number.
    pub fn aadsts(&self) -> Option<String> {
        self.code.map(|code| format!("AADSTS{code}"))
    }

    /// `[trace id …, correlation id …]`, or nothing when the body had neither.
    pub fn ids(&self) -> String {
        let ids: Vec<String> = [("trace id", &self.trace_id), ("correlation id", &self.correlation_id)]
            .into_iter()
            .filter_map(|(name, value)| value.as_deref().map(|v| format!("{name} {v}")))
            .collect();
        if ids.is_empty() { String::new() } else { format!(" [{}]", ids.join(", ")) }
    }
}

/// `AADSTS700016: Application ...` → (700016, `Application ...`).
fn split_code(line: &str) -> (Option<u32>, &str) {
    let Some(rest) = line.strip_prefix("AADSTS") else { return (None, line) };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    match rest[..digits].parse() {
        Ok(code) => (Some(code), rest[digits..].trim_start_matches(':').trim()),
        Err(_) => (None, line),
    }
}

/// `AADSTS700016 (unauthorized_client): Application ... [trace id …, correlation id …]`.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.aadsts() {
            Some(code) => write!(f, "{code} ({})", self.error)?,
            None => f.write_str(&self.error)?,
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        f.write_str(&self.ids())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_number_message_and_ids_of_an_entra_description() {
        let description = "AADSTS700016: Application with identifier 'x' was not found in the directory 'y'.\r\n\
                           Trace ID: 0000aaaa-11bb-cccc-dd33-eeeeee333333\r\n\
                           Correlation ID: aaaa0000-bb11-2222-33cc-444444dddddd\r\n\
                           Timestamp: 2016-01-09 02:02:12Z";
        let refusal = Refusal::parse("unauthorized_client", Some(description));
        assert_eq!(refusal.code, Some(700016));
        assert_eq!(
            refusal.message.as_deref(),
            Some("Application with identifier 'x' was not found in the directory 'y'.")
        );
        assert_eq!(refusal.trace_id.as_deref(), Some("0000aaaa-11bb-cccc-dd33-eeeeee333333"));
        assert_eq!(refusal.correlation_id.as_deref(), Some("aaaa0000-bb11-2222-33cc-444444dddddd"));
        assert_eq!(refusal.timestamp.as_deref(), Some("2016-01-09 02:02:12Z"));
        assert_eq!(
            refusal.to_string(),
            "AADSTS700016 (unauthorized_client): Application with identifier 'x' was not found in the directory 'y'. \
             [trace id 0000aaaa-11bb-cccc-dd33-eeeeee333333, correlation id aaaa0000-bb11-2222-33cc-444444dddddd]"
        );
    }

    #[test]
    fn other_servers_bodies_are_kept_as_they_are() {
        let plain = Refusal::parse("invalid_grant", Some("The refresh token is no good."));
        assert_eq!(plain.code, None);
        assert_eq!(plain.to_string(), "invalid_grant: The refresh token is no good.");
        assert_eq!(Refusal::parse("access_denied", None).to_string(), "access_denied");
        let odd = Refusal::parse("invalid_request", Some("AADSTSxyz: not a number"));
        assert_eq!((odd.code, odd.message.as_deref()), (None, Some("AADSTSxyz: not a number")));
    }
}
