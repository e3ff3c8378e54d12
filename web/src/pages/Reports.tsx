import { Button, Card, Col, InputNumber, Row, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { graphql } from '../gql';
import { apiHeaders, ApiError } from '../api';
import { Chart } from '../components/Chart';
import { ErrorNotice } from '../components/ErrorNotice';
import { saveBlob } from '../components/download';
import { useQuery } from '../hooks';
import { useT } from '../i18n';

const ReportsQuery = graphql(`
  query Reports($from: String!, $to: String!, $dayRate: Float!, $year: Int!) {
    warrantyForecast(months: 12) {
      months {
        month
        count
        originalValue
      }
      alreadyExpired {
        count
        originalValue
      }
    }
    assetSummary(groupBy: DEPARTMENT) {
      key
      label
      count
      originalValue
      expired
    }
    supplierCompliance(from: $from, to: $to) {
      supplier {
        id
        name
      }
      points {
        period
        measured
        met
        compliance
      }
    }
    dataQuality {
      checks {
        check
        label
        labelZh
        total
        failing
      }
    }
    budgetEstimate(year: $year, input: { dayRate: $dayRate }) {
      totals {
        units
        originalValue
        ratioMethod
        labourMethod
        spares
      }
      byClass {
        key
        label
        labelZh
        units
        originalValue
        ratioMethod
        labourMethod
        spares
      }
    }
  }
`);

/** `YYYY-MM` of the month `offset` months from this one (Beijing time). */
function month(offset: number): string {
  const now = new Date(Date.now() + 8 * 3600000);
  const k = now.getUTCFullYear() * 12 + now.getUTCMonth() + offset;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

const money = (v: number, lang: string) =>
  v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 });

/** Fetches a report file with the tab's key and saves it. */
async function download(
  name: string,
  format: 'csv' | 'xlsx',
  params: Record<string, string>,
  lang: string,
) {
  const q = new URLSearchParams({ ...params, lang });
  const { authorization } = apiHeaders();
  const res = await fetch(`/reports/${name}.${format}?${q}`, {
    headers: authorization ? { authorization } : {},
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    throw new ApiError(
      body.errors?.[0]?.message ?? res.statusText,
      body.errors?.[0]?.extensions?.code ?? String(res.status),
    );
  }
  saveBlob(await res.blob(), `${name}.${format}`);
}

type ReportName =
  'warrantyForecast' | 'assetSummary' | 'dataQuality' | 'spofRegister' | 'budgetEstimate';

function Downloads({ name, params = {} }: { name: ReportName; params?: Record<string, string> }) {
  const { t, lang } = useT();
  const [error, setError] = useState<ApiError>();
  const run = (format: 'csv' | 'xlsx') =>
    download(name, format, params, lang).catch((e: unknown) =>
      setError(e instanceof ApiError ? e : new ApiError(String(e), 'NETWORK')),
    );
  return (
    <Space>
      <Button size="small" onClick={() => run('csv')} aria-label={`${t(`reports.${name}`)} CSV`}>
        CSV
      </Button>
      <Button size="small" onClick={() => run('xlsx')} aria-label={`${t(`reports.${name}`)} Excel`}>
        Excel
      </Button>
      {error && <ErrorNotice error={error} />}
    </Space>
  );
}

/** The reports page (综合管理): charts where a look says more, tables and downloads for each report. */
export default function Reports() {
  const { t, lang } = useT();
  const [dayRate, setDayRate] = useState(1200);
  const year = Number(month(12).slice(0, 4));
  const variables = { from: month(-12), to: month(-1), dayRate, year };
  const { data, error } = useQuery(ReportsQuery, variables);
  const warranty = useMemo(
    () =>
      data && {
        xAxis: { type: 'category', data: data.warrantyForecast.months.map((m) => m.month) },
        yAxis: { type: 'value', minInterval: 1 },
        tooltip: { trigger: 'axis' },
        series: [
          {
            type: 'bar',
            name: t('reports.expiring'),
            data: data.warrantyForecast.months.map((m) => m.count),
            itemStyle: { color: '#ad4e00' },
          },
        ],
      },
    [data, t],
  );
  const compliance = useMemo(
    () =>
      data && {
        legend: { type: 'scroll', bottom: 0 },
        tooltip: { trigger: 'axis' },
        grid: { bottom: 60 },
        xAxis: {
          type: 'category',
          data: data.supplierCompliance[0]?.points.map((p) => p.period) ?? [],
        },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
        series: data.supplierCompliance.map((s) => ({
          type: 'line',
          name: s.supplier.name,
          connectNulls: false,
          data: s.points.map((p) =>
            p.compliance === null ? null : Math.round(p.compliance * 1000) / 10,
          ),
        })),
      },
    [data],
  );
  const departments = useMemo(() => {
    const top = data?.assetSummary.slice(0, 12) ?? [];
    return (
      data && {
        grid: { left: 160 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: top.map((r) => r.label) },
        series: [
          {
            type: 'bar',
            name: t('reports.count'),
            data: top.map((r) => r.count),
            itemStyle: { color: '#0958d9' },
          },
        ],
      }
    );
  }, [data, t]);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('reports.title')}</Typography.Title>
      {error && <ErrorNotice error={error} />}
      {data && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card
                title={<h3 style={{ margin: 0 }}>{t('reports.warrantyForecast')}</h3>}
                extra={<Downloads name="warrantyForecast" />}
              >
                <Chart option={warranty!} label={t('reports.warrantyForecast')} />
                <Typography.Paragraph>
                  {t('reports.alreadyExpired', {
                    n: data.warrantyForecast.alreadyExpired.count,
                    value: money(data.warrantyForecast.alreadyExpired.originalValue, lang),
                  })}
                </Typography.Paragraph>
                <Table
                  aria-label={t('reports.warrantyForecast')}
                  size="small"
                  rowKey="month"
                  pagination={false}
                  dataSource={data.warrantyForecast.months}
                  columns={[
                    { title: t('reports.month'), dataIndex: 'month' },
                    { title: t('reports.count'), dataIndex: 'count' },
                    {
                      title: t('reports.originalValue'),
                      render: (_, m) => money(m.originalValue, lang),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={<h3 style={{ margin: 0 }}>{t('reports.compliance')}</h3>}>
                <Chart option={compliance!} label={t('reports.compliance')} height={320} />
                <Table
                  aria-label={t('reports.compliance')}
                  size="small"
                  rowKey={(s) => s.supplier.id}
                  pagination={false}
                  dataSource={data.supplierCompliance}
                  columns={[
                    {
                      title: t('reports.supplier'),
                      render: (_, s) => s.supplier.name,
                    },
                    {
                      title: t('reports.measuredMet'),
                      render: (_, s) => {
                        const measured = s.points.reduce((n, p) => n + p.measured, 0);
                        const met = s.points.reduce((n, p) => n + p.met, 0);
                        return measured
                          ? `${met} / ${measured} (${((met / measured) * 100).toFixed(1)} %)`
                          : '–';
                      },
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                title={<h3 style={{ margin: 0 }}>{t('reports.assetSummary')}</h3>}
                extra={<Downloads name="assetSummary" params={{ groupBy: 'DEPARTMENT' }} />}
              >
                <Chart option={departments!} label={t('reports.assetSummary')} height={360} />
                <Table
                  aria-label={t('reports.assetSummary')}
                  size="small"
                  rowKey="key"
                  pagination={{ pageSize: 8 }}
                  dataSource={data.assetSummary}
                  columns={[
                    { title: t('reports.department'), dataIndex: 'label' },
                    { title: t('reports.count'), dataIndex: 'count' },
                    {
                      title: t('reports.originalValue'),
                      render: (_, r) => money(r.originalValue, lang),
                    },
                    { title: t('reports.expired'), dataIndex: 'expired' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                title={<h3 style={{ margin: 0 }}>{t('reports.dataQuality')}</h3>}
                extra={<Downloads name="dataQuality" />}
              >
                <Table
                  aria-label={t('reports.dataQuality')}
                  size="small"
                  rowKey="check"
                  pagination={false}
                  dataSource={data.dataQuality.checks}
                  columns={[
                    {
                      title: t('reports.check'),
                      render: (_, c) => (lang === 'zh' ? c.labelZh : c.label),
                    },
                    { title: t('reports.failing'), render: (_, c) => `${c.failing} / ${c.total}` },
                  ]}
                />
                <Space style={{ marginTop: 16 }}>
                  <span>{t('reports.spofRegister')}</span>
                  <Downloads name="spofRegister" />
                </Space>
              </Card>
            </Col>
          </Row>
          <Card
            title={<h3 style={{ margin: 0 }}>{t('reports.budget', { year })}</h3>}
            extra={
              <Downloads
                name="budgetEstimate"
                params={{ year: String(year), dayRate: String(dayRate) }}
              />
            }
          >
            <Space style={{ marginBottom: 16 }}>
              <label htmlFor="day-rate">{t('reports.dayRate')}</label>
              <InputNumber
                id="day-rate"
                min={0}
                value={dayRate}
                onChange={(v) => setDayRate(Number(v ?? 0))}
              />
            </Space>
            <Typography.Paragraph>
              {t('reports.budgetTotals', {
                ratio: money(data.budgetEstimate.totals.ratioMethod, lang),
                labour: money(data.budgetEstimate.totals.labourMethod, lang),
                spares: money(data.budgetEstimate.totals.spares, lang),
              })}
            </Typography.Paragraph>
            <Table
              aria-label={t('reports.budget', { year })}
              size="small"
              rowKey="key"
              pagination={{ pageSize: 10 }}
              dataSource={data.budgetEstimate.byClass}
              columns={[
                {
                  title: t('reports.class'),
                  render: (_, r) => (lang === 'zh' ? r.labelZh : r.label),
                },
                { title: t('reports.count'), dataIndex: 'units' },
                {
                  title: t('reports.originalValue'),
                  render: (_, r) => money(r.originalValue, lang),
                },
                { title: t('reports.ratioMethod'), render: (_, r) => money(r.ratioMethod, lang) },
                { title: t('reports.labourMethod'), render: (_, r) => money(r.labourMethod, lang) },
                { title: t('reports.spares'), render: (_, r) => money(r.spares, lang) },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
