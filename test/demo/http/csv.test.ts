import { describe, expect, it } from 'vitest'
import { neutralise, toCsv } from '../../../demo/http/csv.ts'

// demo/http/csv.ts: RFC 4180 with formula cells shown as text (docs/results.md).
describe('CSV for spreadsheets', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2-3', "'-2-3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [' =1+1', "' =1+1"],
    ['\u0000=1', "'\u0000=1"],
    ['\n=1+1', "'\n=1+1"],
    ['\u00a0@x', "'\u00a0@x"],
    ['\u200b=1', "'\u200b=1"],
    ['\u061c+1', "'\u061c+1"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['giveaway', 'giveaway'],
    ['a=1', 'a=1'],
    ['', ''],
  ])('writes %j as %j', (cell, written) => {
    expect(neutralise(cell)).toBe(written)
  })

  it('quotes commas, quotes and line breaks, doubles quotes, and ends every line with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', 3],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",3\r\n')
  })
})
