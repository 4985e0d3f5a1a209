// The request inspector's document: every attempt behind one answer, as markdown a person can read
// (URL, headers, the body pretty-printed, the raw response as received). Labels come translated.
import type { Exchange } from './exchangeLog';

export interface InspectorLabels {
  title: string;
  note: string;
  attempt(index: number, count: number): string;
  requestHeaders: string;
  requestBody: string;
  response: string;
  responseHeaders: string;
  rawResponse: string;
  noResponse: string;
  inProgress: string;
  truncated(chars: number): string;
  failed(error: string): string;
}

export function inspectorMarkdown(model: string, exchanges: readonly Exchange[], l: InspectorLabels): string {
  const out: string[] = [`# ${l.title}${model ? `: ${model}` : ''}`, '', `> ${l.note}`, ''];
  exchanges.forEach((x, i) => {
    const status = x.status !== undefined ? ` · HTTP ${x.status}` : '';
    out.push(`## ${l.attempt(i + 1, exchanges.length)}${status}`, '', `${x.method} ${x.url}`, '');
    out.push(`### ${l.requestHeaders}`, '', fence(headerLines(x.requestHeaders), 'http'), '');
    if (x.requestBody !== undefined) {
      out.push(`### ${l.requestBody}`, '', fence(pretty(x.requestBody, !!x.requestBodyTruncated), 'json'), '');
      if (x.requestBodyTruncated) out.push(l.truncated(x.requestBody.length), '');
    }
    out.push(`### ${l.response}${status}`, '');
    if (x.responseHeaders) out.push(`#### ${l.responseHeaders}`, '', fence(headerLines(x.responseHeaders), 'http'), '');
    if (x.response) {
      out.push(`#### ${l.rawResponse}`, '', fence(x.response, 'text'), '');
      if (x.responseTruncated) out.push(l.truncated(x.response.length), '');
    } else if (x.status === undefined && !x.open) out.push(l.noResponse, '');
    if (x.error) out.push(l.failed(x.error), '');
    if (x.open) out.push(l.inProgress, '');
  });
  return out.join('\n');
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n');
}

/** JSON indented for reading; what was sent byte for byte is in "Copy as curl". */
function pretty(body: string, truncated: boolean): string {
  if (truncated) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** A code fence longer than any run of backticks inside, so a raw response cannot close it. */
function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${text}\n${ticks}`;
}
