import { AuthThrottle } from './auth-throttle.js';

describe('AuthThrottle', () => {
  it('refuses a key after maxFailures in the window, until the oldest failure leaves it', () => {
    let now = 1000;
    const t = new AuthThrottle(3, 10000, 100, () => now);
    t.fail(['1.2.3.4']);
    t.fail(['1.2.3.4']);
    expect(t.retryAfterMs(['1.2.3.4'])).toBe(0);
    now = 2000;
    t.fail(['1.2.3.4', 'sub:admin1']);
    expect(t.retryAfterMs(['1.2.3.4'])).toBe(9000);
    expect(t.retryAfterMs(['5.6.7.8', null])).toBe(0);
    now = 11001;
    expect(t.retryAfterMs(['1.2.3.4'])).toBe(0);
  });

  it('forgets the oldest keys past maxKeys', () => {
    const t = new AuthThrottle(1, 10000, 2, () => 0);
    t.fail(['a']);
    t.fail(['b']);
    t.fail(['c']);
    expect(t.retryAfterMs(['a'])).toBe(0);
    expect(t.retryAfterMs(['c'])).toBe(1e4);
  });
});
