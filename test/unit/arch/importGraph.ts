// Which of our own files each source file imports (type-only imports included: a layer that names
// another's types depends on it too), and the imports that break the layer rule of DESIGN.md:
// webview -> shared; host -> chat -> (llm, tools) -> shared; llm imports nothing of ours but shared;
// other layers reach llm only through src/llm/index.ts.
import fs from 'node:fs';
import path from 'node:path';
import { sourceFiles } from './vscodeImports';

/** What each layer may import besides itself. */
const allowed: Record<string, string[]> = {
  shared: [],
  llm: ['shared'],
  tools: ['llm', 'shared'],
  chat: ['llm', 'tools', 'shared'],
  host: ['chat', 'llm', 'tools', 'shared'],
  webview: ['shared'],
  'extension.ts': ['host'],
};

const importPattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|require\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function layerOf(rel: string): string {
  const [, first] = rel.split('/');
  return first;
}

function resolve(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return base;
}

/** `file -> imported file: why it is not allowed`, for every import under `root/src` that breaks the rule. */
export function layerViolations(root: string): string[] {
  const src = path.join(root, 'src');
  const out: string[] = [];
  for (const file of sourceFiles(src)) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const from = layerOf(rel);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(importPattern)) {
      const target = path.relative(root, resolve(file, m[1] ?? m[2] ?? m[3])).split(path.sep).join('/');
      if (!target.startsWith('src/')) continue;
      const to = layerOf(target);
      if (to === from) continue;
      if (!(allowed[from] ?? []).includes(to)) out.push(`${rel} -> ${target}: ${from} may not import ${to}`);
      else if (to === 'llm' && target !== 'src/llm/index.ts') out.push(`${rel} -> ${target}: other layers use src/llm/index.ts`);
    }
  }
  return out.sort();
}
