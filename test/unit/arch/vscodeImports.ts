// Which source files import `vscode` at runtime. esbuild decides what survives compilation (type-only
// imports vanish), so a file that merely names vscode types is not flagged and a real import is.
import fs from 'node:fs';
import path from 'node:path';
import esbuild from 'esbuild';

export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

export async function runtimeVscodeImporters(root: string, files: string[]): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: files, bundle: true, write: false, metafile: true, outdir: path.join(root, '.layer-check'),
    platform: 'node', format: 'esm', external: ['vscode'], logLevel: 'silent', absWorkingDir: root,
    // Dependencies are irrelevant here and may be browser-only; only our own files are inspected.
    plugins: [{ name: 'externals', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (a) => ({ path: a.path, external: true })) }],
  });
  return Object.entries(result.metafile.inputs)
    .filter(([, input]) => input.imports.some((i) => i.path === 'vscode' && i.external))
    .map(([file]) => file.split(path.sep).join('/'))
    .sort();
}

export function allowedToImportVscode(relPath: string): boolean {
  return relPath.startsWith('src/host/') || relPath === 'src/extension.ts';
}
