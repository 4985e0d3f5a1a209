import { assertNever, type HostToWebview } from '../shared/protocol';
import { setStrings, t } from './i18n';
import { onHostMessage, send } from './vscodeApi';

const app = document.getElementById('app')!;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, testId?: string) {
  const node = Object.assign(document.createElement(tag), props);
  if (testId) node.setAttribute('data-testid', testId);
  return node;
}

function renderWelcome(): void {
  const settings = el('button', { textContent: t('Open settings'), type: 'button' }, 'open-settings');
  settings.addEventListener('click', () => send({ type: 'openSettings' }));
  app.replaceChildren(
    el('h2', { textContent: t('Gateway Chat') }, 'title'),
    el('p', { textContent: t('Connected to the extension host.') }, 'status'),
    el('p', { textContent: t('No gateway is configured yet. Add an endpoint in the settings to start chatting.') }),
    settings,
  );
}

function handle(message: HostToWebview): void {
  switch (message.type) {
    case 'init':
      setStrings(message.strings);
      document.documentElement.lang = message.locale;
      renderWelcome();
      return;
    case 'newChat':
      renderWelcome();
      app.append(el('p', { textContent: t('New chat started.') }, 'notice'));
      return;
    default:
      assertNever(message);
  }
}

onHostMessage(handle);
send({ type: 'ready' });
