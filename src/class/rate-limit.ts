/** Token buckets per key (an address, a learner): a client that floods is refused while everyone else is served. */

export interface BucketRule {
  /** Requests per second, sustained. */
  rate: number;
  /** Requests allowed at once before the rate applies. */
  burst: number;
}

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private rule: BucketRule,
    private maxKeys = 10_000,
  ) {}

  /** Takes one token for `key` at time `now` (ms); false means refuse, and `retryAfterMs` says when to come back. */
  take(key: string, now: number): { ok: boolean; retryAfterMs: number } {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      b = { tokens: this.rule.burst, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.rule.burst, b.tokens + ((now - b.at) / 1000) * this.rule.rate);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true, retryAfterMs: 0 };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - b.tokens) / this.rule.rate) * 1000) };
  }

  /** Forgets full buckets (idle clients); when none is full, the oldest half. */
  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.rule.rate >= this.rule.burst) this.buckets.delete(k);
    if (this.buckets.size < this.maxKeys) return;
    const keys = [...this.buckets.keys()];
    for (const k of keys.slice(0, keys.length / 2)) this.buckets.delete(k);
  }
}
