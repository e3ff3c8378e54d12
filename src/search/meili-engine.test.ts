import { clausesOf } from './meili-engine.js';

describe('clausesOf', () => {
  it('cuts a sentence at punctuation and spaces, in both languages', () => {
    expect(clausesOf('打印机连不上了，屏幕上显示169.254开头。 then: nothing')).toEqual([
      '打印机连不上了',
      '屏幕上显示169.254开头',
      'then',
      'nothing',
    ]);
    expect(clausesOf('打印 乱码')).toEqual(['打印', '乱码']);
  });

  it('keeps addresses, versions and times whole', () => {
    expect(clausesOf('10.1.2.3 无法 ping')).toEqual(['10.1.2.3', '无法', 'ping']);
    expect(clausesOf('TLS1.2 强制以后，邮件发不出去.')).toEqual([
      'TLS1.2',
      '强制以后',
      '邮件发不出去',
    ]);
    expect(clausesOf('at 08:30: login fails')).toEqual(['at', '08:30', 'login', 'fails']);
  });

  it('gives nothing for punctuation alone', () => {
    expect(clausesOf(' ，。 ')).toEqual([]);
  });
});
