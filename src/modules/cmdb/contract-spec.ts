import type { CreateContractInput } from '../../generated/types.js';
import { CONTRACT_PHASES, type ContractModel } from './models.js';
import { one, type EntitySpec } from './specs.js';
import { checkDate, checkEnum, checkId, checkName, checkNumber, checkRef } from './validation.js';

/**
 * Outsourcing contracts (外包合同): the prime contract with the prime contractor, subcontracts
 * under it (`parentId`), each with its scope of services, term, value and phase.
 */
export const CONTRACT_SPEC: EntitySpec<ContractModel, CreateContractInput> = {
  type: 'Contract',
  idPrefix: 'ctr',
  labels: ['Entity', 'Contract'],
  linkTypes: ['CONTRACTED_WITH', 'SUBCONTRACT_OF', 'COVERS'],
  dateFields: ['start', 'end'],
  normalize(input, _taxonomy, problems) {
    const id = checkId(input.id, 'id', problems);
    const supplierId = checkRef(input.supplierId, 'supplierId', problems);
    if (supplierId === null) problems.add('supplierId', 'supplierId is required');
    const parentId = checkRef(input.parentId, 'parentId', problems);
    if (parentId !== null && parentId === id)
      problems.add('parentId', 'a contract cannot be its own parent');
    const services = Array.isArray(input.serviceIds) ? input.serviceIds : [];
    if (input.serviceIds != null && !Array.isArray(input.serviceIds))
      problems.add('serviceIds', 'serviceIds must be a list of ids');
    const start = checkDate(input.start, 'start', problems);
    const end = checkDate(input.end, 'end', problems);
    if (input.start == null) problems.add('start', 'start is required');
    if (input.end == null) problems.add('end', 'end is required');
    if (start !== null && end !== null && end < start)
      problems.add('end', 'a contract cannot end before it starts');
    if (
      input.currency != null &&
      !(typeof input.currency === 'string' && /^[A-Z]{3}$/.test(input.currency))
    )
      problems.add('currency', 'currency must be an ISO 4217 code such as CNY');
    const value = checkNumber(input.value, 'value', problems, 0);
    return {
      id,
      fields: {
        name: checkName(input.name, 'name', problems),
        start,
        end,
        value,
        currency:
          typeof input.currency === 'string' ? input.currency : value !== null ? 'CNY' : null,
        phase: checkEnum(input.phase, CONTRACT_PHASES, 'phase', problems, 'DELIVERY'),
      },
      links: {
        CONTRACTED_WITH: one(supplierId),
        SUBCONTRACT_OF: one(parentId),
        COVERS: [
          ...new Set(services.map((c, i) => checkRef(c, `serviceIds[${i}]`, problems) ?? '')),
        ]
          .filter(Boolean)
          .sort(),
      },
    };
  },
  inputOf(m) {
    return {
      name: m.name,
      supplierId: m.supplierId,
      parentId: m.parentId,
      serviceIds: m.serviceIds,
      start: m.start,
      end: m.end,
      value: m.value,
      currency: m.currency,
      phase: m.phase,
    };
  },
  updateProblems(id, after, problems) {
    if (after.links.SUBCONTRACT_OF?.[0] === id)
      problems.add('parentId', 'a contract cannot be its own parent');
  },
};
