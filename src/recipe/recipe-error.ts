import { SynthkitError } from '../core/synthkit-error.js';
/** A recipe problem the user must fix, with where it is and what is expected. */
export interface RecipeIssue {
  /** Path into the recipe, e.g. ["columns", 2, "weights", 1]. */
  path: (string | number)[];
  message: string;
  line?: number;
  column?: number;
}

export class RecipeError extends SynthkitError {
  constructor(
    readonly file: string,
    readonly issues: RecipeIssue[],
    /** What the file is, for the message: 'recipe' or e.g. 'curation config'. */
    readonly subject = 'recipe',
  ) {
    super(formatIssues(file, issues, subject));
  }
}

export function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(top level)';
}

function formatIssues(file: string, issues: RecipeIssue[], subject: string): string {
  const lines = issues.map((issue) => {
    const where = issue.line ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
    return `  ${where} ${formatPath(issue.path)}: ${issue.message}`;
  });
  return `invalid ${subject} ${file} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}
