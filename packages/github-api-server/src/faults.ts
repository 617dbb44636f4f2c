import { FAULT_KINDS, type FaultKind, type FaultPlan } from './types.js';

/** mulberry32: a small, well-known 32-bit PRNG; same seed, same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides, request by request, which fault (if any) a plan injects. */
export class FaultInjector {
  readonly retryAfterSeconds: number;
  readonly retryAfterHeader: boolean;
  private readonly script: Array<FaultKind | null>;
  private readonly methods: Set<string> | undefined;
  private readonly kinds: readonly FaultKind[];
  private readonly rate: number;
  private readonly random: () => number;
  private scriptIndex = 0;

  constructor(plan: FaultPlan) {
    for (const kind of [...(plan.script ?? []), ...(plan.kinds ?? [])]) {
      if (kind !== null && !FAULT_KINDS.includes(kind))
        throw new Error(`unknown fault kind "${String(kind)}"; known: ${FAULT_KINDS.join(', ')}`);
    }
    if (plan.rate !== undefined && !(plan.rate >= 0 && plan.rate <= 1))
      throw new Error(`fault rate must be between 0 and 1, got ${plan.rate}`);
    if (plan.kinds !== undefined && plan.kinds.length === 0) throw new Error('fault kinds must not be empty');
    this.script = [...(plan.script ?? [])];
    this.methods = plan.methods ? new Set(plan.methods.map((method) => method.toUpperCase())) : undefined;
    this.kinds = plan.kinds ?? FAULT_KINDS;
    this.rate = plan.rate ?? 0;
    this.random = seededRandom(plan.seed ?? 1);
    this.retryAfterSeconds = plan.retryAfterSeconds ?? 1;
    this.retryAfterHeader = plan.retryAfterHeader ?? true;
  }

  /** The fault for the next request with this method, or undefined to serve it normally. */
  next(method: string): FaultKind | undefined {
    if (this.methods && !this.methods.has(method.toUpperCase())) return undefined;
    if (this.scriptIndex < this.script.length) return this.script[this.scriptIndex++] ?? undefined;
    if (this.rate === 0 || this.random() >= this.rate) return undefined;
    return this.kinds[Math.floor(this.random() * this.kinds.length)];
  }
}
