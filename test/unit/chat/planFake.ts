// Turn plans for chat-layer tests: what the host's TurnPlanner resolves from settings, given directly.
import type { TurnPlan } from '../../../src/chat/request/turnPlan';
import { noticeText } from '../../../src/chat/request/compatibility';
import type { StreamingClient } from '../../../src/chat/turn/turn';

export const englishWords: TurnPlan['words'] = {
  adaptation: (a) => `adapted: ${a}`,
  fix: (f) => noticeText(f, 'the model'),
};

/** A plan for `<endpointId>/<modelId>` answered by `client`; the model id is what follows the first slash. */
export function fakePlan(client: StreamingClient, model = 'relay/deepseek-ai/DeepSeek-R1', over: Partial<TurnPlan> = {}): TurnPlan {
  return {
    model, modelId: model.split('/').slice(1).join('/'), client, settings: {}, fixes: [], tools: {},
    maxSteps: 10, readOnlyWithoutAsking: true, titleWithModel: false, notices: [], words: englishWords, ...over,
  };
}
