package dev.openmodel.policy;

/** One broken rule: which rule, and the fact that broke it, in words a person can act on. */
public record Violation(String rule, String fact) {
    @Override
    public String toString() {
        return rule + ": " + fact;
    }
}
