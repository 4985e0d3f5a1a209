/** `<endpointId>/<modelId>`, split at the first slash: endpoint ids have none, model ids may (`deepseek-ai/DeepSeek-R1`). */
export function splitModelRef(ref: string): { endpointId: string; modelId: string } | undefined {
  const i = ref.indexOf('/');
  if (i <= 0 || i === ref.length - 1) return undefined;
  return { endpointId: ref.slice(0, i), modelId: ref.slice(i + 1) };
}

export function joinModelRef(endpointId: string, modelId: string): string {
  return `${endpointId}/${modelId}`;
}
