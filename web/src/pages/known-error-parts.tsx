import { Card, Descriptions, Select, Space, Typography } from 'antd';
import { useState } from 'react';

import { graphql } from '../gql';
import type { KnownErrorPageQuery } from '../gql/graphql';

import { diffLines } from '../components/diff';

import { useT } from '../i18n';
import type { MessageKey } from '../messages/zh';

export const ArticleQuery = graphql(`
  query KnownErrorPage($number: String!) {
    knownError(number: $number) {
      id
      number
      title
      symptoms
      cause
      workaround
      resolution
      status
      pendingStatus
      pendingRevision {
        version
        title
        symptoms
        cause
        workaround
        resolution
        editedBy
      }
      publishedRevision
      tags
      problemRef
      author
      reviewer
      version
      publishedAt
      updatedAt
      affectedCIs {
        id
        name
      }
      affectedServices {
        id
        name
      }
      appliesToClasses
      revisions {
        version
        title
        symptoms
        cause
        workaround
        resolution
        editedBy
        editedAt
        changeNote
      }
    }
  }
`);

export const UpdateMutation = graphql(`
  mutation UpdateKnownErrorText($id: ID!, $v: Int!, $input: UpdateKnownErrorInput!, $note: String) {
    updateKnownError(id: $id, expectedVersion: $v, input: $input, changeNote: $note) {
      version
    }
  }
`);
export const SubmitMutation = graphql(`
  mutation SubmitKnownError($id: ID!, $v: Int!) {
    submitKnownError(id: $id, expectedVersion: $v) {
      version
    }
  }
`);
export const PublishMutation = graphql(`
  mutation PublishKnownError($id: ID!, $v: Int!) {
    publishKnownError(id: $id, expectedVersion: $v) {
      version
    }
  }
`);
export const RejectMutation = graphql(`
  mutation RejectKnownError($id: ID!, $v: Int!, $reason: String!) {
    rejectKnownError(id: $id, expectedVersion: $v, reason: $reason) {
      version
    }
  }
`);
export const RetireMutation = graphql(`
  mutation RetireKnownError($id: ID!, $v: Int!, $reason: String!) {
    retireKnownError(id: $id, expectedVersion: $v, reason: $reason) {
      version
    }
  }
`);
export const LinkMutation = graphql(`
  mutation LinkKnownError($id: ID!, $ciIds: [ID!], $serviceIds: [ID!], $ciClasses: [String!]) {
    linkKnownError(id: $id, ciIds: $ciIds, serviceIds: $serviceIds, ciClasses: $ciClasses) {
      version
    }
  }
`);

export type Article = NonNullable<KnownErrorPageQuery['knownError']>;
export type Text = Pick<Article, 'title' | 'symptoms' | 'cause' | 'workaround' | 'resolution'>;
export const TEXT_FIELDS = ['title', 'symptoms', 'cause', 'workaround', 'resolution'] as const;
export const FIELD_LABELS: Record<(typeof TEXT_FIELDS)[number], MessageKey> = {
  title: 'ke.titleField',
  symptoms: 'ke.symptoms',
  cause: 'ke.cause',
  workaround: 'ke.workaround',
  resolution: 'ke.resolution',
};

/** The text an editor works on: a pending edit's, or the article's own. */
export const workingText = (a: Article): Text => a.pendingRevision ?? a;

/** An article's text fields, read only. */
export function TextView({ text }: { text: Text }) {
  const { t } = useT();
  return (
    <Descriptions bordered column={1} size="small">
      {TEXT_FIELDS.map((f) => (
        <Descriptions.Item key={f} label={t(FIELD_LABELS[f])}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{text[f] ?? '–'}</span>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** Two revisions side by side, line by line, the pair chosen by the reader. */
export function RevisionDiff({ revisions }: { revisions: Article['revisions'] }) {
  const { t } = useT();
  const versions = revisions.map((r) => r.version);
  const [pair, setPair] = useState<[number, number]>([
    versions.at(-2) ?? versions[0]!,
    versions.at(-1)!,
  ]);
  const a = revisions.find((r) => r.version === pair[0]);
  const b = revisions.find((r) => r.version === pair[1]);
  const options = revisions.map((r) => ({
    value: r.version,
    label: `v${r.version} · ${r.editedBy}${r.changeNote ? ` · ${r.changeNote}` : ''}`,
  }));
  return (
    <Card title={t('ke.revisions', { n: revisions.length })}>
      <Space wrap>
        <Select
          aria-label={t('ke.compareFrom')}
          style={{ minWidth: 240 }}
          value={pair[0]}
          options={options}
          onChange={(v) => setPair([v, pair[1]])}
        />
        <span>→</span>
        <Select
          aria-label={t('ke.compareTo')}
          style={{ minWidth: 240 }}
          value={pair[1]}
          options={options}
          onChange={(v) => setPair([pair[0], v])}
        />
      </Space>
      {a && b && (
        <div role="region" aria-label={t('ke.diff')} style={{ marginTop: 12 }}>
          {TEXT_FIELDS.map((f) => {
            const lines = diffLines(a[f] ?? '', b[f] ?? '');
            if (lines.every((l) => l.kind === 'same')) return null;
            return (
              <div key={f} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t(FIELD_LABELS[f])}</Typography.Text>
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {lines.map((l, i) => (
                    <div
                      key={i}
                      className={`diff-${l.kind}`}
                      style={{
                        background:
                          l.kind === 'added'
                            ? '#e6ffed'
                            : l.kind === 'removed'
                              ? '#ffeef0'
                              : undefined,
                      }}
                    >
                      {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '− ' : '  '}
                      {l.text}
                    </div>
                  ))}
                </pre>
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
