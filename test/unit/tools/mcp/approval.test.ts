import assert from 'node:assert/strict';
import { approvalView } from '../../../../src/chat/turn/toolRunner';
import { wireMessages } from '../../../../src/chat/request/packaging';
import { executeToolCalls } from '../../../../src/tools/executor';
import { defaultRegistry } from '../../../../src/tools/registry';
import type { Tool, ToolOrigin } from '../../../../src/tools/types';
import type { ApprovalRequest } from '../../../../src/tools/approval';
import { call, FakeWorkspacePort, tempDir } from '../fakePort';

function external(name: string, origin: ToolOrigin, preApproved = false): Tool & { runs: number } {
  const tool = {
    name, description: 'd', parameters: { type: 'object', properties: { q: { type: 'string' } } }, readOnly: false, origin, preApproved, runs: 0,
    async prepare() {
      return { paths: [], preview: { kind: 'external' as const, origin, server: 'srv', tool: 'raw' }, run: async () => { tool.runs++; return { content: 'ok', images: [{ mimeType: 'image/png', data: 'AAAA' }] }; } };
    },
  };
  return tool;
}

async function runAll(tools: Tool[], names: string[], allowed = new Set<string>(), answer: { approved: boolean; allowForConversation?: boolean } = { approved: true }) {
  const asked: ApprovalRequest[] = [];
  const results = await executeToolCalls(names.map((n, i) => call(n, { q: 'x' }, { id: `c${i}` })), {
    port: new FakeWorkspacePort(tempDir('mcp-approval-')), allowedTools: allowed, registry: defaultRegistry().withTools(tools),
    requestApproval: async (r) => { asked.push(r); return answer.approved ? { approved: true, allowForConversation: answer.allowForConversation } : { approved: false }; },
  });
  return { results, asked };
}

describe('mcp: approval rules for external tools', () => {
  it('asks before every call of an MCP or extension tool, even a second time', async () => {
    const mcp = external('srv__raw', 'mcp');
    const ext = external('ext_tool', 'extension');
    const { asked, results } = await runAll([mcp, ext], ['srv__raw', 'srv__raw', 'ext_tool']);
    assert.deepEqual(asked.map((a) => [a.toolName, a.reasons, a.canAllowForConversation]), [['srv__raw', ['external'], true], ['srv__raw', ['external'], true], ['ext_tool', ['external'], true]]);
    assert.deepEqual(results.map((r) => r.state), ['done', 'done', 'done']);
    assert.equal(mcp.runs, 2);
  });

  it('"allow for this conversation" lets that one tool run without asking again', async () => {
    const a = external('srv__a', 'mcp');
    const b = external('srv__b', 'mcp');
    const allowed = new Set<string>();
    const first = await runAll([a, b], ['srv__a'], allowed, { approved: true, allowForConversation: true });
    assert.equal(first.asked.length, 1);
    const later = await runAll([a, b], ['srv__a', 'srv__b'], allowed);
    assert.deepEqual(later.asked.map((x) => x.toolName), ['srv__b']);
  });

  it('runs a tool the user\'s settings allow (alwaysAllow) without asking; a rejection runs nothing', async () => {
    const pre = external('srv__pre', 'mcp', true);
    assert.equal((await runAll([pre], ['srv__pre'])).asked.length, 0);
    const other = external('srv__other', 'mcp');
    const { results } = await runAll([other], ['srv__other'], new Set(), { approved: false });
    assert.equal(results[0].state, 'rejected');
    assert.equal(other.runs, 0);
  });

  it('shows the server, the tool and the arguments in the transcript while it waits', async () => {
    const { asked } = await runAll([external('srv__raw', 'mcp')], ['srv__raw']);
    assert.deepEqual(approvalView(asked[0]), {
      toolName: 'srv__raw', sensitive: false, canAllowForConversation: true,
      kind: 'external', summary: 'srv', tool: 'raw', origin: 'mcp', args: '{\n  "q": "x"\n}',
    });
  });

  it('an external tool cannot take a built-in tool\'s name', () => {
    const rejected: string[] = [];
    const reg = defaultRegistry().withTools([external('read_file', 'mcp')], (t, why) => rejected.push(`${t.name}: ${why}`));
    assert.equal(reg.get('read_file')!.tool.origin, undefined);
    assert.deepEqual(rejected, ['read_file: another tool is already called read_file']);
  });

  it('sends a tool\'s images to the model after the results, as a user message', () => {
    const wire = wireMessages([{ id: 'a', role: 'assistant', content: '', status: 'complete', createdAt: 0, toolCalls: [
      { id: 'c1', name: 'srv__img', arguments: '{}', state: 'done', result: '[image 1: image/png, 3 bytes]', images: ['data:image/png;base64,AAAA'] },
    ] }]);
    assert.deepEqual(wire.map((m) => m.role), ['assistant', 'tool', 'user']);
    assert.deepEqual(wire[2].content, [
      { type: 'text', text: 'Images returned by the tool call c1 (srv__img):' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
    ]);
  });
});
