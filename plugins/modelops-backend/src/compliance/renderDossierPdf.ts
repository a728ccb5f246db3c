import PDFDocument from 'pdfkit';
import type { Dossier, DossierBlock } from './buildDossier';

/** A4 with 2 cm margins; the footer sits in the bottom margin. */
const MARGIN = 56;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const GREY = '#555555';

/** Characters outside WinAnsi that catalog text and the dossier commonly hold. */
const REPLACEMENTS: Record<string, string> = {
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '→': '->',
  '←': '<-',
  '✓': 'yes',
  '✗': 'no',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2212': '-',
  '\u2011': '-',
};

/** The characters that WinAnsi holds above Latin-1's printable range. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text as the PDF's standard fonts can show it. The fonts built into every
 * PDF reader (Helvetica) cover WinAnsi only, and PDFKit would otherwise
 * write an unknown character as unrelated glyphs; embedding a Unicode font
 * would tie the package to a font file. Common symbols are spelled out, any
 * other character outside WinAnsi becomes `?`, and control characters a
 * space.
 */
export function pdfText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char];
    else if (code === 0x0a) out += '\n';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (code <= 0xff || WIN_ANSI_EXTRA.has(char)) out += char;
    else out += '?';
  }
  return out;
}

function heading(doc: PDFKit.PDFDocument, text: string, size: number) {
  // Keep a heading with at least a few lines of what follows it.
  if (doc.y > doc.page.height - MARGIN - size * 6) doc.addPage();
  doc
    .moveDown(0.6)
    .font(BOLD)
    .fontSize(size)
    .fillColor('black')
    .text(pdfText(text));
  doc.moveDown(0.3).font(FONT).fontSize(9.5);
}

function table(
  doc: PDFKit.PDFDocument,
  header: string[],
  rows: string[][],
  columnStyles?: Array<number | string>,
) {
  doc.x = MARGIN;
  doc.font(FONT).fontSize(8.5);
  doc.table({
    ...(columnStyles ? { columnStyles } : {}),
    defaultStyle: { border: 0.5, borderColor: '#999999', padding: 3 },
    rowStyles: (row: number) =>
      row === 0 ? { backgroundColor: '#eeeeee' } : undefined,
    data: [
      header.map(text => ({ text: pdfText(text), font: { src: BOLD } })),
      ...rows.map(r => r.map(text => pdfText(text))),
    ],
  });
  doc.moveDown(0.5).font(FONT).fontSize(9.5);
}

function block(doc: PDFKit.PDFDocument, b: DossierBlock) {
  switch (b.kind) {
    case 'text':
      doc.x = MARGIN;
      doc.font(FONT).fontSize(9.5).text(pdfText(b.text)).moveDown(0.4);
      return;
    case 'fields':
      if (b.rows.length > 0) {
        table(
          doc,
          ['Field', 'Value'],
          b.rows.map(([label, value]) => [label, value]),
          // Labels are short; the values get the width.
          [150, '*'],
        );
      }
      return;
    case 'table':
      doc.x = MARGIN;
      doc.font(BOLD).fontSize(9.5).text(pdfText(b.title)).moveDown(0.2);
      table(doc, b.header, b.rows);
      return;
    default:
      return;
  }
}

/**
 * The dossier as a PDF document: the same sections, blocks and gaps as the
 * Markdown rendering, with tables drawn by PDFKit and a footer naming the
 * model, the version and the page on every page.
 */
export function renderDossierPdf(dossier: Dossier): Promise<Buffer> {
  const generatedAt = new Date(dossier.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: pdfText(
        `Technical documentation (EU AI Act Annex IV): ${dossier.title} ${dossier.version}`,
      ),
      Subject: pdfText(dossier.entityRef),
      Creator: 'ModelOps for Backstage',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const gapCount = dossier.sections.reduce((n, s) => n + s.gaps.length, 0);
  doc
    .font(BOLD)
    .fontSize(17)
    .text(pdfText('Technical documentation (EU AI Act Annex IV)'));
  doc.font(BOLD).fontSize(13).text(pdfText(dossier.title)).moveDown(0.4);
  doc
    .font(FONT)
    .fontSize(9.5)
    .fillColor(GREY)
    .text(
      pdfText(
        `Model ${dossier.entityRef}, version ${dossier.version}. Generated ${dossier.generatedAt} from the records the portal holds; ${gapCount} gaps are listed under their sections.`,
      ),
    )
    .fillColor('black');

  for (const section of dossier.sections) {
    heading(doc, `${section.point}. ${section.title}`, 13);
    for (const b of section.blocks) block(doc, b);
    if (section.gaps.length > 0) {
      doc.x = MARGIN;
      doc.font(BOLD).fontSize(9.5).fillColor('#9a3412').text('Gaps');
      doc
        .font(FONT)
        .fontSize(9.5)
        .fillColor('black')
        .list(section.gaps.map(pdfText), { bulletRadius: 1.6 })
        .moveDown(0.4);
    }
  }

  // Footer on every page, written once the page count is known.
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(GREY)
      .text(
        pdfText(
          `Annex IV dossier - ${dossier.entityRef} ${dossier.version} - page ${
            i + 1 - start
          } of ${count}`,
        ),
        MARGIN,
        doc.page.height - MARGIN / 2 - 8,
        {
          width: doc.page.width - 2 * MARGIN,
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
