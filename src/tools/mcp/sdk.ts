// Loads the MCP SDK when the first server starts. esbuild maps `./sdkBundle` to dist/vendor/mcp-sdk.js
// (esbuild.js), so the extension's own bundle stays small and activation never pays for it.
export type McpSdk = typeof import('./sdkBundle');

let loaded: McpSdk | undefined;
export function loadMcpSdk(): McpSdk {
  return (loaded ??= require('./sdkBundle') as McpSdk);
}
