package dev.openmodel.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.AcceleratorSpec;
import dev.openmodel.api.v1alpha1.Engine;
import dev.openmodel.api.v1alpha1.EnvVarSpec;
import dev.openmodel.api.v1alpha1.LicenseSpec;
import dev.openmodel.api.v1alpha1.ModelFormat;
import dev.openmodel.api.v1alpha1.ModelSource;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.api.v1alpha1.OpenModelSpec;
import dev.openmodel.api.v1alpha1.OpennessComponent;
import dev.openmodel.api.v1alpha1.OpennessSpec;
import dev.openmodel.api.v1alpha1.ResourcesSpec;
import dev.openmodel.api.v1alpha1.ServingSpec;
import dev.openmodel.reconciler.ModelGateAccess;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any spec the API server admits renders and is gated without an exception escaping. */
class RenderAndGatePropertiesTest {

    @Property(tries = 1000)
    void noAdmittedSpecMakesTheRendererOrTheGateThrow(@ForAll("models") OpenModel model) {
        var gate = ModelGateAccess.evaluate(model);
        assertThat(gate.decision()).isNotNull();
        Deployment d = InferenceServer.deployment(model, 1);
        assertThat(d.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        assertThat(InferenceServer.service(model).getSpec().getPorts()).hasSize(1);
        if (gate.decision().allowsServing() && model.getSpec().serving != null && model.getSpec().serving.args != null) {
            // What the gate let through carries no flag it owns.
            assertThat(EngineOverrides.find(InferenceServer.engine(model), model.getSpec().serving.args, model.getSpec().serving.env)).isEmpty();
        }
    }

    @Provide
    Arbitrary<OpenModel> models() {
        Arbitrary<String> segment = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> uri = Arbitraries.oneOf(
                Combinators.combine(segment, segment).as((a, b) -> "hf://" + a + "/" + b),
                Combinators.combine(segment, segment).as((a, b) -> "oci://registry." + a + ".io/" + b + ":v1"),
                Combinators.combine(segment, segment).as((a, b) -> "pvc://" + a + "/" + b),
                Combinators.combine(segment, segment).as((a, b) -> "s3://" + a + "bucket/" + b));
        Arbitrary<String> license = Arbitraries.oneOf(Arbitraries.of("apache-2.0", "mit", "llama3.1", "cc-by-nc-4.0", "other", "gemma",
                "Apache-2.0 OR MIT", "((((MIT))))", "MIT WITH Foo"), Arbitraries.strings().ofMinLength(1).ofMaxLength(256));
        Arbitrary<String> arg = Arbitraries.oneOf(Arbitraries.of("--trust-remote-code", "--revision", "--model", "-m", "--load_format=pt",
                "--max-model-len", "4096", "--port=1", "--", "--config"), Arbitraries.strings().ofMaxLength(40));
        Arbitrary<EnvVarSpec> env = Combinators.combine(Arbitraries.of("A", "HF_ENDPOINT", "MODEL_ID", "LLAMA_ARG_MODEL", "X_Y"),
                Arbitraries.strings().ofMaxLength(20)).as((n, v) -> {
                    EnvVarSpec e = new EnvVarSpec();
                    e.name = n;
                    e.value = v;
                    return e;
                });
        Arbitrary<String> parameters = Combinators.combine(Arbitraries.integers().between(0, 999999), Arbitraries.of("K", "M", "B", "T"))
                .as((n, u) -> n + u);
        return Combinators.combine(uri, license, Arbitraries.of(ModelFormat.class), parameters.injectNull(0.3), Arbitraries.of(Engine.class),
                arg.list().ofMaxSize(8).injectNull(0.3), env.list().ofMaxSize(4).injectNull(0.5), Arbitraries.integers().between(1, 64))
                .as((u, l, format, params, engine, args, envs, count) -> {
                    OpenModel m = new OpenModel();
                    m.getMetadata().setName("m");
                    m.getMetadata().setNamespace("ns");
                    OpenModelSpec spec = new OpenModelSpec();
                    spec.model = new ModelSource();
                    spec.model.uri = u;
                    spec.model.format = format;
                    spec.model.parameters = params;
                    spec.model.trustRemoteCode = count % 3 == 0;
                    spec.license = new LicenseSpec();
                    spec.license.id = l;
                    spec.license.name = "n";
                    spec.serving = new ServingSpec();
                    spec.serving.engine = engine;
                    spec.serving.args = args;
                    spec.serving.env = envs;
                    spec.resources = new ResourcesSpec();
                    spec.resources.accelerator = new AcceleratorSpec();
                    spec.resources.accelerator.count = count;
                    spec.resources.accelerator.product = count % 2 == 0 ? "NVIDIA-H100-80GB-HBM3" : null;
                    spec.openness = new OpennessSpec();
                    OpennessComponent c = new OpennessComponent();
                    c.name = count % 2 == 0 ? "model-card" : "not-a-component";
                    c.license = l;
                    spec.openness.components = List.of(c);
                    spec.openness.mofDeclaration = count % 5 == 0 ? "release: {components: [" : null;
                    m.setSpec(spec);
                    return m;
                });
    }
}
