// An expected failure whose message goes to the model as the tool result (English, model-facing).
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}
