// Two bundles: the extension (Node, CommonJS, `vscode` left to the host) and the webview (browser IIFE).
// usage: node esbuild.js [--watch] [--production]
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: production ? 'none' : 'inline',
};

// Dependencies needed only once the extension talks to a gateway or checks a schema, bundled apart
// in dist/vendor/ and required on first use: loading them with the extension was most of its
// activation time (bench/footprint.ts).
const lazyVendors = {
  undici: 'undici', ajv: 'ajv', 'ajv/dist/2019': 'ajv-2019', 'ajv/dist/2020': 'ajv-2020',
  // Token counting for the context window (src/chat/context/tokens.ts), loaded on the first count.
  'gpt-tokenizer/encoding/p50k_base': 'tokenizer',
};

const extension = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  plugins: [{
    name: 'lazy-vendors',
    setup(build) {
      const names = Object.keys(lazyVendors).map((m) => m.replace(/[/.]/g, '\\$&')).join('|');
      build.onResolve({ filter: new RegExp(`^(${names})$`) }, (args) => ({ path: `./vendor/${lazyVendors[args.path]}.js`, external: true }));
      build.onResolve({ filter: /^\.\/sdkBundle$/ }, () => ({ path: './vendor/mcp-sdk.js', external: true }));
      // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow: bundle its ESM build.
      build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: require.resolve('jsonc-parser/lib/esm/main.js') }));
    },
  }],
};

const vendors = {
  ...common,
  entryPoints: {
    ...Object.fromEntries(Object.entries(lazyVendors).map(([module, name]) => [name, require.resolve(module)])),
    // The MCP client (src/tools/mcp/sdk.ts requires it when the first server starts).
    'mcp-sdk': 'src/tools/mcp/sdkBundle.ts',
  },
  outdir: 'dist/vendor',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
};

const webview = {
  ...common,
  entryPoints: { webview: 'src/webview/main.ts' },
  outdir: 'dist',
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  loader: { '.ttf': 'file' },
  assetNames: '[name]',
};

async function main() {
  const contexts = await Promise.all([esbuild.context(extension), esbuild.context(vendors), esbuild.context(webview)]);
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
