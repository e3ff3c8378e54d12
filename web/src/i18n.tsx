import { createContext, useContext, type ReactNode } from 'react';
import { en } from './messages/en';
import { zh, type MessageKey } from './messages/zh';

/** The console's languages: Chinese first. */
export type Lang = 'zh' | 'en';

/** The language of this visit: `?lang=en`, else what the switch saved, else Chinese. */
export function initialLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh') return asked;
  return localStorage.getItem('egov-cmdb.lang') === 'en' ? 'en' : 'zh';
}

/** Labels of enum values, from the schema's `enumLabels`: `enum.value` → [zh, en]. */
export type EnumLabels = Map<string, [string, string]>;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  labels: EnumLabels;
}

const I18nContext = createContext<I18n>({
  lang: 'zh',
  setLang: () => undefined,
  labels: new Map(),
});

/** Provides the language and the enum labels to the pages. */
export function I18nProvider({ value, children }: { value: I18n; children: ReactNode }) {
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language's messages (`t('key', { n: 3 })`) and enum labels (`label('ImpactState', 'DOWN')`). */
export function useT() {
  const { lang, setLang, labels } = useContext(I18nContext);
  const messages = lang === 'en' ? en : zh;
  const t = (key: MessageKey, values: Record<string, string | number> = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
  const label = (enumName: string, value: string | null | undefined) => {
    if (!value) return '';
    const pair = labels.get(`${enumName}.${value}`);
    return pair ? (lang === 'en' ? pair[1] : pair[0]) : value;
  };
  return { t, label, lang, setLang };
}
