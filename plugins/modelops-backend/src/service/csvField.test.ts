import fc from 'fast-check';
import { csvField, csvText } from './csvField';

describe('csvField', () => {
  it('neutralises formulas after leading spaces, tabs and returns', () => {
    expect(csvField('=1+1')).toBe(`'=1+1`);
    expect(csvField(' =1+1')).toBe(`' =1+1`);
    expect(csvField('   +1')).toBe(`'   +1`);
    expect(csvField('-1+1')).toBe(`'-1+1`);
    expect(csvField('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvField('\t=1')).toBe(`"'\t=1"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
  });

  it('quotes fields holding a separator of any locale', () => {
    expect(csvField('Fraud;=1+1')).toBe('"Fraud;=1+1"');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('leaves numbers, plain text and empty values alone', () => {
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(true)).toBe('true');
    expect(csvField('credit scorer')).toBe('credit scorer');
    expect(csvField(undefined)).toBe('');
  });

  it('never lets a field start a formula in a comma or semicolon reader', () => {
    const formulaStart = /^[=+\-@\t\r]/;
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), text => {
        const field = csvField(text);
        const quoted = field.startsWith('"');
        const value = quoted ? field.slice(1, -1).replace(/""/g, '"') : field;
        // Unquoted fields hold no separator, so they are read whole; a
        // field read as a formula can only be a plain number.
        const unsplit = quoted || !/[,;\t\r\n"]/.test(field);
        const noFormula =
          !(formulaStart.test(value.trimStart()) || formulaStart.test(value)) ||
          /^-?\d+(\.\d+)?$/.test(value);
        expect({ unsplit, noFormula }).toEqual({
          unsplit: true,
          noFormula: true,
        });
      }),
    );
  });

  it('renders a header and rows with CRLF line ends', () => {
    expect(
      csvText(
        ['a', 'b'],
        [
          ['x', 1],
          [undefined, '=2'],
        ],
      ),
    ).toBe(`a,b\r\nx,1\r\n,'=2\r\n`);
  });
});
