// run_in_terminal: the approved command line runs as given in a visible VS Code terminal. A
// pseudoterminal owns the process, so output, exit code, timeout and Stop work without shell integration.
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import type { TerminalResult } from '../../tools';

/** `env` is the whole environment of the command (the host's, less the gateway keys' variables). */
export function runInVisibleTerminal(command: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number, maxOutputBytes: number, signal: AbortSignal): Promise<TerminalResult> {
  return new Promise((resolve) => {
    const write = new vscode.EventEmitter<string>();
    const close = new vscode.EventEmitter<number | void>();
    let output = '';
    let truncated = false;
    let timedOut = false;
    let settled = false;
    let child: ReturnType<typeof spawn> | undefined;
    const kill = () => {
      if (child?.pid) {
        try { process.kill(-child.pid, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
      }
    };
    const finish = (exitCode?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      write.fire(`\r\n\x1b[2m[${exitCode === undefined ? vscode.l10n.t('stopped') : vscode.l10n.t('exit code {0}', exitCode)}]\x1b[0m\r\n`);
      resolve({ exitCode, output, truncated, timedOut });
    };
    const onAbort = () => {
      kill();
      finish(undefined);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    const pty: vscode.Pseudoterminal = {
      onDidWrite: write.event,
      onDidClose: close.event,
      open: () => {
        write.fire(`\x1b[1m$ ${command}\x1b[0m\r\n`);
        // detached: the command gets its own process group, so a timeout or Stop ends all of it.
        child = spawn(command, { cwd, shell: true, detached: process.platform !== 'win32', env });
        const take = (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          write.fire(text.replace(/\r?\n/g, '\r\n'));
          if (output.length < maxOutputBytes) output += text.slice(0, maxOutputBytes - output.length);
          else truncated = true;
        };
        child.stdout?.on('data', take);
        child.stderr?.on('data', take);
        child.on('error', (e) => { output += String(e.message); finish(undefined); });
        child.on('close', (code) => finish(code ?? undefined));
      },
      close: () => kill(),
      handleInput: (data) => {
        if (data === '\x03') kill(); // Ctrl+C in the terminal stops the command too
      },
    };
    signal.addEventListener('abort', onAbort);
    const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Gateway Chat: {0}', command.slice(0, 40)), pty });
    terminal.show(true);
  });
}
