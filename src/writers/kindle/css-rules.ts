// The CSS Amazon's Send to Kindle chokes on ("E999"): custom properties, `var()`, and comments holding `--`.
import { parse, walk, type CssNode } from 'css-tree';

export interface KindleCssProblem {
  line: number;
  column: number;
  /** Worded "Unexpected X, expected Y". */
  message: string;
}

/**
 * Problems in a stylesheet (`context: 'stylesheet'`) or a `style` attribute (`'declarationList'`), anywhere in it:
 * unlike RMSDK, Amazon's converter does not skip what `@supports` guards.
 */
export function kindleCssProblems(css: string, context: 'stylesheet' | 'declarationList' = 'stylesheet'): KindleCssProblem[] {
  const problems: KindleCssProblem[] = [];
  const ast = parse(css, {
    context,
    positions: true,
    onComment(value, loc) {
      if (value.includes('--')) {
        problems.push({ line: loc.start.line, column: loc.start.column, message: 'Unexpected `--` in a CSS comment, expected comments without double hyphens' });
      }
    },
  });
  walk(ast, {
    enter(node: CssNode) {
      const start = node.loc?.start ?? { line: 1, column: 1 };
      if (node.type === 'Declaration' && node.property.startsWith('--')) {
        problems.push({ line: start.line, column: start.column, message: `Unexpected custom property \`${node.property}\`, expected plain properties` });
      } else if (node.type === 'Function' && node.name.toLowerCase() === 'var') {
        problems.push({ line: start.line, column: start.column, message: 'Unexpected `var()`, expected a plain value' });
      }
    },
  });
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
