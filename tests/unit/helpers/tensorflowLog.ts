// Native TensorFlow writes its own start-up log to the process's stderr, whatever
// TF_CPP_MIN_LOG_LEVEL says: absl's "WARNING: All log messages before absl::InitializeLog()...",
// "I0000 ... oneDNN custom operations are on..." and the CPU feature note on two lines.
const LOG_LINES = [
  /^WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR$/,
  /^[IW]\d{4} [\d:.]+ +\d+ [\w.]+:\d+\] /,
  /^To enable the following instructions: .*, in other operations, rebuild TensorFlow with the appropriate compiler flags\.$/,
];

/** stderr without native TensorFlow's own start-up log lines. */
export function withoutTensorFlowLog(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !LOG_LINES.some((re) => re.test(line)))
    .join('\n');
}
