//! Device code flow (RFC 8628, graph-facts §1.1): request codes, show the prompt, poll.
//!
//! oauth2's own polling is used: it keeps the interval on `authorization_pending`, adds 5 s
//! on `slow_down`, stops on any other error and gives up at `expires_in`. Time and sleeping go
//! through a `Pacer` so tests run the whole flow on a virtual clock.
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use oauth2::{DeviceAuthorizationResponse, ExtraDeviceAuthorizationFields, RequestTokenError, Scope};
use serde::{Deserialize, Serialize};

use super::oauth::{SignInContext, TokenGrant, request_error};
use super::{AuthError, Refusal};

/// What the user needs to finish signing in on another device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceCodePrompt {
    pub verification_uri: String,
    pub user_code: String,
    /// The identity platform's own sentence (localised there), or one we build.
    pub message: String,
    pub expires_at: DateTime<Utc>,
}

/// Microsoft adds `message` to the device authorization response (graph-facts §1.1).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct MicrosoftDeviceFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl ExtraDeviceAuthorizationFields for MicrosoftDeviceFields {}

/// The clock and the sleep of the polling loop.
pub trait Pacer: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// Wall clock and tokio's sleep.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemPacer;

impl Pacer for SystemPacer {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// The longest polling interval accepted (Microsoft sends 5 s; RFC 8628's default is 5 s).
const MAX_POLL_INTERVAL: Duration = Duration::from_secs(300);

/// Runs the device code flow to a token. `show_prompt` is called once, before polling starts.
pub async fn sign_in(
    context: &SignInContext,
    scopes: &[String],
    pacer: &dyn Pacer,
    show_prompt: &(dyn Fn(&DeviceCodePrompt) + Send + Sync),
) -> Result<TokenGrant, AuthError> {
    let details: DeviceAuthorizationResponse<MicrosoftDeviceFields> = context
        .client
        .exchange_device_code()
        .add_scopes(scopes.iter().cloned().map(Scope::new))
        .request_async(&context.http)
        .await
        .map_err(request_error)?;
    // oauth2 adds 5 s to the interval on `slow_down` unchecked, and a wait of hours would only
    // hang the sign-in: refuse what no identity platform sends (issue 14).
    if details.interval() > MAX_POLL_INTERVAL {
        return Err(AuthError::DeviceFlow(format!(
            "the identity platform asked to be polled only every {} s (more than {} s): not waiting",
            details.interval().as_secs(),
            MAX_POLL_INTERVAL.as_secs()
        )));
    }
    let started = pacer.now();
    let lifetime = chrono::Duration::from_std(details.expires_in()).unwrap_or(chrono::Duration::zero());
    let expires_at = started.checked_add_signed(lifetime).unwrap_or(DateTime::<Utc>::MAX_UTC);
    let verification_uri = details.verification_uri().to_string();
    let user_code = details.user_code().secret().clone();
    let message = details.extra_fields().message.clone().unwrap_or_else(|| {
        format!("To sign in, use a web browser to open the page {verification_uri} and enter the code {user_code} to authenticate.")
    });
    show_prompt(&DeviceCodePrompt { verification_uri, user_code, message, expires_at });

    let response = context
        .client
        .exchange_device_access_token(&details)
        .set_time_fn(|| pacer.now())
        .request_async(&context.http, |d| pacer.sleep(d), None)
        .await;
    match response {
        Ok(token) => Ok(TokenGrant::from_response(&token, scopes, pacer.now())),
        Err(RequestTokenError::ServerResponse(reply)) => {
            Err(device_error(reply.error().as_ref(), reply.error_description()))
        }
        Err(other) => Err(request_error(other)),
    }
}

/// The polling errors that end the flow, in words the user can act on (graph-facts §1.1).
fn device_error(code: &str, description: Option<&String>) -> AuthError {
    let text = match code {
        "authorization_declined" | "access_denied" => "sign-in was declined in the browser".to_owned(),
        "expired_token" => "the code expired before sign-in was finished: run `o365 login` again".to_owned(),
        "bad_verification_code" => {
            "the identity platform does not know this device code: run `o365 login` again".to_owned()
        }
        // Anything else is the identity platform's own refusal (700016 unknown app, 7000218
        // public client flows off, ...): its number and ids go to the caller.
        _ => return AuthError::Refused(Box::new(Refusal::parse(code, description.map(String::as_str)))),
    };
    AuthError::DeviceFlow(text)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::auth::testing::{ScriptedIdp, VirtualPacer, device_reply, error_reply, token_reply};

    async fn run(idp: &ScriptedIdp, pacer: &VirtualPacer) -> (Result<TokenGrant, AuthError>, Vec<DeviceCodePrompt>) {
        let context = SignInContext::for_account(&idp.account()).unwrap();
        let prompts = Mutex::new(Vec::new());
        let show = |p: &DeviceCodePrompt| prompts.lock().unwrap().push(p.clone());
        let result = sign_in(&context, &["User.Read".to_owned()], pacer, &show).await;
        (result, prompts.into_inner().unwrap())
    }

    #[tokio::test]
    async fn polls_through_pending_and_slow_down() {
        let idp = ScriptedIdp::start().await;
        idp.reply("devicecode", 200, device_reply(900, 5))
            .reply("token", 400, error_reply("authorization_pending"))
            .reply("token", 400, error_reply("slow_down"))
            .reply("token", 400, error_reply("authorization_pending"))
            .reply("token", 200, token_reply("at-1", Some("rt-1")));
        let pacer = VirtualPacer::new();
        let (result, prompts) = run(&idp, &pacer).await;
        let grant = result.unwrap();
        assert_eq!(grant.access_token.secret(), "at-1");
        assert_eq!(pacer.slept(), vec![5, 10, 10], "slow_down adds 5 s and keeps it");
        assert_eq!(prompts.len(), 1);
        assert_eq!(prompts[0].user_code, "ABCD1234");
        assert!(prompts[0].message.contains("devicelogin"));
        let polls = idp.requests("token");
        assert_eq!(polls.len(), 4);
        assert!(polls[0].contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"), "{}", polls[0]);
        assert!(polls[0].contains("device_code=dev-code-1"));
        assert!(idp.requests("devicecode")[0].contains("scope=User.Read"));
    }

    #[tokio::test]
    async fn terminal_errors_stop_polling() {
        for (code, expected) in [
            ("authorization_declined", "declined"),
            ("expired_token", "expired"),
            ("bad_verification_code", "does not know"),
        ] {
            let idp = ScriptedIdp::start().await;
            idp.reply("devicecode", 200, device_reply(900, 5))
                .reply("token", 400, error_reply("authorization_pending"))
                .reply("token", 400, error_reply(code))
                .reply("token", 200, token_reply("never", None));
            let pacer = VirtualPacer::new();
            let error = run(&idp, &pacer).await.0.unwrap_err();
            assert!(matches!(error, AuthError::DeviceFlow(_)), "{error:?}");
            assert!(error.to_string().contains(expected), "{code}: {error}");
            assert_eq!(idp.requests("token").len(), 2, "{code}: no poll after a terminal error");
        }
    }

    #[tokio::test]
    async fn an_absurd_interval_is_refused_before_polling() {
        let idp = ScriptedIdp::start().await;
        idp.reply("devicecode", 200, device_reply(900, u64::MAX)).reply("token", 400, error_reply("slow_down")).reply(
            "token",
            200,
            token_reply("never", None),
        );
        let pacer = VirtualPacer::new();
        let error = run(&idp, &pacer).await.0.unwrap_err();
        assert!(
            matches!(error, AuthError::DeviceFlow(_)) && error.to_string().contains("polled only every"),
            "{error}"
        );
        assert!(idp.requests("token").is_empty());
    }

    #[tokio::test]
    async fn gives_up_at_expires_in() {
        let idp = ScriptedIdp::start().await;
        idp.reply("devicecode", 200, device_reply(12, 5));
        for _ in 0..10 {
            idp.reply("token", 400, error_reply("authorization_pending"));
        }
        let pacer = VirtualPacer::new();
        let error = run(&idp, &pacer).await.0.unwrap_err();
        assert!(error.to_string().contains("expired"), "{error}");
        assert_eq!(idp.requests("token").len(), 3, "polls at 0, 5 and 10 s; 15 s is past expires_in");
    }
}
