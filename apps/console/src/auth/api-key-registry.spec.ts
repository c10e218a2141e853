import { ApiKeyRegistry, hashApiKey } from './api-key-registry';

describe(ApiKeyRegistry.name, () => {
  it('finds the principal of a key by its SHA-256 and refuses unknown keys', () => {
    const registry = new ApiKeyRegistry([
      { name: 'ana', role: 'analyst', sha256: hashApiKey('analyst-key-0123456789'), demo: false },
    ]);
    expect(registry.authenticate('analyst-key-0123456789')).toEqual({ name: 'ana', role: 'analyst' });
    expect(registry.authenticate('analyst-key-012345678')).toBeUndefined();
  });

  it('loads the development key file and refuses its demo keys in production', () => {
    const development = ApiKeyRegistry.fromFile('config/console/api-keys.yaml', false);
    expect(development.authenticate('vigil-demo-admin-key-2026')).toEqual({
      name: 'demo-admin',
      role: 'admin',
    });
    expect(() => ApiKeyRegistry.fromFile('config/console/api-keys.yaml', true)).toThrow(/no usable API key/);
  });
});
