/** Plain models of the CMDB, as repositories return them and resolvers receive them. */

// Every enum of the CMDB has one source: the `as const` list here. The types follow from it, the
// SDL's enums equal it (src/enum-labels.test.ts says so), and Cypher gets it as a parameter.

export const CI_STATUSES = ['PLANNED', 'ACTIVE', 'MAINTENANCE', 'RETIRED'] as const;
export type CIStatus = (typeof CI_STATUSES)[number];
export const ENVIRONMENTS = [
  'PRODUCTION',
  'DISASTER_RECOVERY',
  'STAGING',
  'TEST',
  'DEVELOPMENT',
] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export const CRITICALITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type Criticality = (typeof CRITICALITIES)[number];
/** The catalog categories (服务目录), in the order the catalog lists them. */
export const SERVICE_CATEGORIES = [
  'INFRASTRUCTURE',
  'APPLICATION',
  'CONTENT',
  'NETWORK_ACCESS',
  'SECURITY',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
export const SERVICE_KINDS = ['BUSINESS', 'TECHNICAL'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const SERVICE_STATUSES = ['PIPELINE', 'LIVE', 'RETIRED'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export const ORG_UNIT_KINDS = ['DEPARTMENT', 'TEAM', 'SERVICE_DESK'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];
export const SUPPLIER_ROLES = ['PRIME_CONTRACTOR', 'SUBCONTRACTOR', 'VENDOR'] as const;
export type SupplierRole = (typeof SUPPLIER_ROLES)[number];
/** The outsourcing phases of a contract (分析, 启动, 交付, 完成). */
export const CONTRACT_PHASES = ['ANALYSIS', 'STARTUP', 'DELIVERY', 'COMPLETION'] as const;
export type ContractPhase = (typeof CONTRACT_PHASES)[number];
/** What an SLA indicator measures (及时性, 准确性, 安全性, 可用性, 质量). */
export const SLA_DIMENSIONS = [
  'TIMELINESS',
  'ACCURACY',
  'SECURITY',
  'AVAILABILITY',
  'QUALITY',
] as const;
export type SlaDimension = (typeof SLA_DIMENSIONS)[number];
/** Whether an indicator's value must reach its target or stay under it. */
export const TARGET_DIRECTIONS = ['AT_LEAST', 'AT_MOST'] as const;
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];
/** How often an indicator is measured. */
export const MEASUREMENT_PERIODS = ['MONTH', 'QUARTER', 'YEAR'] as const;
export type MeasurementPeriod = (typeof MEASUREMENT_PERIODS)[number];
/** The relationship types that carry dependencies: the allow-list Cypher takes as `$kinds`. */
export const DEPENDENCY_KINDS = [
  'DEPENDS_ON',
  'RUNS_ON',
  'HOSTED_ON',
  'CONNECTS_TO',
  'LOCATED_IN',
  'MEMBER',
] as const;
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];
export const DEPENDENCY_STRENGTHS = ['HARD', 'SOFT'] as const;
export type DependencyStrength = (typeof DEPENDENCY_STRENGTHS)[number];

/** Fields every mutable entity carries. */
export interface Versioned {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The asset record of a CI. */
export interface AssetModel {
  assetTag: string | null;
  serialNumber: string | null;
  manufacturer: string | null;
  model: string | null;
  purchaseDate: string | null;
  originalValue: number | null;
  currency: string | null;
  warrantyExpiry: string | null;
  location: string | null;
}

/** The asset fields, in the order they are stored as node properties. */
export const ASSET_FIELDS: readonly (keyof AssetModel)[] = [
  'assetTag',
  'serialNumber',
  'manufacturer',
  'model',
  'purchaseDate',
  'originalValue',
  'currency',
  'warrantyExpiry',
  'location',
];

export interface ConfigurationItemModel extends Versioned {
  __typename: 'ConfigurationItem';
  name: string;
  ciClass: string;
  status: CIStatus;
  environment: Environment;
  criticality: Criticality;
  description: string | null;
  attributes: unknown;
  asset: AssetModel | null;
  ownerId: string | null;
  supplierId: string | null;
  tags: string[];
  /** Management and service addresses, canonical (IPv6 as RFC 5952). */
  ipAddresses: string[];
  minMembersUp: number | null;
}

export interface SlaIndicatorModel {
  name: string;
  target: number;
  unit: string;
  dimension: SlaDimension | null;
  direction: TargetDirection;
  period: MeasurementPeriod;
}

export interface ServiceLevelModel {
  availabilityTarget: number | null;
  supportHours: string | null;
  responseMinutes: number | null;
  resolutionMinutes: number | null;
  indicators: SlaIndicatorModel[];
}

export interface ServiceModel extends Versioned {
  __typename: 'Service';
  name: string;
  description: string | null;
  category: ServiceCategory;
  subcategory: string | null;
  kind: ServiceKind;
  status: ServiceStatus;
  criticality: Criticality;
  ownerId: string | null;
  consumerIds: string[];
  providerId: string | null;
  sla: ServiceLevelModel | null;
  tags: string[];
}

export interface OrgUnitModel extends Versioned {
  __typename: 'OrgUnit';
  name: string;
  kind: OrgUnitKind;
  parentId: string | null;
}

export interface SupplierModel extends Versioned {
  __typename: 'Supplier';
  name: string;
  role: SupplierRole;
  contractRef: string | null;
  contractEnd: string | null;
  contact: string | null;
}

/** An outsourcing contract: the prime contract, or a subcontract under it (`parentId`). */
export interface ContractModel extends Versioned {
  __typename: 'Contract';
  name: string;
  supplierId: string;
  parentId: string | null;
  serviceIds: string[];
  start: string;
  end: string;
  value: number | null;
  currency: string | null;
  phase: ContractPhase;
}

export interface CIClassModel {
  __typename: 'CIClass';
  id: string;
  name: string;
  label: string;
  labelZh: string;
  parent: string | null;
  abstract: boolean;
}

export interface ChangeRecordModel {
  __typename: 'ChangeRecord';
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: unknown;
  requestId: string | null;
}

/** A CI or a service. */
export type ComponentModel = ConfigurationItemModel | ServiceModel;

/** Any entity `node(id)` can return. Other modules add theirs through `registerEntityMapper`. */
export type EntityModel =
  | ComponentModel
  | OrgUnitModel
  | SupplierModel
  | ContractModel
  | CIClassModel
  | ChangeRecordModel
  | { __typename: string; id: string };

/** One dependency edge seen from one end: `node` is the other end. */
export interface DependencyEdgeModel {
  kind: DependencyKind;
  strength: DependencyStrength;
  node: ComponentModel;
  /** Sort key of the edge in its list: the other end's name, the kind, the other end's id. */
  sortKey: [string, string, string];
}

/** A stored dependency edge, as `addDependency` returns it. */
export interface DependencyModel {
  from: ComponentModel;
  to: ComponentModel;
  kind: DependencyKind;
  strength: DependencyStrength;
}
