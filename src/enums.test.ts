import { buildSchema, GraphQLEnumType } from 'graphql';
import { ROLES } from './modules/access/roles.js';
import { IMPORT_ACTIONS } from './modules/cmdb/import-report.js';
import { TRIAGE_REASONS } from './modules/knowledge/triage.js';
import { KNOWLEDGE_GAP_REASONS } from './modules/knowledge/gaps.js';
import { CHANGE_ACTIONS } from './modules/audit/change-records.js';
import { AUDIT_EVENT_TYPES, AUDIT_RESULTS } from './modules/audit/security-log.js';
import {
  CI_STATUSES,
  CRITICALITIES,
  DEPENDENCY_KINDS,
  DEPENDENCY_STRENGTHS,
  ENVIRONMENTS,
  ORG_UNIT_KINDS,
  SERVICE_CATEGORIES,
  SERVICE_KINDS,
  SERVICE_STATUSES,
  SUPPLIER_ROLES,
  CONTRACT_PHASES,
  SLA_DIMENSIONS,
  TARGET_DIRECTIONS,
  MEASUREMENT_PERIODS,
} from './modules/cmdb/models.js';
import { WARRANTY_STATUSES } from './modules/cmdb/warranty.js';
import { DEPENDENCY_DIRECTIONS } from './modules/impact/dependency-graph.js';
import { STATE_NAMES } from './modules/impact/propagation.js';
import { KNOWN_ERROR_STATUSES, MATCH_REASONS } from './modules/knowledge/models.js';
import {
  CHANGE_EFFECTS,
  CHANGE_OUTCOMES,
  CHANGE_RISKS,
  CHANGE_STATUSES,
  CHANGE_TYPES,
  CONFLICT_KINDS,
} from './modules/change/models.js';
import { ASSET_GROUPINGS } from './modules/reports/service.js';
import { loadTypeDefs } from './schema.js';

/** Each SDL enum's one source in code: the `as const` list its TypeScript type comes from. */
const SOURCES: Record<string, readonly string[]> = {
  Role: ROLES,
  AuditEventType: AUDIT_EVENT_TYPES,
  AuditResult: AUDIT_RESULTS,
  CIStatus: CI_STATUSES,
  Environment: ENVIRONMENTS,
  Criticality: CRITICALITIES,
  WarrantyStatus: WARRANTY_STATUSES,
  ServiceCategory: SERVICE_CATEGORIES,
  ServiceKind: SERVICE_KINDS,
  ServiceStatus: SERVICE_STATUSES,
  OrgUnitKind: ORG_UNIT_KINDS,
  SupplierRole: SUPPLIER_ROLES,
  DependencyKind: DEPENDENCY_KINDS,
  DependencyStrength: DEPENDENCY_STRENGTHS,
  ChangeAction: CHANGE_ACTIONS,
  ImpactState: STATE_NAMES,
  ImportAction: IMPORT_ACTIONS,
  TriageReason: TRIAGE_REASONS,
  KnowledgeGapReason: KNOWLEDGE_GAP_REASONS,
  DependencyDirection: DEPENDENCY_DIRECTIONS,
  KnownErrorStatus: KNOWN_ERROR_STATUSES,
  KnownErrorMatchReason: MATCH_REASONS,
  ChangeType: CHANGE_TYPES,
  ChangeStatus: CHANGE_STATUSES,
  ChangeRisk: CHANGE_RISKS,
  ChangeOutcome: CHANGE_OUTCOMES,
  ChangeEffect: CHANGE_EFFECTS,
  ConflictKind: CONFLICT_KINDS,
  SlaDimension: SLA_DIMENSIONS,
  TargetDirection: TARGET_DIRECTIONS,
  MeasurementPeriod: MEASUREMENT_PERIODS,
  ContractPhase: CONTRACT_PHASES,
  AssetGrouping: ASSET_GROUPINGS,
};

describe('enums', () => {
  it('the SDL has exactly the enums with a source in code, each with its values in order', () => {
    const schema = buildSchema(loadTypeDefs().join('\n'));
    const sdl = Object.values(schema.getTypeMap())
      .filter((t): t is GraphQLEnumType => t instanceof GraphQLEnumType && !t.name.startsWith('__'))
      .map((e) => [e.name, e.getValues().map((v) => v.name)] as const);
    expect(Object.fromEntries(sdl)).toEqual(
      Object.fromEntries(Object.entries(SOURCES).map(([name, values]) => [name, [...values]])),
    );
  });
});
