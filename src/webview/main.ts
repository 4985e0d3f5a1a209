import '@vscode/codicons/dist/codicon.css';
// The panel: header (model picker, history, new chat), setup, transcript, composer.
import { assertNever, type HostToWebview } from '../shared/protocol';
import { CodeActions } from './transcript/codeActions';
import { BalanceView } from './composer/balanceView';
import { Composer } from './composer/composer';
import { ContextMeterView } from './composer/contextMeterView';
import { el, iconButton } from './dom';
import { HistoryView } from './history/historyView';
import { setStrings, t } from './i18n';
import { ModelPicker } from './composer/modelPicker';
import { OptionBar } from './composer/optionBar';
import { InstructionsEditor } from './composer/instructionsEditor';
import { ModelSettingsForm } from './settings/modelSettingsForm';
import { SetupView } from './settings/setupView';
import { Transcript } from './transcript/transcript';
import { onHostMessage, send } from './vscodeApi';

const app = document.getElementById('app')!;
let ui: Panel | undefined;

class Panel {
  readonly composer = new Composer();
  readonly options = new OptionBar();
  readonly instructions = new InstructionsEditor();
  readonly picker = new ModelPicker();
  readonly balance = new BalanceView();
  readonly modelSettings = new ModelSettingsForm();
  readonly setup = new SetupView();
  readonly history = new HistoryView(() => this.toggleHistory(false));
  readonly transcript = new Transcript(new CodeActions());
  readonly meter = new ContextMeterView();
  private busy = false;

  constructor() {
    const header = el('header', { className: 'panel-header' },
      this.picker.root,
      iconButton(t('Model settings'), 'settings', 'model-settings', () => (this.modelSettings.isOpen ? this.modelSettings.close() : this.modelSettings.open())),
      el('span', { className: 'spacer' }),
      this.balance.root,
      iconButton(t('Gateway settings'), 'gear', 'open-setup', () => this.toggleSetup()),
      iconButton(t('History'), 'history', 'history', () => this.toggleHistory(!this.history.isOpen)),
      iconButton(t('New chat'), 'add', 'new-chat', () => send({ type: 'newChat' })));
    // The option bar sits under the input, above the attach / send row.
    this.composer.root.querySelector('.composer-tools')?.before(this.options.root);
    // The instructions: a button among the attach buttons opens them above the input.
    this.composer.root.querySelector('[data-testid="attach-image"]')?.after(this.instructions.toggle);
    this.composer.root.querySelector('.composer-input')?.before(this.instructions.area);
    this.composer.beforeSend = () => this.instructions.flush();
    app.replaceChildren(header, this.modelSettings.root, this.setup.root, this.history.root, this.transcript.root, this.composer.root, this.meter.root);
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.composer.setBusy(busy);
    app.dataset.busy = String(busy);
  }

  toggleHistory(open: boolean): void {
    if (open) this.history.open();
    else this.history.root.hidden = true;
  }

  toggleSetup(): void {
    this.setup.root.hidden = !this.setup.root.hidden;
  }

  get isBusy(): boolean {
    return this.busy;
  }
}

let ackScheduled = false;
/** Delta posts applied since the last acknowledgement: the host keeps a window of them in flight. */
let deltasSinceAck = 0;

/** Says, once this frame is painted, how many delta posts it showed: the host keeps a few in flight, none waiting on a timer. */
function acknowledgeAfterPaint(): void {
  deltasSinceAck++;
  if (ackScheduled) return;
  ackScheduled = true;
  requestAnimationFrame(() => {
    ackScheduled = false;
    send({ type: 'deltaAck', count: deltasSinceAck });
    deltasSinceAck = 0;
  });
}

function handle(message: HostToWebview): void {
  if (message.type === 'init') {
    setStrings(message.strings);
    document.documentElement.lang = message.locale;
    ui = new Panel();
    ui.composer.focus();
    return;
  }
  if (!ui) return;
  switch (message.type) {
    case 'setup':
      // Shown at first run (nothing usable yet); after that the gear button decides.
      if (!ui.setup.seen) ui.setup.root.hidden = message.endpoints.some((e) => e.hasKey);
      ui.setup.set(message.endpoints);
      return;
    case 'models':
      ui.picker.set(message.groups, message.current);
      ui.modelSettings.follow(message.current);
      return;
    case 'modelSettings':
      ui.modelSettings.show(message);
      return;
    case 'conversation':
      ui.transcript.show(message.conversation, message.earlier ?? 0);
      ui.options.set(message.conversation.options);
      ui.instructions.set(message.conversation.id, message.conversation.instructions ?? '');
      ui.setBusy(message.busy);
      ui.toggleHistory(false);
      return;
    case 'earlierMessages':
      ui.transcript.earlier(message.conversationId, message.messages);
      return;
    case 'delta':
      ui.transcript.delta(message.messageId, { content: message.content, reasoning: message.reasoning, ...(message.choice ? { choice: message.choice } : {}) });
      acknowledgeAfterPaint();
      return;
    case 'message':
      ui.transcript.upsert(message.message);
      ui.setBusy(message.busy);
      return;
    case 'retryWait':
      ui.transcript.retryWait(message.messageId, message.attempt, message.waitMs, message.error);
      return;
    case 'history':
      ui.history.show(message.entries);
      return;
    case 'composer':
      ui.composer.setContent(message.text, message.attachments);
      return;
    case 'attachments':
      ui.composer.addAttachments(message.attachments);
      return;
    case 'fileSuggestions':
      ui.composer.showSuggestions(message.query, message.items);
      return;
    case 'connectionResult':
      ui.setup.showResult(message.ok, message.message);
      return;
    case 'newChat':
      ui.composer.focus();
      return;
    case 'options':
      ui.options.set(message.options);
      return;
    case 'contextMeter':
      ui.meter.set(message.used, message.window);
      return;
    case 'balance':
      ui.balance.set(message.balance);
      return;
    default:
      assertNever(message);
  }
}

onHostMessage(handle);
send({ type: 'ready' });
