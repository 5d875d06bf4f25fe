/** How CLB tells nodes apart when it reports duplicates: address (case-insensitive) and port. */
export const nodeAddressKey = (node: { readonly address: string; readonly port: number }): string =>
  `${node.address.toLowerCase()}:${node.port}`;
