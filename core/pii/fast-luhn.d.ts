declare module 'fast-luhn' {
  /** True when the digit string passes the Luhn (mod 10) check. */
  export default function luhn(digits: string): boolean;
}
