import { checkId, forbiddenCharacter, Problems } from './validation.js';

describe('the character rules of stored text', () => {
  it('refuses NUL, controls, bidi overrides, non-characters and lone surrogates', () => {
    expect(forbiddenCharacter('a\u0000b')).toBe('a control character (U+0000)');
    expect(forbiddenCharacter('invoice\u202Efdp.exe')).toBe('a bidirectional control (U+202E)');
    expect(forbiddenCharacter('x\u2066y')).toBe('a bidirectional control (U+2066)');
    expect(forbiddenCharacter('\uFDD0')).toBe('a non-character (U+FDD0)');
    expect(forbiddenCharacter('\uFFFF')).toBe('a non-character (U+FFFF)');
    expect(forbiddenCharacter('\uD83F\uDFFE')).toMatch(/non-character/);
    expect(forbiddenCharacter('\uD800x')).toBe('a lone surrogate');
    expect(forbiddenCharacter('x\uDC00')).toBe('a lone surrogate');
  });

  it('keeps ordinary text: Chinese, emoji, tabs and line ends, Arabic with its marks', () => {
    for (const text of [
      '网络打印机无法连接',
      'line 1\r\n\tline 2',
      '😀 ok',
      'مرحبا\u200F',
      'a\u00A0b',
    ])
      expect(forbiddenCharacter(text)).toBeNull();
  });

  it('takes ids of ASCII letters, digits and - _ . : only', () => {
    const p = new Problems();
    expect(checkId('core-ext-1', 'id', p)).toBe('core-ext-1');
    expect(checkId('ciclass:Server_v1.2', 'id', p)).toBe('ciclass:Server_v1.2');
    expect(p.empty).toBe(true);
    // Cyrillic "с" and "е" look like Latin ones.
    expect(checkId('\u0441or\u0435-ext-1', 'id', p)).toBeNull();
    expect(checkId('交换机-1', 'id', p)).toBeNull();
    expect(p.list.map((x) => x.field)).toEqual(['id', 'id']);
  });
});
