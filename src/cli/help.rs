//! The texts of `--help` beyond each option's line: the examples of each
//! command, kept apart so the definitions stay readable.

/// The heading of the options every command takes, apart from its own.
pub(super) const GLOBAL: &str = "Global options";

pub(super) const GPLAN_EXAMPLES: &str =
    "Exit codes: 0 success (an empty answer too); 1 errors found (check), a name that
names nothing, or plans left out; 2 usage error, an unreadable repository,
configuration or registry, or no plan at all.
More: gplan help COMMAND, gplan man, gplan rules, gplan explain CODE.

Examples:
  # validate every plan (in CI: --format github)
  gplan check
  # everything due up to 5 December 2023
  gplan due --before 5/12/2023
  # everything that body owes, per province
  gplan owners \"Sở Nội vụ\"
  # the plans of another folder, under the plans they implement
  gplan --repo ~/plans tree";

pub(super) const FMT_EXAMPLES: &str =
    "Keys and tables in the documented order, text in Unicode NFC, strings in \"double
quotes\", short lists on one line and long ones one item per line; comments and
blank lines stay. Only files that change are written, each in one step. A file
that is not valid TOML is reported and left as it is (exit 1).

Examples:
  # every plan and the registry
  gplan fmt
  # in CI or a pre-commit hook: list unformatted files, exit 1 if any
  gplan fmt --check
  # what would change, as a diff
  gplan fmt --check -v plans/lai-chau";

pub(super) const NEW_EXAMPLES: &str =
    "PARENT is a plan id, a document number only one plan has, or the number of an
outside document of the catalogue (documents.toml), which gives a plan with just its
header and needs --period. The new plan copies the parent's targets (refines; kind,
unit, direction, baseline, groups and sustained as the parent writes them; the
milestones inside the period) and tasks (implements), with comments saying what to
fill in. It never overwrites a file, nor creates a folder (exit 2).

Examples:
  # Hưng Yên's plan for 2024 from its provincial plan, on stdout
  gplan new --implements 53/KH-UBND --jurisdiction hung-yen --period 2024
  # a department's plan, written to a new file
  gplan new --implements ho-chi-minh/kh-174-2025 --jurisdiction ho-chi-minh \\
    --issuer \"Sở Nội vụ\" --out plans/ho-chi-minh/kh-snv-2025.toml
  # from an outside document: the header only, for the period given
  gplan new --implements 28/NQ-CP --jurisdiction hung-yen --period 2026 \\
    --out plans/hung-yen/kh-2026.toml";

pub(super) const TREE_EXAMPLES: &str =
    "Each line: id, number, period, title. A plan with two parents is listed under both;
the second time it is marked \"(also above)\" and its children are not repeated.

Examples:
  gplan tree
  gplan --repo ~/plans tree | less
  # nested, for a script
  gplan tree --format json";

pub(super) const MAN_EXAMPLES: &str =
    "One page for gplan and one per command: gplan(1), gplan-check(1) ...

Examples:
  # read gplan(1), or the page of one command, now
  gplan man | man -l -
  gplan man due | man -l -
  # write every page, then: man gplan-due
  gplan man --out ~/.local/share/man/man1";

pub(super) const SITE_EXAMPLES: &str =
    "Writes into DIR only: index.html, one page per plan (plans/) and per body and
scope (bodies/, each with its .ics feed), calendar.html, gplan.ics. Open
DIR/index.html from disk, or publish DIR on any static host. DIR must be new,
empty, or a site gplan wrote before (its old pages that are gone are removed).

Examples:
  gplan site --out public
  gplan site --out public --lang en
  # feeds link each event to its page at the published address
  gplan site --out public --base-url https://example.org/plans";

pub(super) const SHOW_EXAMPLES: &str =
    "PLAN is a plan id or a document number that only one plan has.

Examples:
  gplan show lai-chau/kh-01-2023
  gplan show 01/BVSTBPN-VP
  gplan show 53/KH-UBND --format json";

pub(super) const SCHEMA_EXAMPLES: &str = "Examples:
  # then, as the first line of a plan file:
  #   #:schema ../../schema/gplan.schema.json
  gplan schema > schema/gplan.schema.json
  gplan schema --registry > schema/registry.schema.json";

pub(super) const RULES_EXAMPLES: &str =
    "A repository sets the level of any rule in gplan.toml (allow drops its findings):
  [check.levels]
  missing-number = \"allow\"     # allow | warning | error
  not-nfc = \"error\"

Examples:
  # code, default level and summary of each rule
  gplan rules
  # every code, for scripts
  gplan rules --format json | jq -r '.[].code'
  # one rule in full
  gplan explain unknown-parent";

pub(super) const EXPLAIN_EXAMPLES: &str =
    "CODE is a code as `check` prints it, with or without `gplan::`.

Examples:
  gplan explain gplan::not-nfc
  gplan explain ref-skip
  gplan explain unknown-org | less";

pub(super) const COMPLETIONS_EXAMPLES: &str =
    "The script asks gplan for the names, plan ids and jurisdictions of the repository
in the current folder each time TAB is pressed: `gplan owners <TAB>`,
`gplan show <TAB>`, `--plan <TAB>`, `--jurisdiction <TAB>`.

Examples:
  # bash, in ~/.bashrc
  source <(gplan completions bash)
  # zsh, in ~/.zshrc
  source <(gplan completions zsh)
  # fish
  gplan completions fish > ~/.config/fish/completions/gplan.fish
  # elvish, in rc.elv
  eval (gplan completions elvish | slurp)";

pub(super) const OWNERS_EXAMPLES: &str =
    "NAME is matched after normalisation (case, NFC/NFD, \"hoà\"/\"hòa\", dashes), then without \
diacritics, then as part of a name. A generic name such as \"Sở Nội vụ\" is listed per province.
Deadlines after a body was dissolved, or after its province merged, are shown under the successor,
with the original body in the Via column. Without NAME, only the plans whose period has not
ended are counted (--all: every plan).

Examples:
  # every body with its lead/support counts
  gplan owners
  # the same for one province, named as you write it
  gplan owners --jurisdiction \"Hưng Yên\"
  # everything Sở Nội vụ owes, per province
  gplan owners \"Sở Nội vụ\"
  # only the reports it receives
  gplan owners \"so noi vu\" --role report
  # duties with a deadline up to that day
  gplan owners \"Sở Nội vụ\" --before 5/12/2026";

pub(super) const DUE_EXAMPLES: &str = "Dates: 2023-12-05, 5/12/2023 or 05/12/2023. Both bounds are inclusive: a duty \"trước ngày 5/12\" shows up in --before 5/12/2023.
Without --before and --after, deadlines from today on are listed. Nothing due is
exit 0, with \"no deadlines match\" on stderr. Each occurrence is delivered, late,
overdue or open, from the reports of the progress files (progress/*.toml).

Examples:
  # everything due up to 5 December 2023
  gplan due --before 5/12/2023
  # one year
  gplan due --after 2023-01-01 --before 2023-12-31
  # one body's deadlines, for a spreadsheet
  gplan due --owner \"Sở Nội vụ\" --format csv
  # one province, by id (lai-chau) or by name
  gplan due --jurisdiction \"lai chau\"
  # what no report answers yet
  gplan due --open --before 2024-12-31
  # for Excel on Windows
  gplan due --format csv --bom > due.csv
  # a calendar file to subscribe to, with a reminder a week before
  gplan due --format ics --alarm 7d > gplan.ics";

pub(super) const STATUS_EXAMPLES: &str =
    "Reads the reports and actuals of the progress files (progress/*.toml) as of --today.
A duty occurrence is delivered, late, overdue (deadline passed, no report) or due-soon (within
30 days, no report); a target (each of its groups) is met, on-track, behind or no-data against
its next milestone and the line from its baseline. With --fail-on overdue the exit code is 1
when anything is overdue.

Examples:
  # where everything stands today
  gplan status
  # one body's duties, as a CI gate
  gplan status --owner \"Sở Nội vụ\" --fail-on overdue
  # for a spreadsheet
  gplan status --plan 53/KH-UBND --format csv";

pub(super) const CHECK_EXAMPLES: &str =
    "Exit code 1 when an error is found (or a warning, with --deny-warnings), 2 on a usage error
or an unreadable repository. What a finding means: gplan explain CODE.

Examples:
  # the whole repository
  gplan check
  # only findings in that folder (the whole repository is still read)
  gplan check plans/lai-chau
  # one line per finding
  gplan check --format short
  # in GitHub Actions
  gplan check --format github --deny-warnings";
