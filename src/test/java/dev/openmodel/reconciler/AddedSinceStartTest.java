package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AddedSinceStartTest {

    static Node node(String name, String uid) {
        return new NodeBuilder().withNewMetadata().withName(name).withUid(uid).endMetadata().build();
    }

    @Test
    void beforeTheFirstReconcileNoAddIsNeeded() {
        AddedSinceStart<Node> filter = new AddedSinceStart<>();
        assertThat(filter.accept(node("a", "1"))).isFalse();
        assertThat(filter.remembered()).isFalse();
    }

    @Test
    void listedObjectsAreDroppedAndLaterOnesPass() {
        AddedSinceStart<Node> filter = new AddedSinceStart<>();
        filter.remember(Stream.of(node("a", "1"), node("b", "2")));
        assertThat(filter.accept(node("a", "1"))).isFalse();
        assertThat(filter.accept(node("b", "2"))).isFalse();
        assertThat(filter.accept(node("c", "3"))).as("created after the first reconcile").isTrue();
        assertThat(filter.accept(node("a", "4"))).as("deleted and created again under its name").isTrue();
    }

    @Test
    void onlyTheFirstSnapshotCounts() {
        AddedSinceStart<Node> filter = new AddedSinceStart<>();
        filter.remember(Stream.of(node("a", "1")));
        filter.remember(Stream.of(node("a", "1"), node("c", "3")));
        assertThat(filter.accept(node("c", "3"))).isTrue();
    }
}
