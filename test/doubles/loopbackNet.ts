import type * as net from 'node:net';

/** Listens on an ephemeral port of 127.0.0.1 and answers the port. */
export async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** Closes the server and the connections it still holds. */
export async function stop(server: net.Server & { closeAllConnections?: () => void }): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/** Resolves every name to 127.0.0.1, so a test can use names without a DNS query leaving the machine. */
export const loopbackLookup = ((
  _host: string,
  options: { all?: boolean },
  callback: (...args: unknown[]) => void,
) =>
  options.all
    ? callback(null, [{ address: '127.0.0.1', family: 4 }])
    : callback(null, '127.0.0.1', 4)) as never;
