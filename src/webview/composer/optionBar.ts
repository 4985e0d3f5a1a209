// The composer's option bar: JSON output, web search, image options, candidates and logprobs for the
// next requests of this conversation. The host keeps the options with the conversation; the bar shows
// them and posts every change.
import type { RequestOptions } from '../../shared/conversation';
import { el } from '../dom';
import { t } from '../i18n';
import { OptionMenu, type MenuEntry, type MenuState } from './optionMenu';
import { send } from '../vscodeApi';

const contextSizes = ['low', 'medium', 'high'] as const;
// Gemini's image_config values.
const aspectRatios = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
const imageSizes = ['1K', '2K', '4K'];
// The gateways document `n` up to 8 and `top_logprobs` up to 20.
const maxCandidates = 8;
const topLogprobChoices = [0, 1, 2, 3, 4, 5, 10, 15, 20];

type Control = { menu: OptionMenu; state: (o: RequestOptions) => MenuState; pick: (o: RequestOptions, value: string) => RequestOptions | undefined };

export class OptionBar {
  readonly root: HTMLElement;
  private options: RequestOptions = {};
  private readonly controls: Control[];

  constructor() {
    const menu = (name: string, description: string, codicon: string, testId: string, pick: Control['pick'], state: Control['state']): Control => {
      const control: Control = { state, pick, menu: new OptionMenu(name, description, codicon, testId, (v) => this.choose(control, v), (m) => this.closeOthers(m)) };
      return control;
    };
    this.controls = [
      menu(t('JSON output'), t('Ask for a JSON answer: any JSON object, or JSON that fits a schema'), 'json', 'option-json', pickJson, jsonState),
      menu(t('Web search'), t('Let the model search the web; the answer cites its sources'), 'globe', 'option-web-search', pickWebSearch, webSearchState),
      menu(t('Image output'), t('Aspect ratio and size of the images an image model returns'), 'file-media', 'option-image', pickImage, imageState),
      menu(t('Candidates'), t('Several answers to each prompt; pick the one to continue with'), 'versions', 'option-candidates', pickCandidates, candidatesState),
      menu(t('Logprobs'), t('Token probabilities: hover a word of the answer to see them'), 'graph', 'option-logprobs', pickLogprobs, logprobsState),
    ];
    this.root = el('div', { className: 'option-bar', testId: 'option-bar', attrs: { role: 'toolbar', 'aria-label': t('Request options') } },
      ...this.controls.map((c) => c.menu.root));
    document.addEventListener('mousedown', (e) => {
      if (!this.root.contains(e.target as Node)) this.closeOthers();
    });
    this.render();
  }

  /** The conversation's options, as the host has them. */
  set(options: RequestOptions | undefined): void {
    this.options = options ?? {};
    this.render();
  }

  private choose(control: Control, value: string): void {
    const next = control.pick(this.options, value);
    if (!next) return;
    this.options = next;
    this.render();
    send({ type: 'setOptions', options: next });
  }

  private closeOthers(except?: OptionMenu): void {
    for (const c of this.controls) if (c.menu !== except) c.menu.close();
  }

  private render(): void {
    for (const c of this.controls) c.menu.set(c.state(this.options));
  }
}

/** The options without `key`, or with it set to `value`. */
function withOption<K extends keyof RequestOptions>(o: RequestOptions, key: K, value: RequestOptions[K] | undefined): RequestOptions {
  const next = { ...o };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

const choice = (label: string, value: string, checked: boolean): MenuEntry => ({ label, value, checked });

function jsonState(o: RequestOptions): MenuState {
  const json = o.json;
  const entries = [choice(t('Off'), 'off', !json), choice(t('JSON object'), 'object', json?.mode === 'object')];
  if (json?.mode === 'schema') entries.push(choice(t('Schema: {0}', json.name), 'keep', true));
  entries.push(choice(t('Schema...'), 'pick', false));
  const label = !json ? t('JSON') : json.mode === 'object' ? t('JSON object') : t('JSON: {0}', json.name);
  return { label, on: !!json, entries };
}

function pickJson(o: RequestOptions, value: string): RequestOptions | undefined {
  if (value === 'pick') {
    // The host shows the schemas and answers with the options (changed or not).
    send({ type: 'pickSchema' });
    return undefined;
  }
  if (value === 'keep') return undefined;
  return withOption(o, 'json', value === 'object' ? { mode: 'object' } : undefined);
}

function sizeLabel(size: (typeof contextSizes)[number]): string {
  return size === 'low' ? t('low') : size === 'medium' ? t('medium') : t('high');
}

function webSearchState(o: RequestOptions): MenuState {
  const size = o.webSearch?.contextSize;
  return {
    label: size ? t('Web search: {0}', sizeLabel(size)) : t('Web search'),
    on: !!size,
    entries: [
      choice(t('Off'), 'off', !size),
      { heading: t('Search context size') },
      ...contextSizes.map((s) => choice(sizeLabel(s), s, size === s)),
    ],
  };
}

function pickWebSearch(o: RequestOptions, value: string): RequestOptions {
  const size = contextSizes.find((s) => s === value);
  return withOption(o, 'webSearch', size ? { contextSize: size } : undefined);
}

function imageState(o: RequestOptions): MenuState {
  const { aspectRatio, imageSize } = o.image ?? {};
  const on = !!(aspectRatio || imageSize);
  return {
    label: on ? t('Image {0}', [aspectRatio, imageSize].filter(Boolean).join(' · ')) : t('Image'),
    on,
    entries: [
      { heading: t('Aspect ratio') },
      choice(t('Model default'), 'ratio:', !aspectRatio),
      ...aspectRatios.map((r) => choice(r, `ratio:${r}`, aspectRatio === r)),
      { heading: t('Size') },
      choice(t('Model default'), 'size:', !imageSize),
      ...imageSizes.map((s) => choice(s, `size:${s}`, imageSize === s)),
    ],
  };
}

function pickImage(o: RequestOptions, value: string): RequestOptions {
  // `ratio:16:9`, `size:2K`; an empty value is the model's default.
  const at = value.indexOf(':');
  const kind = value.slice(0, at);
  const v = value.slice(at + 1);
  const image = { ...o.image };
  if (kind === 'ratio') image.aspectRatio = v || undefined;
  if (kind === 'size') image.imageSize = v || undefined;
  if (!image.aspectRatio) delete image.aspectRatio;
  if (!image.imageSize) delete image.imageSize;
  return withOption(o, 'image', image.aspectRatio || image.imageSize ? image : undefined);
}

function candidatesState(o: RequestOptions): MenuState {
  const n = o.n && o.n > 1 ? o.n : 1;
  return {
    label: n > 1 ? t('{0} candidates', n) : t('Candidates'),
    on: n > 1,
    entries: Array.from({ length: maxCandidates }, (_, i) => i + 1)
      .map((k) => choice(k === 1 ? t('One answer') : t('{0} candidates', k), String(k), n === k)),
  };
}

function pickCandidates(o: RequestOptions, value: string): RequestOptions {
  const n = Number(value);
  return withOption(o, 'n', n > 1 ? n : undefined);
}

function logprobsState(o: RequestOptions): MenuState {
  const top = o.logprobs?.top;
  return {
    label: top === undefined ? t('Logprobs') : t('Logprobs: top {0}', top),
    on: top !== undefined,
    entries: [
      choice(t('Off'), 'off', top === undefined),
      ...topLogprobChoices.map((k) => choice(k === 0 ? t('Chosen tokens only') : t('Top {0} alternatives', k), String(k), top === k)),
    ],
  };
}

function pickLogprobs(o: RequestOptions, value: string): RequestOptions {
  return withOption(o, 'logprobs', value === 'off' ? undefined : { top: Number(value) });
}
