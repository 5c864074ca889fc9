/**
 * The one IPC contract between the renderer and the core. Both transports (Electron IPC and the
 * browser-host WebSocket) carry exactly these channels; the core validates every request payload
 * against the schemas below before a handler sees it.
 */
import { z } from 'zod';
import { MACHINE_NAME_PATTERN } from './machineName';
import type { AboutInfo, MachineStatus, StoreListing } from './types';
import { ENV_SHELLS } from './types';

const machineName = z.string().regex(MACHINE_NAME_PATTERN, 'invalid machine name');

export const requestSchemas = {
  'app.about': z.object({}).strict(),
  'machines.list': z.object({}).strict(),
  'machine.status': z
    .object({ name: machineName, timeoutMs: z.number().int().min(100).max(120_000).optional() })
    .strict(),
  'machine.env': z
    .object({ name: machineName, shell: z.enum(ENV_SHELLS), unset: z.boolean(), noProxy: z.boolean() })
    .strict(),
  'machine.setActive': z.object({ name: machineName.nullable() }).strict(),
  'clipboard.writeText': z.object({ text: z.string().max(1_000_000) }).strict(),
} as const;

export type Channel = keyof typeof requestSchemas;
export const CHANNELS = Object.keys(requestSchemas) as Channel[];

export type RequestOf<C extends Channel> = z.input<(typeof requestSchemas)[C]>;

export interface Responses {
  'app.about': AboutInfo;
  'machines.list': StoreListing;
  'machine.status': MachineStatus;
  'machine.env': { text: string };
  'machine.setActive': { chosenActive: string | null };
  /** copied=false: this platform cannot reach the user's clipboard; the renderer copies itself. */
  'clipboard.writeText': { copied: boolean };
}
export type ResponseOf<C extends Channel> = Responses[C];

/** Events pushed from the core to every connected renderer. */
export interface Events {
  /** The store changed on disk (a machine added, removed or edited, by Berth or docker-machine). */
  'machines.changed': Record<string, never>;
}
export type EventName = keyof Events;
export const EVENT_NAMES: EventName[] = ['machines.changed'];

/** Stable error codes carried by failed envelopes. */
export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'INVALID_PAYLOAD',
  'NOT_FOUND',
  'INVALID_NAME',
  'CORRUPT_CONFIG',
  'STORE_ERROR',
  'UNREACHABLE',
  'NO_ACTIVE',
  'UNSUPPORTED',
  'SSH_AUTH',
  'HOST_KEY_CHANGED',
  'HOST_KEY_UNTRUSTED',
  'SUDO_PASSWORD',
  'PROVISION_FAILED',
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcError {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What a transport offers the renderer: nothing but these two functions. */
export interface Bridge {
  invoke(channel: string, payload: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Wire format of the browser-host WebSocket. */
export type WsClientMessage = { id: number; channel: string; payload: unknown };
export type WsServerMessage =
  | { id: number; envelope: Envelope<unknown> }
  | { event: string; payload: unknown };

/** The WebSocket subprotocol; the token travels as a second subprotocol `berth-token.<hex>`. */
export const WS_PROTOCOL = 'berth.v1';
export const WS_TOKEN_PROTOCOL_PREFIX = 'berth-token.';
