import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { graphql } from '../gql';
import { ApiError, request, session } from '../api';
import { useT } from '../i18n';

const CheckQuery = graphql(`
  query SignInCheck {
    viewer {
      id
    }
  }
`);

/** Sign-in of token mode: an API key, kept for this browser tab only. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ key }: { key: string }) => {
    session.signIn(key.trim());
    try {
      await request(CheckQuery);
      onSignedIn();
    } catch (e) {
      session.signOut();
      setError(
        e instanceof ApiError && e.code === 'UNAUTHENTICATED' ? t('signIn.refused') : String(e),
      );
    }
  };
  return (
    <main style={{ maxWidth: 480, margin: '10vh auto' }}>
      <Card>
        <Typography.Title level={3}>{t('app.title')}</Typography.Title>
        <Typography.Paragraph>{t('signIn.help')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit}>
          <Form.Item
            label={t('signIn.key')}
            name="key"
            rules={[{ required: true, message: t('signIn.required') }]}
          >
            <Input.Password autoComplete="off" />
          </Form.Item>
          {error && (
            <Alert type="error" role="alert" message={error} style={{ marginBottom: 16 }} />
          )}
          <Button type="primary" htmlType="submit">
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
