import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { useEffect, useMemo, useRef } from 'react';
import { apiHeaders } from '../api';

const EXAMPLE = `# 政务数据中心 CMDB: try an impact analysis
query {
  impactAnalysis(input: { failed: ["core-ext-1", "core-ext-2"] }) {
    summary { servicesDown servicesDegraded departmentsAffected }
    services { service { name } state }
  }
}
`;

/**
 * What GraphiQL 4 leaves short of WCAG for this console's checks, mended in its DOM as it renders:
 * its editors' hidden textareas get names, their scrolling areas can take the keyboard, and its
 * tab strip (a tab that holds its own close button) is a plain group of buttons.
 */
function mendAccessibility(root: HTMLElement): void {
  const names: [string, string][] = [
    ['.graphiql-query-editor', 'GraphQL query'],
    ['.graphiql-editor-tool [aria-label]', ''],
    ['.graphiql-response', 'Response'],
  ];
  root.querySelectorAll<HTMLTextAreaElement>('textarea:not([aria-label])').forEach((t) => {
    const named = names.find(([sel, name]) => name && t.closest(sel));
    t.setAttribute('aria-label', named?.[1] ?? 'GraphQL editor');
  });
  root
    .querySelectorAll('.CodeMirror-scroll:not([tabindex="0"])')
    .forEach((s) => s.setAttribute('tabindex', '0'));
  root.querySelectorAll('[role="tablist"]').forEach((t) => t.removeAttribute('role'));
  root.querySelectorAll('.graphiql-tab[role="tab"]').forEach((t) => {
    t.removeAttribute('role');
    t.removeAttribute('aria-selected');
  });
}

/** GraphiQL served from this service's own files, with the tab's key as its bearer token. */
export default function Explorer() {
  const fetcher = useMemo(
    () => createGraphiQLFetcher({ url: '/graphql', headers: apiHeaders() }),
    [],
  );
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = root.current!;
    mendAccessibility(el);
    const observer = new MutationObserver(() => mendAccessibility(el));
    observer.observe(el, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['role'],
    });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={root} className="explorer" style={{ height: 'calc(100vh - 112px)' }}>
      <GraphiQL fetcher={fetcher} defaultQuery={EXAMPLE} />
    </div>
  );
}
