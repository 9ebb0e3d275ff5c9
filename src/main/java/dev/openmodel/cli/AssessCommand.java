package dev.openmodel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.openmodel.api.v1alpha1.ModelPolicySpec;
import dev.openmodel.api.v1alpha1.OpenModelSpec;
import dev.openmodel.license.LicenseResolver;
import dev.openmodel.license.ResolvedLicense;
import dev.openmodel.openness.MofClassReport;
import dev.openmodel.openness.MofDocument;
import dev.openmodel.openness.MofRelease;
import dev.openmodel.text.Escape;
import dev.openmodel.source.HuggingFaceResolver;
import dev.openmodel.source.OciResolver;
import dev.openmodel.source.SourceFacts;
import java.time.Duration;
import dev.openmodel.openness.MofComponent;
import dev.openmodel.policy.ModelAssessor;
import dev.openmodel.policy.ModelFacts;
import dev.openmodel.policy.PolicyDecision;
import dev.openmodel.policy.PolicyEngine;
import dev.openmodel.policy.PolicyRules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code openmodel assess [--policy FILE] [--output table|json] FILE|DIR...}: assesses OpenModel
 * manifests and MOF model YAML files offline. Exit 0 when every model complies, 1 when some
 * are refused, 2 when input cannot be read (naming file, document and field).
 */
public final class AssessCommand {
    static final int COMPLIANT = 0;
    static final int REFUSED = 1;
    static final int UNREADABLE = 2;

    /** One model's result. */
    public record Result(String source, String name, ModelFacts facts, PolicyDecision decision) {
    }

    /** Input that cannot be read, with where. */
    static final class UnreadableInput extends Exception {
        UnreadableInput(String message) {
            super(message);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AssessCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String output = "table";
        Path policyFile = null;
        boolean resolve = false;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--output", "-o" -> output = value(args, ++i, a);
                case "--policy", "-p" -> policyFile = Path.of(value(args, ++i, a));
                case "--resolve" -> resolve = true;
                case "--help", "-h" -> {
                    out.println(usage());
                    return COMPLIANT;
                }
                default -> {
                    if (a.startsWith("-")) {
                        err.println("openmodel assess: unknown option " + a + "\n" + usage());
                        return UNREADABLE;
                    }
                    inputs.add(Path.of(a));
                }
            }
        }
        if (inputs.isEmpty() || !(output.equals("table") || output.equals("json"))) {
            err.println(usage());
            return UNREADABLE;
        }
        PolicyRules rules;
        try {
            rules = policyFile == null ? PolicyRules.builtIn() : readPolicy(policyFile);
        } catch (UnreadableInput e) {
            err.println("openmodel assess: " + e.getMessage());
            return UNREADABLE;
        }
        List<Result> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path input : inputs) {
            try {
                for (Path file : files(input)) {
                    assessFile(file, rules, results, errors);
                }
                if (resolve) {
                    results = resolved(results, rules);
                }
            } catch (UnreadableInput e) {
                errors.add(e.getMessage());
            }
        }
        if (output.equals("json")) {
            printJson(results, out);
        } else {
            printTable(results, out);
        }
        errors.forEach(e -> err.println("openmodel assess: " + e));
        if (!errors.isEmpty()) {
            return UNREADABLE;
        }
        return results.stream().allMatch(r -> r.decision().allowsServing()) ? COMPLIANT : REFUSED;
    }

    /**
     * Reads each OpenModel's source (hf:// through HF_ENDPOINT, oci:// registries; a token from
     * HF_TOKEN) and decides again with what it says. Each distinct source is read once.
     */
    private static List<Result> resolved(List<Result> results, PolicyRules rules) {
        Duration timeout = Duration.ofSeconds(Long.getLong("openmodel.source.timeout-seconds", 10));
        HuggingFaceResolver hf = new HuggingFaceResolver(HuggingFaceResolver.endpointFromEnvironment(), timeout, 3, 8);
        OciResolver oci = new OciResolver(timeout, 3, 8);
        String token = System.getenv("HF_TOKEN");
        Map<String, SourceFacts> read = new LinkedHashMap<>();
        List<Result> out = new ArrayList<>();
        for (Result r : results) {
            ModelFacts facts = r.facts();
            if (facts.uri() == null) {
                out.add(r);
                continue;
            }
            String uri = facts.uri();
            SourceFacts source = read.computeIfAbsent(uri + "@" + facts.revision(), k -> uri.startsWith("hf://") ? hf.resolve(uri, facts.revision(), token)
                    : uri.startsWith("oci://") ? oci.resolve(uri, facts.revision(), null)
                    : SourceFacts.unverifiable(uri.substring(0, uri.indexOf(':')) + ":// sources cannot be verified"));
            ModelFacts withSource = facts.withSource(source);
            out.add(new Result(r.source(), r.name(), withSource, PolicyEngine.decide(withSource, rules)));
        }
        return out;
    }

    static String usage() {
        return """
                usage: openmodel assess [--policy FILE] [--resolve] [--output table|json] FILE|DIR...
                  FILE|DIR   OpenModel manifests (multi-document YAML) and Model Openness Framework model YAML files;
                             directories are searched for *.yaml and *.yml
                  --policy   a ModelPolicy manifest to decide with (default: the built-in policy)
                  --resolve  read each model's source (hf:// via HF_ENDPOINT with HF_TOKEN, oci:// registries) and check the
                             declaration against it
                  --output   table (default) or json
                exit status: 0 all comply, 1 some are refused, 2 input cannot be read""";
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static List<Path> files(Path input) throws UnreadableInput {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new UnreadableInput(input + ": no such file or directory");
        }
        try (Stream<Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UnreadableInput(input + ": " + e.getMessage());
        }
    }

    static PolicyRules readPolicy(Path file) throws UnreadableInput {
        List<JsonNode> docs = documents(file);
        for (int i = 0; i < docs.size(); i++) {
            JsonNode doc = docs.get(i);
            if ("ModelPolicy".equals(doc.path("kind").asText())) {
                String where = file + " document " + (i + 1);
                return PolicyRules.from(doc.path("metadata").path("name").asText("policy"), convert(doc.path("spec"), ModelPolicySpec.class, where));
            }
        }
        throw new UnreadableInput(file + ": no ModelPolicy document");
    }

    static List<Result> assessFile(Path file, PolicyRules rules) throws UnreadableInput {
        List<Result> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        assessFile(file, rules, results, errors);
        if (!errors.isEmpty()) {
            throw new UnreadableInput(errors.get(0));
        }
        return results;
    }

    /** Assesses every document of a file; one that cannot be read is an error naming file, document and field, and the rest go on. */
    static void assessFile(Path file, PolicyRules rules, List<Result> results, List<String> errors) {
        List<JsonNode> docs;
        try {
            docs = documents(file);
        } catch (UnreadableInput e) {
            errors.add(e.getMessage());
            return;
        }
        for (int i = 0; i < docs.size(); i++) {
            String where = file + " document " + (i + 1);
            try {
                Result r = assessDocument(docs.get(i), where, rules);
                if (r != null) {
                    results.add(r);
                }
            } catch (UnreadableInput e) {
                errors.add(e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                // The core never throws by design; if it ever does, say where instead of dying.
                errors.add(where + ": cannot be assessed: " + Escape.text(String.valueOf(e), 200));
            }
        }
    }

    private static Result assessDocument(JsonNode doc, String where, PolicyRules rules) throws UnreadableInput {
        if ("OpenModel".equals(doc.path("kind").asText())) {
            String name = doc.path("metadata").path("name").asText(null);
            if (name == null) {
                throw new UnreadableInput(where + ": metadata.name: required");
            }
            OpenModelSpec spec = convert(doc.path("spec"), OpenModelSpec.class, where);
            if (spec.model == null || spec.model.uri == null) {
                throw new UnreadableInput(where + ": spec.model.uri: required");
            }
            if (spec.license == null || spec.license.id == null) {
                throw new UnreadableInput(where + ": spec.license.id: required");
            }
            ModelFacts facts = ModelAssessor.facts(name, spec);
            return new Result(where, name, facts, PolicyEngine.decide(facts, rules));
        }
        if (doc.has("release") || doc.has("framework")) {
            MofDocument mof;
            try {
                mof = MofDocument.read(doc);
            } catch (MofDocument.Invalid e) {
                throw new UnreadableInput(where + ": " + e.getMessage());
            }
            MofRelease release = mof.release();
            String weights = release.includes(MofComponent.MODEL_PARAMETERS_FINAL) ? release.licenseOf(MofComponent.MODEL_PARAMETERS_FINAL)
                    : release.globalLicenses().get(MofRelease.DISTRIBUTION);
            ResolvedLicense license = LicenseResolver.resolve(weights);
            ModelFacts facts = ModelAssessor.mofFacts(release.name(), license, release);
            facts = facts.withOpenness(facts.openness().withFindingsFirst(mof.notes()));
            return new Result(where, facts.name(), facts, PolicyEngine.decide(facts, rules));
        }
        return null; // other Kubernetes objects in the same file (policies, namespaces) are not models
    }

    private static List<JsonNode> documents(Path file) throws UnreadableInput {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (RuntimeException | IOException e) {
            Throwable cause = e.getCause() instanceof JsonProcessingException j ? j : e;
            String detail = cause instanceof JsonProcessingException j ? j.getOriginalMessage() + " at line "
                    + (j.getLocation() == null ? "?" : j.getLocation().getLineNr()) : cause.getMessage();
            throw new UnreadableInput(file + ": not valid YAML: " + detail);
        }
    }

    private static <T> T convert(JsonNode node, Class<T> type, String where) throws UnreadableInput {
        try {
            return YAML.treeToValue(node, type);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder("spec");
            for (JsonMappingException.Reference r : e.getPath()) {
                path.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
            }
            throw new UnreadableInput(where + ": " + path + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (JsonProcessingException e) {
            throw new UnreadableInput(where + ": " + e.getOriginalMessage());
        }
    }

    private static void printTable(List<Result> results, PrintStream out) {
        String format = "%-28s %-26s %-15s %-4s %-10s %-13s %-5s %-18s %s%n";
        out.printf(format, "NAME", "LICENSE", "CATEGORY", "OSI", "COMMERCIAL", "MOF", "OSAID", "WEIGHTS", "DECISION");
        for (Result r : results) {
            var l = r.facts().license();
            var o = r.facts().openness();
            String decision = r.decision().compliant() ? "compliant" : r.decision().enforce() ? "REFUSED" : "audit-findings";
            out.printf(format, clip(r.name(), 28), clip(l.id(), 26), l.category().id(), l.osiApproved() ? "yes" : "no",
                    l.commercialUse() == null ? "unknown" : l.commercialUse() ? "yes" : "no", o.mofClass() + (o.conditional() ? "*" : ""),
                    o.osaid() ? "yes" : "no", o.verdict(), decision);
            r.decision().violations().forEach(v -> out.println("    - " + v));
            if (!l.duties().isEmpty()) {
                out.println("    duties: " + String.join("; ", l.duties()));
            }
            for (var c : o.classes()) {
                out.println("    " + c.className() + ": " + (c.met() ? (c.conditional() ? "met conditionally" : "met") : "not met")
                        + " (" + Math.round(c.progress()) + "%)" + details(c));
            }
            o.findings().forEach(f -> out.println("    finding: " + f));
            var src = r.facts().source();
            if (src != null) {
                out.println("    source: " + (src.verified() ? "verified at " + src.resolvedRevision()
                        + (src.license() == null ? "" : "; license " + src.license())
                        + (src.weightFormats().isEmpty() ? "" : "; weights " + String.join(", ", src.weightFormats()))
                        + (src.parameters() == null ? "" : "; " + src.parameters() + " parameters" + (src.dtype() == null ? "" : " " + src.dtype()))
                        : src.verification().name().toLowerCase() + ": " + src.reason()));
            }
        }
        long refused = results.stream().filter(r -> !r.decision().allowsServing()).count();
        out.printf("%d model(s): %d compliant, %d refused%n", results.size(), results.stream().filter(r -> r.decision().compliant()).count(), refused);
    }

    private static String details(MofClassReport c) {
        List<String> parts = new ArrayList<>();
        if (!c.missing().isEmpty()) {
            parts.add("missing " + String.join(", ", c.missing()));
        }
        if (!c.unlicensed().isEmpty()) {
            parts.add("unlicensed " + String.join(", ", c.unlicensed()));
        }
        if (!c.notOpen().isEmpty()) {
            parts.add("not open " + String.join(", ", c.notOpen()));
        }
        if (!c.notTypeAppropriate().isEmpty()) {
            parts.add("not type-appropriate " + String.join(", ", c.notTypeAppropriate()));
        }
        return parts.isEmpty() ? "" : ": " + String.join("; ", parts);
    }

    private static void printJson(List<Result> results, PrintStream out) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (Result r : results) {
            var l = r.facts().license();
            var o = r.facts().openness();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", r.source());
            m.put("name", r.name());
            m.put("license", Map.of("id", l.id(), "category", l.category().id(), "osiApproved", l.osiApproved(),
                    "commercialUse", String.valueOf(l.commercialUse()), "duties", l.duties(), "terms", l.terms(), "recognisedBy", l.how()));
            Map<String, Object> openness = new LinkedHashMap<>();
            openness.put("mofClass", o.mofClass());
            openness.put("conditional", o.conditional());
            openness.put("classes", o.classes().stream().map(c -> {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("mofClass", c.className());
                cm.put("met", c.met());
                cm.put("conditional", c.conditional());
                cm.put("progress", c.progress());
                cm.put("missing", c.missing());
                cm.put("unlicensed", c.unlicensed());
                cm.put("notOpen", c.notOpen());
                cm.put("notTypeAppropriate", c.notTypeAppropriate());
                return cm;
            }).toList());
            openness.put("osaid", o.osaid());
            openness.put("openWeights", o.openWeights());
            openness.put("verdict", o.verdict());
            openness.put("missing", o.missing());
            openness.put("findings", o.findings());
            m.put("openness", openness);
            var src = r.facts().source();
            if (src != null) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("verification", src.verification().name());
                sm.put("reason", src.reason());
                sm.put("resolvedRevision", src.resolvedRevision());
                sm.put("license", src.license());
                sm.put("formats", src.weightFormats());
                sm.put("remoteCode", src.remoteCode());
                sm.put("gated", src.gated());
                sm.put("parameters", src.parameters());
                sm.put("dtype", src.dtype());
                m.put("source", sm);
            }
            m.put("decision", Map.of("policy", r.decision().policy(), "enforcement", r.decision().enforce() ? "Enforce" : "Audit",
                    "compliant", r.decision().compliant(),
                    "violations", r.decision().violations().stream().map(v -> Map.of("rule", v.rule(), "fact", v.fact())).toList()));
            json.add(m);
        }
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String raw, int width) {
        String s = Escape.text(raw, 200);
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
