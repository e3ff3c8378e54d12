import { Card, InputNumber, Segmented, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { graphql } from '../gql';
import { useQuery } from '../hooks';
import { useT } from '../i18n';
import { ErrorNotice } from './ErrorNotice';
import { GraphMap } from './GraphMap';

const GraphQuery = graphql(`
  query DependencyGraph($id: ID!, $direction: DependencyDirection!, $maxDepth: Int!) {
    dependencyGraph(id: $id, direction: $direction, maxDepth: $maxDepth) {
      nodes {
        id
        name
        type
        depth
      }
      edges {
        from
        to
      }
      truncated
    }
  }
`);

/** The dependency graph around a component, with depth and direction controls. */
export function DependencyGraphCard({ id }: { id: string }) {
  const { t, label } = useT();
  const navigate = useNavigate();
  const [direction, setDirection] = useState<'DEPENDENCIES' | 'DEPENDENTS' | 'BOTH'>(
    'DEPENDENCIES',
  );
  const [maxDepth, setMaxDepth] = useState(2);
  const { data, error } = useQuery(GraphQuery, { id, direction, maxDepth });
  const graph = data?.dependencyGraph;
  const { nodes, edges } = useMemo(
    () => ({
      nodes: (graph?.nodes ?? []).map((n) => ({
        id: n.id,
        label: n.name,
        layer: n.depth,
        color: n.id === id ? '#1677ff' : n.type === 'Service' ? '#13c2c2' : '#8c8c8c',
      })),
      edges: graph?.edges ?? [],
    }),
    [graph, id],
  );
  return (
    <Card
      title={t('graph.title')}
      extra={
        <Space>
          <Segmented
            aria-label={t('graph.direction')}
            value={direction}
            onChange={(v) => setDirection(v as typeof direction)}
            options={(['DEPENDENCIES', 'DEPENDENTS', 'BOTH'] as const).map((d) => ({
              value: d,
              label: label('DependencyDirection', d),
            }))}
          />
          <InputNumber
            aria-label={t('graph.depth')}
            min={1}
            max={6}
            value={maxDepth}
            onChange={(v) => setMaxDepth(v ?? 2)}
            addonBefore={t('graph.depth')}
          />
        </Space>
      }
    >
      {error && <ErrorNotice error={error} />}
      {graph && (
        <GraphMap
          nodes={nodes}
          edges={edges}
          height={360}
          onSelect={(n) => {
            const node = graph.nodes.find((x) => x.id === n);
            if (node && n !== id)
              navigate(`/${node.type === 'Service' ? 'services' : 'ci'}/${encodeURIComponent(n)}`);
          }}
          ariaLabel={t('graph.label', { n: nodes.length })}
        />
      )}
    </Card>
  );
}
