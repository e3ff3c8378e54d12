import {
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { graphql } from '../gql';
import { ApiError, request } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { GraphMap } from '../components/GraphMap';
import { HistoryCard } from '../components/HistoryCard';
import { EntityLink, StateTag } from '../components/links';
import { useQuery } from '../hooks';
import { useT } from '../i18n';
import { useViewer } from '../viewer';
import { mapOf } from './impact-report';
import {
  ApproveMutation,
  CancelMutation,
  CompleteMutation,
  RejectMutation,
  StartMutation,
  SubmitMutation,
} from './change-workflow';
import { when } from '../components/beijing-time';

const ChangeQuery = graphql(`
  query ChangePage($number: String!) {
    changeRequest(number: $number) {
      id
      number
      title
      description
      type
      status
      risk
      plannedStart
      plannedEnd
      actualStart
      actualEnd
      outcome
      reason
      requestedBy
      approvedBy
      implementationPlan
      backoutPlan
      version
      implementer {
        name
      }
      targets {
        effect
        component {
          __typename
          id
          name
        }
      }
      impact {
        summary {
          servicesDown
          servicesDegraded
          componentsDown
          componentsDegraded
        }
        impacts {
          subject {
            __typename
            id
            name
          }
          state
          distance
          via
        }
        absorbed {
          group {
            id
            name
          }
          membersDown
          membersTotal
        }
      }
      conflicts {
        kind
        start
        end
        changes {
          id
          number
          title
        }
        services {
          service {
            id
            name
          }
          stateAlone
          stateCombined
        }
        blackoutWindows {
          name
        }
      }
    }
  }
`);

/** A change request: its window, targets, impact map, conflicts, the workflow by role, history. */
export default function ChangePage() {
  const { number = '' } = useParams();
  const { t, label } = useT();
  const { message } = App.useApp();
  const viewer = useViewer();
  const { data, error, reload } = useQuery(ChangeQuery, { number });
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<'SUCCESSFUL' | 'FAILED' | 'BACKED_OUT'>('SUCCESSFUL');
  const [refused, setRefused] = useState(false);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const c = data?.changeRequest;
  const map = useMemo(() => (c ? mapOf(c.impact) : undefined), [c]);
  if (error) return <ErrorNotice error={error} />;
  if (data && !c) return <Typography.Text>{t('common.notFound', { id: number })}</Typography.Text>;
  if (!c || !map) return null;

  const own = c.requestedBy === viewer.id;
  const worker =
    (viewer.can('ENGINEER') || viewer.can('CMDB_ADMIN')) && (own || viewer.can('ADMIN'));
  const manager = viewer.can('CHANGE_MANAGER');
  const run = async (work: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await work();
      setRefused(false);
      message.success(t('common.confirm'));
      reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT' && !refused) setRefused(true);
      setFailure(e instanceof ApiError ? e : new ApiError(String(e), 'NETWORK'));
    }
  };
  const vars = { id: c.id, v: c.version };
  const awaitingApproval =
    c.status === 'SUBMITTED' ||
    (c.type === 'EMERGENCY' && c.status === 'IN_PROGRESS' && !c.approvedBy);
  // The steps this person may take now (the service checks again).
  const may = {
    submit: worker && c.status === 'DRAFT',
    approve: manager && awaitingApproval,
    start:
      worker && (c.status === 'APPROVED' || (c.type === 'EMERGENCY' && c.status === 'SUBMITTED')),
    complete: worker && c.status === 'IN_PROGRESS',
    cancel: (manager || worker) && ['DRAFT', 'SUBMITTED', 'APPROVED'].includes(c.status),
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>
        {c.number} {c.title}
      </Typography.Title>
      <Card>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('change.status')}>
            <Tag>{label('ChangeStatus', c.status)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('change.type')}>
            {label('ChangeType', c.type)}
          </Descriptions.Item>
          <Descriptions.Item label={t('change.risk')}>
            {label('ChangeRisk', c.risk)}
          </Descriptions.Item>
          <Descriptions.Item label={t('change.window')}>
            {when(c.plannedStart)} – {when(c.plannedEnd)}
          </Descriptions.Item>
          <Descriptions.Item label={t('change.requestedBy')}>{c.requestedBy}</Descriptions.Item>
          <Descriptions.Item label={t('change.approvedBy')}>
            {c.approvedBy ?? '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('change.implementer')}>
            {c.implementer?.name ?? '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('change.outcome')}>
            {c.outcome ? label('ChangeOutcome', c.outcome) : '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('change.reason')}>{c.reason ?? '–'}</Descriptions.Item>
          <Descriptions.Item label={t('change.implementationPlan')} span={3}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.implementationPlan ?? '–'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('change.backoutPlan')} span={3}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.backoutPlan ?? '–'}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('change.actions')} role="region" aria-label={t('change.actions')}>
        <Space wrap>
          {may.submit && (
            <Button type="primary" onClick={() => run(() => request(SubmitMutation, vars))}>
              {t('change.submit')}
            </Button>
          )}
          {may.approve && (
            <Button
              type="primary"
              onClick={() => run(() => request(ApproveMutation, { ...vars, override: refused }))}
            >
              {refused ? t('change.approveOverride') : t('change.approve')}
            </Button>
          )}
          {may.start && (
            <Button onClick={() => run(() => request(StartMutation, vars))}>
              {t('change.start')}
            </Button>
          )}
          {may.complete && (
            <>
              <Select
                aria-label={t('change.outcomeLabel')}
                value={outcome}
                onChange={setOutcome}
                options={(['SUCCESSFUL', 'FAILED', 'BACKED_OUT'] as const).map((o) => ({
                  value: o,
                  label: label('ChangeOutcome', o),
                }))}
              />
              <Button onClick={() => run(() => request(CompleteMutation, { ...vars, outcome }))}>
                {t('change.complete')}
              </Button>
            </>
          )}
          {may.cancel && (
            <>
              <Input
                aria-label={t('change.reasonLabel')}
                placeholder={t('change.reasonLabel')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                style={{ width: 240 }}
              />
              {manager && c.status === 'SUBMITTED' && (
                <Button
                  danger
                  onClick={() => run(() => request(RejectMutation, { ...vars, reason }))}
                >
                  {t('change.reject')}
                </Button>
              )}
              <Button onClick={() => run(() => request(CancelMutation, { ...vars, reason }))}>
                {t('change.cancel')}
              </Button>
            </>
          )}
          {!Object.values(may).some(Boolean) && (
            <Typography.Text type="secondary">{t('change.noActions')}</Typography.Text>
          )}
        </Space>
        {refused && (
          <Typography.Paragraph type="danger">{t('change.conflictRefused')}</Typography.Paragraph>
        )}
        {failure && <ErrorNotice error={failure} />}
      </Card>
      <Card
        title={t('change.conflicts', { n: c.conflicts.length })}
        role="region"
        aria-label={t('change.conflicts', { n: c.conflicts.length })}
      >
        {c.conflicts.length === 0 ? (
          <Typography.Text>{t('change.noConflicts')}</Typography.Text>
        ) : (
          <Table
            aria-label={t('change.conflicts', { n: c.conflicts.length })}
            rowKey={(x) => `${x.kind}${x.start}${x.changes.map((o) => o.id).join()}`}
            dataSource={c.conflicts}
            pagination={false}
            columns={[
              {
                title: t('change.kind'),
                render: (_, x) => <Tag color="red">{label('ConflictKind', x.kind)}</Tag>,
              },
              {
                title: t('change.interval'),
                render: (_, x) => `${when(x.start)} – ${when(x.end)}`,
              },
              {
                title: t('change.others'),
                render: (_, x) => [
                  ...x.changes.map((o) => (
                    <Link key={o.id} to={`/changes/${o.number}`}>
                      {o.number} {o.title}
                    </Link>
                  )),
                  ...x.blackoutWindows.map((b) => <Tag key={b.name}>{b.name}</Tag>),
                ],
              },
              {
                title: t('change.servicesHit'),
                render: (_, x) => (
                  <Space direction="vertical" size={2}>
                    {x.services.map((s) => (
                      <Space key={s.service.id} size={2}>
                        <EntityLink type="Service" id={s.service.id} name={s.service.name} />
                        <StateTag state={s.stateAlone} />→<StateTag state={s.stateCombined} />
                      </Space>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card title={t('change.targets')}>
        <Table
          aria-label={t('change.targets')}
          rowKey={(x) => x.component.id}
          dataSource={c.targets}
          pagination={false}
          columns={[
            {
              title: t('change.targets'),
              render: (_, x) => (
                <EntityLink
                  type={x.component.__typename}
                  id={x.component.id}
                  name={x.component.name}
                />
              ),
            },
            { title: t('change.effect'), render: (_, x) => label('ChangeEffect', x.effect) },
          ]}
        />
      </Card>
      <Card title={t('change.impact')}>
        <Space size="large" wrap style={{ marginBottom: 8 }}>
          <span>
            {t('impact.servicesDown')}: {c.impact.summary.servicesDown}
          </span>
          <span>
            {t('impact.servicesDegraded')}: {c.impact.summary.servicesDegraded}
          </span>
          <span>
            {t('impact.componentsDown')}: {c.impact.summary.componentsDown}
          </span>
          <span>
            {t('impact.componentsDegraded')}: {c.impact.summary.componentsDegraded}
          </span>
        </Space>
        <GraphMap
          nodes={map.nodes}
          edges={map.edges}
          highlighted={[]}
          onSelect={() => undefined}
          ariaLabel={t('change.impactMap', { n: map.nodes.length })}
        />
      </Card>
      <HistoryCard id={c.id} />
    </Space>
  );
}
