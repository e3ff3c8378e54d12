import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';

import { ApiError, request } from '../api';

import { ErrorNotice } from '../components/ErrorNotice';
import { HistoryCard } from '../components/HistoryCard';
import { UsageCard } from '../components/UsageCard';
import { EntityLink } from '../components/links';
import { useQuery } from '../hooks';
import { useT } from '../i18n';
import type { MessageKey } from '../messages/zh';
import { useViewer } from '../viewer';
import {
  ArticleQuery,
  FIELD_LABELS,
  LinkMutation,
  PublishMutation,
  RejectMutation,
  RetireMutation,
  RevisionDiff,
  SubmitMutation,
  TEXT_FIELDS,
  TextView,
  UpdateMutation,
  workingText,
  type Article,
  type Text,
} from './known-error-parts';

/** A known-error article: reading, and for the roles that may, editing and the workflow. */
export default function KnownErrorPage() {
  const { number = '' } = useParams();
  const { t, label } = useT();
  const viewer = useViewer();
  const { can } = viewer;
  const { message } = App.useApp();
  const { data, error, reload } = useQuery(ArticleQuery, { number });
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState<{ mine: Text; theirs: Article } | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [reasonFor, setReasonFor] = useState<'reject' | 'retire' | null>(null);
  const a = data?.knownError;
  if (error) return <ErrorNotice error={error} />;
  if (data && !a) return <Typography.Text>{t('common.notFound', { id: number })}</Typography.Text>;
  if (!a) return null;

  const stage = a.status === 'PUBLISHED' && a.pendingStatus ? a.pendingStatus : a.status;
  // The service's review rules, so that only what may be done is offered: an engineer submits
  // their own text; nobody publishes text they wrote or edited since the last publication (ADMIN
  // may, on the record).
  const editors = new Set(
    a.revisions.filter((r) => r.version > (a.publishedRevision ?? 0)).map((r) => r.editedBy),
  );
  const mayEditOwnText = a.pendingRevision ? editors.has(viewer.id) : a.author === viewer.id;
  const maySubmit = can('PROBLEM_MANAGER') || (can('ENGINEER') && mayEditOwnText);
  const mayPublish = can('PROBLEM_MANAGER') && (!editors.has(viewer.id) || can('ADMIN'));
  const run = async (what: () => Promise<unknown>, done: MessageKey) => {
    setFailure(null);
    try {
      await what();
      message.success(t(done));
      reload();
    } catch (e) {
      setFailure(e as ApiError);
    }
  };
  const save = async (values: Text & { note?: string; tags?: string }) => {
    const { note, tags, ...text } = values;
    const input = {
      ...text,
      tags: (tags ?? '').split(/[,，\s]+/).filter(Boolean),
    };
    try {
      await request(UpdateMutation, { id: a.id, v: a.version, input, note: note || null });
      setEditing(false);
      message.success(t('ke.saved'));
      reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        // Someone saved first: show their version beside this one.
        const fresh = await request(ArticleQuery, { number });
        if (fresh.knownError) {
          setEditing(false);
          setConflict({ mine: text, theirs: fresh.knownError });
        }
      } else setFailure(e as ApiError);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>
        {a.number} {a.title}
      </Typography.Title>
      <div role="group" aria-label={t('ke.status')}>
        <Space wrap>
          <Tag
            style={
              a.status === 'PUBLISHED'
                ? { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' }
                : undefined
            }
          >
            {label('KnownErrorStatus', a.status)}
          </Tag>
          {a.pendingStatus && (
            <Tag color="purple">
              {t('ke.pending', { status: label('KnownErrorStatus', a.pendingStatus) })}
            </Tag>
          )}
          <span>
            {t('ke.author')}: {a.author}
          </span>
          {a.reviewer && (
            <span>
              {t('ke.reviewer')}: {a.reviewer}
            </span>
          )}
          <span>v{a.version}</span>
        </Space>
      </div>
      <Space wrap>
        {can('ENGINEER') && a.status !== 'RETIRED' && (
          <Button onClick={() => setEditing(true)}>{t('ke.edit')}</Button>
        )}
        {maySubmit && stage === 'DRAFT' && (
          <Button
            onClick={() =>
              run(() => request(SubmitMutation, { id: a.id, v: a.version }), 'ke.submitted')
            }
          >
            {t('ke.submit')}
          </Button>
        )}
        {can('PROBLEM_MANAGER') && stage === 'IN_REVIEW' && (
          <>
            {mayPublish && (
              <Button
                type="primary"
                onClick={() =>
                  run(() => request(PublishMutation, { id: a.id, v: a.version }), 'ke.published')
                }
              >
                {t('ke.publish')}
              </Button>
            )}
            <Button danger onClick={() => setReasonFor('reject')}>
              {t('ke.reject')}
            </Button>
          </>
        )}
        {can('PROBLEM_MANAGER') && a.status === 'PUBLISHED' && (
          <Button danger onClick={() => setReasonFor('retire')}>
            {t('ke.retire')}
          </Button>
        )}
      </Space>
      {failure && <ErrorNotice error={failure} />}
      {a.pendingRevision && <Alert type="info" message={t('ke.pendingHelp')} />}
      <Row gutter={16}>
        <Col xs={24} lg={a.pendingRevision ? 12 : 24}>
          <Card title={a.pendingRevision ? t('ke.publishedText') : t('ke.text')}>
            <TextView text={a} />
          </Card>
        </Col>
        {a.pendingRevision && (
          <Col xs={24} lg={12}>
            <Card title={t('ke.pendingText', { editor: a.pendingRevision.editedBy })}>
              <TextView text={a.pendingRevision} />
            </Card>
          </Col>
        )}
      </Row>
      <UsageCard id={a.id} mayRecord={can('ENGINEER')} />
      <Card title={t('ke.appliesTo')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('ke.cis')}>
            {a.affectedCIs.map((c) => (
              <Tag key={c.id}>
                <EntityLink id={c.id} name={c.name} type="ConfigurationItem" />
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('ke.services')}>
            {a.affectedServices.map((s) => (
              <Tag key={s.id}>
                <EntityLink id={s.id} name={s.name} type="Service" />
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('ke.classes')}>
            {a.appliesToClasses.map((c) => (
              <Tag key={c}>{c}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('ke.tags')}>
            {a.tags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
        {(a.status === 'PUBLISHED' ? can('PROBLEM_MANAGER') : can('ENGINEER')) &&
          a.status !== 'RETIRED' && (
            <Form
              layout="inline"
              onFinish={(v: { ciIds?: string; serviceIds?: string; ciClasses?: string }) => {
                const list = (s?: string) => (s ?? '').split(/[,，\s]+/).filter(Boolean);
                return run(
                  () =>
                    request(LinkMutation, {
                      id: a.id,
                      ciIds: list(v.ciIds),
                      serviceIds: list(v.serviceIds),
                      ciClasses: list(v.ciClasses),
                    }),
                  'ke.linked',
                );
              }}
            >
              <Form.Item label={t('ke.linkCis')} name="ciIds">
                <Input />
              </Form.Item>
              <Form.Item label={t('ke.linkServices')} name="serviceIds">
                <Input />
              </Form.Item>
              <Form.Item label={t('ke.linkClasses')} name="ciClasses">
                <Input />
              </Form.Item>
              <Button htmlType="submit">{t('ke.link')}</Button>
            </Form>
          )}
      </Card>
      {a.revisions.length > 0 && <RevisionDiff revisions={a.revisions} />}
      <HistoryCard id={a.id} />

      <Modal
        title={t('ke.edit')}
        open={editing}
        onCancel={() => setEditing(false)}
        footer={null}
        width={800}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          initialValues={{ ...workingText(a), tags: a.tags.join(', ') }}
          onFinish={save}
        >
          {TEXT_FIELDS.map((f) => (
            <Form.Item
              key={f}
              label={t(FIELD_LABELS[f])}
              name={f}
              rules={f === 'title' || f === 'symptoms' ? [{ required: true }] : []}
            >
              {f === 'title' ? <Input /> : <Input.TextArea rows={3} />}
            </Form.Item>
          ))}
          <Form.Item label={t('ke.tags')} name="tags">
            <Input />
          </Form.Item>
          <Form.Item label={t('ke.changeNote')} name="note">
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('ke.save')}
          </Button>
        </Form>
      </Modal>

      <Modal
        title={t('ke.conflictTitle')}
        open={conflict !== null}
        width={1000}
        destroyOnHidden
        onCancel={() => setConflict(null)}
        footer={
          <Button
            type="primary"
            onClick={() => {
              setConflict(null);
              setEditing(false);
              reload();
            }}
          >
            {t('ke.conflictReload')}
          </Button>
        }
      >
        <Alert type="warning" message={t('error.CONFLICT')} style={{ marginBottom: 12 }} />
        {conflict && (
          <Row gutter={16}>
            <Col span={12}>
              <Card title={t('ke.conflictMine')}>
                <TextView text={conflict.mine} />
              </Card>
            </Col>
            <Col span={12}>
              <Card
                title={t('ke.conflictTheirs', {
                  editor: conflict.theirs.revisions.at(-1)?.editedBy ?? '',
                })}
              >
                <TextView text={workingText(conflict.theirs)} />
              </Card>
            </Col>
          </Row>
        )}
      </Modal>

      <Modal
        title={reasonFor === 'reject' ? t('ke.reject') : t('ke.retire')}
        open={reasonFor !== null}
        onCancel={() => setReasonFor(null)}
        footer={null}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          onFinish={({ reason }: { reason: string }) => {
            const which = reasonFor;
            setReasonFor(null);
            return run(
              () =>
                which === 'reject'
                  ? request(RejectMutation, { id: a.id, v: a.version, reason })
                  : request(RetireMutation, { id: a.id, v: a.version, reason }),
              which === 'reject' ? 'ke.rejected' : 'ke.retired',
            );
          }}
        >
          <Form.Item label={t('ke.reason')} name="reason" rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('common.confirm')}
          </Button>
        </Form>
      </Modal>
    </Space>
  );
}
