// The conversation's own instructions: a button by the attach buttons opens a text area above the
// input. What is typed goes to the host (debounced, and at once before a send), which keeps it with
// the conversation; the button shows when instructions are set even while the area is closed.
import { el, iconButton } from '../dom';
import { t } from '../i18n';
import { send } from '../vscodeApi';

/** The protocol's bound (MAX_INSTRUCTIONS): the area refuses more instead of the host dropping the message. */
const MAX_CHARS = 100_000;

export class InstructionsEditor {
  readonly area: HTMLElement;
  readonly toggle: HTMLButtonElement;
  private readonly input: HTMLTextAreaElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sent = '';
  private conversationId = '';

  constructor() {
    this.input = el('textarea', {
      className: 'instructions-input', testId: 'instructions', rows: 3, maxLength: MAX_CHARS,
      placeholder: t('Instructions for this conversation (markdown), sent with every request. A new chat keeps them.'),
      attrs: { 'aria-label': t('Conversation instructions') },
    });
    this.area = el('div', { className: 'instructions-area', hidden: true }, this.input);
    this.toggle = iconButton(t('Conversation instructions'), 'note', 'instructions-toggle', () => this.open(this.area.hidden));
    this.input.addEventListener('input', () => {
      this.mark();
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), 300);
    });
    this.input.addEventListener('change', () => this.flush());
  }

  open(open: boolean): void {
    this.area.hidden = !open;
    this.toggle.classList.toggle('pressed', open);
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) this.input.focus();
  }

  /** A conversation was shown: its instructions, unless the user is typing in this one's. */
  set(conversationId: string, text: string): void {
    const same = conversationId === this.conversationId;
    this.conversationId = conversationId;
    if (same && (document.activeElement === this.input || this.timer)) return;
    this.input.value = text;
    this.sent = text;
    this.mark();
  }

  /** Sends what is typed now (before a prompt goes, so the request carries it). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.input.value === this.sent) return;
    this.sent = this.input.value;
    send({ type: 'setInstructions', text: this.input.value });
  }

  private mark(): void {
    const set = !!this.input.value.trim();
    this.toggle.classList.toggle('has-value', set);
    this.toggle.dataset.set = String(set);
  }
}
