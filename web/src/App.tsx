import {
  App as AntApp,
  Button,
  ConfigProvider,
  Layout,
  Menu,
  Segmented,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router-dom';
import { graphql } from './gql';
import { ApiError, request, session, unauthenticated } from './api';
import { I18nProvider, initialLang, useT, type EnumLabels, type Lang } from './i18n';
import { ErrorNotice } from './components/ErrorNotice';
import { Home } from './pages/Home';
import { SignIn } from './pages/SignIn';
import { ViewerContext, type Viewer } from './viewer';

const Impact = lazy(() => import('./pages/Impact'));
const CiPage = lazy(() => import('./pages/CiPage'));
const ServicePage = lazy(() => import('./pages/ServicePage'));
const Catalog = lazy(() => import('./pages/Catalog'));
const KnownErrors = lazy(() => import('./pages/KnownErrors'));
const KnownErrorPage = lazy(() => import('./pages/KnownErrorPage'));
const Explorer = lazy(() => import('./pages/Explorer'));
const Changes = lazy(() => import('./pages/Changes'));
const ChangePage = lazy(() => import('./pages/ChangePage'));
const Reports = lazy(() => import('./pages/Reports'));

const StartQuery = graphql(`
  query Start {
    viewer {
      id
      roles
      method
    }
    enumLabels {
      enum
      value
      labelZh
      label
    }
  }
`);

/** The fonts of the system: no web font is ever loaded (an intranet has none to load from). */
const FONTS =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

/**
 * The UI kit's theme with colours that meet WCAG AA contrast (4.5:1) on white: a darker primary
 * blue and darker secondary greys than the defaults.
 */
const THEME = {
  token: {
    fontFamily: FONTS,
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextQuaternary: '#666666',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#666666',
    colorError: '#cf1322',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    colorSuccess: '#237804',
  },
};

function Shell({ viewer, onSignOut }: { viewer: Viewer; onSignOut: () => void }) {
  const { t, label, lang, setLang } = useT();
  const location = useLocation();
  const section = '/' + (location.pathname.split('/')[1] ?? '');
  const items = [
    { key: '/', label: <Link to="/">{t('nav.search')}</Link> },
    { key: '/impact', label: <Link to="/impact">{t('nav.impact')}</Link> },
    { key: '/catalog', label: <Link to="/catalog">{t('nav.catalog')}</Link> },
    { key: '/known-errors', label: <Link to="/known-errors">{t('nav.knownErrors')}</Link> },
    { key: '/changes', label: <Link to="/changes">{t('nav.changes')}</Link> },
    { key: '/reports', label: <Link to="/reports">{t('nav.reports')}</Link> },
    { key: '/explorer', label: <Link to="/explorer">{t('nav.explorer')}</Link> },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography.Title>
        <nav aria-label={t('nav.label')} style={{ flex: 1, minWidth: 0 }}>
          <Menu theme="dark" mode="horizontal" selectedKeys={[section]} items={items} />
        </nav>
        <Space>
          <span style={{ color: '#fff' }} aria-label={t('header.actor')}>
            {viewer.id}
          </span>
          {viewer.roles.map((r) => (
            <Tag key={r} color="blue">
              {label('Role', r)}
            </Tag>
          ))}
          <Segmented
            aria-label={t('header.language')}
            value={lang}
            onChange={(v) => setLang(v as Lang)}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'English', value: 'en' },
            ]}
          />
          {viewer.method !== 'dev' && (
            <Button onClick={onSignOut} size="small">
              {t('header.signOut')}
            </Button>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <main>
          <Suspense fallback={<Spin />}>
            <Routes>
              <Route path="/" element={<Home />} />
              <Route path="/impact" element={<Impact />} />
              <Route path="/ci/:id" element={<CiPage />} />
              <Route path="/services/:id" element={<ServicePage />} />
              <Route path="/catalog" element={<Catalog />} />
              <Route path="/known-errors" element={<KnownErrors />} />
              <Route path="/known-errors/:number" element={<KnownErrorPage />} />
              <Route path="/changes" element={<Changes />} />
              <Route path="/changes/:number" element={<ChangePage />} />
              <Route path="/reports" element={<Reports />} />
              <Route path="/explorer" element={<Explorer />} />
              <Route path="*" element={<Home />} />
            </Routes>
          </Suspense>
        </main>
      </Layout.Content>
    </Layout>
  );
}

/** The console: signs in when the service asks for it, then the pages by route. */
export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [start, setStart] = useState<
    { viewer: Viewer; labels: EnumLabels } | null | 'signin' | ApiError
  >(null);
  const [attempt, setAttempt] = useState(0);
  const setLang = (next: Lang) => {
    localStorage.setItem('egov-cmdb.lang', next);
    setLangState(next);
  };
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  }, [lang]);
  useEffect(() => {
    (async () => {
      // In token mode with no key in this tab, sign in first: no request that can only be refused.
      if (!session.token()) {
        const health = (await fetch('/healthz').then((r) => r.json())) as { auth?: string };
        if (health.auth === 'token') return 'signin' as const;
      }
      return request(StartQuery);
    })().then(
      (d) =>
        setStart(
          d === 'signin'
            ? 'signin'
            : {
                viewer: d.viewer,
                labels: new Map(
                  d.enumLabels.map((l) => [`${l.enum}.${l.value}`, [l.labelZh, l.label]]),
                ),
              },
        ),
      (e: unknown) =>
        setStart(e instanceof ApiError && e.code !== 'UNAUTHENTICATED' ? e : 'signin'),
    );
  }, [attempt]);
  useEffect(() => {
    const back = () => setStart('signin');
    unauthenticated.addEventListener('unauthenticated', back);
    return () => unauthenticated.removeEventListener('unauthenticated', back);
  }, []);
  const i18n = useMemo(
    () => ({
      lang,
      setLang,
      labels:
        typeof start === 'object' && start !== null && 'labels' in start
          ? start.labels
          : (new Map() as EnumLabels),
    }),
    [lang, start],
  );
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={THEME}
      // A button says 登录, not 登 录: its accessible name is its label as written.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <I18nProvider value={i18n}>
          {start === null ? (
            <Spin style={{ margin: 48 }} />
          ) : start instanceof ApiError ? (
            <ErrorNotice error={start} />
          ) : start === 'signin' ? (
            <SignIn onSignedIn={() => setAttempt((a) => a + 1)} />
          ) : (
            <ViewerContext.Provider value={start.viewer}>
              <BrowserRouter>
                <Shell
                  viewer={start.viewer}
                  onSignOut={() => {
                    session.signOut();
                    setStart('signin');
                  }}
                />
              </BrowserRouter>
            </ViewerContext.Provider>
          )}
        </I18nProvider>
      </AntApp>
    </ConfigProvider>
  );
}
