import { Alert, Button, Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { graphql } from '../gql';
import { ErrorNotice } from '../components/ErrorNotice';
import { useQuery } from '../hooks';
import { useT } from '../i18n';
import { dateOf, mondayOf, timeOf } from '../components/beijing-time';

const WeekQuery = graphql(`
  query ChangeWeek($from: DateTime!, $to: DateTime!) {
    changeRequests(filter: { from: $from, to: $to }, first: 200) {
      totalCount
      edges {
        node {
          id
          number
          title
          type
          status
          risk
          plannedStart
          plannedEnd
        }
      }
    }
    changeConflicts(from: $from, to: $to) {
      kind
      start
      end
      changes {
        id
        number
      }
    }
    blackoutWindows(from: $from, to: $to) {
      id
      name
      start
      end
    }
  }
`);

const DAY = 86400000;

/** Status colours with text that meets WCAG AA contrast (4.5:1) on its own background. */
const STATUS_STYLES: Record<string, { color: string; background: string; borderColor: string }> = {
  SUBMITTED: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  APPROVED: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  IN_PROGRESS: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
  COMPLETED: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  REJECTED: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

/** The forward schedule of change, a week at a time, with its conflicts and blackout windows. */
export default function Changes() {
  const { t, label } = useT();
  const [params, setParams] = useSearchParams();
  const week = params.get('week');
  const from = week ? mondayOf(Date.parse(`${week}T00:00:00+08:00`)) : mondayOf(Date.now());
  const range = { from: new Date(from).toISOString(), to: new Date(from + 7 * DAY).toISOString() };
  const { data, error } = useQuery(WeekQuery, range);
  const goTo = (t0: number) => setParams({ week: dateOf(t0) });
  const conflicted = useMemo(() => {
    const kinds = new Map<string, Set<string>>();
    for (const c of data?.changeConflicts ?? [])
      for (const ch of c.changes) kinds.set(ch.id, (kinds.get(ch.id) ?? new Set()).add(c.kind));
    return kinds;
  }, [data]);
  const days = Array.from({ length: 7 }, (_, i) => from + i * DAY);
  const changes = data?.changeRequests.edges.map((e) => e.node) ?? [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2}>{t('changes.title')}</Typography.Title>
        <Space>
          <Button onClick={() => goTo(from - 7 * DAY)}>{t('changes.previousWeek')}</Button>
          <Button onClick={() => goTo(Date.now())}>{t('changes.thisWeek')}</Button>
          <Button onClick={() => goTo(from + 7 * DAY)}>{t('changes.nextWeek')}</Button>
        </Space>
      </Space>
      <Typography.Text>
        {t('changes.week', { from: dateOf(from), to: dateOf(from + 6 * DAY) })}
      </Typography.Text>
      {error && <ErrorNotice error={error} />}
      {(data?.blackoutWindows ?? []).map((b) => (
        <Alert
          key={b.id}
          type="error"
          message={`${t('changes.blackouts')}: ${b.name}`}
          description={`${dateOf(b.start)} ${timeOf(b.start)} – ${dateOf(b.end)} ${timeOf(b.end)}`}
        />
      ))}
      <section aria-label={t('changes.calendar')}>
        <Row gutter={[8, 8]}>
          {days.map((d) => {
            const today = changes.filter((c) => dateOf(c.plannedStart) === dateOf(d));
            return (
              <Col key={d} xs={24} md={12} lg={24 / 8} style={{ flex: '1 1 0', minWidth: 160 }}>
                <Card size="small" title={dateOf(d)} role="region" aria-label={dateOf(d)}>
                  {today.length === 0 ? (
                    <Typography.Text type="secondary">{t('changes.none')}</Typography.Text>
                  ) : (
                    <List
                      size="small"
                      dataSource={today}
                      renderItem={(c) => {
                        const kinds = conflicted.get(c.id);
                        return (
                          <List.Item
                            style={kinds ? { background: '#fff1f0', paddingLeft: 4 } : undefined}
                          >
                            <Space direction="vertical" size={0}>
                              <Link to={`/changes/${c.number}`}>
                                {timeOf(c.plannedStart)} {c.number}
                              </Link>
                              <span>{c.title}</span>
                              <Space size={2} wrap>
                                <Tag style={STATUS_STYLES[c.status]}>
                                  {label('ChangeStatus', c.status)}
                                </Tag>
                                {[...(kinds ?? [])].map((k) => (
                                  <Tag key={k} color="red">
                                    {label('ConflictKind', k)}
                                  </Tag>
                                ))}
                              </Space>
                            </Space>
                          </List.Item>
                        );
                      }}
                    />
                  )}
                </Card>
              </Col>
            );
          })}
        </Row>
      </section>
      <Card
        title={t('changes.conflicts', { n: data?.changeConflicts.length ?? 0 })}
        role="region"
        aria-label={t('changes.conflicts', { n: data?.changeConflicts.length ?? 0 })}
      >
        {data && data.changeConflicts.length === 0 && (
          <Typography.Text>{t('changes.noConflicts')}</Typography.Text>
        )}
        <List
          size="small"
          dataSource={data?.changeConflicts ?? []}
          renderItem={(c) => (
            <List.Item>
              <Space wrap>
                <Tag color="red">{label('ConflictKind', c.kind)}</Tag>
                <span>
                  {dateOf(c.start)} {timeOf(c.start)} – {timeOf(c.end)}
                </span>
                {c.changes.map((ch) => (
                  <Link key={ch.id} to={`/changes/${ch.number}`}>
                    {ch.number}
                  </Link>
                ))}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
