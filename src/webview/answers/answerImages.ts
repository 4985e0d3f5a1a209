// Images an image model returned: inline under the answer (data: URLs only, nothing is fetched), a
// larger view on click (Escape closes), and "Save to workspace" through the host.
import type { MessageRecord } from '../../shared/conversation';
import { el, iconButton } from '../dom';
import { t } from '../i18n';
import { isInlineImageSrc } from '../markdown';
import { send } from '../vscodeApi';

/**
 * The images to show under the answer. One the answer's markdown already shows (a `![](data:...)` in
 * its text) is left to the markdown renderer, so nothing appears twice.
 */
export function answerImages(m: MessageRecord): HTMLElement | '' {
  const shown = (m.images ?? [])
    .map((image, index) => ({ image, index }))
    .filter(({ image }) => isInlineImageSrc(image.dataUrl) && !m.content.includes(image.dataUrl));
  if (!shown.length) return '';
  return el('div', { className: 'answer-images' }, ...shown.map(({ image, index }) => {
    const alt = t('Image {0} from the answer', index + 1);
    const img = el('img', { className: 'answer-image', src: image.dataUrl, alt, testId: 'answer-image', tabIndex: 0, title: t('Open larger') });
    img.addEventListener('click', () => openImageViewer(image.dataUrl, alt));
    img.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        openImageViewer(image.dataUrl, alt);
      }
    });
    return el('figure', { className: 'answer-figure' }, img,
      el('figcaption', {}, iconButton(t('Save to workspace'), 'save', 'save-image', () => send({ type: 'saveImage', messageId: m.id, index }))));
  }));
}

/** The image over the whole panel; Escape, the close button or a click outside it closes. */
export function openImageViewer(src: string, alt: string): void {
  if (!isInlineImageSrc(src)) return;
  const before = document.activeElement as HTMLElement | null;
  const close = () => {
    overlay.remove();
    document.removeEventListener('keydown', onKey, true);
    before?.focus?.();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    close();
  };
  const closeButton = iconButton(t('Close'), 'close', 'image-viewer-close', close);
  const overlay = el('div', { className: 'image-viewer', testId: 'image-viewer', attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': alt } },
    closeButton, el('img', { src, alt, className: 'image-viewer-image' }));
  overlay.addEventListener('click', (e) => {
    if (e.target === overlay) close();
  });
  document.addEventListener('keydown', onKey, true);
  document.body.append(overlay);
  closeButton.focus();
}
