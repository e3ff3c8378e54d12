import type {
  AssetModel,
  ChangeRecordModel,
  CIClassModel,
  ConfigurationItemModel,
  ContractModel,
  EntityModel,
  OrgUnitModel,
  ServiceModel,
  SupplierModel,
} from './models.js';
import { ASSET_FIELDS } from './models.js';

/** A row as entity queries return it: the node's properties, its labels and its outgoing links. */
export interface EntityRow {
  entity: Record<string, unknown>;
  labels: string[];
  /** `[relationshipType, targetId]` pairs of OWNED_BY, SUPPLIED_BY, PROVIDED_BY, CONSUMED_BY, PART_OF, SUBCLASS_OF. */
  links: [string, string][];
}

type Props = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : null);
const link = (links: [string, string][], type: string): string | null =>
  links.find(([t]) => t === type)?.[1] ?? null;
const versioned = (p: Props) => ({
  id: String(p.id),
  version: Number(p.version),
  createdAt: String(p.createdAt),
  updatedAt: String(p.updatedAt),
});

const mappers = new Map<string, (p: Props, links: [string, string][]) => EntityModel>();

/** Lets a module (knowledge, for one) map its own label to a model for `node(id)` and loaders. */
export function registerEntityMapper(
  label: string,
  map: (p: Props, links: [string, string][]) => EntityModel,
): void {
  mappers.set(label, map);
}

/** The asset record stored as flat node properties; null when none of its fields is set. */
export function assetFromProps(p: Props): AssetModel | null {
  const asset = Object.fromEntries(
    ASSET_FIELDS.map((f) => [f, f === 'originalValue' ? num(p[f]) : str(p[f])]),
  ) as unknown as AssetModel;
  return ASSET_FIELDS.some((f) => asset[f] !== null) ? asset : null;
}

registerEntityMapper('ConfigurationItem', (p, links): ConfigurationItemModel => ({
  __typename: 'ConfigurationItem',
  ...versioned(p),
  name: String(p.name),
  ciClass: String(p.ciClass),
  status: p.status as ConfigurationItemModel['status'],
  environment: p.environment as ConfigurationItemModel['environment'],
  criticality: p.criticality as ConfigurationItemModel['criticality'],
  description: str(p.description),
  attributes: json(p.attributes),
  asset: assetFromProps(p),
  ownerId: link(links, 'OWNED_BY'),
  supplierId: link(links, 'SUPPLIED_BY'),
  tags: (p.tags as string[] | null) ?? [],
  ipAddresses: (p.ipAddresses as string[] | null) ?? [],
  minMembersUp: num(p.minMembersUp),
}));

/** A stored SLA, its indicators with the defaults of what older writes did not store. */
function slaOf(sla: ServiceModel['sla']): ServiceModel['sla'] {
  if (!sla) return null;
  return {
    ...sla,
    indicators: (sla.indicators ?? []).map((i) => ({
      ...i,
      dimension: i.dimension ?? null,
      direction: i.direction ?? 'AT_LEAST',
      period: i.period ?? 'MONTH',
    })),
  };
}

registerEntityMapper('Service', (p, links): ServiceModel => ({
  __typename: 'Service',
  ...versioned(p),
  name: String(p.name),
  description: str(p.description),
  category: p.category as ServiceModel['category'],
  subcategory: str(p.subcategory),
  kind: p.kind as ServiceModel['kind'],
  status: p.status as ServiceModel['status'],
  criticality: p.criticality as ServiceModel['criticality'],
  ownerId: link(links, 'OWNED_BY'),
  consumerIds: links
    .filter(([t]) => t === 'CONSUMED_BY')
    .map(([, id]) => id)
    .sort(),
  providerId: link(links, 'PROVIDED_BY'),
  sla: slaOf(json(p.sla) as ServiceModel['sla']),
  tags: (p.tags as string[] | null) ?? [],
}));

registerEntityMapper('OrgUnit', (p, links): OrgUnitModel => ({
  __typename: 'OrgUnit',
  ...versioned(p),
  name: String(p.name),
  kind: p.kind as OrgUnitModel['kind'],
  parentId: link(links, 'PART_OF'),
}));

registerEntityMapper('Supplier', (p): SupplierModel => ({
  __typename: 'Supplier',
  ...versioned(p),
  name: String(p.name),
  role: p.role as SupplierModel['role'],
  contractRef: str(p.contractRef),
  contractEnd: str(p.contractEnd),
  contact: str(p.contact),
}));

registerEntityMapper('Contract', (p, links): ContractModel => ({
  __typename: 'Contract',
  ...versioned(p),
  name: String(p.name),
  supplierId: String(link(links, 'CONTRACTED_WITH')),
  parentId: link(links, 'SUBCONTRACT_OF'),
  serviceIds: links
    .filter(([t]) => t === 'COVERS')
    .map(([, id]) => id)
    .sort(),
  start: String(p.start),
  end: String(p.end),
  value: num(p.value),
  currency: str(p.currency),
  phase: p.phase as ContractModel['phase'],
}));

registerEntityMapper('CIClass', (p, links): CIClassModel => ({
  __typename: 'CIClass',
  id: String(p.id),
  name: String(p.name),
  label: String(p.label),
  labelZh: String(p.labelZh),
  parent: links.find(([t]) => t === 'SUBCLASS_OF')?.[1]?.replace(/^ciclass:/, '') ?? null,
  abstract: Boolean(p.abstract),
}));

registerEntityMapper('ChangeRecord', (p): ChangeRecordModel => ({
  __typename: 'ChangeRecord',
  id: String(p.id),
  at: String(p.at),
  actor: String(p.actor),
  action: String(p.action),
  entityType: String(p.entityType),
  entityId: String(p.entityId),
  changes: json(p.changes),
  requestId: str(p.requestId),
}));

/** Maps an entity row to its model by the first label that has a mapper. */
export function toEntityModel(row: EntityRow): EntityModel {
  for (const label of row.labels) {
    const map = mappers.get(label);
    if (map) return map(row.entity, row.links ?? []);
  }
  throw new Error(`no mapper for an entity with labels ${row.labels.join(',')}`);
}
