package dev.openmodel.api.v1alpha1;

/** Inference engines. Constants are lower case because they are the API's own spelling. */
public enum Engine {
    vllm, sglang, tgi, llamacpp
}
