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
import java.util.ArrayList;
import java.util.List;

/** Works out the facts of an OpenModel spec: resolved license, openness, supply chain. Pure. */
public final class ModelAssessor {

    private ModelAssessor() {
    }

    public static ModelFacts facts(String name, OpenModelSpec spec) {
        var license = spec.license;
        ResolvedLicense resolved = license == null ? LicenseResolver.resolve((String) null) : LicenseResolver.resolve(license.id, license.name);
        List<DeclaredComponent> components = new ArrayList<>();
        if (spec.openness != null && spec.openness.components != null) {
            for (OpennessComponent c : spec.openness.components) {
                components.add(new DeclaredComponent(MofComponent.fromName(c.name).orElse(null), c.license));
            }
        }
        return facts(name, spec, resolved, components);
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
