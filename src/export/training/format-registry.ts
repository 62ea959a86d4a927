/** The training formats `synthkit export --format` knows. A new format is one module and one line here. */
import type { ExportFormat } from './export-format.js';
import { ExportError } from './export-error.js';
import { alpacaFormat } from './formats/alpaca.js';
import { chatmlFormat } from './formats/chatml.js';
import { openaiChatFormat } from './formats/openai-chat.js';
import { openaiPreferenceFormat } from './formats/openai-preference.js';
import { sharegptFormat } from './formats/sharegpt.js';
import { trlConversationalFormat } from './formats/trl-conversational.js';
import { trlPreferenceFormat } from './formats/trl-preference.js';
import { trlPromptCompletionFormat } from './formats/trl-prompt-completion.js';

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  openaiChatFormat,
  sharegptFormat,
  alpacaFormat,
  chatmlFormat,
  trlConversationalFormat,
  trlPromptCompletionFormat,
  trlPreferenceFormat,
  openaiPreferenceFormat,
];

/** The raw dataset (every exported column as it is), written beside the training formats. */
export const RAW_FORMAT = 'raw';

export function exportFormatOf(name: string, formats: readonly ExportFormat[] = EXPORT_FORMATS): ExportFormat {
  const format = formats.find((f) => f.name === name);
  if (!format) throw new ExportError(`unknown export format '${name}'; expected one of ${[RAW_FORMAT, ...formats.map((f) => f.name)].join(', ')}`);
  return format;
}
