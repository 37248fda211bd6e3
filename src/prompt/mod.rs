//! The prompt domain: parsing, naming, schemas, messages, rendering, semantic diff and merge.
//!
//! **Architecture Invariant:** this module does no IO. Files reach it as text through the
//! [`render::SourceLoader`] trait, implemented by the filesystem library and the git store.

pub mod analysis;
pub mod compat;
pub mod compile;
mod data;
pub mod diff;
pub mod document;
pub mod front_matter;
mod key_lines;
pub mod merge;
pub mod message;
pub mod name;
pub mod quick;
pub mod render;
pub mod schema;
pub mod variables;

#[cfg(test)]
mod fuzz_tests;

pub use document::{ParseError, ParseErrorKind, PromptDocument};
pub use front_matter::{Classification, FrontMatter, ModelRef, Status};
pub use message::{Message, Role};
pub use name::{FileKind, PromptName};
pub use render::{RenderError, RenderOptions, RenderedPrompt, SourceFile, SourceLoader};
