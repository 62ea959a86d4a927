/** Progress events from `curate()`, for the CLI's progress line and the studio. */
export type CurateEvent =
  | { type: 'stage-start'; stage: string; kind: string; records: number }
  | { type: 'stage-progress'; stage: string; done: number; total: number }
  | { type: 'stage-done'; stage: string; kind: string; kept: number; dropped: number; flagged: number };
