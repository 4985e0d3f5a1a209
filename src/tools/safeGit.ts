// How the extension runs git in a workspace it did not write. A cloned repository's own config can
// name programs git then runs: core.fsmonitor (on every status-like command), hooks, a pager. Each
// is switched off on the command line, which wins over every config file.

/** `git <these> <args>`: no fsmonitor program, no hooks, no pager. */
export function safeGitArgs(args: readonly string[]): string[] {
  return ['--no-pager', '-c', 'core.fsmonitor=false', '-c', `core.hooksPath=${NULL_DEVICE}`, '-c', 'core.pager=cat', ...args];
}

/** The environment for git: the pager variables too, should a command ignore --no-pager. */
export function safeGitEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, GIT_PAGER: 'cat', PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' };
}

const NULL_DEVICE = process.platform === 'win32' ? 'NUL' : '/dev/null';
