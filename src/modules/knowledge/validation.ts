import { forbiddenCharacter, type FieldProblem } from '../cmdb/validation.js';
import { TEXT_FIELDS, type TextField } from './models.js';

/** Bounds of an article's fields. */
export const ARTICLE_LIMITS = {
  titleLength: 200,
  textLength: 20000,
  tags: 30,
  tagLength: 50,
  problemRefLength: 100,
  changeNoteLength: 1000,
  links: 500,
};

/** The text and tags of an article as a write gives them. */
export interface ArticleFields {
  title?: string | null;
  symptoms?: string | null;
  cause?: string | null;
  workaround?: string | null;
  resolution?: string | null;
  tags?: string[] | null;
  problemRef?: string | null;
}

const REQUIRED: readonly TextField[] = ['title', 'symptoms'];

/** Adds a problem when a text holds a character no stored text may (see forbiddenCharacter). */
export function checkArticleText(text: string, field: string, problems: FieldProblem[]): void {
  const why = forbiddenCharacter(text);
  if (why) problems.push({ field, message: `${field} must not contain ${why}` });
}

/**
 * Checks and normalizes the given fields: required texts present and not blank, lengths bounded,
 * tags trimmed and de-duplicated. With `creating`, absent required fields are problems too.
 * Returns the stored values of the fields that were given.
 */
export function normalizeArticle(
  input: ArticleFields,
  creating: boolean,
  problems: FieldProblem[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    if (!(field in input) || input[field] === undefined) {
      if (creating && REQUIRED.includes(field))
        problems.push({ field, message: `${field} is required` });
      continue;
    }
    const value = input[field];
    if (value === null || value.trim() === '') {
      if (REQUIRED.includes(field)) problems.push({ field, message: `${field} must not be empty` });
      else out[field] = null;
      continue;
    }
    const max = field === 'title' ? ARTICLE_LIMITS.titleLength : ARTICLE_LIMITS.textLength;
    if (value.length > max)
      problems.push({ field, message: `${field} is longer than ${max} characters` });
    checkArticleText(value, field, problems);
    out[field] = field === 'title' ? value.trim() : value;
  }
  if (input.tags !== undefined) {
    const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))];
    if (tags.length > ARTICLE_LIMITS.tags)
      problems.push({ field: 'tags', message: `at most ${ARTICLE_LIMITS.tags} tags` });
    if (tags.some((t) => t.length > ARTICLE_LIMITS.tagLength))
      problems.push({
        field: 'tags',
        message: `a tag is at most ${ARTICLE_LIMITS.tagLength} characters`,
      });
    tags.forEach((t) => checkArticleText(t, 'tags', problems));
    out.tags = tags;
  } else if (creating) {
    out.tags = [];
  }
  if (input.problemRef !== undefined) {
    const ref = input.problemRef?.trim() || null;
    if (ref && ref.length > ARTICLE_LIMITS.problemRefLength)
      problems.push({ field: 'problemRef', message: 'problemRef is too long' });
    if (ref) checkArticleText(ref, 'problemRef', problems);
    out.problemRef = ref;
  }
  return out;
}
