// Its own file: vitest gives each file a fresh module graph, so no table is loaded here yet.
import { describe, expect, it } from 'vitest';
import { createLanguageDetector } from '../../lib/text/index.js';

describe('language detector factory', () => {
  it('loads a table once: concurrent calls for the same table resolve to one detector', async () => {
    // Act
    const [a, b] = await Promise.all([createLanguageDetector(), createLanguageDetector()]);
    // Assess
    expect(a).toBe(b);
    expect(a.table).toBe('medium');
    expect(a.detect('Der schnelle braune Fuchs springt über den faulen Hund')?.lang).toBe('de');
  });

  it('gives each table its own detector, and the small tables agree on plain sentences', async () => {
    // Act
    const [medium, small, extrasmall] = await Promise.all([
      createLanguageDetector({ table: 'medium' }),
      createLanguageDetector({ table: 'small' }),
      createLanguageDetector({ table: 'extrasmall' }),
    ]);
    // Assess
    expect(new Set([medium, small, extrasmall]).size).toBe(3);
    for (const detector of [medium, small, extrasmall]) {
      expect(detector.detect('¿Quién inventó el teléfono y en qué año lo patentó?')?.lang).toBe('es');
      expect(detector.detect('电话是谁发明的')?.lang).toBe('zh');
      expect(detector.detect('1234 !!')).toBeNull();
    }
  });
});
