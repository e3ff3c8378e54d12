import { Card, Col, Empty, Input, List, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { graphql } from '../gql';
import { ErrorNotice } from '../components/ErrorNotice';
import { EntityLink, Highlight } from '../components/links';
import { TriageCard } from '../components/TriageCard';
import { useDebounced, useQuery } from '../hooks';
import { useT } from '../i18n';

const SearchQuery = graphql(`
  query HomeSearch($q: String!) {
    exact: configurationItems(filter: { identifier: $q }, first: 10) {
      edges {
        node {
          id
          name
          ciClass
          status
          ipAddresses
          asset {
            assetTag
            serialNumber
          }
        }
      }
    }
    byName: configurationItems(filter: { nameContains: $q }, first: 10) {
      totalCount
      edges {
        node {
          id
          name
          ciClass
          status
          ipAddresses
          asset {
            assetTag
            serialNumber
          }
        }
      }
    }
    services(first: 200) {
      edges {
        node {
          id
          name
          category
          status
        }
      }
    }
    searchKnowledge(query: $q, first: 10) {
      totalHits
      hits {
        knownError {
          id
          number
          title
        }
        highlights {
          field
          snippet
        }
      }
    }
  }
`);

/** The search-first home: CIs by identifier or name, services and known errors, as you type. */
export function Home() {
  const { t, label } = useT();
  const navigate = useNavigate();
  const [text, setText] = useState(new URLSearchParams(location.search).get('q') ?? '');
  const q = useDebounced(text.trim(), 250);
  const { data, error, loading } = useQuery(SearchQuery, { q }, { skip: q === '' });
  const ids = new Set<string>();
  const cis = data
    ? [...data.exact.edges, ...data.byName.edges]
        .map((e) => e.node)
        .filter((n) => !ids.has(n.id) && ids.add(n.id))
    : [];
  const services = data
    ? data.services.edges
        .map((e) => e.node)
        .filter((s) => s.name.toLowerCase().includes(q.toLowerCase()))
    : [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('home.title')}</Typography.Title>
      <Input.Search
        size="large"
        allowClear
        autoFocus
        aria-label={t('home.searchLabel')}
        placeholder={t('home.placeholder')}
        value={text}
        loading={loading && q !== ''}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => cis[0] && v && navigate(`/ci/${encodeURIComponent(cis[0].id)}`)}
      />
      {error && <ErrorNotice error={error} />}
      {q !== '' && data && (
        <Row gutter={16}>
          <Col xs={24} lg={8}>
            <Card title={t('home.cis')} role="region" aria-label={t('home.cis')}>
              <List
                dataSource={cis}
                locale={{ emptyText: <Empty description={t('common.none')} /> }}
                renderItem={(ci) => (
                  <List.Item
                    actions={[
                      <Link key="impact" to={`/impact?failed=${encodeURIComponent(ci.id)}`}>
                        {t('home.analyze')}
                      </Link>,
                    ]}
                  >
                    <List.Item.Meta
                      title={<EntityLink id={ci.id} name={ci.name} type="ConfigurationItem" />}
                      description={
                        <Space wrap size={4}>
                          <Tag>{ci.ciClass}</Tag>
                          <Tag>{label('CIStatus', ci.status)}</Tag>
                          {ci.ipAddresses.map((ip) => (
                            <Typography.Text key={ip} code>
                              {ip}
                            </Typography.Text>
                          ))}
                          {ci.asset?.assetTag && <span>{ci.asset.assetTag}</span>}
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={6}>
            <Card title={t('home.services')} role="region" aria-label={t('home.services')}>
              <List
                dataSource={services}
                locale={{ emptyText: <Empty description={t('common.none')} /> }}
                renderItem={(s) => (
                  <List.Item>
                    <List.Item.Meta
                      title={<EntityLink id={s.id} name={s.name} type="Service" />}
                      description={label('ServiceCategory', s.category)}
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card
              title={t('home.knownErrors', { n: data.searchKnowledge.totalHits })}
              role="region"
              aria-label={t('home.knownErrorsRegion')}
            >
              <List
                dataSource={data.searchKnowledge.hits}
                locale={{ emptyText: <Empty description={t('common.none')} /> }}
                renderItem={(h) => (
                  <List.Item>
                    <List.Item.Meta
                      title={
                        <Link to={`/known-errors/${h.knownError.number}`}>
                          {h.knownError.number} {h.knownError.title}
                        </Link>
                      }
                      description={h.highlights.slice(0, 2).map((hl) => (
                        <div key={hl.field}>
                          <Highlight html={hl.snippet} />
                        </div>
                      ))}
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        </Row>
      )}
      <TriageCard />
    </Space>
  );
}
