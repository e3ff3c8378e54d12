import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { graphql } from '../gql';
import type { KnownErrorStatus } from '../gql/graphql';
import type { ApiError } from '../api';
import { request } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { useQuery } from '../hooks';
import { useT } from '../i18n';
import { useViewer } from '../viewer';

const ListQuery = graphql(`
  query KnownErrorList($filter: KnownErrorFilter, $after: String) {
    knownErrors(filter: $filter, first: 50, after: $after) {
      totalCount
      edges {
        node {
          id
          number
          title
          status
          pendingStatus
          needsReview
          author
          tags
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CreateMutation = graphql(`
  mutation CreateKnownError($input: CreateKnownErrorInput!) {
    createKnownError(input: $input) {
      number
    }
  }
`);

const STATUSES: KnownErrorStatus[] = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'RETIRED'];

/** The known-error list with filters; engineers create articles from here. */
export default function KnownErrors() {
  const { t, label } = useT();
  const { can } = useViewer();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<{
    status?: KnownErrorStatus[];
    ciId?: string;
    serviceId?: string;
    ciClass?: string;
    tags?: string[];
    needsReview?: boolean;
  }>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const { data, error } = useQuery(ListQuery, { filter, after: cursors.at(-1) ?? null });
  const list = data?.knownErrors;
  const create = async (values: {
    title: string;
    symptoms: string;
    cause?: string;
    workaround?: string;
  }) => {
    try {
      const { createKnownError } = await request(CreateMutation, { input: values });
      message.success(t('ke.created', { number: createKnownError.number }));
      navigate(`/known-errors/${createKnownError.number}`);
    } catch (e) {
      setCreateError(e as ApiError);
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2}>{t('ke.title', { n: list?.totalCount ?? 0 })}</Typography.Title>
        {can('ENGINEER') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('ke.new')}
          </Button>
        )}
      </Space>
      <Form
        layout="inline"
        onValuesChange={(_, all: Record<string, unknown>) => {
          setCursors([null]);
          const tags = String(all.tags ?? '')
            .split(/[,，\s]+/)
            .filter(Boolean);
          setFilter({
            status: (all.status as KnownErrorStatus[] | undefined)?.length
              ? (all.status as KnownErrorStatus[])
              : undefined,
            ciId: (all.ciId as string) || undefined,
            serviceId: (all.serviceId as string) || undefined,
            ciClass: (all.ciClass as string) || undefined,
            tags: tags.length ? tags : undefined,
            needsReview: all.needsReview ? true : undefined,
          });
        }}
      >
        <Form.Item label={t('ke.status')} name="status">
          <Select
            mode="multiple"
            style={{ minWidth: 200 }}
            options={STATUSES.map((s) => ({ value: s, label: label('KnownErrorStatus', s) }))}
          />
        </Form.Item>
        <Form.Item label={t('ke.ciId')} name="ciId">
          <Input allowClear />
        </Form.Item>
        <Form.Item label={t('ke.serviceId')} name="serviceId">
          <Input allowClear />
        </Form.Item>
        <Form.Item label={t('ke.ciClass')} name="ciClass">
          <Input allowClear />
        </Form.Item>
        <Form.Item label={t('ke.tags')} name="tags">
          <Input allowClear />
        </Form.Item>
        <Form.Item name="needsReview" valuePropName="checked">
          <Checkbox>{t('ke.needsReviewFilter')}</Checkbox>
        </Form.Item>
      </Form>
      {error && <ErrorNotice error={error} />}
      <Table
        aria-label={t('nav.knownErrors')}
        rowKey={(e) => e.node.id}
        dataSource={list?.edges ?? []}
        pagination={false}
        columns={[
          {
            title: t('ke.number'),
            render: (_, e) => <Link to={`/known-errors/${e.node.number}`}>{e.node.number}</Link>,
          },
          { title: t('ke.titleField'), render: (_, e) => e.node.title },
          {
            title: t('ke.status'),
            render: (_, e) => (
              <Space size={4}>
                <Tag>{label('KnownErrorStatus', e.node.status)}</Tag>
                {e.node.needsReview && <Tag color="magenta">{t('usage.needsReview')}</Tag>}
                {e.node.pendingStatus && (
                  <Tag color="purple">
                    {t('ke.pending', { status: label('KnownErrorStatus', e.node.pendingStatus) })}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: t('ke.author'), render: (_, e) => e.node.author },
          {
            title: t('ke.tags'),
            render: (_, e) => e.node.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
          },
          { title: t('col.at'), render: (_, e) => new Date(e.node.updatedAt).toLocaleString() },
        ]}
      />
      <Space>
        {cursors.length > 1 && (
          <Button onClick={() => setCursors(cursors.slice(0, -1))}>{t('common.previous')}</Button>
        )}
        {list?.pageInfo.hasNextPage && (
          <Button onClick={() => setCursors([...cursors, list.pageInfo.endCursor ?? null])}>
            {t('common.next')}
          </Button>
        )}
      </Space>
      <Modal
        title={t('ke.new')}
        open={creating}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={create}>
          <Form.Item label={t('ke.titleField')} name="title" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('ke.symptoms')} name="symptoms" rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label={t('ke.cause')} name="cause">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item label={t('ke.workaround')} name="workaround">
            <Input.TextArea rows={2} />
          </Form.Item>
          {createError && <ErrorNotice error={createError} />}
          <Button type="primary" htmlType="submit">
            {t('ke.save')}
          </Button>
        </Form>
      </Modal>
    </Space>
  );
}
