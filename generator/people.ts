/** The fictional contact center the synthetic calls reach, and who works and calls there. */
export const COMPANY = 'Acme Financial';
export const COMPANY_DNIS = '+18005550100';

export interface AgentProfile {
  first: string;
  last: string;
}

/** A fixed roster, so the same agent keeps one userId across calls (dashboards aggregate by it). */
export const AGENT_ROSTER: readonly AgentProfile[] = [
  { first: 'Dana', last: 'Smith' },
  { first: 'Lee', last: 'Wong' },
  { first: 'Priya', last: 'Patel' },
  { first: 'Marcus', last: 'Johnson' },
  { first: 'Sofia', last: 'Garcia' },
  { first: 'Kevin', last: "O'Brien" },
  { first: 'Aisha', last: 'Khan' },
  { first: 'Tom', last: 'Becker' },
  { first: 'Rachel', last: 'Kim' },
  { first: 'Luis', last: 'Hernandez' },
  { first: 'Emily', last: 'Chen' },
  { first: 'Jamal', last: 'Wright' },
  { first: 'Hannah', last: 'Miller' },
  { first: 'Oscar', last: 'Silva' },
  { first: 'Grace', last: 'Liu' },
  { first: 'Nate', last: 'Fischer' },
];

export const CUSTOMER_FIRST_NAMES = [
  'Mary',
  'John',
  'Patricia',
  'Robert',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'James',
  'Susan',
  'Carlos',
  'Maria',
  'Ahmed',
  'Fatima',
  'Wei',
  'Olga',
  'Tyrone',
  'Keisha',
  'Brian',
  'Megan',
  'Raj',
  'Anita',
  'Daniel',
  'Chloe',
  'Victor',
  'Nora',
  'Samuel',
  'Ingrid',
  'Diego',
] as const;

export const CUSTOMER_LAST_NAMES = [
  'Jones',
  'Brown',
  'Davis',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Martin',
  'Jackson',
  'Thompson',
  'White',
  'Lopez',
  'Gonzalez',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'Nguyen',
  'Okafor',
  'Kowalski',
  'Rossi',
  'Schmidt',
  'Haddad',
  'Murphy',
  'Reyes',
  'Bianchi',
  'Novak',
] as const;

export const STREETS = [
  'Maple Street',
  'Oak Avenue',
  'Pine Road',
  'Cedar Lane',
  'Elm Street',
  'Lakeview Drive',
  'Sunset Boulevard',
  'Hillcrest Court',
  'River Road',
  'Washington Avenue',
  'Park Place',
  'Willow Way',
] as const;

export const CITIES = [
  'Springfield',
  'Riverside',
  'Fairview',
  'Austin',
  'Madison',
  'Georgetown',
  'Salem',
  'Franklin',
  'Greenville',
  'Clinton',
] as const;

export const EMAIL_DOMAINS = [
  'gmail dot com',
  'yahoo dot com',
  'outlook dot com',
  'hotmail dot com',
  'icloud dot com',
] as const;

/** Caller-ID labels Genesys shows for the customer participant. */
export const CALLER_ID_LABELS = [
  'Mobile Number, Texas',
  'Wireless Caller',
  'Cell Phone, Ohio',
  'Unknown',
  'Mobile Number, California',
  'Landline, Illinois',
] as const;

/** Area codes for phone numbers (555 exchange keeps them fictional). */
export const AREA_CODES = ['512', '312', '415', '617', '206', '303', '404', '713', '614', '919'] as const;
