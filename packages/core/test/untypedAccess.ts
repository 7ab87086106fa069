/** Finds what core's src must not contain to stay typed by the generated chain types (typedChainAccess.test.ts). */
import ts from 'typescript';

/** the decorated namespaces of @polkadot/api whose members are pallets, calls, items and events */
const CHAIN_ROOTS = new Set(['tx', 'query', 'consts', 'events', 'errors', 'call']);

/** The expression under parentheses and type assertions. */
function bare(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e))
    e = e.expression;
  return e;
}

/** Whether the expression is a member of `….tx`, `….query`, … (a pallet, call, storage item, event …). */
function onChainMember(expression: ts.Expression): boolean {
  let e = bare(expression);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) {
    const inner = bare(e.expression);
    const name = ts.isPropertyAccessExpression(inner)
      ? inner.name.text
      : ts.isIdentifier(inner)
        ? inner.text
        : '';
    if (ts.isPropertyAccessExpression(e) && CHAIN_ROOTS.has(name)) return true;
    e = inner;
  }
  return false;
}

/** `file:line: what` for every `any`, `as unknown as` and `!` on a pallet member in a source text. */
export function untypedAccesses(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) at(node, '`any`');
    if (
      ts.isAsExpression(node) &&
      ts.isAsExpression(node.expression) &&
      node.expression.type.kind === ts.SyntaxKind.UnknownKeyword
    )
      at(node, '`as unknown as`');
    // `api.tx.phalaStakePool!…`, or a member asserted and called: `untypedTx(api).contribute!(…)`
    if (
      ts.isNonNullExpression(node) &&
      (onChainMember(node.expression) ||
        (ts.isPropertyAccessExpression(node.expression) &&
          ts.isCallExpression(node.parent) &&
          node.parent.expression === node))
    )
      at(node, `\`!\` on a pallet member: ${node.getText()}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
