import type { TestApp } from './test-app.js';

/** Small factories that build test data through the public API. */
export function factories(t: TestApp) {
  return {
    orgUnit: async (id: string, name = id, kind = 'DEPARTMENT', parentId?: string) =>
      (
        await t.ok(`mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }`, {
          i: { id, name, kind, parentId },
        })
      ).createOrgUnit,
    supplier: async (id: string, name = id, role = 'VENDOR') =>
      (
        await t.ok(`mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { id } }`, {
          i: { id, name, role },
        })
      ).createSupplier,
    ci: async (id: string, ciClass = 'PhysicalServer', extra: Record<string, unknown> = {}) =>
      (
        await t.ok(
          `mutation($i: CreateConfigurationItemInput!) { createConfigurationItem(input: $i) { id version } }`,
          { i: { id, name: id, ciClass, ...extra } },
        )
      ).createConfigurationItem,
    service: async (id: string, extra: Record<string, unknown> = {}) =>
      (
        await t.ok(
          `mutation($i: CreateServiceInput!) { createService(input: $i) { id version } }`,
          { i: { id, name: id, category: 'APPLICATION', ...extra } },
        )
      ).createService,
    dependency: async (fromId: string, toId: string, kind = 'DEPENDS_ON', strength = 'HARD') =>
      t.ok(`mutation($i: AddDependencyInput!) { addDependency(input: $i) { kind } }`, {
        i: { fromId, toId, kind, strength },
      }),
    /** Sends a write that must be refused with `code` (and `field`); returns the first error. */
    refused: async (
      query: string,
      variables: Record<string, unknown>,
      code: string,
      field?: string,
    ) => {
      const res = await t.gql(query, variables);
      expect(errorOf(res).code).toBe(code);
      if (field) expect(errorOf(res).field).toBe(field);
      return res.errors![0]!;
    },
    /** How many entities of every kind exist, to prove a rejected write wrote nothing. */
    counts: async () => {
      const d = await t.ok(
        `{ configurationItems(first: 0) { totalCount } services(first: 0) { totalCount } orgUnits { id } suppliers { id } }`,
      );
      return {
        cis: d.configurationItems.totalCount,
        services: d.services.totalCount,
        orgUnits: d.orgUnits.length,
        suppliers: d.suppliers.length,
      };
    },
  };
}

/** The `extensions.code` of a response's first error, or undefined when it has none. */
export const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) =>
  r.errors?.[0]?.extensions?.code;

/**
 * The `extensions` of a response's first error: the code, the field and the rest. Throws when
 * the response has no error, so that a test expecting one fails with the data it got instead.
 */
export function errorOf(r: {
  data?: unknown;
  errors?: { extensions: { code: string; [k: string]: unknown } }[] | null;
}): { code: string; field?: string; [k: string]: unknown } {
  const first = r.errors?.[0];
  if (!first) throw new Error(`expected an error, got ${JSON.stringify(r.data)}`);
  return first.extensions;
}
