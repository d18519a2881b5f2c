/**
 * The port through which Send Request reaches the network. The Node implementation (`node/send/requestSender.ts`,
 * Node's http / https) is loaded by the composition root on first use; features see only this shape.
 */
import type { ClientTlsSettings } from '../profiles/clientProfile';
import type { ConcreteRequest } from './sendRequest';

/** What came back, and how long it took from sending to the last byte. */
export interface SentResponse {
  readonly status: number;
  readonly reason: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly elapsedMs: number;
}

/** How one request is sent: the profile's or the editor's connection settings, a timeout, cancellation. */
export interface SendOptions {
  readonly timeoutMs?: number;
  readonly proxy?: string;
  readonly tls?: ClientTlsSettings;
  /** Verify server certificates (default); false only when the user turned VS Code's `http.proxyStrictSSL` off. */
  readonly rejectUnauthorized?: boolean;
  /** Also trust the operating system's certificate store (VS Code's `http.systemCertificates`). */
  readonly systemCertificates?: boolean;
  readonly signal?: AbortSignal;
}

/** Sends a resolved request without following redirects; rejects with the client's typed transport errors. */
export type RequestSender = (request: ConcreteRequest, options: SendOptions) => Promise<SentResponse>;
