import { Button, Card, Col, Descriptions, List, Row, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { graphql } from '../gql';
import { DependencyGraphCard } from '../components/DependencyGraphCard';
import { EdgesCard } from '../components/EdgesCard';
import { ErrorNotice } from '../components/ErrorNotice';
import { HistoryCard } from '../components/HistoryCard';
import { KnownErrorList } from '../components/KnownErrorList';
import { EntityLink } from '../components/links';
import { useQuery } from '../hooks';
import { useT } from '../i18n';

const ServiceQuery = graphql(`
  query ServicePage($id: ID!) {
    service(id: $id) {
      id
      name
      description
      category
      subcategory
      kind
      status
      criticality
      tags
      owner {
        name
      }
      provider {
        name
        contact
      }
      consumers {
        id
        name
      }
      sla {
        availabilityTarget
        supportHours
        responseMinutes
        resolutionMinutes
        indicators {
          name
          target
          unit
        }
      }
      singlePointsOfFailure {
        id
        name
        ciClass
      }
      knownErrors {
        id
        number
        title
      }
      version
    }
  }
`);

/** A catalog service: SLA, consumers, provider, single points of failure, graph, history. */
export default function ServicePage() {
  const { id = '' } = useParams();
  const { t, label } = useT();
  const { data, error } = useQuery(ServiceQuery, { id });
  const s = data?.service;
  if (error) return <ErrorNotice error={error} />;
  if (data && !s) return <Typography.Text>{t('common.notFound', { id })}</Typography.Text>;
  if (!s) return null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2}>{s.name}</Typography.Title>
        <Link to={`/impact?failed=${encodeURIComponent(s.id)}`}>
          <Button type="primary">{t('ci.analyze')}</Button>
        </Link>
      </Space>
      <Card>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('ci.id')}>{s.id}</Descriptions.Item>
          <Descriptions.Item label={t('col.category')}>
            {label('ServiceCategory', s.category)}
            {s.subcategory ? ` / ${s.subcategory}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('service.kind')}>
            {label('ServiceKind', s.kind)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.status')}>
            {label('ServiceStatus', s.status)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.criticality')}>
            {label('Criticality', s.criticality)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.owner')}>{s.owner?.name ?? '–'}</Descriptions.Item>
          <Descriptions.Item label={t('service.provider')}>
            {s.provider
              ? `${s.provider.name}${s.provider.contact ? ` (${s.provider.contact})` : ''}`
              : '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('service.consumers')} span={2}>
            {s.consumers.map((c) => (
              <Tag key={c.id}>{c.name}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.description')} span={3}>
            {s.description ?? '–'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('service.sla')}>
            {s.sla ? (
              <>
                <Descriptions size="small" column={2}>
                  <Descriptions.Item label={t('col.availability')}>
                    {s.sla.availabilityTarget ?? '–'}%
                  </Descriptions.Item>
                  <Descriptions.Item label={t('col.supportHours')}>
                    {s.sla.supportHours ?? '–'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('service.response')}>
                    {s.sla.responseMinutes ?? '–'} min
                  </Descriptions.Item>
                  <Descriptions.Item label={t('col.resolutionMinutes')}>
                    {s.sla.resolutionMinutes ?? '–'} min
                  </Descriptions.Item>
                </Descriptions>
                <Table
                  aria-label={t('service.indicators')}
                  size="small"
                  rowKey="name"
                  pagination={false}
                  dataSource={s.sla.indicators}
                  columns={[
                    { title: t('service.indicator'), dataIndex: 'name' },
                    { title: t('service.target'), render: (_, i) => `${i.target} ${i.unit}` },
                  ]}
                />
              </>
            ) : (
              t('common.none')
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('service.spof', { n: s.singlePointsOfFailure.length })}>
            <List
              size="small"
              dataSource={s.singlePointsOfFailure}
              locale={{ emptyText: t('common.none') }}
              renderItem={(c) => (
                <List.Item>
                  <EntityLink id={c.id} name={c.name} type="ConfigurationItem" />{' '}
                  <Tag>{c.ciClass}</Tag>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <DependencyGraphCard id={s.id} />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <EdgesCard id={s.id} dependents={false} />
        </Col>
        <Col xs={24} lg={12}>
          <EdgesCard id={s.id} dependents />
        </Col>
      </Row>
      <Card title={t('ci.knownErrors')}>
        <KnownErrorList items={s.knownErrors} />
      </Card>
      <HistoryCard id={s.id} />
    </Space>
  );
}
