package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.source.SourceFacts;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Remembers each model's {@link ModelGate.Assessment} for the model's uid, generation and source
 * facts: a reconcile in which none of them changed (a pod was placed, a replica became ready, a
 * node was labelled) assesses the same spec against the same facts, and gets the same answer.
 * The API server bumps {@code metadata.generation} on every change of a custom resource's spec and
 * on no other; a model without uid or generation (never one served by the API server) is assessed
 * every time. What the policies, the namespace and the nodes decide is not remembered.
 */
final class AssessmentMemo {
    private record Key(String uid, long generation, Optional<SourceFacts> source) {
    }

    private record Entry(Key key, ModelGate.Assessment assessment) {
    }

    private final PerModel<Entry> assessed = new PerModel<>();

    /** @param exists whether a model is still there (the entries of deleted ones are pruned) */
    ModelGate.Assessment get(OpenModel model, Optional<SourceFacts> source, Predicate<ResourceID> exists) {
        var meta = model.getMetadata();
        if (meta.getUid() == null || meta.getGeneration() == null) {
            return ModelGate.Assessment.of(model, source);
        }
        ResourceID id = ResourceID.fromResource(model);
        Key key = new Key(meta.getUid(), meta.getGeneration(), source);
        Entry last = assessed.get(id);
        if (last != null && last.key().equals(key)) {
            return last.assessment();
        }
        ModelGate.Assessment assessment = ModelGate.Assessment.of(model, source);
        if (assessment.refused() == null) {
            assessed.put(id, new Entry(key, assessment), exists);
        }
        return assessment;
    }

    int size() {
        return assessed.size();
    }
}
