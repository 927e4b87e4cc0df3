// wink-sentiment's copy of AFINN-165 (word → score from -5 to 5), read by the toxicity structure rules.
declare module 'wink-sentiment/src/afinn-en-165.js' {
  const afinn: Record<string, number>;
  export default afinn;
}
