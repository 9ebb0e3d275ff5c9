package dev.openmodel.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CNCF Kubernetes AI Conformance checklist (conformance/AIConformance-1.N.yaml, shipped as
 * data): its requirements by category, with id, description and level.
 */
public record Checklist(int minor, JsonNode document, List<Requirement> requirements) {
    static final int OLDEST = 33;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public record Requirement(String category, String id, String description, String level) {
    }

    /** The checklist for a Kubernetes minor version: the newest one not newer than it, else the oldest shipped. */
    public static Checklist forMinor(int minor) {
        for (int m = minor; m >= OLDEST; m--) {
            Checklist c = load(m);
            if (c != null) {
                return c;
            }
        }
        if (minor > OLDEST) {
            throw new IllegalStateException("no conformance checklist is shipped");
        }
        return load(OLDEST);
    }

    /** The newest checklist shipped. */
    public static Checklist newest() {
        Checklist newest = null;
        for (int m = OLDEST; m < OLDEST + 100; m++) {
            Checklist c = load(m);
            if (c == null && newest != null) {
                break;
            }
            newest = c == null ? newest : c;
        }
        return newest;
    }

    static Checklist load(int minor) {
        try (InputStream in = Checklist.class.getResourceAsStream("/conformance/AIConformance-1." + minor + ".yaml")) {
            if (in == null) {
                return null;
            }
            JsonNode doc = YAML.readTree(in);
            List<Requirement> requirements = new ArrayList<>();
            for (Map.Entry<String, JsonNode> category : (Iterable<Map.Entry<String, JsonNode>>) () -> doc.path("spec").fields()) {
                for (JsonNode r : category.getValue()) {
                    requirements.add(new Requirement(category.getKey(), r.path("id").asText(), r.path("description").asText(), r.path("level").asText()));
                }
            }
            return new Checklist(minor, doc, List.copyOf(requirements));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conformance checklist 1." + minor, e);
        }
    }

    public String kubernetesVersion() {
        return "v1." + minor;
    }
}
