/*
 * pdfTextLines: the text a PDF written by PDFKit with its standard fonts
 * shows, one string per text object (a line), in drawing order. PDFKit
 * writes each line as one BT..ET object whose strings are hex-encoded
 * WinAnsi codes, inside Flate-compressed content streams; that is all this
 * reads, so a test can assert what a reader of the PDF sees without a PDF
 * rendering library.
 */
import { inflateSync } from 'node:zlib';

const STREAM = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
const TEXT_OBJECT = /\bBT\b([\s\S]*?)\bET\b/g;
const HEX_STRING = /<([0-9a-fA-F]*)>/g;

function contentOf(raw: Buffer): string {
  try {
    return inflateSync(raw).toString('latin1');
  } catch {
    // An uncompressed stream, or one that is not Flate (images, fonts).
    return raw.toString('latin1');
  }
}

/** The lines of text of every page. */
export function pdfTextLines(pdf: Buffer): string[] {
  const decoder = new TextDecoder('windows-1252');
  const lines: string[] = [];
  for (const stream of pdf.toString('latin1').matchAll(STREAM)) {
    const content = contentOf(Buffer.from(stream[1], 'latin1'));
    for (const text of content.matchAll(TEXT_OBJECT)) {
      const hex = [...text[1].matchAll(HEX_STRING)].map(h => h[1]).join('');
      if (hex) lines.push(decoder.decode(Buffer.from(hex, 'hex')));
    }
  }
  return lines;
}

/**
 * The text of the PDF as one string with the line breaks of its wrapped
 * paragraphs undone, for finding a sentence however it was wrapped.
 */
export function pdfText(pdf: Buffer): string {
  return pdfTextLines(pdf).join(' ').replace(/\s+/g, ' ');
}
