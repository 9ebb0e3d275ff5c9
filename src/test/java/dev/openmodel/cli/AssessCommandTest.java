package dev.openmodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssessCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run assess(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AssessCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void samplesComplyWithTheBuiltInPolicyExceptTheRefusedOne() {
        Run run = assess("deploy/samples");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("qwen25-7b-instruct").contains("olmo-2-7b-instruct").contains("4 model(s): 3 compliant, 1 refused")
                .contains("licenses.requireAcceptedTerms: license LicenseRef-llama3.1");
    }

    @Test
    void refusedModelsGiveExitOneWithTheirReasons() throws IOException {
        Path file = write("models.yaml", """
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: ok}
                spec: {model: {uri: hf://ibm-granite/granite-3.3-8b-instruct}, license: {id: apache-2.0}}
                ---
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: nc}
                spec: {model: {uri: hf://CohereForAI/aya-23-8B}, license: {id: CC BY-NC 4.0}}
                """);
        Run run = assess(file.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("licenses.deny: license CC-BY-NC-4.0 (non-commercial) is denied").contains("1 compliant, 1 refused");
    }

    @Test
    void jsonOutputCarriesLicenseOpennessAndDecision() throws IOException {
        Run run = assess("--output", "json", "src/test/resources/mof/pythia-6.9b.yml");
        assertThat(run.code()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out()).get(0);
        assertThat(result.path("name").asText()).isEqualTo("Pythia-6.9B");
        assertThat(result.path("license").path("id").asText()).isEqualTo("Apache-2.0");
        assertThat(result.path("openness").path("mofClass").asText()).isEqualTo("ClassI");
        assertThat(result.path("openness").path("osaid").asBoolean()).isTrue();
        assertThat(result.path("decision").path("compliant").asBoolean()).isTrue();
    }

    @Test
    void aPolicyFileDecides() {
        Run run = assess("--policy", "deploy/policies/strict.yaml", "deploy/samples");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("supplyChain.requirePinnedRevision")
                .contains("openness.minimumMofClass: the model is Unclassified, below ClassIII (evaluation-results (missing), data-card (missing))")
                .contains("0 compliant, 4 refused");
    }

    @Test
    void auditPoliciesReportButDoNotRefuse() throws IOException {
        Path policy = write("audit.yaml", """
                apiVersion: openmodel.dev/v1alpha1
                kind: ModelPolicy
                metadata: {name: audit}
                spec: {enforcement: Audit, openness: {requireOsaid: true}}
                """);
        Run run = assess("--policy", policy.toString(), "deploy/samples/granite-3.3-8b-instruct.yaml");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("audit-findings").contains("openness.requireOsaid");
    }

    @Test
    void unreadableInputGivesExitTwoNamingFileDocumentAndField() throws IOException {
        Path file = write("bad.yaml", """
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: ok}
                spec: {model: {uri: hf://a/b}, license: {id: mit}}
                ---
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: bad}
                spec: {model: {uri: hf://a/b, format: pickle}, license: {id: mit}}
                """);
        Run run = assess(file.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml document 2").contains("spec.model.format");
    }

    @Test
    void missingRequiredFieldsAndBrokenYamlAreNamed() throws IOException {
        Path noLicense = write("nolicense.yaml", "apiVersion: openmodel.dev/v1alpha1\nkind: OpenModel\nmetadata: {name: x}\nspec: {model: {uri: hf://a/b}}\n");
        assertThat(assess(noLicense.toString()).err()).contains("nolicense.yaml document 1: spec.license.id: required");
        Path broken = write("broken.yaml", "kind: OpenModel\nspec: {model: [\n");
        Run run = assess(broken.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("broken.yaml: not valid YAML");
        assertThat(assess(dir.resolve("absent.yaml").toString()).err()).contains("absent.yaml: no such file or directory");
    }

    @Test
    void everyOfficialMofTestFileIsAssessedInOneRunWithTheToolsClass() {
        Run run = assess("--output", "json", "src/test/resources/mof-tool/official");
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isIn(0, 1);
        assertThat(run.out()).contains("NoLicenseFile_C1_0%-C2_0%-C3_0%_16C_0G_0L_0V_0I_0T").contains("Class1TestFile");
    }

    @Test
    void mofDocumentsTheSchemaDoesNotAllowAreNamedAndTheRestStillAssessed() throws IOException {
        Path file = write("mof.yml", """
                framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
                release: {name: good, producer: p, license: {}, components: [{name: Model card, license: CC-BY-4.0}]}
                ---
                framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
                release: {name: bad, producer: p, license: {}, components: [{name: Model card, license: [MIT]}]}
                ---
                framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
                release: {name: nolicense, producer: p, components: []}
                """);
        Run run = assess(file.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("mof.yml document 2: release.components[0].license: must be a string, not a list")
                .contains("mof.yml document 3: release.license: required");
        assertThat(run.out()).contains("good").contains("1 model(s)");
    }

    @Test
    void resolveReadsTheSourceAndChecksTheDeclarationAgainstIt() throws Exception {
        try (dev.openmodel.testing.FakeHub hub = dev.openmodel.testing.FakeHub.start()) {
            System.setProperty("openmodel.hf.endpoint", hub.endpoint());
            Path file = write("llama.yaml", """
                    apiVersion: openmodel.dev/v1alpha1
                    kind: OpenModel
                    metadata: {name: llama-as-apache}
                    spec: {model: {uri: hf://meta-llama/Llama-3.1-8B-Instruct}, license: {id: apache-2.0}}
                    ---
                    apiVersion: openmodel.dev/v1alpha1
                    kind: OpenModel
                    metadata: {name: pythia}
                    spec: {model: {uri: hf://EleutherAI/pythia-160m}, license: {id: apache-2.0}}
                    """);
            Run offline = assess(file.toString());
            assertThat(offline.out()).doesNotContain("source:");
            Run run = assess("--resolve", file.toString());
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.out()).contains("licenses.allowSourceMismatch: the declaration says Apache-2.0 (permissive) but "
                    + "hf://meta-llama/Llama-3.1-8B-Instruct states llama3.1")
                    .contains("source: verified at 0e9e39f249a16976918f6564b8830bc894c89659; license llama3.1")
                    .contains("1 compliant, 1 refused");
        } finally {
            System.clearProperty("openmodel.hf.endpoint");
        }
    }
}
