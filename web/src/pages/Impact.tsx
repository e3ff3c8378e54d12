import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ComponentPicker } from '../components/ComponentPicker';
import { ErrorNotice } from '../components/ErrorNotice';
import { saveBlob, saveCsv } from '../components/download';
import { GraphMap, type GraphMapHandle } from '../components/GraphMap';
import { EntityLink, StateTag } from '../components/links';
import { useQuery } from '../hooks';
import { useT } from '../i18n';
import { ids, mapOf, MAP_LIMIT, ReportQuery } from './impact-report';

/** The impact workbench: pick or link failed and degraded components, read the report. */
export default function Impact() {
  const { t, label } = useT();
  const [params, setParams] = useSearchParams();
  const failed = ids(params.get('failed'));
  const degraded = ids(params.get('degraded'));
  // "What is down right now, planned work included": the changes in progress join the inputs.
  const planned = params.get('planned') === '1';
  const [selected, setSelected] = useState<string | null>(null);
  const mapRef = useRef<GraphMapHandle>(null);
  const { data, error, loading } = useQuery(
    ReportQuery,
    { input: { failed, degraded, includeActiveChanges: planned } },
    { skip: failed.length + degraded.length === 0 && !planned },
  );
  const report = data?.impactAnalysis;
  const map = useMemo(() => {
    if (!report) return null;
    // For bench/console: when the report arrived, before the map is laid out.
    performance.mark('impact:report');
    return mapOf(report);
  }, [report]);
  useEffect(() => {
    // For bench/console: the frame that paints the report's tables.
    if (report) requestAnimationFrame(() => performance.mark('impact:tables-shown'));
  }, [report]);
  const names = useMemo(
    () => new Map((report?.impacts ?? []).map((i) => [i.subject.id, i.subject] as const)),
    [report],
  );
  const chain = report?.impacts.find((i) => i.subject.id === selected)?.via ?? [];
  const setInputs = (next: { failed?: string[]; degraded?: string[] }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v.length) p.set(k, v.join(','));
      else p.delete(k);
    }
    setSelected(null);
    setParams(p);
  };
  const chainButton = (id: string) => (
    <Button size="small" type="link" onClick={() => setSelected(id)}>
      {t('impact.showChain')}
    </Button>
  );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('impact.title')}</Typography.Title>
      <Form layout="inline">
        <Form.Item label={t('impact.failed')}>
          <ComponentPicker
            label={t('impact.failed')}
            value={failed}
            onChange={(v) => setInputs({ failed: v })}
          />
        </Form.Item>
        <Form.Item label={t('impact.degraded')}>
          <ComponentPicker
            label={t('impact.degraded')}
            value={degraded}
            onChange={(v) => setInputs({ degraded: v })}
          />
        </Form.Item>
        <Form.Item>
          <Checkbox
            checked={planned}
            onChange={(e) => {
              const p = new URLSearchParams(params);
              if (e.target.checked) p.set('planned', '1');
              else p.delete('planned');
              setParams(p);
            }}
          >
            {t('impact.includeChanges')}
          </Checkbox>
        </Form.Item>
      </Form>
      {error && <ErrorNotice error={error} />}
      {report && report.activeChanges.length > 0 && (
        <Alert
          type="warning"
          message={t('impact.plannedOutage')}
          description={
            <ul aria-label={t('impact.plannedOutage')} style={{ margin: 0, paddingLeft: 20 }}>
              {report.activeChanges.map((c) => (
                <li key={c.id}>
                  <Link to={`/changes/${c.number}`}>
                    {c.number} {c.title}
                  </Link>{' '}
                  ({label('ChangeStatus', c.status)})
                </li>
              ))}
            </ul>
          }
        />
      )}
      {failed.length + degraded.length === 0 && !planned && (
        <Alert type="info" message={t('impact.pickHelp')} />
      )}
      {loading && <Typography.Text>{t('common.loading')}</Typography.Text>}
      {report && map && (
        <>
          <Space size="large" wrap>
            <Statistic title={t('impact.servicesDown')} value={report.summary.servicesDown} />
            <Statistic
              title={t('impact.servicesDegraded')}
              value={report.summary.servicesDegraded}
            />
            <Statistic title={t('impact.componentsDown')} value={report.summary.componentsDown} />
            <Statistic
              title={t('impact.componentsDegraded')}
              value={report.summary.componentsDegraded}
            />
            <Statistic title={t('impact.departments')} value={report.summary.departmentsAffected} />
          </Space>
          {report.summary.truncated && <Alert type="warning" message={t('impact.truncated')} />}
          <Card
            title={t('impact.map')}
            extra={
              <Button
                onClick={async () =>
                  mapRef.current && saveBlob(await mapRef.current.png(), 'impact-map.png')
                }
              >
                {t('common.exportPng')}
              </Button>
            }
          >
            {map.left > 0 && (
              <Alert type="info" message={t('impact.leftOut', { n: map.left, max: MAP_LIMIT })} />
            )}
            <GraphMap
              ref={mapRef}
              nodes={map.nodes}
              edges={map.edges}
              highlighted={chain}
              onSelect={setSelected}
              ariaLabel={t('impact.mapLabel', { n: map.nodes.length })}
            />
            {selected && (
              <div role="region" aria-label={t('impact.chain')} style={{ marginTop: 8 }}>
                <Typography.Text strong>{t('impact.chain')}: </Typography.Text>
                <ol
                  aria-label={t('impact.chain')}
                  style={{
                    display: 'inline-flex',
                    gap: 8,
                    flexWrap: 'wrap',
                    padding: 0,
                    margin: 0,
                    listStyle: 'none',
                  }}
                >
                  {chain.map((id, k) => (
                    <li key={id}>
                      {k > 0 && '→ '}
                      <EntityLink
                        id={id}
                        name={names.get(id)?.name ?? id}
                        type={names.get(id)?.__typename}
                      />
                    </li>
                  ))}
                </ol>
              </div>
            )}
          </Card>
          <Card
            title={t('impact.services')}
            extra={
              <Button
                onClick={() =>
                  saveCsv(
                    'impacted-services.csv',
                    [
                      t('col.service'),
                      t('col.state'),
                      t('col.category'),
                      t('col.criticality'),
                      t('col.availability'),
                      t('col.supportHours'),
                      t('col.resolutionMinutes'),
                      t('col.distance'),
                    ],
                    report.services.map((s) => [
                      s.service.name,
                      label('ImpactState', s.state),
                      label('ServiceCategory', s.service.category),
                      label('Criticality', s.service.criticality),
                      s.service.sla?.availabilityTarget ?? '',
                      s.service.sla?.supportHours ?? '',
                      s.service.sla?.resolutionMinutes ?? '',
                      s.distance,
                    ]),
                  )
                }
              >
                {t('common.exportCsv')}
              </Button>
            }
          >
            <Table
              aria-label={t('impact.services')}
              rowKey={(s) => s.service.id}
              dataSource={report.services}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                {
                  title: t('col.service'),
                  render: (_, s) => (
                    <EntityLink id={s.service.id} name={s.service.name} type="Service" />
                  ),
                },
                { title: t('col.state'), render: (_, s) => <StateTag state={s.state} /> },
                {
                  title: t('col.category'),
                  render: (_, s) => label('ServiceCategory', s.service.category),
                },
                {
                  title: t('col.criticality'),
                  render: (_, s) => label('Criticality', s.service.criticality),
                },
                {
                  title: t('col.sla'),
                  render: (_, s) =>
                    s.service.sla
                      ? `${s.service.sla.availabilityTarget ?? '–'}% · ${s.service.sla.supportHours ?? '–'} · ${s.service.sla.resolutionMinutes ?? '–'} min`
                      : '–',
                },
                { title: t('col.distance'), dataIndex: 'distance' },
                { title: t('col.chain'), render: (_, s) => chainButton(s.service.id) },
              ]}
            />
          </Card>
          <Card
            title={t('impact.departmentsTable')}
            extra={
              <Button
                onClick={() =>
                  saveCsv(
                    'impacted-departments.csv',
                    [t('col.department'), t('col.worstState'), t('col.services')],
                    report.departments.map((d) => [
                      d.orgUnit.name,
                      label('ImpactState', d.worstState),
                      d.services.map((s) => s.name).join('; '),
                    ]),
                  )
                }
              >
                {t('common.exportCsv')}
              </Button>
            }
          >
            <Table
              aria-label={t('impact.departmentsTable')}
              rowKey={(d) => d.orgUnit.id}
              dataSource={report.departments}
              pagination={false}
              columns={[
                { title: t('col.department'), render: (_, d) => d.orgUnit.name },
                { title: t('col.worstState'), render: (_, d) => <StateTag state={d.worstState} /> },
                {
                  title: t('col.services'),
                  render: (_, d) => d.services.map((s) => <Tag key={s.id}>{s.name}</Tag>),
                },
              ]}
            />
          </Card>
          <Card
            title={t('impact.suppliers')}
            extra={
              <Button
                onClick={() =>
                  saveCsv(
                    'suppliers-to-call.csv',
                    [t('col.supplier'), t('col.role'), t('col.contact'), t('col.components')],
                    report.suppliers.map((s) => [
                      s.supplier.name,
                      label('SupplierRole', s.supplier.role),
                      s.supplier.contact ?? '',
                      s.components.map((c) => c.name).join('; '),
                    ]),
                  )
                }
              >
                {t('common.exportCsv')}
              </Button>
            }
          >
            <Table
              aria-label={t('impact.suppliers')}
              rowKey={(s) => s.supplier.id}
              dataSource={report.suppliers}
              pagination={false}
              columns={[
                { title: t('col.supplier'), render: (_, s) => s.supplier.name },
                { title: t('col.role'), render: (_, s) => label('SupplierRole', s.supplier.role) },
                { title: t('col.contact'), render: (_, s) => s.supplier.contact ?? '–' },
                { title: t('col.components'), render: (_, s) => s.components.length },
              ]}
            />
          </Card>
          <Card title={t('impact.absorbed')}>
            <Table
              aria-label={t('impact.absorbed')}
              rowKey={(a) => a.group.id}
              dataSource={report.absorbed}
              pagination={false}
              columns={[
                {
                  title: t('col.group'),
                  render: (_, a) => (
                    <EntityLink id={a.group.id} name={a.group.name} type="ConfigurationItem" />
                  ),
                },
                {
                  title: t('col.membersDown'),
                  render: (_, a) => `${a.membersDown}/${a.membersTotal}`,
                },
                { title: t('col.minMembersUp'), dataIndex: 'minMembersUp' },
              ]}
            />
          </Card>
          <Card title={t('impact.knownErrors')}>
            <Table
              aria-label={t('impact.knownErrors')}
              rowKey={(k) => `${k.knownError.id}-${k.matchedComponent.id}`}
              dataSource={report.knownErrors}
              pagination={false}
              columns={[
                {
                  title: t('col.knownError'),
                  render: (_, k) => (
                    <Link to={`/known-errors/${k.knownError.number}`}>
                      {k.knownError.number} {k.knownError.title}
                    </Link>
                  ),
                },
                { title: t('col.matched'), render: (_, k) => k.matchedComponent.name },
                {
                  title: t('col.reason'),
                  render: (_, k) => label('KnownErrorMatchReason', k.reason),
                },
              ]}
            />
          </Card>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('impact.inputs')}>
              {[...failed, ...degraded].map((id) => (
                <Tag key={id}>{names.get(id)?.name ?? id}</Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Space>
  );
}
