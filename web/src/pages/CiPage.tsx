import { Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { graphql } from '../gql';
import { DependencyGraphCard } from '../components/DependencyGraphCard';
import { EdgesCard } from '../components/EdgesCard';
import { ErrorNotice } from '../components/ErrorNotice';
import { HistoryCard } from '../components/HistoryCard';
import { KnownErrorList } from '../components/KnownErrorList';
import { useQuery } from '../hooks';
import { useT } from '../i18n';

const CiQuery = graphql(`
  query CiPage($id: ID!) {
    configurationItem(id: $id) {
      id
      name
      ciClass
      ciClassInfo {
        labelZh
        label
      }
      status
      environment
      criticality
      description
      attributes
      ipAddresses
      tags
      warrantyStatus
      redundancy {
        minMembersUp
      }
      owner {
        id
        name
      }
      supplier {
        id
        name
        contact
      }
      asset {
        assetTag
        serialNumber
        manufacturer
        model
        purchaseDate
        originalValue
        currency
        warrantyExpiry
        location
      }
      knownErrors {
        id
        number
        title
      }
      version
      updatedAt
    }
  }
`);

/** A CI: every field of the contract, its edges, its graph, known errors and history. */
export default function CiPage() {
  const { id = '' } = useParams();
  const { t, label, lang } = useT();
  const { data, error } = useQuery(CiQuery, { id });
  const ci = data?.configurationItem;
  if (error) return <ErrorNotice error={error} />;
  if (data && !ci) return <Typography.Text>{t('common.notFound', { id })}</Typography.Text>;
  if (!ci) return null;
  const a = ci.asset;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2}>{ci.name}</Typography.Title>
        <Link to={`/impact?failed=${encodeURIComponent(ci.id)}`}>
          <Button type="primary">{t('ci.analyze')}</Button>
        </Link>
      </Space>
      <Card>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('ci.id')}>{ci.id}</Descriptions.Item>
          <Descriptions.Item label={t('ci.class')}>
            {lang === 'en' ? ci.ciClassInfo.label : ci.ciClassInfo.labelZh} ({ci.ciClass})
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.status')}>
            {label('CIStatus', ci.status)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.environment')}>
            {label('Environment', ci.environment)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.criticality')}>
            {label('Criticality', ci.criticality)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.ipAddresses')}>
            {ci.ipAddresses.map((ip) => (
              <Typography.Text key={ip} code>
                {ip}
              </Typography.Text>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.owner')}>{ci.owner?.name ?? '–'}</Descriptions.Item>
          <Descriptions.Item label={t('ci.supplier')}>
            {ci.supplier
              ? `${ci.supplier.name}${ci.supplier.contact ? ` (${ci.supplier.contact})` : ''}`
              : '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.redundancy')}>
            {ci.redundancy ? t('ci.minMembersUp', { k: ci.redundancy.minMembersUp }) : '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.assetTag')}>{a?.assetTag ?? '–'}</Descriptions.Item>
          <Descriptions.Item label={t('ci.serialNumber')}>
            {a?.serialNumber ?? '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.model')}>
            {[a?.manufacturer, a?.model].filter(Boolean).join(' ') || '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.purchaseDate')}>
            {a?.purchaseDate ?? '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.originalValue')}>
            {a?.originalValue != null
              ? `${a.originalValue.toLocaleString()} ${a.currency ?? ''}`
              : '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.warranty')}>
            {a?.warrantyExpiry ?? '–'} <Tag>{label('WarrantyStatus', ci.warrantyStatus)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.location')}>{a?.location ?? '–'}</Descriptions.Item>
          <Descriptions.Item label={t('ci.tags')}>
            {ci.tags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('ci.version')}>{ci.version}</Descriptions.Item>
          <Descriptions.Item label={t('ci.description')} span={3}>
            {ci.description ?? '–'}
          </Descriptions.Item>
          {ci.attributes != null && (
            <Descriptions.Item label={t('ci.attributes')} span={3}>
              <Typography.Text code>{JSON.stringify(ci.attributes)}</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <DependencyGraphCard id={ci.id} />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <EdgesCard id={ci.id} dependents={false} />
        </Col>
        <Col xs={24} lg={12}>
          <EdgesCard id={ci.id} dependents />
        </Col>
      </Row>
      <Card title={t('ci.knownErrors')}>
        <KnownErrorList items={ci.knownErrors} />
      </Card>
      <HistoryCard id={ci.id} />
    </Space>
  );
}
