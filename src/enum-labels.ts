/**
 * The Chinese and English label of every enum value of the schema, for people (the console, CSV
 * headers): served by `enumLabels`. A unit test checks that every value of every SDL enum has one.
 */
export const ENUM_LABELS: Record<string, Record<string, [zh: string, en: string]>> = {
  Role: {
    VIEWER: ['只读用户', 'Viewer'],
    ENGINEER: ['运维工程师', 'Engineer'],
    PROBLEM_MANAGER: ['问题经理', 'Problem manager'],
    CMDB_ADMIN: ['配置管理员', 'CMDB administrator'],
    CHANGE_MANAGER: ['变更经理', 'Change manager'],
    ADMIN: ['系统管理员', 'Administrator'],
    AUDITOR: ['安全审计员', 'Auditor'],
    SECURITY_ADMIN: ['安全管理员', 'Security administrator'],
  },
  AuditEventType: { AUTHENTICATION: ['身份鉴别', 'Authentication'], MUTATION: ['写操作', 'Write'] },
  AuditResult: {
    SUCCESS: ['成功', 'Success'],
    FAILURE: ['失败', 'Failure'],
    DENIED: ['拒绝', 'Denied'],
  },
  CIStatus: {
    PLANNED: ['规划中', 'Planned'],
    ACTIVE: ['在用', 'Active'],
    MAINTENANCE: ['维护中', 'Maintenance'],
    RETIRED: ['已退役', 'Retired'],
  },
  Environment: {
    PRODUCTION: ['生产', 'Production'],
    DISASTER_RECOVERY: ['灾备', 'Disaster recovery'],
    STAGING: ['预发布', 'Staging'],
    TEST: ['测试', 'Test'],
    DEVELOPMENT: ['开发', 'Development'],
  },
  Criticality: {
    CRITICAL: ['关键', 'Critical'],
    HIGH: ['高', 'High'],
    MEDIUM: ['中', 'Medium'],
    LOW: ['低', 'Low'],
  },
  WarrantyStatus: {
    IN_WARRANTY: ['在保', 'In warranty'],
    EXPIRING_SOON: ['即将过保', 'Expiring soon'],
    EXPIRED: ['已过保', 'Expired'],
    UNKNOWN: ['未知', 'Unknown'],
  },
  ServiceCategory: {
    INFRASTRUCTURE: ['基础设施运维类', 'Infrastructure'],
    APPLICATION: ['应用系统运维类', 'Applications'],
    CONTENT: ['内容信息运维类', 'Content'],
    NETWORK_ACCESS: ['网络接入服务类', 'Network access'],
    SECURITY: ['安全管理服务类', 'Security'],
  },
  ServiceKind: { BUSINESS: ['业务服务', 'Business'], TECHNICAL: ['技术服务', 'Technical'] },
  ServiceStatus: {
    PIPELINE: ['筹备中', 'Pipeline'],
    LIVE: ['运行中', 'Live'],
    RETIRED: ['已停用', 'Retired'],
  },
  OrgUnitKind: {
    DEPARTMENT: ['委办局/业务部门', 'Department'],
    TEAM: ['运维团队', 'Team'],
    SERVICE_DESK: ['服务台', 'Service desk'],
  },
  SupplierRole: {
    PRIME_CONTRACTOR: ['服务总包方', 'Prime contractor'],
    SUBCONTRACTOR: ['服务分包方', 'Subcontractor'],
    VENDOR: ['原厂', 'Vendor'],
  },
  ContractPhase: {
    ANALYSIS: ['分析', 'Analysis'],
    STARTUP: ['启动', 'Start-up'],
    DELIVERY: ['交付', 'Delivery'],
    COMPLETION: ['完成', 'Completion'],
  },
  SlaDimension: {
    TIMELINESS: ['及时性', 'Timeliness'],
    ACCURACY: ['准确性', 'Accuracy'],
    SECURITY: ['安全性', 'Security'],
    AVAILABILITY: ['可用性', 'Availability'],
    QUALITY: ['质量', 'Quality'],
  },
  TargetDirection: { AT_LEAST: ['不低于', 'At least'], AT_MOST: ['不高于', 'At most'] },
  MeasurementPeriod: {
    MONTH: ['月度', 'Monthly'],
    QUARTER: ['季度', 'Quarterly'],
    YEAR: ['年度', 'Yearly'],
  },
  AssetGrouping: {
    DEPARTMENT: ['按部门', 'By department'],
    CI_CLASS: ['按类别', 'By class'],
    SUPPLIER: ['按供应商', 'By supplier'],
    LOCATION: ['按位置', 'By location'],
    ENVIRONMENT: ['按环境', 'By environment'],
  },
  DependencyKind: {
    DEPENDS_ON: ['依赖', 'Depends on'],
    RUNS_ON: ['运行于', 'Runs on'],
    HOSTED_ON: ['承载于', 'Hosted on'],
    CONNECTS_TO: ['接入', 'Connects to'],
    LOCATED_IN: ['位于', 'Located in'],
    MEMBER: ['成员', 'Member'],
  },
  DependencyStrength: { HARD: ['强依赖', 'Hard'], SOFT: ['弱依赖', 'Soft'] },
  ChangeAction: {
    CREATE: ['新建', 'Create'],
    UPDATE: ['修改', 'Update'],
    RETIRE: ['退役', 'Retire'],
    LINK: ['关联', 'Link'],
    UNLINK: ['取消关联', 'Unlink'],
    TRANSITION: ['流转', 'Transition'],
    IMPORT: ['导入', 'Import'],
    DELETE: ['删除', 'Delete'],
  },
  ImpactState: { OK: ['正常', 'OK'], DEGRADED: ['降级', 'Degraded'], DOWN: ['中断', 'Down'] },
  ImportAction: { CREATE: ['新增', 'Create'], UPDATE: ['更新', 'Update'] },
  KnowledgeGapReason: {
    UNHELPFUL_ARTICLES: ['文章未能解决问题', 'Unhelpful articles'],
    NO_ARTICLE: ['缺少已发布文章', 'No article'],
  },
  TriageReason: {
    TEXT: ['文本匹配', 'Text'],
    DIRECT: ['直接关联', 'Direct'],
    CI_CLASS: ['配置项类别', 'CI class'],
    SERVICE: ['关联服务', 'Service'],
    ROOT_CAUSE: ['根因候选', 'Root cause'],
  },
  DependencyDirection: {
    DEPENDENCIES: ['依赖项', 'Dependencies'],
    DEPENDENTS: ['被依赖项', 'Dependents'],
    BOTH: ['双向', 'Both'],
  },
  KnownErrorStatus: {
    DRAFT: ['草稿', 'Draft'],
    IN_REVIEW: ['审核中', 'In review'],
    PUBLISHED: ['已发布', 'Published'],
    RETIRED: ['已废止', 'Retired'],
  },
  KnownErrorMatchReason: {
    DIRECT: ['直接关联', 'Linked directly'],
    CI_CLASS: ['同类配置项', 'By CI class'],
    SERVICE: ['所支撑服务', 'By service'],
  },
  ChangeType: {
    STANDARD: ['标准变更', 'Standard'],
    NORMAL: ['一般变更', 'Normal'],
    EMERGENCY: ['紧急变更', 'Emergency'],
  },
  ChangeStatus: {
    DRAFT: ['草稿', 'Draft'],
    SUBMITTED: ['待审批', 'Submitted'],
    APPROVED: ['已批准', 'Approved'],
    REJECTED: ['已驳回', 'Rejected'],
    IN_PROGRESS: ['实施中', 'In progress'],
    COMPLETED: ['已完成', 'Completed'],
    CANCELLED: ['已取消', 'Cancelled'],
  },
  ChangeRisk: { LOW: ['低', 'Low'], MEDIUM: ['中', 'Medium'], HIGH: ['高', 'High'] },
  ChangeOutcome: {
    SUCCESSFUL: ['成功', 'Successful'],
    FAILED: ['失败', 'Failed'],
    BACKED_OUT: ['已回退', 'Backed out'],
  },
  ChangeEffect: {
    DOWN: ['中断', 'Down'],
    DEGRADED: ['降级', 'Degraded'],
    NONE: ['无影响', 'None'],
  },
  ConflictKind: {
    SAME_COMPONENT: ['同一配置项', 'Same component'],
    COMBINED_IMPACT: ['叠加影响', 'Combined impact'],
    BLACKOUT: ['封网期', 'Blackout'],
  },
};

/** Every label as a row: what `enumLabels` answers. */
export function enumLabelRows(): { enum: string; value: string; labelZh: string; label: string }[] {
  return Object.entries(ENUM_LABELS).flatMap(([name, values]) =>
    Object.entries(values).map(([value, [labelZh, label]]) => ({
      enum: name,
      value,
      labelZh,
      label,
    })),
  );
}
