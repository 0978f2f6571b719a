// Formats diagnostics for the terminal (`file:line:column  severity  message  rule-id`) or as JSON.
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

export type Severity = 'error' | 'warning' | 'info';

export const severityOf = (message: VFileMessage): Severity =>
  message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  ruleId: string | null;
}

export function diagnosticsOf(files: VFile[]): Diagnostic[] {
  return files.flatMap((file) =>
    [...file.messages]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
      .map((message) => ({
        file: file.path,
        line: message.line ?? 1,
        column: message.column ?? 1,
        severity: severityOf(message),
        message: message.reason,
        ruleId: message.ruleId ?? null,
      })),
  );
}

export function formatDiagnostics(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.ruleId ?? ''}`.trimEnd()).join('\n');
}

export function summarizeDiagnostics(diagnostics: Diagnostic[]): string {
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const parts = [`${count('error')} error${count('error') === 1 ? '' : 's'}`, `${count('warning')} warning${count('warning') === 1 ? '' : 's'}`];
  return parts.join(', ');
}

/** A file size as the summaries print it: `812 B`, `187.4 KB`, `1.2 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
