import assert from 'node:assert/strict';
import { defaultRegistry, ToolRegistry, BUILTIN_TOOLS } from '../../../src/tools/registry';

const ALL = ['read_file', 'list_directory', 'find_files', 'search_text', 'get_diagnostics', 'get_selection', 'get_open_editors', 'create_file', 'edit_file', 'rename_file', 'delete_file', 'run_in_terminal'];

describe('tools: registry', () => {
  it('exports every tool as an OpenAI tool definition and as a legacy function', () => {
    const defs = defaultRegistry().toolDefinitions();
    assert.deepEqual(defs.map((d) => d.function.name), ALL);
    for (const d of defs) {
      assert.equal(d.type, 'function');
      assert.ok((d.function.description ?? '').length > 20, d.function.name);
      const p = d.function.parameters as { type: string; additionalProperties: boolean };
      assert.deepEqual([p.type, p.additionalProperties], ['object', false], d.function.name);
    }
    assert.deepEqual(defaultRegistry().legacyFunctions().map((f) => f.name), ALL);
    assert.deepEqual(JSON.parse(JSON.stringify(defs)), defs, 'definitions are plain JSON');
  });

  it('marks exactly the reading tools read-only', () => {
    assert.deepEqual(BUILTIN_TOOLS.filter((t) => !t.readOnly).map((t) => t.name), ['create_file', 'edit_file', 'rename_file', 'delete_file', 'run_in_terminal']);
  });

  it('compiles each schema once and reports every problem', () => {
    const reg = defaultRegistry();
    assert.equal(reg, defaultRegistry());
    assert.equal(reg.get('edit_file')!.validate, reg.get('edit_file')!.validate);
    const v = reg.get('read_file')!.validate({ start_line: 'x', extra: 1 });
    assert.deepEqual(v, { ok: false, message: 'missing required argument "path"; unexpected argument "extra"; start_line must be integer' });
    assert.deepEqual(reg.get('read_file')!.validate({ path: 'a' }), { ok: true });
  });

  it('refuses two tools with the same name', () => {
    assert.throws(() => new ToolRegistry([BUILTIN_TOOLS[0], BUILTIN_TOOLS[0]]), /duplicate tool read_file/);
  });
});
