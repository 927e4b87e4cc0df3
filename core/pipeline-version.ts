/** Recorded in every call's lineage; bump when the meaning of an output column changes. */
export const PIPELINE_VERSION = '0.1.0';
