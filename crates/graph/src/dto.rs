//! Wire types: what Graph sends and receives, with Graph's field names (graph-facts §3, §4).
//!
//! Every property Graph may omit (`$select`) is optional or defaults; `null` is accepted
//! wherever Graph may send it, collections included (`null` → empty, `null` items skipped);
//! unknown fields are ignored; closed value sets accept values they do not know (`Other`).
//! Serialization uses Graph's names and skips absent fields, so the CLI's `--json` output and
//! request bodies look like Graph's own.

/// An enum over a Graph string value set that keeps values it does not know (Graph adds members
/// such as `unknownFutureValue`). Matching is case-insensitive (requests may say `HTML`);
/// output uses Graph's spelling.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this build does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// Graph's spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Other(value) => value,
                }
            }

            pub fn from_wire(value: &str) -> Self {
                $(if value.eq_ignore_ascii_case($wire) {
                    return Self::$variant;
                })+
                Self::Other(value.to_owned())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from_wire(&value))
            }
        }

        impl From<$name> for crate::query::Literal {
            fn from(value: $name) -> Self {
                crate::query::Literal::Enum(value.as_str().to_owned())
            }
        }
    };
}

pub mod attachment;
pub mod calendar;
pub mod category;
pub mod common;
pub mod contact;
pub mod drive;
pub mod event_write;
pub mod lenient;
pub mod mail;
pub mod mailbox_settings;
pub mod request;
pub mod site;
pub mod todo;
pub mod user;

pub use attachment::*;
pub use calendar::*;
pub use category::*;
pub use common::*;
pub use contact::*;
pub use drive::*;
pub use event_write::*;
pub use mail::*;
pub use mailbox_settings::*;
pub use request::*;
pub use site::*;
pub use todo::*;
pub use user::*;
