/**
 * Held-out call-center sentences for the recogniser evaluation, written apart from the domain
 * corpus (config/speech-corpus.txt), the topic phrases and the generator's lines, so the domain
 * model is not scored on its own training text (test/speech/word-error-rate.test.ts checks the
 * overlap). Written as the words a reference transcript would hold: numbers spelled out.
 */
export const EVAL_SENTENCES: readonly string[] = [
  'good evening this is olivia with the loan servicing team',
  'hi olivia this is marcus reyes calling about the mortgage on my house',
  'could you confirm the last four of your social for me',
  'sure it is eight three one six',
  'thanks marcus I show a balance of two thousand four hundred dollars',
  'why did my monthly payment go up by sixty five dollars',
  'your escrow account was short after the tax bill came in',
  'can I pay the shortage over twelve months instead',
  'yes I can spread it out starting with the november statement',
  'please give me a moment to update that',
  'I was charged a returned payment fee last friday',
  'the bank rejected the transfer because the account was closed',
  'I opened a new checking account at a different bank',
  'we can add the new account if you read me the routing number',
  'it is zero two one zero zero zero zero two one',
  'my phone number changed to seven one eight five five five zero one nine two',
  'I see two attempts to sign in from a device we do not recognize',
  'I will lock online access and send a reset link to your email',
  'did anyone call you claiming to be from our fraud department',
  'no but I got a strange text message yesterday',
  'your replacement card will arrive within seven to ten days',
  'is there a fee to send it overnight',
  'the overnight delivery is free for premier members',
  'thank you for your patience have a nice evening',
];

/** The same sentences, two espeak-ng voices (an American male and a female variant). */
export const EVAL_VOICES = ['en-us', 'en-us+f3'] as const;
