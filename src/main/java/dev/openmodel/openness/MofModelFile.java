package dev.openmodel.openness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A model declaration in the Model Openness Framework tool's own YAML format
 * ({@code framework:} + {@code release:} with {@code components}), so a published MOF
 * declaration can be used as is. Components listed are released; a component's license is its
 * own ({@code license} or the older {@code license_name}), else the release-wide license for
 * its content type, else the release's {@code distribution} license.
 */
public record MofModelFile(String name, String version, String producer, String distributionLicense, List<DeclaredComponent> components,
        List<String> unknownComponents) {

    private static final Set<String> NOT_RELEASED = Set.of("license not specified", "component not included", "unlicensed", "");

    public static boolean looksLike(JsonNode document) {
        return document != null && document.has("release") && document.path("release").has("components");
    }

    public static MofModelFile from(JsonNode document) {
        JsonNode release = document.path("release");
        JsonNode licenses = release.path("license");
        String distribution = text(licenses.path("distribution").path("name")).orElse(null);
        List<DeclaredComponent> components = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode c : release.path("components")) {
            String name = c.path("name").asText();
            Optional<MofComponent> component = MofComponent.fromName(name);
            if (component.isEmpty()) {
                unknown.add(name);
                continue;
            }
            Optional<String> own = text(c.path("license")).or(() -> text(c.path("license_name")));
            if (own.isPresent() && NOT_RELEASED.contains(own.get().strip().toLowerCase())) {
                continue;
            }
            String license = own.orElseGet(() -> {
                String type = component.get().primaryType().name().toLowerCase();
                return text(licenses.path(type).path("name")).orElse(distribution);
            });
            components.add(new DeclaredComponent(component.get(), license));
        }
        return new MofModelFile(text(release.path("name")).orElse(null), text(release.path("version")).orElse(null),
                text(release.path("producer")).orElse(null), distribution, List.copyOf(components), List.copyOf(unknown));
    }

    private static Optional<String> text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.asText().isBlank() ? Optional.empty() : Optional.of(node.asText());
    }
}
