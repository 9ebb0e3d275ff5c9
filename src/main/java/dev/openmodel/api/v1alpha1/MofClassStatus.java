package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MofClassStatus {
    @JsonPropertyDescription("ClassIII (open model), ClassII (open tooling) or ClassI (open science).")
    public String mofClass;

    @JsonPropertyDescription("Whether every component this class requires is released under an open license (and every class it builds on is met).")
    public Boolean met;

    @JsonPropertyDescription("Met, but some component's open license is not written for its content type (e.g. a code license on data).")
    public Boolean conditional;

    @JsonPropertyDescription("The Model Openness Tool's progress figure for this class, 0 to 100.")
    public Integer progress;

    @JsonPropertyDescription("Required components this class adds to the classes below it, not declared as released (the class needs theirs too).")
    public List<String> missing;

    @JsonPropertyDescription("Components this class adds to the classes below it, declared as released without a license.")
    public List<String> unlicensed;

    @JsonPropertyDescription("Components this class adds to the classes below it, released under a license the Model Openness Tool does not count as open.")
    public List<String> notOpen;

    @JsonPropertyDescription("Components this class adds to the classes below it, under an open license that is not written for their content type.")
    public List<String> notTypeAppropriate;

    @Override
    public boolean equals(Object o) {
        return o instanceof MofClassStatus s && Objects.equals(mofClass, s.mofClass) && Objects.equals(met, s.met)
                && Objects.equals(conditional, s.conditional) && Objects.equals(progress, s.progress) && Objects.equals(missing, s.missing)
                && Objects.equals(unlicensed, s.unlicensed) && Objects.equals(notOpen, s.notOpen)
                && Objects.equals(notTypeAppropriate, s.notTypeAppropriate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mofClass, met, conditional, progress, missing, unlicensed, notOpen, notTypeAppropriate);
    }
}
