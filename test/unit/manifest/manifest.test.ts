// The manifest as a listing and VS Code read it: every command titled and grouped, every setting
// described in both languages with a scope, every contributed id used by the code, every %key%
// translated, every walkthrough step completed by something the code really does.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sourceFiles } from '../arch/vscodeImports';
import { limits } from '../../../src/shared/modelSettingsShape';

const repo = path.resolve(__dirname, '..', '..', '..');
const readJson = (p: string) => JSON.parse(fs.readFileSync(path.join(repo, p), 'utf8'));
const manifest = readJson('package.json');
const nls: Record<string, Record<string, string>> = { en: readJson('package.nls.json'), 'zh-cn': readJson('package.nls.zh-cn.json') };
const contributes = manifest.contributes;
const source = sourceFiles(path.join(repo, 'src')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');

/** A quoted string literal in src/ (so a comment or a longer name does not count). */
const quotedInSource = (s: string) => ['\'', '"', '`'].some((q) => source.includes(`${q}${s}${q}`));
/** `%key%` placeholders with a non-empty text in both languages. */
const missingText = (value: unknown): string[] => {
  const key = typeof value === 'string' ? /^%([^%]+)%$/.exec(value)?.[1] : undefined;
  if (!key) return [`${JSON.stringify(value)} is not a %key%`];
  return Object.entries(nls).filter(([, t]) => !t[key]?.trim()).map(([lang]) => `${key} has no ${lang} text`);
};

describe('manifest', () => {
  it('every command has a translated title and a category', () => {
    assert.ok(contributes.commands.length >= 10);
    const problems = contributes.commands.flatMap((c: { command: string; title: unknown; category?: unknown }) => [
      ...missingText(c.title).map((p) => `${c.command}: ${p}`),
      ...(typeof c.category === 'string' && c.category ? [] : [`${c.command}: no category`]),
    ]);
    assert.deepEqual(problems, []);
  });

  it('every setting has a markdownDescription in both languages and a scope', () => {
    const settings = Object.entries<Record<string, unknown>>(contributes.configuration.properties);
    assert.ok(settings.length >= 10);
    const problems = settings.flatMap(([id, s]) => [
      ...missingText(s.markdownDescription).map((p) => `${id}: ${p}`),
      ...(typeof s.scope === 'string' ? [] : [`${id}: no scope`]),
    ]);
    assert.deepEqual(problems, []);
  });

  it('the settings schema says what the form enforces: at most 4 stop sequences', () => {
    const find = (v: unknown): Record<string, unknown> | undefined => {
      if (!v || typeof v !== 'object') return undefined;
      const o = v as Record<string, unknown>;
      if (o.stop && typeof o.stop === 'object' && Array.isArray((o.stop as { type?: unknown }).type)) return o.stop as Record<string, unknown>;
      for (const child of Object.values(o)) {
        const found = find(child);
        if (found) return found;
      }
      return undefined;
    };
    assert.equal(find(contributes.configuration)?.maxItems, limits.stopItems);
  });

  it('every contributed command, setting and view is referenced by the code', () => {
    const ids = [
      ...contributes.commands.map((c: { command: string }) => c.command),
      ...Object.values<{ id: string }[]>(contributes.views).flat().map((v) => v.id),
    ];
    const unused = ids.filter((id) => !quotedInSource(id));
    // Settings are read as `gatewayChat.<key>` or, through getConfiguration('gatewayChat'), as `<key>`.
    for (const id of Object.keys(contributes.configuration.properties)) {
      if (!quotedInSource(id) && !quotedInSource(id.replace(/^gatewayChat\./, ''))) unused.push(id);
    }
    assert.deepEqual(unused, []);
  });

  it('every %key% resolves in both nls files, and every nls key is used', () => {
    const text = fs.readFileSync(path.join(repo, 'package.json'), 'utf8');
    const keys = new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.ok(keys.size > 20);
    for (const [lang, t] of Object.entries(nls)) {
      assert.deepEqual([...keys].filter((k) => !t[k]?.trim()), [], `missing in ${lang}`);
      assert.deepEqual(Object.keys(t).filter((k) => !keys.has(k)), [], `unused in ${lang}`);
    }
  });

  it('the walkthrough: translated steps with media, each completed by a context key the code sets or a real command', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.ok(walkthrough, 'contributes.walkthroughs has one');
    assert.deepEqual(missingText(walkthrough.title), []);
    assert.equal(walkthrough.steps.length, 4);
    const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
    const problems: string[] = [];
    for (const step of walkthrough.steps) {
      problems.push(...[step.title, step.description, step.media?.altText].flatMap(missingText).map((p) => `${step.id}: ${p}`));
      const media = step.media?.svg ?? step.media?.image ?? step.media?.markdown;
      if (!media || !fs.existsSync(path.join(repo, media))) problems.push(`${step.id}: media ${media} does not exist`);
      if (!step.completionEvents?.length) problems.push(`${step.id}: no completion event (it would complete on a click)`);
      for (const event of step.completionEvents ?? []) {
        const [kind, what] = event.split(':');
        if (kind === 'onContext') {
          const step = /^gatewayChat\.walkthrough\.(\w+)$/.exec(what)?.[1];
          if (!step || !new RegExp(`completeStep\\('${step}'\\)`).test(source)) problems.push(`${event}: no code sets it`);
        } else if (kind === 'onCommand') {
          if (!commands.has(what)) problems.push(`${event}: not a contributed command`);
        } else problems.push(`${event}: not a real event`);
      }
      // Command links in the text must name real commands (views get their .focus command).
      for (const lang of Object.keys(nls)) {
        const text = nls[lang][/^%(.+)%$/.exec(step.description)?.[1] ?? ''] ?? '';
        for (const [, cmd] of text.matchAll(/\(command:([\w.]+)\)/g)) {
          const view = cmd.replace(/\.focus$/, '');
          if (!commands.has(cmd) && !Object.values<{ id: string }[]>(contributes.views).flat().some((v) => v.id === view)) problems.push(`${step.id} (${lang}): command:${cmd} does not exist`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('is ready for the Marketplace and Open VSX: a PNG icon of 128x128, a changelog, no placeholder repository', () => {
    const icon = fs.readFileSync(path.join(repo, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    assert.ok(fs.existsSync(path.join(repo, 'CHANGELOG.md')));
    // No public repository yet: none is claimed, and vsce is told so in the manifest (not by a flag).
    assert.equal(manifest.repository, undefined);
    assert.equal(manifest.vsce?.allowMissingRepository, true);
    assert.doesNotMatch(manifest.scripts.package, /--allow-missing-repository|--no-rewrite-relative-links|--baseImagesUrl/);
    // Without a repository vsce cannot rewrite relative links: the README must not rely on any.
    const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
    const relative = [...readme.matchAll(/\]\(([^)]+)\)|<img[^>]*src="([^"]+)"/g)].map((m) => m[1] ?? m[2]).filter((u) => !/^(https?:|#|mailto:)/.test(u));
    assert.deepEqual(relative, []);
  });
});
