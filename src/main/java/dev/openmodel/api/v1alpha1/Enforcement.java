package dev.openmodel.api.v1alpha1;

/** What a ModelPolicy does with a model that breaks it. Constants are the API's own spelling. */
public enum Enforcement {
    Enforce, Audit
}
