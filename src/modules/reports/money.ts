/**
 * Exact money: amounts are integer cents (BigInt), rates decimal fractions parsed from their
 * shortest decimal text into a numerator over 10^RATE_DIGITS. A product of cents and a rate is
 * kept exact at that scale, summed exactly, and turned into a number only for display.
 */

/** Decimal digits a rate keeps: 0.085 is 85000 / 10^6; finer rates are refused. */
export const RATE_DIGITS = 6;
const SCALE = 10n ** BigInt(RATE_DIGITS);

/** Cents of a stored value (a float with at most two decimals). */
export function centsOf(value: number | null | undefined): bigint {
  return BigInt(Math.round((value ?? 0) * 100));
}

/** A rate's numerator over 10^RATE_DIGITS, or undefined when it needs more digits or is negative. */
export function scaledRate(rate: number): bigint | undefined {
  if (!Number.isFinite(rate) || rate < 0) return undefined;
  const text = rate.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  const [whole, frac = ''] = text.split('.');
  if (frac.length > RATE_DIGITS) return undefined;
  return BigInt(whole!) * SCALE + BigInt(frac.padEnd(RATE_DIGITS, '0'));
}

/** An exact amount: cents × 10^RATE_DIGITS. */
export type Exact = bigint;

/** cents × rate, exact. */
export const times = (cents: bigint, rate: bigint): Exact => cents * rate;

/** Cents as an exact amount. */
export const exactCents = (cents: bigint): Exact => cents * SCALE;

/** An exact amount in currency units, for display (the only rounding: to the nearest float). */
export function toUnits(amount: Exact): number {
  const scale = SCALE * 100n;
  const whole = amount / scale;
  const rest = amount % scale;
  return Number(whole) + Number(rest) / Number(scale);
}
