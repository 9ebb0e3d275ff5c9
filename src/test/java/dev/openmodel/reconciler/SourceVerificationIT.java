package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.ModelPolicy;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.testing.FakeHub;
import dev.openmodel.testing.LocalRegistry;
import land.oras.Annotations;
import land.oras.ArtifactType;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.LocalPath;
import land.oras.Manifest;
import land.oras.Registry;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.TestOperator;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gate reads what the source says (a local server answering the Hub API) and refuses declarations that do not match it. */
class SourceVerificationIT {
    @RegisterExtension
    static LocalCluster cluster = new LocalCluster();

    static KubernetesClient client;
    static TestOperator operator;
    static Models models;
    static FakeHub hub;
    static FakeHub hungRegistry;

    @BeforeAll
    static void start() throws Exception {
        hub = FakeHub.start();
        hungRegistry = FakeHub.hanging();
        System.setProperty("openmodel.hf.endpoint", hub.endpoint());
        System.setProperty("openmodel.source.timeout-seconds", "3");
        SourceCache.reset();
        client = LocalCluster.client();
        operator = TestOperator.start(client, cluster.namespace());
        models = new Models(client, cluster.namespace());
    }

    @AfterAll
    static void stop() {
        operator.close();
        client.resources(OpenModel.class).inNamespace(cluster.namespace()).delete();
        client.resources(ModelPolicy.class).withName(cluster.namespace() + "-verified").delete();
        hungRegistry.close();
        hub.close();
        System.clearProperty("openmodel.hf.endpoint");
        System.clearProperty("openmodel.source.timeout-seconds");
        SourceCache.reset();
    }

    @Test
    void aLicenseThatContradictsTheSourceIsRefusedNamingBoth() {
        apply("llama-as-apache", "hf://meta-llama/Llama-3.1-8B-Instruct", "{id: apache-2.0}", "");
        String message = refusal("llama-as-apache");
        assertThat(message).contains("licenses.allowSourceMismatch: the declaration says Apache-2.0 (permissive) but "
                + "hf://meta-llama/Llama-3.1-8B-Instruct states llama3.1 (LicenseRef-llama3.1, use-restricted)");
        assertThat(message).contains("source.gated: hf://meta-llama/Llama-3.1-8B-Instruct is gated (manual)");
        OpenModel m = models.get("llama-as-apache");
        assertThat(m.getStatus().source.verification).isEqualTo("Verified");
        assertThat(m.getStatus().source.license).isEqualTo("llama3.1");
        assertThat(m.getStatus().source.parameters).isEqualTo(8030261248L);
        assertThat(m.getStatus().source.dtype).isEqualTo("BF16");
    }

    @Test
    void safetensorsDeclaredForPickleOnlyWeightsIsRefusedAsPickle() {
        apply("pickle-only", "hf://example-org/pickle-only", "{id: apache-2.0}", "");
        assertThat(refusal("pickle-only")).contains("supplyChain.allowedFormats: declared safetensors, but hf://example-org/pickle-only "
                + "ships only pickle weights");
    }

    @Test
    void bothFormatsAtTheSourceServeSafetensorsOnlyPinnedToTheVerifiedCommit() {
        apply("pythia", "hf://EleutherAI/pythia-160m", "{id: apache-2.0}", "");
        OpenModel m = models.awaitCondition("pythia", Conditions.READY, "True");
        String commit = "50f5173d932e8e61f858120bcb800b97af589f46";
        assertThat(m.getStatus().source.resolvedRevision).isEqualTo(commit);
        assertThat(m.getStatus().source.formats).containsExactly("pickle", "safetensors");
        List<String> args = deployment("pythia").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(String.join(" ", args)).contains("--load-format safetensors").contains("--revision " + commit);
    }

    @Test
    void autoMapWithoutTrustRemoteCodeIsRefusedBeforeScheduling() {
        apply("phi3", "hf://microsoft/Phi-3-mini-4k-instruct", "{id: mit}", "");
        assertThat(refusal("phi3")).contains("source.remoteCode: the config of hf://microsoft/Phi-3-mini-4k-instruct has auto_map");
    }

    @Test
    void anUnreadableSourceIsUnverifiedServedByDefaultAndRefusedWhenVerificationIsRequired() {
        apply("not-found", "hf://nobody/nothing", "{id: apache-2.0}", "");
        OpenModel served = models.awaitCondition("not-found", Conditions.READY, "True");
        assertThat(served.getStatus().source.verification).isEqualTo("Unverified");
        assertThat(served.getStatus().source.reason).contains("nobody/nothing revision main was not found at " + hub.endpoint());

        String policy = cluster.namespace() + "-verified";
        assertThat(cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: ModelPolicy
                metadata: {name: %s}
                spec: {supplyChain: {requireVerifiedSource: true}}
                """.formatted(policy), "apply", "-f", "-").exitCode()).isZero();
        apply("must-verify", "hf://nobody/nothing", "{id: apache-2.0}", "policyRef: {name: " + policy + "}");
        assertThat(refusal("must-verify")).contains("supplyChain.requireVerifiedSource: hf://nobody/nothing could not be verified");
        apply("pvc-must-verify", "pvc://weights/model", "{id: apache-2.0}", "policyRef: {name: " + policy + "}");
        assertThat(refusal("pvc-must-verify")).contains("pvc:// sources cannot be verified");
    }

    @Test
    void aHundredModelsOnAHungRegistryDoNotDelayAModelWhoseSourceAnswers() {
        String hung = IntStream.range(0, 100).mapToObj(i -> """
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: hung-%d}
                spec: {model: {uri: "oci://%s/models/m%d:v1"}, license: {id: apache-2.0}}
                """.formatted(i, hungRegistry.hostPort(), i)).collect(Collectors.joining("---\n"));
        assertThat(cluster.kubectl(hung, "apply", "-f", "-").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> hungRegistry.requests() > 0);

        apply("answers", "hf://Qwen/Qwen2.5-7B-Instruct", "{id: apache-2.0}", "");
        models.awaitCondition("answers", Conditions.READY, "True");
        long stillWaiting = IntStream.range(0, 100).mapToObj(i -> models.get("hung-" + i))
                .filter(m -> m.getStatus() != null && m.getStatus().conditions.stream()
                        .anyMatch(c -> c.getType().equals(Conditions.READY) && c.getReason().equals("Resolving")))
                .count();
        assertThat(stillWaiting).as("models still waiting for the hung registry when the healthy one is Ready").isGreaterThan(50);
        assertThat(deployment("hung-0")).as("nothing is created while a source is read").isNull();
    }

    @Test
    void aModelPackArtifactInARealRegistryIsReadItsTagPinnedToItsDigest() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            Registry oras = Registry.builder().insecure().build();
            ContainerRef ref = ContainerRef.parse(registry.hostPort() + "/models/tiny:v1");
            byte[] config = """
                    {"descriptor": {"name": "tiny", "licenses": ["Apache-2.0"], "sourceURL": "https://example.com/tiny"},
                     "config": {"architecture": "transformer", "format": "safetensors", "paramSize": "0.5b", "precision": "bf16"},
                     "modelfs": {"type": "layers", "diff_ids": []}}""".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Layer configBlob = oras.pushBlob(ref, config);
            java.nio.file.Path weights = java.nio.file.Files.createTempDirectory("tiny").resolve("model.safetensors");
            java.nio.file.Files.write(weights, new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '});
            Manifest pushed = oras.pushArtifact(ref, ArtifactType.from("application/vnd.cncf.model.manifest.v1+json"), Annotations.empty(),
                    Config.fromBlob("application/vnd.cncf.model.config.v1+json", configBlob),
                    LocalPath.of(weights, "application/vnd.cncf.model.weight.v1.raw"));
            String digest = oras.getDescriptor(ref).getDigest();
            assertThat(pushed).isNotNull();

            String uri = "oci://" + registry.hostPort() + "/models/tiny:v1";
            apply("modelpack", uri, "{id: apache-2.0}", "");
            OpenModel m = models.awaitCondition("modelpack", Conditions.READY, "True");
            assertThat(m.getStatus().source.verification).isEqualTo("Verified");
            assertThat(m.getStatus().source.resolvedRevision).isEqualTo(digest);
            assertThat(m.getStatus().source.license).isEqualTo("Apache-2.0");
            assertThat(m.getStatus().source.parameters).isEqualTo(500_000_000L);
            assertThat(m.getStatus().source.dtype).isEqualTo("bf16");
            assertThat(m.getStatus().source.formats).containsExactly("safetensors");
            assertThat(m.getStatus().source.details).contains("a CNCF ModelPack artifact");
            assertThat(deployment("modelpack").getSpec().getTemplate().getSpec().getVolumes())
                    .anySatisfy(v -> assertThat(v.getImage() == null ? null : v.getImage().getReference())
                            .isEqualTo(registry.hostPort() + "/models/tiny@" + digest));

            apply("modelpack-as-mit", uri, "{id: mit}", "");
            assertThat(refusal("modelpack-as-mit")).contains("licenses.allowSourceMismatch: the declaration says MIT (permissive) but " + uri
                    + " states Apache-2.0 (Apache-2.0, permissive)");
        }
    }

    private String refusal(String name) {
        OpenModel m = models.awaitCondition(name, Conditions.POLICY_COMPLIANT, "False");
        assertThat(deployment(name)).isNull();
        return Models.condition(m, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage();
    }

    private void apply(String name, String uri, String license, String extra) {
        LocalCluster.Result r = cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: %s}
                spec:
                  model: {uri: "%s"}
                  license: %s
                  %s
                """.formatted(name, uri, license, extra), "apply", "-f", "-");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(cluster.namespace()).withName(name).get();
    }
}
