# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_promptctl_global_optspecs
    string join \n C/directory= format= color= q/quiet v/verbose no-progress notify-strict h/help V/version
end

function __fish_promptctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_promptctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_promptctl_using_subcommand
    set -l cmd (__fish_promptctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c promptctl -n "__fish_promptctl_needs_command" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_needs_command" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_needs_command" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_needs_command" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_needs_command" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_needs_command" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_needs_command" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_needs_command" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "init" -d 'Start a promptctl project: config, prompts folder, example prompt and git attributes'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "new" -d 'Create a prompt file from a starter template or as a copy of another prompt'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "lint" -d 'Check prompt files for problems'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "suggest" -d 'Advise how to make a prompt work better'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "improve" -d 'Write candidate rewrites of a prompt, checked, as variants with an experiment to compare them'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "list" -d 'List the prompts in the library, as a tree by folder or a table'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "show" -d 'Show a prompt: metadata, variables with types, partials, links and body'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "search" -d 'Search prompts by text, ranked, with facet filters and typo tolerance'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "render" -d 'Render a prompt with variables and print the result'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "export" -d 'Export the library to a JSON bundle or a plain Dotprompt directory'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "import" -d 'Import a library bundle, Prompty files or a Dotprompt directory'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "scan" -d 'Scan prompts and other files for PII, secrets, prompt injection and policy violations'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "check" -d 'Lint, scan and release rules over what changed: the one command CI runs'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "github" -d 'Talk to GitHub from a workflow: the PR comment and code-scanning upload'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "policy" -d 'List and explain scan rules: built-in detectors and the project\'s policies'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "owners" -d 'Keep CODEOWNERS in step with the prompts\' owners'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "comment" -d 'Comment on a prompt or one of its lines, reply to a comment, or resolve a thread'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "comments" -d 'List the comment threads on a prompt, with where each line is now'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "log" -d 'Show the versions of a prompt'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "diff" -d 'Show what changed in a prompt, field by field and word by word'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "pr-report" -d 'Report the prompt changes in a pull request: diffs, rendered samples, impact and evidence'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "rollback" -d 'Restore an earlier version of a prompt'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "merge-driver" -d 'Merge prompt files for git, key by key and hunk by hunk'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "diff-driver" -d 'Show prompt files in git\'s diffs (git runs this; see `promptctl merge-driver --install`)'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "doctor" -d 'Check the project\'s setup: config, git, and the prompt merge and diff drivers'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "release" -d 'Release prompt versions to an environment'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "env" -d 'Inspect release environments'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "audit" -d 'Show who changed which prompt and who released what where'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "review" -d 'Approve prompts\' exact content for protected environments'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "backup" -d 'Write a single-file backup of the library with all history'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "restore" -d 'Restore a library from a backup bundle'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "run" -d 'Run a prompt against its model and print the answer'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "report" -d 'Report across every run: pass rates, errors, latency, tokens and cost, trends and advice'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "ingest" -d 'Import production call logs (OpenTelemetry `gen_ai` spans, OpenAI-style logs) for `report`'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "ab" -d 'Compare prompt versions, variants and models on a dataset, with statistics'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "providers" -d 'List the configured LLM providers and check that they answer'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "auth" -d 'Store provider API keys in the OS keyring'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "man" -d 'Print or write man pages'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "stats" -d 'Statistics for ad-hoc questions: tests, intervals, sample sizes, power'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "notify" -d 'Check notification destinations by sending them a test message'
complete -c promptctl -n "__fish_promptctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand init" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand init" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand init" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand init" -l force -d 'Also rewrite schema copies in .promptctl/schemas/ that differ from this version\'s schemas (promptctl.yaml is never replaced)'
complete -c promptctl -n "__fish_promptctl_using_subcommand init" -l check -d 'Change nothing; exit 1 when this clone is not set up (no project, or the merge or diff driver not routed or not registered), with the command that fixes each gap'
complete -c promptctl -n "__fish_promptctl_using_subcommand init" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand init" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand init" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand init" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand init" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -l from -d 'Copy front matter and body from this prompt' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -s d -l description -d 'One or two sentences on what the prompt does' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -l tag -d 'A tag for search and filtering (repeatable; replaces copied tags)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand new" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -l fail-on -d 'Exit 1 when a finding is at or above this severity [default: `lint.fail_on`, else error]' -r -f -a "info\t'Fail on any finding'
warning\t'Fail on warnings and errors'
error\t'Fail on errors only'"
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -l explain -d 'Explain a rule: what it checks, why, and how to fix what it reports' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -l list-rules -d 'List every rule with its default severity and summary'
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand lint" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -l explain -d 'Explain a rule, with a before/after example' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -l all -d 'Advise on every prompt in the library'
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -l fix -d 'Apply the mechanical fixes (kept only when the file still parses and lints no worse)'
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -l list-rules -d 'List every rule with its summary'
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand suggest" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -s m -l model -d 'The model that writes the rewrites, as `provider/model`' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -l adopt -d 'Instead of asking for rewrites: commit the candidate that won run RUN of `experiments/<name>-improve.yaml` over the prompt, naming the run in the message' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -l n -d 'How many rewrites to ask for' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -l max-cost -d 'Refuse to call the model when the estimated cost is above this many US dollars' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -l cache -d 'Response cache under `.promptctl/cache/`: repeated identical requests are free' -r -f -a "read-write\t'Answer from the cache and store new responses'
read\t'Answer from the cache, never store'
off\t'Ignore the cache'"
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -l record -d 'Append every live response to this cassette file (JSONL, meant to be committed)' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -l replay -d 'Answer only from this cassette: offline and deterministic; a request it does not hold is an error' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -l run -d 'Then run the experiment on the sample size `ab plan` computes (the candidates read from the branch, results committed there) and name a winner only if it is significantly better than the current version after correction'
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand improve" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -l tag -d 'Only prompts with this tag (repeat to require several)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -l category -d 'Only prompts in this category' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -l status -d 'Only prompts with this status (draft, review, active, deprecated, archived)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -l owner -d 'Only prompts owned by this person or team (own `owners:` or the folder\'s default)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -l table -d 'Show a flat table instead of the folder tree'
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand list" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand show" -l variant -d 'Show a variant of the prompt (same as `name.variant`)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand show" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand show" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand show" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand show" -l no-body -d 'Leave out the template body'
complete -c promptctl -n "__fish_promptctl_using_subcommand show" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand show" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand show" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand show" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand show" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l tag -d 'Only prompts with this tag (repeat to require several)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l category -d 'Only prompts in this category' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l status -d 'Only prompts with this status (draft, review, active, deprecated, archived)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l owner -d 'Only prompts owned by this person or team (own `owners:` or the folder\'s default)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l folder -d 'Only prompts in this folder (at any depth below it)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -s n -l limit -d 'Show at most this many hits' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l no-cache -d 'Neither read nor write the on-disk index cache'
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l no-refresh -d 'Use the index cache as it is, without checking files for changes (faster on huge libraries; misses edits made since the last search)'
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l no-background -d 'When there was no index, build it in this process after printing the results instead of in a detached background process'
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l build-index -d 'Build or refresh the index and exit (what a search with no index starts in the background)'
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand search" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -l var -d 'Set a variable: `--var key=value` (repeatable); typed by the input schema' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -l vars -d 'Read variables from a JSON (`.json`) or YAML file, or `-` for stdin (repeatable)' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -l variant -d 'Use a variant of the prompt (same as `name.variant`)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -l compat -d 'Render as another runtime does: `dotprompt` (the reference library), or `strict` (ours)' -r -f -a "strict\t'promptctl\'s strict renderer (the default)'
dotprompt\t'The reference Dotprompt library\'s rendering'"
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -l context -d '`@`-data for the template, e.g. `{state: {...}, auth: {...}}` (JSON or YAML file)' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -l history -d 'Prior messages for `{{history}}`: a JSON or YAML list of `{role, content}` messages' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand render" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -l to -d 'What to export to' -r -f -a "bundle\t'One JSON document with every file (lossless)'
dotprompt\t'A folder of plain Dotprompt `.prompt` files'"
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -s o -l output -d 'Output file (bundle; `-` or absent for stdout) or folder (dotprompt)' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -l env -d 'Export what is released to this environment, from git objects (a deployable bundle)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -l force -d 'Overwrite files in the output folder whose content differs'
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand export" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -l from -d 'The source format (detected from the path when `auto`)' -r -f -a "auto\t'Decide from the path: `.json` bundle, `.prompty` file, or a folder\'s contents'
bundle\t'A promptctl JSON bundle'
prompty\t'Microsoft Prompty files'
dotprompt\t'A Dotprompt directory'"
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -l into -d 'Folder under the prompts folder to import Prompty or Dotprompt files into' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -l force -d 'Overwrite existing files whose content differs'
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand import" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l history -d 'Scan every file version committed in a revision range (`HEAD`, `main..HEAD`)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l fail-on -d 'Lowest severity that makes the scan exit 1' -r -f -a "info\t''
warning\t''
error\t''"
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l baseline -d 'Accept the findings recorded in this baseline file; only new findings are reported' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l staged -d 'Scan the staged files the commit adds or changes (the git index, not the working tree)'
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l all -d 'With `--staged`: scan every staged file, not only the ones that differ from `HEAD`'
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l update-baseline -d 'Record the current findings in the baseline file and exit 0'
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l no-render -d 'Do not render prompt files with their sample inputs'
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l show-info -d 'List info findings in human output too (by default only their count is shown)'
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand scan" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -l base -d 'Judge findings against this revision: only findings not present where HEAD branched off it fail the run (`origin/main`, a commit id)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -l fail-on -d 'Exit 1 when a new finding is at or above this severity, for every tool' -r -f -a "info\t'Fail on any finding'
warning\t'Fail on warnings and errors'
error\t'Fail on errors only'"
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -l sarif -d 'Also write the findings as SARIF 2.1.0 to this file (for GitHub code scanning)' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -l all -d 'Check every file, not only the changed ones'
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand check" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -f -a "pr" -d 'Print the pull request of the workflow event as `key=value` lines for `$GITHUB_OUTPUT` (`pull_request=false` for other events)'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -f -a "comment" -d 'Create the pull request\'s promptctl comment, or update it in place (found by a hidden marker line): one comment per PR however often the workflow runs'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -f -a "upload-sarif" -d 'Upload a SARIF log to GitHub code scanning'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and not __fish_seen_subcommand_from pr comment upload-sarif help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from pr" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from pr" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from pr" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from pr" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from pr" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from pr" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from pr" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from pr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from pr" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from comment" -l pr -d 'The PR number [default: from the workflow event]' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from comment" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from comment" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from comment" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from comment" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from comment" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from comment" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from comment" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from comment" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from comment" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from upload-sarif" -l sha -d 'The commit the log describes [default: `GITHUB_SHA`]' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from upload-sarif" -l ref -d 'The ref the log describes [default: `GITHUB_REF`]' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from upload-sarif" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from upload-sarif" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from upload-sarif" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from upload-sarif" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from upload-sarif" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from upload-sarif" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from upload-sarif" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from upload-sarif" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from upload-sarif" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from help" -f -a "pr" -d 'Print the pull request of the workflow event as `key=value` lines for `$GITHUB_OUTPUT` (`pull_request=false` for other events)'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from help" -f -a "comment" -d 'Create the pull request\'s promptctl comment, or update it in place (found by a hidden marker line): one comment per PR however often the workflow runs'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from help" -f -a "upload-sarif" -d 'Upload a SARIF log to GitHub code scanning'
complete -c promptctl -n "__fish_promptctl_using_subcommand github; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -f -a "list" -d 'List every rule: built-in detectors, then the project\'s policy rules'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -f -a "explain" -d 'Print what a rule checks, why, where it applies and how to fix a finding'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and not __fish_seen_subcommand_from list explain help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from list" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from list" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from list" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from list" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from explain" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from explain" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from explain" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from explain" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from explain" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from explain" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from explain" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from explain" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every rule: built-in detectors, then the project\'s policy rules'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Print what a rule checks, why, where it applies and how to fix a finding'
complete -c promptctl -n "__fish_promptctl_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -f -a "check" -d 'Report prompts whose CODEOWNERS owners differ from their owners (exit 1 if any)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -f -a "sync" -d 'Write one CODEOWNERS line per prompt into a managed block (replaced on every run)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and not __fish_seen_subcommand_from check sync help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from check" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from check" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from check" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from check" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from check" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from sync" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from sync" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from sync" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from sync" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from sync" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from sync" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from sync" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from help" -f -a "check" -d 'Report prompts whose CODEOWNERS owners differ from their owners (exit 1 if any)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Write one CODEOWNERS line per prompt into a managed block (replaced on every run)'
complete -c promptctl -n "__fish_promptctl_using_subcommand owners; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -l line -d 'The line of the prompt file the comment is about (1-based)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -l reply -d 'Reply to the comment with this id' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -l resolve -d 'Resolve the thread of the comment with this id (hidden from `show`)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand comment" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand comments" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand comments" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand comments" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand comments" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand comments" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand comments" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand comments" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand comments" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand comments" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand log" -s n -l limit -d 'Show at most this many versions' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand log" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand log" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand log" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand log" -l follow -d 'Continue past renames to the file\'s earlier paths'
complete -c promptctl -n "__fish_promptctl_using_subcommand log" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand log" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand log" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand log" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand log" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -l all -d 'Diff every prompt changed in a revision range (`A..B`, or `A` for `A..HEAD`)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -l vars -d 'Also diff the rendered prompt, with variables from this YAML/JSON file (repeatable)' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -l var -d 'Set a variable for the rendered diff: `--var key=value` (repeatable)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -l output -d 'Also write the full, unshortened report to this file' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -l max-chars -d 'Shorten the Markdown to at most this many characters (GitHub\'s comment limit)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -l full-report-url -d 'Where a shortened report points for the full one (default: the `promptctl-pr-report` artifact)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand pr-report" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -l to -d 'The version to restore: `v2`, an environment, or a git revision' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -l commit -d 'Commit the restored file ("Roll back NAME to vN")'
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -l allow-detached -d 'Allow committing on a detached HEAD'
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -l force -d 'Overwrite uncommitted edits to the file (without `--commit` only)'
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand rollback" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand merge-driver" -l marker-size -d 'Length of conflict markers (git\'s %L)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand merge-driver" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand merge-driver" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand merge-driver" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand merge-driver" -l install -d 'Configure this repository to use the merge and diff drivers for `*.prompt` files, then exit'
complete -c promptctl -n "__fish_promptctl_using_subcommand merge-driver" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand merge-driver" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand merge-driver" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand merge-driver" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand merge-driver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand merge-driver" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff-driver" -l textconv -d 'Print FILE as git\'s textconv shows it' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand diff-driver" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand diff-driver" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand diff-driver" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand diff-driver" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff-driver" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff-driver" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff-driver" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff-driver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand diff-driver" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand doctor" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand doctor" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand doctor" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand doctor" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand doctor" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand doctor" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand doctor" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -l env -d 'The environment to release to' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -l from -d 'Copy every pin from this environment (promotion)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -l to -d 'Release this version of the named prompt (`v2`, a revision, another environment)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -l force -d 'Release past the gate\'s findings; the reason and the findings go in the release commit' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -l no-commit -d 'Write the environment file but do not commit it'
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -l allow-detached -d 'Allow committing on a detached HEAD'
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand release" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and not __fish_seen_subcommand_from status help" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and not __fish_seen_subcommand_from status help" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and not __fish_seen_subcommand_from status help" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and not __fish_seen_subcommand_from status help" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and not __fish_seen_subcommand_from status help" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and not __fish_seen_subcommand_from status help" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and not __fish_seen_subcommand_from status help" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and not __fish_seen_subcommand_from status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and not __fish_seen_subcommand_from status help" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and not __fish_seen_subcommand_from status help" -f -a "status" -d 'Show what each environment runs compared with HEAD'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and not __fish_seen_subcommand_from status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and __fish_seen_subcommand_from status" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and __fish_seen_subcommand_from status" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and __fish_seen_subcommand_from status" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and __fish_seen_subcommand_from status" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show what each environment runs compared with HEAD'
complete -c promptctl -n "__fish_promptctl_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -l since -d 'Only changes at or after this date' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -l until -d 'Only changes at or before this date' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -l prompt -d 'Only this prompt' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -l author -d 'Only commits whose author name or email contains this text' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -l require-verified -d 'Exit 1 when a listed change or release is not in a commit with a signature git verified (each such entry is named on stderr)'
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand audit" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -f -a "approve" -d 'Approve a prompt\'s content at HEAD, and commit the approval'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -f -a "request" -d 'Ask reviewers to approve a prompt\'s content at HEAD, and commit the request'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -f -a "status" -d 'Show approved / pending / void per prompt and protected environment'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and not __fish_seen_subcommand_from approve request status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -l env -d 'Approve for this protected environment only (default: every one)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -s m -l message -d 'What you checked, recorded with the approval' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -l no-commit -d 'Write the approval file but do not commit it (commit it yourself, e.g. `git commit -S`)'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -l allow-detached -d 'Allow committing on a detached HEAD'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from approve" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from request" -l reviewer -d 'Who is asked (email or name); repeat for several' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from request" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from request" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from request" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from request" -l allow-detached -d 'Allow committing on a detached HEAD'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from request" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from request" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from request" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from request" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from request" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from request" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from status" -l env -d 'Only this protected environment' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from status" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from status" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from status" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from status" -l all -d 'Every prompt at HEAD'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from status" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Approve a prompt\'s content at HEAD, and commit the approval'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "request" -d 'Ask reviewers to approve a prompt\'s content at HEAD, and commit the request'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show approved / pending / void per prompt and protected environment'
complete -c promptctl -n "__fish_promptctl_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand backup" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand backup" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand backup" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand backup" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand backup" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand backup" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand backup" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand backup" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand restore" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand restore" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand restore" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand restore" -l force -d 'Restore into a folder that already holds files (files the bundle also has are replaced)'
complete -c promptctl -n "__fish_promptctl_using_subcommand restore" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand restore" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand restore" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand restore" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand restore" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l var -d 'Set a variable: `--var key=value` (repeatable); typed by the input schema' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l vars -d 'Read variables from a JSON (`.json`) or YAML file, or `-` for stdin (repeatable)' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l variant -d 'Use a variant of the prompt (same as `name.variant`)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -s m -l model -d 'Model to use as `provider/model`; repeat for a failover chain (overrides `model:`)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l cache -d 'Response cache under `.promptctl/cache/`: repeated identical requests are free' -r -f -a "read-write\t'Answer from the cache and store new responses'
read\t'Answer from the cache, never store'
off\t'Ignore the cache'"
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l record -d 'Append every live response to this cassette file (JSONL, meant to be committed)' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l replay -d 'Answer only from this cassette: offline and deterministic; a request it does not hold is an error' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l dry-run -d 'Print the exact request (URL, headers with keys hidden, body) and send nothing'
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l stream -d 'Print the answer as it is generated (default when stdout is a terminal)'
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l no-stream -d 'Print the answer only when it is complete'
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l save-record -d 'Append the call\'s record (no answer text) to `results/runs/`, for `report` (default with `run: {record: true}` in promptctl.yaml)'
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l no-save-record -d 'Do not record this call even when promptctl.yaml says to'
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand run" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l prompt -d 'Only these prompts (a name includes its variants), comma-separated or repeated' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l experiment -d 'Only these experiments (`run` for calls recorded outside experiments)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l provider -d 'Only these providers' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l model -d 'Only these models' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l since -d 'Only calls that started at or after this time (YYYY-MM-DD or RFC 3339, UTC)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l until -d 'Only calls that started before this time (YYYY-MM-DD or RFC 3339, UTC)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l by -d 'Group by these dimensions: prompt, version, provider, model, arm, experiment' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l margin -d 'Non-inferiority margin of cost advice, in percentage points of pass rate' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l html -d 'Also write the report as one self-contained HTML page (charts inline, no script, no network)' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l history -d 'Also read every results file committed anywhere in HEAD\'s history (deleted or rewritten since), counting each record once'
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand report" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand ingest" -l log-format -d 'The logs\' format (default: detected from the first document)' -r -f -a "otel\t'OTLP/JSON trace export with `gen_ai.*` semantic-convention attributes'
openai\t'OpenAI-style request/response log lines'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ingest" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ingest" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ingest" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ingest" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ingest" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ingest" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ingest" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ingest" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand ingest" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -f -a "plan" -d 'Check an experiment and print the calls, sample size, cost and time it needs'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -f -a "run" -d 'Run an experiment and record every sample'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -f -a "analyze" -d 'Compare every variant with the control, per metric, with intervals and p-values'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -f -a "list" -d 'List the experiments under `experiments/` with their variants and runs'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -f -a "status" -d 'Show an experiment\'s runs: samples recorded, completeness, pass rate, last result'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -f -a "collect" -d 'Collect a batch run\'s results: poll, download, score and record'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -f -a "cancel" -d 'Cancel a batch run\'s open batches'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and not __fish_seen_subcommand_from plan run analyze list status collect cancel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -l shard -d 'Plan one slice of a sharded run: K/N' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -l offline -d 'Skip the credential check (runs will replay a cassette)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -l batch -d 'Estimate the cost of `ab run --batch` (batch prices; refuses sequential stopping)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from plan" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l resume -d 'Finish an interrupted run instead of starting a new one' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l run-id -d 'Name the run (default: the start time); shards of one run must share it' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l shard -d 'Run slice K of N (by case id); needs `--run-id` so the shards\' files belong together' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l concurrency -d 'Calls in flight at once (overrides the spec\'s `concurrency`)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l max-cost -d 'Spend at most this many US dollars: refuse a run estimated over it, and stop dispatching before the calls that could still start might pass it (calls in flight are recorded)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l cache -d 'Response cache under `.promptctl/cache/`: repeated identical requests are free' -r -f -a "read-write\t'Answer from the cache and store new responses'
read\t'Answer from the cache, never store'
off\t'Ignore the cache'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l record -d 'Append every live response to this cassette file (JSONL, meant to be committed)' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l replay -d 'Answer only from this cassette: offline and deterministic; a request it does not hold is an error' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l wait -d 'With `--batch`: wait up to SECONDS for results (0: return at once; default: 0 for a new run, until every batch ended for `--resume`, `--record` and `ab collect`)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l fallback -d 'With `--batch`: what to do with requests a batch could not answer (expired, cancelled)' -r -f -a "batch\t'Send them again in a new batch'
sync\t'Call them synchronously, at the synchronous price'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l redact -d 'Store a hash and an 80-character excerpt of each output instead of the output'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l commit -d 'Commit the results file (alone) when the run ends'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l retry-errors -d 'With `--resume`: call again the samples whose call failed (the default)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l no-retry-errors -d 'With `--resume`: keep failed samples as recorded instead of retrying them'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l batch -d 'Send the samples through the providers\' batch APIs (about half the price; results within 24 hours): the run returns once the batches are created and journaled; variants with `batch: false` in the spec stay synchronous'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -l run -d 'The run(s) to analyse (repeatable; default: the one that started last)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -l html -d 'Also write the run as one self-contained HTML page: `report`\'s charts by arm, and what each arm changes against the control (prompt diff, model, parameters)' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -l all -d 'Pool every run of the experiment'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from analyze" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from list" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from list" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from list" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from list" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from status" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from status" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from status" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from status" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -l wait -d 'Wait up to SECONDS for results (0: look once; default: until every batch ended)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -l fallback -d 'What to do with requests a batch could not answer' -r -f -a "batch\t'Send them again in a new batch'
sync\t'Call them synchronously, at the synchronous price'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -l shard -d 'The shard, when the run was sharded' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from collect" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from cancel" -l shard -d 'The shard, when the run was sharded' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from cancel" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from cancel" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from cancel" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from cancel" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from cancel" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from help" -f -a "plan" -d 'Check an experiment and print the calls, sample size, cost and time it needs'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run an experiment and record every sample'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from help" -f -a "analyze" -d 'Compare every variant with the control, per metric, with intervals and p-values'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the experiments under `experiments/` with their variants and runs'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show an experiment\'s runs: samples recorded, completeness, pass rate, last result'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from help" -f -a "collect" -d 'Collect a batch run\'s results: poll, download, score and record'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel a batch run\'s open batches'
complete -c promptctl -n "__fish_promptctl_using_subcommand ab; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -f -a "list" -d 'List providers, their endpoints and models, and where each credential comes from'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -f -a "check" -d 'Make one cheap call to each provider and show what works'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and not __fish_seen_subcommand_from list check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from list" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from list" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from list" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from list" -l configured -d 'Only providers that are configured in promptctl.yaml or have a credential'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from list" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from check" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from check" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from check" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from check" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from check" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from help" -f -a "list" -d 'List providers, their endpoints and models, and where each credential comes from'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from help" -f -a "check" -d 'Make one cheap call to each provider and show what works'
complete -c promptctl -n "__fish_promptctl_using_subcommand providers; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -f -a "set" -d 'Store a provider\'s API key in the keyring (asked for with hidden input, or read from stdin when it is not a terminal)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -f -a "get" -d 'Say whether a key is stored for a provider (its length and fingerprint, never the key)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -f -a "rm" -d 'Remove a provider\'s key from the keyring'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -f -a "list" -d 'List which providers have a key in the keyring'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and not __fish_seen_subcommand_from set get rm list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from set" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from set" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from set" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from set" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from set" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from get" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from get" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from get" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from get" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from get" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from rm" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from rm" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from rm" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from rm" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from rm" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from list" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from list" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from list" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from list" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "set" -d 'Store a provider\'s API key in the keyring (asked for with hidden input, or read from stdin when it is not a terminal)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "get" -d 'Say whether a key is stored for a provider (its length and fingerprint, never the key)'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove a provider\'s key from the keyring'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "list" -d 'List which providers have a key in the keyring'
complete -c promptctl -n "__fish_promptctl_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand completions" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand completions" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand completions" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand completions" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand completions" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand completions" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand completions" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand man" -l out -d 'Write every page into this folder instead of printing the main page' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand man" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand man" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand man" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand man" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand man" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand man" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand man" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand man" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -f -a "test" -d 'Run a significance test, like an online calculator'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -f -a "sample-size" -d 'Plan the sample size per arm for a pass rate or a mean'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -f -a "power" -d 'Compute the power of an experiment with `--n` cases per arm'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -f -a "interval" -d 'Compute a confidence interval'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -f -a "correct" -d 'Adjust p-values for comparing many variants × metrics'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -f -a "srm" -d 'Check arm sizes against the configured split (sample-ratio mismatch)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -f -a "sequential" -d 'Test with early stopping that stays valid however often you look'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and not __fish_seen_subcommand_from test sample-size power interval correct srm sequential help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -l alpha -d 'Significance level for the verdict, between 0 and 1' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -f -a "mcnemar" -d 'McNemar\'s test for paired pass/fail results (exact when discordant pairs are few)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -f -a "chi2" -d 'Chi-square test on two arms\' pass counts (split traffic)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -f -a "fisher" -d 'Fisher\'s exact test on two arms\' pass counts (any size)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -f -a "ztest" -d 'Two-proportion z-test with pooled variance'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -f -a "welch" -d 'Welch\'s t-test for independent samples (unequal variances)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -f -a "student" -d 'Student\'s t-test for independent samples (pooled variance)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -f -a "paired" -d 'Paired t-test on per-case differences B - A'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -f -a "wilcoxon" -d 'Wilcoxon signed-rank test on per-case differences B - A'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -f -a "mann-whitney" -d 'Mann-Whitney U test for independent samples'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from test" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l baseline -d 'Baseline pass rate of the control, in (0, 1)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l sd -d 'Standard deviation of the metric (plans for a difference of means)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l mde -d 'Minimum detectable effect, B - A: absolute difference (or relative with `--relative`); negative for a decrease' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l alpha -d 'Significance level (two-sided), between 0 and 1' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l power -d 'Power: probability of detecting the effect if it is real, between 0 and 1' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l ratio -d 'Size of arm B relative to arm A' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l method -d 'Formula for pass rates' -r -f -a "exact\t'Exact root of the two-sided power equation on Cohen\'s h'
evan-miller\t'The evanmiller.org calculator\'s formula'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l relative -d 'Read `--mde` as a fraction of the baseline rate'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sample-size" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -l baseline -d 'Baseline pass rate of the control, in (0, 1)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -l sd -d 'Standard deviation of the metric (difference of means)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -l mde -d 'Effect to detect, B - A: absolute difference (or relative with `--relative`); negative for a decrease' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -l n -d 'Cases in arm A (arm B has `ratio` times as many)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -l alpha -d 'Significance level (two-sided), between 0 and 1' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -l ratio -d 'Size of arm B relative to arm A' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -l relative -d 'Read `--mde` as a fraction of the baseline rate'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from power" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -f -a "proportion" -d 'A pass rate `count / n`'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -f -a "difference" -d 'The difference of pass rates B - A'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -f -a "mean" -d 'The mean of a sample (t interval)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -f -a "bootstrap" -d 'A seeded percentile bootstrap for a median or percentile, or its difference B - A'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from interval" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from correct" -l method -d 'Correction method' -r -f -a "holm\t'Holm\'s step-down procedure'
bonferroni\t'Bonferroni'
bh\t'Benjamini-Hochberg false discovery rate'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from correct" -l alpha -d 'Family-wise error rate (or false discovery rate for `bh`), between 0 and 1' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from correct" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from correct" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from correct" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from correct" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from correct" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from correct" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from correct" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from correct" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from correct" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from srm" -l observed -d 'Observed count per arm, comma-separated' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from srm" -l weights -d 'Configured weight per arm, comma-separated (default: equal)' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from srm" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from srm" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from srm" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from srm" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from srm" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from srm" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from srm" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from srm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from srm" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -l alpha -d 'Significance level, valid across all looks, between 0 and 1' -r
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -f -a "paired" -d 'Mixture SPRT on paired differences B - A'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -f -a "split" -d 'Asymptotic confidence sequence for B - A with independent arms'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from sequential" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "test" -d 'Run a significance test, like an online calculator'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "sample-size" -d 'Plan the sample size per arm for a pass rate or a mean'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "power" -d 'Compute the power of an experiment with `--n` cases per arm'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "interval" -d 'Compute a confidence interval'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "correct" -d 'Adjust p-values for comparing many variants × metrics'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "srm" -d 'Check arm sizes against the configured split (sample-ratio mismatch)'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "sequential" -d 'Test with early stopping that stays valid however often you look'
complete -c promptctl -n "__fish_promptctl_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and not __fish_seen_subcommand_from test help" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and not __fish_seen_subcommand_from test help" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and not __fish_seen_subcommand_from test help" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and not __fish_seen_subcommand_from test help" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and not __fish_seen_subcommand_from test help" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and not __fish_seen_subcommand_from test help" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and not __fish_seen_subcommand_from test help" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and not __fish_seen_subcommand_from test help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and not __fish_seen_subcommand_from test help" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and not __fish_seen_subcommand_from test help" -f -a "test" -d 'Send a test message to a destination, whatever events it asks for (exit 5 when it does not arrive)'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and not __fish_seen_subcommand_from test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and __fish_seen_subcommand_from test" -s C -l directory -d 'Run as if promptctl was started in this directory' -r -F
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and __fish_seen_subcommand_from test" -l format -d 'Output format: text, JSON, or a CI format where the command writes it (others exit 2)' -r -f -a "human\t'Text and tables for people'
json\t'One JSON document with `schema_version`, for scripts'
github\t'GitHub Actions workflow annotations (lint and scan)'
markdown\t'Markdown, for pull-request comments (lint, scan, diff, ab analyze)'
sarif\t'SARIF 2.1.0 for code scanning (lint and scan)'
csv\t'Comma-separated values (scan, audit)'"
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and __fish_seen_subcommand_from test" -l color -d 'When to use color on the terminal' -r -f -a "auto\t'Color when writing to a terminal and `NO_COLOR` is unset'
always\t'Always color'
never\t'Never color'"
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print only data and errors: no status lines, no progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Say more about what is happening (repeat for more)'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and __fish_seen_subcommand_from test" -l no-progress -d 'Never draw progress bars'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and __fish_seen_subcommand_from test" -l notify-strict -d 'Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "test" -d 'Send a test message to a destination, whatever events it asks for (exit 5 when it does not arrive)'
complete -c promptctl -n "__fish_promptctl_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "init" -d 'Start a promptctl project: config, prompts folder, example prompt and git attributes'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "new" -d 'Create a prompt file from a starter template or as a copy of another prompt'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "lint" -d 'Check prompt files for problems'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "suggest" -d 'Advise how to make a prompt work better'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "improve" -d 'Write candidate rewrites of a prompt, checked, as variants with an experiment to compare them'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "list" -d 'List the prompts in the library, as a tree by folder or a table'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "show" -d 'Show a prompt: metadata, variables with types, partials, links and body'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "search" -d 'Search prompts by text, ranked, with facet filters and typo tolerance'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "render" -d 'Render a prompt with variables and print the result'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "export" -d 'Export the library to a JSON bundle or a plain Dotprompt directory'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "import" -d 'Import a library bundle, Prompty files or a Dotprompt directory'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "scan" -d 'Scan prompts and other files for PII, secrets, prompt injection and policy violations'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "check" -d 'Lint, scan and release rules over what changed: the one command CI runs'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "github" -d 'Talk to GitHub from a workflow: the PR comment and code-scanning upload'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "policy" -d 'List and explain scan rules: built-in detectors and the project\'s policies'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "owners" -d 'Keep CODEOWNERS in step with the prompts\' owners'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "comment" -d 'Comment on a prompt or one of its lines, reply to a comment, or resolve a thread'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "comments" -d 'List the comment threads on a prompt, with where each line is now'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "log" -d 'Show the versions of a prompt'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "diff" -d 'Show what changed in a prompt, field by field and word by word'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "pr-report" -d 'Report the prompt changes in a pull request: diffs, rendered samples, impact and evidence'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "rollback" -d 'Restore an earlier version of a prompt'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "merge-driver" -d 'Merge prompt files for git, key by key and hunk by hunk'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "diff-driver" -d 'Show prompt files in git\'s diffs (git runs this; see `promptctl merge-driver --install`)'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "doctor" -d 'Check the project\'s setup: config, git, and the prompt merge and diff drivers'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "release" -d 'Release prompt versions to an environment'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "env" -d 'Inspect release environments'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "audit" -d 'Show who changed which prompt and who released what where'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "review" -d 'Approve prompts\' exact content for protected environments'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "backup" -d 'Write a single-file backup of the library with all history'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "restore" -d 'Restore a library from a backup bundle'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "run" -d 'Run a prompt against its model and print the answer'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "report" -d 'Report across every run: pass rates, errors, latency, tokens and cost, trends and advice'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "ingest" -d 'Import production call logs (OpenTelemetry `gen_ai` spans, OpenAI-style logs) for `report`'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "ab" -d 'Compare prompt versions, variants and models on a dataset, with statistics'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "providers" -d 'List the configured LLM providers and check that they answer'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "auth" -d 'Store provider API keys in the OS keyring'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "completions" -d 'Print a shell completion script'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "man" -d 'Print or write man pages'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "stats" -d 'Statistics for ad-hoc questions: tests, intervals, sample sizes, power'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "notify" -d 'Check notification destinations by sending them a test message'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and not __fish_seen_subcommand_from init new lint suggest improve list show search render export import scan check github policy owners comment comments log diff pr-report rollback merge-driver diff-driver doctor release env audit review backup restore run report ingest ab providers auth completions man stats notify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from github" -f -a "pr" -d 'Print the pull request of the workflow event as `key=value` lines for `$GITHUB_OUTPUT` (`pull_request=false` for other events)'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from github" -f -a "comment" -d 'Create the pull request\'s promptctl comment, or update it in place (found by a hidden marker line): one comment per PR however often the workflow runs'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from github" -f -a "upload-sarif" -d 'Upload a SARIF log to GitHub code scanning'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "list" -d 'List every rule: built-in detectors, then the project\'s policy rules'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "explain" -d 'Print what a rule checks, why, where it applies and how to fix a finding'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from owners" -f -a "check" -d 'Report prompts whose CODEOWNERS owners differ from their owners (exit 1 if any)'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from owners" -f -a "sync" -d 'Write one CODEOWNERS line per prompt into a managed block (replaced on every run)'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "status" -d 'Show what each environment runs compared with HEAD'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "approve" -d 'Approve a prompt\'s content at HEAD, and commit the approval'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "request" -d 'Ask reviewers to approve a prompt\'s content at HEAD, and commit the request'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "status" -d 'Show approved / pending / void per prompt and protected environment'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from ab" -f -a "plan" -d 'Check an experiment and print the calls, sample size, cost and time it needs'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from ab" -f -a "run" -d 'Run an experiment and record every sample'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from ab" -f -a "analyze" -d 'Compare every variant with the control, per metric, with intervals and p-values'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from ab" -f -a "list" -d 'List the experiments under `experiments/` with their variants and runs'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from ab" -f -a "status" -d 'Show an experiment\'s runs: samples recorded, completeness, pass rate, last result'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from ab" -f -a "collect" -d 'Collect a batch run\'s results: poll, download, score and record'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from ab" -f -a "cancel" -d 'Cancel a batch run\'s open batches'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from providers" -f -a "list" -d 'List providers, their endpoints and models, and where each credential comes from'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from providers" -f -a "check" -d 'Make one cheap call to each provider and show what works'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "set" -d 'Store a provider\'s API key in the keyring (asked for with hidden input, or read from stdin when it is not a terminal)'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "get" -d 'Say whether a key is stored for a provider (its length and fingerprint, never the key)'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "rm" -d 'Remove a provider\'s key from the keyring'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "list" -d 'List which providers have a key in the keyring'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from stats" -f -a "test" -d 'Run a significance test, like an online calculator'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from stats" -f -a "sample-size" -d 'Plan the sample size per arm for a pass rate or a mean'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from stats" -f -a "power" -d 'Compute the power of an experiment with `--n` cases per arm'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from stats" -f -a "interval" -d 'Compute a confidence interval'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from stats" -f -a "correct" -d 'Adjust p-values for comparing many variants × metrics'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from stats" -f -a "srm" -d 'Check arm sizes against the configured split (sample-ratio mismatch)'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from stats" -f -a "sequential" -d 'Test with early stopping that stays valid however often you look'
complete -c promptctl -n "__fish_promptctl_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "test" -d 'Send a test message to a destination, whatever events it asks for (exit 5 when it does not arrive)'
