import assert from 'node:assert/strict';
import { MAX_TOOL_NAME, mcpToolName, uniqueName } from '../../../../src/tools/mcp/naming';

const API_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

describe('mcp: tool names', () => {
  it('is <server>__<tool> with anything outside the API\'s charset made _', () => {
    assert.equal(mcpToolName('everything', 'echo'), 'everything__echo');
    assert.equal(mcpToolName('my server', 'get.file/v2'), 'my_server__get_file_v2');
    assert.equal(mcpToolName('文件', 'read'), '____read');
    assert.equal(mcpToolName('', ''), 'server__tool');
  });

  it('stays within 64 characters, and two long names that share a start stay apart', () => {
    const a = mcpToolName('a-very-long-server-name-for-testing', 'an_even_longer_tool_name_that_goes_past_the_limit_one');
    const b = mcpToolName('a-very-long-server-name-for-testing', 'an_even_longer_tool_name_that_goes_past_the_limit_two');
    for (const n of [a, b]) {
      assert.equal(n.length, MAX_TOOL_NAME);
      assert.match(n, API_NAME);
      assert.ok(n.startsWith('a-very-long-server-name-for-testing__an_even'));
    }
    assert.notEqual(a, b);
  });

  it('numbers a name that is already taken, still within the limit', () => {
    assert.equal(uniqueName('s__t', new Set()), 's__t');
    assert.equal(uniqueName('s__t', new Set(['s__t'])), 's__t_2');
    assert.equal(uniqueName('s__t', new Set(['s__t', 's__t_2'])), 's__t_3');
    const long = 'x'.repeat(64);
    const next = uniqueName(long, new Set([long]));
    assert.equal(next.length, 64);
    assert.ok(next.endsWith('_2'));
  });
});
