package dev.openmodel.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.openmodel.api.v1alpha1.ModelPolicy;
import dev.openmodel.api.v1alpha1.ConformanceReport;
import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the committed CRDs under crds/ from the API classes: fabric8's CRD generator,
 * then the touches it cannot express (printer columns in declared order, conditions as a
 * map keyed by type, descriptions of spec and status). {@code make crds} runs {@link #main};
 * the drift test compares {@link #render} with the files.
 */
public final class CrdFiles {
    public static final Map<Class<? extends CustomResource<?, ?>>, String> CRDS = new LinkedHashMap<>();
    static {
        CRDS.put(OpenModel.class, "An AI model to assess against the cluster's ModelPolicy and, when it passes, to serve on accelerators.");
        CRDS.put(ModelPolicy.class, "Rules for which models may be served in this cluster: licenses, openness, supply chain. "
                + "Models name one with spec.policyRef or their namespace's label openmodel.dev/policy; otherwise the one named 'default' applies, "
                + "else a built-in default.");
        CRDS.put(ConformanceReport.class, "The operator's reading of this cluster against the CNCF Kubernetes AI Conformance checklist for its "
                + "Kubernetes version: one entry per requirement with its status and the evidence that decided it. One object, named 'cluster'.");
    }

    /**
     * Descriptions for fields whose types come from the Kubernetes API (EnvVar, Condition),
     * which the generator leaves bare, so that `kubectl explain` helps everywhere.
     */
    static final Map<String, String> INHERITED_DESCRIPTIONS = Map.ofEntries(
            Map.entry("spec.serving.env[].name", "Name of the environment variable."),
            Map.entry("spec.serving.env[].value", "Value of the variable; $(VAR) references are expanded."),
            Map.entry("spec.serving.env[].valueFrom", "Source of the value, instead of value."),
            Map.entry("spec.serving.env[].valueFrom.configMapKeyRef", "A key of a ConfigMap in the model's namespace."),
            Map.entry("spec.serving.env[].valueFrom.configMapKeyRef.key", "The key to select."),
            Map.entry("spec.serving.env[].valueFrom.configMapKeyRef.name", "Name of the ConfigMap."),
            Map.entry("spec.serving.env[].valueFrom.configMapKeyRef.optional", "Whether the ConfigMap or key may be missing."),
            Map.entry("spec.serving.env[].valueFrom.fieldRef", "A field of the pod, e.g. metadata.name or status.podIP."),
            Map.entry("spec.serving.env[].valueFrom.fieldRef.apiVersion", "API version of fieldPath's schema, default v1."),
            Map.entry("spec.serving.env[].valueFrom.fieldRef.fieldPath", "Path of the field to select."),
            Map.entry("spec.serving.env[].valueFrom.resourceFieldRef", "A resource limit or request of the container."),
            Map.entry("spec.serving.env[].valueFrom.resourceFieldRef.containerName", "Container name; default the engine container."),
            Map.entry("spec.serving.env[].valueFrom.resourceFieldRef.divisor", "Output format of the exposed resource, default 1."),
            Map.entry("spec.serving.env[].valueFrom.resourceFieldRef.resource", "Resource to select, e.g. limits.memory."),
            Map.entry("spec.serving.env[].valueFrom.secretKeyRef", "A key of a Secret in the model's namespace."),
            Map.entry("spec.serving.env[].valueFrom.secretKeyRef.key", "The key to select."),
            Map.entry("spec.serving.env[].valueFrom.secretKeyRef.name", "Name of the Secret."),
            Map.entry("spec.serving.env[].valueFrom.secretKeyRef.optional", "Whether the Secret or key may be missing."),
            Map.entry("status.conditions[].lastTransitionTime", "When the condition last changed status."),
            Map.entry("status.conditions[].message", "What happened, for a person."),
            Map.entry("status.conditions[].observedGeneration", "The metadata.generation the condition was set for."),
            Map.entry("status.conditions[].reason", "Why, in CamelCase, for a machine: Compliant, PolicyViolation, Unschedulable, ReplicasReady..."),
            Map.entry("status.conditions[].status", "True, False or Unknown."),
            Map.entry("status.conditions[].type", "PolicyCompliant, Scheduled, Available or Ready."));

    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private CrdFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "crds");
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : render().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
            System.out.println("wrote " + dir.resolve(file.getKey()));
        }
    }

    /** File name to content, for every CRD. */
    public static Map<String, String> render() {
        try {
            Path out = Files.createTempDirectory("crds");
            new CRDGenerator().customResourceClasses(CRDS.keySet().toArray(Class[]::new))
                    .forCRDVersions("v1").inOutputDir(out.toFile()).generate();
            Map<String, String> files = new LinkedHashMap<>();
            for (Map.Entry<Class<? extends CustomResource<?, ?>>, String> crd : CRDS.entrySet()) {
                String name = CustomResource.getCRDName(crd.getKey());
                ObjectNode tree = (ObjectNode) YAML.readTree(out.resolve(name + "-v1.yml").toFile());
                finish(tree, crd.getKey(), crd.getValue());
                files.put(name + ".yaml", "# Generated from src/main/java/dev/openmodel/api by `make crds`. Do not edit.\n"
                        + YAML.writeValueAsString(tree));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void finish(ObjectNode crd, Class<?> type, String description) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            orderPrinterColumns((ObjectNode) version, type);
            ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema");
            schema.put("description", description);
            describeInherited(schema, "");
            ObjectNode properties = (ObjectNode) schema.path("properties");
            if (properties.has("spec")) {
                ((ObjectNode) properties.get("spec")).put("description", "Desired state, written by its users. OpenModel never writes it.");
            }
            if (properties.has("status")) {
                ObjectNode status = (ObjectNode) properties.get("status");
                status.put("description", "What OpenModel observed and decided. Written only by the operator, always whole.");
                // One field for server-side apply: the operator owns the status whole, so its managed-fields
                // entry is {f:status} instead of every condition's and list's fields (1.3 of an OpenModel's
                // 5 KB), and each status write costs the API server a fifth less CPU (README, "status").
                status.put("x-kubernetes-map-type", "atomic");
                JsonNode conditions = status.path("properties").path("conditions");
                if (conditions instanceof ObjectNode c) {
                    c.put("x-kubernetes-list-type", "map");
                    c.putArray("x-kubernetes-list-map-keys").add("type");
                    ObjectNode items = (ObjectNode) c.get("items");
                    items.putArray("required").add("type").add("status");
                }
            }
        }
    }

    private static void describeInherited(JsonNode node, String path) {
        JsonNode properties = node.path("properties");
        properties.fieldNames().forEachRemaining(name -> {
            ObjectNode field = (ObjectNode) properties.get(name);
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            String description = INHERITED_DESCRIPTIONS.get(fieldPath);
            if (description != null && !field.has("description")) {
                field.put("description", description);
            }
            describeInherited(field, fieldPath);
            if (field.has("items")) {
                describeInherited(field.get("items"), fieldPath + "[]");
            }
        });
    }

    /** The generator sorts printer columns by name; kubectl shows them in the order we declared. */
    private static void orderPrinterColumns(ObjectNode version, Class<?> type) {
        List<String> declared = Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        JsonNode columns = version.get("additionalPrinterColumns");
        if (columns == null) {
            return;
        }
        List<JsonNode> sorted = new ArrayList<>();
        columns.forEach(sorted::add);
        sorted.sort((a, b) -> Integer.compare(rank(declared, a), rank(declared, b)));
        ArrayNode ordered = version.putArray("additionalPrinterColumns");
        sorted.forEach(ordered::add);
    }

    private static int rank(List<String> declared, JsonNode column) {
        int i = declared.indexOf(column.path("name").asText());
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
