import { describe, expect, it } from 'vitest';
import { assertPrefixFitsConnection, parseClusterUrl } from '../../../src/redis/connection.js';

describe('Redis URLs', () => {
  it('reads a cluster URL: seed nodes, credentials, TLS', () => {
    expect(parseClusterUrl('redis-cluster://10.0.0.1:7000,10.0.0.2:7001')).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      tls: false,
    });
    expect(parseClusterUrl('rediss-cluster://app:s%3Acret@cache.example:6380')).toEqual({
      nodes: [{ host: 'cache.example', port: 6380 }],
      username: 'app',
      password: 's:cret',
      tls: true,
    });
    expect(parseClusterUrl('redis://127.0.0.1:6379')).toBeUndefined();
    expect(() => parseClusterUrl('redis-cluster://host:notaport')).toThrow(/invalid cluster node/);
  });

  it('refuses a cluster without a hash-tagged prefix, and says how to fix it', () => {
    expect(() => assertPrefixFitsConnection('redis-cluster://h:7000', 'bull')).toThrow(/\{bull\}/);
    expect(() => assertPrefixFitsConnection('redis-cluster://h:7000', '{bull}')).not.toThrow();
    expect(() => assertPrefixFitsConnection('redis://h:6379', 'bull')).not.toThrow();
  });
});
