//! The settings screen's effects: read the mailbox settings, change automatic replies.
use tokio::sync::mpsc::UnboundedSender;

use super::super::effect::settings::SettingsEffect;
use super::super::msg::Msg;
use super::super::msg::settings::SettingsMsg;
use super::Failures;
use crate::domain::mailbox_settings::{AutoReplies, MailboxSettings};
use o365_graph::client::GraphClient;
use o365_graph::mailbox_settings as settings;

pub(super) fn run(client: &GraphClient, messages: &UnboundedSender<Msg>, effect: SettingsEffect) {
    let (client, messages) = (client.clone(), messages.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let msg = match effect {
            SettingsEffect::Load { generation } => {
                let result = settings::get_mailbox_settings(&client).await;
                SettingsMsg::Loaded {
                    generation,
                    result: result.map(|s| Box::new(MailboxSettings::from(&s))).map_err(|e| failures.failure(e)),
                }
            }
            SettingsEffect::SaveReplies(replies) => {
                let result = settings::set_automatic_replies(&client, &replies.to_dto(true)).await;
                SettingsMsg::Saved(
                    result
                        .map(|answer| match answer.automatic_replies_setting.as_ref() {
                            Some(saved) => Box::new(AutoReplies::from(saved)),
                            None => replies,
                        })
                        .map_err(|e| failures.failure(e)),
                )
            }
        };
        let _ = messages.send(Msg::Settings(msg));
        failures.announce(&messages);
    });
}
