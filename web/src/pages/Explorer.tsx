import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { useMemo } from 'react';
import { apiHeaders } from '../api';

const EXAMPLE = `# 政务数据中心 CMDB: try an impact analysis
query {
  impactAnalysis(input: { failed: ["core-ext-1", "core-ext-2"] }) {
    summary { servicesDown servicesDegraded departmentsAffected }
    services { service { name } state }
  }
}
`;

/** GraphiQL served from this service's own files, with the tab's key as its bearer token. */
export default function Explorer() {
  const fetcher = useMemo(
    () => createGraphiQLFetcher({ url: '/graphql', headers: apiHeaders() }),
    [],
  );
  return (
    <div style={{ height: 'calc(100vh - 112px)' }} aria-label="GraphiQL">
      <GraphiQL fetcher={fetcher} defaultQuery={EXAMPLE} />
    </div>
  );
}
