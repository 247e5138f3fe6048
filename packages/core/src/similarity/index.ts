export {
  classifyPair,
  compareFingerprints,
  compareShingleSets,
  LENGTH_RATIO,
  NEAR_DUPLICATE,
  type Overlap,
  type PairDifference,
  type PairKind,
  type PairScripts,
  type PairVerdict,
  SIMILAR,
} from './compare';
export {
  BANDS,
  bandKeys,
  type FingerprintOptions,
  fingerprintCharacters,
  fingerprintText,
  fmix32,
  NEAR_DUP_SCHEME,
  type NearDupFingerprint,
  ROWS_PER_BAND,
  SHINGLE_SIZE,
  SLOTS,
  shingleHashes,
  shingleSet,
} from './fingerprint';
export {
  type DuplicateGroup,
  type DuplicatePair,
  type GroupMember,
  groupNearDuplicates,
  metadataCompleteness,
} from './groups';
export {
  bigramCounts,
  type MoreLikeThisCandidate,
  type MoreLikeThisHit,
  moreLikeThis,
} from './more-like-this';
