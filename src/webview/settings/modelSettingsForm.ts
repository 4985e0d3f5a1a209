// The per-model settings form (the gear by the model picker): every request setting of the current
// model, empty meaning not sent. What glob entries contribute is shown read-only beside each field.
import { entryFromForm, formFromEntry, selectOptions, type FieldError, type FormValues } from '../../shared/modelSettingsForm';
import { formKeys, formParams, isRecord, type ModelSettings } from '../../shared/modelSettingsShape';
import type { HostToWebview } from '../../shared/protocol';
import { el, iconButton, textButton } from '../dom';
import { t, tAny } from '../i18n';
import { send } from '../vscodeApi';

type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type SettingsView = Extract<HostToWebview, { type: 'modelSettings' }>;

export class ModelSettingsForm {
  readonly root: HTMLElement;
  private readonly inputs = new Map<string, Input>();
  private readonly errors = new Map<string, HTMLElement>();
  private readonly notes = new Map<string, HTMLElement>();
  private readonly heading = el('h2');
  private readonly kept = el('p', { className: 'muted', testId: 'settings-kept', hidden: true });
  private readonly status = el('div', { className: 'settings-status', testId: 'settings-status', attrs: { role: 'status' } });
  private readonly saveButton = textButton(t('Save'), 'settings-save', () => this.save(), 'primary');
  private model = '';

  constructor() {
    const number = (name: string, label = name) => this.field(name, label, this.input(name, el('input', { type: 'text', attrs: { inputmode: 'decimal' } })));
    const text = (name: string, label: string, placeholder = '') => this.field(name, label, this.input(name, el('input', { type: 'text', placeholder })));
    const area = (name: string, label: string, placeholder: string) => this.field(name, label, this.input(name, el('textarea', { rows: 3, placeholder })));
    const select = (name: keyof typeof selectOptions, label: string) => this.field(name, label, this.input(name, this.select(name)));
    const group = (title: string, ...fields: HTMLElement[]) => el('fieldset', { className: 'settings-group' }, el('legend', { textContent: title }), ...fields);
    this.root = el('section', { className: 'model-settings', testId: 'model-settings-form', hidden: true, attrs: { 'aria-label': t('Model settings') } },
      el('div', { className: 'settings-bar' }, this.heading, iconButton(t('Close'), 'close', 'settings-close', () => this.close())),
      el('p', { className: 'muted', textContent: t('Empty means not set: the parameter is not sent.') }),
      group(t('Sampling'),
        ...['temperature', 'top_p', 'top_k', 'min_p', 'max_tokens', 'max_completion_tokens'].map((n) => number(n)),
        area('stop', 'stop', t('One exact string per line (at most 4); \\n is a line break, \\t a tab, \\\\ a backslash')),
        ...['presence_penalty', 'frequency_penalty', 'repetition_penalty', 'seed'].map((n) => number(n)),
        area('logit_bias', 'logit_bias', '{"50256": -100}'),
        text('user', 'user')),
      group(t('Streaming and reasoning'),
        select('stream', t('Streaming')),
        select('reasoning_effort', 'reasoning_effort'),
        select('enable_thinking', 'enable_thinking'),
        select('enable_thinking_in', t('Send enable_thinking as')),
        select('separate_reasoning', 'separate_reasoning')),
      group(t('Request body'),
        area('extra-body', t('Extra body (JSON object, merged into the request)'), '{"extra_body": {"top_k": 20}}'),
        text('omit', t('Fields to remove (comma separated)'), 'stream_options, parallel_tool_calls')),
      group(t('Capabilities'),
        select('capability-tools', t('Tools')),
        select('capability-vision', t('Vision (images in)')),
        select('capability-reasoning', t('Reasoning')),
        select('capability-json', t('JSON mode')),
        select('capability-files', t('Files (PDF and other documents in)')),
        select('capability-audio', t('Audio in (wav, mp3)'))),
      group(t('Tools'),
        select('tool-format', t('Tool call format')),
        select('tool_choice', 'tool_choice'),
        text('tool-choice-name', t('Tool to call (with tool_choice "named")'), 'read_file'),
        select('parallel_tool_calls', 'parallel_tool_calls'),
        select('strict-tools', t('Strict schemas (function.strict, for tools whose schema allows it)'))),
      group(t('Audio answers'),
        text('audio-voice', t('Voice (empty: answers in text only)'), 'alloy'),
        select('audio-format', t('Audio format'))),
      group(t('System prompt'),
        area('system-prompt', t('System prompt for this model (markdown)'), t('Empty: gatewayChat.systemPrompt')),
        select('system-prompt-mode', t('With the global system prompt')),
        select('system-role', t('Send the system message as'))),
      group(t('Wire format and prompt cache'),
        select('api', t('API (chat = /chat/completions, responses = /responses, anthropic = /messages)')),
        select('prompt-cache', t('Prompt cache (default: on for claude models)'))),
      group(t('Prices per million tokens'),
        number('price-input', t('Input')), number('price-cached', t('Cached input')), number('price-cache-write', t('Cache write')), number('price-output', t('Output')),
        text('currency', t('Currency symbol'), '$')),
      group(t('Context'),
        number('context-window', t('Context window (tokens), when the gateway does not say'))),
      this.kept,
      el('div', { className: 'setup-actions' }, this.saveButton, this.status));
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  /** Opens the form; the host answers with the current model's settings. */
  open(): void {
    this.root.hidden = false;
    this.status.textContent = '';
    send({ type: 'openModelSettings' });
  }

  /** The picker's model changed: an open form shows that model's settings instead. */
  follow(model: string): void {
    if (this.isOpen && model !== this.model) this.open();
  }

  close(): void {
    this.root.hidden = true;
  }

  show(view: SettingsView): void {
    this.model = view.model;
    this.heading.textContent = view.model ? t('Settings for {0}', view.model) : t('Choose a model first.');
    this.saveButton.disabled = !view.model;
    const values = formFromEntry(view.entry);
    for (const [name, input] of this.inputs) {
      if (input instanceof HTMLSelectElement && values[name] && ![...input.options].some((o) => o.value === values[name])) {
        input.append(el('option', { value: values[name], textContent: values[name] }));
      }
      input.value = values[name] ?? '';
    }
    this.showInherited(view.inherited);
    this.showKept(view.entry);
    this.showErrors({});
    this.status.textContent = view.saved ? t('Saved to your user settings.') : '';
  }

  private save(): void {
    const values: FormValues = {};
    for (const [name, input] of this.inputs) values[name] = input.value;
    const result = entryFromForm(values);
    if (!result.ok) {
      this.showErrors(result.errors);
      this.status.textContent = t('Nothing was saved: fix the marked fields.');
      return;
    }
    this.showErrors({});
    this.status.textContent = t('Saving...');
    send({ type: 'saveModelSettings', model: this.model, settings: result.settings });
  }

  private showErrors(errors: Record<string, FieldError>): void {
    for (const [name, box] of this.errors) {
      const e = errors[name];
      box.hidden = !e;
      box.textContent = e ? tAny(e.text, ...('args' in e ? e.args : [])) : '';
      this.inputs.get(name)?.setAttribute('aria-invalid', String(!!e));
    }
  }

  /** Each field a glob sets and this model's own entry does not: the glob's value as a placeholder and a note. */
  private showInherited(inherited: SettingsView['inherited']): void {
    const from = new Map<string, { value: string; source: string }>();
    for (const { source, settings } of inherited) {
      for (const [name, value] of Object.entries(formFromEntry(settings))) {
        if (value && !(name === 'enable_thinking_in' && value === 'top')) from.set(name, { value, source });
      }
    }
    for (const [name, note] of this.notes) {
      const got = from.get(name);
      const input = this.inputs.get(name);
      note.hidden = !got;
      note.textContent = got ? t('inherited from {0}: {1}', got.source, got.value) : '';
      if (input && !(input instanceof HTMLSelectElement)) input.placeholder = got?.value ?? input.dataset.placeholder ?? '';
    }
  }

  /** Keys of the entry the form does not edit: saving keeps them. */
  private showKept(entry: ModelSettings): void {
    const params = isRecord(entry.params) ? Object.keys(entry.params).filter((k) => !formParams.includes(k)) : [];
    const top = Object.keys(entry).filter((k) => !(formKeys as readonly string[]).includes(k));
    const keys = [...params.map((k) => `params.${k}`), ...top];
    this.kept.hidden = !keys.length;
    this.kept.textContent = keys.length ? t('Also in settings.json, kept as it is: {0}', keys.join(', ')) : '';
  }

  private input<T extends Input>(name: string, input: T): T {
    input.setAttribute('data-testid', `setting-${name}`);
    input.name = name;
    if (!(input instanceof HTMLSelectElement)) input.dataset.placeholder = input.placeholder;
    this.inputs.set(name, input);
    return input;
  }

  private select(name: keyof typeof selectOptions): HTMLSelectElement {
    const label = (v: string) => ({
      '': t('Not set'), on: t('On'), off: t('Off'), top: 'enable_thinking', extra_body: 'extra_body.enable_thinking',
      replace: t('Replace it'), append: t('Append to it'), named: t('A named tool'),
    } as Record<string, string>)[v] ?? v;
    return el('select', {}, ...selectOptions[name].map((v) => el('option', { value: v, textContent: label(v) })));
  }

  /** A label that is the wire name itself (`temperature`) is shown as code: that is how gateways document it. */
  private field(name: string, label: string, input: Input): HTMLElement {
    const note = el('span', { className: 'muted setting-inherited', testId: 'setting-inherited', hidden: true });
    const error = el('span', { className: 'field-error', testId: 'setting-error', data: { field: name }, hidden: true, attrs: { role: 'alert' } });
    this.notes.set(name, note);
    this.errors.set(name, error);
    return el('label', { className: 'field' }, el('span', { className: label === name ? 'field-label wire-name' : 'field-label', textContent: label }), input, note, error);
  }
}
