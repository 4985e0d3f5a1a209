// Two bundles: the extension (Node, CommonJS, `vscode` left to the host) and the webview (browser IIFE).
// usage: node esbuild.js [--watch] [--production]
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

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
// activation time (bench/footprint.ts). Each vendor chunk holds only what src/ uses:
// - undici: `request` and the three dispatchers src/llm uses (its index pulls in fetch, websockets,
//   caches and mocks, 535 KB), less the modules in `leftOut` below.
// - ajv: one copy of ajv's core behind its three draft classes (three separate bundles were 390 KB).
const vendorSources = {
  // `request(url, opts)` as undici's index makes it, for the one case src/llm/http.ts has: a string
  // URL and its own dispatcher. The dispatchers call each other's API methods (ProxyAgent opens its
  // tunnel with `connect`), which undici's index puts on Dispatcher.prototype: those two go there too.
  undici: `const apiRequest = require('undici/lib/api/api-request.js');
  Object.assign(require('undici/lib/dispatcher/dispatcher.js').prototype, { request: apiRequest, connect: require('undici/lib/api/api-connect.js') });
  module.exports = {
    request(url, opts) {
      const u = new URL(url);
      return apiRequest.call(opts.dispatcher, { ...opts, origin: u.origin, path: u.pathname + u.search, method: opts.method || 'GET' });
    },
    Agent: require('undici/lib/dispatcher/agent.js'),
    ProxyAgent: require('undici/lib/dispatcher/proxy-agent.js'),
    EnvHttpProxyAgent: require('undici/lib/dispatcher/env-http-proxy-agent.js'),
  };`,
  // ajv-formats rides along for the MCP chunk (below): in the same chunk as ajv's core, so the two
  // share ajv's codegen classes (ajv-formats' keywords are checked with instanceof against them).
  ajv: `module.exports = { Ajv: require('ajv').default, Ajv2019: require('ajv/dist/2019').default, Ajv2020: require('ajv/dist/2020').default, addFormats: require('ajv-formats').default };`,
  // Token counting for the context window (src/chat/context/tokens.ts), loaded on the first count.
  tokenizer: `module.exports = require('gpt-tokenizer/encoding/p50k_base');`,
};
// undici modules the client never reaches, replaced by stubs that say so if it ever did: the SIMD
// llhttp build (undici falls back to the portable one when it throws), HTTP/2 (only used when asked
// for with allowH2) and the fetch body code (only for FormData and Blob bodies; the client sends
// strings). About 120 KB of the chunk. SOCKS proxies (socks5:// in http.proxy) stay.
const leftOut = {
  'llhttp_simd-wasm': `throw new Error('not bundled: undici uses its portable llhttp build');`,
  'client-h2': `module.exports = () => { throw new Error('not bundled: Gateway Chat speaks HTTP/1.1'); };`,
  'web/fetch/body': `module.exports = { extractBody() { throw new Error('not bundled: the client sends text bodies only'); } };`,
};
const leftOutPattern = /(?:^|\/)(llhttp_simd-wasm|client-h2|web\/fetch\/body)(?:\.js)?$/;

// What `require(...)` in src/ turns into in dist/extension.js: a call into the vendor chunk.
const vendorShims = {
  undici: `module.exports = require('./vendor/undici.js');`,
  ajv: `module.exports = { default: require('./vendor/ajv.js').Ajv };`,
  'ajv/dist/2019': `module.exports = { default: require('./vendor/ajv.js').Ajv2019 };`,
  'ajv/dist/2020': `module.exports = { default: require('./vendor/ajv.js').Ajv2020 };`,
  'gpt-tokenizer/encoding/p50k_base': `module.exports = require('./vendor/tokenizer.js');`,
};
// The MCP SDK validates tool output with its own ajv and ajv-formats: inside the mcp-sdk chunk they
// are the ajv chunk's (another copy of ajv was 130 KB of the .vsix). Each export is the package's
// own module.exports (a function that is also its own `default`), so both CommonJS and ESM imports work.
const mcpSharedVendors = {
  ajv: `module.exports = require('./ajv.js').Ajv;`,
  'ajv-formats': `module.exports = require('./ajv.js').addFormats;`,
};
const shimmed = new RegExp(`^(${Object.keys(vendorShims).map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`);

const extension = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', './vendor/*'],
  plugins: [{
    name: 'lazy-vendors',
    setup(build) {
      build.onResolve({ filter: shimmed }, (args) => ({ path: args.path, namespace: 'vendor-shim' }));
      // Every \`import * as vscode\` of a CommonJS module becomes its own copy of the whole API (a getter
      // per export, forty times over: 7 ms of activation). One module re-exports it once for all.
      build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
      build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
      build.onResolve({ filter: /^\.\/sdkBundle$/ }, () => ({ path: './vendor/mcp-sdk.js', external: true }));
      // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow: bundle its ESM build.
      build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: require.resolve('jsonc-parser/lib/esm/main.js') }));
      build.onLoad({ filter: /.*/, namespace: 'vendor-shim' }, (args) => ({ contents: vendorShims[args.path], loader: 'js' }));
    },
  }],
};

const vendors = {
  ...common,
  entryPoints: [
    ...Object.keys(vendorSources).map((name) => ({ in: `vendor:${name}`, out: name })),
    // The MCP client (src/tools/mcp/sdk.ts requires it when the first server starts).
    { in: 'src/tools/mcp/sdkBundle.ts', out: 'mcp-sdk' },
  ],
  outdir: 'dist/vendor',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  plugins: [{
    name: 'vendor-entries',
    setup(build) {
      build.onResolve({ filter: /^vendor:/ }, (args) => ({ path: args.path.slice('vendor:'.length), namespace: 'vendor-entry' }));
      build.onLoad({ filter: /.*/, namespace: 'vendor-entry' }, (args) => ({ contents: vendorSources[args.path], loader: 'js', resolveDir: __dirname }));
      build.onResolve({ filter: /^ajv(-formats)?$/ }, (args) => (/@modelcontextprotocol[\\/]sdk/.test(args.importer)
        ? { path: args.path, namespace: 'mcp-shared' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'mcp-shared' }, (args) => ({ contents: mcpSharedVendors[args.path], loader: 'js' }));
      build.onResolve({ filter: /^\.\/ajv\.js$/ }, (args) => (args.namespace === 'mcp-shared' ? { path: './ajv.js', external: true } : undefined));
      build.onResolve({ filter: leftOutPattern }, (args) => ({ path: leftOutPattern.exec(args.path)[1], namespace: 'left-out' }));
      build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({ contents: leftOut[args.path], loader: 'js' }));
    },
  }],
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
  plugins: [{
    // The codicons stylesheet and font with the icons the panel uses only (build/codiconSubset.js).
    name: 'codicon-subset',
    setup(build) {
      build.onResolve({ filter: /^@vscode\/codicons\/dist\/codicon\.css$/ }, (args) => ({ path: args.path, namespace: 'codicon-subset' }));
      build.onLoad({ filter: /.*/, namespace: 'codicon-subset' }, async () => {
        const { codiconSubset } = require('./build/codiconSubset');
        const webviewDir = path.join(__dirname, 'src', 'webview');
        const { css, font } = await codiconSubset(webviewDir, './codicon.ttf');
        const dir = path.join(__dirname, 'node_modules', '.cache', 'codicon-subset');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'codicon.ttf'), font);
        return { contents: css, loader: 'css', resolveDir: dir, watchDirs: [webviewDir] };
      });
    },
  }],
};

async function main() {
  // A one-shot build starts from an empty dist/: a chunk renamed or dropped must not ride on in the .vsix.
  if (!watch) fs.rmSync('dist', { recursive: true, force: true });
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

// Tests build the vendor chunks on their own (test/unit/llm/vendorBundle.test.ts).
module.exports = { vendors, extension };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
