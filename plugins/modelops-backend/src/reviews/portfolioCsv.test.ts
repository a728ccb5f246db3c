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
      {
        entityRef: 'mlmodel:default/sneaky',
        title: ' =1+1',
        businessOwner: 'Fraud;=1+1',
        kpis: [{ name: '@SUM(A1)' }],
        retirementReasons: [],
      },
    ]);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
    // Leading spaces do not hide a formula; a semicolon, the separator of
    // many locales, is quoted so it cannot start a field.
    expect(lines[3]).toBe(
      `mlmodel:default/sneaky,' =1+1,,"Fraud;=1+1",,'@SUM(A1),,,,,,,,false,`,
    );
    expect(lines[1]).toBe(
      'mlmodel:default/credit-scorer,"Credit ""v4"", scorer",group:default/risk-ml,,,"default-rate (< 2.5%); approval-rate",,,1234.50,2026-10,retire,2026-10-03T00:00:00.000Z,user:default/ana,true,owners decided to retire it',
    );
    expect(lines[2]).toBe(
      `mlmodel:default/evil,"'=HYPERLINK(""http://x"")",,,,,,,,,,,,false,`,
    );
  });
});
