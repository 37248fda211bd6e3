//! GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`): the one
//! writer behind `--format github` for lint, scan and check, with the escaping the Actions
//! toolkit applies.

use std::fmt::Write as _;

use promptctl::finding::{Finding, Severity};
use promptctl::scan::slash_path;

/// One annotation for a finding; `message` is the text to show (the finding's message plus
/// whatever the caller adds), and the finding's hint goes on a second line.
pub(crate) fn workflow_command(finding: &Finding, message: &str) -> String {
    let level = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let location = &finding.location;
    let mut properties = format!("file={}", escape_property(&slash_path(&location.path)));
    if location.line > 0 {
        let _ = write!(properties, ",line={}", location.line);
        if location.column > 0 {
            let _ = write!(properties, ",col={}", location.column);
        }
    }
    let _ = write!(properties, ",title={}", escape_property(&finding.rule));
    let mut text = message.to_owned();
    if let Some(hint) = &finding.hint {
        let _ = write!(text, "\nhint: {hint}");
    }
    format!("::{level} {properties}::{}\n", escape_data(&text))
}

/// Escapes a workflow command's message, as the GitHub Actions toolkit does.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use promptctl::finding::Location;

    use super::*;

    #[test]
    fn messages_and_properties_are_escaped() {
        let finding = Finding {
            rule: "a,b:c".to_owned(),
            severity: Severity::Warning,
            location: Location::at("dir, with: comma/x.prompt", 3, 7),
            message: "unused".to_owned(),
            hint: Some("100% sure\nreally".to_owned()),
        };
        assert_eq!(
            workflow_command(&finding, "line one\nline two"),
            "::warning file=dir%2C with%3A comma/x.prompt,line=3,col=7,title=a%2Cb%3Ac::line one%0Aline two%0Ahint: 100%25 sure%0Areally\n"
        );
    }
}
