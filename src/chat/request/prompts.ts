// Prompt templates for the editor commands: built-in ones, overrides from settings, and user
// templates as markdown files with {{selection}}, {{language}}, {{file}} and {{input}} placeholders.
import { splitFrontMatter } from '../instructions/frontMatter';

export type ActionKind = 'explain' | 'refactor' | 'fix' | 'document' | 'test';

export const actionKinds: ActionKind[] = ['explain', 'refactor', 'fix', 'document', 'test'];

/** Built-in instructions (model-facing); the selection goes along as an attachment. */
export const builtInPrompts: Record<ActionKind, string> = {
  explain: 'Explain what this {{language}} code from {{file}} does, step by step, and point out anything surprising.',
  refactor: 'Refactor this {{language}} code from {{file}} to be clearer and simpler without changing its behaviour. ' +
    'Answer with the complete replacement for the selected code in one fenced code block, then a short list of what changed.',
  fix: 'Fix the problems in this {{language}} code from {{file}}. ' +
    'Answer with the complete corrected replacement for the selected code in one fenced code block, then explain each fix briefly.',
  document: 'Add documentation comments to this {{language}} code from {{file}} in the idiomatic style for the language. ' +
    'Answer with the complete documented replacement for the selected code in one fenced code block and nothing else.',
  test: 'Write unit tests for this {{language}} code from {{file}}, using the test framework the project most likely uses. ' +
    'Answer with one complete test file in one fenced code block, then one line on how to run it.',
};

/** Actions whose answer replaces the selection through a diff. */
export const replacesSelection = (kind: ActionKind) => kind === 'refactor' || kind === 'fix' || kind === 'document';

export interface TemplateVars {
  selection?: string;
  language?: string;
  file?: string;
  input?: string;
}

export function fillTemplate(template: string, vars: TemplateVars): string {
  return template.replace(/\{\{\s*(selection|language|file|input)\s*\}\}/g, (_, name: keyof TemplateVars) => vars[name] ?? '');
}

export function usesPlaceholder(template: string, name: keyof TemplateVars): boolean {
  return new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`).test(template);
}

export interface UserTemplate {
  /** From the file name: `review.md` -> `review`. */
  id: string;
  title: string;
  description?: string;
  body: string;
}

/** A user template: optional `---` front matter with `title:` and `description:`, then the prompt. */
export function parseUserTemplate(fileName: string, text: string): UserTemplate {
  const id = fileName.replace(/\.md$/i, '');
  const { meta, body: text_ } = splitFrontMatter(text);
  const body = text_.trim();
  return { id, title: meta.title || id, ...(meta.description ? { description: meta.description } : {}), body };
}

/** The code a replacing action proposes: the longest fenced block, preferring the selection's language. */
export function extractCode(answer: string, language?: string): string | undefined {
  const blocks: { lang: string; code: string }[] = [];
  const fence = /^(`{3,}|~{3,})[ \t]*([^\n`]*)\n([\s\S]*?)\n\1[ \t]*$/gm;
  for (const m of answer.replace(/\r\n?/g, '\n').matchAll(fence)) blocks.push({ lang: m[2].trim().split(/\s+/)[0].toLowerCase(), code: m[3] });
  if (!blocks.length) return undefined;
  const wanted = language?.toLowerCase();
  const matching = blocks.filter((b) => wanted && (b.lang === wanted || aliases[b.lang] === wanted));
  const pool = matching.length ? matching : blocks;
  return pool.reduce((a, b) => (b.code.length > a.code.length ? b : a)).code;
}

const aliases: Record<string, string> = { ts: 'typescript', js: 'javascript', py: 'python', rs: 'rust', sh: 'shellscript', bash: 'shellscript', cs: 'csharp', 'c++': 'cpp', yml: 'yaml' };
