/** A stream that keeps what a command writes (its report, its notices), for a test to read. */
export const textSink = () => {
  const chunks: string[] = [];
  return {
    stream: { write: (s: string) => chunks.push(s) > 0 } as unknown as NodeJS.WritableStream,
    text: () => chunks.join(''),
  };
};
