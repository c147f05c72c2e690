// What each lint code means and how to fix it, for reports that describe their rules once (SARIF) rather than
// with each finding. The findings themselves carry a message and hint specific to their place (lint.ts).

export interface LintRuleHelp {
  summary: string;
  help: string;
}

export const LINT_RULE_HELP: Readonly<Record<string, LintRuleHelp>> = {
  'lint/path-never-seen': {
    summary: 'a path spelling the kernel never reports',
    help: 'The kernel matches resolved paths (/private/tmp, not /tmp; /Users, not /System/Volumes/Data/Users). Write the resolved spelling.',
  },
  'lint/shadowed-rule': {
    summary: 'a rule that can never decide',
    help: 'A later rule on the same operation wins for every request this rule matches (the last matching rule decides). Remove it or move it after the other.',
  },
  'lint/child-op-wins': {
    summary: 'a wider rule that loses to an earlier, more specific one',
    help: 'The kernel tries the rules of the specific operation (file-read-data) before its parent (file-read*), so the later rule on the parent does not decide those requests.',
  },
  'lint/replaced-unfiltered': {
    summary: 'an unfiltered rule replaced by a later unfiltered rule',
    help: 'Two unfiltered rules on one operation: only the last one counts. Remove the earlier one.',
  },
  'lint/cut-off-rule': {
    summary: 'a filtered rule that no request reaches',
    help: 'An unfiltered rule on a more specific operation decides every request first, so this rule on the wider operation is never consulted.',
  },
  'lint/cannot-start': {
    summary: 'a (deny default) profile that denies what every process needs to start',
    help: 'Allow the executable, dyld and the system libraries (e.g. file-read* of /usr/lib and /System) or the process is killed before main.',
  },
  'lint/regex-syntax': {
    summary: 'a regex the compiler rejects',
    help: "libsandbox's regex dialect is POSIX-like; fix the pattern so the profile compiles.",
  },
  'lint/literal-too-long': {
    summary: 'a string over 65,535 bytes',
    help: 'libsandbox refuses strings longer than 65,535 bytes; split the rule.',
  },
  'lint/debug-noop': {
    summary: '(debug ...) does nothing',
    help: '(debug deny) has been an empty macro since macOS 10.11; use (with report) on a rule, or the unified log, to see decisions.',
  },
  'lint/unknown-operation': {
    summary: 'an operation name the selected OS does not have',
    help: 'Check the spelling or the --os vocabulary; unknown operations make the profile fail to compile on that OS.',
  },
  'lint/unknown-filter': {
    summary: 'a filter name the selected OS does not have',
    help: 'Check the spelling or the --os vocabulary; unknown filters make the profile fail to compile on that OS.',
  },
};
