package dev.openmodel.api.v1alpha1;

/** Weight file formats. Constants are lower case because they are the API's own spelling. */
public enum ModelFormat {
    safetensors, gguf, pytorch, onnx
}
