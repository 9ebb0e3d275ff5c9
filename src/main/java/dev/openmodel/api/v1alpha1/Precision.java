package dev.openmodel.api.v1alpha1;

/** Numeric precision of the weights as served: sizes the GPU-memory fit check (bytes per parameter). */
public enum Precision {
    fp32, bf16, fp16, fp8, int8, int4
}
