package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.api.v1alpha1.SourceStatus;
import dev.openmodel.source.SourceFacts;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Source facts to status and back: the status is the durable copy, so a restarted operator need not read every source again. */
final class SourceStatuses {
    static final String RESOLVING = "Resolving";

    private SourceStatuses() {
    }

    static SourceStatus of(OpenModel model, SourceFacts f) {
        SourceStatus s = new SourceStatus();
        s.uri = model.getSpec().model.uri;
        s.revision = model.getSpec().model.revision;
        if (f == null) {
            s.verification = RESOLVING;
            return s;
        }
        s.verification = switch (f.verification()) {
            case VERIFIED -> "Verified";
            case UNVERIFIED -> "Unverified";
            case UNVERIFIABLE -> "Unverifiable";
        };
        s.reason = f.reason();
        s.resolvedRevision = f.resolvedRevision();
        s.license = f.license();
        s.licenseName = f.licenseName();
        s.formats = f.weightFormats().isEmpty() ? null : List.copyOf(new TreeSet<>(f.weightFormats()));
        s.remoteCode = f.remoteCode() ? Boolean.TRUE : null;
        s.gated = f.gated();
        s.parameters = f.parameters();
        s.dtype = f.dtype();
        s.architectures = f.architectures().isEmpty() ? null : f.architectures();
        s.details = f.details().isEmpty() ? null : f.details();
        return s;
    }

    /**
     * The facts recorded in status for the spec's current source, if any: after a restart or a
     * fail-over they stand until the source is read again, so a served model is not paused
     * (Resolving) for a read whose answer it already has.
     */
    static SourceFacts recorded(OpenModel model) {
        SourceStatus s = model.getStatus() == null ? null : model.getStatus().source;
        if (s == null || s.verification == null || RESOLVING.equals(s.verification) || !Objects.equals(s.uri, model.getSpec().model.uri)
                || !Objects.equals(s.revision, model.getSpec().model.revision)) {
            return null;
        }
        if (!"Verified".equals(s.verification)) {
            return "Unverifiable".equals(s.verification) ? SourceFacts.unverifiable(s.reason) : SourceFacts.unverified(s.reason);
        }
        return new SourceFacts(SourceFacts.Verification.VERIFIED, null, s.resolvedRevision, s.license, s.licenseName,
                s.formats == null ? Set.of() : Set.copyOf(s.formats), Boolean.TRUE.equals(s.remoteCode), s.gated, s.parameters, s.dtype,
                s.architectures == null ? List.of() : s.architectures, s.details == null ? List.of() : s.details);
    }
}
