/**
 * The playground's browser script, sent as it is (no front-end build step). It posts the form
 * to /v1/search like any client, with the API key typed into the page when auth is on, and
 * renders the results with textContent only, so passage text can never inject markup.
 */
export const PLAYGROUND_SCRIPT = `
(() => {
  const form = document.getElementById('search-form');
  const list = document.getElementById('results');
  const meta = document.getElementById('meta');
  const keyInput = document.getElementById('api-key');
  if (keyInput) keyInput.value = localStorage.getItem('xlir-api-key') || '';

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const fixed = (x) => (typeof x === 'number' ? x.toFixed(3) : '–');

  function render(json) {
    const m = json.meta;
    const q = m.query;
    // A fallback names what was detected and why it was not used (no lexicon, no analyzer).
    const lang =
      q.lang_source === 'fallback'
        ? q.lang + ' (' + (q.detected_lang || 'undetermined') + ' detected, ' + fixed(q.confidence) +
          '; ' + q.lang_reason + ')'
        : q.detected
          ? q.lang + ' (detected, ' + fixed(q.confidence) + ')'
          : q.lang;
    // One short line: each model with the document languages it scored; why each was chosen
    // (the routing rule and reason) on hover, one line per language.
    const byModel = new Map();
    const why = [];
    for (const c of m.reranked ? m.rerank.models : []) {
      byModel.set(c.model, [...(byModel.get(c.model) || []), c.doc_lang]);
      why.push(c.doc_lang + ' → ' + c.model + ': ' + c.reason);
    }
    const rerank = el('span', 'rerank',
      m.reranked
        ? 'reranked' + (m.partial ? ' (partial)' : '') + ' by ' +
          [...byModel].map(([model, langs]) => model + ' [' + langs.join(' ') + ']').join(', ')
        : 'not reranked');
    if (why.length > 0) rerank.title = why.join('\\n');
    meta.className = '';
    meta.replaceChildren(
      json.results.length + ' results · query ' + lang + ' · ' + m.first_stage.method + ' · ',
      rerank,
      ' · ' + m.timings_ms.total + ' ms · index ' + m.index.name + ' (' + m.index.build_id + ')');
    list.replaceChildren(...json.results.map((r) => {
      const item = el('li', 'result');
      const head = el('div', 'head');
      head.append(el('span', 'rank', '#' + r.rank), el('span', 'lang', r.lang), el('span', 'doc-id', r.doc_id),
        el('span', 'scores', 'score ' + fixed(r.score) + ' · bm25 ' + fixed(r.bm25_score) +
          (r.rerank_score !== undefined ? ' · rerank ' + fixed(r.rerank_score) + ' (' + r.model + ')' : '')));
      item.append(head);
      if (r.title) item.append(el('div', 'title', r.title));
      item.append(el('div', 'text', r.text || ''));
      return item;
    }));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { query: String(data.get('query') || ''), top_k: Number(data.get('top_k')), return_documents: true };
    const queryLang = data.get('query_lang');
    if (queryLang && queryLang !== 'auto') body.query_lang = queryLang;
    const docLangs = data.getAll('doc_langs');
    if (docLangs.length > 0) body.doc_langs = docLangs;
    if (data.get('rerank')) body.rerank = { depth: Number(data.get('depth')) };
    const headers = { 'content-type': 'application/json' };
    const key = keyInput ? keyInput.value.trim() : '';
    if (key) {
      headers.authorization = 'Bearer ' + key;
      localStorage.setItem('xlir-api-key', key);
    }
    meta.className = '';
    meta.textContent = 'searching…';
    list.replaceChildren();
    try {
      const response = await fetch('/v1/search', { method: 'POST', headers, body: JSON.stringify(body) });
      const json = await response.json();
      if (!response.ok) {
        meta.className = 'error';
        meta.textContent = 'error ' + response.status + ' (' + json.error.type + '): ' + json.error.message;
        return;
      }
      render(json);
    } catch (error) {
      meta.className = 'error';
      meta.textContent = 'request failed: ' + error;
    }
  });
})();
`;
