import * as assert from 'node:assert/strict';
import { isOAuthWorkbenchError } from '../../../../src/core/oauth/oauthErrors';
import { parseProxyUrl, ProxyRoutes } from '../../../../src/node/http/proxyRoute';

/** The proxy `host` a request to `url` takes under these settings, or 'direct'. */
function route(url: string, env: Record<string, string>, proxy?: string): string {
  return new ProxyRoutes({ env, proxy }).routeFor(new URL(url))?.host ?? 'direct';
}

describe('ProxyRoutes', () => {
  it('takes HTTPS_PROXY for https and HTTP_PROXY for http targets, upper case before lower case', () => {
    const env = {
      HTTPS_PROXY: 'http://secure:1',
      HTTP_PROXY: 'http://plain:2',
      https_proxy: 'http://lower:3',
    };
    assert.equal(route('https://as.example/token', env), 'secure:1');
    assert.equal(route('http://as.example/token', env), 'plain:2');
    assert.equal(route('https://as.example/token', { https_proxy: 'http://lower:3' }), 'lower:3');
    assert.equal(route('http://as.example/token', { http_proxy: 'http://lower:4' }), 'lower:4');
  });

  it('sends https through HTTP_PROXY when HTTPS_PROXY is unset or empty, and http never through HTTPS_PROXY', () => {
    assert.equal(route('https://as.example/', { HTTP_PROXY: 'http://plain:2' }), 'plain:2');
    assert.equal(route('https://as.example/', { HTTPS_PROXY: '', HTTP_PROXY: 'http://plain:2' }), 'plain:2');
    assert.equal(route('http://as.example/', { HTTPS_PROXY: 'http://secure:1' }), 'direct');
    assert.equal(route('https://as.example/', {}), 'direct');
  });

  it('skips the proxy for NO_PROXY names, their subdomains, a leading dot or *., a port, and *', () => {
    const env = {
      HTTPS_PROXY: 'http://p:1',
      NO_PROXY: 'internal.test, .corp.test *.intra.test,api.test:8443',
    };
    assert.equal(route('https://internal.test/', env), 'direct');
    assert.equal(route('https://a.b.internal.test/', env), 'direct');
    assert.equal(route('https://notinternal.test/', env), 'p:1');
    assert.equal(route('https://corp.test/', env), 'direct');
    assert.equal(route('https://x.intra.test/', env), 'direct');
    assert.equal(route('https://api.test:8443/', env), 'direct');
    assert.equal(route('https://api.test/', env), 'p:1', 'another port');
    assert.equal(route('https://INTERNAL.test/', { ...env, NO_PROXY: 'Internal.Test' }), 'direct');
    assert.equal(route('https://as.example/', { HTTPS_PROXY: 'http://p:1', no_proxy: '*' }), 'direct');
  });

  it('never proxies loopback, and lets an explicit proxy win over the environment and NO_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'as.example' };
    assert.equal(route('https://127.0.0.1:8443/', env, 'http://own:9'), 'direct');
    assert.equal(route('http://localhost/', env, 'http://own:9'), 'direct');
    assert.equal(route('https://as.example/', env, 'http://own:9'), 'own:9');
    assert.equal(route('https://other.example/', env, '  '), 'env:1', 'a blank setting is no setting');
  });

  it('reads basic credentials from the proxy URL, percent-decoded, and takes a bare host:port as http', () => {
    const withUser = parseProxyUrl('http://me%40corp:p%3Ass@proxy.test:3128');
    assert.equal(withUser.authorization, `Basic ${Buffer.from('me@corp:p:ss').toString('base64')}`);
    assert.equal(parseProxyUrl('http://proxy.test:3128').authorization, undefined);
    assert.deepEqual(
      { ...parseProxyUrl('proxy.test:3128') },
      { protocol: 'http:', hostname: 'proxy.test', port: 3128, host: 'proxy.test:3128' },
    );
    assert.equal(parseProxyUrl('https://proxy.test').port, 443);
  });

  it('fails a request that needs a malformed or non-http proxy with HTTP_PROXY, without echoing the value', () => {
    for (const bad of ['socks5://proxy.test:1080', 'http://', 'ftp://user:secret-pw@proxy.test']) {
      const routes = new ProxyRoutes({ env: {}, proxy: bad });
      assert.throws(
        () => routes.routeFor(new URL('https://as.example/')),
        (err: unknown) =>
          isOAuthWorkbenchError(err, 'HTTP_PROXY') &&
          !err.message.includes('secret') &&
          /proxy/.test(err.fix ?? ''),
      );
      assert.equal(routes.routeFor(new URL('https://127.0.0.1/')), undefined, 'loopback needs no proxy');
    }
  });
});
