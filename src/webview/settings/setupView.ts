// First run: name, base URL (the final URL previewed as typed), headers, the key through the
// host's password box (the webview never sees a key), and Test connection.
import type { EndpointDraft, EndpointSummary } from '../../shared/protocol';
import { chatCompletionsUrl } from '../../shared/gatewayUrl';
import { defaultTimeouts, maxTimeoutMs } from '../../shared/endpointTimeouts';
import { el, textButton } from '../dom';
import { t } from '../i18n';
import { send } from '../vscodeApi';

export class SetupView {
  readonly root: HTMLElement;
  private readonly name = el('input', { type: 'text', testId: 'setup-name', value: 'My gateway' });
  private readonly id = el('input', { type: 'text', testId: 'setup-id', value: 'relay' });
  private readonly baseUrl = el('input', { type: 'url', testId: 'setup-base-url', placeholder: 'https://api.example.com/v1' });
  private readonly headers = el('textarea', { testId: 'setup-headers', rows: 2, placeholder: 'X-Org-Id: 123' });
  private readonly preview = el('code', { testId: 'setup-url-preview' });
  // Seconds in the form, ms in settings; empty means the default.
  private readonly timeout = el('input', { type: 'text', testId: 'setup-timeout', placeholder: String(defaultTimeouts.timeoutMs / 1000), attrs: { inputmode: 'numeric' } });
  private readonly idleTimeout = el('input', { type: 'text', testId: 'setup-idle-timeout', placeholder: String(defaultTimeouts.idleTimeoutMs / 1000), attrs: { inputmode: 'numeric' } });
  private readonly result = el('div', { className: 'setup-result', testId: 'setup-result', attrs: { role: 'status' } });
  private readonly keyState = el('span', { className: 'muted', testId: 'setup-key-state' });
  private endpoints: EndpointSummary[] = [];

  constructor() {
    const field = (label: string, input: HTMLElement) => el('label', { className: 'field' }, el('span', { textContent: label }), input);
    this.root = el('section', { className: 'setup', testId: 'setup', hidden: true },
      el('h2', { textContent: t('Connect a gateway') }),
      el('p', { className: 'muted', textContent: t('Any OpenAI-compatible gateway: one URL, one key, many models.') }),
      field(t('Name'), this.name),
      field(t('Id (used in model names, no "/")'), this.id),
      field(t('Base URL'), this.baseUrl),
      el('div', { className: 'muted' }, t('Requests go to'), ' ', this.preview),
      field(t('Extra headers (one "Name: value" per line, optional)'), this.headers),
      // Folded: the defaults suit almost everyone, and the first-run form stays short.
      el('details', { className: 'setup-timeouts', testId: 'setup-timeouts' },
        el('summary', { textContent: t('Timeouts (optional)') }),
        field(t('Wait for the answer to start, seconds (0: no limit)'), this.timeout),
        field(t('Longest silence while streaming, seconds (0: no limit)'), this.idleTimeout),
        el('div', { className: 'muted', textContent: t('Empty: long enough for reasoning models that think silently.') })),
      el('div', { className: 'setup-actions' },
        textButton(t('Save endpoint'), 'setup-save', () => send({ type: 'saveEndpoint', endpoint: this.draft() }), 'primary'),
        textButton(t('Set API key...'), 'setup-key', () => send({ type: 'setApiKey', endpointId: this.draft().id })),
        textButton(t('Test connection'), 'setup-test', () => {
          this.result.textContent = t('Testing...');
          this.result.className = 'setup-result';
          send({ type: 'testConnection', endpoint: this.draft() });
        }),
        this.keyState),
      this.result);
    this.baseUrl.addEventListener('input', () => this.updatePreview());
    this.id.addEventListener('input', () => this.updateKeyState());
    this.updatePreview();
  }

  /** Whether the panel has had an endpoint list yet. */
  seen = false;

  set(endpoints: EndpointSummary[]): void {
    this.seen = true;
    this.endpoints = endpoints;
    const first = endpoints[0];
    if (first && !this.baseUrl.value) {
      this.name.value = first.name;
      this.id.value = first.id;
      this.baseUrl.value = first.baseUrl;
      this.headers.value = Object.entries(first.headers).map(([k, v]) => `${k}: ${v}`).join('\n');
      this.timeout.value = first.timeoutMs !== undefined ? String(first.timeoutMs / 1000) : '';
      if (first.timeoutMs !== undefined || first.idleTimeoutMs !== undefined) this.timeout.closest('details')!.open = true;
      this.idleTimeout.value = first.idleTimeoutMs !== undefined ? String(first.idleTimeoutMs / 1000) : '';
      this.updatePreview();
    }
    this.updateKeyState();
  }

  showResult(ok: boolean, message: string): void {
    this.result.textContent = message;
    this.result.className = `setup-result ${ok ? 'ok' : 'failed'}`;
  }

  private draft(): EndpointDraft {
    const headers: Record<string, string> = {};
    for (const line of this.headers.value.split('\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
    const timeoutMs = seconds(this.timeout.value);
    const idleTimeoutMs = seconds(this.idleTimeout.value);
    return {
      id: this.id.value.trim().replace(/\//g, '-') || 'relay', name: this.name.value.trim(), baseUrl: this.baseUrl.value.trim(), headers,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(idleTimeoutMs !== undefined ? { idleTimeoutMs } : {}),
    };
  }

  /** The exact URL the client will call, by the client's own rule. */
  private updatePreview(): void {
    const raw = this.baseUrl.value.trim();
    let url = '';
    try {
      url = raw ? chatCompletionsUrl(raw) : '';
    } catch {
      url = t('(not a valid URL yet)');
    }
    this.preview.textContent = url;
  }

  private updateKeyState(): void {
    const e = this.endpoints.find((x) => x.id === this.draft().id);
    this.keyState.textContent = e?.hasKey ? (e.keyFromEnv ? t('Key from the environment') : t('Key stored')) : t('No key yet');
  }
}

/** Whole seconds typed into the form as ms; anything else (empty, words, beyond an hour) is the default. */
function seconds(text: string): number | undefined {
  const v = text.trim();
  if (!/^\d{1,4}$/.test(v)) return undefined;
  const ms = Number(v) * 1000;
  return ms <= maxTimeoutMs ? ms : undefined;
}
