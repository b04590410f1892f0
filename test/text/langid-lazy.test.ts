// Its own file: vitest gives each file a fresh module graph, so the detector starts unloaded here.
import { describe, expect, it } from 'vitest';
import {
  detectLanguage,
  LanguageDetectorNotLoadedError,
  loadLanguageDetector,
} from '../../lib/text/index.js';

describe('lazy language identification', () => {
  it('refuses to guess before its table is loaded, except for CJK script, then detects', async () => {
    // Act / Assess: before loading
    expect(() => detectLanguage('Der schnelle braune Fuchs springt')).toThrow(LanguageDetectorNotLoadedError);
    expect(detectLanguage('电话是谁发明的')?.lang).toBe('zh');
    expect(detectLanguage('1234 !!')).toBeNull();
    // Act: load twice, concurrently; both resolve to the same table
    await Promise.all([loadLanguageDetector(), loadLanguageDetector()]);
    // Assess
    expect(detectLanguage('Der schnelle braune Fuchs springt über den faulen Hund')?.lang).toBe('de');
  });
});
