/** The end of every switch on a union: a new member that is not handled fails to compile. */
export function assertNever(x: never): never {
  throw new Error('unexpected value: ' + JSON.stringify(x));
}
