// A model can repeat the key back (the user pasted it, a relay echoed a header): whatever the
// gateway writes into an answer's text or reasoning is masked before anything above the client
// sees it, the same way errors and traces are. A secret split across deltas is masked whole;
// tool-call arguments are left exactly as the model wrote them (they are shown for approval).
import { maskSecrets, SecretMasker } from '../shared/secrets';
import type { AssembledResponse, ChatEvent, GatewayErrorLike } from './types';

export function maskResponse(response: AssembledResponse, secrets: readonly string[]): AssembledResponse {
  if (secrets.length === 0) return response;
  return {
    ...response,
    choices: response.choices.map((c) => ({
      ...c,
      content: maskSecrets(c.content, secrets),
      reasoning: maskSecrets(c.reasoning, secrets),
      ...(c.refusal !== undefined ? { refusal: maskSecrets(c.refusal, secrets) } : {}),
    })),
  };
}

export async function* maskEchoedSecrets(events: AsyncGenerator<ChatEvent>, secrets: readonly string[]): AsyncGenerator<ChatEvent> {
  if (secrets.length === 0) return yield* events;
  const maskers = new Map<string, SecretMasker>();
  const masker = (kind: 'text' | 'reasoning', choice: number) => {
    const key = `${kind}:${choice}`;
    let m = maskers.get(key);
    if (!m) maskers.set(key, (m = new SecretMasker(secrets)));
    return m;
  };
  try {
    for await (const e of events) {
      if (e.type === 'text' || e.type === 'reasoning') {
        const text = masker(e.type, e.choice).push(e.text);
        if (text) yield { ...e, text };
      } else if (e.type === 'done') {
        // What each masker still holds is the end of the answer: released before `done`.
        for (const [key, m] of maskers) {
          const text = m.flush();
          const [kind, choice] = key.split(':');
          if (text) yield { type: kind as 'text' | 'reasoning', choice: Number(choice), text };
        }
        yield { type: 'done', response: maskResponse(e.response, secrets) };
      } else {
        yield e;
      }
    }
  } catch (err) {
    const partial = (err as GatewayErrorLike | undefined)?.partial;
    if (partial) (err as GatewayErrorLike).partial = maskResponse(partial, secrets);
    throw err;
  }
}
