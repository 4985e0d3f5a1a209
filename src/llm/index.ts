// Public entry of the gateway client layer. No vscode here: plain Node imports this.
export { createClient } from './client';
export { GatewayError, isGatewayError, redact } from './errors';
export { chatCompletionsUrl, modelsUrl, resolveUrls, stripSecrets } from '../shared/gatewayUrl';
export type { ResolvedUrls } from '../shared/gatewayUrl';
export type {
  AssembledAudio,
  AssembledChoice,
  AssembledImage,
  AssembledResponse,
  AssembledToolCall,
  Balance,
  CallOptions,
  ChatEvent,
  ChatMessage,
  ChatRequest,
  ContentPart,
  EndpointConfig,
  GatewayClient,
  GatewayErrorKind,
  GatewayErrorLike,
  Logprobs,
  ModelInfo,
  RetryInfo,
  ProviderItems,
  Role,
  ToolDefinition,
  TraceEvent,
  Usage,
  WireApi,
  WireToolCall,
} from './types';
