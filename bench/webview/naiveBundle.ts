// Builds a bench-only copy of the webview bundle whose markdown renderer is the naive baseline
// (naiveMarkdown.ts). It is written under .vscode-test/bench/ and copied over dist/webview.js of one
// bench installation only; the packaged .vsix and dist/ never contain it.
import esbuild from 'esbuild';
import path from 'node:path';
import { repoRoot } from '../../test/harness/paths';
import { benchDir } from './benchPaths';

export async function buildNaiveWebview(): Promise<string> {
  const outdir = path.join(benchDir, 'naive-webview');
  const naive = path.join(repoRoot, 'bench', 'webview', 'naiveMarkdown.ts');
  await esbuild.build({
    entryPoints: { webview: path.join(repoRoot, 'src', 'webview', 'main.ts') },
    outdir,
    bundle: true,
    minify: true, // as the shipped bundle is
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
    logLevel: 'warning',
    plugins: [{
      name: 'naive-markdown',
      setup(build) {
        // Only the message view's renderer is swapped; everything else is the real panel.
        build.onResolve({ filter: /^\.\.?\/markdown$/ }, (args) =>
          path.basename(args.importer) === 'messageView.ts' ? { path: naive } : undefined);
      },
    }],
  });
  return path.join(outdir, 'webview.js');
}
