/** Field checks shared by every write path (single mutations and imports): pure, no I/O. */
import { isIP } from 'node:net';
import { BadUserInputError } from '../../errors.js';

/** One problem with one field of one input. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Throws the first problem as BAD_USER_INPUT with its field, and all of them in `problems`. */
export function throwProblems(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new BadUserInputError(first.message, first.field, problems.length > 1 ? { problems } : {});
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

/**
 * Characters no stored text may hold: NUL and the other C0 controls but tab and line ends, lone
 * surrogates, Unicode non-characters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF), and the bidirectional
 * embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), with which a text can
 * show one thing and say another.
 */
const FORBIDDEN_CHARACTERS =
  // Control characters are what this expression is for.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E\u2066-\u2069\uFDD0-\uFDEF]|[\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text breaks the character rules (FORBIDDEN_CHARACTERS), or null when it does not. */
export function forbiddenCharacter(text: string): string | null {
  const m = FORBIDDEN_CHARACTERS.exec(text);
  if (!m) return null;
  const code = m[0].codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20) return `a control character (${hex})`;
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069))
    return `a bidirectional control (${hex})`;
  if (code >= 0xd800 && code <= 0xdfff && m[0].length === 1) return 'a lone surrogate';
  return `a non-character (${hex})`;
}

/** Adds a problem when a text holds a forbidden character; true when it was clean. */
export function checkCharacters(text: string, field: string, problems: Problems): boolean {
  const why = forbiddenCharacter(text);
  if (why) problems.add(field, `${field} must not contain ${why}`);
  return why === null;
}

/** A required name: trimmed, not blank, at most 300 characters. */
export function checkName(value: unknown, field: string, problems: Problems): string {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(field, `${field} must not be blank`);
    return '';
  }
  const name = value.trim();
  checkCharacters(name, field, problems);
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
  checkCharacters(value, field, problems);
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

/** An instant, ISO-8601 with a zone (as the DateTime scalar takes it), made canonical (UTC, ms). */
export function checkDateTime(value: unknown, field: string, problems: Problems): string | null {
  if (value === null || value === undefined) return null;
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  )
    return new Date(value).toISOString();
  problems.add(field, `${field} must be an instant, ISO-8601 with a zone`);
  return null;
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
  tags.some((t) => !checkCharacters(t, field, problems));
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

/**
 * An id given by a create input: 1 to 200 ASCII letters, digits and `-_.:` (no look-alike letters
 * of other scripts: an id is typed, pasted into tickets and matched exactly).
 */
export function checkId(value: unknown, field: string, problems: Problems): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.:-]{1,200}$/.test(value)) {
    problems.add(field, `${field} must be 1 to 200 of the characters A-Z a-z 0-9 - _ . :`);
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
