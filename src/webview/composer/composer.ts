// The input: Enter sends, Shift+Enter is a newline, Up recalls the last prompt, Escape stops a
// streaming answer. Attachments show as chips; `@` completes workspace files; images can be
// pasted, dropped or picked.
import type { Attachment } from '../../shared/conversation';
import type { FileSuggestion } from '../../shared/protocol';
import { el, iconButton } from '../dom';
import { t } from '../i18n';
import { saveViewState, viewState } from '../viewState';
import { send } from '../vscodeApi';

const maxImageBytes = 20 * 1024 * 1024;

export class Composer {
  readonly root: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly chips: HTMLElement;
  private readonly suggestions: HTMLElement;
  private attachments: Attachment[] = [];
  private busy = false;
  private lastPrompt = '';
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private mention: { start: number; query: string } | undefined;
  /** Called right before a prompt goes to the host (the instructions editor sends what it holds first). */
  beforeSend: () => void = () => undefined;

  constructor() {
    this.input = el('textarea', {
      className: 'composer-input', testId: 'composer', rows: 3, placeholder: t('Ask anything. @ attaches a file; paste or drop images.'),
      attrs: { 'aria-label': t('Message') },
    });
    this.sendButton = el('button', { type: 'button', className: 'primary', testId: 'send', textContent: t('Send') });
    this.stopButton = el('button', { type: 'button', className: 'secondary', testId: 'stop', textContent: t('Stop'), hidden: true });
    this.chips = el('div', { className: 'chips composer-chips' });
    this.suggestions = el('ul', { className: 'suggestions', testId: 'file-suggestions', hidden: true, attrs: { role: 'listbox' } });
    const tools = el('div', { className: 'composer-tools' },
      iconButton(t('Attach the selection'), 'selection', 'attach-selection', () => send({ type: 'attach', kind: 'selection' })),
      iconButton(t('Attach a file'), 'file-add', 'attach-file', () => send({ type: 'attach', kind: 'file' })),
      iconButton(t('Attach an image'), 'file-media', 'attach-image', () => send({ type: 'attach', kind: 'image' })),
      iconButton(t('Attach an image by its URL'), 'link', 'attach-image-url', () => send({ type: 'attach', kind: 'imageUrl' })),
      iconButton(t('Attach a document (PDF, ...)'), 'file-pdf', 'attach-document', () => send({ type: 'attach', kind: 'document' })),
      iconButton(t('Attach audio (wav, mp3)'), 'mic', 'attach-audio', () => send({ type: 'attach', kind: 'audio' })),
      el('span', { className: 'spacer' }), this.stopButton, this.sendButton);
    this.root = el('div', { className: 'composer' }, this.chips, this.suggestions, this.input, tools);

    this.sendButton.addEventListener('click', () => this.submit());
    this.stopButton.addEventListener('click', () => send({ type: 'stop' }));
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('input', () => this.onInput());
    this.input.addEventListener('paste', (e) => {
      this.takeImages(e.clipboardData?.files, e);
      if (!e.defaultPrevented) this.takeImageUrl(e.clipboardData?.getData('text/plain') ?? '', e);
    });
    this.root.addEventListener('dragover', (e) => e.preventDefault());
    this.root.addEventListener('drop', (e) => this.takeImages(e.dataTransfer?.files, e));

    const saved = viewState();
    this.input.value = saved.draft ?? '';
    this.attachments = saved.attachments ?? [];
    this.lastPrompt = saved.lastPrompt ?? '';
    this.renderChips();
  }

  focus(): void {
    this.input.focus();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.disabled = busy;
    this.sendButton.hidden = busy;
    this.stopButton.hidden = !busy;
  }

  /** The host gives a prompt back (a failed send) or fills it (a command). */
  setContent(text: string, attachments: Attachment[]): void {
    if (!this.input.value.trim() || this.input.value === text) this.input.value = text;
    this.attachments = attachments;
    this.renderChips();
    this.saveDraft();
  }

  addAttachments(list: Attachment[]): void {
    for (const a of list) {
      if (!this.attachments.some((x) => x.kind === a.kind && x.label === a.label && x.dataUrl === a.dataUrl && x.url === a.url)) this.attachments.push(a);
    }
    this.renderChips();
    this.saveDraft();
    this.focus();
  }

  showSuggestions(query: string, items: FileSuggestion[]): void {
    if (!this.mention || this.mention.query !== query) return;
    this.suggestions.replaceChildren(...items.map((item, i) => {
      const li = el('li', { className: i === 0 ? 'active' : '', testId: 'file-suggestion', title: item.path, attrs: { role: 'option' } },
        el('span', { textContent: item.label }), el('span', { className: 'muted', textContent: item.path }));
      li.addEventListener('mousedown', (e) => { e.preventDefault(); this.pickSuggestion(item); });
      return li;
    }));
    this.suggestions.hidden = items.length === 0;
    this.suggestionItems = items;
  }

  private suggestionItems: FileSuggestion[] = [];

  private submit(): void {
    if (this.busy) return;
    const text = this.input.value;
    if (!text.trim() && !this.attachments.length) return;
    this.beforeSend();
    send({ type: 'send', text, attachments: this.attachments });
    this.lastPrompt = text;
    this.input.value = '';
    this.attachments = [];
    this.renderChips();
    this.saveDraft();
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.suggestions.hidden && (e.key === 'Enter' || e.key === 'Tab') && this.suggestionItems.length) {
      e.preventDefault();
      const active = [...this.suggestions.children].findIndex((c) => c.classList.contains('active'));
      this.pickSuggestion(this.suggestionItems[Math.max(0, active)]);
      return;
    }
    if (!this.suggestions.hidden && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      const items = [...this.suggestions.children];
      const i = items.findIndex((c) => c.classList.contains('active'));
      const next = (i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items.forEach((c, j) => c.classList.toggle('active', j === next));
      return;
    }
    if (e.key === 'Escape') {
      if (!this.suggestions.hidden) this.hideSuggestions();
      else if (this.busy) send({ type: 'stop' });
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
      return;
    }
    if (e.key === 'ArrowUp' && !this.input.value && this.lastPrompt) {
      e.preventDefault();
      this.input.value = this.lastPrompt;
      this.saveDraft();
    }
  }

  private onInput(): void {
    this.saveDraft();
    const before = this.input.value.slice(0, this.input.selectionStart);
    const m = /(^|\s)@([^\s@]{0,80})$/.exec(before);
    if (!m) return this.hideSuggestions();
    this.mention = { start: before.length - m[2].length - 1, query: m[2] };
    send({ type: 'searchFiles', query: m[2] });
  }

  private pickSuggestion(item: FileSuggestion): void {
    if (this.mention) {
      const v = this.input.value;
      this.input.value = v.slice(0, this.mention.start) + v.slice(this.input.selectionStart);
    }
    this.hideSuggestions();
    send({ type: 'attachFile', path: item.path });
  }

  private hideSuggestions(): void {
    this.mention = undefined;
    this.suggestions.hidden = true;
    this.suggestionItems = [];
  }

  private takeImages(files: FileList | undefined | null, e: Event): void {
    const images = [...(files ?? [])].filter((f) => /^image\/(png|jpeg|gif|webp)$/.test(f.type) && f.size <= maxImageBytes);
    if (!images.length) return;
    e.preventDefault();
    for (const file of images) {
      const reader = new FileReader();
      reader.onload = () => this.addAttachments([{ kind: 'image', label: file.name || 'image', dataUrl: String(reader.result), detail: 'auto' }]);
      reader.readAsDataURL(file);
    }
  }

  /** A pasted https link to an image file becomes an image attachment by URL (the panel never loads it). */
  private takeImageUrl(text: string, e: Event): void {
    const url = text.trim();
    if (url.length > 2048 || !/^https:\/\/[^\s/?#]+\/[^\s]*\.(png|jpe?g|gif|webp)(\?[^\s#]*)?$/i.test(url)) return;
    e.preventDefault();
    const label = decodeURIComponentSafe(url.split('?')[0].split('/').pop() ?? '') || url;
    this.addAttachments([{ kind: 'image', label, url, detail: 'auto' }]);
  }

  private renderChips(): void {
    this.chips.replaceChildren(...this.attachments.map((a, i) => {
      const remove = iconButton(t('Remove'), 'close', 'remove-attachment', () => {
        this.attachments.splice(i, 1);
        this.renderChips();
        this.saveDraft();
      });
      // Only an image's own bytes show as a thumbnail; one by URL is named, never fetched.
      const thumb = a.kind === 'image' && a.dataUrl ? el('img', { src: a.dataUrl, alt: '', className: 'thumb' })
        : a.kind === 'image' && a.url ? el('span', { className: 'codicon codicon-link', attrs: { 'aria-hidden': 'true' } }) : '';
      return el('span', { className: `chip ${a.kind}`, testId: 'attachment', title: a.url ?? a.path ?? a.label, data: { kind: a.kind } },
        thumb, a.label, a.kind === 'image' ? this.detailPicker(a) : '', remove);
    }));
  }

  /** `detail` per image: how closely the model looks (auto / low / high), sent with its image_url part. */
  private detailPicker(a: Attachment): HTMLSelectElement {
    const select = el('select', { className: 'image-detail', testId: 'image-detail', title: t('Image detail'), attrs: { 'aria-label': t('Image detail') } },
      ...(['auto', 'low', 'high'] as const).map((d) => el('option', { value: d, textContent: d === 'auto' ? t('detail: auto') : d === 'low' ? t('detail: low') : t('detail: high') })));
    select.value = a.detail ?? 'auto';
    select.addEventListener('change', () => {
      a.detail = select.value as 'auto' | 'low' | 'high';
      this.saveDraft();
    });
    return select;
  }

  /** The draft lives in the webview state (hide/show) and in the host (reloads). */
  private saveDraft(): void {
    saveViewState({ draft: this.input.value, attachments: this.attachments, lastPrompt: this.lastPrompt });
    if (this.draftTimer) clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => send({ type: 'draft', text: this.input.value }), 300);
  }
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
