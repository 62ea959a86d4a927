/**
 * Reads an evaluation config from YAML (file or text) or takes an object, and validates it before
 * any record is read: every problem at once, with the file, line and path, as recipes do.
 */
import { ENGINES, fromYaml, parseConfigObject, readConfigText, type ConfigKind } from '../recipe/config-file.js';
import { evaluateConfigSchema, type EvaluateConfig, type EvaluateConfigInput } from './config-schema.js';

const KIND: ConfigKind<EvaluateConfig> = {
  subject: 'evaluation config',
  schema: evaluateConfigSchema as never,
  discriminators: { engine: ENGINES },
};

export function loadEvaluateConfigFile(file: string): EvaluateConfig {
  return parseEvaluateConfigYaml(readConfigText(file, KIND.subject), file);
}

export function parseEvaluateConfigYaml(text: string, file = '<evaluate config>'): EvaluateConfig {
  // An empty file is an empty config: evaluate everything with defaults.
  return fromYaml(text, file, KIND.subject, (value) => parseEvaluateConfigObject(value ?? {}, file));
}

/** Validates a config object; `pathPrefix` places issues inside a recipe's `evaluate:` section. */
export function parseEvaluateConfigObject(input: EvaluateConfigInput | unknown, file = '<evaluate config>', pathPrefix: (string | number)[] = []): EvaluateConfig {
  return parseConfigObject(KIND, input, file, pathPrefix);
}
