// What a settled answer shows besides its text: the JSON tree of a JSON-output answer, the images an
// image model returned, and web search citations (markers in the text, the sources under it).
import type { MessageRecord } from '../../shared/conversation';
import { openImageViewer, answerImages } from './answerImages';
import { audioBlock, imageLinks, refusalBlock } from './answerFacts';
import { citationSources, placeCitationMarkers, sourcesList, withCitationPlaceholders } from './citationsView';
import { el } from '../dom';
import { isJsonAnswer, jsonAnswerView } from './jsonTreeView';
import type { StreamingMarkdown } from '../markdown';

export class AnswerExtras {
  /** Goes right after the message's content. */
  readonly root = el('div', { className: 'answer-extras' });
  /** The JSON view takes the text's place: right before it, where the Tree / Text switch is seen first. */
  private readonly jsonSlot = el('div', { className: 'json-slot' });
  private rendered: { message: MessageRecord; markdown: StreamingMarkdown | undefined } | undefined;
  /** The JSON view may hide the markdown (Tree mode); it comes back when the view goes. */
  private jsonShown = false;

  constructor(private readonly content: HTMLElement) {
    // Images inside the answer's own markdown open larger too.
    content.addEventListener('click', (e) => {
      const img = (e.target as Element | null)?.closest?.('img.md-image');
      if (img instanceof HTMLImageElement) openImageViewer(img.src, img.alt);
    });
  }

  /** Called whenever the message view refreshes; work is done only when the message or its text changed. */
  render(m: MessageRecord, markdown: StreamingMarkdown | undefined): void {
    if (this.rendered?.message === m && this.rendered.markdown === markdown) return;
    this.rendered = { message: m, markdown };
    if (this.jsonShown) this.content.hidden = false;
    this.jsonShown = false;
    this.jsonSlot.remove();
    if (m.role !== 'assistant' || m.status === 'streaming') {
      this.root.replaceChildren();
      return;
    }
    // With `n` candidates the candidates view shows the text: the lists still apply, the text is not ours.
    const ownText = !m.candidates?.length && !!markdown;
    const sources = citationSources(m.citations ?? []);
    const marked = sources.length && ownText ? withCitationPlaceholders(m.content, m.citations!, sources) : undefined;
    if (marked && markdown?.text === m.content) {
      markdown.setText(marked, true);
      placeCitationMarkers(this.content, sources);
    }
    this.jsonShown = ownText && isJsonAnswer(m);
    if (this.jsonShown) {
      this.content.before(this.jsonSlot);
      this.jsonSlot.replaceChildren(jsonAnswerView(m, this.content));
    }
    this.root.replaceChildren(refusalBlock(m), audioBlock(m), answerImages(m), imageLinks(m), sources.length ? sourcesList(sources) : '');
  }
}
