//! The suggest rules, one per file with its tests, listed in [`RULES`] sorted by id.

mod buried_instruction;
mod contradictory_instruction;
mod missing_examples;
mod missing_format_instruction;
mod missing_system_role;
mod structured_output_unused;
mod token_budget;
mod unbounded_output;
mod undelimited_input;
mod vague_quantifier;

use crate::suggest::SuggestRule;

/// Every rule, sorted by id.
pub static RULES: &[&dyn SuggestRule] = &[
    &buried_instruction::BuriedInstruction,
    &contradictory_instruction::ContradictoryInstruction,
    &missing_examples::MissingExamples,
    &missing_format_instruction::MissingFormatInstruction,
    &missing_system_role::MissingSystemRole,
    &structured_output_unused::StructuredOutputUnused,
    &token_budget::TokenBudget,
    &unbounded_output::UnboundedOutput,
    &undelimited_input::UndelimitedInput,
    &vague_quantifier::VagueQuantifier,
];
