package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MatchMemoTest {
    final MatchMemo memo = new MatchMemo();
    final AtomicInteger compared = new AtomicInteger();
    final ResourceID model = new ResourceID("m", "ns");

    static Deployment deployment(long generation, String resourceVersion, Map<String, String> labels) {
        return new DeploymentBuilder().withNewMetadata().withName("m").withNamespace("ns").withUid("u1").withGeneration(generation)
                .withResourceVersion(resourceVersion).withLabels(labels).endMetadata()
                .withNewStatus().withReadyReplicas(Integer.valueOf(resourceVersion)).endStatus().build();
    }

    Matcher.Result<Deployment> match(Object inputs, MatchMemo.Shape shape, boolean answer) {
        return memo.match(model, inputs, shape, () -> {
            compared.incrementAndGet();
            return Matcher.Result.nonComputed(answer);
        }, id -> true);
    }

    @Test
    void aMatchHoldsWhileNeitherTheInputsNorWhatTheComparisonReadsChange() {
        assertThat(match("in", MatchMemo.Shape.byGeneration(deployment(1, "10", Map.of("a", "b"))), true).matched()).isTrue();
        // the Deployment controller reported progress: new resourceVersion and status, same generation and metadata
        assertThat(match("in", MatchMemo.Shape.byGeneration(deployment(1, "11", Map.of("a", "b"))), true).matched()).isTrue();
        assertThat(compared).hasValue(1);
    }

    @Test
    void anyChangeComparesAgain() {
        match("in", MatchMemo.Shape.byGeneration(deployment(1, "10", Map.of("a", "b"))), true);
        match("in", MatchMemo.Shape.byGeneration(deployment(2, "12", Map.of("a", "b"))), true); // spec edited
        match("in", MatchMemo.Shape.byGeneration(deployment(2, "13", Map.of())), true); // a label removed
        match("other", MatchMemo.Shape.byGeneration(deployment(2, "13", Map.of())), true); // the model changed
        assertThat(compared).hasValue(4);
        match("other", MatchMemo.Shape.byResourceVersion(deployment(2, "13", Map.of())), true);
        match("other", MatchMemo.Shape.byResourceVersion(deployment(2, "14", Map.of())), true); // any change of an object without generation
        assertThat(compared).hasValue(6);
    }

    @Test
    void aMismatchIsNeverRemembered() {
        var shape = MatchMemo.Shape.byGeneration(deployment(1, "10", Map.of()));
        assertThat(match("in", shape, false).matched()).isFalse();
        assertThat(match("in", shape, false).matched()).isFalse();
        assertThat(compared).hasValue(2);
        // nor does it leave an earlier match behind
        var edited = MatchMemo.Shape.byGeneration(deployment(2, "11", Map.of()));
        match("in", shape, true);
        assertThat(match("in", edited, false).matched()).isFalse();
        assertThat(match("in", shape, false).matched()).as("compared again").isFalse();
        assertThat(compared).hasValue(5);
    }

    @Test
    void entriesOfObjectsThatAreGoneArePruned() {
        Set<ResourceID> live = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            ResourceID id = new ResourceID("m" + i, "ns");
            if (i >= 2500) {
                live.add(id);
            }
            memo.match(id, "in", MatchMemo.Shape.byResourceVersion(deployment(1, "1", Map.of())), () -> Matcher.Result.nonComputed(true), live::contains);
        }
        assertThat(memo.size()).isLessThan(1100);
    }
}
