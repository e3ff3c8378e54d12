import { Card, Collapse, Space, Table, Tag, Typography } from 'antd';
import { graphql } from '../gql';
import { ErrorNotice } from '../components/ErrorNotice';
import { EntityLink } from '../components/links';
import { useQuery } from '../hooks';
import { useT } from '../i18n';

const CatalogQuery = graphql(`
  query Catalog {
    serviceCatalog {
      category
      services {
        id
        name
        subcategory
        criticality
        provider {
          name
        }
        consumers {
          id
          name
        }
        sla {
          availabilityTarget
          supportHours
          indicators {
            name
            target
            unit
          }
        }
      }
    }
  }
`);

/** The service catalog (服务目录): the five categories with their live services. */
export default function Catalog() {
  const { t, label } = useT();
  const { data, error } = useQuery(CatalogQuery, {});
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('catalog.title')}</Typography.Title>
      {error && <ErrorNotice error={error} />}
      {data?.serviceCatalog.map((group) => (
        <Card
          key={group.category}
          title={
            <h3 style={{ margin: 0 }}>
              {label('ServiceCategory', group.category)} ({group.services.length})
            </h3>
          }
        >
          <Table
            aria-label={label('ServiceCategory', group.category)}
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={group.services}
            columns={[
              {
                title: t('col.service'),
                render: (_, s) => <EntityLink id={s.id} name={s.name} type="Service" />,
              },
              { title: t('service.subcategory'), render: (_, s) => s.subcategory ?? '–' },
              {
                title: t('col.criticality'),
                render: (_, s) => label('Criticality', s.criticality),
              },
              {
                title: t('col.sla'),
                render: (_, s) =>
                  s.sla ? (
                    <Collapse
                      size="small"
                      ghost
                      items={[
                        {
                          key: 'sla',
                          label: `${s.sla.availabilityTarget ?? '–'}% · ${s.sla.supportHours ?? '–'}`,
                          children: s.sla.indicators.map((i) => (
                            <div key={i.name}>
                              {i.name} ≥ {i.target}
                              {i.unit}
                            </div>
                          )),
                        },
                      ]}
                    />
                  ) : (
                    '–'
                  ),
              },
              {
                title: t('service.consumers'),
                render: (_, s) => s.consumers.map((c) => <Tag key={c.id}>{c.name}</Tag>),
              },
              { title: t('service.provider'), render: (_, s) => s.provider?.name ?? '–' },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}
