package dev.openmodel.openness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openmodel.license.LicenseResolver;
import dev.openmodel.license.ResolvedLicense;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

public class OpennessPropertiesTest {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Open and type-appropriate, open but for another type, not open, misspelt, model licenses, no license. */
    static final List<String> LICENSES = List.of("Apache-2.0", "MIT", "CC-BY-4.0", "CC-BY-NC-4.0", "llama3.1", "OpenMDW-1.0",
            "ODC-By-1.0", "GPL-3.0-only", "gemma", "unknown", "CC0-1.0", "CC-BY-SA-4.0", "CDLA-Permissive-2.0", "apache-2.0",
            "Apache 2.0", "unlicensed", "", "0", "Component not included");
    static final List<String> OPEN = List.of("Apache-2.0", "MIT", "CC-BY-4.0", "OpenMDW-1.0", "CDLA-Permissive-2.0", "CC0-1.0",
            "GPL-3.0-only", "ODC-By-1.0");

    @Provide
    Arbitrary<MofRelease> releases() {
        return arbitraryReleases();
    }

    /** Releases of any components, each under any license (open, not open, misspelt, none), with any release-wide licenses. */
    public static Arbitrary<MofRelease> arbitraryReleases() {
        Arbitrary<MofRelease.ComponentLicense> entry = Arbitraries.oneOf(Arbitraries.of(LICENSES).map(MofRelease.ComponentLicense::own),
                Arbitraries.of(MofRelease.ComponentLicense.UNLICENSED, MofRelease.ComponentLicense.INHERITED));
        Arbitrary<Map<MofComponent, MofRelease.ComponentLicense>> components = Arbitraries.maps(Arbitraries.of(MofComponent.class), entry)
                .ofMaxSize(17);
        Arbitrary<Map<String, String>> global = Arbitraries.maps(Arbitraries.of("code", "data", "document", "distribution"),
                Arbitraries.of(LICENSES)).ofMaxSize(4);
        return Combinators.combine(global, components).as((g, c) -> new MofRelease("r", g, c));
    }

    @Property(tries = 1000)
    void addingAnOpenlyLicensedComponentNeverLowersTheClass(@ForAll("releases") MofRelease release, @ForAll MofComponent added,
            @ForAll("open") String license) {
        int before = MofEvaluation.of(release).classification();
        int after = MofEvaluation.of(release.with(added, MofRelease.ComponentLicense.own(license))).classification();
        assertThat(rank(after)).as("adding %s under %s", added, license).isLessThanOrEqualTo(rank(before));
    }

    @Property(tries = 1000)
    void removingARequiredComponentNeverRaisesTheClass(@ForAll("releases") MofRelease release, @ForAll MofComponent removed) {
        if (!removed.required()) {
            return;
        }
        int before = MofEvaluation.of(release).classification();
        int after = MofEvaluation.of(release.without(removed)).classification();
        assertThat(rank(after)).as("removing %s", removed).isGreaterThanOrEqualTo(rank(before));
    }

    @Property(tries = 500)
    void aModelThatDeclaresOnlyItsWeightsIsNeverClassIII(@ForAll("licenses") String weights,
            @ForAll("globals") Map<String, String> global) {
        MofRelease onlyWeights = new MofRelease("w", global, Map.of(MofComponent.MODEL_PARAMETERS_FINAL, MofRelease.ComponentLicense.own(weights)));
        OpennessAssessment a = OpennessClassifier.assess(onlyWeights, LicenseResolver.resolve(weights));
        assertThat(a.mofClass()).isEqualTo("Unclassified");
        assertThat(a.meets("ClassIII", true)).isFalse();
    }

    @Property(tries = 1000)
    void noExceptionEscapesReadingOrClassifyingArbitraryDocuments(@ForAll("documents") JsonNode document) {
        try {
            MofDocument doc = MofDocument.read(document);
            OpennessAssessment a = OpennessClassifier.assess(doc.release(), null);
            assertThat(a.mofClass()).isIn("ClassI", "ClassII", "ClassIII", "Unclassified");
            assertThat(a.classes()).hasSize(3);
        } catch (MofDocument.Invalid e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void licenseResolverNeverThrowsOnArbitraryText(@ForAll String text) {
        ResolvedLicense r = LicenseResolver.resolve(text);
        assertThat(r.category()).isNotNull();
        assertThat(r.id()).isNotNull();
    }

    @Property(tries = 1000)
    void licenseResolverNeverThrowsOnExpressionLikeText(@ForAll("expressions") String text) {
        assertThat(LicenseResolver.resolve(text).category()).isNotNull();
    }

    @Provide
    Arbitrary<String> open() {
        return Arbitraries.of(OPEN);
    }

    @Provide
    Arbitrary<String> licenses() {
        return Arbitraries.oneOf(Arbitraries.of(LICENSES), Arbitraries.strings().ofMaxLength(30));
    }

    @Provide
    Arbitrary<Map<String, String>> globals() {
        return Arbitraries.maps(Arbitraries.of("code", "data", "document", "distribution"), Arbitraries.of(LICENSES)).ofMaxSize(4);
    }

    /** MOF documents: mostly well formed, with random names, licenses, shapes and types where a careless file would have them. */
    @Provide
    public Arbitrary<JsonNode> documents() {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(Arbitraries.of(LICENSES).map(F::textNode), Arbitraries.strings().ofMaxLength(20).map(F::textNode),
                Arbitraries.integers().map(F::numberNode), Arbitraries.just(F.nullNode()), Arbitraries.of(true, false).map(F::booleanNode),
                Arbitraries.just(F.arrayNode()), Arbitraries.just(F.objectNode()));
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(MofComponent.class).map(MofComponent::mofName),
                Arbitraries.of(MofComponent.class).map(MofComponent::id), Arbitraries.strings().ofMaxLength(15));
        Arbitrary<JsonNode> component = Combinators.combine(names, Arbitraries.oneOf(Arbitraries.of(LICENSES).map(F::textNode), scalar),
                Arbitraries.integers().between(0, 4)).as((name, license, shape) -> {
                    ObjectNode c = F.objectNode();
                    switch (shape) {
                        case 0 -> c.put("name", name);
                        case 1 -> c.put("name", name).set("license", license);
                        case 2 -> c.put("name", name).put("description", "d").set("license_path", license);
                        case 3 -> c.set("name", license);
                        default -> {
                            return license;
                        }
                    }
                    return c;
                });
        Arbitrary<JsonNode> componentList = component.list().ofMaxSize(20).map(l -> {
            ArrayNode a = F.arrayNode();
            l.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> license = Combinators.combine(Arbitraries.of("distribution", "code", "data", "document", "other"),
                Arbitraries.oneOf(Arbitraries.of(LICENSES).map(F::textNode), scalar), Arbitraries.integers().between(0, 2)).as((k, v, shape) -> {
                    ObjectNode l = F.objectNode();
                    if (shape == 0) {
                        l.putObject(k).set("name", v);
                    } else if (shape == 1) {
                        l.set(k, v);
                    } else {
                        l.putObject(k).put("path", "p");
                    }
                    return (JsonNode) l;
                });
        return Combinators.combine(componentList, Arbitraries.oneOf(license, scalar), Arbitraries.integers().between(0, 9)).as((components, lic, variant) -> {
            ObjectNode doc = F.objectNode();
            ObjectNode framework = doc.putObject("framework");
            framework.put("name", variant == 1 ? "Other" : "Model Openness Framework").put("version", "1.0").put("date", "2024-12-15");
            ObjectNode release = doc.putObject("release");
            release.put("name", variant == 2 ? "" : "Model").put("producer", "P");
            release.set("license", lic);
            release.set("components", variant == 3 ? F.textNode("x") : components);
            if (variant == 4) {
                release.put("type", "spaceship");
            }
            if (variant == 5) {
                doc.remove("framework");
            }
            return (JsonNode) doc;
        });
    }

    @Provide
    Arbitrary<String> expressions() {
        Arbitrary<String> atoms = Arbitraries.of("MIT", "Apache-2.0", "llama3.1", "LicenseRef-x", "GPL-2.0+", "(", ")", "AND", "OR", "WITH",
                "Classpath-exception-2.0", "openrail++", "cc-by-nc-4.0", "Foo");
        return atoms.list().ofMinSize(1).ofMaxSize(7).map(l -> String.join(" ", l));
    }

    private static int rank(int classification) {
        return classification == 0 ? 4 : classification;
    }

    static String yaml(JsonNode node) throws Exception {
        return new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).writeValueAsString(node);
    }

    static List<String> copy(List<String> l) {
        return new ArrayList<>(l);
    }
}
