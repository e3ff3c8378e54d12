import { orgUnits, suppliers } from './estate.js';

// ---- Org units: the big-data centre's teams, the service desk, consuming departments (委办局).
export const org = (id: string, name: string, kind: string, parentId?: string) =>
  orgUnits.push({ id, name, kind, ...(parentId ? { parentId } : {}) });
org('org-bdc', '市大数据中心 Municipal Big Data Center', 'TEAM');
org('org-team-facility', '基础设施运维组 Facilities team', 'TEAM', 'org-bdc');
org('org-team-network', '网络运维组 Network team', 'TEAM', 'org-bdc');
org('org-team-system', '系统运维组 Systems team', 'TEAM', 'org-bdc');
org('org-team-app', '应用运维组 Applications team', 'TEAM', 'org-bdc');
org('org-team-security', '安全运维组 Security team', 'TEAM', 'org-bdc');
org('org-service-desk', '运维服务台 Service Desk', 'SERVICE_DESK', 'org-bdc');
export const departments: [string, string][] = [
  ['org-gov-office', '市政府办公厅'],
  ['org-drc', '市发展和改革委员会'],
  ['org-hrss', '市人力资源和社会保障局'],
  ['org-housing', '市住房和城乡建设局'],
  ['org-nrp', '市自然资源和规划局'],
  ['org-hpf', '市住房公积金管理中心'],
  ['org-finance', '市财政局'],
  ['org-health', '市卫生健康委员会'],
  ['org-education', '市教育局'],
  ['org-samr', '市市场监督管理局'],
  ['org-gsa', '市政务服务管理局'],
  ['org-civil', '市民政局'],
  ['org-eco', '市生态环境局'],
  ['org-transport', '市交通运输局'],
  ['org-audit', '市审计局'],
  ['org-stats', '市统计局'],
  ['org-medical', '市医疗保障局'],
  ['org-emergency', '市应急管理局'],
  ['org-archives', '市档案馆'],
  ['org-foreign', '市外事办公室'],
  ['org-district-east', '东城区人民政府'],
  ['org-district-west', '西城区人民政府'],
];
departments.forEach(([id, name]) => org(id, name, 'DEPARTMENT'));

// ---- Suppliers: the prime contractor (服务总包方), subcontractors (服务分包方), vendors (原厂).
export const sup = (
  id: string,
  name: string,
  role: string,
  contractRef: string | null,
  contractEnd: string | null,
  contact: string,
) => suppliers.push({ id, name, role, contractRef, contractEnd, contact });
sup(
  'sup-prime',
  '华信数字政府运维服务有限公司 (总包)',
  'PRIME_CONTRACTOR',
  'ZFCG-2024-YW-001',
  '2027-06-30',
  '项目经理 王磊 138-0000-1001',
);
sup(
  'sup-net',
  '城联网络技术有限公司 (网络分包)',
  'SUBCONTRACTOR',
  'ZFCG-2024-YW-001-02',
  '2027-06-30',
  '网络组长 陈刚 138-0000-1002',
);
sup(
  'sup-sec',
  '恒安信息安全服务有限公司 (安全分包)',
  'SUBCONTRACTOR',
  'ZFCG-2024-YW-001-03',
  '2027-06-30',
  '安全值班 7x24 400-000-1003',
);
sup(
  'sup-facility',
  '中科动力环境工程有限公司 (机房分包)',
  'SUBCONTRACTOR',
  'ZFCG-2024-YW-001-04',
  '2026-12-31',
  '驻场工程师 刘洋 138-0000-1004',
);
sup(
  'sup-app',
  '东软集团股份有限公司 (社保应用)',
  'SUBCONTRACTOR',
  'ZFCG-2023-SB-017',
  '2026-09-30',
  'support@example-neusoft.cn',
);
export const vendors: [string, string][] = [
  ['sup-huawei', '华为技术有限公司'],
  ['sup-h3c', '新华三技术有限公司'],
  ['sup-sangfor', '深信服科技股份有限公司'],
  ['sup-inspur', '浪潮电子信息产业股份有限公司'],
  ['sup-oracle', '甲骨文(中国)软件系统有限公司'],
  ['sup-dameng', '武汉达梦数据库股份有限公司'],
  ['sup-tongtech', '北京东方通科技股份有限公司'],
  ['sup-vmware', 'VMware (Broadcom)'],
  ['sup-f5', 'F5 Networks'],
  ['sup-qianxin', '奇安信科技集团股份有限公司'],
  ['sup-telecom', '中国电信股份有限公司'],
  ['sup-unicom', '中国联合网络通信有限公司'],
  ['sup-seeyon', '北京致远互联软件股份有限公司'],
  ['sup-hikvision', '杭州海康威视数字技术股份有限公司'],
  ['sup-kingbase', '人大金仓'],
  ['sup-cfca', '中国金融认证中心 (CFCA)'],
];
vendors.forEach(([id, name]) => sup(id, name, 'VENDOR', null, null, '原厂技术支持热线'));
