/** Field checks shared by every write path (single mutations and imports): pure, no I/O. */
import { isIP } from 'node:net';

/** One problem with one field of one input. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Collects problems while normalizing an input. */
export class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

const MAX_NAME = 300;
const MAX_TEXT = 20000;

/** A required name: trimmed, not blank, at most 300 characters. */
export function checkName(value: unknown, field: string, problems: Problems): string {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(field, `${field} must not be blank`);
    return '';
  }
  const name = value.trim();
  if ([...name].length > MAX_NAME)
    problems.add(field, `${field} must be at most ${MAX_NAME} characters`);
  return name;
}

/** An optional free text of at most 20,000 characters; blank becomes null. */
export function checkText(value: unknown, field: string, problems: Problems): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') {
    problems.add(field, `${field} must be a string`);
    return null;
  }
  if ([...value].length > MAX_TEXT)
    problems.add(field, `${field} must be at most ${MAX_TEXT} characters`);
  return value.trim() === '' ? null : value;
}

/** A value of an enum; `fallback` when absent (undefined means required). */
export function checkEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  problems: Problems,
  fallback?: T,
): T {
  if ((value === null || value === undefined) && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  problems.add(field, `${field} must be one of ${allowed.join(', ')}`);
  return allowed[0]!;
}

/** An optional calendar date `YYYY-MM-DD` that exists. */
export function checkDate(value: unknown, field: string, problems: Problems): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value) return value;
  }
  problems.add(field, `${field} must be a date YYYY-MM-DD`);
  return null;
}

/** An optional finite number within bounds. */
export function checkNumber(
  value: unknown,
  field: string,
  problems: Problems,
  min = -Infinity,
  max = Infinity,
): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    problems.add(field, `${field} must be a number from ${min} to ${max}`);
    return null;
  }
  return value;
}

/** An optional integer within bounds. */
export function checkInteger(
  value: unknown,
  field: string,
  problems: Problems,
  min: number,
  max = 2 ** 31 - 1,
): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.add(field, `${field} must be an integer from ${min} to ${max}`);
    return null;
  }
  return value;
}

/** Tags: trimmed, not blank, at most 64 characters each, at most 50, duplicates dropped. */
export function checkTags(value: unknown, field: string, problems: Problems): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(field, `${field} must be a list of strings`);
    return [];
  }
  const tags = [...new Set(value.map((t) => (typeof t === 'string' ? t.trim() : '')))];
  if (tags.some((t) => t === '' || [...t].length > 64))
    problems.add(field, `${field} must be non-blank strings of at most 64 characters`);
  if (tags.length > 50) problems.add(field, `${field} may hold at most 50 tags`);
  return tags;
}

/** An optional id reference: a non-blank string. */
export function checkRef(value: unknown, field: string, problems: Problems): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) {
    problems.add(field, `${field} must be an id`);
    return null;
  }
  return value;
}

/** An id given by a create input: 1 to 200 characters of letters, digits and `-_.:`. */
export function checkId(value: unknown, field: string, problems: Problems): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !/^[\p{L}\p{N}_.:-]{1,200}$/u.test(value)) {
    problems.add(field, `${field} must be 1 to 200 letters, digits or - _ . :`);
    return null;
  }
  return value;
}

/** An IPv4 or IPv6 address in canonical form (IPv6 as RFC 5952), or null when it is not one. */
export function canonicalIp(value: string): string | null {
  const text = value.trim();
  const kind = isIP(text);
  if (kind === 4) return text.split('.').map(Number).join('.');
  if (kind === 6) return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  return null;
}

/** IP addresses: each IPv4 or IPv6, stored canonical, duplicates dropped, at most 64. */
export function checkIpAddresses(value: unknown, field: string, problems: Problems): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(field, `${field} must be a list of IP addresses`);
    return [];
  }
  const out: string[] = [];
  value.forEach((raw, i) => {
    const ip = typeof raw === 'string' ? canonicalIp(raw) : null;
    if (ip === null)
      problems.add(field, `${field}[${i}] ${JSON.stringify(raw)} is not an IPv4 or IPv6 address`);
    else if (!out.includes(ip)) out.push(ip);
  });
  if (out.length > 64) problems.add(field, `${field} may hold at most 64 addresses`);
  return out;
}
