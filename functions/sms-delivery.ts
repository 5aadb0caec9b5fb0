// Placeholder entry so the CDK stack can bundle it; the real handler replaces this file.
export const handler = async (): Promise<unknown> => {
  throw new Error('not implemented yet');
};
