import {
  IMPORT_NOTE_VALUE_MAX,
  ImportNote,
} from '@modelops/plugin-modelops-common';

/** A source value as an import note keeps it: as text, cut to the note's limit. */
export function noteValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > IMPORT_NOTE_VALUE_MAX
    ? `${text.slice(0, IMPORT_NOTE_VALUE_MAX - 1)}…`
    : text;
}

/** Most notes one source object reports (the observations API's limit). */
export const MAX_NOTES_PER_OBJECT = 200;

/**
 * Keeps a report within the observations API's limit: past it, the last
 * note says how many more there were, so the cut is visible too.
 */
export function capNotes(notes: ImportNote[]): ImportNote[] {
  if (notes.length <= MAX_NOTES_PER_OBJECT) return notes;
  const kept = notes.slice(0, MAX_NOTES_PER_OBJECT - 1);
  return [
    ...kept,
    {
      field: notes[MAX_NOTES_PER_OBJECT - 1].field,
      reason: `and ${
        notes.length - kept.length
      } more notes, not listed (at most ${MAX_NOTES_PER_OBJECT} per object)`,
    },
  ];
}
