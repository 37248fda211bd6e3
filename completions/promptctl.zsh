#compdef promptctl

autoload -U is-at-least

_promptctl() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl_commands" \
"*::: :->promptctl" \
&& ret=0
    case $state in
    (promptctl)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-command-$line[1]:"
        case $line[1] in
            (init)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--force[Also rewrite schema copies in .promptctl/schemas/ that differ from this version'\''s schemas (promptctl.yaml is never replaced)]' \
'(--force)--check[Change nothing; exit 1 when this clone is not set up (no project, or the merge or diff driver not routed or not registered), with the command that fixes each gap]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::dir -- The project folder, created when missing \[default\: the current directory\]:_files' \
&& ret=0
;;
(new)
_arguments "${_arguments_options[@]}" : \
'--from=[Copy front matter and body from this prompt]:PROMPT:_default' \
'-d+[One or two sentences on what the prompt does]:DESCRIPTION:_default' \
'--description=[One or two sentences on what the prompt does]:DESCRIPTION:_default' \
'*--tag=[A tag for search and filtering (repeatable; replaces copied tags)]:TAG:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The new prompt\: `folder/name` or `folder/name.variant`:_default' \
&& ret=0
;;
(lint)
_arguments "${_arguments_options[@]}" : \
'--fail-on=[Exit 1 when a finding is at or above this severity \[default\: \`lint.fail_on\`, else error\]]:SEVERITY:((info\:"Fail on any finding"
warning\:"Fail on warnings and errors"
error\:"Fail on errors only"))' \
'(--list-rules)--explain=[Explain a rule\: what it checks, why, and how to fix what it reports]:RULE:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'()--list-rules[List every rule with its default severity and summary]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::paths -- Only report on these files or folders (references still resolve against the whole library):_files' \
&& ret=0
;;
(suggest)
_arguments "${_arguments_options[@]}" : \
'(--all --list-rules)--explain=[Explain a rule, with a before/after example]:RULE:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'()--all[Advise on every prompt in the library]' \
'--fix[Apply the mechanical fixes (kept only when the file still parses and lints no worse)]' \
'(--all)--list-rules[List every rule with its summary]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::name -- The prompt\: `folder/name` or `folder/name.variant`:_default' \
&& ret=0
;;
(improve)
_arguments "${_arguments_options[@]}" : \
'-m+[The model that writes the rewrites, as \`provider/model\`]:PROVIDER/MODEL:_default' \
'--model=[The model that writes the rewrites, as \`provider/model\`]:PROVIDER/MODEL:_default' \
'(--n --max-cost --record --replay --run)--adopt=[Instead of asking for rewrites\: commit the candidate that won run RUN of \`experiments/<name>-improve.yaml\` over the prompt, naming the run in the message]:RUN:_default' \
'--n=[How many rewrites to ask for]:N:_default' \
'--max-cost=[Refuse to call the model when the estimated cost is above this many US dollars]:USD:_default' \
'--cache=[Response cache under \`.promptctl/cache/\`\: repeated identical requests are free]:CACHE:((read-write\:"Answer from the cache and store new responses"
read\:"Answer from the cache, never store"
off\:"Ignore the cache"))' \
'(--replay)--record=[Append every live response to this cassette file (JSONL, meant to be committed)]:FILE:_files' \
'--replay=[Answer only from this cassette\: offline and deterministic; a request it does not hold is an error]:FILE:_files' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--run[Then run the experiment on the sample size \`ab plan\` computes (the candidates read from the branch, results committed there) and name a winner only if it is significantly better than the current version after correction]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The prompt\: `folder/name`:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'*--tag=[Only prompts with this tag (repeat to require several)]:TAG:_default' \
'--category=[Only prompts in this category]:CATEGORY:_default' \
'--status=[Only prompts with this status (draft, review, active, deprecated, archived)]:STATUS:_default' \
'--owner=[Only prompts owned by this person or team (own \`owners\:\` or the folder'\''s default)]:OWNER:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--table[Show a flat table instead of the folder tree]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::folder -- Only prompts in this folder (at any depth below it):_default' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--variant=[Show a variant of the prompt (same as \`name.variant\`)]:VARIANT:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--no-body[Leave out the template body]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The prompt\: `folder/name`, `folder/name.variant`, or a version (`name@v3`, `name@prod`):_default' \
&& ret=0
;;
(search)
_arguments "${_arguments_options[@]}" : \
'*--tag=[Only prompts with this tag (repeat to require several)]:TAG:_default' \
'--category=[Only prompts in this category]:CATEGORY:_default' \
'--status=[Only prompts with this status (draft, review, active, deprecated, archived)]:STATUS:_default' \
'--owner=[Only prompts owned by this person or team (own \`owners\:\` or the folder'\''s default)]:OWNER:_default' \
'--folder=[Only prompts in this folder (at any depth below it)]:FOLDER:_default' \
'-n+[Show at most this many hits]:LIMIT:_default' \
'--limit=[Show at most this many hits]:LIMIT:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'(--no-refresh)--no-cache[Neither read nor write the on-disk index cache]' \
'--no-refresh[Use the index cache as it is, without checking files for changes (faster on huge libraries; misses edits made since the last search)]' \
'--no-background[When there was no index, build it in this process after printing the results instead of in a detached background process]' \
'(--no-cache --no-refresh)--build-index[Build or refresh the index and exit (what a search with no index starts in the background)]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::query -- Words to search for (all must match):_default' \
&& ret=0
;;
(render)
_arguments "${_arguments_options[@]}" : \
'*--var=[Set a variable\: \`--var key=value\` (repeatable); typed by the input schema]:KEY=VALUE:_default' \
'*--vars=[Read variables from a JSON (\`.json\`) or YAML file, or \`-\` for stdin (repeatable)]:FILE:_files' \
'--variant=[Use a variant of the prompt (same as \`name.variant\`)]:VARIANT:_default' \
'--compat=[Render as another runtime does\: \`dotprompt\` (the reference library), or \`strict\` (ours)]:RUNTIME:((strict\:"promptctl'\''s strict renderer (the default)"
dotprompt\:"The reference Dotprompt library'\''s rendering"))' \
'--context=[\`@\`-data for the template, e.g. \`{state\: {...}, auth\: {...}}\` (JSON or YAML file)]:FILE:_files' \
'--history=[Prior messages for \`{{history}}\`\: a JSON or YAML list of \`{role, content}\` messages]:FILE:_files' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The prompt\: `folder/name`, `folder/name.variant`, optionally `@v3`, `@prod` or `@<rev>`:_default' \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
'--to=[What to export to]:TO:((bundle\:"One JSON document with every file (lossless)"
dotprompt\:"A folder of plain Dotprompt \`.prompt\` files"))' \
'-o+[Output file (bundle; \`-\` or absent for stdout) or folder (dotprompt)]:PATH:_files' \
'--output=[Output file (bundle; \`-\` or absent for stdout) or folder (dotprompt)]:PATH:_files' \
'(--to --force)--env=[Export what is released to this environment, from git objects (a deployable bundle)]:ENV:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--force[Overwrite files in the output folder whose content differs]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
'--from=[The source format (detected from the path when \`auto\`)]:FROM:((auto\:"Decide from the path\: \`.json\` bundle, \`.prompty\` file, or a folder'\''s contents"
bundle\:"A promptctl JSON bundle"
prompty\:"Microsoft Prompty files"
dotprompt\:"A Dotprompt directory"))' \
'--into=[Folder under the prompts folder to import Prompty or Dotprompt files into]:FOLDER:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--force[Overwrite existing files whose content differs]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':source -- A bundle file, a `.prompty` file, or a folder of `.prompty` or `.prompt` files:_files' \
&& ret=0
;;
(scan)
_arguments "${_arguments_options[@]}" : \
'()--history=[Scan every file version committed in a revision range (\`HEAD\`, \`main..HEAD\`)]:REV-RANGE:_default' \
'--fail-on=[Lowest severity that makes the scan exit 1]:SEVERITY:(info warning error)' \
'--baseline=[Accept the findings recorded in this baseline file; only new findings are reported]:FILE:_files' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'(--history)--staged[Scan the staged files the commit adds or changes (the git index, not the working tree)]' \
'--all[With \`--staged\`\: scan every staged file, not only the ones that differ from \`HEAD\`]' \
'--update-baseline[Record the current findings in the baseline file and exit 0]' \
'--no-render[Do not render prompt files with their sample inputs]' \
'--show-info[List info findings in human output too (by default only their count is shown)]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::paths -- Files or folders to scan (default\: the project root):_files' \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
'--base=[Judge findings against this revision\: only findings not present where HEAD branched off it fail the run (\`origin/main\`, a commit id)]:REV:_default' \
'--fail-on=[Exit 1 when a new finding is at or above this severity, for every tool]:SEVERITY:((info\:"Fail on any finding"
warning\:"Fail on warnings and errors"
error\:"Fail on errors only"))' \
'--sarif=[Also write the findings as SARIF 2.1.0 to this file (for GitHub code scanning)]:FILE:_files' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--all[Check every file, not only the changed ones]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(github)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__github_commands" \
"*::: :->github" \
&& ret=0

    case $state in
    (github)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-github-command-$line[1]:"
        case $line[1] in
            (pr)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(comment)
_arguments "${_arguments_options[@]}" : \
'--pr=[The PR number \[default\: from the workflow event\]]:N:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':body -- The Markdown body (`-` for stdin); the marker line is added when missing:_files' \
&& ret=0
;;
(upload-sarif)
_arguments "${_arguments_options[@]}" : \
'--sha=[The commit the log describes \[default\: \`GITHUB_SHA\`\]]:SHA:_default' \
'--ref=[The ref the log describes \[default\: \`GITHUB_REF\`\]]:REF:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':sarif -- The SARIF file (`promptctl check --sarif FILE` writes one):_files' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__github__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-github-help-command-$line[1]:"
        case $line[1] in
            (pr)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(comment)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(upload-sarif)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(policy)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__policy_commands" \
"*::: :->policy" \
&& ret=0

    case $state in
    (policy)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-policy-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(explain)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':rule -- The rule id, e.g. `pii/payment-card` or `policy/eu-only`:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__policy__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-policy-help-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(explain)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(owners)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__owners_commands" \
"*::: :->owners" \
&& ret=0

    case $state in
    (owners)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-owners-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(sync)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__owners__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-owners-help-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(sync)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(comment)
_arguments "${_arguments_options[@]}" : \
'(--reply --resolve)--line=[The line of the prompt file the comment is about (1-based)]:N:_default' \
'(--resolve)--reply=[Reply to the comment with this id]:ID:_default' \
'--resolve=[Resolve the thread of the comment with this id (hidden from \`show\`)]:ID:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::words -- `NAME TEXT` for a new comment; only `TEXT` with --reply; nothing with --resolve:_default' \
&& ret=0
;;
(comments)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The prompt\: `folder/name` or `folder/name.variant`:_default' \
&& ret=0
;;
(log)
_arguments "${_arguments_options[@]}" : \
'-n+[Show at most this many versions]:N:_default' \
'--limit=[Show at most this many versions]:N:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--follow[Continue past renames to the file'\''s earlier paths]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The prompt\: `folder/name` or `folder/name.variant`:_default' \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
'()--all=[Diff every prompt changed in a revision range (\`A..B\`, or \`A\` for \`A..HEAD\`)]:RANGE:_default' \
'*--vars=[Also diff the rendered prompt, with variables from this YAML/JSON file (repeatable)]:FILE:_files' \
'*--var=[Set a variable for the rendered diff\: \`--var key=value\` (repeatable)]:KEY=VALUE:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::name -- The prompt (`folder/name`, optionally `@ref`):_default' \
'*::refs -- Up to two references\: old, then new (default\: HEAD, then the working tree):_default' \
&& ret=0
;;
(pr-report)
_arguments "${_arguments_options[@]}" : \
'--output=[Also write the full, unshortened report to this file]:FILE:_files' \
'--max-chars=[Shorten the Markdown to at most this many characters (GitHub'\''s comment limit)]:N:_default' \
'--full-report-url=[Where a shortened report points for the full one (default\: the \`promptctl-pr-report\` artifact)]:URL:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':range -- The revision range\: `BASE..HEAD` (or `BASE`, meaning `BASE..HEAD`):_default' \
&& ret=0
;;
(rollback)
_arguments "${_arguments_options[@]}" : \
'--to=[The version to restore\: \`v2\`, an environment, or a git revision]:REF:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--commit[Commit the restored file ("Roll back NAME to vN")]' \
'--allow-detached[Allow committing on a detached HEAD]' \
'(--commit)--force[Overwrite uncommitted edits to the file (without \`--commit\` only)]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The prompt\: `folder/name` or `folder/name.variant`:_default' \
&& ret=0
;;
(merge-driver)
_arguments "${_arguments_options[@]}" : \
'--marker-size=[Length of conflict markers (git'\''s %L)]:N:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--install[Configure this repository to use the merge and diff drivers for \`*.prompt\` files, then exit]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::base -- The common ancestor'\''s version (git'\''s %O):_files' \
'::ours -- Our version, overwritten with the result (git'\''s %A):_files' \
'::theirs -- Their version (git'\''s %B):_files' \
'::path -- The path being merged, for messages (git'\''s %P):_default' \
&& ret=0
;;
(diff-driver)
_arguments "${_arguments_options[@]}" : \
'--textconv=[Print FILE as git'\''s textconv shows it]:FILE:_files' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::git_args -- What git passes an external diff command:_files' \
&& ret=0
;;
(doctor)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(release)
_arguments "${_arguments_options[@]}" : \
'--env=[The environment to release to]:ENV:_default' \
'(--to)--from=[Copy every pin from this environment (promotion)]:ENV:_default' \
'--to=[Release this version of the named prompt (\`v2\`, a revision, another environment)]:REF:_default' \
'--force=[Release past the gate'\''s findings; the reason and the findings go in the release commit]:REASON:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--no-commit[Write the environment file but do not commit it]' \
'--allow-detached[Allow committing on a detached HEAD]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Prompts to release, `name` (HEAD) or `name@ref`:_default' \
&& ret=0
;;
(env)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__env_commands" \
"*::: :->env" \
&& ret=0

    case $state in
    (env)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-env-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__env__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-env-help-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(audit)
_arguments "${_arguments_options[@]}" : \
'--since=[Only changes at or after this date]:DATE:_default' \
'--until=[Only changes at or before this date]:DATE:_default' \
'--prompt=[Only this prompt]:NAME:_default' \
'--author=[Only commits whose author name or email contains this text]:TEXT:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--require-verified[Exit 1 when a listed change or release is not in a commit with a signature git verified (each such entry is named on stderr)]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(review)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__review_commands" \
"*::: :->review" \
&& ret=0

    case $state in
    (review)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-review-command-$line[1]:"
        case $line[1] in
            (approve)
_arguments "${_arguments_options[@]}" : \
'--env=[Approve for this protected environment only (default\: every one)]:ENV:_default' \
'-m+[What you checked, recorded with the approval]:MSG:_default' \
'--message=[What you checked, recorded with the approval]:MSG:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--no-commit[Write the approval file but do not commit it (commit it yourself, e.g. \`git commit -S\`)]' \
'--allow-detached[Allow committing on a detached HEAD]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The prompt:_default' \
&& ret=0
;;
(request)
_arguments "${_arguments_options[@]}" : \
'*--reviewer=[Who is asked (email or name); repeat for several]:WHO:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--allow-detached[Allow committing on a detached HEAD]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The prompt:_default' \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
'--env=[Only this protected environment]:ENV:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--all[Every prompt at HEAD]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::name -- The prompt:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__review__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-review-help-command-$line[1]:"
        case $line[1] in
            (approve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(request)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(backup)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':file -- The bundle file to write:_files' \
&& ret=0
;;
(restore)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--force[Restore into a folder that already holds files (files the bundle also has are replaced)]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':file -- The bundle written by `promptctl backup`:_files' \
':dir -- The directory to restore into:_files' \
&& ret=0
;;
(run)
_arguments "${_arguments_options[@]}" : \
'*--var=[Set a variable\: \`--var key=value\` (repeatable); typed by the input schema]:KEY=VALUE:_default' \
'*--vars=[Read variables from a JSON (\`.json\`) or YAML file, or \`-\` for stdin (repeatable)]:FILE:_files' \
'--variant=[Use a variant of the prompt (same as \`name.variant\`)]:VARIANT:_default' \
'*-m+[Model to use as \`provider/model\`; repeat for a failover chain (overrides \`model\:\`)]:PROVIDER/MODEL:_default' \
'*--model=[Model to use as \`provider/model\`; repeat for a failover chain (overrides \`model\:\`)]:PROVIDER/MODEL:_default' \
'--cache=[Response cache under \`.promptctl/cache/\`\: repeated identical requests are free]:CACHE:((read-write\:"Answer from the cache and store new responses"
read\:"Answer from the cache, never store"
off\:"Ignore the cache"))' \
'(--replay)--record=[Append every live response to this cassette file (JSONL, meant to be committed)]:FILE:_files' \
'--replay=[Answer only from this cassette\: offline and deterministic; a request it does not hold is an error]:FILE:_files' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--dry-run[Print the exact request (URL, headers with keys hidden, body) and send nothing]' \
'--stream[Print the answer as it is generated (default when stdout is a terminal)]' \
'--no-stream[Print the answer only when it is complete]' \
'--save-record[Append the call'\''s record (no answer text) to \`results/runs/\`, for \`report\` (default with \`run\: {record\: true}\` in promptctl.yaml)]' \
'--no-save-record[Do not record this call even when promptctl.yaml says to]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The prompt\: `folder/name`, `folder/name.variant`, optionally `@v3`, `@prod` or `@<rev>`:_default' \
&& ret=0
;;
(report)
_arguments "${_arguments_options[@]}" : \
'*--prompt=[Only these prompts (a name includes its variants), comma-separated or repeated]:NAME:_default' \
'*--experiment=[Only these experiments (\`run\` for calls recorded outside experiments)]:NAME:_default' \
'*--provider=[Only these providers]:ID:_default' \
'*--model=[Only these models]:MODEL:_default' \
'--since=[Only calls that started at or after this time (YYYY-MM-DD or RFC 3339, UTC)]:TIME:_default' \
'--until=[Only calls that started before this time (YYYY-MM-DD or RFC 3339, UTC)]:TIME:_default' \
'*--by=[Group by these dimensions\: prompt, version, provider, model, arm, experiment]:DIMS:_default' \
'--margin=[Non-inferiority margin of cost advice, in percentage points of pass rate]:PP:_default' \
'--html=[Also write the report as one self-contained HTML page (charts inline, no script, no network)]:PATH:_files' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--history[Also read every results file committed anywhere in HEAD'\''s history (deleted or rewritten since), counting each record once]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(ingest)
_arguments "${_arguments_options[@]}" : \
'--log-format=[The logs'\'' format (default\: detected from the first document)]:FORMAT:((otel\:"OTLP/JSON trace export with \`gen_ai.*\` semantic-convention attributes"
openai\:"OpenAI-style request/response log lines"))' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::files -- The log files to import:_files' \
&& ret=0
;;
(ab)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__ab_commands" \
"*::: :->ab" \
&& ret=0

    case $state in
    (ab)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-ab-command-$line[1]:"
        case $line[1] in
            (plan)
_arguments "${_arguments_options[@]}" : \
'--shard=[Plan one slice of a sharded run\: K/N]:K/N:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--offline[Skip the credential check (runs will replay a cassette)]' \
'--batch[Estimate the cost of \`ab run --batch\` (batch prices; refuses sequential stopping)]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':experiment -- The experiment\: a name under `experiments/` or a path to its YAML file:_default' \
&& ret=0
;;
(run)
_arguments "${_arguments_options[@]}" : \
'(--run-id)--resume=[Finish an interrupted run instead of starting a new one]:RUN_ID:_default' \
'--run-id=[Name the run (default\: the start time); shards of one run must share it]:RUN_ID:_default' \
'--shard=[Run slice K of N (by case id); needs \`--run-id\` so the shards'\'' files belong together]:K/N:_default' \
'--concurrency=[Calls in flight at once (overrides the spec'\''s \`concurrency\`)]:N:_default' \
'--max-cost=[Spend at most this many US dollars\: refuse a run estimated over it, and stop dispatching before the calls that could still start might pass it (calls in flight are recorded)]:USD:_default' \
'--cache=[Response cache under \`.promptctl/cache/\`\: repeated identical requests are free]:CACHE:((read-write\:"Answer from the cache and store new responses"
read\:"Answer from the cache, never store"
off\:"Ignore the cache"))' \
'(--replay)--record=[Append every live response to this cassette file (JSONL, meant to be committed)]:FILE:_files' \
'--replay=[Answer only from this cassette\: offline and deterministic; a request it does not hold is an error]:FILE:_files' \
'--wait=[With \`--batch\`\: wait up to SECONDS for results (0\: return at once; default\: 0 for a new run, until every batch ended for \`--resume\`, \`--record\` and \`ab collect\`)]:SECONDS:_default' \
'--fallback=[With \`--batch\`\: what to do with requests a batch could not answer (expired, cancelled)]:FALLBACK:((batch\:"Send them again in a new batch"
sync\:"Call them synchronously, at the synchronous price"))' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--redact[Store a hash and an 80-character excerpt of each output instead of the output]' \
'--commit[Commit the results file (alone) when the run ends]' \
'--retry-errors[With \`--resume\`\: call again the samples whose call failed (the default)]' \
'--no-retry-errors[With \`--resume\`\: keep failed samples as recorded instead of retrying them]' \
'--batch[Send the samples through the providers'\'' batch APIs (about half the price; results within 24 hours)\: the run returns once the batches are created and journaled; variants with \`batch\: false\` in the spec stay synchronous]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':experiment -- The experiment\: a name under `experiments/` or a path to its YAML file:_default' \
&& ret=0
;;
(analyze)
_arguments "${_arguments_options[@]}" : \
'*--run=[The run(s) to analyse (repeatable; default\: the one that started last)]:RUN_ID:_default' \
'--html=[Also write the run as one self-contained HTML page\: \`report\`'\''s charts by arm, and what each arm changes against the control (prompt diff, model, parameters)]:PATH:_files' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'(--run)--all[Pool every run of the experiment]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':experiment -- The experiment\: a name under `experiments/` or a path to its YAML file:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':experiment -- The experiment\: a name under `experiments/` or a path to its YAML file:_default' \
&& ret=0
;;
(collect)
_arguments "${_arguments_options[@]}" : \
'--wait=[Wait up to SECONDS for results (0\: look once; default\: until every batch ended)]:SECONDS:_default' \
'--fallback=[What to do with requests a batch could not answer]:FALLBACK:((batch\:"Send them again in a new batch"
sync\:"Call them synchronously, at the synchronous price"))' \
'--shard=[The shard, when the run was sharded]:K/N:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':experiment -- The experiment\: a name under `experiments/` or a path to its YAML file:_default' \
':run_id -- The run to collect:_default' \
&& ret=0
;;
(cancel)
_arguments "${_arguments_options[@]}" : \
'--shard=[The shard, when the run was sharded]:K/N:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':experiment -- The experiment\: a name under `experiments/` or a path to its YAML file:_default' \
':run_id -- The run whose batches to cancel:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__ab__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-ab-help-command-$line[1]:"
        case $line[1] in
            (plan)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(run)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(analyze)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(collect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(cancel)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(providers)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__providers_commands" \
"*::: :->providers" \
&& ret=0

    case $state in
    (providers)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-providers-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--configured[Only providers that are configured in promptctl.yaml or have a credential]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Providers to check (default\: configured ones and those with a credential):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__providers__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-providers-help-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(auth)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__auth_commands" \
"*::: :->auth" \
&& ret=0

    case $state in
    (auth)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-auth-command-$line[1]:"
        case $line[1] in
            (set)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':provider -- The provider (`openai`, `anthropic`, a configured name, ...):_default' \
&& ret=0
;;
(get)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':provider -- The provider:_default' \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':provider -- The provider:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__auth__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-auth-help-command-$line[1]:"
        case $line[1] in
            (set)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(get)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':shell -- The shell to generate for:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
'--out=[Write every page into this folder instead of printing the main page]:DIR:_files' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(stats)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__stats_commands" \
"*::: :->stats" \
&& ret=0

    case $state in
    (stats)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-stats-command-$line[1]:"
        case $line[1] in
            (test)
_arguments "${_arguments_options[@]}" : \
'--alpha=[Significance level for the verdict, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__stats__subcmd__test_commands" \
"*::: :->test" \
&& ret=0

    case $state in
    (test)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-stats-test-command-$line[1]:"
        case $line[1] in
            (mcnemar)
_arguments "${_arguments_options[@]}" : \
'--b=[Cases where A passed and B failed]:B:_default' \
'--c=[Cases where A failed and B passed]:C:_default' \
'--method=[\`auto\` (exact below 25 discordant pairs), \`exact\` or \`chi2\`]:METHOD:((auto\:"Exact below 25 discordant pairs, corrected chi-square above"
exact\:"Exact binomial test"
chi2\:"Chi-square approximation"))' \
'--alpha=[Significance level for the verdict, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--no-correction[Without the continuity correction (when the chi-square form is used)]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(chi2)
_arguments "${_arguments_options[@]}" : \
'--pass-a=[Passes in arm A]:PASS_A:_default' \
'--n-a=[Observations in arm A]:N_A:_default' \
'--pass-b=[Passes in arm B]:PASS_B:_default' \
'--n-b=[Observations in arm B]:N_B:_default' \
'--alpha=[Significance level for the verdict, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--no-correction[Without Yates'\'' continuity correction]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(fisher)
_arguments "${_arguments_options[@]}" : \
'--pass-a=[Passes in arm A]:PASS_A:_default' \
'--n-a=[Observations in arm A]:N_A:_default' \
'--pass-b=[Passes in arm B]:PASS_B:_default' \
'--n-b=[Observations in arm B]:N_B:_default' \
'--alternative=[Direction of the alternative (B'\''s pass rate against A'\''s)]:ALTERNATIVE:((two-sided\:"The two differ"
less\:"B is smaller than A"
greater\:"B is larger than A"))' \
'--alpha=[Significance level for the verdict, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(ztest)
_arguments "${_arguments_options[@]}" : \
'--pass-a=[Passes in arm A]:PASS_A:_default' \
'--n-a=[Observations in arm A]:N_A:_default' \
'--pass-b=[Passes in arm B]:PASS_B:_default' \
'--n-b=[Observations in arm B]:N_B:_default' \
'--alternative=[Direction of the alternative (B'\''s pass rate against A'\''s)]:ALTERNATIVE:((two-sided\:"The two differ"
less\:"B is smaller than A"
greater\:"B is larger than A"))' \
'--alpha=[Significance level for the verdict, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(welch)
_arguments "${_arguments_options[@]}" : \
'--a=[File with arm A'\''s values, one per line (\`-\` for stdin)]:FILE:_files' \
'--b=[File with arm B'\''s values, one per line]:FILE:_files' \
'(--a)--summary-a=[Arm A as summary statistics \`MEAN,SD,N\` instead of a file (the mean may be negative)]:MEAN,SD,N:_default' \
'(--b)--summary-b=[Arm B as summary statistics \`MEAN,SD,N\` instead of a file (the mean may be negative)]:MEAN,SD,N:_default' \
'--alternative=[Direction of the alternative (B'\''s mean against A'\''s)]:ALTERNATIVE:((two-sided\:"The two differ"
less\:"B is smaller than A"
greater\:"B is larger than A"))' \
'--confidence=[Confidence level of the interval, between 0 and 1]:CONFIDENCE:_default' \
'--alpha=[Significance level for the verdict, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(student)
_arguments "${_arguments_options[@]}" : \
'--a=[File with arm A'\''s values, one per line (\`-\` for stdin)]:FILE:_files' \
'--b=[File with arm B'\''s values, one per line]:FILE:_files' \
'(--a)--summary-a=[Arm A as summary statistics \`MEAN,SD,N\` instead of a file (the mean may be negative)]:MEAN,SD,N:_default' \
'(--b)--summary-b=[Arm B as summary statistics \`MEAN,SD,N\` instead of a file (the mean may be negative)]:MEAN,SD,N:_default' \
'--alternative=[Direction of the alternative (B'\''s mean against A'\''s)]:ALTERNATIVE:((two-sided\:"The two differ"
less\:"B is smaller than A"
greater\:"B is larger than A"))' \
'--confidence=[Confidence level of the interval, between 0 and 1]:CONFIDENCE:_default' \
'--alpha=[Significance level for the verdict, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(paired)
_arguments "${_arguments_options[@]}" : \
'--a=[File with variant A'\''s values, one per case (\`-\` for stdin)]:FILE:_files' \
'--b=[File with variant B'\''s values, in the same case order]:FILE:_files' \
'--alternative=[Direction of the alternative (B against A)]:ALTERNATIVE:((two-sided\:"The two differ"
less\:"B is smaller than A"
greater\:"B is larger than A"))' \
'--confidence=[Confidence level of the interval, between 0 and 1]:CONFIDENCE:_default' \
'--alpha=[Significance level for the verdict, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(wilcoxon)
_arguments "${_arguments_options[@]}" : \
'--a=[File with variant A'\''s values, one per case (\`-\` for stdin)]:FILE:_files' \
'--b=[File with variant B'\''s values, in the same case order]:FILE:_files' \
'--alternative=[Direction of the alternative (B against A)]:ALTERNATIVE:((two-sided\:"The two differ"
less\:"B is smaller than A"
greater\:"B is larger than A"))' \
'--confidence=[Confidence level of the interval, between 0 and 1]:CONFIDENCE:_default' \
'--zero-method=[How zero differences are treated]:ZERO_METHOD:((wilcox\:"Drop zero differences"
pratt\:"Rank zeros, then drop their ranks"
zsplit\:"Split zero ranks between both signs"))' \
'--method=[\`auto\` (exact for up to 50 untied differences), \`exact\` or \`asymptotic\`]:METHOD:((auto\:"Exact for small untied samples, asymptotic otherwise"
exact\:"Exact null distribution (falls back when there are ties)"
asymptotic\:"Normal approximation with tie correction"))' \
'--alpha=[Significance level for the verdict, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--no-correction[Without the continuity correction (when the normal approximation is used)]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(mann-whitney)
_arguments "${_arguments_options[@]}" : \
'--a=[File with arm A'\''s values, one per line (\`-\` for stdin)]:FILE:_files' \
'--b=[File with arm B'\''s values, one per line]:FILE:_files' \
'--method=[\`auto\` (exact for up to 8 untied values per arm), \`exact\` or \`asymptotic\`]:METHOD:((auto\:"Exact for small untied samples, asymptotic otherwise"
exact\:"Exact null distribution (falls back when there are ties)"
asymptotic\:"Normal approximation with tie correction"))' \
'--alternative=[Direction of the alternative (B against A)]:ALTERNATIVE:((two-sided\:"The two differ"
less\:"B is smaller than A"
greater\:"B is larger than A"))' \
'--alpha=[Significance level for the verdict, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--no-correction[Without the continuity correction (when the normal approximation is used)]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__stats__subcmd__test__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-stats-test-help-command-$line[1]:"
        case $line[1] in
            (mcnemar)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(chi2)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(fisher)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(ztest)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(welch)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(student)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(paired)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(wilcoxon)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mann-whitney)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(sample-size)
_arguments "${_arguments_options[@]}" : \
'(--sd)--baseline=[Baseline pass rate of the control, in (0, 1)]:BASELINE:_default' \
'--sd=[Standard deviation of the metric (plans for a difference of means)]:SD:_default' \
'--mde=[Minimum detectable effect, B - A\: absolute difference (or relative with \`--relative\`); negative for a decrease]:MDE:_default' \
'--alpha=[Significance level (two-sided), between 0 and 1]:ALPHA:_default' \
'--power=[Power\: probability of detecting the effect if it is real, between 0 and 1]:POWER:_default' \
'--ratio=[Size of arm B relative to arm A]:RATIO:_default' \
'--method=[Formula for pass rates]:METHOD:((exact\:"Exact root of the two-sided power equation on Cohen'\''s h"
evan-miller\:"The evanmiller.org calculator'\''s formula"))' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--relative[Read \`--mde\` as a fraction of the baseline rate]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(power)
_arguments "${_arguments_options[@]}" : \
'(--sd)--baseline=[Baseline pass rate of the control, in (0, 1)]:BASELINE:_default' \
'--sd=[Standard deviation of the metric (difference of means)]:SD:_default' \
'--mde=[Effect to detect, B - A\: absolute difference (or relative with \`--relative\`); negative for a decrease]:MDE:_default' \
'--n=[Cases in arm A (arm B has \`ratio\` times as many)]:N:_default' \
'--alpha=[Significance level (two-sided), between 0 and 1]:ALPHA:_default' \
'--ratio=[Size of arm B relative to arm A]:RATIO:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--relative[Read \`--mde\` as a fraction of the baseline rate]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(interval)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__stats__subcmd__interval_commands" \
"*::: :->interval" \
&& ret=0

    case $state in
    (interval)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-stats-interval-command-$line[1]:"
        case $line[1] in
            (proportion)
_arguments "${_arguments_options[@]}" : \
'--count=[Passes]:COUNT:_default' \
'--n=[Observations]:N:_default' \
'--method=[Interval method]:METHOD:((wilson\:"Wilson score interval"
clopper-pearson\:"Clopper-Pearson exact interval"
wald\:"Wald (normal) interval"
agresti-coull\:"Agresti-Coull interval"
jeffreys\:"Jeffreys interval"))' \
'--confidence=[Confidence level, between 0 and 1]:CONFIDENCE:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(difference)
_arguments "${_arguments_options[@]}" : \
'--count-a=[Passes in arm A]:COUNT_A:_default' \
'--n-a=[Observations in arm A]:N_A:_default' \
'--count-b=[Passes in arm B]:COUNT_B:_default' \
'--n-b=[Observations in arm B]:N_B:_default' \
'--method=[Interval method]:METHOD:((newcombe\:"Newcombe'\''s hybrid score interval"
wald\:"Wald interval"
agresti-caffo\:"Agresti-Caffo interval"))' \
'--confidence=[Confidence level, between 0 and 1]:CONFIDENCE:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(mean)
_arguments "${_arguments_options[@]}" : \
'--a=[File with one value per line (\`-\` for stdin)]:FILE:_files' \
'--confidence=[Confidence level, between 0 and 1]:CONFIDENCE:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(bootstrap)
_arguments "${_arguments_options[@]}" : \
'--a=[File with arm A'\''s values]:FILE:_files' \
'--b=[File with arm B'\''s values (then the interval is for B - A)]:FILE:_files' \
'--quantile=[The quantile to bootstrap, in \[0, 1\] (0.5 = median, 0.95 = p95)]:QUANTILE:_default' \
'--resamples=[Number of resamples]:RESAMPLES:_default' \
'--seed=[Seed (default\: \`PROMPTCTL_SEED\`, else 0)]:SEED:_default' \
'--confidence=[Confidence level, between 0 and 1]:CONFIDENCE:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'--paired[Resample whole cases\: line i of A and B is the same case]' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__stats__subcmd__interval__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-stats-interval-help-command-$line[1]:"
        case $line[1] in
            (proportion)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(difference)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mean)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bootstrap)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(correct)
_arguments "${_arguments_options[@]}" : \
'--method=[Correction method]:METHOD:((holm\:"Holm'\''s step-down procedure"
bonferroni\:"Bonferroni"
bh\:"Benjamini-Hochberg false discovery rate"))' \
'--alpha=[Family-wise error rate (or false discovery rate for \`bh\`), between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::pvalues -- The raw p-values:_default' \
&& ret=0
;;
(srm)
_arguments "${_arguments_options[@]}" : \
'*--observed=[Observed count per arm, comma-separated]:OBSERVED:_default' \
'*--weights=[Configured weight per arm, comma-separated (default\: equal)]:WEIGHTS:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(sequential)
_arguments "${_arguments_options[@]}" : \
'--alpha=[Significance level, valid across all looks, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__stats__subcmd__sequential_commands" \
"*::: :->sequential" \
&& ret=0

    case $state in
    (sequential)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-stats-sequential-command-$line[1]:"
        case $line[1] in
            (paired)
_arguments "${_arguments_options[@]}" : \
'--a=[Variant A'\''s values, one per case]:FILE:_files' \
'--b=[Variant B'\''s values, in the same case order]:FILE:_files' \
'--tau=[Mixing variance\: the square of the effect size you care about]:TAU:_default' \
'--every=[Also look after every this many cases and report the running minimum p-value]:EVERY:_default' \
'--alpha=[Significance level, valid across all looks, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(split)
_arguments "${_arguments_options[@]}" : \
'--a=[Arm A'\''s values]:FILE:_files' \
'--b=[Arm B'\''s values]:FILE:_files' \
'--n-star=[Planned total sample size (both arms) the sequence is tightest at]:N_STAR:_default' \
'--alpha=[Significance level, valid across all looks, between 0 and 1]:ALPHA:_default' \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__stats__subcmd__sequential__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-stats-sequential-help-command-$line[1]:"
        case $line[1] in
            (paired)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(split)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__stats__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-stats-help-command-$line[1]:"
        case $line[1] in
            (test)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__stats__subcmd__help__subcmd__test_commands" \
"*::: :->test" \
&& ret=0

    case $state in
    (test)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-stats-help-test-command-$line[1]:"
        case $line[1] in
            (mcnemar)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(chi2)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(fisher)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(ztest)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(welch)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(student)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(paired)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(wilcoxon)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mann-whitney)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(sample-size)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(power)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(interval)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__stats__subcmd__help__subcmd__interval_commands" \
"*::: :->interval" \
&& ret=0

    case $state in
    (interval)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-stats-help-interval-command-$line[1]:"
        case $line[1] in
            (proportion)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(difference)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mean)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bootstrap)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(correct)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(srm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(sequential)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__stats__subcmd__help__subcmd__sequential_commands" \
"*::: :->sequential" \
&& ret=0

    case $state in
    (sequential)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-stats-help-sequential-command-$line[1]:"
        case $line[1] in
            (paired)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(split)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(notify)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_promptctl__subcmd__notify_commands" \
"*::: :->notify" \
&& ret=0

    case $state in
    (notify)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-notify-command-$line[1]:"
        case $line[1] in
            (test)
_arguments "${_arguments_options[@]}" : \
'-C+[Run as if promptctl was started in this directory]:DIR:_files' \
'--directory=[Run as if promptctl was started in this directory]:DIR:_files' \
'--format=[Output format\: text, JSON, or a CI format where the command writes it (others exit 2)]:FORMAT:((human\:"Text and tables for people"
json\:"One JSON document with \`schema_version\`, for scripts"
github\:"GitHub Actions workflow annotations (lint and scan)"
markdown\:"Markdown, for pull-request comments (lint, scan, diff, ab analyze)"
sarif\:"SARIF 2.1.0 for code scanning (lint and scan)"
csv\:"Comma-separated values (scan, audit)"))' \
'--color=[When to use color on the terminal]:COLOR:((auto\:"Color when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always color"
never\:"Never color"))' \
'-q[Print only data and errors\: no status lines, no progress bars]' \
'--quiet[Print only data and errors\: no status lines, no progress bars]' \
'*-v[Say more about what is happening (repeat for more)]' \
'*--verbose[Say more about what is happening (repeat for more)]' \
'--no-progress[Never draw progress bars]' \
'--notify-strict[Fail the command when a notification cannot be delivered, instead of warning (exit 5 when the receiver refuses or cannot be reached, 2 when a destination is set up wrong)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':destination -- The destination'\''s name under `notify.destinations` in promptctl.yaml:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__notify__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-notify-help-command-$line[1]:"
        case $line[1] in
            (test)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-command-$line[1]:"
        case $line[1] in
            (init)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(lint)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(suggest)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(improve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(search)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(render)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(scan)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(github)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__github_commands" \
"*::: :->github" \
&& ret=0

    case $state in
    (github)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-github-command-$line[1]:"
        case $line[1] in
            (pr)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(comment)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(upload-sarif)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(policy)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__policy_commands" \
"*::: :->policy" \
&& ret=0

    case $state in
    (policy)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-policy-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(explain)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(owners)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__owners_commands" \
"*::: :->owners" \
&& ret=0

    case $state in
    (owners)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-owners-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(sync)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(comment)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(comments)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(log)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(pr-report)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rollback)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(merge-driver)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(diff-driver)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(doctor)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(release)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(env)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__env_commands" \
"*::: :->env" \
&& ret=0

    case $state in
    (env)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-env-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(audit)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(review)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__review_commands" \
"*::: :->review" \
&& ret=0

    case $state in
    (review)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-review-command-$line[1]:"
        case $line[1] in
            (approve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(request)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(backup)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restore)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(run)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(report)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(ingest)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(ab)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__ab_commands" \
"*::: :->ab" \
&& ret=0

    case $state in
    (ab)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-ab-command-$line[1]:"
        case $line[1] in
            (plan)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(run)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(analyze)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(collect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(cancel)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(providers)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__providers_commands" \
"*::: :->providers" \
&& ret=0

    case $state in
    (providers)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-providers-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(auth)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__auth_commands" \
"*::: :->auth" \
&& ret=0

    case $state in
    (auth)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-auth-command-$line[1]:"
        case $line[1] in
            (set)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(get)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(stats)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__stats_commands" \
"*::: :->stats" \
&& ret=0

    case $state in
    (stats)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-stats-command-$line[1]:"
        case $line[1] in
            (test)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__stats__subcmd__test_commands" \
"*::: :->test" \
&& ret=0

    case $state in
    (test)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-stats-test-command-$line[1]:"
        case $line[1] in
            (mcnemar)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(chi2)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(fisher)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(ztest)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(welch)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(student)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(paired)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(wilcoxon)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mann-whitney)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(sample-size)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(power)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(interval)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__stats__subcmd__interval_commands" \
"*::: :->interval" \
&& ret=0

    case $state in
    (interval)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-stats-interval-command-$line[1]:"
        case $line[1] in
            (proportion)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(difference)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mean)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bootstrap)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(correct)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(srm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(sequential)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__stats__subcmd__sequential_commands" \
"*::: :->sequential" \
&& ret=0

    case $state in
    (sequential)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-stats-sequential-command-$line[1]:"
        case $line[1] in
            (paired)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(split)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(notify)
_arguments "${_arguments_options[@]}" : \
":: :_promptctl__subcmd__help__subcmd__notify_commands" \
"*::: :->notify" \
&& ret=0

    case $state in
    (notify)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:promptctl-help-notify-command-$line[1]:"
        case $line[1] in
            (test)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_promptctl_commands] )) ||
_promptctl_commands() {
    local commands; commands=(
'init:Start a promptctl project\: config, prompts folder, example prompt and git attributes' \
'new:Create a prompt file from a starter template or as a copy of another prompt' \
'lint:Check prompt files for problems' \
'suggest:Advise how to make a prompt work better' \
'improve:Write candidate rewrites of a prompt, checked, as variants with an experiment to compare them' \
'list:List the prompts in the library, as a tree by folder or a table' \
'show:Show a prompt\: metadata, variables with types, partials, links and body' \
'search:Search prompts by text, ranked, with facet filters and typo tolerance' \
'render:Render a prompt with variables and print the result' \
'export:Export the library to a JSON bundle or a plain Dotprompt directory' \
'import:Import a library bundle, Prompty files or a Dotprompt directory' \
'scan:Scan prompts and other files for PII, secrets, prompt injection and policy violations' \
'check:Lint, scan and release rules over what changed\: the one command CI runs' \
'github:Talk to GitHub from a workflow\: the PR comment and code-scanning upload' \
'policy:List and explain scan rules\: built-in detectors and the project'\''s policies' \
'owners:Keep CODEOWNERS in step with the prompts'\'' owners' \
'comment:Comment on a prompt or one of its lines, reply to a comment, or resolve a thread' \
'comments:List the comment threads on a prompt, with where each line is now' \
'log:Show the versions of a prompt' \
'diff:Show what changed in a prompt, field by field and word by word' \
'pr-report:Report the prompt changes in a pull request\: diffs, rendered samples, impact and evidence' \
'rollback:Restore an earlier version of a prompt' \
'merge-driver:Merge prompt files for git, key by key and hunk by hunk' \
'diff-driver:Show prompt files in git'\''s diffs (git runs this; see \`promptctl merge-driver --install\`)' \
'doctor:Check the project'\''s setup\: config, git, and the prompt merge and diff drivers' \
'release:Release prompt versions to an environment' \
'env:Inspect release environments' \
'audit:Show who changed which prompt and who released what where' \
'review:Approve prompts'\'' exact content for protected environments' \
'backup:Write a single-file backup of the library with all history' \
'restore:Restore a library from a backup bundle' \
'run:Run a prompt against its model and print the answer' \
'report:Report across every run\: pass rates, errors, latency, tokens and cost, trends and advice' \
'ingest:Import production call logs (OpenTelemetry \`gen_ai\` spans, OpenAI-style logs) for \`report\`' \
'ab:Compare prompt versions, variants and models on a dataset, with statistics' \
'providers:List the configured LLM providers and check that they answer' \
'auth:Store provider API keys in the OS keyring' \
'completions:Print a shell completion script' \
'man:Print or write man pages' \
'stats:Statistics for ad-hoc questions\: tests, intervals, sample sizes, power' \
'notify:Check notification destinations by sending them a test message' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab_commands] )) ||
_promptctl__subcmd__ab_commands() {
    local commands; commands=(
'plan:Check an experiment and print the calls, sample size, cost and time it needs' \
'run:Run an experiment and record every sample' \
'analyze:Compare every variant with the control, per metric, with intervals and p-values' \
'list:List the experiments under \`experiments/\` with their variants and runs' \
'status:Show an experiment'\''s runs\: samples recorded, completeness, pass rate, last result' \
'collect:Collect a batch run'\''s results\: poll, download, score and record' \
'cancel:Cancel a batch run'\''s open batches' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl ab commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__analyze_commands] )) ||
_promptctl__subcmd__ab__subcmd__analyze_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab analyze commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__cancel_commands] )) ||
_promptctl__subcmd__ab__subcmd__cancel_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab cancel commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__collect_commands] )) ||
_promptctl__subcmd__ab__subcmd__collect_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab collect commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__help_commands] )) ||
_promptctl__subcmd__ab__subcmd__help_commands() {
    local commands; commands=(
'plan:Check an experiment and print the calls, sample size, cost and time it needs' \
'run:Run an experiment and record every sample' \
'analyze:Compare every variant with the control, per metric, with intervals and p-values' \
'list:List the experiments under \`experiments/\` with their variants and runs' \
'status:Show an experiment'\''s runs\: samples recorded, completeness, pass rate, last result' \
'collect:Collect a batch run'\''s results\: poll, download, score and record' \
'cancel:Cancel a batch run'\''s open batches' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl ab help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__help__subcmd__analyze_commands] )) ||
_promptctl__subcmd__ab__subcmd__help__subcmd__analyze_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab help analyze commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__help__subcmd__cancel_commands] )) ||
_promptctl__subcmd__ab__subcmd__help__subcmd__cancel_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab help cancel commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__help__subcmd__collect_commands] )) ||
_promptctl__subcmd__ab__subcmd__help__subcmd__collect_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab help collect commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__ab__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__help__subcmd__list_commands] )) ||
_promptctl__subcmd__ab__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab help list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__help__subcmd__plan_commands] )) ||
_promptctl__subcmd__ab__subcmd__help__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab help plan commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__help__subcmd__run_commands] )) ||
_promptctl__subcmd__ab__subcmd__help__subcmd__run_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab help run commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__help__subcmd__status_commands] )) ||
_promptctl__subcmd__ab__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab help status commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__list_commands] )) ||
_promptctl__subcmd__ab__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__plan_commands] )) ||
_promptctl__subcmd__ab__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab plan commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__run_commands] )) ||
_promptctl__subcmd__ab__subcmd__run_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab run commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ab__subcmd__status_commands] )) ||
_promptctl__subcmd__ab__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ab status commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__audit_commands] )) ||
_promptctl__subcmd__audit_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl audit commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__auth_commands] )) ||
_promptctl__subcmd__auth_commands() {
    local commands; commands=(
'set:Store a provider'\''s API key in the keyring (asked for with hidden input, or read from stdin when it is not a terminal)' \
'get:Say whether a key is stored for a provider (its length and fingerprint, never the key)' \
'rm:Remove a provider'\''s key from the keyring' \
'list:List which providers have a key in the keyring' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl auth commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__auth__subcmd__get_commands] )) ||
_promptctl__subcmd__auth__subcmd__get_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl auth get commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__auth__subcmd__help_commands] )) ||
_promptctl__subcmd__auth__subcmd__help_commands() {
    local commands; commands=(
'set:Store a provider'\''s API key in the keyring (asked for with hidden input, or read from stdin when it is not a terminal)' \
'get:Say whether a key is stored for a provider (its length and fingerprint, never the key)' \
'rm:Remove a provider'\''s key from the keyring' \
'list:List which providers have a key in the keyring' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl auth help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__auth__subcmd__help__subcmd__get_commands] )) ||
_promptctl__subcmd__auth__subcmd__help__subcmd__get_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl auth help get commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__auth__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__auth__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl auth help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__auth__subcmd__help__subcmd__list_commands] )) ||
_promptctl__subcmd__auth__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl auth help list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__auth__subcmd__help__subcmd__rm_commands] )) ||
_promptctl__subcmd__auth__subcmd__help__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl auth help rm commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__auth__subcmd__help__subcmd__set_commands] )) ||
_promptctl__subcmd__auth__subcmd__help__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl auth help set commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__auth__subcmd__list_commands] )) ||
_promptctl__subcmd__auth__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl auth list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__auth__subcmd__rm_commands] )) ||
_promptctl__subcmd__auth__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl auth rm commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__auth__subcmd__set_commands] )) ||
_promptctl__subcmd__auth__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl auth set commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__backup_commands] )) ||
_promptctl__subcmd__backup_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl backup commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__check_commands] )) ||
_promptctl__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl check commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__comment_commands] )) ||
_promptctl__subcmd__comment_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl comment commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__comments_commands] )) ||
_promptctl__subcmd__comments_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl comments commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__completions_commands] )) ||
_promptctl__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl completions commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__diff_commands] )) ||
_promptctl__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl diff commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__diff-driver_commands] )) ||
_promptctl__subcmd__diff-driver_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl diff-driver commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__doctor_commands] )) ||
_promptctl__subcmd__doctor_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl doctor commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__env_commands] )) ||
_promptctl__subcmd__env_commands() {
    local commands; commands=(
'status:Show what each environment runs compared with HEAD' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl env commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__env__subcmd__help_commands] )) ||
_promptctl__subcmd__env__subcmd__help_commands() {
    local commands; commands=(
'status:Show what each environment runs compared with HEAD' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl env help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__env__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__env__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl env help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__env__subcmd__help__subcmd__status_commands] )) ||
_promptctl__subcmd__env__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl env help status commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__env__subcmd__status_commands] )) ||
_promptctl__subcmd__env__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl env status commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__export_commands] )) ||
_promptctl__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl export commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__github_commands] )) ||
_promptctl__subcmd__github_commands() {
    local commands; commands=(
'pr:Print the pull request of the workflow event as \`key=value\` lines for \`\$GITHUB_OUTPUT\` (\`pull_request=false\` for other events)' \
'comment:Create the pull request'\''s promptctl comment, or update it in place (found by a hidden marker line)\: one comment per PR however often the workflow runs' \
'upload-sarif:Upload a SARIF log to GitHub code scanning' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl github commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__github__subcmd__comment_commands] )) ||
_promptctl__subcmd__github__subcmd__comment_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl github comment commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__github__subcmd__help_commands] )) ||
_promptctl__subcmd__github__subcmd__help_commands() {
    local commands; commands=(
'pr:Print the pull request of the workflow event as \`key=value\` lines for \`\$GITHUB_OUTPUT\` (\`pull_request=false\` for other events)' \
'comment:Create the pull request'\''s promptctl comment, or update it in place (found by a hidden marker line)\: one comment per PR however often the workflow runs' \
'upload-sarif:Upload a SARIF log to GitHub code scanning' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl github help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__github__subcmd__help__subcmd__comment_commands] )) ||
_promptctl__subcmd__github__subcmd__help__subcmd__comment_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl github help comment commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__github__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__github__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl github help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__github__subcmd__help__subcmd__pr_commands] )) ||
_promptctl__subcmd__github__subcmd__help__subcmd__pr_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl github help pr commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__github__subcmd__help__subcmd__upload-sarif_commands] )) ||
_promptctl__subcmd__github__subcmd__help__subcmd__upload-sarif_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl github help upload-sarif commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__github__subcmd__pr_commands] )) ||
_promptctl__subcmd__github__subcmd__pr_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl github pr commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__github__subcmd__upload-sarif_commands] )) ||
_promptctl__subcmd__github__subcmd__upload-sarif_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl github upload-sarif commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help_commands] )) ||
_promptctl__subcmd__help_commands() {
    local commands; commands=(
'init:Start a promptctl project\: config, prompts folder, example prompt and git attributes' \
'new:Create a prompt file from a starter template or as a copy of another prompt' \
'lint:Check prompt files for problems' \
'suggest:Advise how to make a prompt work better' \
'improve:Write candidate rewrites of a prompt, checked, as variants with an experiment to compare them' \
'list:List the prompts in the library, as a tree by folder or a table' \
'show:Show a prompt\: metadata, variables with types, partials, links and body' \
'search:Search prompts by text, ranked, with facet filters and typo tolerance' \
'render:Render a prompt with variables and print the result' \
'export:Export the library to a JSON bundle or a plain Dotprompt directory' \
'import:Import a library bundle, Prompty files or a Dotprompt directory' \
'scan:Scan prompts and other files for PII, secrets, prompt injection and policy violations' \
'check:Lint, scan and release rules over what changed\: the one command CI runs' \
'github:Talk to GitHub from a workflow\: the PR comment and code-scanning upload' \
'policy:List and explain scan rules\: built-in detectors and the project'\''s policies' \
'owners:Keep CODEOWNERS in step with the prompts'\'' owners' \
'comment:Comment on a prompt or one of its lines, reply to a comment, or resolve a thread' \
'comments:List the comment threads on a prompt, with where each line is now' \
'log:Show the versions of a prompt' \
'diff:Show what changed in a prompt, field by field and word by word' \
'pr-report:Report the prompt changes in a pull request\: diffs, rendered samples, impact and evidence' \
'rollback:Restore an earlier version of a prompt' \
'merge-driver:Merge prompt files for git, key by key and hunk by hunk' \
'diff-driver:Show prompt files in git'\''s diffs (git runs this; see \`promptctl merge-driver --install\`)' \
'doctor:Check the project'\''s setup\: config, git, and the prompt merge and diff drivers' \
'release:Release prompt versions to an environment' \
'env:Inspect release environments' \
'audit:Show who changed which prompt and who released what where' \
'review:Approve prompts'\'' exact content for protected environments' \
'backup:Write a single-file backup of the library with all history' \
'restore:Restore a library from a backup bundle' \
'run:Run a prompt against its model and print the answer' \
'report:Report across every run\: pass rates, errors, latency, tokens and cost, trends and advice' \
'ingest:Import production call logs (OpenTelemetry \`gen_ai\` spans, OpenAI-style logs) for \`report\`' \
'ab:Compare prompt versions, variants and models on a dataset, with statistics' \
'providers:List the configured LLM providers and check that they answer' \
'auth:Store provider API keys in the OS keyring' \
'completions:Print a shell completion script' \
'man:Print or write man pages' \
'stats:Statistics for ad-hoc questions\: tests, intervals, sample sizes, power' \
'notify:Check notification destinations by sending them a test message' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__ab_commands] )) ||
_promptctl__subcmd__help__subcmd__ab_commands() {
    local commands; commands=(
'plan:Check an experiment and print the calls, sample size, cost and time it needs' \
'run:Run an experiment and record every sample' \
'analyze:Compare every variant with the control, per metric, with intervals and p-values' \
'list:List the experiments under \`experiments/\` with their variants and runs' \
'status:Show an experiment'\''s runs\: samples recorded, completeness, pass rate, last result' \
'collect:Collect a batch run'\''s results\: poll, download, score and record' \
'cancel:Cancel a batch run'\''s open batches' \
    )
    _describe -t commands 'promptctl help ab commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__ab__subcmd__analyze_commands] )) ||
_promptctl__subcmd__help__subcmd__ab__subcmd__analyze_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help ab analyze commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__ab__subcmd__cancel_commands] )) ||
_promptctl__subcmd__help__subcmd__ab__subcmd__cancel_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help ab cancel commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__ab__subcmd__collect_commands] )) ||
_promptctl__subcmd__help__subcmd__ab__subcmd__collect_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help ab collect commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__ab__subcmd__list_commands] )) ||
_promptctl__subcmd__help__subcmd__ab__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help ab list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__ab__subcmd__plan_commands] )) ||
_promptctl__subcmd__help__subcmd__ab__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help ab plan commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__ab__subcmd__run_commands] )) ||
_promptctl__subcmd__help__subcmd__ab__subcmd__run_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help ab run commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__ab__subcmd__status_commands] )) ||
_promptctl__subcmd__help__subcmd__ab__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help ab status commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__audit_commands] )) ||
_promptctl__subcmd__help__subcmd__audit_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help audit commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__auth_commands] )) ||
_promptctl__subcmd__help__subcmd__auth_commands() {
    local commands; commands=(
'set:Store a provider'\''s API key in the keyring (asked for with hidden input, or read from stdin when it is not a terminal)' \
'get:Say whether a key is stored for a provider (its length and fingerprint, never the key)' \
'rm:Remove a provider'\''s key from the keyring' \
'list:List which providers have a key in the keyring' \
    )
    _describe -t commands 'promptctl help auth commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__auth__subcmd__get_commands] )) ||
_promptctl__subcmd__help__subcmd__auth__subcmd__get_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help auth get commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__auth__subcmd__list_commands] )) ||
_promptctl__subcmd__help__subcmd__auth__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help auth list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__auth__subcmd__rm_commands] )) ||
_promptctl__subcmd__help__subcmd__auth__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help auth rm commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__auth__subcmd__set_commands] )) ||
_promptctl__subcmd__help__subcmd__auth__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help auth set commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__backup_commands] )) ||
_promptctl__subcmd__help__subcmd__backup_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help backup commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__check_commands] )) ||
_promptctl__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help check commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__comment_commands] )) ||
_promptctl__subcmd__help__subcmd__comment_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help comment commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__comments_commands] )) ||
_promptctl__subcmd__help__subcmd__comments_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help comments commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__completions_commands] )) ||
_promptctl__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help completions commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__diff_commands] )) ||
_promptctl__subcmd__help__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help diff commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__diff-driver_commands] )) ||
_promptctl__subcmd__help__subcmd__diff-driver_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help diff-driver commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__doctor_commands] )) ||
_promptctl__subcmd__help__subcmd__doctor_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help doctor commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__env_commands] )) ||
_promptctl__subcmd__help__subcmd__env_commands() {
    local commands; commands=(
'status:Show what each environment runs compared with HEAD' \
    )
    _describe -t commands 'promptctl help env commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__env__subcmd__status_commands] )) ||
_promptctl__subcmd__help__subcmd__env__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help env status commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__export_commands] )) ||
_promptctl__subcmd__help__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help export commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__github_commands] )) ||
_promptctl__subcmd__help__subcmd__github_commands() {
    local commands; commands=(
'pr:Print the pull request of the workflow event as \`key=value\` lines for \`\$GITHUB_OUTPUT\` (\`pull_request=false\` for other events)' \
'comment:Create the pull request'\''s promptctl comment, or update it in place (found by a hidden marker line)\: one comment per PR however often the workflow runs' \
'upload-sarif:Upload a SARIF log to GitHub code scanning' \
    )
    _describe -t commands 'promptctl help github commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__github__subcmd__comment_commands] )) ||
_promptctl__subcmd__help__subcmd__github__subcmd__comment_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help github comment commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__github__subcmd__pr_commands] )) ||
_promptctl__subcmd__help__subcmd__github__subcmd__pr_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help github pr commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__github__subcmd__upload-sarif_commands] )) ||
_promptctl__subcmd__help__subcmd__github__subcmd__upload-sarif_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help github upload-sarif commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__import_commands] )) ||
_promptctl__subcmd__help__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help import commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__improve_commands] )) ||
_promptctl__subcmd__help__subcmd__improve_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help improve commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__ingest_commands] )) ||
_promptctl__subcmd__help__subcmd__ingest_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help ingest commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__init_commands] )) ||
_promptctl__subcmd__help__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help init commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__lint_commands] )) ||
_promptctl__subcmd__help__subcmd__lint_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help lint commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__list_commands] )) ||
_promptctl__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__log_commands] )) ||
_promptctl__subcmd__help__subcmd__log_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help log commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__man_commands] )) ||
_promptctl__subcmd__help__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help man commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__merge-driver_commands] )) ||
_promptctl__subcmd__help__subcmd__merge-driver_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help merge-driver commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__new_commands] )) ||
_promptctl__subcmd__help__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help new commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__notify_commands] )) ||
_promptctl__subcmd__help__subcmd__notify_commands() {
    local commands; commands=(
'test:Send a test message to a destination, whatever events it asks for (exit 5 when it does not arrive)' \
    )
    _describe -t commands 'promptctl help notify commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__notify__subcmd__test_commands] )) ||
_promptctl__subcmd__help__subcmd__notify__subcmd__test_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help notify test commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__owners_commands] )) ||
_promptctl__subcmd__help__subcmd__owners_commands() {
    local commands; commands=(
'check:Report prompts whose CODEOWNERS owners differ from their owners (exit 1 if any)' \
'sync:Write one CODEOWNERS line per prompt into a managed block (replaced on every run)' \
    )
    _describe -t commands 'promptctl help owners commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__owners__subcmd__check_commands] )) ||
_promptctl__subcmd__help__subcmd__owners__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help owners check commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__owners__subcmd__sync_commands] )) ||
_promptctl__subcmd__help__subcmd__owners__subcmd__sync_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help owners sync commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__policy_commands] )) ||
_promptctl__subcmd__help__subcmd__policy_commands() {
    local commands; commands=(
'list:List every rule\: built-in detectors, then the project'\''s policy rules' \
'explain:Print what a rule checks, why, where it applies and how to fix a finding' \
    )
    _describe -t commands 'promptctl help policy commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__policy__subcmd__explain_commands] )) ||
_promptctl__subcmd__help__subcmd__policy__subcmd__explain_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help policy explain commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__policy__subcmd__list_commands] )) ||
_promptctl__subcmd__help__subcmd__policy__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help policy list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__pr-report_commands] )) ||
_promptctl__subcmd__help__subcmd__pr-report_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help pr-report commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__providers_commands] )) ||
_promptctl__subcmd__help__subcmd__providers_commands() {
    local commands; commands=(
'list:List providers, their endpoints and models, and where each credential comes from' \
'check:Make one cheap call to each provider and show what works' \
    )
    _describe -t commands 'promptctl help providers commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__providers__subcmd__check_commands] )) ||
_promptctl__subcmd__help__subcmd__providers__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help providers check commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__providers__subcmd__list_commands] )) ||
_promptctl__subcmd__help__subcmd__providers__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help providers list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__release_commands] )) ||
_promptctl__subcmd__help__subcmd__release_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help release commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__render_commands] )) ||
_promptctl__subcmd__help__subcmd__render_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help render commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__report_commands] )) ||
_promptctl__subcmd__help__subcmd__report_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help report commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__restore_commands] )) ||
_promptctl__subcmd__help__subcmd__restore_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help restore commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__review_commands] )) ||
_promptctl__subcmd__help__subcmd__review_commands() {
    local commands; commands=(
'approve:Approve a prompt'\''s content at HEAD, and commit the approval' \
'request:Ask reviewers to approve a prompt'\''s content at HEAD, and commit the request' \
'status:Show approved / pending / void per prompt and protected environment' \
    )
    _describe -t commands 'promptctl help review commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__review__subcmd__approve_commands] )) ||
_promptctl__subcmd__help__subcmd__review__subcmd__approve_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help review approve commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__review__subcmd__request_commands] )) ||
_promptctl__subcmd__help__subcmd__review__subcmd__request_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help review request commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__review__subcmd__status_commands] )) ||
_promptctl__subcmd__help__subcmd__review__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help review status commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__rollback_commands] )) ||
_promptctl__subcmd__help__subcmd__rollback_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help rollback commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__run_commands] )) ||
_promptctl__subcmd__help__subcmd__run_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help run commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__scan_commands] )) ||
_promptctl__subcmd__help__subcmd__scan_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help scan commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__search_commands] )) ||
_promptctl__subcmd__help__subcmd__search_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help search commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__show_commands] )) ||
_promptctl__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help show commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats_commands] )) ||
_promptctl__subcmd__help__subcmd__stats_commands() {
    local commands; commands=(
'test:Run a significance test, like an online calculator' \
'sample-size:Plan the sample size per arm for a pass rate or a mean' \
'power:Compute the power of an experiment with \`--n\` cases per arm' \
'interval:Compute a confidence interval' \
'correct:Adjust p-values for comparing many variants × metrics' \
'srm:Check arm sizes against the configured split (sample-ratio mismatch)' \
'sequential:Test with early stopping that stays valid however often you look' \
    )
    _describe -t commands 'promptctl help stats commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__correct_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__correct_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats correct commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__interval_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__interval_commands() {
    local commands; commands=(
'proportion:A pass rate \`count / n\`' \
'difference:The difference of pass rates B - A' \
'mean:The mean of a sample (t interval)' \
'bootstrap:A seeded percentile bootstrap for a median or percentile, or its difference B - A' \
    )
    _describe -t commands 'promptctl help stats interval commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__interval__subcmd__bootstrap_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__interval__subcmd__bootstrap_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats interval bootstrap commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__interval__subcmd__difference_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__interval__subcmd__difference_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats interval difference commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__interval__subcmd__mean_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__interval__subcmd__mean_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats interval mean commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__interval__subcmd__proportion_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__interval__subcmd__proportion_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats interval proportion commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__power_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__power_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats power commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__sample-size_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__sample-size_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats sample-size commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__sequential_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__sequential_commands() {
    local commands; commands=(
'paired:Mixture SPRT on paired differences B - A' \
'split:Asymptotic confidence sequence for B - A with independent arms' \
    )
    _describe -t commands 'promptctl help stats sequential commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__sequential__subcmd__paired_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__sequential__subcmd__paired_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats sequential paired commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__sequential__subcmd__split_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__sequential__subcmd__split_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats sequential split commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__srm_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__srm_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats srm commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__test_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__test_commands() {
    local commands; commands=(
'mcnemar:McNemar'\''s test for paired pass/fail results (exact when discordant pairs are few)' \
'chi2:Chi-square test on two arms'\'' pass counts (split traffic)' \
'fisher:Fisher'\''s exact test on two arms'\'' pass counts (any size)' \
'ztest:Two-proportion z-test with pooled variance' \
'welch:Welch'\''s t-test for independent samples (unequal variances)' \
'student:Student'\''s t-test for independent samples (pooled variance)' \
'paired:Paired t-test on per-case differences B - A' \
'wilcoxon:Wilcoxon signed-rank test on per-case differences B - A' \
'mann-whitney:Mann-Whitney U test for independent samples' \
    )
    _describe -t commands 'promptctl help stats test commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__chi2_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__chi2_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats test chi2 commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__fisher_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__fisher_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats test fisher commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__mann-whitney_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__mann-whitney_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats test mann-whitney commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__mcnemar_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__mcnemar_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats test mcnemar commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__paired_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__paired_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats test paired commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__student_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__student_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats test student commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__welch_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__welch_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats test welch commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__wilcoxon_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__wilcoxon_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats test wilcoxon commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__ztest_commands] )) ||
_promptctl__subcmd__help__subcmd__stats__subcmd__test__subcmd__ztest_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help stats test ztest commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__help__subcmd__suggest_commands] )) ||
_promptctl__subcmd__help__subcmd__suggest_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl help suggest commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__import_commands] )) ||
_promptctl__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl import commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__improve_commands] )) ||
_promptctl__subcmd__improve_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl improve commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__ingest_commands] )) ||
_promptctl__subcmd__ingest_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl ingest commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__init_commands] )) ||
_promptctl__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl init commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__lint_commands] )) ||
_promptctl__subcmd__lint_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl lint commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__list_commands] )) ||
_promptctl__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__log_commands] )) ||
_promptctl__subcmd__log_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl log commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__man_commands] )) ||
_promptctl__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl man commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__merge-driver_commands] )) ||
_promptctl__subcmd__merge-driver_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl merge-driver commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__new_commands] )) ||
_promptctl__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl new commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__notify_commands] )) ||
_promptctl__subcmd__notify_commands() {
    local commands; commands=(
'test:Send a test message to a destination, whatever events it asks for (exit 5 when it does not arrive)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl notify commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__notify__subcmd__help_commands] )) ||
_promptctl__subcmd__notify__subcmd__help_commands() {
    local commands; commands=(
'test:Send a test message to a destination, whatever events it asks for (exit 5 when it does not arrive)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl notify help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__notify__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__notify__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl notify help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__notify__subcmd__help__subcmd__test_commands] )) ||
_promptctl__subcmd__notify__subcmd__help__subcmd__test_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl notify help test commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__notify__subcmd__test_commands] )) ||
_promptctl__subcmd__notify__subcmd__test_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl notify test commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__owners_commands] )) ||
_promptctl__subcmd__owners_commands() {
    local commands; commands=(
'check:Report prompts whose CODEOWNERS owners differ from their owners (exit 1 if any)' \
'sync:Write one CODEOWNERS line per prompt into a managed block (replaced on every run)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl owners commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__owners__subcmd__check_commands] )) ||
_promptctl__subcmd__owners__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl owners check commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__owners__subcmd__help_commands] )) ||
_promptctl__subcmd__owners__subcmd__help_commands() {
    local commands; commands=(
'check:Report prompts whose CODEOWNERS owners differ from their owners (exit 1 if any)' \
'sync:Write one CODEOWNERS line per prompt into a managed block (replaced on every run)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl owners help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__owners__subcmd__help__subcmd__check_commands] )) ||
_promptctl__subcmd__owners__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl owners help check commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__owners__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__owners__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl owners help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__owners__subcmd__help__subcmd__sync_commands] )) ||
_promptctl__subcmd__owners__subcmd__help__subcmd__sync_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl owners help sync commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__owners__subcmd__sync_commands] )) ||
_promptctl__subcmd__owners__subcmd__sync_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl owners sync commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__policy_commands] )) ||
_promptctl__subcmd__policy_commands() {
    local commands; commands=(
'list:List every rule\: built-in detectors, then the project'\''s policy rules' \
'explain:Print what a rule checks, why, where it applies and how to fix a finding' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl policy commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__policy__subcmd__explain_commands] )) ||
_promptctl__subcmd__policy__subcmd__explain_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl policy explain commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__policy__subcmd__help_commands] )) ||
_promptctl__subcmd__policy__subcmd__help_commands() {
    local commands; commands=(
'list:List every rule\: built-in detectors, then the project'\''s policy rules' \
'explain:Print what a rule checks, why, where it applies and how to fix a finding' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl policy help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__policy__subcmd__help__subcmd__explain_commands] )) ||
_promptctl__subcmd__policy__subcmd__help__subcmd__explain_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl policy help explain commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__policy__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__policy__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl policy help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__policy__subcmd__help__subcmd__list_commands] )) ||
_promptctl__subcmd__policy__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl policy help list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__policy__subcmd__list_commands] )) ||
_promptctl__subcmd__policy__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl policy list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__pr-report_commands] )) ||
_promptctl__subcmd__pr-report_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl pr-report commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__providers_commands] )) ||
_promptctl__subcmd__providers_commands() {
    local commands; commands=(
'list:List providers, their endpoints and models, and where each credential comes from' \
'check:Make one cheap call to each provider and show what works' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl providers commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__providers__subcmd__check_commands] )) ||
_promptctl__subcmd__providers__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl providers check commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__providers__subcmd__help_commands] )) ||
_promptctl__subcmd__providers__subcmd__help_commands() {
    local commands; commands=(
'list:List providers, their endpoints and models, and where each credential comes from' \
'check:Make one cheap call to each provider and show what works' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl providers help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__providers__subcmd__help__subcmd__check_commands] )) ||
_promptctl__subcmd__providers__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl providers help check commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__providers__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__providers__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl providers help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__providers__subcmd__help__subcmd__list_commands] )) ||
_promptctl__subcmd__providers__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl providers help list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__providers__subcmd__list_commands] )) ||
_promptctl__subcmd__providers__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl providers list commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__release_commands] )) ||
_promptctl__subcmd__release_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl release commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__render_commands] )) ||
_promptctl__subcmd__render_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl render commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__report_commands] )) ||
_promptctl__subcmd__report_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl report commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__restore_commands] )) ||
_promptctl__subcmd__restore_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl restore commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__review_commands] )) ||
_promptctl__subcmd__review_commands() {
    local commands; commands=(
'approve:Approve a prompt'\''s content at HEAD, and commit the approval' \
'request:Ask reviewers to approve a prompt'\''s content at HEAD, and commit the request' \
'status:Show approved / pending / void per prompt and protected environment' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl review commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__review__subcmd__approve_commands] )) ||
_promptctl__subcmd__review__subcmd__approve_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl review approve commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__review__subcmd__help_commands] )) ||
_promptctl__subcmd__review__subcmd__help_commands() {
    local commands; commands=(
'approve:Approve a prompt'\''s content at HEAD, and commit the approval' \
'request:Ask reviewers to approve a prompt'\''s content at HEAD, and commit the request' \
'status:Show approved / pending / void per prompt and protected environment' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl review help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__review__subcmd__help__subcmd__approve_commands] )) ||
_promptctl__subcmd__review__subcmd__help__subcmd__approve_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl review help approve commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__review__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__review__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl review help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__review__subcmd__help__subcmd__request_commands] )) ||
_promptctl__subcmd__review__subcmd__help__subcmd__request_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl review help request commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__review__subcmd__help__subcmd__status_commands] )) ||
_promptctl__subcmd__review__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl review help status commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__review__subcmd__request_commands] )) ||
_promptctl__subcmd__review__subcmd__request_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl review request commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__review__subcmd__status_commands] )) ||
_promptctl__subcmd__review__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl review status commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__rollback_commands] )) ||
_promptctl__subcmd__rollback_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl rollback commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__run_commands] )) ||
_promptctl__subcmd__run_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl run commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__scan_commands] )) ||
_promptctl__subcmd__scan_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl scan commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__search_commands] )) ||
_promptctl__subcmd__search_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl search commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__show_commands] )) ||
_promptctl__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl show commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats_commands] )) ||
_promptctl__subcmd__stats_commands() {
    local commands; commands=(
'test:Run a significance test, like an online calculator' \
'sample-size:Plan the sample size per arm for a pass rate or a mean' \
'power:Compute the power of an experiment with \`--n\` cases per arm' \
'interval:Compute a confidence interval' \
'correct:Adjust p-values for comparing many variants × metrics' \
'srm:Check arm sizes against the configured split (sample-ratio mismatch)' \
'sequential:Test with early stopping that stays valid however often you look' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl stats commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__correct_commands] )) ||
_promptctl__subcmd__stats__subcmd__correct_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats correct commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help_commands] )) ||
_promptctl__subcmd__stats__subcmd__help_commands() {
    local commands; commands=(
'test:Run a significance test, like an online calculator' \
'sample-size:Plan the sample size per arm for a pass rate or a mean' \
'power:Compute the power of an experiment with \`--n\` cases per arm' \
'interval:Compute a confidence interval' \
'correct:Adjust p-values for comparing many variants × metrics' \
'srm:Check arm sizes against the configured split (sample-ratio mismatch)' \
'sequential:Test with early stopping that stays valid however often you look' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl stats help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__correct_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__correct_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help correct commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__interval_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__interval_commands() {
    local commands; commands=(
'proportion:A pass rate \`count / n\`' \
'difference:The difference of pass rates B - A' \
'mean:The mean of a sample (t interval)' \
'bootstrap:A seeded percentile bootstrap for a median or percentile, or its difference B - A' \
    )
    _describe -t commands 'promptctl stats help interval commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__interval__subcmd__bootstrap_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__interval__subcmd__bootstrap_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help interval bootstrap commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__interval__subcmd__difference_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__interval__subcmd__difference_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help interval difference commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__interval__subcmd__mean_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__interval__subcmd__mean_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help interval mean commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__interval__subcmd__proportion_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__interval__subcmd__proportion_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help interval proportion commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__power_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__power_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help power commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__sample-size_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__sample-size_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help sample-size commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__sequential_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__sequential_commands() {
    local commands; commands=(
'paired:Mixture SPRT on paired differences B - A' \
'split:Asymptotic confidence sequence for B - A with independent arms' \
    )
    _describe -t commands 'promptctl stats help sequential commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__sequential__subcmd__paired_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__sequential__subcmd__paired_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help sequential paired commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__sequential__subcmd__split_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__sequential__subcmd__split_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help sequential split commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__srm_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__srm_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help srm commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__test_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__test_commands() {
    local commands; commands=(
'mcnemar:McNemar'\''s test for paired pass/fail results (exact when discordant pairs are few)' \
'chi2:Chi-square test on two arms'\'' pass counts (split traffic)' \
'fisher:Fisher'\''s exact test on two arms'\'' pass counts (any size)' \
'ztest:Two-proportion z-test with pooled variance' \
'welch:Welch'\''s t-test for independent samples (unequal variances)' \
'student:Student'\''s t-test for independent samples (pooled variance)' \
'paired:Paired t-test on per-case differences B - A' \
'wilcoxon:Wilcoxon signed-rank test on per-case differences B - A' \
'mann-whitney:Mann-Whitney U test for independent samples' \
    )
    _describe -t commands 'promptctl stats help test commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__chi2_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__chi2_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help test chi2 commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__fisher_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__fisher_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help test fisher commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__mann-whitney_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__mann-whitney_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help test mann-whitney commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__mcnemar_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__mcnemar_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help test mcnemar commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__paired_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__paired_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help test paired commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__student_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__student_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help test student commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__welch_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__welch_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help test welch commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__wilcoxon_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__wilcoxon_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help test wilcoxon commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__ztest_commands] )) ||
_promptctl__subcmd__stats__subcmd__help__subcmd__test__subcmd__ztest_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats help test ztest commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__interval_commands] )) ||
_promptctl__subcmd__stats__subcmd__interval_commands() {
    local commands; commands=(
'proportion:A pass rate \`count / n\`' \
'difference:The difference of pass rates B - A' \
'mean:The mean of a sample (t interval)' \
'bootstrap:A seeded percentile bootstrap for a median or percentile, or its difference B - A' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl stats interval commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__interval__subcmd__bootstrap_commands] )) ||
_promptctl__subcmd__stats__subcmd__interval__subcmd__bootstrap_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats interval bootstrap commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__interval__subcmd__difference_commands] )) ||
_promptctl__subcmd__stats__subcmd__interval__subcmd__difference_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats interval difference commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__interval__subcmd__help_commands] )) ||
_promptctl__subcmd__stats__subcmd__interval__subcmd__help_commands() {
    local commands; commands=(
'proportion:A pass rate \`count / n\`' \
'difference:The difference of pass rates B - A' \
'mean:The mean of a sample (t interval)' \
'bootstrap:A seeded percentile bootstrap for a median or percentile, or its difference B - A' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl stats interval help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__interval__subcmd__help__subcmd__bootstrap_commands] )) ||
_promptctl__subcmd__stats__subcmd__interval__subcmd__help__subcmd__bootstrap_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats interval help bootstrap commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__interval__subcmd__help__subcmd__difference_commands] )) ||
_promptctl__subcmd__stats__subcmd__interval__subcmd__help__subcmd__difference_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats interval help difference commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__interval__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__stats__subcmd__interval__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats interval help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__interval__subcmd__help__subcmd__mean_commands] )) ||
_promptctl__subcmd__stats__subcmd__interval__subcmd__help__subcmd__mean_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats interval help mean commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__interval__subcmd__help__subcmd__proportion_commands] )) ||
_promptctl__subcmd__stats__subcmd__interval__subcmd__help__subcmd__proportion_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats interval help proportion commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__interval__subcmd__mean_commands] )) ||
_promptctl__subcmd__stats__subcmd__interval__subcmd__mean_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats interval mean commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__interval__subcmd__proportion_commands] )) ||
_promptctl__subcmd__stats__subcmd__interval__subcmd__proportion_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats interval proportion commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__power_commands] )) ||
_promptctl__subcmd__stats__subcmd__power_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats power commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__sample-size_commands] )) ||
_promptctl__subcmd__stats__subcmd__sample-size_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats sample-size commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__sequential_commands] )) ||
_promptctl__subcmd__stats__subcmd__sequential_commands() {
    local commands; commands=(
'paired:Mixture SPRT on paired differences B - A' \
'split:Asymptotic confidence sequence for B - A with independent arms' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl stats sequential commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__sequential__subcmd__help_commands] )) ||
_promptctl__subcmd__stats__subcmd__sequential__subcmd__help_commands() {
    local commands; commands=(
'paired:Mixture SPRT on paired differences B - A' \
'split:Asymptotic confidence sequence for B - A with independent arms' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl stats sequential help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__sequential__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__stats__subcmd__sequential__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats sequential help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__sequential__subcmd__help__subcmd__paired_commands] )) ||
_promptctl__subcmd__stats__subcmd__sequential__subcmd__help__subcmd__paired_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats sequential help paired commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__sequential__subcmd__help__subcmd__split_commands] )) ||
_promptctl__subcmd__stats__subcmd__sequential__subcmd__help__subcmd__split_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats sequential help split commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__sequential__subcmd__paired_commands] )) ||
_promptctl__subcmd__stats__subcmd__sequential__subcmd__paired_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats sequential paired commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__sequential__subcmd__split_commands] )) ||
_promptctl__subcmd__stats__subcmd__sequential__subcmd__split_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats sequential split commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__srm_commands] )) ||
_promptctl__subcmd__stats__subcmd__srm_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats srm commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test_commands] )) ||
_promptctl__subcmd__stats__subcmd__test_commands() {
    local commands; commands=(
'mcnemar:McNemar'\''s test for paired pass/fail results (exact when discordant pairs are few)' \
'chi2:Chi-square test on two arms'\'' pass counts (split traffic)' \
'fisher:Fisher'\''s exact test on two arms'\'' pass counts (any size)' \
'ztest:Two-proportion z-test with pooled variance' \
'welch:Welch'\''s t-test for independent samples (unequal variances)' \
'student:Student'\''s t-test for independent samples (pooled variance)' \
'paired:Paired t-test on per-case differences B - A' \
'wilcoxon:Wilcoxon signed-rank test on per-case differences B - A' \
'mann-whitney:Mann-Whitney U test for independent samples' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl stats test commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__chi2_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__chi2_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test chi2 commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__fisher_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__fisher_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test fisher commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__help_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__help_commands() {
    local commands; commands=(
'mcnemar:McNemar'\''s test for paired pass/fail results (exact when discordant pairs are few)' \
'chi2:Chi-square test on two arms'\'' pass counts (split traffic)' \
'fisher:Fisher'\''s exact test on two arms'\'' pass counts (any size)' \
'ztest:Two-proportion z-test with pooled variance' \
'welch:Welch'\''s t-test for independent samples (unequal variances)' \
'student:Student'\''s t-test for independent samples (pooled variance)' \
'paired:Paired t-test on per-case differences B - A' \
'wilcoxon:Wilcoxon signed-rank test on per-case differences B - A' \
'mann-whitney:Mann-Whitney U test for independent samples' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'promptctl stats test help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__chi2_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__chi2_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test help chi2 commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__fisher_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__fisher_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test help fisher commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__help_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test help help commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__mann-whitney_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__mann-whitney_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test help mann-whitney commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__mcnemar_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__mcnemar_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test help mcnemar commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__paired_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__paired_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test help paired commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__student_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__student_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test help student commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__welch_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__welch_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test help welch commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__wilcoxon_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__wilcoxon_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test help wilcoxon commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__ztest_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__help__subcmd__ztest_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test help ztest commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__mann-whitney_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__mann-whitney_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test mann-whitney commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__mcnemar_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__mcnemar_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test mcnemar commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__paired_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__paired_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test paired commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__student_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__student_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test student commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__welch_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__welch_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test welch commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__wilcoxon_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__wilcoxon_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test wilcoxon commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__stats__subcmd__test__subcmd__ztest_commands] )) ||
_promptctl__subcmd__stats__subcmd__test__subcmd__ztest_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl stats test ztest commands' commands "$@"
}
(( $+functions[_promptctl__subcmd__suggest_commands] )) ||
_promptctl__subcmd__suggest_commands() {
    local commands; commands=()
    _describe -t commands 'promptctl suggest commands' commands "$@"
}

if [ "$funcstack[1]" = "_promptctl" ]; then
    _promptctl "$@"
else
    compdef _promptctl promptctl
fi
