export { screenInjection, DEFAULT_INJECTION_THRESHOLD, type InjectionVerdict, type InjectionFinding, type ScreenOptions } from './screen-injection.js';
export { HEURISTIC_RULES, type HeuristicRule, type InjectionCategory } from './heuristic-rules.js';
export { normaliseText } from './normalise-text.js';
export { judgeInjection, injectionJudgeMessages, INJECTION_JUDGE_SCHEMA, type InjectionJudgement } from './judge-injection.js';
