/**
 * Hand-built qrels and run shared by the evaluation tests. Expected values are derived by hand
 * in evaluate.test.ts; the comments here say what each query is for.
 */
export const QRELS_TEXT = `# qid iter docid rel
q1 0 d1 1
q1 0 d2 0
q1 0 d3 2
q1 0 d4 1
q2 0 e1 1
q3 0 f1 0
q4 0 g1 1
`;
// q1: graded judgements, a score tie (d1, dX) and a rank column that disagrees with the scores.
// q2: a tie between the only relevant doc e1 and e2; trec_eval puts e2 first (docid descending).
// q3: judged, but nothing relevant: evaluated, scores 0.
// q4: in the qrels, not in the run: counts (as 0) only with completeMissing (-c).
// q5: in the run, not in the qrels: ignored.
export const RUN_TEXT = `q1 Q0 d1 1 2.0 sys
q1 Q0 dX 2 2.0 sys
q1 Q0 d3 3 3.0 sys
q1 Q0 d2 4 1.0 sys
q1 Q0 d4 5 0.5 sys
q2 Q0 e1 1 1.0 sys
q2 Q0 e2 2 1.0 sys
q3 Q0 f1 1 9 sys
q5 Q0 h1 1 1 sys
`;
