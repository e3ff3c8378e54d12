import type { TestApp } from './test-app.js';

/** The article fields the known-error tests read back. */
export const FIELDS = `id number title status version author reviewer publishedAt tags appliesToClasses
  affectedCIs { id } affectedServices { id }
  revisions { version title symptoms editedBy changeNote }`;
export const CREATE = `mutation($i: CreateKnownErrorInput!) { createKnownError(input: $i) { ${FIELDS} } }`;
export const UPDATE = `mutation($id: ID!, $v: Int!, $i: UpdateKnownErrorInput!, $note: String) {
  updateKnownError(id: $id, expectedVersion: $v, input: $i, changeNote: $note) { ${FIELDS} } }`;
/** A workflow step's mutation (submit, publish, reject, retire), with a reason when it takes one. */
export const step = (name: string, withReason = false) =>
  `mutation($id: ID!, $v: Int!${withReason ? ', $reason: String!' : ''}) { ${name}(id: $id, expectedVersion: $v${
    withReason ? ', reason: $reason' : ''
  }) { ${FIELDS} } }`;

/** A DRAFT article with this title, as an engineer writes one. */
export const draftOf =
  (t: TestApp) =>
  async (title: string, extra: Record<string, unknown> = {}) =>
    (await t.ok(CREATE, { i: { title, symptoms: `${title}：现象描述`, ...extra } }))
      .createKnownError;
