import { Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { graphql } from '../gql';
import { useQuery } from '../hooks';
import { useT } from '../i18n';
import { ErrorNotice } from './ErrorNotice';

const HistoryQuery = graphql(`
  query EntityHistory($id: ID!, $after: String) {
    history(entityId: $id, first: 20, after: $after) {
      totalCount
      edges {
        node {
          id
          at
          actor
          action
          changes
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The audit trail of an entity, newest first, 20 at a time. */
export function HistoryCard({ id }: { id: string }) {
  const { t, label } = useT();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const { data, error } = useQuery(HistoryQuery, { id, after: cursors.at(-1) ?? null });
  const history = data?.history;
  return (
    <Card title={t('history.title', { n: history?.totalCount ?? 0 })}>
      {error && <ErrorNotice error={error} />}
      <Table
        aria-label={t('history.label')}
        size="small"
        rowKey={(e) => e.node.id}
        dataSource={history?.edges ?? []}
        pagination={false}
        columns={[
          { title: t('col.at'), render: (_, e) => new Date(e.node.at).toLocaleString() },
          { title: t('col.actor'), render: (_, e) => e.node.actor },
          { title: t('col.action'), render: (_, e) => label('ChangeAction', e.node.action) },
          {
            title: t('col.changes'),
            render: (_, e) => (
              <Typography.Text code style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
                {Object.keys((e.node.changes as object) ?? {}).join(', ')}
              </Typography.Text>
            ),
          },
        ]}
      />
      {cursors.length > 1 && (
        <Button onClick={() => setCursors(cursors.slice(0, -1))}>{t('common.previous')}</Button>
      )}
      {history?.pageInfo.hasNextPage && (
        <Button onClick={() => setCursors([...cursors, history.pageInfo.endCursor ?? null])}>
          {t('common.next')}
        </Button>
      )}
    </Card>
  );
}
