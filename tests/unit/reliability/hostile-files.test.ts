import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '@shared/serialization';

// Every file in tests/fixtures/hostile must be refused with a message, quickly, without throwing
// and without touching any prototype.
const dir = join(__dirname, '../../fixtures/hostile');
const files = readdirSync(dir).sort();

describe('hostile network files', () => {
  it('the corpus is there', () => expect(files.length).toBeGreaterThanOrEqual(12));

  it.each(files)('%s is refused cleanly', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const start = performance.now();
    const result = parseDocument(text);
    expect(performance.now() - start).toBeLessThan(500);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.length).toBeGreaterThan(10);
      expect(result.error).not.toMatch(/undefined|\[object Object\]/);
    }
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a very large file is refused before it is parsed', () => {
    const huge = '{"format":"netbuilder","pad":"' + 'x'.repeat(257 * 1024 * 1024) + '"}';
    const result = parseDocument(huge);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/too large \(257 MB\); the limit is 256 MB/) });
  });
});
