import { describe, expect, it } from 'vitest';
import { personName } from './schemas';

const name = personName();

describe('personName', () => {
  it.each([
    'Ada Lovelace',
    "Mary-Jane O'Neil",
    'O’Brien',
    'J. R. R. Tolkien',
    'Zoë Ångström',
    'José María Núñez',
    '李小龍',
    'محمد بن سلمان',
    'Ηλέκτρα Παπαδοπούλου',
    'Владимир Набоков',
    'देवनागरी नाम',
    'Nguyễn Thị Minh Khai',
  ])('accepts %s', (value) => {
    expect(name.parse(value)).toBe(value.normalize('NFC'));
  });

  it('stores the NFC form and trims ASCII spaces only', () => {
    expect(name.parse('  Zoe\u0308 ')).toBe('Zoë');
    expect(name.safeParse('\u00a0Zoë').success).toBe(false);
  });

  it.each([
    ['NUL', 'Ada\u0000'],
    ['ESC', 'Ada\u001b[2J'],
    ['BEL', 'A\u0007da'],
    ['DEL', 'Ada\u007f'],
    ['C1 control', 'Ada\u0085Lovelace'],
    ['right-to-left override', '\u202eAda'],
    ['left-to-right isolate', 'Ada\u2066 x'],
    ['zero-width joiner', 'Ada\u200dLovelace'],
    ['soft hyphen', 'Ada\u00adLovelace'],
    ['byte order mark', 'Ada\ufeff'],
    ['line separator', 'Ada\u2028Lovelace'],
    ['paragraph separator', 'Ada\u2029Lovelace'],
    ['lone surrogate', 'Ada\ud800'],
    ['private use', 'Ada\ue000'],
    ['unassigned code point', 'Ada\u0378'],
    ['no-break space', 'Ada\u00a0Lovelace'],
    ['ideographic space', 'Ada\u3000Lovelace'],
    ['tab', 'Ada\tLovelace'],
    ['newline', 'Ada\nLovelace'],
    ['double space', 'Ada  Lovelace'],
    ['leading hyphen', '-Ada'],
    ['trailing apostrophe', "Ada'"],
    ['two separators', 'Ada -Lovelace'],
    ['digits', 'Ada 2'],
    ['emoji', 'Ada 😀'],
    ['markup', '<b>Ada</b>'],
    ['a lone mark', '\u0301Ada'],
    ['four combining marks on one letter', 'Ax\u0301\u0302\u0303\u0304da'],
    ['empty', ''],
    ['only spaces', '   '],
    ['too long', 'a'.repeat(121)],
  ])('refuses a name with %s', (_label, value) => {
    expect(name.safeParse(value).success).toBe(false);
  });
});
