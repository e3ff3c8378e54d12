import { Button, Card, Table } from 'antd';
import { useState } from 'react';
import { graphql } from '../gql';
import type { EdgePageFragment } from '../gql/graphql';
import { useQuery } from '../hooks';
import { useT } from '../i18n';
import { ErrorNotice } from './ErrorNotice';
import { EntityLink } from './links';

graphql(`
  fragment EdgePage on DependencyConnection {
    totalCount
    edges {
      kind
      strength
      node {
        __typename
        id
        name
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
`);

const EdgesQuery = graphql(`
  query ComponentEdges($id: ID!, $after: String, $dependents: Boolean!) {
    node(id: $id) {
      ... on Component {
        dependencies(first: 50, after: $after) @skip(if: $dependents) {
          ...EdgePage
        }
        dependents(first: 50, after: $after) @include(if: $dependents) {
          ...EdgePage
        }
      }
    }
  }
`);

/** A component's dependencies or dependents, 50 at a time. */
export function EdgesCard({ id, dependents }: { id: string; dependents: boolean }) {
  const { t, label } = useT();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const { data, error } = useQuery(EdgesQuery, { id, after, dependents });
  const node = data?.node as
    | { dependencies?: EdgePageFragment | null; dependents?: EdgePageFragment | null }
    | null
    | undefined;
  const conn = dependents ? node?.dependents : node?.dependencies;
  const title = t(dependents ? 'ci.dependents' : 'ci.dependencies', { n: conn?.totalCount ?? 0 });
  return (
    <Card title={title}>
      {error && <ErrorNotice error={error} />}
      <Table
        aria-label={title}
        size="small"
        rowKey={(e) => `${e.kind}-${e.node.id}`}
        dataSource={conn?.edges ?? []}
        pagination={false}
        columns={[
          {
            title: t('col.component'),
            render: (_, e) => (
              <EntityLink id={e.node.id} name={e.node.name} type={e.node.__typename} />
            ),
          },
          { title: t('col.kind'), render: (_, e) => label('DependencyKind', e.kind) },
          { title: t('col.strength'), render: (_, e) => label('DependencyStrength', e.strength) },
        ]}
      />
      {cursors.length > 1 && (
        <Button onClick={() => setCursors(cursors.slice(0, -1))}>{t('common.previous')}</Button>
      )}
      {conn?.pageInfo.hasNextPage && (
        <Button onClick={() => setCursors([...cursors, conn.pageInfo.endCursor ?? null])}>
          {t('common.next')}
        </Button>
      )}
    </Card>
  );
}
