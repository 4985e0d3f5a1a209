// run_in_terminal: one shell command in a visible terminal, after the user approved that exact
// command line. The command string is captured once here and never rebuilt.
import { capText, stripAnsi } from '../text';
import { ToolError } from '../toolError';
import { defineTool } from '../types';
import { guard, requireKind } from './common';

const DEFAULT_TIMEOUT_S = 60;
const MAX_TIMEOUT_S = 600;
export const TERMINAL_OUTPUT_MAX_BYTES = 64 * 1024;

export const runInTerminalTool = defineTool<{ command: string; cwd?: string; timeout_seconds?: number }>({
  name: 'run_in_terminal',
  description: `Run one shell command in a terminal the user can see, after the user approves the exact command line. Returns the exit code and output (the last ${TERMINAL_OUTPUT_MAX_BYTES / 1024} KB at most). Do not start commands that never end (servers, watchers); they are stopped at the timeout.`,
  parameters: {
    type: 'object',
    properties: {
      command: { type: 'string', minLength: 1, maxLength: 10_000, description: 'The command line, as it would be typed into the shell.' },
      cwd: { type: 'string', description: 'Working folder relative to the workspace; default the workspace (first) folder.' },
      timeout_seconds: { type: 'integer', minimum: 1, maximum: MAX_TIMEOUT_S, description: `Default ${DEFAULT_TIMEOUT_S}.` },
    },
    required: ['command'],
    additionalProperties: false,
  },
  readOnly: false,
  async prepare(args, ctx) {
    const command = args.command;
    if (!command.trim()) throw new ToolError('The command is empty.');
    if (command.includes('\0')) throw new ToolError('The command contains a NUL character.');
    const cwd = await guard(ctx, args.cwd ?? ctx.port.folders()[0]?.root);
    await requireKind(ctx, cwd, 'directory');
    const timeoutMs = (args.timeout_seconds ?? DEFAULT_TIMEOUT_S) * 1000;
    return {
      paths: [cwd],
      preview: { kind: 'terminal', command, cwd, timeoutMs },
      async run({ port, signal }) {
        const r = await port.runInTerminal(command, { cwd, timeoutMs, maxOutputBytes: TERMINAL_OUTPUT_MAX_BYTES, signal });
        const status = signal.aborted ? 'Stopped by the user.'
          : r.timedOut ? `Timed out after ${timeoutMs / 1000} s and was stopped.`
            : r.exitCode === undefined ? 'Exit code unknown.' : `Exit code: ${r.exitCode}`;
        const output = stripAnsi(r.output).replace(/\r\n?/g, '\n').trimEnd();
        const capped = capText(output, TERMINAL_OUTPUT_MAX_BYTES, 'output truncated').text;
        const note = r.truncated ? '\n[output truncated: only part of it was kept]' : '';
        return `$ ${command}\n${status}\n${capped || '(no output)'}${note}`;
      },
    };
  },
});
