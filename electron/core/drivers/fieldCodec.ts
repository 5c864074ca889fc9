import type { MachineRecord } from '../store/machineStore';

/**
 * A driver's own fields in its record's `Driver` object, typed: each property of the driver's view
 * is one docker-machine-style field name with a kind and the value a missing or wrong-typed field
 * reads as. Reads never throw (a hand-edited record still lists); writes touch only the named fields,
 * so fields Berth does not know (another tool's) stay as they are.
 */
type Kind = 'string' | 'number' | 'boolean';
type Spec = Record<string, readonly [field: string, kind: Kind, fallback: string | number | boolean]>;
type ValueOf<K extends Kind> = K extends 'string' ? string : K extends 'number' ? number : boolean;
export type FieldsOf<S extends Spec> = { -readonly [P in keyof S]: ValueOf<S[P][1]> };

export interface FieldCodec<S extends Spec> {
  /** The record's field names this driver owns (the test that keeps them in the driver's folder reads these). */
  readonly names: readonly string[];
  read(record: MachineRecord): FieldsOf<S>;
  /** Every field at what a missing one reads as. */
  defaults(): FieldsOf<S>;
  write(record: MachineRecord, patch: Partial<FieldsOf<S>>): void;
  /** The fields as a new record's `Driver` object lists them, in the spec's order. */
  fresh(values: FieldsOf<S>): Record<string, unknown>;
}

export function fieldCodec<const S extends Spec>(spec: S): FieldCodec<S> {
  const entries = Object.entries(spec);
  return {
    names: entries.map(([, [field]]) => field),
    read(record) {
      const d = record.config.Driver as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, [field, kind, fallback]] of entries) {
        const v = d?.[field];
        out[key] = typeof v === kind && (kind !== 'number' || Number.isFinite(v)) ? v : fallback;
      }
      return out as FieldsOf<S>;
    },
    defaults() {
      return Object.fromEntries(entries.map(([key, [, , fallback]]) => [key, fallback])) as FieldsOf<S>;
    },
    write(record, patch) {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) record.config.Driver[spec[key]![0]] = value;
    },
    fresh(values) {
      return Object.fromEntries(entries.map(([key, [field]]) => [field, values[key as keyof S]]));
    },
  };
}
