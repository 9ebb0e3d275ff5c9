package dev.openmodel.openness;

/** A released component and the license it is released under (null when not stated). */
public record DeclaredComponent(MofComponent component, String license) {
}
