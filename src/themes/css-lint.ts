// Checks an EPUB stylesheet against Adobe RMSDK, which drops a whole stylesheet over one thing it cannot parse.
import { parse, walk, type CssNode } from 'css-tree';

export interface CssProblem {
  line: number;
  column: number;
  /** Worded "Unexpected X, expected Y". */
  message: string;
  /** Stable id: `rmsdk-function`, `rmsdk-unit`, `rmsdk-custom-property`, `css-syntax`. */
  ruleId: string;
}

/** Functions RMSDK does not know (it knows `url()`, `rgb()`, `attr()`, `counter()` and the like). */
const modernFunctions = new Set(['var', 'calc', 'min', 'max', 'clamp', 'env', 'color-mix', 'round', 'mod', 'rem', 'sin', 'cos', 'tan', 'pow', 'sqrt', 'hypot', 'abs', 'sign']);

/** Units RMSDK does not know: root and viewport units. */
const modernUnits = new Set(['rem', 'vw', 'vh', 'vmin', 'vmax', 'vi', 'vb', 'svw', 'svh', 'lvw', 'lvh', 'dvw', 'dvh', 'cqw', 'cqh', 'rlh', 'lh']);

/**
 * The constructs an RMSDK reader (plain `.epub` on Kobo, Nook, Adobe Digital Editions) cannot parse, outside
 * `@supports` blocks, which it skips: custom properties, `var()`, `calc()`, `min()`/`max()`/`clamp()`, `rem`,
 * viewport units, and anything that is not valid CSS at all.
 */
export function lintEpubCss(css: string): CssProblem[] {
  const problems: CssProblem[] = [];
  const ast = parse(css, {
    positions: true,
    onParseError(error) {
      const { line = 1, column = 1 } = error as { line?: number; column?: number };
      problems.push({ line, column, message: `Unexpected unparseable CSS (${error.message}), expected valid CSS 2.1`, ruleId: 'css-syntax' });
    },
  });
  const report = (node: CssNode, message: string, ruleId: string) => {
    const start = node.loc?.start ?? { line: 1, column: 1 };
    problems.push({ line: start.line, column: start.column, message, ruleId });
  };
  walk(ast, {
    enter(node: CssNode) {
      // RMSDK skips what `@supports` guards; that is where modern CSS may go.
      if (node.type === 'Atrule' && node.name.toLowerCase() === 'supports') return walk.skip;
      if (node.type === 'Function' && modernFunctions.has(node.name.toLowerCase())) {
        report(node, `Unexpected \`${node.name}()\` outside @supports, expected a plain value (RMSDK drops the stylesheet)`, 'rmsdk-function');
      } else if (node.type === 'Dimension' && modernUnits.has(node.unit.toLowerCase())) {
        report(node, `Unexpected \`${node.value}${node.unit}\` outside @supports, expected em, %, px or pt (RMSDK drops the stylesheet)`, 'rmsdk-unit');
      } else if (node.type === 'Declaration' && node.property.startsWith('--')) {
        report(node, `Unexpected custom property \`${node.property}\` outside @supports, expected plain properties (RMSDK drops the stylesheet)`, 'rmsdk-custom-property');
      }
      return undefined;
    },
  });
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
