package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.LicenseStatus;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.api.v1alpha1.OpenModelStatus;
import dev.openmodel.api.v1alpha1.OpennessStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ModelMetricsTest {

    static OpenModel model(String ready, String category, String mofClass, String compliant) {
        OpenModel m = new OpenModel();
        if (ready == null) {
            return m;
        }
        OpenModelStatus status = new OpenModelStatus();
        status.conditions = new Conditions(List.of(), 1, "2026-01-01T00:00:00Z").set(Conditions.READY, "False", ready, "-")
                .set(Conditions.POLICY_COMPLIANT, compliant, "R", "-").build();
        status.license = new LicenseStatus();
        status.license.category = category;
        status.openness = new OpennessStatus();
        status.openness.mofClass = mofClass;
        m.setStatus(status);
        return m;
    }

    @Test
    void oneCountingPassGivesEveryGauge() {
        var snapshot = ModelMetrics.Snapshot.of(Stream.of(model("Ready", "permissive", "ClassII", "True"), model("Ready", "permissive", "ClassIII", "True"),
                model("PolicyViolation", "non-commercial", "Unclassified", "False"), model(null, null, null, null)), 0);
        assertThat(snapshot.count("openmodel.models", "Ready")).isEqualTo(2);
        assertThat(snapshot.count("openmodel.models", "PolicyViolation")).isEqualTo(1);
        assertThat(snapshot.count("openmodel.models", "Unknown")).as("no status yet").isEqualTo(1);
        assertThat(snapshot.count("openmodel.models", "Unschedulable")).isZero();
        assertThat(snapshot.count("openmodel.models.license", "permissive")).isEqualTo(2);
        assertThat(snapshot.count("openmodel.models.openness", "ClassIII")).isEqualTo(1);
        assertThat(snapshot.count("openmodel.models.policy", "true")).isEqualTo(2);
        assertThat(snapshot.count("openmodel.models.policy", "false")).isEqualTo(1);
    }
}
