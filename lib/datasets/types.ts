/** A document as xlir's corpus JSONL holds it (see README: id, text, title?, lang?). */
export interface DatasetDoc {
  id: string;
  text: string;
  title?: string;
  lang: string;
}
