import { portfolioCsv } from './portfolioCsv';

describe('portfolioCsv', () => {
  it('quotes fields per RFC 4180 and defuses spreadsheet formulas', () => {
    const csv = portfolioCsv([
      {
        entityRef: 'mlmodel:default/credit-scorer',
        title: 'Credit "v4", scorer',
        owner: 'group:default/risk-ml',
        kpis: [
          { name: 'default-rate', target: '< 2.5%' },
          { name: 'approval-rate' },
        ],
        monthlyCost: 1234.5,
        costMonth: '2026-10',
        latestDecision: 'retire',
        decidedAt: '2026-10-03T00:00:00.000Z',
        decidedBy: 'user:default/ana',
        retirementReasons: ['owners decided to retire it'],
      },
      {
        entityRef: 'mlmodel:default/evil',
        title: '=HYPERLINK("http://x")',
        kpis: [],
        retirementReasons: [],
      },
    ]);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[1]).toBe(
      'mlmodel:default/credit-scorer,"Credit ""v4"", scorer",group:default/risk-ml,,,default-rate (< 2.5%); approval-rate,,,1234.50,2026-10,retire,2026-10-03T00:00:00.000Z,user:default/ana,true,owners decided to retire it',
    );
    expect(lines[2]).toBe(`mlmodel:default/evil,"'=HYPERLINK(""http://x"")",,,,,,,,,,,,false,`);
  });
});
