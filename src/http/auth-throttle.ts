/**
 * The failed-authentication limiter (MLPS 登录失败处理): at most `maxFailures` failed
 * authentications per key (a client address, or a claimed subject) within a sliding window of
 * `windowMs`; past that the key is refused until its oldest failure leaves the window. In memory,
 * per instance; at most `maxKeys` keys are tracked (the oldest are forgotten first).
 */
export class AuthThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until any of the keys may try again; 0 when none is throttled. */
  retryAfterMs(keys: readonly (string | null)[]): number {
    let wait = 0;
    for (const key of keys) {
      if (key === null) continue;
      const times = this.recent(key);
      if (times.length >= this.maxFailures)
        wait = Math.max(wait, times[times.length - this.maxFailures]! + this.windowMs - this.now());
    }
    return wait;
  }

  /** Counts one failed authentication against each key. */
  fail(keys: readonly (string | null)[]): void {
    for (const key of keys) {
      if (key === null) continue;
      const times = this.recent(key);
      times.push(this.now());
      // Re-inserted last: the map's order is the order keys were last seen.
      this.failures.delete(key);
      this.failures.set(key, times.slice(-this.maxFailures));
      if (this.failures.size > this.maxKeys)
        this.failures.delete(this.failures.keys().next().value!);
    }
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > cutoff);
  }
}
