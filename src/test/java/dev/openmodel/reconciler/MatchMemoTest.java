package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MatchMemoTest {
    final MatchMemo memo = new MatchMemo();
    final AtomicInteger compared = new AtomicInteger();
    final ResourceID model = new ResourceID("m", "ns");

    /** The operator's Apply entry owning these labels (a fresh copy each time, as each decode makes one). */
    static ManagedFieldsEntry owned(String time, String... labels) {
        Map<String, Object> owned = new LinkedHashMap<>();
        for (String label : labels) {
            owned.put("f:" + label, new LinkedHashMap<>());
        }
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("f:metadata", new LinkedHashMap<>(Map.of("f:labels", owned))));
        FieldsV1 v1 = new FieldsV1();
        v1.setAdditionalProperties(fields);
        return new ManagedFieldsEntryBuilder().withManager(OpenModelReconciler.FIELD_MANAGER).withOperation("Apply").withApiVersion("apps/v1")
                .withTime(time).withFieldsType("FieldsV1").withFieldsV1(v1).build();
    }

    static ManagedFieldsEntry foreign(String manager, String time) {
        return new ManagedFieldsEntryBuilder().withManager(manager).withOperation("Update").withApiVersion("apps/v1").withTime(time).build();
    }

    static Deployment deployment(String uid, Long generation, String resourceVersion, Map<String, String> labels, List<ManagedFieldsEntry> entries) {
        return new DeploymentBuilder().withNewMetadata().withName("m").withNamespace("ns").withUid(uid).withGeneration(generation)
                .withResourceVersion(resourceVersion).withLabels(labels).withManagedFields(entries).endMetadata()
                .withNewStatus().withReadyReplicas(Integer.valueOf(resourceVersion)).endStatus().build();
    }

    static MatchMemo.Shape shape(Long generation, String resourceVersion, ManagedFieldsEntry... entries) {
        return MatchMemo.Shape.of(deployment("u1", generation, resourceVersion, Map.of("a", "b"), List.of(entries)));
    }

    Matcher.Result<Deployment> match(Object inputs, MatchMemo.Shape shape, boolean answer) {
        return memo.match(model, inputs, shape, () -> {
            compared.incrementAndGet();
            return Matcher.Result.nonComputed(answer);
        }, id -> true);
    }

    @Test
    void aMatchHoldsWhileNeitherTheInputsNorWhatTheOperatorOwnsChange() {
        assertThat(match("in", shape(1L, "10", owned("t1", "a")), true).matched()).isTrue();
        // the Deployment controller reported progress and annotated its revision: new resourceVersion,
        // status and entry of its own; same generation and the same entry of the operator's
        assertThat(match("in", shape(1L, "11", foreign("kube-controller-manager", "t2"), owned("t1", "a")), true).matched()).isTrue();
        // a kind without a generation (a Service) whose resourceVersion moved for someone else's field
        assertThat(match("in", shape(null, "12", owned("t1", "a")), true).matched()).as("compared: no generation is a change").isTrue();
        assertThat(match("in", shape(null, "13", owned("t1", "a")), true).matched()).isTrue();
        assertThat(compared).hasValue(2);
    }

    @Test
    void anyChangeOfTheSpecOrOfWhatTheOperatorOwnsComparesAgain() {
        match("in", shape(1L, "10", owned("t1", "a", "b")), true);
        match("in", shape(2L, "12", owned("t1", "a", "b")), true); // spec edited
        match("in", shape(2L, "13", owned("t1", "a")), true); // label b changed or removed by someone else: no longer the operator's
        match("in", shape(2L, "14", owned("t2", "a")), true); // the operator applied again
        match("in", shape(2L, "15"), true); // the operator's entry gone
        match("other", shape(2L, "15"), true); // the model changed
        assertThat(compared).hasValue(6);
        match("other", MatchMemo.Shape.of(deployment("u2", 2L, "15", Map.of(), List.of())), true); // another object under the name
        assertThat(compared).hasValue(7);
    }

    @Test
    void whatTheOperatorAppliedMatchesWithoutAComparison() {
        memo.applied(model, "in", shape(1L, "10", owned("t1", "a")), id -> true);
        // the informer's copy of the same object: equal, not the same instances
        assertThat(match("in", shape(1L, "11", owned("t1", "a")), true).matched()).isTrue();
        assertThat(compared).hasValue(0);
        // applied for other inputs than the reconcile now renders: compared
        memo.applied(model, "before", shape(1L, "10", owned("t1", "a")), id -> true);
        match("in", shape(1L, "11", owned("t1", "a")), true);
        assertThat(compared).hasValue(1);
    }

    @Test
    void aMismatchIsNeverRemembered() {
        var shape = shape(1L, "10", owned("t1", "a"));
        assertThat(match("in", shape, false).matched()).isFalse();
        assertThat(match("in", shape, false).matched()).isFalse();
        assertThat(compared).hasValue(2);
        // nor does it leave an earlier match behind
        var edited = shape(2L, "11", owned("t1", "a"));
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
            memo.match(id, "in", shape(1L, "1"), () -> Matcher.Result.nonComputed(true), live::contains);
        }
        assertThat(memo.size()).isLessThan(1100);
    }
}
