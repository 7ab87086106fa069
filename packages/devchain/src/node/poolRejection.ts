import type { TransactionValidityError } from '../runtime/interface.js';
import { ErrorCode, PoolRejectedError } from './errors.js';

/** sp-runtime's Display texts, which Substrate's author errors carry as `data`. */
const INVALID_TEXT: Record<string, string> = {
  Call: 'Transaction call is not expected',
  Payment: 'Inability to pay some fees (e.g. account balance too low)',
  Future: 'Transaction will be valid in the future',
  Stale: 'Transaction is outdated',
  BadProof: 'Transaction has a bad signature',
  AncientBirthBlock: 'Transaction has an ancient birth block',
  ExhaustsResources: 'Transaction would exhaust the block limits',
  BadMandatory: 'A call was labelled as mandatory, but resulted in an Error.',
  MandatoryValidation: 'Transaction dispatch is mandatory; transactions may not have mandatory dispatches.',
  BadSigner: 'Invalid signing address',
};
const UNKNOWN_TEXT: Record<string, string> = {
  CannotLookup: 'Could not lookup information required to validate the transaction',
  NoUnsignedValidator: 'Could not find an unsigned validator for the unsigned transaction',
};

/** Substrate's text first (clients match on it), then the dev chain's reason in words when it says more. */
function describe(canonical: string | undefined, reason: string): string {
  if (!canonical || canonical === reason) return reason;
  return reason ? `${canonical}: ${reason}` : canonical;
}

export function rejection(error: TransactionValidityError, reason: string): PoolRejectedError {
  if ('invalid' in error) {
    const text = describe(INVALID_TEXT[String(error.invalid)], reason);
    return new PoolRejectedError(ErrorCode.InvalidTransaction, 'Invalid Transaction', text);
  }
  const text = describe(UNKNOWN_TEXT[String(error.unknown)], reason);
  return new PoolRejectedError(ErrorCode.UnknownTransaction, 'Unknown Transaction Validity', text);
}
