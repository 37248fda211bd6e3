//! The lint rules, one per file, each with its tests beside it.
//!
//! [`RULES`] is the registry: `lint` runs it, `--list-rules` and `--explain` print it, and
//! `schemas/config.schema.json` lists its ids (a test keeps the two in step). Keep it sorted.

mod conditional_on_undeclared;
mod control_character;
mod dotprompt_difference;
mod duplicate_name;
mod extends_cycle;
mod front_matter_schema;
mod helper_arguments;
mod invalid_classification;
mod invalid_input_schema;
mod invalid_status;
mod merge_conflict;
mod missing_description;
mod missing_extends;
mod missing_link;
mod missing_partial;
mod partial_cycle;
mod role_marker_misuse;
mod shadowed_helper;
mod template_syntax;
mod undefined_variable;
mod unknown_helper;
mod unknown_key;
mod unreadable_file;
mod unused_variable;
mod yaml_syntax;

use crate::lint::Rule;
use crate::prompt::{ParseError, ParseErrorKind};

pub use conditional_on_undeclared::ConditionalOnUndeclared;
pub use control_character::ControlCharacter;
pub use dotprompt_difference::DotpromptDifference;
pub use duplicate_name::DuplicateName;
pub use extends_cycle::ExtendsCycle;
pub use front_matter_schema::FrontMatterSchema;
pub use helper_arguments::HelperArguments;
pub use invalid_classification::InvalidClassification;
pub use invalid_input_schema::InvalidInputSchema;
pub use invalid_status::InvalidStatus;
pub use merge_conflict::MergeConflict;
pub use missing_description::MissingDescription;
pub use missing_extends::MissingExtends;
pub use missing_link::MissingLink;
pub use missing_partial::MissingPartial;
pub use partial_cycle::PartialCycle;
pub use role_marker_misuse::{RoleMarkerMisuse, RoleShape};
pub use shadowed_helper::ShadowedHelper;
pub use template_syntax::TemplateSyntax;
pub use undefined_variable::UndefinedVariable;
pub use unknown_helper::UnknownHelper;
pub use unknown_key::UnknownKey;
pub use unreadable_file::UnreadableFile;
pub use unused_variable::UnusedVariable;
pub use yaml_syntax::YamlSyntax;

/// Every rule, sorted by id.
pub static RULES: &[&dyn Rule] = &[
    &ConditionalOnUndeclared,
    &ControlCharacter,
    &DotpromptDifference,
    &DuplicateName,
    &ExtendsCycle,
    &FrontMatterSchema,
    &HelperArguments,
    &InvalidClassification,
    &InvalidInputSchema,
    &InvalidStatus,
    &MergeConflict,
    &MissingDescription,
    &MissingExtends,
    &MissingLink,
    &MissingPartial,
    &PartialCycle,
    &RoleMarkerMisuse,
    &ShadowedHelper,
    &TemplateSyntax,
    &UndefinedVariable,
    &UnknownHelper,
    &UnknownKey,
    &UnreadableFile,
    &UnusedVariable,
    &YamlSyntax,
];

/// Whether a parse error is about the front matter block itself (rather than a field of the
/// wrong shape, or conflict markers).
fn is_yaml_error(error: &ParseError) -> bool {
    matches!(error.kind, ParseErrorKind::Yaml | ParseErrorKind::Unclosed)
}
