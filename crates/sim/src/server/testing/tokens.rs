//! Access tokens for the sim's own unit tests, through the real device code flow over HTTP
//! (reqwest is only a dev-dependency of the simulator).
use serde_json::Value;

/// A delegated access token for the owner, through the device code flow over HTTP.
pub async fn device_code_token(origin: &str, client: &reqwest::Client) -> String {
    device_code_token_for(origin, client, "Mail.ReadWrite Mail.Send User.Read offline_access").await
}

/// A delegated access token granting `scope` (space separated), through the device code flow.
pub async fn device_code_token_for(origin: &str, client: &reqwest::Client, scope: &str) -> String {
    let base = format!("{origin}/login/common/oauth2/v2.0");
    let codes: Value = client
        .post(format!("{base}/devicecode"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form(&[("client_id", crate::DEMO_CLIENT_ID), ("scope", scope)]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let device_code = codes["device_code"].as_str().expect("device code").to_owned();
    for _ in 0..5 {
        let answer: Value = client
            .post(format!("{base}/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(form(&[
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("client_id", crate::DEMO_CLIENT_ID),
                ("device_code", device_code.as_str()),
            ]))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if let Some(token) = answer["access_token"].as_str() {
            return token.to_owned();
        }
    }
    panic!("no access token from the device code flow");
}

fn form(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}
