/** Report formats: escaping in GitHub workflow commands and JUnit XML, the JSON shape. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../generator/report/finding.js';
import { locateFinding, pointerOfPath } from '../../../../generator/report/locate.js';
import { formatReport, type Report } from '../../../../generator/report/report.js';

const nasty: Finding = {
  rule: 'TYPE_MISMATCH',
  subject: 'Odd<Event>',
  file: 'schemas/a,b/c:d/v2.avsc',
  location: '/fields/0/type',
  path: '/fields/a~1b/type',
  message: 'field "a/b" changed 100% from <int> & \'long\'\nsecond line\u0001',
  fix: 'keep "int"',
};

function report(findings: Finding[], checked = ['Odd<Event>']): Report {
  return { tool: 'check', noun: 'event', checked, findings };
}

describe('report formats', () => {
  it('github: escapes data and properties as the runner expects', () => {
    expect(formatReport(report([nasty]), 'github')).toBe(
      '::error file=schemas/a%2Cb/c%3Ad/v2.avsc,title=TYPE_MISMATCH at /fields/a~1b/type::' +
        'field "a/b" changed 100%25 from <int> & \'long\'%0Asecond line\u0001 (fix: keep "int")\n',
    );
    expect(formatReport(report([]), 'github')).toBe('');
  });

  it('junit: escapes XML, drops characters XML cannot carry, one test case per item', () => {
    const xml = formatReport(report([nasty], ['Clean', 'Odd<Event>']), 'junit');
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="eventc check" tests="2" failures="1">',
        '  <testsuite name="eventc check" tests="2" failures="1" errors="0">',
        '    <testcase classname="eventc check" name="Clean"/>',
        '    <testcase classname="eventc check" name="Odd&lt;Event&gt;">',
        '      <failure type="TYPE_MISMATCH" message="field &quot;a/b&quot; changed 100% from &lt;int&gt; &amp; &apos;long&apos;&#10;second line">' +
          'schemas/a,b/c:d/v2.avsc:/fields/a~1b/type: field &quot;a/b&quot; changed 100% from &lt;int&gt; &amp; &apos;long&apos;\nsecond line [TYPE_MISMATCH]\n' +
          '  fix: keep &quot;int&quot;</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('json: {compatible, checked, findings}', () => {
    const parsed = JSON.parse(formatReport(report([nasty]), 'json')) as unknown;
    expect(parsed).toEqual({ compatible: false, checked: ['Odd<Event>'], findings: [nasty] });
    expect(JSON.parse(formatReport(report([]), 'json'))).toEqual({
      compatible: true,
      checked: ['Odd<Event>'],
      findings: [],
    });
  });

  it('text: file:path, sentence, rule, fix, summary', () => {
    const plain = { ...nasty, message: 'field "x" changed from int to string' };
    expect(formatReport(report([plain, plain]), 'text')).toBe(
      'schemas/a,b/c:d/v2.avsc:/fields/a~1b/type: field "x" changed from int to string [TYPE_MISMATCH]\n' +
        '  fix: keep "int"\n' +
        'schemas/a,b/c:d/v2.avsc:/fields/a~1b/type: field "x" changed from int to string [TYPE_MISMATCH]\n' +
        '  fix: keep "int"\n' +
        'eventc check: 2 problems in 1 event\n',
    );
  });

  it('locates a finding by its named path, also where field positions moved', () => {
    const text = JSON.stringify(
      {
        type: 'record',
        name: 'R',
        fields: [
          { name: 'added', type: 'int', default: 0 },
          { name: 'qty', type: { type: 'array', items: 'long' } },
        ],
      },
      null,
      2,
    );
    const doc = JSON.parse(text) as unknown;
    expect(pointerOfPath(doc, '/fields/qty/type/items')).toBe('/fields/1/type/items');
    expect(pointerOfPath(doc, '/fields/gone/type')).toBe('/');
    // Avro's location says field 0 (the older reader's position); the named path wins.
    const f: Finding = {
      rule: 'TYPE_MISMATCH',
      location: '/fields/0/type/items',
      path: '/fields/qty/type/items',
      message: 'm',
    };
    expect(locateFinding(f, text)).toEqual({ line: 14, column: 18 });
    expect(text.split('\n')[13]).toBe('        "items": "long"');
    expect(locateFinding({ rule: 'X', location: '/', message: 'm' }, text)).toEqual({
      line: 1,
      column: 1,
    });
  });
});
