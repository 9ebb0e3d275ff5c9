package dev.openmodel.api.v1alpha1;

/** Model Openness Framework classes, least open first. Constants are the API's own spelling. */
public enum MofClass {
    ClassIII, ClassII, ClassI
}
