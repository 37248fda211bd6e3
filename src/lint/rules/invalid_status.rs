//! `invalid-status`: a `status` outside the lifecycle.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, closest, finding, quoted_list};
use crate::prompt::Status;

/// A status that is not one of the lifecycle states.
pub struct InvalidStatus;

impl Rule for InvalidStatus {
    fn id(&self) -> &'static str {
        "invalid-status"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "`status` is not draft, review, active, deprecated or archived"
    }

    fn explanation(&self) -> &'static str {
        "`status` drives review and release checks, so it must be one of the lifecycle states: \
`draft` (being written), `review` (waiting for review), `active` (in use), `deprecated` (works, \
do not use for new work) or `archived` (history only).\n\nBad:\n\n```yaml\nstatus: shipped\n```\n\n\
Good:\n\n```yaml\nstatus: active\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let Some(status) = ctx
            .document()
            .and_then(|d| d.front_matter.status.as_deref())
        else {
            return Vec::new();
        };
        if Status::parse(status).is_some() {
            return Vec::new();
        }
        let all: Vec<String> = Status::ALL.iter().map(|s| s.as_str().to_owned()).collect();
        let suggestions = closest(status, Status::ALL.iter().map(|s| s.as_str()), 1);
        let hint = if suggestions.is_empty() {
            format!("use one of {}", quoted_list(&all))
        } else {
            format!(
                "did you mean {}? Statuses are {}",
                quoted_list(&suggestions),
                quoted_list(&all)
            )
        };
        vec![finding(
            self,
            ctx.at_key(&["status"]),
            format!("`{status}` is not a status"),
            Some(hint),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::{check, findings};

    #[test]
    fn reports_unknown_status_with_suggestion() {
        let found = findings(
            &InvalidStatus,
            &[("a.prompt", "---\nstatus: activ\n---\nHi")],
        );
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("did you mean `active`?")
        );
        assert_eq!(found[0].location.line, 2);
    }

    #[test]
    fn known_and_missing_status_pass() {
        assert!(
            check(
                &InvalidStatus,
                &[("a.prompt", "---\nstatus: review\n---\nHi")]
            )
            .is_empty()
        );
        assert!(check(&InvalidStatus, &[("b.prompt", "Hi")]).is_empty());
    }
}
