/**
 * Reads an evaluation config from YAML (file or text) or takes an object, and validates it before
 * any record is read: every problem at once, with the file, line and path, as recipes do.
 * `metrics` is the list of metric modules whose sections the config may hold (default: every built-in metric).
 */
import { ENGINES, fromYaml, parseConfigObject, readConfigText, type ConfigKind } from '../recipe/config-file.js';
import { evaluateConfigSchema, evaluateConfigSchemaFor, type EvaluateConfig, type EvaluateConfigInput } from './config-schema.js';
import { EVALUATION_METRICS, type MetricRegistry } from './metric-registry.js';

const SUBJECT = 'evaluation config';

const BUILT_IN: ConfigKind<EvaluateConfig> = {
  subject: SUBJECT,
  schema: evaluateConfigSchema as never,
  discriminators: { engine: ENGINES },
};

function kindFor(metrics: MetricRegistry): ConfigKind<EvaluateConfig> {
  if (metrics === EVALUATION_METRICS) return BUILT_IN;
  return { ...BUILT_IN, schema: evaluateConfigSchemaFor(metrics) as never };
}

export function loadEvaluateConfigFile(file: string, metrics: MetricRegistry = EVALUATION_METRICS): EvaluateConfig {
  return parseEvaluateConfigYaml(readConfigText(file, SUBJECT), file, metrics);
}

export function parseEvaluateConfigYaml(text: string, file = '<evaluate config>', metrics: MetricRegistry = EVALUATION_METRICS): EvaluateConfig {
  // An empty file (or comments only) is an empty config: evaluate everything with defaults. Unlike a
  // recipe, an evaluation config with nothing in it is meaningful, so it is not the "empty file" error.
  if (isBlankYaml(text)) return parseEvaluateConfigObject({}, file, [], metrics);
  return fromYaml(text, file, SUBJECT, (value) => parseEvaluateConfigObject(value ?? {}, file, [], metrics));
}

/** Validates a config object; `pathPrefix` places issues inside a recipe's `evaluate:` section. */
export function parseEvaluateConfigObject(
  input: EvaluateConfigInput | unknown,
  file = '<evaluate config>',
  pathPrefix: (string | number)[] = [],
  metrics: MetricRegistry = EVALUATION_METRICS,
): EvaluateConfig {
  return parseConfigObject(kindFor(metrics), input, file, pathPrefix);
}

function isBlankYaml(text: string): boolean {
  return text.split(/\r?\n/).every((line) => /^\s*(#.*|---|\.\.\.)?\s*$/.test(line));
}
