// The wink packages ship no type declarations; these cover the calls we make.
declare module 'wink-naive-bayes-text-classifier' {
  interface NaiveBayesTextClassifier {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    definePrepTasks(tasks: ((input: string) => string[])[]): number;
    learn(input: string, label: string): boolean;
    consolidate(): boolean;
    /** `[label, log2 odds of label vs the rest]`, best first; `[['unknown', 0]]` without known words. */
    computeOdds(input: string): [string, number][];
  }
  const createClassifier: () => NaiveBayesTextClassifier;
  export default createClassifier;
}

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
