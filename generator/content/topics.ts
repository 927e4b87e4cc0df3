import type { Sentiment, Topic } from '../truth.js';
import { agent, customer, type Exchange } from './line.js';

export interface Resolution {
  agent: string;
  customer: string;
  /** Reference-summary sentence for this resolution. */
  summary: string;
}

export interface TopicIssue {
  /** Third person, for the reference summary and a consult introduction ("a duplicate charge on their bill"). */
  reason: string;
  /** Second person, what the next agent says back ("a duplicate charge on your bill"). */
  about: string;
  /** Several phrasings of the same request, so a classifier is not tested on its training phrases. */
  requests: readonly string[];
  requestSentiment: Sentiment;
  details: readonly Exchange[];
  resolutions: readonly Resolution[];
}

export interface TopicContent {
  queue: string;
  /** Queues a transfer may go to. */
  escalationQueues: readonly string[];
  issues: readonly TopicIssue[];
}

export const TOPIC_CONTENT: Readonly<Record<Topic, TopicContent>> = {
  billing: {
    queue: 'Billing',
    escalationQueues: ['Billing Escalations', 'Retention', 'Customer Service'],
    issues: [
      {
        reason: 'a duplicate charge on their statement',
        about: 'a duplicate charge on your statement',
        requestSentiment: 'NEGATIVE',
        requests: [
          'I was looking at my statement and it looks like I got charged twice for the same thing.',
          'There is a charge of {amount} showing up two times on my bill, and I only made one purchase.',
          'I think I have been double billed this month.',
          'My bill has the same fee on it twice and I would like that fixed.',
        ],
        details: [
          [
            agent("I'm sorry about that. Which charge are you seeing twice?"),
            customer("It's the {amount} one from {date}."),
          ],
          [
            agent(
              'Let me pull up the statement. Okay, I do see two identical charges posted on the same day.',
            ),
            customer("Right, that's exactly what I'm talking about."),
          ],
        ],
        resolutions: [
          {
            agent:
              "I've reversed the duplicate charge. You'll see a credit of {amount} on your next statement.",
            customer: 'Perfect, thank you.',
            summary:
              'The agent reversed the duplicate charge, and a credit will appear on the next statement.',
          },
          {
            agent: 'I went ahead and removed the second charge, so your balance is corrected as of today.',
            customer: 'Great, I appreciate it.',
            summary: 'The agent removed the duplicate charge and corrected the balance.',
          },
        ],
      },
      {
        reason: 'a bill that was higher than expected',
        about: 'your bill being higher than usual',
        requestSentiment: 'NEGATIVE',
        requests: [
          "My bill is way higher than usual this month and I don't understand why.",
          'Can you explain why my balance went up by {amount}?',
          'I got my statement and there is a late fee on it, but I paid on time.',
          'Why am I being charged a service fee all of a sudden?',
        ],
        details: [
          [
            agent('Let me take a look at the line items on your most recent statement.'),
            customer('Sure, take your time.'),
          ],
          [
            agent('It looks like a late fee of {amount} was added on {date}.'),
            customer('But I paid that before the due date.', 'NEGATIVE'),
          ],
        ],
        resolutions: [
          {
            agent: "Since you've always paid on time, I've waived the fee as a one-time courtesy.",
            customer: "Oh, that's great. Thank you.",
            summary: 'The agent waived the fee as a one-time courtesy.',
          },
          {
            agent:
              'The increase came from the end of your promotional rate. I applied a new discount that brings it back down.',
            customer: 'Okay, that works for me.',
            summary: 'The agent explained that the promotional rate ended and applied a new discount.',
          },
        ],
      },
      {
        reason: 'changing their billing due date',
        about: 'changing your due date',
        requestSentiment: 'NEUTRAL',
        requests: [
          "I'd like to move my billing date to later in the month, if that's possible.",
          "Can I change when my bill is due? The first of the month doesn't work for me anymore.",
          'I get paid on the fifteenth, so I need my due date moved.',
        ],
        details: [
          [
            agent('We can do that. What day of the month would work best for you?'),
            customer('The twentieth would be ideal.'),
          ],
        ],
        resolutions: [
          {
            agent: "Done. Your new due date is the twentieth, starting with next month's statement.",
            customer: 'Wonderful, thanks.',
            summary: 'The agent changed the billing due date to the twentieth.',
          },
        ],
      },
    ],
  },
  payments: {
    queue: 'Payments',
    escalationQueues: ['Billing Escalations', 'Collections', 'Customer Service'],
    issues: [
      {
        reason: 'making a card payment on their account',
        about: 'making a payment',
        requestSentiment: 'NEUTRAL',
        requests: [
          "I'd like to make a payment on my account today.",
          'I need to pay my balance over the phone.',
          'Can I pay my bill with a debit card?',
          'I want to put {amount} toward what I owe.',
        ],
        details: [
          [agent('Sure. Which card would you like to use?'), customer("It's a Visa, the number is {card}.")],
          [agent('And the expiration date?'), customer('{expiry}.')],
          [agent('And the three digit security code on the back?'), customer("It's {cvv}.")],
        ],
        resolutions: [
          {
            agent: 'Your payment of {amount} went through. Your confirmation number is {confirmation}.',
            customer: 'Got it, thank you.',
            summary: 'The agent processed a card payment and gave a confirmation number.',
          },
        ],
      },
      {
        reason: 'a payment that did not go through',
        about: "a payment that didn't go through",
        requestSentiment: 'NEGATIVE',
        requests: [
          'I tried to pay online and it keeps getting declined.',
          "My automatic payment didn't go through this month and now I've got a past due notice.",
          "I got an email saying my payment failed, but there's money in my account.",
        ],
        details: [
          [
            agent('Let me check your autopay settings. Which bank account is it drawing from?'),
            customer('My checking account, the number is {account}.'),
          ],
          [agent('And the routing number on that account?'), customer('{routing}.')],
        ],
        resolutions: [
          {
            agent: "The routing number on file had a typo. I've corrected it and resubmitted the payment.",
            customer: 'Okay, good to know.',
            summary: 'The agent corrected the bank details and resubmitted the payment.',
          },
          {
            agent: "I've reprocessed the payment and waived the returned payment fee.",
            customer: 'Thank you so much.',
            summary: 'The agent reprocessed the payment and waived the returned payment fee.',
          },
        ],
      },
      {
        reason: 'setting up a payment plan',
        about: 'setting up a payment plan',
        requestSentiment: 'NEGATIVE',
        requests: [
          "I'm having a hard time this month and need to set up a payment plan.",
          'Is there any way I can split my balance into smaller payments?',
          "I lost my job recently and I can't pay the full amount right now.",
        ],
        details: [
          [
            agent("I'm sorry to hear that. How much could you comfortably pay each month?"),
            customer('Maybe {amount} a month.'),
          ],
        ],
        resolutions: [
          {
            agent: "I've set up a plan of {amount} per month for the next six months, with no extra fees.",
            customer: 'That really helps, thank you.',
            summary: 'The agent set up a six month payment plan with no extra fees.',
          },
        ],
      },
    ],
  },
  cancellation: {
    queue: 'Retention',
    escalationQueues: ['Retention Specialists', 'Customer Service'],
    issues: [
      {
        reason: 'cancelling their membership',
        about: 'cancelling your membership',
        requestSentiment: 'NEGATIVE',
        requests: [
          "I'd like to cancel my membership, please.",
          "I want to close my account. I just don't use it anymore.",
          "I'm calling to cancel. I found a better rate somewhere else.",
          'I need to stop my subscription, effective immediately.',
        ],
        details: [
          [
            agent("I'm sorry to hear you want to leave. May I ask what's prompting the cancellation?"),
            customer("It's just too expensive for what I get.", 'NEGATIVE'),
          ],
          [
            agent('I understand. Before I process that, I can offer you half off for the next six months.'),
            customer("Hmm. That's actually tempting."),
          ],
        ],
        resolutions: [
          {
            agent: "Great, I've applied the discount and your membership stays active.",
            customer: 'Sounds good, thanks.',
            summary: 'The customer accepted a discount and kept the membership.',
          },
          {
            agent:
              "Okay, I've cancelled the membership. You'll get a confirmation email, and you won't be billed again.",
            customer: 'Thank you.',
            summary: 'The agent cancelled the membership and confirmed there will be no further billing.',
          },
        ],
      },
      {
        reason: 'cancelling an auto insurance policy',
        about: 'cancelling your auto policy',
        requestSentiment: 'NEUTRAL',
        requests: [
          'I sold my car, so I need to cancel the auto policy.',
          "I don't need my car insurance anymore. Can you cancel it?",
          "I'm switching insurers and need to end my policy at the end of the month.",
        ],
        details: [
          [
            agent('I can help with that. What date should the cancellation take effect?'),
            customer('The end of this month, please.'),
          ],
        ],
        resolutions: [
          {
            agent:
              "The policy is cancelled as of the end of the month, and you'll get a refund of {amount} for the unused premium.",
            customer: 'Perfect.',
            summary: 'The agent cancelled the auto policy and issued a prorated refund.',
          },
        ],
      },
    ],
  },
  account_access: {
    queue: 'Digital Support',
    escalationQueues: ['Technical Support', 'Fraud', 'Customer Service'],
    issues: [
      {
        reason: 'being locked out of online banking',
        about: 'getting back into your online account',
        requestSentiment: 'NEGATIVE',
        requests: [
          "I'm locked out of my online account after too many password attempts.",
          "I can't log in to the app. It says my account is locked.",
          'I forgot my password and the reset link never shows up in my inbox.',
          'Every time I try to sign in it tells me my credentials are invalid.',
        ],
        details: [
          [
            agent('Let me check the email on file. What email address do you sign in with?'),
            customer("It's {email}."),
          ],
          [agent('And for security, can you tell me your four digit PIN?'), customer("Sure, it's {pin}.")],
        ],
        resolutions: [
          {
            agent:
              "I've unlocked the account and sent a reset link to {email}. It should arrive in a minute.",
            customer: 'Okay, I see it. Thanks.',
            summary: 'The agent unlocked the online account and sent a password reset link.',
          },
          {
            agent: "You're unlocked now. Go ahead and try signing in again.",
            customer: "It worked, I'm in.",
            summary: 'The agent unlocked the account and the customer signed in successfully.',
          },
        ],
      },
      {
        reason: 'not receiving two-factor verification codes',
        about: 'not getting your verification codes',
        requestSentiment: 'NEGATIVE',
        requests: [
          "I got a new phone and now I don't get the verification codes anymore.",
          'The security code text never comes through when I try to log in.',
          'I changed my number, so the two step verification goes to my old phone.',
        ],
        details: [
          [agent("What's the mobile number you'd like the codes sent to?"), customer("It's {phone}.")],
        ],
        resolutions: [
          {
            agent: "I've updated the number for verification codes to {phone}. Try requesting a code now.",
            customer: 'Got it, the code just came in.',
            summary: 'The agent updated the phone number used for two-factor codes.',
          },
        ],
      },
    ],
  },
  technical_support: {
    queue: 'Technical Support',
    escalationQueues: ['Tier Two Support', 'Digital Support'],
    issues: [
      {
        reason: 'the mobile app crashing',
        about: 'the app crashing',
        requestSentiment: 'NEGATIVE',
        requests: [
          'Your app keeps crashing every time I open it.',
          'The mobile app freezes on the loading screen and then closes.',
          "Since the last update the app won't open on my phone.",
        ],
        details: [
          [agent('What kind of phone are you using?'), customer("An Android, it's about two years old.")],
          [
            agent('Could you try uninstalling the app and installing it again?'),
            customer("Okay, give me a second. Alright, it's reinstalling."),
          ],
        ],
        resolutions: [
          {
            agent: 'Great, the fresh install did the trick. You should be all set now.',
            customer: 'Yep, it opens fine now.',
            summary: 'The agent had the customer reinstall the app, which fixed the crash.',
          },
        ],
      },
      {
        reason: 'an error when downloading statements on the website',
        about: 'the error on the website',
        requestSentiment: 'NEGATIVE',
        requests: [
          "I'm getting an error message when I try to download my statements.",
          'The website just shows a blank page when I click on documents.',
          'I keep getting something went wrong whenever I open my tax forms online.',
        ],
        details: [
          [agent('Which browser are you using?'), customer("Chrome, I think it's the latest version.")],
          [
            agent('Could you clear your cache and cookies and try again?'),
            customer('Okay, I cleared it. Still the same error.', 'NEGATIVE'),
          ],
        ],
        resolutions: [
          {
            agent: "I've emailed the statements to you directly and reported the error to our web team.",
            customer: 'That works, thanks.',
            summary: 'The agent emailed the statements and reported the website error.',
          },
        ],
      },
    ],
  },
  claims: {
    queue: 'Claims',
    escalationQueues: ['Claims Adjusters', 'Customer Service'],
    issues: [
      {
        reason: 'filing a claim after a car accident',
        about: 'filing an accident claim',
        requestSentiment: 'NEGATIVE',
        requests: [
          'I was in a car accident yesterday and I need to file a claim.',
          'Someone rear ended me this morning. How do I start a claim?',
          'I need to report an accident. Nobody was hurt, but my bumper is smashed in.',
        ],
        details: [
          [
            agent("I'm sorry to hear that. Is everyone okay?"),
            customer("Yes, everyone's fine, just a little shaken up."),
          ],
          [agent('Where did the accident happen?'), customer('Right in front of my house, at {address}.')],
        ],
        resolutions: [
          {
            agent:
              "I've opened your claim. The claim number is {claimNumber}, and an adjuster will contact you within two days.",
            customer: 'Okay, thank you.',
            summary: 'The agent opened an accident claim, and an adjuster will follow up.',
          },
        ],
      },
      {
        reason: 'the status of an existing claim',
        about: 'the status of your claim',
        requestSentiment: 'NEUTRAL',
        requests: [
          "I'm calling to check on the status of my claim.",
          "I filed a claim three weeks ago and haven't heard anything.",
          'Can you tell me when my claim payment is going to be sent?',
        ],
        details: [[agent('Do you have your claim number handy?'), customer("Yes, it's {claimNumber}.")]],
        resolutions: [
          {
            agent:
              'Your claim was approved yesterday, and the payment of {amount} goes out within five business days.',
            customer: 'Oh, good news. Thanks.',
            summary: 'The agent confirmed that the claim was approved and the payment is on its way.',
          },
        ],
      },
      {
        reason: 'water damage to their home',
        about: 'the water damage at your home',
        requestSentiment: 'NEGATIVE',
        requests: [
          'A pipe burst in my kitchen and I need to file a homeowners claim.',
          'We have water damage in the basement after the storm.',
        ],
        details: [[agent('Can you confirm the property address?'), customer("It's {address}.")]],
        resolutions: [
          {
            agent: "I've started the claim and scheduled an inspector to visit on {weekday}.",
            customer: 'Great, I will be home.',
            summary: 'The agent opened a home claim and scheduled an inspection.',
          },
        ],
      },
    ],
  },
  address_change: {
    queue: 'Customer Service',
    escalationQueues: ['Account Services', 'Retention'],
    issues: [
      {
        reason: 'updating their mailing address after a move',
        about: 'updating your address',
        requestSentiment: 'NEUTRAL',
        requests: [
          'I just moved and need to update my address.',
          'Can you change the mailing address on my account?',
          "I'm relocating next week, so I want my statements going to the new place.",
          'My mail is still going to my old apartment.',
        ],
        details: [
          [
            agent("Sure. What's the old address we have on file, just to confirm?"),
            customer('It was {address}.'),
          ],
          [agent("And what's the new address?"), customer('The new one is {newAddress}.')],
        ],
        resolutions: [
          {
            agent: 'All set. Your address is now {newAddress}, and your next statement will go there.',
            customer: 'Perfect, thanks.',
            summary: 'The agent updated the mailing address on the account.',
          },
        ],
      },
      {
        reason: 'updating their contact email',
        about: 'updating your email address',
        requestSentiment: 'NEUTRAL',
        requests: [
          'I need to update the email address on my account.',
          "I'm not getting any of your emails because you have my old address.",
        ],
        details: [[agent("What's the new email address?"), customer("It's {email}.")]],
        resolutions: [
          {
            agent: "I've updated your email to {email} and sent a confirmation there.",
            customer: 'Got it, thanks.',
            summary: 'The agent updated the contact email and sent a confirmation.',
          },
        ],
      },
    ],
  },
  fraud_report: {
    queue: 'Fraud',
    escalationQueues: ['Fraud Investigations', 'Card Services'],
    issues: [
      {
        reason: 'unauthorized charges on their card',
        about: 'the unauthorized charges',
        requestSentiment: 'NEGATIVE',
        requests: [
          "There are charges on my card that I didn't make.",
          "I think someone stole my card number. There are purchases from a store I've never been to.",
          'I need to report fraud. Somebody spent {amount} on my credit card.',
          "I got a text about a purchase in another state and it wasn't me.",
        ],
        details: [
          [agent("I'm sorry that happened. Can you read me the card number?"), customer("Yes, it's {card}.")],
          [
            agent('Do you still have the physical card with you?'),
            customer("Yes, it's right here in my wallet."),
          ],
        ],
        resolutions: [
          {
            agent:
              "I've blocked the card and disputed the charges, and a new card will arrive in five to seven days.",
            customer: 'Thank you, that is a relief.',
            summary: 'The agent blocked the card, disputed the fraudulent charges and ordered a replacement.',
          },
        ],
      },
      {
        reason: 'a suspected identity theft',
        about: 'a possible identity theft',
        requestSentiment: 'NEGATIVE',
        requests: [
          'I think someone opened an account in my name.',
          'I got a letter about a loan I never applied for.',
          'My identity was stolen and I want to make sure nobody can use my accounts.',
        ],
        details: [
          [
            agent('To confirm your identity, can I have your social security number?'),
            customer("It's {ssn}."),
          ],
        ],
        resolutions: [
          {
            agent: "I've placed a fraud alert on your profile and flagged the new account for investigation.",
            customer: 'Okay. Thank you for acting so fast.',
            summary: 'The agent placed a fraud alert and flagged the suspicious account for investigation.',
          },
        ],
      },
      {
        reason: 'a lost debit card',
        about: 'your lost card',
        requestSentiment: 'NEGATIVE',
        requests: [
          'I lost my debit card and I need to cancel it.',
          'My wallet was stolen last night with my cards in it.',
        ],
        details: [
          [
            agent('Do you know the last four digits of the card?'),
            customer('I think it ends in {cardLast4}.'),
          ],
        ],
        resolutions: [
          {
            agent: "The card is cancelled, and I've ordered a replacement to your address on file.",
            customer: 'Great, thanks.',
            summary: 'The agent cancelled the lost card and ordered a replacement.',
          },
        ],
      },
    ],
  },
  retirement_plan: {
    queue: 'Retirement Services',
    escalationQueues: ['Retirement Specialists', 'Customer Service'],
    issues: [
      {
        reason: "rolling over a former employer's retirement plan",
        about: 'rolling over your old plan',
        requestSentiment: 'NEUTRAL',
        requests: [
          'I want to roll over my old four oh one k into my account with you.',
          'I changed jobs and need to move my retirement savings over.',
          "How do I transfer my old employer's plan into an I R A with you?",
        ],
        details: [
          [
            agent("I can help. For the paperwork I'll need your social security number."),
            customer('Sure, {ssn}.'),
          ],
        ],
        resolutions: [
          {
            agent: "I've started the rollover request. You'll get the forms by email to sign electronically.",
            customer: 'Sounds good.',
            summary: 'The agent started the rollover and sent the forms for electronic signature.',
          },
        ],
      },
      {
        reason: 'changing their retirement contribution',
        about: 'changing your contribution',
        requestSentiment: 'NEUTRAL',
        requests: [
          "I'd like to increase my retirement contribution to ten percent.",
          'Can I change how much goes into my retirement account each paycheck?',
          'I want to lower my contributions for a few months.',
        ],
        details: [
          [agent('What percentage would you like to contribute?'), customer("Let's do ten percent.")],
        ],
        resolutions: [
          {
            agent: 'Your contribution is now ten percent, effective with your next paycheck.',
            customer: 'Perfect.',
            summary: 'The agent changed the contribution rate to ten percent.',
          },
        ],
      },
      {
        reason: 'updating the beneficiary on their retirement account',
        about: 'updating your beneficiary',
        requestSentiment: 'NEUTRAL',
        requests: [
          'I need to add my spouse as the beneficiary on my retirement account.',
          'I want to change the beneficiary on my I R A.',
        ],
        details: [[agent("What's the beneficiary's full name?"), customer("It's {beneficiaryName}.")]],
        resolutions: [
          {
            agent: "I've sent you the beneficiary change form. Once it's signed, the change takes effect.",
            customer: 'Okay, I will sign it tonight.',
            summary: 'The agent sent a beneficiary change form for signature.',
          },
        ],
      },
    ],
  },
  general_inquiry: {
    queue: 'Customer Service',
    escalationQueues: ['Account Services', 'Branch Support'],
    issues: [
      {
        reason: 'branch opening hours',
        about: 'branch hours',
        requestSentiment: 'NEUTRAL',
        requests: [
          'What time does the branch on Main Street close on Saturdays?',
          'I just have a quick question about your branch hours.',
          'Are any of your locations open on Sunday?',
        ],
        details: [
          [agent('Which branch are you asking about?'), customer('The one downtown, near the library.')],
        ],
        resolutions: [
          {
            agent: 'That branch is open until one on Saturdays and closed on Sundays.',
            customer: 'Good to know, thanks.',
            summary: "The agent provided the branch's weekend hours.",
          },
        ],
      },
      {
        reason: 'savings account interest rates',
        about: 'our savings rates',
        requestSentiment: 'NEUTRAL',
        requests: [
          "I'm wondering what interest rate you're offering on savings accounts right now.",
          'Do you have any certificates of deposit with a better rate?',
          "I'd like some information about opening a high yield savings account.",
        ],
        details: [
          [
            agent('Are you looking at a regular savings account or a certificate of deposit?'),
            customer('Probably a savings account I can access anytime.'),
          ],
        ],
        resolutions: [
          {
            agent:
              "Our high yield savings is at four point one percent right now. I've emailed you the details.",
            customer: 'Great, I will take a look.',
            summary: 'The agent explained the current savings rates and emailed the details.',
          },
        ],
      },
      {
        reason: 'when their tax forms will be available',
        about: 'your tax documents',
        requestSentiment: 'NEUTRAL',
        requests: [
          'When will my tax forms be available?',
          'I need a copy of my ten ninety nine for last year.',
        ],
        details: [[agent('Would you like it by mail or online?'), customer('Online is fine.')]],
        resolutions: [
          {
            agent: "The form is in your online documents now, and I've mailed a paper copy too.",
            customer: 'Perfect, thanks.',
            summary: 'The agent pointed the customer to the online tax form and mailed a paper copy.',
          },
        ],
      },
    ],
  },
};
