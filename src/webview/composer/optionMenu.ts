// One control of the composer's option bar: a chip (codicon + what it is set to) that opens a small
// menu of choices. "On" chips look pressed, so the user sees what the next request carries.
import { el } from '../dom';

export type MenuEntry = { heading: string } | { label: string; value: string; checked: boolean };

export interface MenuState {
  /** What the chip says: the option's name, or its value when on ("JSON: person"). */
  label: string;
  on: boolean;
  entries: MenuEntry[];
}

export class OptionMenu {
  readonly root: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly text: HTMLElement;
  private readonly popup: HTMLElement;

  constructor(
    private readonly name: string,
    description: string,
    codicon: string,
    testId: string,
    private readonly onPick: (value: string) => void,
    private readonly onOpen: (menu: OptionMenu) => void,
  ) {
    this.text = el('span', { className: 'option-label' });
    this.button = el('button', {
      type: 'button', className: 'option-chip', testId, title: description,
      attrs: { 'aria-haspopup': 'menu', 'aria-expanded': 'false' },
    }, el('span', { className: `codicon codicon-${codicon}`, attrs: { 'aria-hidden': 'true' } }), this.text);
    this.popup = el('div', { className: 'option-menu', hidden: true, attrs: { role: 'menu', 'aria-label': name } });
    this.root = el('span', { className: 'option' }, this.button, this.popup);
    this.button.addEventListener('click', () => (this.popup.hidden ? this.open() : this.close()));
    this.popup.addEventListener('keydown', (e) => this.onKey(e));
  }

  set(state: MenuState): void {
    this.text.textContent = state.label;
    this.button.classList.toggle('on', state.on);
    this.button.dataset.on = String(state.on);
    this.button.setAttribute('aria-label', `${this.name}: ${state.label}`);
    this.popup.replaceChildren(...state.entries.map((entry) => {
      if ('heading' in entry) return el('div', { className: 'option-heading muted', textContent: entry.heading, attrs: { role: 'presentation' } });
      const item = el('button', {
        type: 'button', className: `option-choice${entry.checked ? ' checked' : ''}`, testId: 'option-choice',
        data: { value: entry.value }, attrs: { role: 'menuitemradio', 'aria-checked': String(entry.checked) },
      }, el('span', { className: `codicon codicon-${entry.checked ? 'check' : 'blank'}`, attrs: { 'aria-hidden': 'true' } }), entry.label);
      item.addEventListener('click', () => {
        this.close();
        this.onPick(entry.value);
      });
      return item;
    }));
  }

  get isOpen(): boolean {
    return !this.popup.hidden;
  }

  open(): void {
    this.onOpen(this);
    this.popup.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    (this.popup.querySelector<HTMLElement>('.option-choice.checked') ?? this.items()[0])?.focus();
  }

  close(): void {
    if (this.popup.hidden) return;
    this.popup.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (this.popup.contains(document.activeElement)) this.button.focus();
  }

  private items(): HTMLElement[] {
    return [...this.popup.querySelectorAll<HTMLElement>('.option-choice')];
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = this.items();
    const i = items.indexOf(document.activeElement as HTMLElement);
    items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  }
}
