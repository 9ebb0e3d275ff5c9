package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpennessStatus {
    @JsonPropertyDescription("Model Openness Framework class met: ClassI, ClassII, ClassIII, or Unclassified.")
    public String mofClass;

    @JsonPropertyDescription("Whether the class met is met only conditionally: an open license on some component is not written for its content type.")
    public Boolean mofConditional;

    @JsonPropertyDescription("Each Model Openness Framework class (III, II, I): met or not, and which of the components it adds to the classes below it are missing, unlicensed, not open or not type-appropriate.")
    public List<MofClassStatus> classes;

    @JsonPropertyDescription("Whether the model fits the OSI Open Source AI Definition 1.0.")
    public Boolean osaid;

    @JsonPropertyDescription("Whether the final weights are released under an open license.")
    public Boolean openWeights;

    @JsonPropertyDescription("open-source (fits the OSAID), open-weights, restricted-weights or unknown.")
    public String verdict;

    @JsonPropertyDescription("What the next MOF class up lacks: each component and why (missing, unlicensed, not under an open license).")
    public List<String> missing;

    @JsonPropertyDescription("Findings such as open-washing.")
    public List<String> findings;

    @Override
    public boolean equals(Object o) {
        return o instanceof OpennessStatus s && Objects.equals(mofClass, s.mofClass) && Objects.equals(mofConditional, s.mofConditional)
                && Objects.equals(classes, s.classes) && Objects.equals(osaid, s.osaid)
                && Objects.equals(openWeights, s.openWeights) && Objects.equals(verdict, s.verdict) && Objects.equals(missing, s.missing)
                && Objects.equals(findings, s.findings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mofClass, mofConditional, classes, osaid, openWeights, verdict, missing, findings);
    }
}
