// The MCP chunk the .vsix ships (dist/vendor/mcp-sdk.js) validates a tool's structured output with
// the ajv chunk's ajv and ajv-formats (esbuild.js: mcpSharedVendors), not a copy of its own. Built
// here as the package builds it, then loaded as the extension loads it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import esbuild from 'esbuild';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
interface Validator { getValidator(schema: unknown): (data: unknown) => { valid: boolean; errorMessage?: string } }

describe('mcp: the bundled SDK shares the ajv chunk', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-chat-mcp-vendor-'));
  const loader = Module as unknown as { _load: Load };
  const original = loader._load;
  const requested: string[] = [];
  let validator: Validator;

  before(async () => {
    const { vendors } = require('../../../../esbuild.js') as { vendors: esbuild.BuildOptions };
    await esbuild.build({ ...vendors, outdir: dir, minify: true, sourcemap: false, logLevel: 'silent' });
    loader._load = function (request, parent, isMain) {
      requested.push(request);
      return original.call(this, request, parent, isMain);
    };
    const sdk = require(path.join(dir, 'mcp-sdk.js')) as { Client: new (info: object) => { _jsonSchemaValidator: Validator } };
    validator = new sdk.Client({ name: 'test', version: '0' })._jsonSchemaValidator;
  });
  after(() => {
    loader._load = original;
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries no ajv of its own and loads the ajv chunk for it', () => {
    const chunk = readFileSync(path.join(dir, 'mcp-sdk.js'), 'utf8');
    assert.ok(!chunk.includes('must have required property'), 'an ajv copy is inside mcp-sdk.js');
    assert.ok(requested.includes('./ajv.js'), `mcp-sdk.js loaded ${requested.join(', ')}`);
  });

  it('validates structured output, formats and format limits included', () => {
    const check = validator.getValidator({
      type: 'object',
      properties: { day: { type: 'string', format: 'date', formatMinimum: '2026-01-01' }, n: { type: 'integer' } },
      required: ['day'],
    });
    assert.equal(check({ day: '2026-12-05', n: 3 }).valid, true);
    assert.equal(check({ n: 3 }).valid, false);
    assert.equal(check({ day: 'tomorrow' }).valid, false, 'format: date');
    assert.equal(check({ day: '2025-12-05' }).valid, false, 'formatMinimum');
    assert.equal(check({ day: '2026-12-05', n: 1.5 }).valid, false);
  });
});
