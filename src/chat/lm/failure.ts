// How a failed request is told to a language-model consumer: one of LanguageModelError's codes and
// the reason in words with the gateway's own message (never the key: GatewayError messages are
// redacted where they are made).
import type { ErrorInfo } from '../../shared/conversation';
import { errorDetail, errorHeadline, type Translate } from '../../shared/errorText';
import { assertNever } from '../../shared/assertNever';

export type LmFailureCode = 'NoPermissions' | 'NotFound' | 'Blocked' | 'Unknown';

const CONTENT_FILTER = /content[ _-]?(?:filter|policy|management)|safety|moderation/i;
const UNKNOWN_MODEL = /model[_ ]not[_ ]found|no such model|model\b.{0,80}\b(?:does not exist|not found|not exist)|无可用渠道|模型不存在/i;

export function lmFailureCode(e: ErrorInfo): LmFailureCode {
  if (e.kind === 'config') {
    switch (e.reason) {
      case 'noKey': return 'NoPermissions';
      case 'noEndpoint':
      case 'noModel': return 'NotFound';
      case 'badUrl':
      case 'maxSteps': return 'Unknown';
      default: return assertNever(e);
    }
  }
  const said = `${e.code ?? ''} ${e.message}`;
  if (CONTENT_FILTER.test(said)) return 'Blocked';
  if (e.kind === 'auth') return 'NoPermissions';
  if (e.kind === 'notFound' || UNKNOWN_MODEL.test(said)) return 'NotFound';
  return 'Unknown';
}

/** A content filter that ended the answer (`finish_reason: content_filter`) rather than refusing it. */
export function isFilteredFinish(finishReason: string | null | undefined): boolean {
  return finishReason === 'content_filter';
}

export function lmFailureMessage(e: ErrorInfo, t: Translate): string {
  const detail = errorDetail(e);
  return detail ? `${errorHeadline(e, t)} ${detail}` : errorHeadline(e, t);
}
