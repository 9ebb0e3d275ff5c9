package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpennessStatus {
    @JsonPropertyDescription("Model Openness Framework class met: ClassI, ClassII, ClassIII, or Unclassified.")
    public String mofClass;

    @JsonPropertyDescription("Whether the model fits the OSI Open Source AI Definition 1.0.")
    public Boolean osaid;

    @JsonPropertyDescription("Whether the final weights are released under an open license.")
    public Boolean openWeights;

    @JsonPropertyDescription("open-source (fits the OSAID), open-weights, restricted-weights or unknown.")
    public String verdict;

    @JsonPropertyDescription("Components the next MOF class would need.")
    public List<String> missing;

    @JsonPropertyDescription("Findings such as open-washing.")
    public List<String> findings;

    @Override
    public boolean equals(Object o) {
        return o instanceof OpennessStatus s && Objects.equals(mofClass, s.mofClass) && Objects.equals(osaid, s.osaid)
                && Objects.equals(openWeights, s.openWeights) && Objects.equals(verdict, s.verdict) && Objects.equals(missing, s.missing)
                && Objects.equals(findings, s.findings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mofClass, osaid, openWeights, verdict, missing, findings);
    }
}
