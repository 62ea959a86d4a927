/**
 * Reads a curation config from YAML (file or text) or takes an object, and validates it before
 * any record is read: every problem at once, with the file, line and path, as recipes do.
 * `stages` is the list of stage modules the config may use (default: every built-in stage).
 */
import { ENGINES, fromYaml, parseConfigObject, readConfigText, type ConfigKind } from '../recipe/config-file.js';
import type { AnyCurateStage } from './curate-stage.js';
import { curateConfigSchema, curateConfigSchemaFor, stageKinds, type CurateConfig, type CurateConfigInput } from './config-schema.js';
import { CURATE_STAGES, type StageRegistry } from './stage-registry.js';

const SUBJECT = 'curation config';

const BUILT_IN: ConfigKind<CurateConfig> = {
  subject: SUBJECT,
  schema: curateConfigSchema as never,
  discriminators: { stage: stageKinds, engine: ENGINES },
};

function kindFor(stages: StageRegistry): ConfigKind<CurateConfig> {
  if (stages === CURATE_STAGES) return BUILT_IN;
  return {
    subject: SUBJECT,
    schema: curateConfigSchemaFor(stages as unknown as [AnyCurateStage, ...AnyCurateStage[]]) as never,
    discriminators: { stage: stages.map((s) => s.kind), engine: ENGINES },
  };
}

export function loadCurateConfigFile(file: string, stages: StageRegistry = CURATE_STAGES): CurateConfig {
  return parseCurateConfigYaml(readConfigText(file, SUBJECT), file, stages);
}

export function parseCurateConfigYaml(text: string, file = '<curate config>', stages: StageRegistry = CURATE_STAGES): CurateConfig {
  return fromYaml(text, file, SUBJECT, (value) => parseCurateConfigObject(value, file, [], stages));
}

/** Validates a config object; `pathPrefix` places issues inside a recipe's `curate:` section. */
export function parseCurateConfigObject(
  input: CurateConfigInput | unknown,
  file = '<curate config>',
  pathPrefix: (string | number)[] = [],
  stages: StageRegistry = CURATE_STAGES,
): CurateConfig {
  return parseConfigObject(kindFor(stages), input, file, pathPrefix);
}
