import { App, Button, Card, Descriptions, Form, Input, List, Space, Tag, Typography } from 'antd';
import { request } from '../api';
import { graphql } from '../gql';
import { useQuery } from '../hooks';
import { useT } from '../i18n';
import { when } from './beijing-time';
import { ErrorNotice } from './ErrorNotice';

const UsageQuery = graphql(`
  query ArticleUsage($id: ID!) {
    knownError(id: $id) {
      id
      status
      reviewBy
      needsReview
      usage {
        uses
        helpful
        notHelpful
        lastUsedAt
        incidentRefs(first: 10) {
          totalCount
          edges {
            node {
              ref
              helpful
              usedBy
              usedAt
              note
            }
          }
        }
      }
    }
  }
`);

const RecordUse = graphql(`
  mutation RecordUse($id: ID!, $input: RecordKnownErrorUseInput!) {
    recordKnownErrorUse(id: $id, input: $input) {
      id
    }
  }
`);

/**
 * How an article has served incidents, and "did this help?" for engineers on a published article:
 * the answer, with the incident's reference, is recorded (recordKnownErrorUse) and feeds its
 * review (needsReview).
 */
export function UsageCard({ id, mayRecord }: { id: string; mayRecord: boolean }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ incidentRef?: string; note?: string }>();
  const { data, error, reload } = useQuery(UsageQuery, { id });
  const k = data?.knownError;
  if (error) return <ErrorNotice error={error} />;
  if (!k) return null;
  const record = async (helpful: boolean) => {
    const { incidentRef, note } = form.getFieldsValue();
    try {
      await request(RecordUse, { id, input: { helpful, incidentRef, note } });
      form.resetFields();
      message.success(t('usage.recorded'));
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card title={t('usage.title')} role="region" aria-label={t('usage.title')}>
      <Descriptions column={{ xs: 1, md: 4 }} size="small">
        <Descriptions.Item label={t('usage.uses')}>
          <span data-testid="usage-uses">{k.usage.uses}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('usage.helpful')}>{k.usage.helpful}</Descriptions.Item>
        <Descriptions.Item label={t('usage.notHelpful')}>{k.usage.notHelpful}</Descriptions.Item>
        <Descriptions.Item label={t('usage.lastUsedAt')}>
          {when(k.usage.lastUsedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('usage.reviewBy')}>
          <Space>
            {k.reviewBy ?? '–'}
            {k.needsReview && <Tag color="magenta">{t('usage.needsReview')}</Tag>}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {mayRecord && k.status === 'PUBLISHED' && (
        <Form form={form} layout="inline" style={{ margin: '12px 0' }} aria-label={t('usage.ask')}>
          <Typography.Text strong style={{ marginRight: 12 }}>
            {t('usage.ask')}
          </Typography.Text>
          <Form.Item name="incidentRef" label={t('usage.incidentRef')}>
            <Input maxLength={100} placeholder="INC-20261202-0001" />
          </Form.Item>
          <Form.Item name="note" label={t('usage.note')}>
            <Input maxLength={2000} />
          </Form.Item>
          <Space>
            <Button type="primary" onClick={() => void record(true)}>
              {t('usage.yes')}
            </Button>
            <Button onClick={() => void record(false)}>{t('usage.no')}</Button>
          </Space>
        </Form>
      )}
      <List
        size="small"
        header={t('usage.incidents', { n: k.usage.incidentRefs.totalCount })}
        dataSource={k.usage.incidentRefs.edges.map((e) => e.node)}
        renderItem={(u) => (
          <List.Item>
            <Space wrap>
              <Typography.Text code>{u.ref}</Typography.Text>
              <Tag color={u.helpful ? undefined : 'red'}>
                {u.helpful ? t('usage.helped') : t('usage.didNotHelp')}
              </Tag>
              <span>{u.usedBy}</span>
              <span>{when(u.usedAt)}</span>
              {u.note && <Typography.Text type="secondary">{u.note}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
