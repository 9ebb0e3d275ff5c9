package dev.openmodel.policy;

import dev.openmodel.api.v1alpha1.OpenModelSpec;
import dev.openmodel.api.v1alpha1.OpennessComponent;
import dev.openmodel.license.LicenseResolver;
import dev.openmodel.license.ResolvedLicense;
import dev.openmodel.openness.DeclaredComponent;
import dev.openmodel.openness.MofComponent;
import dev.openmodel.openness.OpennessAssessment;
import dev.openmodel.openness.OpennessClassifier;
import dev.openmodel.serving.EngineDefaults;
import dev.openmodel.api.v1alpha1.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.openmodel.openness.MofModelFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Works out the facts of an OpenModel spec: resolved license, openness, supply chain. Pure. */
public final class ModelAssessor {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ModelAssessor() {
    }

    public static ModelFacts facts(String name, OpenModelSpec spec) {
        var license = spec.license;
        ResolvedLicense resolved = license == null ? LicenseResolver.resolve((String) null) : LicenseResolver.resolve(license.id, license.name);
        List<DeclaredComponent> components = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (spec.openness != null && spec.openness.mofDeclaration != null && !spec.openness.mofDeclaration.isBlank()) {
            try {
                JsonNode document = YAML.readTree(spec.openness.mofDeclaration);
                if (MofModelFile.looksLike(document)) {
                    components.addAll(MofModelFile.from(document).components());
                } else {
                    problems.add("spec.openness.mofDeclaration is not a Model Openness Framework model YAML (no release.components); it was ignored");
                }
            } catch (IOException e) {
                problems.add("spec.openness.mofDeclaration is not valid YAML and was ignored: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        if (spec.openness != null && spec.openness.components != null) {
            for (OpennessComponent c : spec.openness.components) {
                MofComponent component = MofComponent.fromName(c.name).orElse(null);
                if (component == null) {
                    problems.add("spec.openness.components: '" + c.name + "' is not a Model Openness Framework component; it was ignored");
                    continue;
                }
                components.removeIf(d -> d.component() == component);
                components.add(new DeclaredComponent(component, c.license));
            }
        }
        ModelFacts facts = facts(name, spec, resolved, components);
        return facts.withOpenness(facts.openness().withFindingsFirst(problems));
    }

    /** Facts from a MOF model declaration alone: license and openness, no supply chain to check. */
    public static ModelFacts mofFacts(String name, ResolvedLicense license, List<DeclaredComponent> components) {
        return new ModelFacts(name, null, null, null, false, null, license, List.of(), OpennessClassifier.assess(components, license));
    }

    public static ModelFacts facts(String name, OpenModelSpec spec, ResolvedLicense license, List<DeclaredComponent> components) {
        OpennessAssessment openness = OpennessClassifier.assess(components, license);
        var model = spec.model;
        Engine engine = spec.serving == null || spec.serving.engine == null ? Engine.vllm : spec.serving.engine;
        String image = spec.serving != null && spec.serving.image != null && !spec.serving.image.isBlank() ? spec.serving.image
                : EngineDefaults.of(engine).image();
        List<String> accepted = spec.license == null || spec.license.acceptTerms == null ? List.of() : spec.license.acceptTerms;
        return new ModelFacts(name, model == null ? "" : model.uri, model == null ? null : model.revision,
                model == null || model.format == null ? "safetensors" : model.format.name(), model != null && model.trustRemoteCode, image,
                license, accepted, openness);
    }
}
