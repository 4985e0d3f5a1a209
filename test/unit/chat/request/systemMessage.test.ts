// The one system message: what goes in it, in which order, in which role, and the chips it names.
import assert from 'node:assert/strict';
import { buildRequest } from '../../../../src/chat/request/buildRequest';
import { conversationFiles, placeSystemMessage, promptSources, systemMessage, type PlanInstructions } from '../../../../src/chat/request/systemMessage';
import type { RuleFile } from '../../../../src/chat/instructions/ruleFile';
import type { MessageRecord } from '../../../../src/shared/conversation';
import type { ModelSettings } from '../../../../src/shared/modelSettingsShape';

const user = (content: string, extra: Partial<MessageRecord> = {}): MessageRecord => ({ id: content, role: 'user', content, status: 'complete', createdAt: 0, ...extra });
const rule = (path: string, text: string, extra: Partial<RuleFile> = {}): RuleFile => ({ path, text, truncated: false, ...extra });
const folder = { name: 'app', root: '/work/app' };

describe('system message: one message, in a fixed order', () => {
  const instructions: PlanInstructions = {
    prompts: [{ origin: 'global', text: 'GLOBAL' }, { origin: 'model', text: 'MODEL' }],
    rules: [rule('AGENTS.md', 'AGENTS'), rule('.gateway-chat/rules/ts.md', 'TS ONLY', { applyTo: ['src/**/*.ts'], folder })],
  };

  it('prompts, then the conversation instructions, then the rules each headed by its path, then the tool note', () => {
    const history = [user('Hi', { attachments: [{ kind: 'file', label: 'a.ts', path: 'src/a.ts', text: 'x' }] })];
    const s = systemMessage({ instructions, conversation: '  CONVERSATION  ', toolNote: 'NOTE', history });
    assert.equal(s.text, [
      'GLOBAL', 'MODEL', 'Instructions for this conversation:\n\nCONVERSATION',
      'Rules from AGENTS.md:\n\nAGENTS', 'Rules from .gateway-chat/rules/ts.md:\n\nTS ONLY', 'NOTE',
    ].join('\n\n'));
    assert.deepEqual(s.sources, [
      { kind: 'prompt', origin: 'global', text: 'GLOBAL' },
      { kind: 'prompt', origin: 'model', text: 'MODEL' },
      { kind: 'prompt', origin: 'conversation', text: 'CONVERSATION' },
      { kind: 'rule', path: 'AGENTS.md' },
      { kind: 'rule', path: '.gateway-chat/rules/ts.md' },
    ]);
  });

  it('leaves out an applyTo rule no attached or edited file matches, and says nothing when there is nothing', () => {
    const s = systemMessage({ instructions, history: [user('Hi')] });
    assert.equal(s.text, 'GLOBAL\n\nMODEL\n\nRules from AGENTS.md:\n\nAGENTS');
    assert.deepEqual(systemMessage({ history: [user('Hi')] }), { sources: [] });
  });

  it('a rules file cut at 64 KB says so to the model and on its chip', () => {
    const s = systemMessage({ instructions: { prompts: [], rules: [rule('AGENTS.md', 'start', { truncated: true })] }, history: [] });
    assert.match(s.text!, /^Rules from AGENTS\.md:\n\nstart\n\n\[AGENTS\.md is longer than 64 KB: only its beginning is included\.\]$/);
    assert.deepEqual(s.sources, [{ kind: 'rule', path: 'AGENTS.md', truncated: true }]);
  });

  it('files the model edited count for applyTo; files it only read do not', () => {
    const done = (name: string, args: object) => ({ id: name, name, arguments: JSON.stringify(args), state: 'done' as const, path: (args as { path?: string; from?: string }).path ?? (args as { from?: string }).from });
    const answer: MessageRecord = {
      id: 'a', role: 'assistant', content: '', status: 'complete', createdAt: 0,
      toolCalls: [done('read_file', { path: 'docs/read.md' }), done('edit_file', { path: 'src/edited.ts' }), done('rename_file', { from: 'old.py', to: 'lib/new.py' })],
    };
    assert.deepEqual(conversationFiles([user('Hi'), answer]), ['src/edited.ts', 'old.py', 'lib/new.py']);
    const s = systemMessage({ instructions, history: [user('Hi'), answer] });
    assert.ok(s.sources.some((x) => x.kind === 'rule' && x.path === '.gateway-chat/rules/ts.md'));
  });
});

describe('system message: the prompt from settings', () => {
  const model = (s: ModelSettings) => promptSources('Be brief.', s);
  it('the global prompt alone; a model prompt replaces it by default or follows it with append', () => {
    assert.deepEqual(model({}), [{ origin: 'global', text: 'Be brief.' }]);
    assert.deepEqual(model({ systemPrompt: 'Use Chinese.' }), [{ origin: 'model', text: 'Use Chinese.' }]);
    assert.deepEqual(model({ systemPrompt: 'Use Chinese.', systemPromptMode: 'replace' }), [{ origin: 'model', text: 'Use Chinese.' }]);
    assert.deepEqual(model({ systemPrompt: 'Use Chinese.', systemPromptMode: 'append' }), [{ origin: 'global', text: 'Be brief.' }, { origin: 'model', text: 'Use Chinese.' }]);
    assert.deepEqual(promptSources('  ', { systemPrompt: ' ', systemPromptMode: 'append' }), []);
  });
});

describe('system message: the role the model takes', () => {
  const wire = [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'More' }];
  it('system and developer go first in their role', () => {
    assert.deepEqual(placeSystemMessage(wire, 'S'), [{ role: 'system', content: 'S' }, ...wire]);
    assert.deepEqual(placeSystemMessage(wire, 'S', 'developer'), [{ role: 'developer', content: 'S' }, ...wire]);
    assert.deepEqual(placeSystemMessage(wire, undefined, 'developer'), wire);
  });
  it('user: merged in front of the first user message (text or parts), or a leading user message', () => {
    assert.deepEqual(placeSystemMessage(wire, 'S', 'user'), [{ role: 'user', content: 'S\n\nHi' }, wire[1], wire[2]]);
    const parts = [{ role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } }] }];
    assert.deepEqual(placeSystemMessage(parts, 'S', 'user'), [{ role: 'user', content: [{ type: 'text', text: 'S' }, ...parts[0].content] }]);
    assert.deepEqual(placeSystemMessage([], 'S', 'user'), [{ role: 'user', content: 'S' }]);
  });
});

describe('the request builder carries the one system message and its sources', () => {
  const plan = (settings: ModelSettings) => ({
    modelId: 'm', settings, fixes: [], tools: { note: 'NOTE' },
    instructions: { prompts: promptSources('GLOBAL', settings), rules: [rule('AGENTS.md', 'AGENTS')] },
  });
  const history = [user('Hi', { attachments: [{ kind: 'selection', label: 'a.ts:1-2', path: 'src/a.ts', startLine: 1, endLine: 2, text: 'x' }] })];

  it('one system message first, then the history; chips for the prompts, the rule and the attachment', () => {
    const built = buildRequest({ history, instructions: 'CONV', plan: plan({ systemPrompt: 'MODEL', systemPromptMode: 'append' }) });
    const messages = built.request.messages;
    assert.equal(messages.filter((m) => m.role === 'system').length, 1);
    assert.deepEqual(messages[0], { role: 'system', content: 'GLOBAL\n\nMODEL\n\nInstructions for this conversation:\n\nCONV\n\nRules from AGENTS.md:\n\nAGENTS\n\nNOTE' });
    assert.equal(messages[1].role, 'user');
    assert.deepEqual(built.sources?.map((s) => s.kind === 'prompt' ? s.origin : s.kind === 'rule' ? s.path : s.label), ['global', 'model', 'conversation', 'AGENTS.md', 'a.ts:1-2']);
  });

  it('systemRole user: no system message, the text leads the first user message', () => {
    const built = buildRequest({ history, plan: plan({ systemRole: 'user' }) });
    assert.equal(built.request.messages.length, 1);
    assert.match(String(built.request.messages[0].content), /^GLOBAL\n\nRules from AGENTS\.md:\n\nAGENTS\n\nNOTE\n\nHi\n\nsrc\/a\.ts:1-2/);
  });
});
