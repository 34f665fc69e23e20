//! Compose's view of a local draft (the format is `crate::drafts`, shared with the command
//! line): how a draft maps to the header block's fields.
pub use crate::drafts::{DraftDir, InlineImageFile, Leftover, LocalDraft, ResumedHtml};

use super::header::Fields;

impl LocalDraft {
    pub fn fields(&self) -> Fields {
        Fields {
            to: self.to.clone(),
            cc: self.cc.clone(),
            bcc: self.bcc.clone(),
            subject: self.subject.clone(),
            body: self.body.clone(),
        }
    }

    pub fn set_fields(&mut self, fields: &Fields) {
        self.to = fields.to.clone();
        self.cc = fields.cc.clone();
        self.bcc = fields.bcc.clone();
        self.subject = fields.subject.clone();
        self.body = fields.body.clone();
    }
}
