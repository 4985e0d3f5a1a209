// Tiny DOM helpers: elements are built with textContent, never innerHTML (model output goes
// through the markdown renderer's sanitizer only).

type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'dataset' | 'style'>> & {
  testId?: string;
  data?: Record<string, string>;
  attrs?: Record<string, string>;
};

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props<K> = {},
  ...children: (Node | string | false | undefined | null)[]
): HTMLElementTagNameMap[K] {
  const { testId, data, attrs, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  if (testId) node.setAttribute('data-testid', testId);
  for (const [k, v] of Object.entries(data ?? {})) node.dataset[k] = v;
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) if (c !== false && c !== undefined && c !== null) node.append(c);
  return node;
}

/** A button showing a codicon (https://microsoft.github.io/vscode-codicons), labelled for screen readers. */
export function iconButton(label: string, codicon: string, testId: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', className: 'icon-button', title: label, testId, attrs: { 'aria-label': label } },
    el('span', { className: `codicon codicon-${codicon}`, attrs: { 'aria-hidden': 'true' } }));
  b.addEventListener('click', onClick);
  return b;
}

export function textButton(label: string, testId: string, onClick: () => void, className = 'secondary'): HTMLButtonElement {
  const b = el('button', { type: 'button', className, testId, textContent: label });
  b.addEventListener('click', onClick);
  return b;
}
