import assert from 'node:assert/strict';
import { looksSecretName, maskSecrets, SecretMasker, usableSecrets } from '../../../src/shared/secrets';
import { prng } from '../llm/helpers';

describe('shared: secrets', () => {
  it('maskSecrets replaces every occurrence of every secret and leaves the rest as it was', () => {
    assert.equal(maskSecrets('a sk-1234 b sk-1234 c tok-999x', ['sk-1234', 'tok-999x']), 'a *** b *** c ***');
    assert.equal(maskSecrets('nothing here', ['sk-1234']), 'nothing here');
    assert.equal(maskSecrets('a abc b', ['abc']), 'a abc b', 'values too short to be keys are left alone');
  });

  it('usableSecrets drops empty and short values and puts the longest first, so a key containing another goes whole', () => {
    const secrets = usableSecrets(['sk-1234', '', 'ab', 'sk-1234-long', 'sk-1234']);
    assert.deepEqual(secrets, ['sk-1234-long', 'sk-1234']);
    assert.equal(maskSecrets('x sk-1234-long y', secrets), 'x *** y');
  });

  it('looksSecretName: credentials by name, harmless names readable', () => {
    for (const n of ['X-Relay-Token', 'x-api-key', 'Authorization', 'X-Auth', 'x-client-secret', 'X-Signature', 'key', 'api_key', 'apikey', 'token', 'access_token', 'sig', 'password']) {
      assert.equal(looksSecretName(n), true, n);
    }
    for (const n of ['X-Title', 'HTTP-Referer', 'api-version', 'anthropic-version', 'model', 'user']) assert.equal(looksSecretName(n), false, n);
  });

  it('SecretMasker: a secret split across pieces is masked whole, at every split point', () => {
    const key = 'sk-live-0123456789';
    const text = `before ${key} middle ${key}`;
    for (let cut = 0; cut <= text.length; cut++) {
      const m = new SecretMasker([key]);
      const out = m.push(text.slice(0, cut)) + m.push(text.slice(cut)) + m.flush();
      assert.equal(out, 'before *** middle ***', `cut at ${cut}`);
    }
  });

  it('SecretMasker: a secret is never cut where another secret could start inside it', () => {
    const m = new SecretMasker(usableSecrets(['abcdef', 'defzz']));
    assert.equal(m.push('x abcdef'), 'x ', '"def" may start the second secret, and the first must go whole');
    assert.equal(m.push(' y'), '*** y');
    assert.equal(m.flush(), '');
  });

  it('SecretMasker: ordinary text passes at once; only a possible start of a secret waits', () => {
    const m = new SecretMasker(['sk-live-0123456789']);
    assert.equal(m.push('hello world'), 'hello world');
    assert.equal(m.push(' and sk-li'), ' and ');
    assert.equal(m.push('ve but not a key'), 'sk-live but not a key');
    assert.equal(m.push('s'), '', 'an s could start the key');
    assert.equal(m.flush(), 's');
  });

  it('SecretMasker: random pieces over several secrets give the same text as masking it whole', () => {
    const secrets = usableSecrets(['sk-aaaa-1111', 'tok-aa11', 'sk-aaaa-1111-b']);
    const rand = prng(7);
    const alphabet = ['sk-aaaa-1111', 'tok-aa11', 'sk-aaaa-1111-b', 'sk-', 'tok', 'a', '1', ' ', 's'];
    for (let run = 0; run < 200; run++) {
      let text = '';
      for (let i = 0; i < 20; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      const m = new SecretMasker(secrets);
      let out = '';
      for (let at = 0; at < text.length;) {
        const n = 1 + Math.floor(rand() * 6);
        out += m.push(text.slice(at, at + n));
        at += n;
      }
      out += m.flush();
      assert.equal(out, maskSecrets(text, secrets), text);
    }
  });
});
