import { contracts, services, type Row } from './estate.js';

// ---- Contracts (外包合同): the client's contract with the prime contractor covers the services it
// provides itself; four subcontracts under it, one per subcontractor, cover theirs.
const provided = (supplierId: string) =>
  services.filter((s: Row) => s.providerId === supplierId).map((s: Row) => String(s.id));
const contract = (
  id: string,
  name: string,
  supplierId: string,
  parentId: string | null,
  value: number,
  phase = 'DELIVERY',
) =>
  contracts.push({
    id,
    name,
    supplierId,
    ...(parentId ? { parentId } : {}),
    serviceIds: provided(supplierId),
    start: '2024-07-01',
    end: '2027-06-30',
    value,
    currency: 'CNY',
    phase,
  });
contract(
  'ctr-prime',
  '市政务数据中心运维服务总包合同 ZFCG-2024-YW-001',
  'sup-prime',
  null,
  18600000,
);
contract('ctr-net', '网络运维分包合同 ZFCG-2024-YW-001-02', 'sup-net', 'ctr-prime', 3200000);
contract('ctr-sec', '安全服务分包合同 ZFCG-2024-YW-001-03', 'sup-sec', 'ctr-prime', 2400000);
contract(
  'ctr-facility',
  '机房动力环境分包合同 ZFCG-2024-YW-001-04',
  'sup-facility',
  'ctr-prime',
  1500000,
);
contract('ctr-app', '社保应用运维分包合同 ZFCG-2023-SB-017', 'sup-app', 'ctr-prime', 900000);
