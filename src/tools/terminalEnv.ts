// The environment a terminal command runs with: the extension host's, less the variables that hold
// gateway keys (an endpoint's `apiKeyEnv`). A command the model proposed must not be able to echo or
// send the key, and the user approving `npm test` cannot be expected to spot that it would.

/** `base` without the variables named in `hidden`; on Windows names compare case-insensitively, as there. */
export function withoutVariables(base: NodeJS.ProcessEnv, hidden: readonly (string | undefined)[], caseInsensitive = process.platform === 'win32'): NodeJS.ProcessEnv {
  const fold = (s: string) => (caseInsensitive ? s.toUpperCase() : s);
  const drop = new Set(hidden.filter((n): n is string => !!n).map(fold));
  return Object.fromEntries(Object.entries(base).filter(([name]) => !drop.has(fold(name))));
}
