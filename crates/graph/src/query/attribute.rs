//! Property paths as Graph spells them: snake_case segments become camelCase, like python-o365's
//! `protocol.convert_case` (`from/email_address/address` → `from/emailAddress/address`).

/// Converts each `/`-separated segment of `path` from snake_case to camelCase. Segments that
/// carry no `_`, or that hold `@` or `$` (annotations, `$value`), pass unchanged.
pub fn graph_attribute(path: &str) -> String {
    path.split('/').map(camel_segment).collect::<Vec<_>>().join("/")
}

fn camel_segment(segment: &str) -> String {
    if !segment.contains('_') || segment.contains('@') || segment.contains('$') {
        return segment.to_owned();
    }
    let mut words = segment.split('_').filter(|word| !word.is_empty());
    let mut out = words.next().unwrap_or_default().to_owned();
    for word in words {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::graph_attribute;

    #[test]
    fn converts_each_segment() {
        assert_eq!(graph_attribute("received_date_time"), "receivedDateTime");
        assert_eq!(graph_attribute("from/email_address/address"), "from/emailAddress/address");
        assert_eq!(graph_attribute("isRead"), "isRead");
        assert_eq!(graph_attribute("@odata.type"), "@odata.type");
        assert_eq!(graph_attribute("$value"), "$value");
        assert_eq!(graph_attribute("subject"), "subject");
        assert_eq!(graph_attribute("i_cal_u_id"), "iCalUId");
    }
}
