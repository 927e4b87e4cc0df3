// wink-nlp-utils ships no type declarations; these cover the calls we make.
declare module 'wink-nlp-utils' {
  const utils: {
    string: {
      lowerCase(text: string): string;
      amplifyNotElision(text: string): string;
      tokenize0(text: string): string[];
    };
    tokens: {
      removeWords(tokens: string[]): string[];
      stem(tokens: string[]): string[];
    };
  };
  export default utils;
}
