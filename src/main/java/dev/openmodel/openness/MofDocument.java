package dev.openmodel.openness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.openmodel.text.Escape;
import java.util.regex.Pattern;

/**
 * A model declaration in the Model Openness Tool's YAML format ({@code framework:} and
 * {@code release:} with {@code components}), read as the tool reads it: checked against the
 * tool's schema ({@code mof_schema.json}), then turned into a {@link MofRelease}. Every
 * document the schema allows is read; anything else is an {@link Invalid} naming the field.
 *
 * @param release the release as the tool evaluates it
 * @param producer who published it
 * @param notes what a reader should know about how it was read (unknown components, repeats)
 */
public record MofDocument(MofRelease release, String producer, List<String> notes) {

    /** A document the MOF schema does not allow; the message names the field. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    private static final int MAX_TEXT = 4096;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final List<String> TYPES = List.of("", "language", "vision", "image", "audio", "video", "3d", "code", "multimodal",
            "other");
    private static final List<String> ARCHITECTURES = List.of("", "transformer", "transformer decoder", "transformer encoder-decoder",
            "decoder", "encoder", "diffusion", "RNN", "CNN", "LSTM", "NeRF", "hybrid", "undisclosed", "other");
    private static final List<String> TREATMENTS = List.of("pre-trained", "instruct fine-tuned", "chat fine-tuned");

    /** Whether a YAML document is meant as a MOF declaration (has a release with components). */
    public static boolean looksLike(JsonNode document) {
        return document != null && document.isObject() && document.has("release") && document.path("release").isObject()
                && document.path("release").has("components");
    }

    public static MofDocument read(JsonNode document) throws Invalid {
        if (document == null || !document.isObject()) {
            throw new Invalid("the document is not a mapping");
        }
        JsonNode framework = required(document, "framework", "");
        if (!framework.isObject()) {
            throw new Invalid("framework: must be a mapping");
        }
        String name = string(framework, "name", "framework.", true);
        if (!"Model Openness Framework".equals(name)) {
            throw new Invalid("framework.name: must be 'Model Openness Framework', not '" + Escape.text(name, 80) + "'");
        }
        string(framework, "version", "framework.", true);
        date(framework, "date", "framework.", true);

        JsonNode release = required(document, "release", "");
        if (!release.isObject()) {
            throw new Invalid("release: must be a mapping");
        }
        String releaseName = string(release, "name", "release.", true);
        if (releaseName.isEmpty()) {
            throw new Invalid("release.name: must not be empty");
        }
        string(release, "version", "release.", false);
        date(release, "date", "release.", false);
        oneOf(release, "type", TYPES);
        oneOf(release, "architecture", ARCHITECTURES);
        oneOf(release, "treatment", TREATMENTS);
        string(release, "origin", "release.", false);
        String producer = string(release, "producer", "release.", true);
        string(release, "contact", "release.", false);

        JsonNode license = required(release, "license", "release.");
        Map<String, String> global = new LinkedHashMap<>();
        if (license.isObject()) {
            var fields = license.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                String where = "release.license." + Escape.text(f.getKey(), 40);
                if (!f.getValue().isObject()) {
                    if (List.of("distribution", "code", "document", "data").contains(f.getKey())) {
                        throw new Invalid(where + ": must be a mapping with name and path");
                    }
                    continue; // the schema allows other properties of any shape; the tool ignores them
                }
                String licenseName = nullableString(f.getValue(), "name", where + ".");
                nullableString(f.getValue(), "path", where + ".");
                global.put(f.getKey(), licenseName);
            }
        } else if (!(license.isArray() && license.isEmpty())) { // PHP writes an empty mapping as []
            throw new Invalid("release.license: must be a mapping");
        }

        JsonNode components = required(release, "components", "release.");
        if (!components.isArray()) {
            throw new Invalid("release.components: must be a list");
        }
        if (components.size() > 17) {
            throw new Invalid("release.components: at most 17 components, found " + components.size());
        }
        Map<MofComponent, MofRelease.ComponentLicense> declared = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            JsonNode c = components.get(i);
            String where = "release.components[" + i + "].";
            if (!c.isObject()) {
                throw new Invalid("release.components[" + i + "]: must be a mapping");
            }
            String componentName = string(c, "name", where, false);
            string(c, "description", where, false);
            String own = string(c, "license", where, false);
            string(c, "license_path", where, false);
            string(c, "component_path", where, false);
            MofComponent component = componentName == null ? null : MofComponent.fromName(componentName).orElse(null);
            if (component == null) {
                notes.add(where + "name: '" + Escape.text(componentName, 80) + "' is not a Model Openness Framework component; it was ignored");
                continue;
            }
            if (declared.containsKey(component)) {
                notes.add(where + "name: " + component.mofName() + " is listed twice; the later entry counts, as in the MOF tool");
                declared.remove(component);
            }
            declared.put(component, licenseEntry(c.has("license") && !c.get("license").isNull(), own));
        }
        return new MofDocument(new MofRelease(releaseName, global, declared), producer, List.copyOf(notes));
    }

    /** As the tool's ModelUpdater: 'unlicensed' and an empty license mean no license at all, an absent one inherits. */
    static MofRelease.ComponentLicense licenseEntry(boolean present, String own) {
        if (!present) {
            return MofRelease.ComponentLicense.INHERITED;
        }
        if ("unlicensed".equals(own) || !MofRelease.present(own)) {
            return MofRelease.ComponentLicense.UNLICENSED;
        }
        return MofRelease.ComponentLicense.own(own);
    }

    private static JsonNode required(JsonNode parent, String field, String prefix) throws Invalid {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new Invalid(prefix + field + ": required");
        }
        return node;
    }

    private static String string(JsonNode parent, String field, String prefix, boolean required) throws Invalid {
        JsonNode node = parent.get(field);
        if (node == null || (node.isNull() && !required)) {
            if (required) {
                throw new Invalid(prefix + field + ": required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new Invalid(prefix + field + ": must be a string, not " + kind(node));
        }
        if (node.asText().length() > MAX_TEXT) {
            throw new Invalid(prefix + field + ": longer than " + MAX_TEXT + " characters");
        }
        return node.asText();
    }

    private static String nullableString(JsonNode parent, String field, String prefix) throws Invalid {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return string(parent, field, prefix, false);
    }

    private static void date(JsonNode parent, String field, String prefix, boolean required) throws Invalid {
        String value = string(parent, field, prefix, required);
        if (value != null && !DATE.matcher(value).matches()) {
            throw new Invalid(prefix + field + ": must be a date (YYYY-MM-DD), not '" + Escape.text(value, 40) + "'");
        }
    }

    private static void oneOf(JsonNode release, String field, List<String> allowed) throws Invalid {
        String value = string(release, field, "release.", false);
        if (value != null && !allowed.contains(value)) {
            throw new Invalid("release." + field + ": '" + Escape.text(value, 40) + "' is not one of " + allowed);
        }
    }

    private static String kind(JsonNode node) {
        return node.isObject() ? "a mapping" : node.isArray() ? "a list" : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean"
                : node.isNull() ? "null" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
