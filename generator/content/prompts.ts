/** What plays on the agent channel when no agent is there: IVR prompts, queue and hold messages. */

export const IVR_WELCOMES = [
  'Thank you for calling {company}.',
  'Welcome to {company}.',
  'Hello, and thank you for calling {company}.',
] as const;

export const IVR_RECORDING_NOTICES = [
  'This call may be monitored or recorded for quality and training purposes.',
  'Calls are recorded to help us improve our service.',
] as const;

export const IVR_MENUS = [
  'For billing, press one. For payments, press two. For claims, press three. To report fraud or a lost card, press four. For retirement accounts, press five. For all other questions, press zero.',
  'Please listen carefully, as our menu options have changed. For account and billing questions, press one. To make a payment, press two. For technical support or help signing in, press three. For everything else, press zero.',
  'In a few words, please tell me the reason for your call. For example, you can say make a payment, or report a lost card.',
] as const;

/** Index into IVR_MENUS of the speech-enabled menu (the customer answers by voice). */
export const SPEECH_MENU = 2;

export const IVR_SPOKEN_CHOICES = [
  'Billing question.',
  'Representative.',
  'I need to talk to someone.',
  'Agent.',
  'Customer service.',
] as const;

export const IVR_ACCOUNT_PROMPTS = [
  'Please enter your account number, followed by the pound key.',
  'Using your keypad, enter the last four digits of your account number.',
] as const;

export const IVR_ACKNOWLEDGEMENTS = ['Thank you.', 'Thanks. One moment.', 'Got it.'] as const;

export const IVR_TRANSFERS = [
  'Please hold while we connect you to the next available representative.',
  'One moment while I transfer your call.',
  'Please stay on the line. Your call is being transferred to an agent.',
] as const;

export const QUEUE_ANNOUNCEMENTS = [
  'All of our representatives are currently assisting other customers. Your call is important to us, so please stay on the line and your call will be answered in the order it was received.',
  'Your call is important to us. Please continue to hold.',
  'Did you know you can view your statements and make payments online at acme financial dot com?',
  'Thank you for your patience. A representative will be with you shortly.',
  'We are experiencing higher than normal call volumes. Thank you for holding.',
  'Your estimated wait time is less than {waitMinutes} minutes.',
] as const;

export const TRANSFER_QUEUE_ANNOUNCEMENTS = [
  'Please hold while your call is transferred.',
  'Thank you for waiting. The next available specialist will be with you shortly.',
] as const;

export const HOLD_MESSAGES = [
  'Thank you for holding. Your agent will be with you shortly.',
  'Please continue to hold. Your call is important to us.',
  'Thanks for your patience. Please stay on the line.',
] as const;

/** Vocals in hold music that speech recognition picks up as words. */
export const MUSIC_PHRASES = ['Ooh, yeah, baby, yeah.', 'La la la.', 'Oh oh oh.'] as const;
