package dev.openmodel.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A self-assessment in the checklist's own YAML shape (metadata + spec categories of
 * requirements with status, evidence and notes), filled from a cluster reading. Evidence
 * entries must be URLs or files for the program's validator, so what OpenModel observed goes
 * into notes; what it could not observe is "Not Implemented" with a note to assess it by hand,
 * never a claim.
 */
public final class SelfAssessment {
    /** Metadata fields scripts/validate.go requires. */
    static final List<String> REQUIRED_METADATA = List.of("kubernetesVersion", "platformName", "platformVersion", "vendorName", "websiteUrl",
            "documentationUrl", "productLogoUrl", "description", "contactEmailAddress", "k8sConformanceUrl");

    private SelfAssessment() {
    }

    /** @param metadata values for the checklist's metadata fields (others keep the checklist's placeholders) */
    public static ObjectNode document(Checklist checklist, List<ConformanceAssessor.Result> results, Map<String, String> metadata) {
        ObjectNode doc = checklist.document().deepCopy();
        ObjectNode meta = (ObjectNode) doc.path("metadata");
        meta.put("kubernetesVersion", checklist.kubernetesVersion());
        // The program's validator requires these even where an older checklist does not list them.
        for (String field : REQUIRED_METADATA) {
            if (!meta.has(field)) {
                meta.put(field, "[" + field + "]");
            }
        }
        metadata.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                meta.put(k, v);
            }
        });
        for (JsonNode category : (Iterable<JsonNode>) () -> doc.path("spec").elements()) {
            for (JsonNode requirement : category) {
                ObjectNode r = (ObjectNode) requirement;
                ConformanceAssessor.Result found = results.stream().filter(x -> x.id().equals(r.path("id").asText())).findFirst().orElse(null);
                if (found == null) {
                    continue;
                }
                List<String> notes = new ArrayList<>();
                if (!found.evidence().isEmpty()) {
                    notes.add("Observed by OpenModel: " + String.join("; ", found.evidence()) + ".");
                }
                String status = found.status();
                if (status.equals(ConformanceAssessor.UNKNOWN)) {
                    status = ConformanceAssessor.NOT_IMPLEMENTED;
                    notes.add("Not observable by OpenModel (" + found.reason() + "); assess by hand.");
                } else if (found.reason() != null) {
                    notes.add(found.reason() + ".");
                }
                r.put("status", status);
                ArrayNode evidence = r.putArray("evidence");
                evidence.removeAll();
                r.put("notes", String.join(" ", notes));
            }
        }
        return doc;
    }
}
