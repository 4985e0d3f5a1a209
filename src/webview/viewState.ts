import type { Attachment } from '../shared/conversation';
import { getState, setState } from './vscodeApi';

/** What the webview caches across hide/show: the draft and the scroll position. */
export interface ViewState {
  draft?: string;
  attachments?: Attachment[];
  lastPrompt?: string;
  scrollTop?: number;
}

export function viewState(): ViewState {
  const s = getState();
  return typeof s === 'object' && s !== null ? (s as ViewState) : {};
}

export function saveViewState(patch: ViewState): void {
  setState({ ...viewState(), ...patch });
}
