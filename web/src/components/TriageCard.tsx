import { Button, Card, Col, Empty, Form, Input, List, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { request, type ApiError } from '../api';
import { graphql } from '../gql';
import type { TriageQuery as TriageAnswer } from '../gql/graphql';
import { useT } from '../i18n';
import { ComponentPicker } from './ComponentPicker';
import { ErrorNotice } from './ErrorNotice';
import { EntityLink } from './links';

const TriageQuery = graphql(`
  query Triage($input: TriageInput!) {
    triage(input: $input) {
      impact {
        summary {
          servicesDown
          servicesDegraded
        }
      }
      rootCauses {
        ci {
          id
          name
        }
        coverage
      }
      knownErrors {
        score
        reasons
        knownError {
          id
          number
          title
        }
      }
    }
  }
`);

/**
 * The service desk's first move on the home page: what is seen (words) and what has failed, answered
 * in one request (triage): the impact, root-cause candidates and the known errors, with why each.
 */
export function TriageCard() {
  const { t, label } = useT();
  const [text, setText] = useState('');
  const [failed, setFailed] = useState<string[]>([]);
  const [answer, setAnswer] = useState<TriageAnswer['triage'] | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setAnswer(
        (await request(TriageQuery, { input: { text: text.trim() || null, failed } })).triage,
      );
    } catch (e) {
      setFailure(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('triage.title')} role="region" aria-label={t('triage.title')}>
      <Form layout="vertical" onFinish={() => void run()}>
        <Form.Item label={t('triage.text')}>
          <Input.TextArea
            rows={2}
            maxLength={500}
            value={text}
            placeholder={t('triage.placeholder')}
            onChange={(e) => setText(e.target.value)}
            aria-label={t('triage.text')}
          />
        </Form.Item>
        <Form.Item label={t('triage.failed')}>
          <ComponentPicker value={failed} onChange={setFailed} label={t('triage.failed')} />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          disabled={!text.trim() && failed.length === 0}
        >
          {t('triage.run')}
        </Button>
      </Form>
      {failure && <ErrorNotice error={failure} />}
      {answer && (
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} lg={14}>
            {answer.impact && (
              <Typography.Paragraph>
                {t('triage.impact', {
                  down: answer.impact.summary.servicesDown,
                  degraded: answer.impact.summary.servicesDegraded,
                })}
              </Typography.Paragraph>
            )}
            <List
              header={t('triage.articles')}
              dataSource={answer.knownErrors}
              locale={{ emptyText: <Empty description={t('common.none')} /> }}
              renderItem={(m) => (
                <List.Item>
                  <Space wrap>
                    <Link to={`/known-errors/${m.knownError.number}`}>
                      {m.knownError.number} {m.knownError.title}
                    </Link>
                    {m.reasons.map((r) => (
                      <Tag key={r} color={r === 'TEXT' ? 'blue' : 'geekblue'}>
                        {label('TriageReason', r)}
                      </Tag>
                    ))}
                  </Space>
                </List.Item>
              )}
            />
          </Col>
          <Col xs={24} lg={10}>
            <List
              header={t('triage.rootCauses')}
              dataSource={answer.rootCauses}
              locale={{ emptyText: <Empty description={t('common.none')} /> }}
              renderItem={(c) => (
                <List.Item>
                  <EntityLink id={c.ci.id} name={c.ci.name} type="ConfigurationItem" />
                  <span>{Math.round(c.coverage * 100)}%</span>
                </List.Item>
              )}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
