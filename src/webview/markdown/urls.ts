// Which URLs model output may point at. Allow-lists only: anything not recognised is inert, so a new
// scheme (command:, vscode:, a browser's pseudo-protocol) can never become clickable by accident.

/** Links the user may open (through the host, after seeing the target): http(s) with a host, or mailto. */
const SAFE_LINK = /^(?:https?:\/\/[^\s/?#]+|mailto:[^\s]+)/i;

/** Images we show inline: the model's own base64 output in a raster format. Nothing that needs a fetch. */
const INLINE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]*$/i;

// C0 controls, DEL and whitespace inside a URL are how "java\tscript:" style tricks hide; a URL that
// contains any of them is refused outright rather than cleaned up.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u2028\u2029]/;

export function isSafeLinkHref(href: string | null | undefined): href is string {
  return typeof href === 'string' && !CONTROL_OR_SPACE.test(href) && SAFE_LINK.test(href);
}

export function isInlineImageSrc(src: string | null | undefined): src is string {
  return typeof src === 'string' && INLINE_IMAGE.test(src);
}
