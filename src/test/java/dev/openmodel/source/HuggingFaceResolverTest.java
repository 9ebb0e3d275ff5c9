package dev.openmodel.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.testing.FakeHub;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HuggingFaceResolverTest {
    static FakeHub hub;
    static HuggingFaceResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        hub = FakeHub.start();
        resolver = new HuggingFaceResolver(hub.endpoint(), Duration.ofSeconds(5), 2, 4);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void readsTheCommitLicenseFilesGatingAndParameters() {
        SourceFacts f = resolver.resolve("hf://meta-llama/Llama-3.1-8B-Instruct", null, null);
        assertThat(f.verified()).isTrue();
        assertThat(f.resolvedRevision()).isEqualTo("0e9e39f249a16976918f6564b8830bc894c89659");
        assertThat(f.license()).isEqualTo("llama3.1");
        assertThat(f.gated()).isEqualTo("manual");
        assertThat(f.weightFormats()).containsExactlyInAnyOrder("safetensors", "pickle");
        assertThat(f.parameters()).isEqualTo(8030261248L);
        assertThat(f.dtype()).isEqualTo("BF16");
        assertThat(f.architectures()).containsExactly("LlamaForCausalLM");
        assertThat(f.remoteCode()).isFalse();
    }

    @Test
    void picklesAreTheWeightsWhenNothingElseShipsAndTrainingStateIsNotWeights() {
        SourceFacts f = resolver.resolve("hf://example-org/pickle-only", null, null);
        assertThat(f.weightFormats()).containsExactly("pickle");
        assertThat(WeightFiles.formats(java.util.List.of("training_args.bin", "optimizer.pt"))).isEmpty();
    }

    @Test
    void autoMapInTheConfigMeansRemoteCode() {
        assertThat(resolver.resolve("hf://microsoft/Phi-3-mini-4k-instruct", null, null).remoteCode()).isTrue();
    }

    @Test
    void whatCannotBeReadIsUnverifiedWithTheReason() throws Exception {
        assertThat(resolver.resolve("hf://nobody/nothing", null, null).reason()).contains("nobody/nothing revision main was not found at " + hub.endpoint());
        HuggingFaceResolver closed = new HuggingFaceResolver("http://127.0.0.1:1", Duration.ofSeconds(2), 1, 1);
        SourceFacts refused = closed.resolve("hf://a/b", null, null);
        assertThat(refused.verification()).isEqualTo(SourceFacts.Verification.UNVERIFIED);
        assertThat(refused.reason()).startsWith("the Hub could not be read (ConnectException");
        try (FakeHub hanging = FakeHub.hanging()) {
            SourceFacts timedOut = new HuggingFaceResolver(hanging.endpoint(), Duration.ofMillis(500), 1, 1).resolve("hf://a/b", null, null);
            assertThat(timedOut.reason()).contains("HttpTimeoutException");
        }
    }
}
