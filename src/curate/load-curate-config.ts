/**
 * Reads a curation config from YAML (file or text) or takes an object, and validates it before
 * any record is read: every problem at once, with the file, line and path, as recipes do.
 */
import { ENGINES, fromYaml, parseConfigObject, readConfigText, type ConfigKind } from '../recipe/config-file.js';
import { curateConfigSchema, stageKinds, type CurateConfig, type CurateConfigInput } from './config-schema.js';

const KIND: ConfigKind<CurateConfig> = {
  subject: 'curation config',
  schema: curateConfigSchema as never,
  discriminators: { stage: stageKinds, engine: ENGINES },
};

export function loadCurateConfigFile(file: string): CurateConfig {
  return parseCurateConfigYaml(readConfigText(file, KIND.subject), file);
}

export function parseCurateConfigYaml(text: string, file = '<curate config>'): CurateConfig {
  return fromYaml(text, file, KIND.subject, (value) => parseCurateConfigObject(value, file));
}

/** Validates a config object; `pathPrefix` places issues inside a recipe's `curate:` section. */
export function parseCurateConfigObject(input: CurateConfigInput | unknown, file = '<curate config>', pathPrefix: (string | number)[] = []): CurateConfig {
  return parseConfigObject(KIND, input, file, pathPrefix);
}
