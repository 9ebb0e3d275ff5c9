package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.source.SourceFacts;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AssessmentMemoTest {
    final AssessmentMemo memo = new AssessmentMemo();
    final Optional<SourceFacts> source = Optional.of(SourceFacts.unverified("not read"));

    static OpenModel model(String uid, Long generation, String license) {
        OpenModel m = ModelGateTest.model(null);
        m.getMetadata().setUid(uid);
        m.getMetadata().setGeneration(generation);
        m.getSpec().license.id = license;
        return m;
    }

    @Test
    void theSameSpecAndSourceAreAssessedOnce() {
        var first = memo.get(model("u1", 1L, "apache-2.0"), source, id -> true);
        // another reconcile: a new copy of the same model from the informer, same generation
        assertThat(memo.get(model("u1", 1L, "apache-2.0"), source, id -> true)).isSameAs(first);
        assertThat(first.facts().license().toString()).contains("Apache-2.0");
    }

    @Test
    void aNewGenerationANewSourceOrANewModelUnderTheNameAreAssessedAgain() {
        var first = memo.get(model("u1", 1L, "apache-2.0"), source, id -> true);
        var edited = memo.get(model("u1", 2L, "mit"), source, id -> true);
        assertThat(edited).isNotSameAs(first);
        assertThat(edited.facts().license().toString()).contains("MIT");
        var reread = memo.get(model("u1", 2L, "mit"), Optional.of(SourceFacts.unverifiable("gone")), id -> true);
        assertThat(reread).isNotSameAs(edited);
        assertThat(memo.get(model("u2", 2L, "mit"), Optional.of(SourceFacts.unverifiable("gone")), id -> true)).isNotSameAs(reread);
    }

    @Test
    void aModelNotServedByTheApiServerIsNotRemembered() {
        var first = memo.get(model(null, null, "apache-2.0"), source, id -> true);
        assertThat(memo.get(model(null, null, "apache-2.0"), source, id -> true)).isNotSameAs(first).isEqualTo(first);
        assertThat(memo.size()).isZero();
    }

    @Test
    void theGateDecidesFromTheRememberedAssessmentAsFromAFreshOne() {
        OpenModel m = model("u1", 1L, "apache-2.0");
        var remembered = memo.get(m, source, id -> true);
        assertThat(ModelGate.evaluate(m, name -> Optional.empty(), Optional.empty(), source, remembered))
                .isEqualTo(ModelGate.evaluate(m, name -> Optional.empty(), Optional.empty(), source));
    }

    @Test
    void entriesOfDeletedModelsArePruned() {
        for (int i = 0; i < 1100; i++) {
            OpenModel m = model("u" + i, 1L, "apache-2.0");
            m.getMetadata().setName("m" + i);
            memo.get(m, source, id -> false);
        }
        assertThat(memo.size()).isLessThan(1100);
    }
}
