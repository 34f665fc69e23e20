//! What the generator decides about one message (`Mail`), and the conversation a thread shares.
use base64::Engine;

use super::super::cast::Person;
use super::super::rng::Rng;
use super::body::BodyPlan;

/// A thread's shared identity: every message of it carries the same `conversationId`, and a
/// `conversationIndex` that grows by five bytes per reply (the Outlook layout). Both are drawn
/// from the conversation's own seed when a message is read.
#[derive(Debug, Clone, Copy)]
pub struct Conversation {
    seed: u64,
}

impl Conversation {
    pub fn new(rng: &mut Rng) -> Self {
        Self { seed: rng.next_u64() }
    }

    /// (id, index header): `AAQk` and 12 random bytes; 0x01 and 21 random bytes.
    fn parts(&self) -> (Vec<u8>, Vec<u8>) {
        let mut rng = Rng::new(self.seed);
        let mut raw = b"AAQk".to_vec();
        raw.extend(rng.bytes(12));
        let mut header = vec![0x01];
        header.extend(rng.bytes(21));
        (raw, header)
    }

    pub fn id(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.parts().0)
    }

    pub fn index(&self, depth: usize) -> String {
        let mut raw = self.parts().1;
        for d in 0..depth {
            raw.extend([0x00, 0x00, (d as u8).wrapping_mul(37), 0x1c, 0x5e]);
        }
        base64::engine::general_purpose::STANDARD.encode(raw)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    None,
    Flagged,
    Complete,
}

pub struct Mail<'a> {
    pub folder: &'a str,
    pub subject: String,
    pub from: &'a Person,
    pub to: Vec<&'a Person>,
    pub cc: Vec<&'a Person>,
    pub sent: chrono::DateTime<chrono::Utc>,
    pub is_read: bool,
    pub is_draft: bool,
    pub importance: &'static str,
    pub flag: Flag,
    pub categories: Vec<&'static str>,
    pub conversation: &'a Conversation,
    pub depth: usize,
    pub body: BodyPlan<'a>,
    pub has_attachments: bool,
    pub focused: bool,
}
