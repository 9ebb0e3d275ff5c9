package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * An object the operator server-side applies for a model under the model's own name and
 * namespace (its Deployment, its Service), compared with the desired state only when something
 * the comparison reads has changed since it last matched ({@link MatchMemo}).
 */
public abstract class ModelNamedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, OpenModel> {
    private final MatchMemo memo = new MatchMemo();

    protected ModelNamedDependent(Class<R> type) {
        super(type);
    }

    /** Everything {@code desired} reads besides the model's name and namespace, compared by {@code equals}. */
    protected abstract Object inputs(OpenModel model, Context<OpenModel> context);

    /** What the SDK's comparison reads of the actual object. */
    protected abstract MatchMemo.Shape shape(R actual);

    /** The SDK's comparison, skipped while neither the inputs nor the object changed since it last matched. */
    @Override
    public Matcher.Result<R> match(R actual, OpenModel model, Context<OpenModel> context) {
        return memo.match(ResourceID.fromResource(model), inputs(model, context), shape(actual), () -> super.match(actual, model, context),
                id -> eventSource().flatMap(s -> s.get(id)).isPresent());
    }

    /**
     * The object has its model's name and namespace. The SDK's default renders the whole desired
     * object to learn that, on every reconcile: 8.6% of the operator's CPU in a 1000-model rollout (JFR).
     */
    @Override
    protected ResourceID targetSecondaryResourceID(OpenModel model, Context<OpenModel> context) {
        return ResourceID.fromResource(model);
    }
}
