// Public entry of the loopback test gateway, used by unit, host and e2e tests.
export { startGateway } from './server';
export type { GatewayOptions } from './server';
export { renderChunks, renderCompletion, splitText } from './chunks';
export { planSse } from './sse-writer';
export { DEMO_SCENARIOS, demoModels, demoPng, echoScenario } from './demo-scenarios';
export { anthropicSse, responsesSse, signatureOf, encryptedOf, ONLY_RESPONSES } from './wireFormats';
export type { Answer, BalanceSpec, ChoiceSpec, ErrorBody, RecordedRequest, Scenario, StreamOptions, TestGateway, ToolCallSpec } from './types';
