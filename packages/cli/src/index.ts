/**
 * `@facegate/cli`: the `facegate` command line (`npx facegate --help`), and
 * the pieces it is built from for programs that want the same behaviour:
 * {@link runCli}, the `--json` output schemas, the exit codes and the JSON
 * file template store.
 * @module
 */
export { CLI_ERROR_CODES, CliError, type CliErrorCode } from './cli-error';
export type { CommandContext, CommandResult, OptionValues } from './commands/command-context';
export { EXIT_CODES, type ExitCode, exitCodeForError } from './exit-codes';
export { buildChallenge, parseChallengeSteps } from './input/challenge-option';
export {
  type FramesFromDir,
  type FrameTiming,
  MAX_FRAMES,
  type ReadFramesOptions,
  readFramesDir,
} from './input/read-frames-dir';
export { type Accept, MAX_FILE_BYTES, type MediaFile, readMediaFile } from './input/read-media-file';
export { type CliIo, createProgress, type Progress } from './output/cli-io';
export {
  type CliJsonOutput,
  cliJsonOutputSchema,
  type ErrorOutput,
  errorOutputSchema,
  JSON_SCHEMA_VERSION,
  type LivenessOutput,
  livenessOutputSchema,
  type MatchOutput,
  matchOutputSchema,
  type ProvidersOutput,
  providersOutputSchema,
  type QualityOutput,
  qualityOutputSchema,
  type SearchAddOutput,
  type SearchFindOutput,
  type SearchRemoveOutput,
  searchAddOutputSchema,
  searchFindOutputSchema,
  searchRemoveOutputSchema,
} from './output/json-output';
export {
  DEFAULT_PROVIDER,
  findProviderPackage,
  importFactory,
  PROVIDER_PACKAGES,
  type ProviderPackage,
} from './providers/provider-packages';
export { cliVersion, type RunCliOptions, runCli } from './run-cli';
export type {
  FaceTemplate,
  FaceTemplateStore,
  TemplateSearchResult,
  TemplateSelector,
} from './template-store/face-template-store';
export { type OpenTemplateStore, openPgliteTemplateStore } from './template-store/pglite-template-store';
