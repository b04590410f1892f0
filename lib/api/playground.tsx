/**
 * GET /: the playground. A server-rendered page (Hono JSX) with the default index's languages
 * and the model status filled in; searching happens in the browser against /v1/search.
 */
import type { FC } from 'hono/jsx';
import { UNDETERMINED_LANGUAGE } from '../index/index.js';
import { SUPPORTED_LANGUAGES } from '../text/index.js';
import { DEFAULT_SEARCH_TOP_K } from './constants.js';
import type { ApiApp, ApiState } from './context.js';
import { PLAYGROUND_SCRIPT } from './playground-script.js';

const DEFAULT_PLAYGROUND_DEPTH = 20;

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d1d1f; }
h1 { font-size: 1.4rem; margin-bottom: .2rem; }
.status { color: #555; margin: 0 0 1rem; }
.warn { color: #8a4b00; }
form { display: grid; gap: .6rem; background: #f5f5f7; padding: 1rem; border-radius: .5rem; }
.row { display: flex; flex-wrap: wrap; gap: .8rem; align-items: center; }
input[type=text], input[type=password] { flex: 1; min-width: 16rem; padding: .45rem; font-size: 1rem; }
input[type=number] { width: 4.5rem; }
#meta { margin: 1rem 0 .5rem; color: #333; }
#meta.error { color: #b00020; }
ol { list-style: none; padding: 0; }
.result { border-bottom: 1px solid #ddd; padding: .6rem 0; }
.head { display: flex; gap: .6rem; font-size: .85rem; color: #555; }
.lang { background: #e3ecff; border-radius: .25rem; padding: 0 .35rem; font-weight: 600; color: #1a3d8f; }
.doc-id { font-family: ui-monospace, monospace; }
.title { font-weight: 600; margin-top: .2rem; }
`;

interface PageProps {
  indexName: string;
  indexStatus: string;
  docLangs: string[];
  modelsAvailable: boolean;
  modelsStatus: string;
  authOn: boolean;
}

const Page: FC<PageProps> = (props) => {
  const queryLangs = [...new Set([...props.docLangs, ...SUPPORTED_LANGUAGES])].sort();
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>xlir playground</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <h1>xlir playground</h1>
        <p class="status">
          index <b>{props.indexName}</b>: {props.indexStatus} · models:{' '}
          <span class={props.modelsAvailable ? '' : 'warn'}>{props.modelsStatus}</span> ·{' '}
          <a href="/docs">API docs</a>
        </p>
        <form id="search-form">
          <div class="row">
            <input type="text" name="query" id="query" placeholder="Ask in any language" required />
            <button type="submit" id="search">
              Search
            </button>
          </div>
          <div class="row">
            <label>
              query language{' '}
              <select name="query_lang" id="query-lang">
                <option value="auto">detect</option>
                {queryLangs.map((lang) => (
                  <option value={lang}>{lang}</option>
                ))}
              </select>
            </label>
            <span>documents in:</span>
            {props.docLangs.map((lang) => (
              <label>
                <input type="checkbox" name="doc_langs" value={lang} /> {lang}
              </label>
            ))}
            <span>(none ticked: all)</span>
          </div>
          <div class="row">
            <label>
              top k{' '}
              <input type="number" name="top_k" min="1" max="100" value={String(DEFAULT_SEARCH_TOP_K)} />
            </label>
            <label>
              <input type="checkbox" name="rerank" id="rerank" disabled={!props.modelsAvailable} /> rerank,
              depth{' '}
              <input type="number" name="depth" min="1" max="100" value={String(DEFAULT_PLAYGROUND_DEPTH)} />
            </label>
            {props.authOn ? (
              <input type="password" id="api-key" placeholder="API key (auth is on)" autocomplete="off" />
            ) : (
              <span class="warn">auth is off</span>
            )}
          </div>
        </form>
        <div id="meta"></div>
        <ol id="results"></ol>
        <script dangerouslySetInnerHTML={{ __html: PLAYGROUND_SCRIPT }} />
      </body>
    </html>
  );
};

export function registerPlayground(app: ApiApp, state: ApiState): void {
  app.get('/', async (c) => {
    let indexStatus: string;
    let docLangs: string[] = [];
    try {
      const { reader } = await state.indexes.get(undefined);
      docLangs = reader.manifest.languages.filter((l) => l !== UNDETERMINED_LANGUAGE);
      indexStatus = `${reader.manifest.docCount} passages in ${docLangs.length} languages`;
    } catch (error) {
      indexStatus = `unavailable (${(error as Error).message})`;
    }
    const models = await state.models.describe().catch((error: Error) => ({
      available: false,
      reason: error.message,
      variants: [] as Array<{ id: string }>,
    }));
    const modelsStatus = models.available
      ? `${models.variants.map((v) => v.id).join(', ')} (routed by language)`
      : `BM25 only: ${models.reason}`;
    return c.html(
      '<!doctype html>' +
        (
          <Page
            indexName={state.indexes.defaultName}
            indexStatus={indexStatus}
            docLangs={docLangs}
            modelsAvailable={models.available}
            modelsStatus={modelsStatus}
            authOn={state.gatekeeper.enabled}
          />
        ).toString(),
    );
  });
}
