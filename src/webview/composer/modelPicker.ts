// Models of every endpoint, grouped, searchable, with manual entry for models a gateway does not list.
import type { ModelGroup } from '../../shared/protocol';
import { el, iconButton } from '../dom';
import { t } from '../i18n';
import { send } from '../vscodeApi';

export class ModelPicker {
  readonly root: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly popup: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private groups: ModelGroup[] = [];
  private current = '';

  constructor() {
    this.button = el('button', { type: 'button', className: 'model-button', testId: 'model-picker', attrs: { 'aria-haspopup': 'listbox' } });
    this.search = el('input', { type: 'search', className: 'model-search', testId: 'model-search', placeholder: t('Search or type a model id') });
    this.list = el('div', { className: 'model-list', attrs: { role: 'listbox' } });
    this.popup = el('div', { className: 'model-popup', hidden: true },
      el('div', { className: 'model-popup-bar' }, this.search, iconButton(t('Refresh the model lists'), 'refresh', 'refresh-models', () => send({ type: 'refreshModels' }))),
      this.list);
    this.root = el('div', { className: 'model-picker' }, this.button, this.popup);
    this.button.addEventListener('click', () => this.toggle());
    this.search.addEventListener('input', () => this.renderList());
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
      if (e.key === 'Enter') {
        e.preventDefault();
        const first = this.list.querySelector<HTMLElement>('[data-model]');
        if (first) this.choose(first.dataset.model!);
      }
    });
    document.addEventListener('mousedown', (e) => {
      if (!this.popup.hidden && !this.root.contains(e.target as Node)) this.close();
    });
    this.renderButton();
  }

  set(groups: ModelGroup[], current: string): void {
    this.groups = groups;
    this.current = current;
    this.renderButton();
    if (!this.popup.hidden) this.renderList();
  }

  private renderButton(): void {
    const label = this.current ? this.current.slice(this.current.indexOf('/') + 1) : t('Choose a model');
    this.button.textContent = `${label} ▾`;
    this.button.title = this.current || t('Choose a model');
  }

  private toggle(): void {
    if (this.popup.hidden) {
      this.popup.hidden = false;
      this.search.value = '';
      this.renderList();
      this.search.focus();
    } else this.close();
  }

  private close(): void {
    this.popup.hidden = true;
  }

  private choose(model: string): void {
    this.close();
    this.current = model;
    this.renderButton();
    send({ type: 'selectModel', model });
  }

  private renderList(): void {
    const q = this.search.value.trim().toLowerCase();
    const nodes: HTMLElement[] = [];
    for (const g of this.groups) {
      const models = g.models.filter((m) => !q || m.toLowerCase().includes(q));
      if (!models.length && !g.error) continue;
      nodes.push(el('div', { className: 'model-group', textContent: g.endpointName }));
      if (g.error) nodes.push(el('div', { className: 'model-error', testId: 'model-error', textContent: g.error }));
      for (const m of models) nodes.push(this.option(`${g.endpointId}/${m}`, m));
    }
    // Manual entry: a model the gateway serves but does not list.
    const typed = this.search.value.trim();
    if (typed) {
      for (const g of this.groups) {
        if (g.models.includes(typed)) continue;
        nodes.push(this.option(`${g.endpointId}/${typed}`, t('Use "{0}" on {1}', typed, g.endpointName), 'manual'));
      }
    }
    if (!nodes.length) nodes.push(el('div', { className: 'muted', textContent: t('No models. Add an endpoint or type a model id.') }));
    this.list.replaceChildren(...nodes);
  }

  private option(model: string, label: string, extra = ''): HTMLElement {
    const o = el('div', {
      className: `model-option ${extra} ${model === this.current ? 'selected' : ''}`, testId: 'model-option', textContent: label, title: model,
      data: { model }, attrs: { role: 'option', 'aria-selected': String(model === this.current), tabindex: '0' },
    });
    o.addEventListener('click', () => this.choose(model));
    o.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.choose(model); });
    return o;
  }
}
