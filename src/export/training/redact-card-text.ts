/**
 * What a dataset card may say about the machine it was made on: nothing. Absolute paths become
 * their last segment, and anything shaped like an API key is removed, so a card can be pushed to a
 * public hub without leaking a user's home directory or a key pasted into a description.
 */
import { basename } from 'node:path';

/** Provider key shapes: OpenAI (sk-, sk-proj-), Anthropic (sk-ant-), Hugging Face (hf_), bearer tokens. */
const KEY = /\b(?:sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}|hf_[A-Za-z0-9]{20,}|(?:Bearer|bearer)\s+[A-Za-z0-9._-]{16,})\b/g;
/** POSIX absolute paths (/home/x/...) and Windows drive paths (C:\Users\...). */
const ABSOLUTE_PATH = /(?<![\w.:/])(?:\/(?:[\w.@+-]+\/)+[\w.@+-]*|[A-Za-z]:\\(?:[^\s\\"'`]+\\)*[^\s\\"'`]*)/g;

export function redactCardText(text: string): string {
  return text.replace(KEY, '[redacted key]').replace(ABSOLUTE_PATH, (path) => basename(path.replaceAll('\\', '/')) || '[path]');
}

/** A model or file name safe to print: a path is reduced to its file name. */
export function safeName(value: string): string {
  return /^(?:\/|[A-Za-z]:\\|~)/.test(value) ? basename(value.replaceAll('\\', '/')) : redactCardText(value);
}
