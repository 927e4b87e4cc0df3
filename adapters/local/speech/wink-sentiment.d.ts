// wink-sentiment ships no type declarations; this covers the call we make.
declare module 'wink-sentiment' {
  interface Token {
    value: string;
    tag: string;
    score?: number;
    negation?: boolean;
  }
  interface Result {
    score: number;
    /** Score normalised to -5..5 (Transcribe's scale for overall sentiment). */
    normalizedScore: number;
    tokenizedPhrase: Token[];
  }
  const sentiment: (phrase: string) => Result;
  export default sentiment;
}
