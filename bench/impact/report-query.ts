/** What both impact benchmarks ask for: the summary and the first 50 services of a report. */
export const IMPACT_QUERY = `query($i: ImpactAnalysisInput!) { impactAnalysis(input: $i) {
  summary { servicesDown servicesDegraded componentsDown componentsDegraded departmentsAffected truncated }
  services(first: 50) { service { id name } state distance } } }`;
