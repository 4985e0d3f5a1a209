// Our tokenizer is not the model's: per model, the ratio of the gateway's real `usage.prompt_tokens`
// to what we counted for the same request scales the next counts. Kept in memory for the window.

/** Ratios outside this range mean the two counts were not of the same thing (a cached or cut prompt). */
const MIN_RATIO = 0.25;
const MAX_RATIO = 4;
/** Below this many counted tokens the overheads we guess dominate: not worth learning from. */
const MIN_COUNTED = 32;

export class Calibration {
  private readonly ratios = new Map<string, number>();

  /** The last answer of `model` said its prompt was `real` tokens where we counted `counted`. */
  observe(model: string, counted: number, real: number | undefined): void {
    if (!real || counted < MIN_COUNTED) return;
    const ratio = real / counted;
    if (ratio >= MIN_RATIO && ratio <= MAX_RATIO) this.ratios.set(model, ratio);
  }

  ratio(model: string): number {
    return this.ratios.get(model) ?? 1;
  }

  /** `counted` as the model's gateway would count it. */
  scale(model: string, counted: number): number {
    return Math.ceil(counted * this.ratio(model));
  }
}
