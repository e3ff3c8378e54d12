import type {
  CreateConfigurationItemInput,
  CreateOrgUnitInput,
  CreateServiceInput,
  CreateSupplierInput,
} from '../../generated/types.js';
import type { Taxonomy } from './taxonomy.js';
import { normalizeSla } from './sla.js';
import {
  checkCharacters,
  checkDate,
  checkEnum,
  checkId,
  checkInteger,
  checkIpAddresses,
  checkName,
  checkNumber,
  checkRef,
  checkTags,
  checkText,
  type Problems,
} from './validation.js';
import {
  ASSET_FIELDS,
  CI_STATUSES,
  CRITICALITIES,
  ENVIRONMENTS,
  ORG_UNIT_KINDS,
  SERVICE_CATEGORIES,
  SERVICE_KINDS,
  SERVICE_STATUSES,
  SUPPLIER_ROLES,
  type ConfigurationItemModel,
  type EntityModel,
  type OrgUnitModel,
  type ServiceModel,
  type SupplierModel,
} from './models.js';

/**
 * The reference links an entity can hold, with the label their target must carry and the input
 * field naming it: the allow-list of link types Cypher gets as `$linkTypes`.
 */
export const LINKS = {
  OWNED_BY: { target: 'OrgUnit', field: 'ownerId' },
  SUPPLIED_BY: { target: 'Supplier', field: 'supplierId' },
  PROVIDED_BY: { target: 'Supplier', field: 'providerId' },
  CONSUMED_BY: { target: 'OrgUnit', field: 'consumerIds' },
  PART_OF: { target: 'OrgUnit', field: 'parentId' },
  CONTRACTED_WITH: { target: 'Supplier', field: 'supplierId' },
  SUBCONTRACT_OF: { target: 'Contract', field: 'parentId' },
  COVERS: { target: 'Service', field: 'serviceIds' },
} as const;
export type LinkType = keyof typeof LINKS;
export const LINK_TYPES = Object.keys(LINKS) as LinkType[];

/** The entity types written through the generic create/update/import path. */
export type EntityType = 'ConfigurationItem' | 'Service' | 'OrgUnit' | 'Supplier' | 'Contract';

/** An input made into stored properties and links; `id` only when the input named one. */
export interface NormalizedEntity {
  id: string | null;
  fields: Record<string, unknown>;
  links: Partial<Record<LinkType, string[]>>;
}

/** An input as a client or an import document gives it: untrusted until `normalize` has checked it. */
export type EntityInput = Readonly<Record<string, unknown>>;

/** An update of an entity: any fields of its create input, null clearing one. */
export type EntityPatch<I> = { readonly [K in keyof I]?: I[K] | null };

/**
 * How one entity type is validated, stored and compared: the model `M` it reads back as, the
 * create input `I` of the API (an import row is one, unchecked), its labels, its links, and the
 * rules an update must keep beyond those of a create.
 */
export interface EntitySpec<M extends EntityModel = EntityModel, I extends object = EntityInput> {
  type: M['__typename'] & EntityType;
  idPrefix: string;
  /** The labels its nodes carry: the allow-list entity-create takes its labels from. */
  labels: readonly string[];
  linkTypes: LinkType[];
  /** Stored properties that are Neo4j dates. */
  dateFields: string[];
  /** Normalizes a full create-shaped input; problems are collected, not thrown. */
  normalize(input: EntityInput, taxonomy: Taxonomy, problems: Problems): NormalizedEntity;
  /** The create-shaped input that would produce this model: the base an update patches. */
  inputOf(model: M): I;
  /** What an update of entity `id` to `after` breaks that a create cannot (none by default). */
  updateProblems?(id: string, after: NormalizedEntity, problems: Problems): void;
}

import { canonicalJson } from './canonical-json.js';
export { canonicalJson };

/** Every key and string value inside a JSON value. */
const jsonStrings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(jsonStrings)
      : v && typeof v === 'object'
        ? Object.entries(v).flatMap(([k, x]) => [k, ...jsonStrings(x)])
        : [];

/** A single link as a list: none for null. */
export const one = (id: string | null): string[] => (id === null ? [] : [id]);
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};

function normalizeAsset(value: unknown, problems: Problems): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(ASSET_FIELDS.map((f) => [f, null]));
  if (value === null || value === undefined) return out;
  const a = record(value);
  for (const f of ['assetTag', 'serialNumber', 'manufacturer', 'model', 'location'] as const) {
    out[f] = checkText(a[f], `asset.${f}`, problems);
  }
  out.purchaseDate = checkDate(a.purchaseDate, 'asset.purchaseDate', problems);
  out.warrantyExpiry = checkDate(a.warrantyExpiry, 'asset.warrantyExpiry', problems);
  out.originalValue = checkNumber(a.originalValue, 'asset.originalValue', problems, 0);
  if (
    a.currency !== null &&
    a.currency !== undefined &&
    !(typeof a.currency === 'string' && /^[A-Z]{3}$/.test(a.currency))
  ) {
    problems.add('asset.currency', 'asset.currency must be an ISO 4217 code such as CNY');
  } else {
    out.currency = a.currency ?? (out.originalValue !== null ? 'CNY' : null);
  }
  return out;
}

/** Configuration items. */
export const CI_SPEC: EntitySpec<ConfigurationItemModel, CreateConfigurationItemInput> = {
  type: 'ConfigurationItem',
  idPrefix: 'ci',
  labels: ['Entity', 'Component', 'ConfigurationItem'],
  linkTypes: ['OWNED_BY', 'SUPPLIED_BY'],
  dateFields: ['purchaseDate', 'warrantyExpiry'],
  normalize(input, taxonomy, problems) {
    const ciClass = typeof input.ciClass === 'string' ? input.ciClass : '';
    const cls = taxonomy.get(ciClass);
    if (!cls)
      problems.add('ciClass', `ciClass ${JSON.stringify(ciClass)} is not a class of the taxonomy`);
    else if (cls.abstract)
      problems.add('ciClass', `ciClass ${ciClass} is abstract; choose one of its subclasses`);
    const isGroup = cls !== undefined && taxonomy.isGroupClass(ciClass);
    const redundancy =
      input.redundancy === null || input.redundancy === undefined ? null : record(input.redundancy);
    let minMembersUp: number | null = null;
    if (isGroup && redundancy === null)
      problems.add(
        'redundancy',
        `a ${ciClass} is a group CI and needs redundancy { minMembersUp }`,
      );
    if (!isGroup && redundancy !== null && cls)
      problems.add('redundancy', `only group CIs (Cluster and its subclasses) have redundancy`);
    if (redundancy !== null)
      minMembersUp = checkInteger(
        redundancy.minMembersUp,
        'redundancy.minMembersUp',
        problems,
        1,
        100000,
      );
    let attributes: string | null = null;
    if (input.attributes !== null && input.attributes !== undefined) {
      if (typeof input.attributes !== 'object' || Array.isArray(input.attributes))
        problems.add('attributes', 'attributes must be a JSON object');
      else if (
        jsonStrings(input.attributes).every((t) => checkCharacters(t, 'attributes', problems))
      )
        attributes = canonicalJson(input.attributes);
    }
    return {
      id: checkId(input.id, 'id', problems),
      fields: {
        name: checkName(input.name, 'name', problems),
        ciClass,
        status: checkEnum(input.status, CI_STATUSES, 'status', problems, 'ACTIVE'),
        environment: checkEnum(
          input.environment,
          ENVIRONMENTS,
          'environment',
          problems,
          'PRODUCTION',
        ),
        criticality: checkEnum(input.criticality, CRITICALITIES, 'criticality', problems, 'MEDIUM'),
        description: checkText(input.description, 'description', problems),
        attributes,
        ...normalizeAsset(input.asset, problems),
        tags: checkTags(input.tags, 'tags', problems),
        ipAddresses: checkIpAddresses(input.ipAddresses, 'ipAddresses', problems),
        minMembersUp,
      },
      links: {
        OWNED_BY: one(checkRef(input.ownerId, 'ownerId', problems)),
        SUPPLIED_BY: one(checkRef(input.supplierId, 'supplierId', problems)),
      },
    };
  },
  inputOf(model) {
    const m = model;
    return {
      name: m.name,
      ciClass: m.ciClass,
      status: m.status,
      environment: m.environment,
      criticality: m.criticality,
      description: m.description,
      attributes: m.attributes,
      asset: m.asset,
      ownerId: m.ownerId,
      supplierId: m.supplierId,
      tags: m.tags,
      ipAddresses: m.ipAddresses,
      redundancy: m.minMembersUp === null ? null : { minMembersUp: m.minMembersUp },
    };
  },
};

/** Catalog services. */
export const SERVICE_SPEC: EntitySpec<ServiceModel, CreateServiceInput> = {
  type: 'Service',
  idPrefix: 'svc',
  labels: ['Entity', 'Component', 'Service'],
  linkTypes: ['OWNED_BY', 'PROVIDED_BY', 'CONSUMED_BY'],
  dateFields: [],
  normalize(input, _taxonomy, problems) {
    const consumers = Array.isArray(input.consumerIds) ? input.consumerIds : [];
    if (
      input.consumerIds !== null &&
      input.consumerIds !== undefined &&
      !Array.isArray(input.consumerIds)
    ) {
      problems.add('consumerIds', 'consumerIds must be a list of ids');
    }
    return {
      id: checkId(input.id, 'id', problems),
      fields: {
        name: checkName(input.name, 'name', problems),
        description: checkText(input.description, 'description', problems),
        category: checkEnum(input.category, SERVICE_CATEGORIES, 'category', problems),
        subcategory: checkText(input.subcategory, 'subcategory', problems),
        kind: checkEnum(input.kind, SERVICE_KINDS, 'kind', problems, 'BUSINESS'),
        status: checkEnum(input.status, SERVICE_STATUSES, 'status', problems, 'LIVE'),
        criticality: checkEnum(input.criticality, CRITICALITIES, 'criticality', problems, 'MEDIUM'),
        sla: normalizeSla(input.sla, problems),
        tags: checkTags(input.tags, 'tags', problems),
      },
      links: {
        OWNED_BY: one(checkRef(input.ownerId, 'ownerId', problems)),
        PROVIDED_BY: one(checkRef(input.providerId, 'providerId', problems)),
        CONSUMED_BY: [
          ...new Set(consumers.map((c, i) => checkRef(c, `consumerIds[${i}]`, problems) ?? '')),
        ]
          .filter(Boolean)
          .sort(),
      },
    };
  },
  inputOf(model) {
    const m = model;
    return {
      name: m.name,
      description: m.description,
      category: m.category,
      subcategory: m.subcategory,
      kind: m.kind,
      status: m.status,
      criticality: m.criticality,
      ownerId: m.ownerId,
      consumerIds: m.consumerIds,
      providerId: m.providerId,
      sla: m.sla,
      tags: m.tags,
    };
  },
};

/** Departments, teams, the service desk. */
export const ORG_UNIT_SPEC: EntitySpec<OrgUnitModel, CreateOrgUnitInput> = {
  type: 'OrgUnit',
  idPrefix: 'org',
  labels: ['Entity', 'OrgUnit'],
  linkTypes: ['PART_OF'],
  dateFields: [],
  normalize(input, _taxonomy, problems) {
    const id = checkId(input.id, 'id', problems);
    const parentId = checkRef(input.parentId, 'parentId', problems);
    if (parentId !== null && parentId === id)
      problems.add('parentId', 'an org unit cannot be its own parent');
    return {
      id,
      fields: {
        name: checkName(input.name, 'name', problems),
        kind: checkEnum(input.kind, ORG_UNIT_KINDS, 'kind', problems),
      },
      links: { PART_OF: one(parentId) },
    };
  },
  inputOf(model) {
    const m = model;
    return { name: m.name, kind: m.kind, parentId: m.parentId };
  },
  updateProblems(id, after, problems) {
    if (after.links.PART_OF?.[0] === id)
      problems.add('parentId', 'an org unit cannot be its own parent');
  },
};

/** Prime contractor, subcontractors, vendors. */
export const SUPPLIER_SPEC: EntitySpec<SupplierModel, CreateSupplierInput> = {
  type: 'Supplier',
  idPrefix: 'sup',
  labels: ['Entity', 'Supplier'],
  linkTypes: [],
  dateFields: ['contractEnd'],
  normalize(input, _taxonomy, problems) {
    return {
      id: checkId(input.id, 'id', problems),
      fields: {
        name: checkName(input.name, 'name', problems),
        role: checkEnum(input.role, SUPPLIER_ROLES, 'role', problems),
        contractRef: checkText(input.contractRef, 'contractRef', problems),
        contractEnd: checkDate(input.contractEnd, 'contractEnd', problems),
        contact: checkText(input.contact, 'contact', problems),
      },
      links: {},
    };
  },
  inputOf(model) {
    const m = model;
    return {
      name: m.name,
      role: m.role,
      contractRef: m.contractRef,
      contractEnd: m.contractEnd,
      contact: m.contact,
    };
  },
};

/** What the repository needs of a spec to store entities of its type. */
export type EntityStorage = Pick<EntitySpec, 'type' | 'labels' | 'linkTypes' | 'dateFields'>;

/** The stored fields and links of a model, in the normalized shape, for comparing with an input. */
export function storedShape<M extends EntityModel, I extends object>(
  spec: EntitySpec<M, I>,
  model: M,
  taxonomy: Taxonomy,
  problems: Problems,
): NormalizedEntity {
  return spec.normalize(spec.inputOf(model) as EntityInput, taxonomy, problems);
}
